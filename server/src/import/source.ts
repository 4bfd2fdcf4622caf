/**
 * A document as the importers read it (a Word .docx, a published web page),
 * before it becomes a draft: its paragraphs and tables in document order, each
 * table expanded to its full grid of cells (merged cells resolved), each piece
 * knowing where it stood in the original (第 12 段, 第 2 个表格第 5 行第 3 列).
 *
 * The readers (import/docx.ts, import/html.ts) make this; import/draft.ts
 * turns it into the project's canonical Markdown draft. Nothing here knows
 * the report's format: binding tables to Table 2/3/4 is the draft's job.
 */
import type { Text } from '../format/standard';
import type { GridCell } from '../parse/grid';

export interface SourceDocument {
  /** What it was read from. */
  format: 'docx' | 'html';
  blocks: SourceBlock[];
  /** What could not be read (a cell holding only an image, a text box): reported, never guessed. */
  problems: SourceProblem[];
}

export type SourceBlock = SourceParagraph | SourceTable;

export interface SourceParagraph {
  kind: 'paragraph';
  /** The paragraph's text, its runs joined (one label split over many w:r runs is one string); line breaks inside it as \n. */
  text: string;
  /** The heading level the document's styles or tags give it (1–6), when they give one; text-only headings have none. */
  heading?: number;
  where: SourcePlace;
}

export interface SourceTable {
  kind: 'table';
  /**
   * The full grid: every row has the same number of cells. A merged cell's
   * text stands in its top-left position; the positions it covers are
   * `covered` with empty text.
   */
  rows: GridCell[][];
  where: SourcePlace;
}

/** Where something stood in the original, in words: 第 12 段 / paragraph 12. */
export type SourcePlace = Text;

export interface SourceProblem {
  where: SourcePlace;
  message: Text;
}

/** How the CLI and the editor say that a file could not be imported: its path, then the importer's reason. */
export const IMPORT_FAILED: Text = { zh: '无法导入 {path}：{why}', en: 'Cannot import {path}: {why}' };

/** Why a file could not be imported at all: the CLI says it and exits 2, the editor shows it. */
export class ImportError extends Error {
  constructor(
    readonly reason: 'corrupt' | 'encrypted' | 'legacy-doc' | 'too-large' | 'no-report' | 'unsupported',
    readonly words: Text,
  ) {
    super(words.en);
  }
}
