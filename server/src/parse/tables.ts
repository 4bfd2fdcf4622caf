/**
 * Table readers. Each reads the lines of one section and finds its standard
 * table by label text, whatever the layout: GFM pipe tables, tab-separated rows,
 * one cell per line, space-aligned text out of a PDF. Rows are matched by label,
 * never by position; the cells of a row are the values that follow its label.
 */
import {
  TABLE2,
  T3_COLUMNS,
  T4_COLUMNS,
  T4_GROUPS,
  type TableId,
} from '../format/standard';
import type { Cell, LabelRead, ReadProblem, ReadTable, Span, TableLayout, TableRow } from '../model/report';
import { TABLE_LABELS, isLabelPrefix, matchLabel, type LabelCandidate, type LabelMatch } from './labels';
import type { Line, Token } from './lines';
import type { LineIndex } from './text';

/** How a row's cells are chosen when it has more than the table needs. */
type ExtraCells = 'keep-first' | 'keep-last';

interface RowDraft {
  key: string;
  label: LabelRead;
  row: number;
  tokens: Token[];
}

const T2_ROW_WIDTH: Record<string, number> = Object.fromEntries(
  TABLE2.blocks.flatMap((b) => b.rows.map((r) => [r.key, b.columns.length])),
);
const T2_DECIMAL_ROWS = new Set(TABLE2.blocks.filter((b) => b.decimal).flatMap((b) => b.rows.map((r) => r.key)));

/** Read Table 2 (rows 规章 … 行政事业性收费) from a section's lines. */
export function readTable2(lines: Line[], index: LineIndex): ReadTable | undefined {
  const scan = scanLabelledRows(lines, TABLE_LABELS.t2, { width: (key) => T2_ROW_WIDTH[key] ?? 1 });
  if (scan.rows.length === 0) return undefined;
  const rows = new Map<string, TableRow>();
  const problems: ReadProblem[] = [];
  for (const draft of scan.rows) {
    if (rows.has(draft.key)) continue;
    const width = T2_ROW_WIDTH[draft.key] ?? 1;
    const cells = toCells(draft, width, 'keep-first', problems, { decimal: T2_DECIMAL_ROWS.has(draft.key) });
    rows.set(draft.key, { key: draft.key, label: draft.label, cells });
  }
  return finishTable('t2', scan, rows, problems, index, lines);
}

/** Read Table 3 (25 rows × 7 columns). When a row has more cells, the last seven are the data. */
export function readTable3(lines: Line[], index: LineIndex): ReadTable | undefined {
  const scan = scanLabelledRows(lines, TABLE_LABELS.t3, { groupsCarryCells: true, width: () => T3_COLUMNS.length });
  if (scan.rows.length === 0) return undefined;
  const rows = new Map<string, TableRow>();
  const problems: ReadProblem[] = [];
  for (const draft of scan.rows) {
    if (rows.has(draft.key)) continue;
    rows.set(draft.key, { key: draft.key, label: draft.label, cells: toCells(draft, T3_COLUMNS.length, 'keep-last', problems) });
  }
  return finishTable('t3', scan, rows, problems, index, lines);
}

/**
 * Read Table 4: the header labels, then fifteen numbers in three groups of five
 * (复议, 未经复议直接起诉, 复议后起诉). The numbers are taken from lines that hold
 * only numbers, so figures in the section's prose are never read as cells.
 */
