/**
 * From a row's tokens to its cells: choosing the data cells when a row has
 * more than the table needs, aligning GFM rows to their header, reading each
 * token as a number, a blank or an invalid cell, and the table read from them.
 */
import type { Cell, ReadProblem, ReadTable, Span, TableLayout, TableRow } from '../../model/report';
import type { TableId } from '../../format/standard';
import { TABLE_LABELS, matchLabel } from '../labels';
import type { Line, Token } from '../lines';
import type { LineIndex } from '../text';
import type { RowDraft, Scan } from './scan';

/** How a row's cells are chosen when it has more than the table needs. */
export type ExtraCells = 'keep-first' | 'keep-last';

export const missingCells = (width: number): Cell[] => Array.from({ length: width }, () => ({ value: null, state: 'missing' as const }));

/**
 * Drop empty cells at the ends while there are more than needed. Outside GFM
 * tables, empty cells before the first value are the gaps merged label cells
 * leave in pasted rows, never data.
 */
export function trimEnds(tokens: Token[], width: number): void {
  while (tokens.length > width && tokens[tokens.length - 1].text === '') tokens.pop();
  while (tokens.length > width && tokens[0].text === '') tokens.shift();
  // A row of nothing but as many empty cells as it needs (a blank table pasted as text) is a row of blanks.
  if (tokens.length === width && tokens.every((t) => t.text === '')) return;
  while (tokens.length > 0 && tokens[0].text === '' && !tokens[0].gfm) tokens.shift();
}

const T3_COLUMN_LABELS = TABLE_LABELS.t3.filter((c) => c.role === 'column');

/**
 * Where the GFM tables of Table 3 hold their seven data columns, by block:
 * the columns whose header cells read 自然人 … 总计, when they stand side by
 * side in order (a header split over two rows counts).
 */
export function gfmDataColumns(lines: Line[]): Map<number, number> {
  const found = new Map<number, Map<number, number>>();
  for (const line of lines) {
    if (line.kind !== 'table-row') continue;
    for (const token of line.tokens) {
      if (token.col === undefined || token.block === undefined || token.num.kind !== 'text') continue;
      const m = matchLabel(token.text, T3_COLUMN_LABELS);
      if (!m) continue;
      const byIndex = found.get(token.block) ?? new Map<number, number>();
      if (!byIndex.has(Number(m.candidate.key))) byIndex.set(Number(m.candidate.key), token.col);
      found.set(token.block, byIndex);
    }
  }
  const first = new Map<number, number>();
  for (const [block, byIndex] of found) {
    const starts = new Set([...byIndex].map(([i, col]) => col - i));
    if (starts.size === 1 && byIndex.size >= 2) first.set(block, [...starts][0]);
  }
  return first;
}

/**
 * GFM rows whose empty cells the header explains: with empties at both ends
 * and more cells than the table needs (`| 四、… | | 0 | … | 0 | |`), or with
 * the empty item cell kept and the last cell left out (`| 四、… | | 0 | … | 0 |`,
 * six numbers). The cells under 自然人 … 总计 are the data; a column the row
 * lacks stays missing (undefined).
 */
function alignToHeader(tokens: Token[], width: number, dataColumns: Map<number, number> | undefined): (Token | undefined)[] | undefined {
  if (!dataColumns || tokens.length < width || !tokens.every((t) => t.gfm && t.col !== undefined)) return undefined;
  const block = tokens[0].block;
  if (block === undefined || tokens.some((t) => t.block !== block)) return undefined;
  const first = dataColumns.get(block);
  if (first === undefined) return undefined;
  if (tokens.length === width && !(tokens[0].text === '' && tokens[0].col! < first)) return undefined;
  const inside = tokens.filter((t) => t.col! >= first && t.col! < first + width);
  if (inside.length === 0 || inside[0].col !== first) return undefined;
  if (tokens.some((t) => !inside.includes(t) && t.text !== '')) return undefined;
  // Each data column's first cell.
  const aligned = new Array<Token | undefined>(width).fill(undefined);
  for (const t of inside) aligned[t.col! - first] ??= t;
  return aligned;
}

export function toCells(
  draft: RowDraft,
  width: number,
  extra: ExtraCells,
  problems: ReadProblem[],
  index: LineIndex,
  options: { decimal?: boolean | boolean[]; signed?: boolean[]; dataColumns?: Map<number, number> } = {},
): Cell[] {
  const aligned = alignToHeader(draft.tokens, width, options.dataColumns);
  if (aligned && aligned.some((t) => t === undefined)) return alignedCells(draft, aligned, width, problems, options);
  const tokens = aligned ? (aligned as Token[]) : [...draft.tokens];
  trimEnds(tokens, width);
  if (tokens.length > width) {
    const dropped = extra === 'keep-last' ? tokens.splice(0, tokens.length - width) : tokens.splice(width);
    const stray = dropped.filter((t) => t.text !== '');
    if (stray.length > 0) {
      const shown = stray.map((t) => t.text).join('、');
      problems.push({
        kind: 'cell-count',
        reason: extra === 'keep-last' ? 'extraCellsLast' : 'extraCellsFirst',
        args: { row: draft.label.canonical, count: tokens.length + dropped.length, width, extra: shown },
        span: index.span(stray[0].span.start, stray[stray.length - 1].span.end),
        rowKey: draft.key,
      });
    }
  }
  // Positions an HTML merge covers among the data: the row lacks those cells, whose column the grid knows.
  if (tokens.some((t) => t.covered)) {
    const present = Array.from({ length: width }, (_, i) => (tokens[i]?.covered ? undefined : tokens[i]));
    return alignedCells(draft, present, width, problems, options);
  }
  const decimal = (i: number) => (Array.isArray(options.decimal) ? !!options.decimal[i] : !!options.decimal);
  const cells: Cell[] = tokens.map((t, i) => toCell(t, decimal(i), !!options.signed?.[i]));
  if (cells.length < width && (cells.length > 0 || width > 1)) {
    problems.push({
      kind: 'cell-count',
      reason: 'fewerCells',
      args: { row: draft.label.canonical, count: cells.length, width },
      span: draft.label.span,
      rowKey: draft.key,
    });
  }
  while (cells.length < width) cells.push({ value: null, state: 'missing' });
  return cells;
}

