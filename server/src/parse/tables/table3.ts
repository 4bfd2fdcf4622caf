/**
 * The Table 3 reader (25 rows × 7 columns). When a row has more cells, the
 * last seven are the data. Rows whose digits arrived glued together, and
 * numbers whose labels a PDF extraction printed elsewhere, are recovered by
 * the table's own arithmetic when it makes the reading unique, and reported
 * either way.
 */
import { T3_COLUMNS, T3_ROWS } from '../../format/standard';
import type { ReadProblem, ReadTable, TableRow } from '../../model/report';
import { TABLE_LABELS } from '../labels';
import type { Line, Token } from '../lines';
import { gluedDigits, resolveByColumns, splitDigits, t3ColumnsHold, t3RowHolds, type T3Values } from '../recover';
import { MAX_DIGITS, type LineIndex } from '../text';
import { finishTable, gfmDataColumns, gluedCells, missingCells, toCell, toCells } from './cells';
import { scanLabelledRows, type RowDraft, type RowOrder, type Scan } from './scan';

const ORDER: RowOrder = { keys: T3_ROWS.map((r) => r.key), width: () => T3_COLUMNS.length };

/**
 * Read Table 3 (25 rows × 7 columns). When a row has more cells, the last seven
 * are the data. Rows whose digits arrived glued together, and numbers whose
 * labels a PDF extraction printed elsewhere, are recovered by the table's own
 * arithmetic when it makes the reading unique, and reported either way.
 */
export function readTable3(lines: Line[], index: LineIndex): ReadTable | undefined {
  const scan = scanLabelledRows(lines, TABLE_LABELS.t3, { groupsCarryCells: true, order: ORDER });
  if (scan.rows.length === 0) return undefined;
  const width = T3_COLUMNS.length;
  const rows = new Map<string, TableRow>();
  const problems: ReadProblem[] = [];
  const dataColumns = gfmDataColumns(lines);
  const glued = new Map<string, GluedRow>();
  for (const draft of scan.rows) {
    if (rows.has(draft.key)) continue;
    const g = gluedRow(draft, width);
    if (g) {
      glued.set(draft.key, g);
      rows.set(draft.key, { key: draft.key, label: draft.label, cells: missingCells(width) });
      continue;
    }
    rows.set(draft.key, { key: draft.key, label: draft.label, cells: toCells(draft, width, 'keep-last', problems, index, { dataColumns }) });
  }
  recoverDisplaced(scan, rows, problems, index);
  resolveGlued(glued, rows, problems, index);
  return finishTable('t3', scan, rows, problems, index, lines);
}

/** The numbers of Table 3 as read so far, by row key (null where not a number). */
function t3Values(rows: Map<string, TableRow>): T3Values {
  const values: T3Values = new Map();
  for (const [key, row] of rows) values.set(key, row.cells.map((c) => (c.state === 'number' ? c.value : null)));
  return values;
}

interface GluedRow {
  draft: RowDraft;
  tokens: Token[];
  digits: string[];
  candidates: number[][];
  exhausted: boolean;
  /** More digits than seven numbers can have: not searched. */
  tooLong: boolean;
}

/**
 * A Table 3 row whose digits are glued: fewer filled cells than seven, all of
 * them plain digit strings, at least one of several digits, and digits enough
 * for seven numbers. Its splits that satisfy the row total are the candidates.
 * A row of several cells, or with empty cells beside, is taken for glued only
 * when some split fits (otherwise it is a row short of cells, read as such);
 * a single run of digits alone is glued either way.
 */
function gluedRow(draft: RowDraft, width: number): GluedRow | undefined {
  const tokens = draft.tokens.filter((t) => t.text !== '');
  const blanks = draft.tokens.length - tokens.length;
  if (tokens.length === 0 || tokens.length >= width) return undefined;
  // A GFM row with a cell for every column lost no pipe: its cells stand as written (44 beside a blank total is 44),
  // unless the whole row was pasted into one of them.
  if (draft.tokens.every((t) => t.gfm) && gfmCellCount(draft.tokens) >= width && tokens.length > 1) return undefined;
  const digits = tokens.map((t) => gluedDigits(t.text));
  if (digits.some((d) => d === undefined) || !digits.some((d) => d!.length > 1)) return undefined;
  const count = digits.reduce((n, d) => n + d!.length, 0);
  if (count < width) return undefined;
  // A run of more digits than seven numbers hold is not searched at all: reported as it is.
  if (count > width * MAX_DIGITS) return { draft, tokens, digits: digits as string[], candidates: [], exhausted: false, tooLong: true };
  const split = splitDigits(digits as string[], width, t3RowHolds, undefined, gfmPieces(draft, width));
  if (split.candidates.length === 0 && !split.exhausted && (tokens.length > 1 || blanks > 0)) return undefined;
  return { draft, tokens, digits: digits as string[], candidates: split.candidates, exhausted: split.exhausted, tooLong: false };
}

/** The cells of a GFM row from its first filled one: blanks before it are layout columns (between a group label and its row label). */
function withoutLayoutBlanks(tokens: readonly Token[]): Token[] {
  const first = tokens.findIndex((t) => t.text !== '');
  return first < 0 ? [] : tokens.slice(first);
}

const gfmCellCount = (tokens: readonly Token[]) => withoutLayoutBlanks(tokens).length;

/**
 * In a GFM row the cells stand where they stand: a glued number can only have
 * spilled into the blank cells right after it. How many numbers each filled
 * cell must give (itself and the blanks after it), or undefined outside GFM
 * or when the blanks cannot account for the missing cells.
 */