export function readTable4(lines: Line[], index: LineIndex): ReadTable | undefined {
  const labels: LabelRead[] = [];
  const used: Token[] = [];
  const values: Token[] = [];
  for (const line of lines) {
    if (line.kind === 'heading') continue;
    const texts = line.tokens.filter((t) => t.num.kind === 'text');
    if (texts.length === 0 && line.tokens.some((t) => t.num.kind === 'number')) {
      values.push(...line.tokens);
      continue;
    }
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
  const groupLabels = labels.filter((l) => T4_GROUPS.some((g) => ('short' in g ? g.short : g.label) === l.canonical));
  T4_GROUPS.forEach((group, g) => {
    const tokens = values.slice(g * width, g * width + width);
    const label =
      groupLabels.find((l) => l.canonical === ('short' in group ? group.short : group.label)) ??
      (tokens[0] ? { span: tokens[0].span, canonical: group.label, deviates: false } : undefined);
    if (!label) return;
    const cells: Cell[] = [];
    for (let i = 0; i < width; i++) cells.push(tokens[i] ? toCell(tokens[i], false) : { value: null, state: 'missing' });
    rows.set(group.key, { key: group.key, label, cells });
  });
  if (values.length > 0 && values.length < 15) {
    const first = values[0].span;
    const last = values[values.length - 1].span;
    problems.push({
      kind: 'cell-count',
      span: index.span(first.start, last.end),
      message: {
        zh: `表四应有 15 个数，只读到 ${values.length} 个`,
        en: `Table 4 needs 15 numbers; only ${values.length} were found`,
      },
    });
  } else if (values.length > 15 && values.slice(15).some((t) => t.num.kind === 'number' && t.num.value !== 0)) {
    const extra = values.slice(15);
    problems.push({
      kind: 'cell-count',
      span: index.span(extra[0].span.start, extra[extra.length - 1].span.end),
      message: {
        zh: `表四应有 15 个数，读到 ${values.length} 个；多出的数未计入`,
        en: `Table 4 needs 15 numbers; ${values.length} were found and the extra ones ignored`,
      },
    });
  }
  const spans = [...used, ...values.slice(0, 15)].map((t) => t.span);
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  return {
    id: 't4',
    layout: layoutOf(lines.filter((l) => l.span.start <= end && l.span.end >= start)),
    range: index.range(start, end),
    start,
    end,
    rows,
    labels,
    problems,
    format: '2021',
  };
}

// ---------------------------------------------------------------------------
// Shared machinery
// ---------------------------------------------------------------------------

interface Scan {
  rows: RowDraft[];
  labels: LabelRead[];
  /** Every token the table used (labels and cells), for its range. */
  used: Token[];
}

/**
 * Walk the tokens of the section in order. A token that matches a row label
 * starts a row; the numbers (and placeholders) after it are its cells, until
 * the next label. Empty cells count only on the label's own physical row, so
 * layout gaps elsewhere are not read as blanks. Text on the label's own row
 * that is not a label is a cell too (an invalid one: `12件`).
 */
function scanLabelledRows(
  lines: Line[],
  candidates: readonly LabelCandidate[],
  options: { groupsCarryCells?: boolean; width: (key: string) => number },
): Scan {
  const width = options.width;
  const filledCells = (row: RowDraft) => row.tokens.filter((t) => t.text !== '').length;
  const tokens = expandCompoundLabels(
    lines.filter((l) => l.kind !== 'heading').flatMap((l) => l.tokens),
    candidates,
  );
  const rows: RowDraft[] = [];
  const labels: LabelRead[] = [];
  const used: Token[] = [];
  let current: RowDraft | undefined;
  let pendingGroup: { match: LabelMatch; span: Span; row: number } | undefined;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.num.kind !== 'text') {
      // Values on later lines belong to the row only until it is full: more
      // values there are another row's, displaced (labels after their numbers).
      if (current && token.row !== current.row && filledCells(current) >= width(current.key)) current = undefined;
      if (current && (token.text !== '' || token.row === current.row)) {
        current.tokens.push(token);
        used.push(token);
      } else if (!current && pendingGroup && options.groupsCarryCells && token.text !== '') {
        // A group label with numbers of its own: the 2019 layout's single （六）其他处理 row.
        current = {
          key: pendingGroup.match.candidate.key,
          label: labelRead(pendingGroup.span, pendingGroup.match),
          row: pendingGroup.row,
          tokens: [token],
        };
        rows.push(current);
        used.push(token);
        pendingGroup = undefined;
      }
      continue;
    }
    const found = matchWithContinuation(tokens, i, candidates);
    if (!found) {
      if (current && token.row === current.row) {
        current.tokens.push(token);
        used.push(token);
      } else {
        current = undefined;
      }
      continue;
    }
    const { match, span, last } = found;
    for (let k = i; k <= last; k++) used.push(tokens[k]);
    i = last;
    const read = labelRead(span, match);
    if (match.candidate.role === 'row') {
      current = { key: match.candidate.key, label: read, row: tokens[last].row, tokens: [] };
      rows.push(current);
      pendingGroup = undefined;
    } else {
      labels.push(read);
      current = undefined;
      pendingGroup = match.candidate.role === 'group' ? { match, span, row: tokens[last].row } : undefined;
    }
  }
  return { rows, labels, used };
}

