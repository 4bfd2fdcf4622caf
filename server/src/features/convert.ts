/**
 * 转换为标准表格 / Convert to the standard table: rewrite the region a table was
 * read from as the canonical GFM table (format/render.ts), with the same
 * numbers and the canonical labels.
 *
 * - The region is exactly the table's lines: from its first line (header
 *   fragments included: `结果 结果 其他 尚未` above the numbers of a PDF copy)
 *   to its last, never the section heading above nor the prose after.
 * - Every number is written as read (full-width digits and 12,608 become plain
 *   digits); a blank cell stays blank and a cell that is not a valid number
 *   keeps its text, so the document's findings on the numbers are the same
 *   after converting as before.
 * - A table in the 2019 layout is written in the 2019 layout (Table 2's 2019
 *   columns, the single （六）其他处理 row): converting never changes what the
 *   numbers mean. A row the table lacks stays lacking.
 * - A table whose cells could not all be read (a row short of cells, digits
 *   glued beyond recovery) is not converted: writing it out would turn
 *   “could not be read” into “blank”. `conversionBlocker` says why.
 * - Converting a converted table changes nothing: the result is undefined.
 */
import { RENDERERS, type CellWriter, type TableValues } from '../format/render';
import {
  T3_CORNER_NOTE,
  T3_COLUMNS,
  T3_GROUPS,
  T3_ROWS,
  TABLE2_2019,
  T3_2019_SINGLE_ROW,
  type TableId,
  type Text,
} from '../format/standard';
import type { Cell, ReadTable, Report, SectionRead, TextEdit } from '../model/report';
import { TABLE_LABELS, TABLE_LABELS_2019 } from '../parse/labels';
import { normalizeLabel } from '../parse/text';

/** The numbers read from a table, by row key; a blank or unreadable cell stays empty. */
export function tableValues(table: ReadTable): TableValues {
  const values: TableValues = {};
  for (const row of table.rows.values()) values[row.key] = row.cells.map((c) => (c.state === 'number' ? c.value : null));
  return values;
}

/** Why a table cannot be converted, or undefined when it can. */
export function conversionBlocker(report: Report, id: TableId): Text | undefined {
  const table = report.tables[id];
  if (!table) return { zh: '没有读到该表格', en: 'The table was not read' };
  const missing = [...table.rows.values()].filter((r) => r.cells.some((c) => c.state === 'missing'));
  if (missing.length > 0) {
    return {
      zh: `有 ${missing.length} 行的数字没有读全（如“${missing[0].label.canonical}”），转换会把读不出的格变成空白；请先补全这些行`,
      en: `${missing.length} rows were not read in full (e.g. “${missing[0].label.canonical}”); converting would turn what could not be read into blanks — complete those rows first`,
    };
  }
  return undefined;
}

/** The text a cell is written as: its number, nothing for a blank, its own text when it is not a valid number. */
function cellText(cell: Cell | undefined): string {
  if (!cell || cell.state === 'blank' || cell.state === 'missing') return '';
  if (cell.state === 'number' && cell.value !== null) return formatValue(cell.value);
  return (cell.span?.text ?? '').replace(/\s+/g, ' ').trim().replace(/(^|[^\\])\|/g, '$1\\|');
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e6) / 1e6);
}

/** A writer that looks cells up by their path (`t3/new/0`). */
function writerFor(table: ReadTable): CellWriter {
  return (path) => {
    const [, key, i] = path.split('/');
    return cellText(table.rows.get(key)?.cells[Number(i)]);
  };
}

/** A GFM row written as render.ts writes them (an empty cell as `| |`). */
const row = (cells: string[]) => `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`;
/** A rendered row whose first cell is empty (`| |` or `|  |`). */
const EMPTY_FIRST = /^\|\s*\|/;

/** Table 2 in the 2019 layout, written like render.ts writes the 2021 one. */
function renderTable2Of2019(write: CellWriter): string {
  const width = 1 + Math.max(...TABLE2_2019.blocks.map((b) => b.columns.length));
  const pad = (cells: string[]) => [...cells, ...new Array(width - cells.length).fill('')];
  const lines: string[] = [];
  TABLE2_2019.blocks.forEach((block, b) => {
    lines.push(row(pad([block.article])));
    if (b === 0) lines.push(row(new Array(width).fill('---')));
    lines.push(row(pad(['信息内容', ...block.columns.map((c) => c.label)])));
    for (const r of block.rows) lines.push(row(pad([r.label, ...block.columns.map((_, i) => write(`t2/${r.key}/${i}`, null))])));
  });
  return lines.join('\n');
}

/** The label cells a rendered row starts with, to find its line again. */
function rowLineStart(label: string): string {
  return `| ${label} |`;
}

/**
 * The canonical Markdown for a table: render.ts's table, with the rows the
 * table lacks taken out and the 2019 single （六） row in place of its items.
 */
export function renderStandard(table: ReadTable): string {
  const write = writerFor(table);
  if (table.id === 't2' && table.format === '2019') {
    const lines = renderTable2Of2019(write).split('\n');
    return dropRows(lines, TABLE2_2019.blocks.flatMap((b) => b.rows), table).join('\n');
  }
  let lines = RENDERERS[table.id]({}, write).split('\n');
  if (table.id === 't2') {
    lines = dropRows(lines, TABLE_LABELS.t2.filter((c) => c.role === 'row').map((c) => ({ key: c.key, label: c.canonical })), table);
  }
  if (table.id === 't3') {
    const single = table.rows.get(T3_2019_SINGLE_ROW.key);
    const items = T3_ROWS.filter((r) => r.group === T3_2019_SINGLE_ROW.replaces);
    if (single) {
      // The 2019 layout: one （六）其他处理 row with numbers of its own.
      const first = lines.findIndex((l) => l.includes(`| ${items[0].label} |`));
      const label = T3_GROUPS.find((g) => g.key === T3_2019_SINGLE_ROW.key)!.label;
      const singleLine = row([label, '', ...T3_COLUMNS.map((_, i) => cellText(single.cells[i]))]);
      lines.splice(first, items.length, singleLine);
    }
    lines = dropT3Rows(lines, table, single ? items.map((r) => r.key) : []);
    if (table.labels.some((l) => l.canonical === T3_CORNER_NOTE)) lines.unshift(T3_CORNER_NOTE, '');
  }
  return lines.join('\n');
}

