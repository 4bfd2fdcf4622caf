/**
 * Table readers. Each reads the lines of one section and finds its standard
 * table by label text, whatever the layout: GFM pipe tables, tab-separated rows,
 * one cell per line, space-aligned text out of a PDF. Rows are matched by label,
 * never by position; the cells of a row are the values that follow its label.
 */
import {
  TABLE2,
  TABLE2_2019,
  T3_COLUMNS,
  T3_ROWS,
  T4_COLUMNS,
  T4_GROUPS,
  type TableId,
} from '../format/standard';
import type { Cell, LabelRead, ReadProblem, ReadTable, Span, TableLayout, TableRow } from '../model/report';
import { TABLE_LABELS, TABLE_LABELS_2019, isLabelPrefix, matchLabel, type LabelCandidate, type LabelMatch } from './labels';
import type { Line, Token } from './lines';
import { normalizeLabel, readNumber, similarity, stripNumbering, type LineIndex } from './text';
import { assignRuns, gluedDigits, resolveByColumns, splitDigits, t3ColumnsHold, t3RowHolds, t4GroupsHold, type T3Values } from './recover';

/** How a row's cells are chosen when it has more than the table needs. */
type ExtraCells = 'keep-first' | 'keep-last';

interface RowDraft {
  key: string;
  label: LabelRead;
  row: number;
  tokens: Token[];
}


/** Per row of Table 2: how many cells, and which of them may be decimal or negative. */
interface T2RowShape {
  width: number;
  decimal: boolean[];
  signed: boolean[];
}

const T2_SHAPES: Record<'2021' | '2019', Record<string, T2RowShape>> = {
  '2021': Object.fromEntries(
    TABLE2.blocks.flatMap((b) =>
      b.rows.map((r) => [r.key, { width: b.columns.length, decimal: b.columns.map(() => !!b.decimal), signed: b.columns.map(() => false) }]),
    ),
  ),
  '2019': Object.fromEntries(
    TABLE2_2019.blocks.flatMap((b) =>
      b.rows.map((r) => [r.key, { width: b.columns.length, decimal: b.columns.map((c) => !!c.decimal), signed: b.columns.map((c) => !!c.signed) }]),
    ),
  ),
};

/**
 * Read Table 2 (rows 规章 … 行政事业性收费) from a section's lines — in the
 * 2019 trial layout (other columns, two more rows, a fifth block) when asked.
 */
export function readTable2(lines: Line[], index: LineIndex, format: '2021' | '2019' = '2021'): ReadTable | undefined {
  const shapes = T2_SHAPES[format];
  const candidates = format === '2019' ? TABLE_LABELS_2019.t2 : TABLE_LABELS.t2;
  const scan = scanLabelledRows(lines, candidates, { width: (key) => shapes[key]?.width ?? 1 });
  if (scan.rows.length === 0) return undefined;
  const rows = new Map<string, TableRow>();
  const problems: ReadProblem[] = [];
  for (const draft of scan.rows) {
    if (rows.has(draft.key)) continue;
    const shape = shapes[draft.key] ?? { width: 1, decimal: [false], signed: [false] };
    const cells = toCells(draft, shape.width, 'keep-first', problems, index, { decimal: shape.decimal, signed: shape.signed });
    rows.set(draft.key, { key: draft.key, label: draft.label, cells });
  }
  const table = finishTable('t2', scan, rows, problems, index, lines);
  table.format = format;
  return table;
}

/** True when a section's text shows Table 2 laid out in the 2019 format. */
export function isTable2Of2019(lines: Line[]): boolean {
  const text = lines.map((l) => normalizeLabel(l.span.text)).join('');
  return TABLE2_2019_ONLY.some((marker) => text.includes(marker));
}

/**
 * Labels only the 2019 Table 2 has, normalised: those that are no part of a
 * 2021 label (处理决定数量 is inside 本年处理决定数量, 规范性文件 inside 行政规范性文件).
 */
const TABLE2_2019_ONLY = (() => {
  const labels2021 = TABLE2.blocks.flatMap((b) => [b.article, ...b.columns.map((c) => c.label), ...b.rows.map((r) => r.label)]).map(normalizeLabel);
  const labels2019 = TABLE2_2019.blocks.flatMap((b) => [b.article, ...b.columns.map((c) => c.label), ...b.rows.map((r) => r.label)]).map(normalizeLabel);
  return [...new Set(labels2019.filter((l) => !labels2021.some((m) => m.includes(l))))];
})();

