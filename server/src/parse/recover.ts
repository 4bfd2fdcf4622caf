/**
 * Recovering what a paste scrambled, from the table's own arithmetic — and
 * only when the arithmetic makes the reading unique. Otherwise the caller
 * reports the row as unreadable; nothing here guesses.
 *
 *  - Glued digits: a flattened web page gives `713000074` for 71 3 0 0 0 0 74.
 *    The splits of the digit strings into the cells the row needs (no leading
 *    zeros, except `0` itself) are enumerated and those the arithmetic allows
 *    kept: in Table 3 a row's 总计 equals the sum of its six applicant columns,
 *    and the columns tie rows together (（七）总计 = the result rows; 一 + 二 =
 *    （七） + 四); in Table 4 each group's 总计 equals its four parts.
 *  - Runs out of order: a PDF extraction may print Table 4's numbers in runs
 *    interleaved with header fragments, not in column order. Runs are assigned
 *    to the three groups so that each group's total holds.
 */
import { MAX_DIGITS } from './text';
import { instanceHolds, t3Instances, t4Instances } from '../format/rules';
import { T3_2019_SINGLE_ROW, T3_ROWS, T4_COLUMNS, T4_GROUPS } from '../format/standard';

/** How many partial splits to try before giving up (a long glued row has too many). */
const SEARCH_LIMIT = 200_000;

/** The digits of a token that can be a glued run: ASCII or full-width digits only, no separators. */
export function gluedDigits(text: string): string | undefined {
  const digits = text.normalize('NFKC').replace(/&nbsp;?/gi, '').replace(/\s+/g, '');
  return /^\d+$/.test(digits) ? digits : undefined;
}

export interface SplitResult {
  /** Every split the arithmetic allows (deduplicated). */
  candidates: number[][];
  /** True when the search hit its limit: the candidates are incomplete. */
  exhausted: boolean;
}

/**
 * Split digit strings (in order) into `width` numbers, each piece without a
 * leading zero. `partial(values)` is asked after every number and may reject
 * a prefix early (group totals); `accept(values)` judges a complete split.
 */
export function splitDigits(
  strings: string[],
  width: number,
  accept: (values: number[]) => boolean,
  partial: (values: number[]) => boolean = () => true,
  /** How many numbers each string must give, when the layout says (a GFM cell and the blank cells after it). */
  counts?: readonly number[],
): SplitResult {
  const total = strings.reduce((n, s) => n + s.length, 0);
  const out = new Map<string, number[]>();
  let steps = 0;
  let exhausted = false;
  const values: number[] = [];
  // Parts still to cut from strings[i] onward: at least one per string.
  const walk = (i: number, pos: number, pieces = 0): void => {
    if (exhausted) return;
    if (++steps > SEARCH_LIMIT) {
      exhausted = true;
      return;
    }
    if (i === strings.length) {
      if (values.length === width && accept(values)) out.set(values.join(','), [...values]);
      return;
    }
    const s = strings[i];
    const remainingStrings = strings.length - i - 1;
    const left = width - values.length;
    if (left <= remainingStrings) return;
    // No piece longer than a cell's number can be; every piece tried counts towards the limit.
    for (let end = pos + 1; end <= s.length && end - pos <= MAX_DIGITS; end++) {
      if (++steps > SEARCH_LIMIT) {
        exhausted = true;
        return;
      }
      const piece = s.slice(pos, end);
      if (piece.length > 1 && piece[0] === '0') break;
      values.push(Number(piece));
      const cut = pieces + 1;
      if (partial(values)) {
        if (end === s.length) {
          if (!counts || cut === counts[i]) walk(i + 1, 0);
        } else if (values.length < width - remainingStrings && (!counts || cut < counts[i])) walk(i, end, cut);
      }
      values.pop();
      if (exhausted) return;
    }
  };
  if (total >= width && strings.length <= width) walk(0, 0);
  return { candidates: [...out.values()], exhausted };
}

const ROW_TOTAL = t3Instances('2021').find((i) => i.rule === 't3-row-total')!;

/** Table 3: a row's 总计 is the sum of its six applicant columns (the t3-row-total rule, on one row's values). */
export function t3RowHolds(values: number[]): boolean {
  return instanceHolds(ROW_TOTAL, (ref) => values[ref.column]) === true;
}