/** Take out the lines of rows the table does not have. */
function dropRows(lines: string[], rows: readonly { key: string; label: string }[], table: ReadTable): string[] {
  const absent = rows.filter((r) => !table.rows.has(r.key)).map((r) => rowLineStart(r.label));
  return lines.filter((l) => !absent.some((a) => l.startsWith(a)));
}

/** Table 3 rows the table lacks: out, moving a group label onto the next item that stays. */
function dropT3Rows(lines: string[], table: ReadTable, replaced: string[]): string[] {
  const out = [...lines];
  for (const spec of T3_ROWS) {
    if (table.rows.has(spec.key) || replaced.includes(spec.key)) continue;
    const at = out.findIndex((l) => l.includes(`| ${spec.label} |`));
    if (at < 0) continue;
    const [removed] = out.splice(at, 1);
    const groupLabel = spec.group ? T3_GROUPS.find((g) => g.key === spec.group)?.label : undefined;
    const next = out[at] ?? '';
    if (groupLabel && removed.startsWith(rowLineStart(groupLabel)) && EMPTY_FIRST.test(next)) {
      out[at] = `| ${groupLabel} |` + next.replace(EMPTY_FIRST, '');
    }
  }
  return out;
}

/** The edit that replaces the table's lines with the canonical table; undefined when there is nothing to change. */
export function convertToStandardTable(report: Report, id: TableId): TextEdit | undefined {
  const table = report.tables[id];
  if (!table || conversionBlocker(report, id)) return undefined;
  const { startLine, endLine } = tableLines(report, table);
  const start = report.offsetAt({ line: startLine, character: 0 });
  const lineEnd = report.text.indexOf('\n', report.offsetAt({ line: endLine, character: 0 }));
  let end = lineEnd < 0 ? report.text.length : lineEnd;
  if (report.text[end - 1] === '\r') end--;
  const rendered = renderStandard(table);
  if (squash(report.text.slice(start, end)) === squash(rendered)) return undefined;
  // A GFM table needs a blank line on either side: without it the line above
  // would be read as the header row and the line below as one more row.
  const lines = report.text.split('\n');
  const before = startLine > 0 && lines[startLine - 1].trim() !== '' ? '\n' : '';
  const after = endLine + 1 < lines.length && lines[endLine + 1].trim() !== '' ? '\n' : '';
  return { range: { start: report.positionAt(start), end: report.positionAt(end) }, newText: before + rendered + after };
}

/** Text compared for “no change”: the same cells, however padded. */
const squash = (s: string) =>
  s
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .trim();

/**
 * The lines the table stands on: the lines the reader used, and above them
 * the header lines it could not match as labels but that are made only of
 * pieces of the table's labels (`结果 结果 其他 尚未`, `商业`/`企业`), up to the
 * section heading. Prose (anything else, or any digit) stops the search.
 */
export function tableLines(report: Report, table: ReadTable): { startLine: number; endLine: number } {
  const lines = report.text.split('\n');
  const section = sectionOf(report, table);
  const floor = section ? section.heading.span.range.end.line + 1 : 0;
  let startLine = table.range.start.line;
  const pieces = labelPieces(table);
  for (let l = startLine - 1; l >= floor; l--) {
    const text = lines[l].trim();
    if (text === '') continue;
    if (!isHeaderFragment(text, pieces)) break;
    startLine = l;
  }
  return { startLine, endLine: table.range.end.line };
}

function sectionOf(report: Report, table: ReadTable): SectionRead | undefined {
  let found: SectionRead | undefined;
  for (const s of report.sections) if (s.start <= table.start) found = s;
  return found;
}

function labelPieces(table: ReadTable): string[] {
  const candidates = table.id === 't2' && table.format === '2019' ? TABLE_LABELS_2019.t2 : TABLE_LABELS[table.id];
  return [...new Set([...candidates.flatMap((c) => c.forms), '行政复议', '行政诉讼', '申请人情况', '法人或其他组织'].map(normalizeLabel))];
}

/** True when every word of the line can be cut into pieces (two characters or more) of the table's labels. */
function isHeaderFragment(line: string, pieces: string[]): boolean {
  if (/[0-9０-９]/.test(line)) return false;
  const words = line.split(/[\s|\t]+/).map(normalizeLabel).filter(Boolean);
  if (words.length === 0) return /^[-=|:\s]+$/.test(line);
  return words.every((word) => {
    if (/^[-=:]+$/.test(word)) return true;
    if (word.length === 1) return pieces.some((p) => p.includes(word));
    const ok: boolean[] = new Array(word.length + 1).fill(false);
    ok[0] = true;
    for (let i = 0; i < word.length; i++) {
      if (!ok[i]) continue;
      for (let j = i + 2; j <= word.length; j++) if (!ok[j] && pieces.some((p) => p.includes(word.slice(i, j)))) ok[j] = true;
    }
    return ok[word.length];
  });
}
