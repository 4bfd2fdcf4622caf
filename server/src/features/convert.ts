/**
 * 转换为标准表格 / Convert to the standard table: rewrite the region a table was
 * read from as the canonical GFM table (format/render.ts), with the same
 * numbers and the canonical labels.
 *
 * - The region is exactly the table's lines: from its first line (header
 *   fragments included: `结果 结果 其他 尚未` above the numbers of a PDF copy)
 *   to its last, never the section heading above nor the prose after.
 * - Every number is written as read (full-width digits and 12,608 become plain
 *   digits); a blank cell stays blank, with its placeholder (无, /) if it had
 *   one, and a cell that is not a valid number keeps its text, so the
 *   document's findings on the numbers are the same after converting as before.
 * - A table in the 2019 layout is written in the 2019 layout (Table 2's 2019
 *   columns, the single （六）其他处理 row): converting never changes what the
 *   numbers mean. A row the table lacks stays lacking.
 * - A table whose cells could not all be read (a row short of cells, digits
 *   glued beyond recovery), or whose lines hold numbers no cell took, is not
 *   converted: writing it out would turn “could not be read” into “blank” or
 *   drop a number. `conversionBlocker` says why.
 * - Converting a converted table changes nothing: the result is undefined.
 * - A table read from an HTML <table> in the draft (pandoc, mammoth) is
 *   replaced element and all, its tags' digits (colspan="3") no numbers of it.
 */
import { renderTable, type CellWriter } from '../format/render';
import { T3_ROWS, TABLE2, TABLE2_2019, type TableId, type Text } from '../format/standard';
import type { Cell, ReadTable, Report, SectionRead, TextEdit } from '../model/report';
import { t3Layout } from '../model/arithmetic';
import { TABLE_LABELS, TABLE_LABELS_2019 } from '../parse/labels';
import { formatNumber, isPageFooter, normalizeLabel } from '../parse/text';

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
  const lost = lostNumbers(report, table);
  if (lost.length > 0) {
    return {
      zh: `表格所在的行中有读不出归属的数（${lost.slice(0, 5).join('、')}${lost.length > 5 ? '……' : ''}），转换会把它们丢掉；请先核对这些数`,
      en: `The table's lines hold numbers that belong to no cell (${lost.slice(0, 5).join(', ')}${lost.length > 5 ? '…' : ''}); converting would drop them — check them first`,
    };
  }
  return undefined;
}

/**
 * The text a cell is written as: its number; its own text when it is not a
 * valid number or a blank written as a placeholder (无, /, —: an empty cell
 * instead could let a long number beside it be read as glued digits).
 */
function cellText(cell: Cell | undefined): string {
  if (!cell || cell.state === 'missing') return '';
  if (cell.state === 'number' && cell.value !== null) return formatNumber(cell.value);
  return (cell.span?.text ?? '').replace(/\s+/g, ' ').trim().replace(/(^|[^\\])\|/g, '$1\\|');
}

/** A writer that looks cells up by their path (`t3/new/0`). */
function writerFor(table: ReadTable): CellWriter {
  return (path) => {
    const [, key, i] = path.split('/');
    return cellText(table.rows.get(key)?.cells[Number(i)]);
  };
}

/**
 * The canonical Markdown for a table: the standard table of its layout (the
 * 2019 Table 2, the single （六） row), its numbers as read, the rows it lacks left out.
 */
function renderStandard(table: ReadTable): string {
  const format = table.id === 't2' ? table.format : table.id === 't3' ? t3Layout(table) : '2021';
  const t2 = format === '2019' ? TABLE2_2019 : TABLE2;
  const all = table.id === 't2' ? t2.blocks.flatMap((b) => b.rows.map((r) => r.key)) : table.id === 't3' ? T3_ROWS.map((r) => r.key) : [];
  const omit = new Set(all.filter((key) => !table.rows.has(key)));
  return renderTable(table.id, writerFor(table), { format, omit });
}