/**
 * Read Table 3 (25 rows × 7 columns). When a row has more cells, the last seven
 * are the data. Rows whose digits arrived glued together, and numbers whose
 * labels a PDF extraction printed elsewhere, are recovered by the table's own
 * arithmetic when it makes the reading unique, and reported either way.
 */
export function readTable3(lines: Line[], index: LineIndex): ReadTable | undefined {
  const scan = scanLabelledRows(lines, TABLE_LABELS.t3, { groupsCarryCells: true, width: () => T3_COLUMNS.length });
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

const missingCells = (width: number): Cell[] => Array.from({ length: width }, () => ({ value: null, state: 'missing' as const }));

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
  const digits = tokens.map((t) => gluedDigits(t.text));
  if (digits.some((d) => d === undefined) || !digits.some((d) => d!.length > 1)) return undefined;
  if (digits.reduce((n, d) => n + d!.length, 0) < width) return undefined;
  const split = splitDigits(digits as string[], width, t3RowHolds);
  if (split.candidates.length === 0 && !split.exhausted && (tokens.length > 1 || blanks > 0)) return undefined;
  return { draft, tokens, digits: digits as string[], candidates: split.candidates, exhausted: split.exhausted };
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
      const how = byColumns.has(key)
        ? { zh: '按本行“总计 = 各列之和”和各列的勾稽关系', en: 'the row total and the column rules' }
        : { zh: '按本行“总计 = 各列之和”', en: 'the row total' };
      problems.push({
        kind: 'glued-digits',
        span,
        rowKey: key,
        recovered: reading,
        message: {
          zh: `“${label}”一行的数字粘连在一起（“${shown}”），${how.zh}唯一拆分为 ${reading.join('、')}；请核对，并在各数之间加上分隔`,
          en: `Row “${label}” has its digits glued together (“${shown}”); ${how.en} make one split unique: ${reading.join(', ')} — please check and separate the numbers`,
        },
      });
      continue;
    }
    const examples = g.candidates.slice(0, 3).map((c) => c.join(' ')).join('；');
    const why =
      g.candidates.length === 0
        ? { zh: '没有一种拆分符合“总计 = 各列之和”', en: 'no split satisfies the row total' }
        : g.exhausted
          ? { zh: '可能的拆分太多', en: 'there are too many possible splits' }
          : {
              zh: `有 ${g.candidates.length} 种拆分都符合勾稽关系（如 ${examples}）`,
              en: `${g.candidates.length} splits satisfy the arithmetic (e.g. ${examples})`,
            };
    problems.push({
      kind: 'glued-digits',
      span,
      rowKey: key,
      message: {
        zh: `“${label}”一行的数字粘连在一起（“${shown}”），${why.zh}，无法确定，未读取该行；请在各数之间加上分隔`,
        en: `Row “${label}” has its digits glued together (“${shown}”) and ${why.en}; the row was not read — please separate the numbers`,
      },
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
            span: index.span(run.tokens[i * width].span.start, run.tokens[i * width + width - 1].span.end),
            rowKey: key,
            recovered: chunks[i],
            message: {
              zh: `“${row.label.canonical}”的行名与数字分开了（多见于从 PDF 复制）：按标准行序，这 7 个数 ${chunks[i].join('、')} 属于该行，行合计和各列勾稽关系都成立；请核对`,
              en: `Row “${row.label.canonical}” stands apart from its numbers (as PDF copies give them): in the standard row order the seven numbers ${chunks[i].join(', ')} are its, and the row total and column rules hold — please check`,
            },
          });
        });
      }
    }
    if (!assigned) {
      problems.push({
        kind: 'unreadable-row',
        span,
        message: {
          zh: `有 ${run.tokens.length} 个数不在任何行名之后（行名与数字错位，多见于从 PDF 复制），无法确定属于哪些行，未读取；请按标准表格核对`,
          en: `${run.tokens.length} numbers follow no row label (labels and numbers displaced, as PDF copies give them); which rows they belong to cannot be told, so they were not read — please check against the standard table`,
        },
      });
    }
  }
}

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
      problems.push({
        kind: 'unreadable-row',
        span: valuesSpan(),
        recovered: readings[0],
        message: {
          zh: `表四的数字与栏目名交错（多见于从 PDF 复制），按原顺序读不通各组“总计 = 维持 + 纠正 + 其他 + 尚未审结”；按各组总计唯一确定为：${groupsText(readings[0])}，请核对`,
          en: `Table 4's numbers are interleaved with its headers (as PDF copies give them) and in order they break the group totals; the group totals make one reading unique: ${groupsText(readings[0])} — please check`,
        },
      });
    } else {
      cells = cells.map(() => ({ value: null, state: 'missing' as const }));
      problems.push({
        kind: 'unreadable-row',
        span: valuesSpan(),
        message: {
          zh: `表四的数字与栏目名交错（多见于从 PDF 复制），无法确定各数属于哪一栏（${readings.length === 0 ? '没有一种排列符合各组总计' : `有 ${readings.length} 种排列都符合各组总计`}），未读取表四的数字；请按标准表格重新填写`,
          en: `Table 4's numbers are interleaved with its headers (as PDF copies give them) and which column each belongs to cannot be told (${readings.length === 0 ? 'no order fits the group totals' : `${readings.length} orders fit the group totals`}); Table 4's numbers were not read — please re-enter the standard table`,
        },
      });
    }
  } else if (values.length > 0 && values.length < total) {
    const glued = gluedTable4(values, index);
    if (glued) {
      cells = glued.cells;
      problems.push(glued.problem);
    } else {
      problems.push({
        kind: 'cell-count',
        span: valuesSpan(),
        message: {
          zh: `表四应有 15 个数，只读到 ${values.length} 个`,
          en: `Table 4 needs 15 numbers; only ${values.length} were found`,
        },
      });
    }
  }
  if (values.length > total && values.slice(total).some((t) => t.text !== '')) {
    const extra = values.slice(total);
    problems.push({
      kind: 'cell-count',
      span: index.span(extra[0].span.start, extra[extra.length - 1].span.end),
      message: {
        zh: `表四应有 15 个数，读到 ${values.length} 个；多出的“${extra.map((t) => t.text).filter(Boolean).join('、')}”不属于任何一栏，未计入`,
        en: `Table 4 needs 15 numbers; ${values.length} were found and the extra “${extra.map((t) => t.text).filter(Boolean).join(', ')}” ignored`,
      },
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
  const split = splitDigits(digits as string[], total, (v) => t4GroupsHold(v), (v) => t4GroupsHold(v, false));
  const span = index.span(values[0].span.start, values[values.length - 1].span.end);
  const shown = filled.map((t) => t.text).join(' ');
  if (split.candidates.length === 1 && !split.exhausted) {
    const reading = split.candidates[0];
    return {
      cells: gluedCells(filled, digits as string[], reading),
      problem: {
        kind: 'glued-digits',
        span,
        recovered: reading,
        message: {
          zh: `表四的数字粘连在一起（“${shown}”），按各组“总计 = 维持 + 纠正 + 其他 + 尚未审结”唯一拆分为：${groupsText(reading)}；请核对，并在各数之间加上分隔`,
          en: `Table 4's digits are glued together (“${shown}”); the group totals make one split unique: ${groupsText(reading)} — please check and separate the numbers`,
        },
      },
    };
  }
  return {
    cells: new Array(total).fill(0).map(() => ({ value: null, state: 'missing' as const })),
    problem: {
      kind: 'glued-digits',
      span,
      message: {
        zh: `表四的数字粘连在一起（“${shown}”），${split.candidates.length === 0 ? '没有一种拆分符合各组总计' : `有 ${split.candidates.length}${split.exhausted ? ' 种以上' : ' 种'}拆分都符合各组总计`}，无法确定，未读取表四的数字；请在各数之间加上分隔`,
        en: `Table 4's digits are glued together (“${shown}”) and ${split.candidates.length === 0 ? 'no split fits the group totals' : `${split.candidates.length}${split.exhausted ? '+' : ''} splits fit the group totals`}; Table 4's numbers were not read — please separate the numbers`,
      },
    },
  };
}

/**
 * Cells for a split of glued tokens: each piece gets the span of its digits
 * when the token is written in plain digits (so a fix can edit one number).
 */
function gluedCells(tokens: Token[], digits: string[], values: number[]): Cell[] {
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

// ---------------------------------------------------------------------------
// Shared machinery
// ---------------------------------------------------------------------------

interface Scan {
  rows: RowDraft[];
  labels: LabelRead[];
  /** Every token the table used (labels and cells), for its range. */
  used: Token[];
  /**
   * Values that followed no label: runs of numbers between labelled rows, as a
   * PDF extraction leaves them when it prints labels after their numbers.
   * `at` is how many row drafts preceded the run.
   */
  orphans: { tokens: Token[]; at: number }[];
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
  const orphans: Scan['orphans'] = [];
  let orphan: Scan['orphans'][number] | undefined;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.num.kind === 'text') orphan = undefined;
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
      } else if (!current && token.text !== '' && rows.some((r) => r.tokens.length > 0)) {
        if (!orphan) {
          orphan = { tokens: [], at: rows.length };
          orphans.push(orphan);
        }
        orphan.tokens.push(token);
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
  return { rows, labels, used, orphans };
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
  // Both near: the closer one (a wrapped label's first piece alone is further off than the whole).
  if (wrapped && direct && labelScore(wrapped.span.text, wrapped.match.candidate) > labelScore(token.text, direct.candidate)) return wrapped;
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

/**
 * A label wrapped onto following lines: join text tokens while still a prefix.
 * An exact match wins; otherwise the closest near match of the joins tried
 * (a wrapped label may match loosely half-way and exactly only when whole).
 */
function joinWrapped(
  tokens: Token[],
  i: number,
  candidates: readonly LabelCandidate[],
): { match: LabelMatch; span: Span; last: number } | undefined {
  const token = tokens[i];
  let joined = token.text;
  let best: { match: LabelMatch; span: Span; last: number; score: number } | undefined;
  for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
    if (!isLabelPrefix(joined, candidates)) break;
    if (tokens[j].num.kind !== 'text') {
      if (tokens[j].text === '') continue;
      break;
    }
    joined += tokens[j].text;
    const m = matchLabel(joined, candidates);
    if (!m) continue;
    const found = {
      match: { candidate: m.candidate, deviates: m.deviates },
      span: { ...token.span, text: joined, end: tokens[j].span.end, range: { start: token.span.range.start, end: tokens[j].span.range.end } },
      last: j,
      score: m.deviates ? labelScore(joined, m.candidate) : 1,
    };
    if (!m.deviates) return found;
    if (!best || found.score > best.score) best = found;
  }
  return best;
}

function labelScore(written: string, candidate: LabelCandidate): number {
  const bare = stripNumbering(normalizeLabel(written));
  return Math.max(...candidate.bare.map((b) => similarity(bare, b)));
}

/**
 * Text out of a PDF joins neighbouring labels with one space
 * (`信息内容 本年收费金额（单位：万元）`). Where every word of a token is itself a
 * label, the words are read as separate labels.
 */
function expandCompoundLabels(tokens: Token[], candidates: readonly LabelCandidate[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const glued = splitLabelDigits(token, candidates);
    if (glued) {
      out.push(...glued);
      continue;
    }
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

/**
 * A label with the row's digits glued to it, as flattened web pages give them
 * (`一、本年新收政府信息公开申请数量713000074`): the label and a number token.
 */
function splitLabelDigits(token: Token, candidates: readonly LabelCandidate[]): Token[] | undefined {
  if (token.num.kind !== 'text' || token.text !== token.span.text) return undefined;
  const m = /^(.*[^\s\d０-９.．、,，])\s*([0-9０-９]+)$/u.exec(token.text);
  if (!m) return undefined;
  const label = m[1];
  const match = matchLabel(label, candidates);
  const isLabel = (match && (match.candidate.role === 'row' || match.candidate.role === 'group')) || splitGroupPrefix(label, candidates);
  if (!isLabel) return undefined;
  const digitsAt = token.text.length - m[2].length;
  const piece = (from: number, to: number): Span => ({
    text: token.text.slice(from, to),
    start: token.span.start + from,
    end: token.span.start + to,
    range: {
      start: { line: token.span.range.start.line, character: token.span.range.start.character + from },
      end: { line: token.span.range.start.line, character: token.span.range.start.character + to },
    },
  });
  return [
    { ...token, text: label, span: piece(0, label.length) },
    { ...token, text: m[2], span: piece(digitsAt, token.text.length), num: readNumber(m[2]) },
  ];
}

/**
 * A group label and an item label in one cell (`（四）无法提供 1.本机关不掌握…`,
 * or glued: `三、本年度办理结果（一）予以公开`): the item, when both match.
 */
function splitGroupPrefix(text: string, candidates: readonly LabelCandidate[]): { match: LabelMatch; rest: string } | undefined {
  // Group labels are short: a split further in is never one.
  for (let p = 2; p < Math.min(text.length - 1, 20); p++) {
    const ch = text[p];
    const numbered = /[（(]/.test(ch) || (/[0-9０-９]/.test(ch) && /[.．、]/.test(text[p + 1] ?? ''));
    if (!numbered && !/\s/.test(ch)) continue;
    const group = matchLabel(text.slice(0, p), candidates);
    if (!group || group.candidate.role !== 'group') continue;
    const rest = text.slice(p).trimStart();
    const item = matchLabel(rest, candidates);
    if (item && item.candidate.role === 'row') return { match: item, rest };
  }
  return undefined;
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

/**
 * Where the GFM tables of Table 3 hold their seven data columns, by block:
 * the columns whose header cells read 自然人 … 总计, when they stand side by
 * side in order (a header split over two rows counts).
 */
function gfmDataColumns(lines: Line[]): Map<number, number> {
  const found = new Map<number, Map<number, number>>();
  const columns = TABLE_LABELS.t3.filter((c) => c.role === 'column');
  for (const line of lines) {
    if (line.kind !== 'table-row') continue;
    for (const token of line.tokens) {
      if (token.col === undefined || token.block === undefined || token.num.kind !== 'text') continue;
      const m = matchLabel(token.text, columns);
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
  return Array.from({ length: width }, (_, i) => inside.find((t) => t.col === first + i));
}

function toCells(
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
        span: index.span(stray[0].span.start, stray[stray.length - 1].span.end),
        rowKey: draft.key,
        message: {
          zh: `“${draft.label.canonical}”一行有 ${tokens.length + dropped.length} 个单元格，应为 ${width} 个；已按${extra === 'keep-last' ? '最后' : '前'} ${width} 个读取，多出的“${shown}”不属于任何一列，未计入`,
          en: `Row “${draft.label.canonical}” has ${tokens.length + dropped.length} cells, expected ${width}; the ${extra === 'keep-last' ? 'last' : 'first'} ${width} were read and the extra “${stray.map((t) => t.text).join(', ')}” ignored`,
        },
      });
    }
  }
  const decimal = (i: number) => (Array.isArray(options.decimal) ? !!options.decimal[i] : !!options.decimal);
  const cells: Cell[] = tokens.map((t, i) => toCell(t, decimal(i), !!options.signed?.[i]));
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
    span: draft.label.span,
    rowKey: draft.key,
    message: {
      zh: `“${draft.label.canonical}”一行只有 ${present} 个单元格，应为 ${width} 个；按表头对齐读取，缺的格未读取`,
      en: `Row “${draft.label.canonical}” has ${present} cells, expected ${width}; read aligned to the header, the absent cells not read`,
    },
  });
  return aligned.map((t, i) => (t ? toCell(t, decimal(i), !!options.signed?.[i]) : { value: null, state: 'missing' as const }));
}

function toCell(token: Token, decimal: boolean, signed = false): Cell {
  const n = token.num;
  if (n.kind === 'blank') return { span: token.span, value: null, state: 'blank' };
  if (n.kind === 'text') return { span: token.span, value: null, state: 'invalid', problem: 'not-a-number' };
  // 本年增/减 (2019 format) may be negative.
  if (n.negative && signed && !n.fraction) return { span: token.span, value: n.value, state: 'number' };
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
  const labels = [...scan.labels, ...[...rows.values()].map((r) => r.label)];
  return tableOver(id, scan.used.map((t) => t.span), { rows, labels, problems }, index, lines);
}

/** A table read from the given spans: its range runs from the first to the last. */
function tableOver(
  id: TableId,
  spans: Span[],
  content: Pick<ReadTable, 'rows' | 'labels' | 'problems'>,
  index: LineIndex,
  lines: Line[],
): ReadTable {
  const start = Math.min(...spans.map((s) => s.start));
  const end = Math.max(...spans.map((s) => s.end));
  return {
    id,
    layout: layoutOf(lines.filter((l) => l.span.end >= start && l.span.start <= end)),
    range: index.range(start, end),
    start,
    end,
    ...content,
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