const T4_RULES = t4Instances();
const groupIndex = (key: string) => T4_GROUPS.findIndex((g) => g.key === key);

/**
 * Table 4: each group of five ends with the sum of the four before it (the
 * t4-total rule on fifteen values in order). With `complete` false, a prefix
 * is judged: the groups it fills must hold.
 */
export function t4GroupsHold(values: number[], complete = true): boolean {
  const width = T4_COLUMNS.length;
  if (complete && values.length < T4_RULES.length * width) return false;
  return T4_RULES.every((instance) => instanceHolds(instance, (ref) => values[groupIndex(ref.row) * width + ref.column]) !== false);
}

// ---------------------------------------------------------------------------
// Table 3: choosing among a row's splits by the column rules
// ---------------------------------------------------------------------------

/** Values per row key; null where a cell is not a number. */
export type T3Values = Map<string, (number | null)[]>;

/**
 * Whether the column rules of Table 3 (t3-result-total and t3-balance) hold,
 * in every column where all the cells they involve are numbers (a rule with
 * a cell unknown is not judged).
 */
export function t3ColumnsHold(values: T3Values): boolean {
  const layout = values.has(T3_2019_SINGLE_ROW.key) && !T3_ROWS.some((r) => r.group === T3_2019_SINGLE_ROW.replaces && values.has(r.key)) ? '2019' : '2021';
  return t3Instances(layout)
    .filter((i) => i.rule !== 't3-row-total')
    .every((instance) => instanceHolds(instance, (ref) => values.get(ref.row)?.[ref.column]) !== false);
}

/**
 * Resolve the rows whose split the row rule leaves open, by the column rules:
 * try every combination (up to a limit) and keep those under which the
 * columns hold. A row is resolved when every surviving combination gives it
 * the same values. Returns the resolved values by row key; unresolved rows
 * are absent.
 */
export function resolveByColumns(known: T3Values, open: Map<string, number[][]>): Map<string, number[]> {
  const keys = [...open.keys()];
  const resolved = new Map<string, number[]>();
  if (keys.length === 0) return resolved;
  const combos = keys.reduce((n, k) => n * open.get(k)!.length, 1);
  if (combos > SEARCH_LIMIT) return resolved;
  const survivors: number[][] = [];
  const choice: number[] = new Array(keys.length).fill(0);
  const values: T3Values = new Map(known);
  for (let n = 0; n < combos; n++) {
    let rest = n;
    keys.forEach((k, i) => {
      const options = open.get(k)!;
      choice[i] = rest % options.length;
      rest = Math.floor(rest / options.length);
      values.set(k, options[choice[i]]);
    });
    if (t3ColumnsHold(values)) survivors.push([...choice]);
  }
  if (survivors.length === 0) return resolved;
  keys.forEach((k, i) => {
    const picks = new Set(survivors.map((s) => s[i]));
    if (picks.size === 1) resolved.set(k, open.get(k)![[...picks][0]]);
  });
  return resolved;
}

// ---------------------------------------------------------------------------
// Table 4: runs of numbers out of column order
// ---------------------------------------------------------------------------

/**
 * Assign runs of numbers (each run a piece of one group, in order) to the three
 * groups so that every group gets five numbers and its total holds; groups are
 * met in order (the first run starts 复议, a new group is the next one).
 * Returns the distinct readings found (15 numbers each).
 */
export function assignRuns(runs: number[][]): number[][] {
  const width = T4_COLUMNS.length;
  const found = new Map<string, number[]>();
  const groups: number[][] = T4_GROUPS.map(() => []);
  const walk = (r: number, opened: number): void => {
    if (r === runs.length) {
      if (groups.every((g) => g.length === width)) {
        const values = groups.flat();
        if (t4GroupsHold(values)) found.set(values.join(','), values);
      }
      return;
    }
    for (let g = 0; g < Math.min(opened + 1, groups.length); g++) {
      if (groups[g].length + runs[r].length > width) continue;
      groups[g].push(...runs[r]);
      walk(r + 1, Math.max(opened, g + 1));
      groups[g].splice(groups[g].length - runs[r].length);
    }
  };
  if (runs.length <= 15) walk(0, 0);
  return [...found.values()];
}