/** Cells of a header-aligned row that lacks some columns: those stay missing, and the row is reported. */
function alignedCells(
  draft: RowDraft,
  aligned: (Token | undefined)[],
  width: number,
  problems: ReadProblem[],
  options: { decimal?: boolean | boolean[]; signed?: boolean[] },
): Cell[] {
  const decimal = (i: number) => (Array.isArray(options.decimal) ? !!options.decimal[i] : !!options.decimal);
  const present = aligned.filter((t) => t !== undefined).length;
  problems.push({
    kind: 'cell-count',
    reason: 'alignedCells',
    args: { row: draft.label.canonical, count: present, width },
    span: draft.label.span,
    rowKey: draft.key,
  });
  return aligned.map((t, i) => (t ? toCell(t, decimal(i), !!options.signed?.[i]) : { value: null, state: 'missing' as const }));
}

export function toCell(token: Token, decimal: boolean, signed = false): Cell {
  // A position an HTML merge covers is no cell: missing, never a blank to fill (a fix there would write into the merged cell).
  if (token.covered) return { value: null, state: 'missing' };
  const n = token.num;
  if (n.kind === 'blank') return { span: token.span, value: null, state: 'blank' };
  if (n.kind === 'text') return { span: token.span, value: null, state: 'invalid', problem: 'not-a-number' };
  if (n.tooLarge) return { span: token.span, value: null, state: 'invalid', problem: 'too-large' };
  // 本年增/减 (2019 format) may be negative.
  if (n.negative && signed && !n.fraction) return { span: token.span, value: n.value, state: 'number' };
  if (n.negative) return { span: token.span, value: n.value, state: 'invalid', problem: 'negative' };
  if (n.fraction && !decimal) return { span: token.span, value: n.value, state: 'invalid', problem: 'fraction' };
  return { span: token.span, value: n.value, state: 'number' };
}

export function finishTable(
  id: TableId,
  scan: Scan,
  rows: Map<string, TableRow>,
  problems: ReadProblem[],
  index: LineIndex,
  lines: Line[],
): ReadTable {
  const labels = [...scan.labels, ...[...rows.values()].map((r) => r.label)];
  return tableOver(id, scan.used.map((t) => t.span), { rows, labels, problems }, index, lines);
}

/** A table read from the given spans: its range runs from the first to the last. */
export function tableOver(
  id: TableId,
  spans: Span[],
  content: Pick<ReadTable, 'rows' | 'labels' | 'problems'>,
  index: LineIndex,
  lines: Line[],
): ReadTable {
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  const own = lines.filter((l) => l.span.end >= start && l.span.start <= end);
  const element = own.find((l) => l.htmlTable)?.htmlTable;
  return {
    id,
    layout: layoutOf(own),
    range: index.range(start, end),
    start,
    end,
    ...content,
    format: '2021',
    ...(element ? { element } : {}),
  };
}

function layoutOf(lines: Line[]): TableLayout {
  const kinds = new Set<TableLayout>();
  for (const line of lines) {
    if (line.kind === 'table-row') kinds.add(line.htmlTable ? 'html' : 'gfm');
    else if (line.span.text.includes('\t')) kinds.add('tsv');
    else if (line.span.text.includes('|')) kinds.add('gfm');
    else if (line.tokens.length === 1) kinds.add('cell-per-line');
    else kinds.add('space-aligned');
  }
  if (kinds.size === 1) return [...kinds][0];
  if (kinds.size === 2 && kinds.has('cell-per-line')) return [...kinds].find((k) => k !== 'cell-per-line')!;
  return 'mixed';
}

/**
 * Cells for a split of glued tokens: each piece gets the span of its digits
 * when the token is written in plain digits (so a fix can edit one number).
 */
export function gluedCells(tokens: Token[], digits: string[], values: number[]): Cell[] {
  const cells: Cell[] = [];
  let v = 0;
  tokens.forEach((token, i) => {
    const plain = token.span.text === digits[i] || token.span.text.normalize('NFKC') === digits[i];
    let pos = 0;
    while (pos < digits[i].length && v < values.length) {
      const piece = String(values[v]);
      const span: Span | undefined = plain
        ? {
            text: token.span.text.slice(pos, pos + piece.length),
            start: token.span.start + pos,
            end: token.span.start + pos + piece.length,
            range: {
              start: { line: token.span.range.start.line, character: token.span.range.start.character + pos },
              end: { line: token.span.range.start.line, character: token.span.range.start.character + pos + piece.length },
            },
          }
        : undefined;
      cells.push({ ...(span ? { span } : {}), value: values[v], state: 'number' });
      pos += piece.length;
      v++;
    }
  });
  return cells;
}