/**
 * Match the label at tokens[i], joining it with the following text tokens when
 * it was wrapped over several lines, and splitting off a group label written in
 * the same cell (`（四）无法提供 1.本机关不掌握相关政府信息`).
 */
function matchWithContinuation(
  tokens: Token[],
  i: number,
  candidates: readonly LabelCandidate[],
): { match: LabelMatch; span: Span; last: number } | undefined {
  const token = tokens[i];
  const direct = matchLabel(token.text, candidates);
  if (direct && !direct.deviates) return { match: direct, span: token.span, last: i };
  // A near match may be the first part of a wrapped label: prefer the whole.
  const wrapped = joinWrapped(tokens, i, candidates);
  if (wrapped && (!direct || !wrapped.match.deviates)) return wrapped;
  if (direct) return { match: direct, span: token.span, last: i };

  // A group label and an item label in one cell: match the item.
  const split = splitGroupPrefix(token.text, candidates);
  if (split) {
    const offset = token.text.indexOf(split.rest);
    const itemSpan = sliceSpan(token.span, offset);
    return { match: split.match, span: itemSpan, last: i };
  }

  return undefined;
}

/** A label wrapped onto following lines: join text tokens while still a prefix. */
function joinWrapped(
  tokens: Token[],
  i: number,
  candidates: readonly LabelCandidate[],
): { match: LabelMatch; span: Span; last: number } | undefined {
  const token = tokens[i];
  let joined = token.text;
  for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
    if (!isLabelPrefix(joined, candidates)) break;
    if (tokens[j].num.kind !== 'text') {
      if (tokens[j].text === '') continue;
      break;
    }
    joined += tokens[j].text;
    const m = matchLabel(joined, candidates);
    if (m) {
      return {
        match: { candidate: m.candidate, deviates: m.deviates },
        span: { ...token.span, text: joined, end: tokens[j].span.end, range: { start: token.span.range.start, end: tokens[j].span.range.end } },
        last: j,
      };
    }
  }
  return undefined;
}

/**
 * Text out of a PDF joins neighbouring labels with one space
 * (`信息内容 本年收费金额（单位：万元）`). Where every word of a token is itself a
 * label, the words are read as separate labels.
 */
function expandCompoundLabels(tokens: Token[], candidates: readonly LabelCandidate[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const parts = token.num.kind === 'text' && !token.gfm ? [...token.text.matchAll(/\S+/g)] : [];
    const whole = parts.length > 1 ? matchLabel(token.text, candidates) : undefined;
    if (parts.length > 1 && (!whole || whole.deviates) && parts.every((p) => matchLabel(p[0], candidates)?.deviates === false)) {
      for (const p of parts) {
        const start = token.span.start + p.index!;
        const character = token.span.range.start.character + p.index!;
        out.push({
          ...token,
          text: p[0],
          span: {
            text: p[0],
            start,
            end: start + p[0].length,
            range: {
              start: { line: token.span.range.start.line, character },
              end: { line: token.span.range.start.line, character: character + p[0].length },
            },
          },
        });
      }
    } else out.push(token);
  }
  return out;
}