/** The edit that replaces the table's lines with the canonical table; undefined when there is nothing to change. */
export function convertToStandardTable(report: Report, id: TableId): TextEdit | undefined {
  const table = report.tables[id];
  if (!table || conversionBlocker(report, id)) return undefined;
  const { startLine, endLine } = tableLines(report, table);
  const start = table.element?.start ?? report.offsetAt({ line: startLine, character: 0 });
  const end = table.element?.end ?? report.offsetAt(report.lineEnd(endLine));
  const rendered = renderStandard(table);
  if (squash(report.text.slice(start, end)) === squash(rendered)) return undefined;
  // A GFM table needs a blank line on either side: without it the line above
  // would be read as the header row and the line below as one more row. HTML
  // beside the element on its lines (`<div align="center"><table>`) keeps its
  // line, and a blank line more: an HTML block runs to the next blank line.
  const eol = report.eol;
  const lineCount = report.positionAt(report.text.length).line + 1;
  const textBefore = report.text.slice(report.offsetAt({ line: startLine, character: 0 }), start).trim() !== '';
  const textAfter = report.text.slice(end, report.offsetAt(report.lineEnd(endLine))).trim() !== '';
  const before = textBefore ? eol + eol : startLine > 0 && report.lineText(startLine - 1).trim() !== '' ? eol : '';
  const after = textAfter ? eol + eol : endLine + 1 < lineCount && report.lineText(endLine + 1).trim() !== '' ? eol : '';
  return { range: { start: report.positionAt(start), end: report.positionAt(end) }, newText: before + rendered.replace(/\n/g, eol) + after };
}

/** Text compared for “no change”: the same cells, however padded. */
const squash = (s: string) =>
  s
    .split(/\r\n|\r|\n/)
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .trim();

/**
 * Numbers on the table's lines that no cell (nor label: 1.属于国家秘密,
 * 第二十条第（五）项) covers: converting would drop them.
 */
function lostNumbers(report: Report, table: ReadTable): string[] {
  const { startLine, endLine } = tableLines(report, table);
  const covered: [number, number][] = [];
  for (const row of table.rows.values()) {
    covered.push([row.label.span.start, row.label.span.end]);
    for (const cell of row.cells) if (cell.span) covered.push([cell.span.start, cell.span.end]);
  }
  for (const label of table.labels) covered.push([label.span.start, label.span.end]);
  const isCovered = (at: number) => covered.some(([a, b]) => a <= at && at < b);
  const lost: string[] = [];
  for (let line = startLine; line <= endLine; line++) {
    const base = report.offsetAt({ line, character: 0 });
    // A page footer (-3-) a PDF left inside the table is no number of it.
    if (isPageFooter(report.lineText(line))) continue;
    for (const m of withoutMarkup(report.lineText(line), table).matchAll(/[0-9０-９]+/g)) {
      const from = base + m.index!;
      for (let i = 0; i < m[0].length; i++)
        if (!isCovered(from + i)) {
          lost.push(m[0]);
          break;
        }
    }
  }
  return lost;
}

/** An HTML table's line with its tags and character references blanked (the same length): their digits are markup. */
const withoutMarkup = (line: string, table: ReadTable) => (table.element ? line.replace(/<[^>]*>?|&#?\w+;/g, (m) => ' '.repeat(m.length)) : line);

/**
 * The lines the table stands on: the lines the reader used, and above them
 * the header lines it could not match as labels but that are made only of
 * pieces of the table's labels (`结果 结果 其他 尚未`, `商业`/`企业`), up to the
 * section heading. Prose (anything else, or any digit) stops the search.
 */
function tableLines(report: Report, table: ReadTable): { startLine: number; endLine: number } {
  if (table.element) return { startLine: report.positionAt(table.element.start).line, endLine: report.positionAt(table.element.end).line };
  const section = sectionOf(report, table);
  const floor = section ? section.heading.span.range.end.line + 1 : 0;
  let startLine = table.range.start.line;
  const pieces = labelPieces(table);
  for (let l = startLine - 1; l >= floor; l--) {
    const text = report.lineText(l).trim();
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
  return [...new Set(candidates.flatMap((c) => c.forms).map(normalizeLabel))];
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
