/**
 * 在此处忽略此项检查: the quick fix on a heuristic finding that inserts a
 * nianbao-disable comment for it, where Markdown keeps the draft as it was —
 *  - a finding on a line that starts its block (a heading, a one-line
 *    paragraph, the first line of a paragraph): `disable-next-line` above it;
 *  - a finding inside a table or further down a paragraph: the block is
 *    wrapped in `disable` … `enable` of that code, since a comment line in the
 *    middle would cut the table or the paragraph in two.
 */
import { CHECKS } from '../checks';
import type { Finding, TextEdit } from '../model/report';

const HEURISTIC = new Set(CHECKS.filter((c) => c.tag === 'heuristic').map((c) => c.code));

/** Checks whose findings offer the quick fix: the heuristic ones, where a reader may know better. */
export const ignorable = (finding: Finding): boolean => HEURISTIC.has(finding.code);

const blank = (line: string | undefined) => line === undefined || line.trim() === '';
const ATX_HEADING = /^ {0,3}#{1,6}(\s|$)/;
const COMMENT_LINE = /^\s*<!--.*-->\s*$/;

export interface IgnoreEdit {
  /** Where the comment goes: above the line, or around the block. */
  scope: 'line' | 'block';
  edits: TextEdit[];
}

export function ignoreEdit(text: string, finding: Finding): IgnoreEdit {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const lines = text.split(/\r\n|\r|\n/);
  const at = finding.range.start.line;
  const startsBlock = (line: number) => ATX_HEADING.test(lines[line]) || blank(lines[line - 1]) || ATX_HEADING.test(lines[line - 1]) || COMMENT_LINE.test(lines[line - 1]);
  const code = finding.code;
  if (ATX_HEADING.test(lines[at] ?? '') || (startsBlock(at) && !/^\s*\|/.test(lines[at] ?? ''))) {
    return { scope: 'line', edits: [{ range: { start: { line: at, character: 0 }, end: { line: at, character: 0 } }, newText: `<!-- nianbao-disable-next-line ${code} -->${eol}` }] };
  }
  let first = at;
  while (first > 0 && !startsBlock(first)) first--;
  let last = at;
  while (last + 1 < lines.length && !blank(lines[last + 1]) && !ATX_HEADING.test(lines[last + 1]) && !COMMENT_LINE.test(lines[last + 1])) last++;
  const open: TextEdit = { range: { start: { line: first, character: 0 }, end: { line: first, character: 0 } }, newText: `<!-- nianbao-disable ${code} -->${eol}` };
  const close: TextEdit =
    last + 1 < lines.length
      ? { range: { start: { line: last + 1, character: 0 }, end: { line: last + 1, character: 0 } }, newText: `<!-- nianbao-enable ${code} -->${eol}` }
      : { range: { start: { line: last, character: lines[last].length }, end: { line: last, character: lines[last].length } }, newText: `${eol}<!-- nianbao-enable ${code} -->` };
  return { scope: 'block', edits: [open, close] };
}
