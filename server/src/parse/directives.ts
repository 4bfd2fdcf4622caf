/**
 * The comments that silence checks, as a clerk writes them in the draft:
 *
 *   <!-- nianbao-disable-next-line narrative-mismatch -->   the next line
 *   某句话 <!-- nianbao-disable-line year-mismatch -->         its own line
 *   <!-- nianbao-disable t3-balance, t3-row-total -->       from here …
 *   <!-- nianbao-enable -->                                  … to here
 *   <!-- nianbao-disable-file copied-paragraph -->           the whole file
 *
 * Codes are separated by commas or spaces; none means every check. Text after
 * `--` is the reason, for the reader. Comments inside a fenced code block are
 * examples, not directives.
 */
import type { Range } from '../model/report';

type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** The codes named; empty: every check. */
  codes: string[];
  /** The comment, in document coordinates. */
  range: Range;
  /** The comment is alone on its line(s): removing it removes the line. */
  ownLine: boolean;
}

const COMMENT = /<!--\s*nianbao-(disable-next-line|disable-line|disable-file|disable|enable)(?=[\s,]|-->)([\s\S]*?)-->/g;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The directives of a text, in order. */
export function readDirectives(text: string): Directive[] {
  if (!text.includes('nianbao-')) return [];
  const directives: Directive[] = [];
  // Line starts, and which lines are inside a fenced block.
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const lineText = (line: number) => text.slice(starts[line], line + 1 < starts.length ? starts[line + 1] : text.length).replace(/\r?\n$/, '');
  const fenced = new Set<number>();
  if (/^ {0,3}(```|~~~)/m.test(text)) {
    let open: string | undefined;
    for (let line = 0; line < starts.length; line++) {
      const m = FENCE.exec(lineText(line));
      if (open) {
        fenced.add(line);
        if (m && m[1][0] === open[0] && m[1].length >= open.length) open = undefined;
      } else if (m) {
        open = m[1];
        fenced.add(line);
      }
    }
  }
  for (const m of text.matchAll(COMMENT)) {
    const startOffset = m.index!;
    const endOffset = startOffset + m[0].length;
    const startLine = lineOf(startOffset);
    if (fenced.has(startLine)) continue;
    const endLine = lineOf(endOffset);
    const body = m[2].split(/\s--\s|\s--$/)[0];
    const codes = body.split(/[\s,，、]+/).filter((c) => c !== '');
    const before = text.slice(starts[startLine], startOffset);
    const after = lineText(endLine).slice(endOffset - starts[endLine]);
    directives.push({
      kind: m[1] as DirectiveKind,
      codes,
      range: { start: { line: startLine, character: startOffset - starts[startLine] }, end: { line: endLine, character: endOffset - starts[endLine] } },
      ownLine: before.trim() === '' && after.trim() === '',
    });
  }
  return directives;
}
