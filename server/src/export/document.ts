/**
 * A draft as the exports (export/docx.ts, export/html.ts) lay it out: the
 * title, the introduction, the six sections in the draft's order with their
 * paragraphs and the three standard tables (drawn from format/layout.ts, not
 * from the draft's pipe table), and the 落款 — the issuing unit and the date
 * that close the report, right-aligned in an official document.
 *
 * For a review copy (annotate), each finding gets a number and is attached to
 * what the reviewer must point at: the table cells it names, else a row label,
 * else the table, else the paragraph or heading it lies in; every finding is
 * listed at the end with where it is in the report's own words.
 */
import type { LayoutCell } from '../format/layout';
import type { TableId, Text } from '../format/standard';
import { closingLines } from '../parse/closing';
import type { Finding, ReadTable, Report, Severity } from '../model/report';
import type { DocumentAnalysis } from '../engine/analyze';

/** Finding numbers (1-based, as listed at the end) marking a piece of the export. */
type Marks = number[];

export type TableBlock = { kind: 'table'; id: TableId; table: ReadTable; marks: Marks; cellMarks: ReadonlyMap<string, Marks> };

export type ExportBlock =
  | { kind: 'heading'; text: string; marks: Marks }
  /** A line such as （一）主动公开 heading a part of a section (楷体 in an official document). */
  | { kind: 'subheading'; text: string; marks: Marks }
  | { kind: 'paragraph'; text: string; marks: Marks }
  | TableBlock;

export interface ExportFinding {
  number: number;
  code: string;
  severity: Severity;
  message: Text;
  where?: Text;
}

export interface ExportDocument {
  title?: { text: string; marks: Marks };
  blocks: ExportBlock[];
  /** The 落款: the unit's line (when the draft has one) and the date. */
  closing: { text: string; marks: Marks }[];
  /** The findings to show (annotate), numbered; empty for a clean copy. */
  findings: ExportFinding[];
  /** How many reports the document holds; only the first is exported. */
  reports: number;
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** The worst severity among the findings marking something (findings are numbered from 1 in list order). */
export const worstOf = (findings: readonly ExportFinding[], marks: readonly number[]): Severity | undefined =>
  SEVERITY_ORDER.find((s) => marks.some((n) => findings[n - 1]?.severity === s));

/** The key of a layout cell in a table block's cellMarks: a number's row and column, a label's row. */
function cellKey(cell: LayoutCell): string | undefined {
  if (cell.role === 'number') return `${cell.row}/${cell.column}`;
  return cell.role === 'label' && cell.row !== undefined ? cell.row : undefined;
}

/** The findings marking a cell of a table block. */
export const marksOfCell = (block: TableBlock, cell: LayoutCell): Marks => {
  const key = cellKey(cell);
  return (key !== undefined && block.cellMarks.get(key)) || [];
};

const LIST_MARKER = /^(?:[-*+]|\d{1,3}[.)])\s+/;
const isCjk = (c: string | undefined) => !!c && /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]/.test(c);

/**
 * A prose block's text as a reader sees it: Markdown's emphasis, escapes and
 * quote marks dropped, runs of spaces made one, a paragraph's lines joined (without a space between
 * Chinese characters), each list item a paragraph of its own.
 */