function gfmPieces(draft: RowDraft, width: number): number[] | undefined {
  if (!draft.tokens.every((t) => t.gfm)) return undefined;
  const tokens = withoutLayoutBlanks(draft.tokens);
  const counts: number[] = [];
  for (const t of tokens) {
    if (t.text !== '') counts.push(1);
    else if (counts.length) counts[counts.length - 1]++;
  }
  // Blanks beyond the row's last cell (an edge pipe's empty cell) are no cells of it.
  let extra = counts.reduce((a, b) => a + b, 0) - width;
  for (let i = counts.length - 1; i >= 0 && extra > 0; i--) {
    const take = Math.min(extra, counts[i] - 1);
    counts[i] -= take;
    extra -= take;
  }
  return extra === 0 && counts.reduce((a, b) => a + b, 0) === width ? counts : undefined;
}

/**
 * Settle the glued rows: a row with one split that satisfies its total is
 * read so; rows with several are decided by the column rules (（七）总计 = the
 * results, 一 + 二 = （七） + 四) where those leave one; the rest are reported
 * unreadable and keep no numbers.
 */
function resolveGlued(glued: Map<string, GluedRow>, rows: Map<string, TableRow>, problems: ReadProblem[], index: LineIndex): void {
  if (glued.size === 0) return;
  const known = t3Values(rows);
  const open = new Map<string, number[][]>();
  for (const [key, g] of glued) {
    if (g.candidates.length === 1 && !g.exhausted) known.set(key, g.candidates[0]);
    else {
      known.set(key, new Array(T3_COLUMNS.length).fill(null));
      if (g.candidates.length > 1 && !g.exhausted) open.set(key, g.candidates);
    }
  }
  const byColumns = resolveByColumns(known, open);
  for (const [key, g] of glued) {
    const row = rows.get(key)!;
    const label = g.draft.label.canonical;
    const shown = g.tokens.map((t) => t.text).join(' ');
    const span = index.span(g.tokens[0].span.start, g.tokens[g.tokens.length - 1].span.end);
    const reading = g.candidates.length === 1 && !g.exhausted ? g.candidates[0] : byColumns.get(key);
    if (reading) {
      row.cells = gluedCells(g.tokens, g.digits, reading);
      problems.push({
        kind: 'glued-digits',
        reason: byColumns.has(key) ? 'gluedByColumns' : 'gluedByRow',
        args: { row: label, shown, reading: reading.join('、') },
        span,
        rowKey: key,
        recovered: reading,
      });
      continue;
    }
    const examples = g.candidates.slice(0, 3).map((c) => c.join(' ')).join('；');
    problems.push({
      kind: 'glued-digits',
      reason: g.tooLong ? 'gluedTooLong' : g.exhausted ? 'gluedTooMany' : g.candidates.length === 0 ? 'gluedNoSplit' : 'gluedSeveral',
      args: { row: label, shown: shown.length > 40 ? `${shown.slice(0, 40)}…` : shown, count: g.candidates.length, examples, digits: g.digits.join('').length },
      span,
      rowKey: key,
    });
  }
}

/**
 * Numbers without a label between two labelled rows, and as many rows whose
 * labels stand elsewhere without numbers: a PDF extraction printed the labels
 * after their numbers. When the empty rows are exactly the standard rows that
 * belong between the two labelled rows, the groups of seven are theirs in the
 * standard order — provided each group's total holds and so do the column
 * rules. Otherwise the numbers are reported as unreadable, never guessed.
 */
function recoverDisplaced(scan: Scan, rows: Map<string, TableRow>, problems: ReadProblem[], index: LineIndex): void {
  const width = T3_COLUMNS.length;
  const order = T3_ROWS.map((r) => r.key);
  const empty = (key: string) => rows.get(key)?.cells.every((c) => c.state === 'missing') ?? false;
  for (const run of scan.orphans) {
    const prev = scan.rows.slice(0, run.at).reverse().find((r) => r.tokens.length > 0);
    const next = scan.rows.slice(run.at).find((r) => r.tokens.length > 0);
    if (!prev || !next) continue; // before or after the table: prose, not cells
    const span = index.span(run.tokens[0].span.start, run.tokens[run.tokens.length - 1].span.end);
    scan.used.push(...run.tokens);
    const from = order.indexOf(prev.key);
    const to = order.indexOf(next.key);
    const between = from >= 0 && to > from ? order.slice(from + 1, to) : [];
    const targets = between.filter(empty);
    const groups = run.tokens.length / width;
    const numbers = run.tokens.map((t) => (t.num.kind === 'number' && !t.num.negative ? t.num.value : NaN));
    let assigned = false;
    if (Number.isInteger(groups) && targets.length === groups && targets.length === between.filter((k) => rows.has(k)).length && numbers.every((n) => !Number.isNaN(n))) {
      const values = t3Values(rows);
      const chunks = targets.map((_, i) => numbers.slice(i * width, i * width + width));
      targets.forEach((key, i) => values.set(key, chunks[i]));
      if (chunks.every(t3RowHolds) && t3ColumnsHold(values)) {
        assigned = true;
        targets.forEach((key, i) => {
          const row = rows.get(key)!;
          row.cells = run.tokens.slice(i * width, i * width + width).map((t) => toCell(t, false));
          for (let p = problems.length - 1; p >= 0; p--) if (problems[p].rowKey === key && problems[p].kind === 'cell-count') problems.splice(p, 1);
          problems.push({
            kind: 'unreadable-row',
            reason: 'displacedRecovered',
            args: { row: row.label.canonical, numbers: chunks[i].join('、') },
            span: index.span(run.tokens[i * width].span.start, run.tokens[i * width + width - 1].span.end),
            rowKey: key,
            recovered: chunks[i],
          });
        });
      }
    }
    if (!assigned) problems.push({ kind: 'unreadable-row', reason: 'orphans', args: { count: run.tokens.length }, span });
  }
}
