/** Edits as data: applying them to a text, and moving ranges between a report's lines and its document's. */
import type { Finding, Position, Range, TextEdit } from '../model/report';
import { LineIndex } from '../parse/text';

/** Apply non-overlapping edits to a text. Overlapping edits are an error: no fix may claim another's text. */
export function applyEdits(text: string, edits: readonly TextEdit[], offsetAt: (p: Position) => number = ((index) => (p) => index.offsetAt(p))(new LineIndex(text))): string {
  const sorted = edits
    .map((e) => ({ start: offsetAt(e.range.start), end: offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);

/** Whether two edits touch the same text (or insert at the same place). */
export function overlaps(a: TextEdit, b: TextEdit): boolean {
  return !(before(a.range.end, b.range.start) || before(b.range.end, a.range.start));
}

/** Whether a position lies in a range, its ends included. */
export const contains = (range: Range, p: Position): boolean => !before(p, range.start) && !before(range.end, p);

export function shiftRange(range: Range, lines: number): Range {
  if (lines === 0) return range;
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

/** A finding of a report moved to its document's lines (related ranges in other files stay as they are). */
export function shiftFinding(f: Finding, lines: number): Finding {
  if (lines === 0) return f;
  return {
    ...f,
    range: shiftRange(f.range, lines),
    related: f.related?.map((r) => (r.uri ? r : { ...r, range: shiftRange(r.range, lines) })),
    fixes: f.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, lines) })) })),
  };
}

/** Findings in reading order: by position, then by code. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}
