/** The Table 4 reader: fifteen numbers in three groups of five, under their header labels. */
import { T4_COLUMNS, T4_GROUPS } from '../../format/standard';
import type { Cell, LabelRead, ReadProblem, ReadTable, TableRow } from '../../model/report';
import { TABLE_LABELS, matchLabel } from '../labels';
import type { Line, Token } from '../lines';
import { assignRuns, gluedDigits, splitDigits, t4GroupsHold } from '../recover';
import { MAX_DIGITS, type LineIndex } from '../text';
import { gluedCells, tableOver, toCell, trimEnds } from './cells';
import { labelRead } from './scan';

/**
 * Read Table 4: the header labels, then fifteen numbers in three groups of five
 * (复议, 未经复议直接起诉, 复议后起诉). The numbers are taken from lines that hold
 * only numbers, so figures in the section's prose are never read as cells.
 *
 * Read in order, unless the order is untrustworthy: when the numbers come in
 * runs broken up by header fragments (a PDF extraction) and the order breaks
 * the group totals, the runs are assigned to the groups by the totals — if
 * exactly one assignment fits; otherwise the table is reported unreadable.
 * Digits glued together (`10101`) are split by the group totals the same way.
 */
export function readTable4(lines: Line[], index: LineIndex): ReadTable | undefined {
  const labels: LabelRead[] = [];
  const used: Token[] = [];
  const values: Token[] = [];
  /** The run each value belongs to: a new run starts after a line of text. */
  const runOf = new Map<Token, number>();
  let run = 0;
  for (const line of lines) {
    if (line.kind === 'heading') continue;
    const texts = line.tokens.filter((t) => t.num.kind === 'text');
    if (texts.length === 0 && line.tokens.some((t) => t.num.kind === 'number')) {
      for (const token of line.tokens) runOf.set(token, run);
      values.push(...line.tokens);
      continue;
    }
    if (values.length > 0) run++;
    for (const token of texts) {
      const m = matchLabel(token.text, TABLE_LABELS.t4);
      if (m) {
        labels.push(labelRead(token.span, m));
        used.push(token);
      }
    }
  }
  if (values.length === 0 && labels.length === 0) return undefined;
  // GFM rows give empty edge cells; drop empties at the ends beyond fifteen.
  trimEnds(values, 15);
  const problems: ReadProblem[] = [];
  const rows = new Map<string, TableRow>();
  const width = T4_COLUMNS.length;
  const total = T4_GROUPS.length * width;
  const valuesSpan = () => index.span(values[0].span.start, values[values.length - 1].span.end);

  // The cells, in order unless recovered otherwise.
  let cells: Cell[] = values.slice(0, total).map((t) => toCell(t, false));
  const numbers = (list: Cell[]) => (list.every((c) => c.state === 'number') ? list.map((c) => c.value!) : undefined);
  const inOrder = numbers(cells);
  const runs = [...new Set(values.slice(0, total).map((t) => runOf.get(t)))];
  if (inOrder && inOrder.length === total && runs.length > 1 && !t4GroupsHold(inOrder)) {
    const pieces = runs.map((r) => values.filter((t) => runOf.get(t) === r));
    const readings = assignRuns(pieces.map((p) => p.map((t) => (t.num.kind === 'number' ? t.num.value : NaN))));
    if (readings.length === 1) {
      // Reorder the cells (and their spans) to match the reading found.
      cells = reorderByRuns(pieces, readings[0]);
      problems.push({ kind: 'unreadable-row', reason: 't4InterleavedRecovered', args: { reading: groupsText(readings[0]) }, span: valuesSpan(), recovered: readings[0] });
    } else {
      cells = cells.map(() => ({ value: null, state: 'missing' as const }));
      problems.push({
        kind: 'unreadable-row',
        reason: readings.length === 0 ? 't4InterleavedNone' : 't4InterleavedSeveral',
        args: { count: readings.length },
        span: valuesSpan(),
      });
    }
  } else if (values.length > 0 && values.length < total) {
    const glued = gluedTable4(values, index);
    if (glued) {
      cells = glued.cells;
      problems.push(glued.problem);
    } else {
      problems.push({ kind: 'cell-count', reason: 't4TooFew', args: { count: values.length }, span: valuesSpan() });
    }
  }
  if (values.length > total && values.slice(total).some((t) => t.text !== '')) {
    const extra = values.slice(total);
    problems.push({
      kind: 'cell-count',
      reason: 't4TooMany',
      args: { count: values.length, extra: extra.map((t) => t.text).filter(Boolean).join('、') },
      span: index.span(extra[0].span.start, extra[extra.length - 1].span.end),
    });
  }

  const groupLabels = labels.filter((l) => T4_GROUPS.some((g) => ('short' in g ? g.short : g.label) === l.canonical));
  T4_GROUPS.forEach((group, g) => {
    const own = cells.slice(g * width, g * width + width);
    const label =
      groupLabels.find((l) => l.canonical === ('short' in group ? group.short : group.label)) ??
      (own[0]?.span ? { span: own[0].span, canonical: group.label, deviates: false } : values[0] ? { span: values[0].span, canonical: group.label, deviates: false } : undefined);
    if (!label) return;
    const rowCells: Cell[] = [];
    for (let i = 0; i < width; i++) rowCells.push(own[i] ?? { value: null, state: 'missing' });
    rows.set(group.key, { key: group.key, label, cells: rowCells });
    // Numbers an HTML merge covers (one 0 over three cells) are not read: the group says so.
    const covered = values.slice(g * width, g * width + width).filter((t) => t.covered).length;
    if (covered > 0) problems.push({ kind: 'cell-count', reason: 'alignedCells', args: { row: group.label, count: width - covered, width }, span: label.span, rowKey: group.key });
  });
  const spans = [...used, ...values.slice(0, Math.max(total, values.length))].map((t) => t.span);
  return tableOver('t4', spans, { rows, labels, problems }, index, lines);
}

