/**
 * Drafts for the LSP tests, made the way a clerk makes them: take the clean
 * example report and change a number in a table.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { T3_COLUMNS } from '../../server/src/format/standard';
import { applyEdits, LineIndex, type TextEdit } from '../../server/src/index';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const example = (name: string) => readFileSync(join(ROOT, 'examples', name), 'utf8');
export const CLEAN = example('clean-2024.md');

/** The line of Table 3 whose label cell (first or second) starts with `label`. */
export function t3Line(text: string, label: string): number {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => {
    const cells = l.split('|').map((c) => c.trim());
    return l.startsWith('|') && cells.length >= 10 && cells.slice(1, cells.length - 8).some((c) => c.startsWith(label));
  });
  if (i < 0) throw new Error(`no Table 3 row ${label}`);
  return i;
}

/** Where a Table 3 number stands: line and character range of the cell's text. */
export function t3Cell(text: string, label: string, column: string): { line: number; start: number; end: number; text: string } {
  const line = t3Line(text, label);
  const raw = text.split('\n')[line];
  const bars = [...raw].map((ch, i) => (ch === '|' ? i : -1)).filter((i) => i >= 0);
  // The last seven cells are the numbers, in T3_COLUMNS order.
  const c = T3_COLUMNS.findIndex((col) => col.label === column);
  if (c < 0) throw new Error(`no column ${column}`);
  const from = bars[bars.length - 8 + c] + 1;
  const to = bars[bars.length - 7 + c];
  const inner = raw.slice(from, to);
  const start = from + (inner.length - inner.trimStart().length);
  const value = inner.trim();
  return { line, start, end: start + value.length, text: value };
}

/** Set a Table 3 number. */
export function setT3(text: string, label: string, column: string, value: string | number): string {
  const cell = t3Cell(text, label, column);
  const lines = text.split('\n');
  const raw = lines[cell.line];
  lines[cell.line] = raw.slice(0, cell.start) + String(value) + raw.slice(cell.end);
  return lines.join('\n');
}

/** The line of Table 4's fifteen numbers and the character range of its i-th number. */
export function t4Cell(text: string, index: number): { line: number; start: number; end: number; text: string } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /^\|(\s*\d+\s*\|){15}\s*$/.test(l));
  if (line < 0) throw new Error('no Table 4 numbers');
  const raw = lines[line];
  const re = /\d+/g;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(raw))) {
    if (n++ === index) return { line, start: m.index, end: m.index + m[0].length, text: m[0] };
  }
  throw new Error(`no Table 4 number ${index}`);
}

export function setT4(text: string, index: number, value: string | number): string {
  const cell = t4Cell(text, index);
  const lines = text.split('\n');
  const raw = lines[cell.line];
  lines[cell.line] = raw.slice(0, cell.start) + String(value) + raw.slice(cell.end);
  return lines.join('\n');
}

/** The clean report with row 一's 总计 written as 45 instead of 47. */
export const WRONG_ROW_TOTAL = setT3(CLEAN, '一、本年新收', '总计', 45);

/** Apply LSP-style edits (line/character) to a text, as an editor would. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  return applyEdits(text, edits, (p) => index.offsetAt(p));
}

/** Last year's report of the same unit, as a clerk wrote it (test/fixtures/drafts/cross/): 2023, other numbers. */
export const LAST_2023 = readFileSync(join(ROOT, 'test', 'fixtures', 'drafts', 'cross', 'last-2023.md'), 'utf8');

/** The same report for another county: 样例县 instead of 示例县. */
export const otherUnit = (text: string) => text.replaceAll('示例县', '样例县');

/** The text at an LSP range of a text. */
export function textAt(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = text.split('\n');
  if (range.start.line === range.end.line) return lines[range.start.line].slice(range.start.character, range.end.character);
  return [
    lines[range.start.line].slice(range.start.character),
    ...lines.slice(range.start.line + 1, range.end.line),
    lines[range.end.line].slice(0, range.end.character),
  ].join('\n');
}

/** The same unit's report of the year before (2022, issued in 2023), numbers unchanged. */
export const LAST_2022 = LAST_2023.replaceAll('2023', '2022').replaceAll('2024', '2023');