function paragraphsOfBlock(raw: string): string[] {
  const paragraphs: string[] = [];
  for (const rawLine of raw.split(/\r\n|\r|\n/)) {
    let line = rawLine.trim().replace(/^>\s?/, '');
    const item = LIST_MARKER.test(line);
    line = line
      .replace(LIST_MARKER, '')
      .replace(/\*\*|__/g, '')
      .replace(/\\([\\`*_{}[\]()#+\-.!|<>~])/g, '$1')
      // A run of spaces (a clerk's alignment) is one space, as a web page shows it.
      .replace(/[ \t\u00a0\u3000]{2,}/g, ' ')
      .trim();
    if (!line) continue;
    const last = paragraphs.length - 1;
    if (item || last < 0) paragraphs.push(line);
    else paragraphs[last] += isCjk(paragraphs[last].at(-1)) || isCjk(line[0]) ? line : ` ${line}`;
  }
  return paragraphs;
}

/** （一）主动公开 — a short numbered line without a sentence in it. */
const SUBHEADING = /^[（(][一二三四五六七八九十]{1,3}[）)][^。；;！？]{1,28}$/;

interface Placed {
  start: number;
  end: number;
  marks: Marks;
}

/** The export model of a document's first report; with `annotate`, its findings attached and listed. */
export function exportDocument(analysis: DocumentAnalysis, options: { annotate?: boolean } = {}): ExportDocument {
  const part = analysis.parts[0];
  const report = part.report;
  const places: Placed[] = [];
  const place = <T extends { marks: Marks }>(start: number, end: number, item: T): T => {
    places.push({ start, end, marks: item.marks });
    return item;
  };

  const closing = closingLines(report).map((line) => place(line.start, line.end, { text: line.text, marks: [] as Marks }));
  const closingStart = places[0]?.start ?? Infinity;
  const titleSpan = report.title?.span;
  const title = titleSpan && place(titleSpan.start, titleSpan.end, { text: titleSpan.text.trim(), marks: [] as Marks });

  const ordered: { at: number; block: ExportBlock }[] = [];
  for (const section of report.sections) {
    const span = section.heading.span;
    ordered.push({ at: span.start, block: place(span.start, span.end, { kind: 'heading', text: span.text.trim(), marks: [] }) });
  }
  for (const prose of report.prose) {
    if (prose.span.start >= closingStart || prose.span.start === titleSpan?.start) continue;
    // A block that the 落款 ends (unit and date on its last lines) is taken without them.
    const raw = prose.span.end > closingStart ? report.text.slice(prose.span.start, closingStart) : prose.span.text;
    for (const text of paragraphsOfBlock(raw)) {
      ordered.push({ at: prose.span.start, block: place(prose.span.start, prose.span.end, { kind: SUBHEADING.test(text) ? 'subheading' : 'paragraph', text, marks: [] }) });
    }
  }
  const tables: TableBlock[] = [];
  for (const table of Object.values(report.tables)) {
    const block: TableBlock = { kind: 'table', id: table.id, table, marks: [], cellMarks: new Map() };
    tables.push(block);
    ordered.push({ at: table.element?.start ?? table.start, block });
  }
  // Stable: paragraphs of one block keep their order.
  ordered.sort((a, b) => a.at - b.at);

  const findings: ExportFinding[] = [];
  if (options.annotate) {
    for (const finding of part.findings) {
      const number = findings.length + 1;
      findings.push({ number, code: finding.code, severity: finding.severity, message: finding.message, ...(finding.where ? { where: finding.where } : {}) });
      attach(extentOf(report, finding), number, tables, places);
    }
  }
  return { ...(title ? { title } : {}), blocks: ordered.map((o) => o.block), closing, findings, reports: analysis.parts.length };
}

type Extent = { start: number; end: number };

/** [start, end) of a finding, as offsets of the report. */
const extentOf = (report: Report, finding: Finding): Extent => ({ start: report.offsetAt(finding.range.start), end: report.offsetAt(finding.range.end) });

const overlaps = (f: Extent, start: number, end: number) => (f.start === f.end ? f.start >= start && f.start <= end : f.start < end && start < f.end);

function add(map: ReadonlyMap<string, Marks>, key: string, number: number): void {
  const marks = map.get(key) ?? [];
  if (!marks.includes(number)) marks.push(number);
  (map as Map<string, Marks>).set(key, marks);
}

/** Attach a finding to the cells it covers, else a row label, else the table, else the text it lies in. */
function attach(extent: Extent, number: number, tables: TableBlock[], places: Placed[]): void {
  let cells = false;
  for (const block of tables)
    for (const row of block.table.rows.values())
      row.cells.forEach((cell, column) => {
        if (!cell.span || !overlaps(extent, cell.span.start, cell.span.end)) return;
        add(block.cellMarks, `${row.key}/${column}`, number);
        cells = true;
      });
  if (cells) return;
  for (const block of tables)
    for (const row of block.table.rows.values())
      if (overlaps(extent, row.label.span.start, row.label.span.end)) return add(block.cellMarks, row.key, number);
  for (const block of tables) {
    const { start, end } = block.table.element ?? block.table;
    if (overlaps(extent, start, end)) return void block.marks.push(number);
  }
  places.find((p) => overlaps(extent, p.start, p.end))?.marks.push(number);
}
