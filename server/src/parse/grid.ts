/**
 * A table's full grid: rows of cells with their spans (Word's w:gridSpan and
 * w:vMerge continuation cells, HTML's colspan and rowspan) expanded so that
 * every row has a cell at every position, a merged cell's text in its
 * top-left position. Read by the Word and web-page importers and by the HTML
 * tables of Markdown drafts alike.
 */
import type { Text } from '../format/standard';

export interface GridCell {
  text: string;
  /** Covered by a merged cell that starts above or to the left. */
  covered?: boolean;
  /** Where it stood in the original, in words (第 2 个表格第 5 行第 3 列). */
  where: Text;
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
export function expandGrid(rows: readonly (readonly SpanCell[])[], place: (row: number, column: number) => Text): GridCell[][] {
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
