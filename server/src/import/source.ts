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

export interface GridCell {
  text: string;
  /** Covered by a merged cell that starts above or to the left. */
  covered?: boolean;
  where: SourcePlace;
}

/** Where something stood in the original, in words: 第 12 段 / paragraph 12. */
export type SourcePlace = Text;

export interface SourceProblem {
  where: SourcePlace;
  message: Text;
}

/** Why a file could not be imported at all: the CLI says it and exits 2, the editor shows it. */
export class ImportError extends Error {
  constructor(
    readonly reason: 'corrupt' | 'encrypted' | 'legacy-doc' | 'too-large' | 'no-report' | 'unsupported',
    readonly words: Text,
  ) {
    super(words.en);
  }
}

/** A cell as a table states it before expansion: its text and how far it spans. */
export interface SpanCell {
  text: string;
  /** Grid columns it spans (w:gridSpan, colspan); default 1. */
  colSpan?: number;
  /** Rows it spans (rowspan); default 1. */
  rowSpan?: number;
  /** It continues the merged cell above (w:vMerge without "restart"): its text belongs to that cell. */
  continuesAbove?: boolean;
}

/**
 * Expand rows of cells with spans into the full grid. Both ways of merging
 * down are read: a rowspan (HTML: the cells below are absent from their rows)
 * and a continuation cell (Word's w:vMerge: present in each row, marked). Rows
 * shorter than the widest are padded with covered cells; `place` names each
 * cell's position (1-based row and column of the grid).
 */
export function expandGrid(rows: readonly (readonly SpanCell[])[], place: (row: number, column: number) => SourcePlace): GridCell[][] {
  const grid: (GridCell | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let column = 0;
    for (const cell of cells) {
      // Skip the positions a rowspan from above already fills.
      while (grid[r][column]) column++;
      const width = Math.max(1, Math.floor(cell.colSpan ?? 1));
      const height = cell.continuesAbove ? 1 : Math.max(1, Math.min(Math.floor(cell.rowSpan ?? 1), rows.length - r));
      for (let dr = 0; dr < height; dr++)
        for (let dc = 0; dc < width; dc++) {
          const origin = dr === 0 && dc === 0 && !cell.continuesAbove;
          grid[r + dr][column + dc] = origin ? { text: cell.text, where: place(r + 1, column + 1) } : { text: '', covered: true, where: place(r + dr + 1, column + dc + 1) };
        }
      // A continuation cell's text (Word keeps it empty) joins the merged cell's origin above.
      if (cell.continuesAbove && cell.text.trim()) {
        const origin = originAbove(grid, r, column);
        if (origin) origin.text = origin.text ? `${origin.text}\n${cell.text}` : cell.text;
      }
      column += width;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row, r) => Array.from({ length: width }, (_, c) => row[c] ?? { text: '', covered: true, where: place(r + 1, c + 1) }));
}

function originAbove(grid: (GridCell | undefined)[][], row: number, column: number): GridCell | undefined {
  for (let r = row - 1; r >= 0; r--) {
    const cell = grid[r][column];
    if (cell && !cell.covered) return cell;
  }
  return undefined;
}