const groupsText = (values: number[]) =>
  T4_GROUPS.map((g, i) => `${'short' in g ? g.short : g.label} ${values.slice(i * 5, i * 5 + 5).join(' ')}`).join('；');

/** The cells of a run-assigned reading: each run's cells moved to its group, in order. */
function reorderByRuns(pieces: Token[][], reading: number[]): Cell[] {
  // Re-run the assignment to learn which run went where, matching the reading.
  const width = T4_COLUMNS.length;
  const groups: Token[][] = T4_GROUPS.map(() => []);
  const nums = (p: Token[]) => p.map((t) => (t.num.kind === 'number' ? t.num.value : NaN));
  const walk = (r: number, opened: number): boolean => {
    if (r === pieces.length) {
      return groups.every((g, gi) => g.length === width && nums(g).every((v, i) => v === reading[gi * width + i]));
    }
    for (let g = 0; g < Math.min(opened + 1, groups.length); g++) {
      if (groups[g].length + pieces[r].length > width) continue;
      groups[g].push(...pieces[r]);
      if (walk(r + 1, Math.max(opened, g + 1))) return true;
      groups[g].splice(groups[g].length - pieces[r].length);
    }
    return false;
  };
  walk(0, 0);
  return groups.flat().map((t) => toCell(t, false));
}

/**
 * Table 4 with fewer than fifteen numbers, some of them long digit strings:
 * glued digits, split by the group totals when exactly one split fits.
 */
function gluedTable4(values: Token[], index: LineIndex): { cells: Cell[]; problem: ReadProblem } | undefined {
  const filled = values.filter((t) => t.text !== '');
  const digits = filled.map((t) => gluedDigits(t.text));
  if (filled.length !== values.length || digits.some((d) => d === undefined) || !digits.some((d) => d!.length > 1)) return undefined;
  const total = T4_GROUPS.length * T4_COLUMNS.length;
  // More digits than fifteen numbers hold are not searched.
  const tooLong = digits.reduce((n, d) => n + d!.length, 0) > total * MAX_DIGITS;
  const split = tooLong ? { candidates: [] as number[][], exhausted: true } : splitDigits(digits as string[], total, (v) => t4GroupsHold(v), (v) => t4GroupsHold(v, false));
  const span = index.span(values[0].span.start, values[values.length - 1].span.end);
  const shown = filled.map((t) => t.text).join(' ');
  if (split.candidates.length === 1 && !split.exhausted) {
    const reading = split.candidates[0];
    return {
      cells: gluedCells(filled, digits as string[], reading),
      problem: { kind: 'glued-digits', reason: 't4GluedRecovered', args: { shown, reading: groupsText(reading) }, span, recovered: reading },
    };
  }
  return {
    cells: new Array(total).fill(0).map(() => ({ value: null, state: 'missing' as const })),
    problem: {
      kind: 'glued-digits',
      reason: split.candidates.length === 0 && !split.exhausted ? 't4GluedNone' : 't4GluedSeveral',
      args: { shown: shown.length > 40 ? `${shown.slice(0, 40)}…` : shown, count: split.exhausted ? `${split.candidates.length}+` : split.candidates.length },
      span,
    },
  };
}
