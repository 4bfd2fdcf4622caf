/**
 * Formatting a draft: its pipe tables aligned by display width (a Chinese
 * character is two columns wide, measured with string-width), so that the
 * clerk reads Table 3 as a grid. Only whitespace changes: cells keep their
 * text, rows keep their cells and pipes, and formatting twice changes nothing.
 *
 *  - A row with at most one filled cell (a Table 2 article row: a merged
 *    title written in its first cell) does not widen its columns, nor does a
 *    cell wider than 40 columns (the corner note, the longest official labels
 *    of Table 3): they overflow, and the table stays about as wide as a screen.
 *  - A table with a row that does not start and end with a pipe is left as it
 *    is: aligning it would mean adding pipes.
 *  - The delimiter row keeps its dashes and colons, padded with spaces.
 */
import stringWidth from 'string-width';
import type { Range, TextEdit } from '../model/report';
import { blocksOf } from '../parse/blocks';
import { LineIndex } from '../parse/text';

/** A row's cells: split on the pipes that are not escaped, without the outer ones; undefined when it lacks them. */
function cellsOf(line: string): string[] | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith('|') || !trimmed.endsWith('|') || trimmed.endsWith('\\|') || trimmed.length < 2) return undefined;
  const inner = trimmed.slice(1, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === '\\' && i + 1 < inner.length) {
      current += ch + inner[++i];
    } else if (ch === '|') {
      cells.push(current.trim());
      current = '';
    } else current += ch;
  }
  cells.push(current.trim());
  return cells;
}

const DELIMITER_CELL = /^:?-+:?$/;
/** A cell wider than this (twenty Chinese characters) overflows rather than widen its column. */
const MAX_ALIGNED_WIDTH = 40;
type Align = 'left' | 'right' | 'center';

/** The lines of one table aligned; `widthOf` measures a cell (the snippets measure a placeholder by its default). */
function alignRows(rows: readonly string[][], delimiterRow: number, widthOf: (cell: string) => number = stringWidth): string[] {
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = new Array<number>(columns).fill(3);
  const filled = (row: readonly string[]) => row.filter((c) => c !== '').length;
  rows.forEach((row, r) => {
    if (r !== delimiterRow && r !== 0 && filled(row) <= 1) return; // a merged title row
    row.forEach((cell, c) => {
      const width = widthOf(cell);
      if (width <= MAX_ALIGNED_WIDTH) widths[c] = Math.max(widths[c], width);
    });
  });
  const aligns: Align[] = (rows[delimiterRow] ?? []).map((d) => (d.startsWith(':') && d.endsWith(':') && d.length > 1 ? 'center' : d.endsWith(':') ? 'right' : 'left'));
  const pad = (cell: string, c: number, r: number) => {
    const room = Math.max(0, widths[c] - widthOf(cell));
    const align = r === delimiterRow ? 'left' : (aligns[c] ?? 'left');
    if (align === 'right') return ' '.repeat(room) + cell;
    if (align === 'center') return ' '.repeat(Math.floor(room / 2)) + cell + ' '.repeat(room - Math.floor(room / 2));
    return cell + ' '.repeat(room);
  };
  return rows.map((row, r) => `| ${row.map((cell, c) => pad(cell, c, r)).join(' | ')} |`);
}

/** The edits that align the tables of a text (those the range touches, when one is given). */
export function formatTables(text: string, range?: Range): TextEdit[] {
  const index = new LineIndex(text);
  const edits: TextEdit[] = [];
  for (const block of blocksOf(text)) {
    if (block.type !== 'table') continue;
    const first = index.positionAt(block.start).line;
    const last = index.positionAt(Math.max(block.start, block.end - 1)).line;
    if (range && (last < range.start.line || first > range.end.line)) continue;
    const lines: string[] = [];
    for (let line = first; line <= last; line++) lines.push(index.lineText(line));
    const rows = lines.map(cellsOf);
    if (rows.some((r) => !r)) continue;
    const cells = rows as string[][];
    if (!cells[1]?.every((c) => DELIMITER_CELL.test(c))) continue;
    alignRows(cells, 1).forEach((aligned, i) => {
      const line = first + i;
      if (aligned !== lines[i]) edits.push({ range: { start: { line, character: 0 }, end: { line, character: lines[i].length } }, newText: aligned });
    });
  }
  return edits;
}

/**
 * The tables of a text written by Nianbao itself (a snippet body), aligned:
 * runs of pipe rows under a delimiter row, found line by line.
 */
export function alignGeneratedTables(text: string, widthOf: (cell: string) => number = stringWidth): string {
  const lines = text.split('\n');
  for (let start = 0; start < lines.length; start++) {
    if (!cellsOf(lines[start]) || !cellsOf(lines[start + 1] ?? '')?.every((c) => DELIMITER_CELL.test(c))) continue;
    let end = start + 2;
    while (end < lines.length && cellsOf(lines[end])) end++;
    const aligned = alignRows(lines.slice(start, end).map((l) => cellsOf(l)!), 1, widthOf);
    lines.splice(start, end - start, ...aligned);
    start = end - 1;
  }
  return lines.join('\n');
}