function splitGroupPrefix(text: string, candidates: readonly LabelCandidate[]): { match: LabelMatch; rest: string } | undefined {
  const m = /^\s*((?:[一二三四五六七八九十]+、\s*[^（(\d]+?|[（(][一二三四五六七][）)]\s*\S+?))\s+(\S.*)$/.exec(text);
  if (!m) return undefined;
  const group = matchLabel(m[1], candidates);
  if (!group || group.candidate.role !== 'group') return undefined;
  const item = matchLabel(m[2], candidates);
  if (!item || item.candidate.role !== 'row') return undefined;
  return { match: item, rest: m[2] };
}

function sliceSpan(span: Span, offset: number): Span {
  if (offset <= 0) return span;
  return {
    text: span.text.slice(offset),
    start: span.start + offset,
    end: span.end,
    // The label sits on one line here, so the character shifts with the offset.
    range: { start: { line: span.range.start.line, character: span.range.start.character + offset }, end: span.range.end },
  };
}

function labelRead(span: Span, match: LabelMatch): LabelRead {
  return { span, canonical: match.candidate.canonical, deviates: match.deviates };
}

/**
 * Drop empty cells at the ends while there are more than needed. Outside GFM
 * tables, empty cells before the first value are the gaps merged label cells
 * leave in pasted rows, never data.
 */
function trimEnds(tokens: Token[], width: number): void {
  while (tokens.length > width && tokens[tokens.length - 1].text === '') tokens.pop();
  while (tokens.length > width && tokens[0].text === '') tokens.shift();
  while (tokens.length > 0 && tokens[0].text === '' && !tokens[0].gfm) tokens.shift();
}

function toCells(
  draft: RowDraft,
  width: number,
  extra: ExtraCells,
  problems: ReadProblem[],
  options: { decimal?: boolean } = {},
): Cell[] {
  const tokens = [...draft.tokens];
  trimEnds(tokens, width);
  if (tokens.length > width) {
    const dropped = extra === 'keep-last' ? tokens.splice(0, tokens.length - width) : tokens.splice(width);
    if (dropped.some((t) => t.text !== '' && !(t.num.kind === 'number' && t.num.value === 0 && extra === 'keep-first'))) {
      problems.push({
        kind: 'cell-count',
        span: draft.label.span,
        rowKey: draft.key,
        message: {
          zh: `“${draft.label.canonical}”一行有 ${tokens.length + dropped.length} 个单元格，应为 ${width} 个；已按${extra === 'keep-last' ? '最后' : '前'} ${width} 个读取`,
          en: `Row “${draft.label.canonical}” has ${tokens.length + dropped.length} cells, expected ${width}; the ${extra === 'keep-last' ? 'last' : 'first'} ${width} were read`,
        },
      });
    }
  }
  const cells: Cell[] = tokens.map((t) => toCell(t, !!options.decimal));
  if (cells.length < width && (cells.length > 0 || width > 1)) {
    problems.push({
      kind: 'cell-count',
      span: draft.label.span,
      rowKey: draft.key,
      message: {
        zh: `“${draft.label.canonical}”一行只有 ${cells.length} 个数，应为 ${width} 个，无法确定缺的是哪一列`,
        en: `Row “${draft.label.canonical}” has ${cells.length} values, expected ${width}; which column is missing cannot be told`,
      },
    });
  }
  while (cells.length < width) cells.push({ value: null, state: 'missing' });
  return cells;
}

function toCell(token: Token, decimal: boolean): Cell {
  const n = token.num;
  if (n.kind === 'blank') return { span: token.span, value: null, state: 'blank' };
  if (n.kind === 'text') return { span: token.span, value: null, state: 'invalid', problem: 'not-a-number' };
  if (n.negative) return { span: token.span, value: n.value, state: 'invalid', problem: 'negative' };
  if (n.fraction && !decimal) return { span: token.span, value: n.value, state: 'invalid', problem: 'fraction' };
  return { span: token.span, value: n.value, state: 'number' };
}

function finishTable(
  id: TableId,
  scan: Scan,
  rows: Map<string, TableRow>,
  problems: ReadProblem[],
  index: LineIndex,
  lines: Line[],
): ReadTable {
  const start = Math.min(...scan.used.map((t) => t.span.start));
  const end = Math.max(...scan.used.map((t) => t.span.end));
  const labels = [...scan.labels, ...[...rows.values()].map((r) => r.label)];
  return {
    id,
    layout: layoutOf(lines.filter((l) => l.span.end >= start && l.span.start <= end)),
    range: index.range(start, end),
    start,
    end,
    rows,
    labels,
    problems,
    format: '2021',
  };
}

function layoutOf(lines: Line[]): TableLayout {
  const kinds = new Set<TableLayout>();
  for (const line of lines) {
    if (line.kind === 'table-row') kinds.add('gfm');
    else if (line.span.text.includes('\t')) kinds.add('tsv');
    else if (line.span.text.includes('|')) kinds.add('gfm');
    else if (line.tokens.length === 1) kinds.add('cell-per-line');
    else kinds.add('space-aligned');
  }
  if (kinds.size === 1) return [...kinds][0];
  if (kinds.size === 2 && kinds.has('cell-per-line')) return [...kinds].find((k) => k !== 'cell-per-line')!;
  return 'mixed';
}
