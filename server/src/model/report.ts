/**
 * The report model: what the reader makes of a draft, and what checks read.
 * Positions are LSP-style (0-based line and UTF-16 character), so a finding's
 * range goes to the editor unchanged.
 */
import type { SectionSpec, TableId, Text } from '../format/standard';

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** A piece of the source text and where it stands. */
export interface Span {
  text: string;
  /** UTF-16 offsets into the document. */
  start: number;
  end: number;
  range: Range;
}

type CellState =
  | 'number' // a readable, valid number
  | 'blank' // empty, or a placeholder: / — - 无
  | 'invalid' // not a number, negative, or a fraction in a count
  | 'missing'; // the row has fewer cells than the table needs

/** A cell that holds a valid number. */
export const isNumberCell = (cell: Cell | undefined): cell is Cell & { value: number } => !!cell && cell.state === 'number' && cell.value !== null;

export interface Cell {
  /** The cell's text; absent when the row lacks the cell altogether. */
  span?: Span;
  value: number | null;
  state: CellState;
  /** Why an invalid cell is invalid. */
  problem?: 'not-a-number' | 'negative' | 'fraction' | 'too-large';
}

/** A label as written, matched to its canonical wording. */
export interface LabelRead {
  span: Span;
  canonical: string;
  /** True when the written label differs from the canonical one (after normalisation). */
  deviates: boolean;
}

export interface TableRow {
  /** Key of the row in the format data (T3_ROWS[i].key, T2 row key, T4 group key). */
  key: string;
  label: LabelRead;
  cells: Cell[];
}

export type TableLayout = 'gfm' | 'html' | 'tsv' | 'cell-per-line' | 'space-aligned' | 'mixed';

/** Why the reader could not read part of a table for sure: the id of the table-read check's message. */
export type ReadReason =
  | 'extraCellsFirst'
  | 'extraCellsLast'
  | 'fewerCells'
  | 'alignedCells'
  | 'gluedByRow'
  | 'gluedByColumns'
  | 'gluedNoSplit'
  | 'gluedTooMany'
  | 'gluedSeveral'
  | 'gluedTooLong'
  | 'displacedRecovered'
  | 'orphans'
  | 't4InterleavedRecovered'
  | 't4InterleavedNone'
  | 't4InterleavedSeveral'
  | 't4TooFew'
  | 't4TooMany'
  | 't4GluedRecovered'
  | 't4GluedNone'
  | 't4GluedSeveral';

/** Something the reader could not make sense of; reported, never guessed. */
export interface ReadProblem {
  kind: 'unreadable-row' | 'cell-count' | 'glued-digits';
  /** What the table-read check says of it, and the words that fill its message. */
  reason: ReadReason;
  args: Readonly<Record<string, string | number>>;
  span: Span;
  rowKey?: string;
  /** For glued digits or displaced labels recovered uniquely: the numbers found. */
  recovered?: number[];
}

export interface ReadTable {
  id: TableId;
  layout: TableLayout;
  /** From the first to the last line the reader used. */
  range: Range;
  start: number;
  end: number;
  rows: Map<string, TableRow>;
  /** Column headers and group labels, for wording checks. */
  labels: LabelRead[];
  problems: ReadProblem[];
  /** Layout of the 2019 trial format (read with 2019 rows). */
  format: '2021' | '2019';
  /** Read from an HTML <table> in the draft (pandoc, mammoth): the element's extent, which converting replaces whole. */
  element?: { start: number; end: number };
}

export interface SectionRead {
  spec: SectionSpec;
  heading: LabelRead;
  /** `## 二、…` rather than a plain line. */
  markdownHeading: boolean;
  /** Markdown heading depth, when markdownHeading. */
  depth?: number;
  /** From the heading to just before the next section (or the end). */
  start: number;
  end: number;
  range: Range;
}

export interface TitleRead {
  span: Span;
  unit?: string;
  year?: number;
  /** The year as it stands in the title. */
  yearSpan?: Span;
}

/** A block of prose outside the tables (a paragraph, a list item, a heading). */
export interface ProseBlock {
  span: Span;
  /** The section the block lies in, if any. */
  section?: SectionRead;
}

/** What kind of document a text is (parse/kind.ts). */
export type DocumentKind =
  /** This annual report, in the 2019 or 2021 layout. */
  | { kind: 'annual-report' }
  /** A report from before 2019 (the 2008 条例 era); `parts` are the headings only that format has, with the part each names. */
  | { kind: 'pre-2019'; parts: { span: Span; label: string }[] }
  /** Another document (a 政府网站工作年度报表, another report): its title. */
  | { kind: 'other'; title: Span };

export type ReportKind = DocumentKind['kind'];

export interface Report {
  text: string;
  title?: TitleRead;
  /** The sections found, in document order (a section may be missing or repeated). */
  sections: SectionRead[];
  tables: Partial<Record<TableId, ReadTable>>;
  prose: ProseBlock[];
  /** '2019' when the tables use the 2019 trial layout. */
  format: '2021' | '2019';
  /** Text found that only the 2019 layout has. */
  oldFormatMarkers: Span[];
  /** This report, one from before 2019, or another document (only the first is checked as a draft). */
  kind: DocumentKind;
  /** The line break the text uses (its first one; \n when it has none): inserted text uses it too. */
  eol: '\n' | '\r\n' | '\r';
  /** Converts offsets to positions. */
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
  /** Where a line's content ends: before its line break. */
  lineEnd(line: number): Position;
  /** A line's text, without its line break. */
  lineText(line: number): string;
}

// ---------------------------------------------------------------------------
// Findings and fixes
// ---------------------------------------------------------------------------

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** The id of the title in the check's catalog: which of the check's fixes this is. */
  id: string;
  title: Text;
  kind: 'quickfix' | 'refactor.rewrite';
  /** The fix the light bulb offers first. */
  preferred?: boolean;
  /**
   * Safe to apply unseen: the right value is known, not guessed. Fix-all (on
   * save, `check --fix`) applies these and only these.
   */
  fixAll?: boolean;
  edits: TextEdit[];
  /**
   * Codes of findings the fix knowingly leaves for the clerk (an inserted
   * section is empty until written). Applying the fix may add findings of
   * these codes and of no other.
   */
  leaves?: string[];
}

export interface RelatedInfo {
  range: Range;
  message: Text;
  /** The document the range is in, when it is another file (last year's report). */
  uri?: string;
}

export interface Finding {
  code: string;
  severity: Severity;
  /** The id of the message in the check's catalog; `message` is it filled in. */
  messageId: string;
  message: Text;
  range: Range;
  /** Where it is in the report's own words (表三 · 自然人列 · （一）予以公开), set by the engine (engine/locate.ts). */
  where?: Text;
  related?: RelatedInfo[];
  /** Machine-readable details: expected/actual values, row and column keys. */
  data?: Record<string, unknown>;
  fixes?: Fix[];
}
