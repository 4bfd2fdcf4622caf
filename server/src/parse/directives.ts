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
import { LineIndex } from './text';

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

/** The directives of a text, in order (lines broken by \n, \r\n or a lone \r, as LSP counts them). */
export function readDirectives(text: string, index: LineIndex = new LineIndex(text)): Directive[] {
  if (!text.includes('nianbao-')) return [];
  const directives: Directive[] = [];
  // Which lines are inside a fenced block.
  const fenced = new Set<number>();
  if (/^ {0,3}(```|~~~)/m.test(text)) {
    let open: string | undefined;
    for (let line = 0; line < index.lineCount; line++) {
      const m = FENCE.exec(index.lineText(line));
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
    const start = index.positionAt(m.index!);
    if (fenced.has(start.line)) continue;
    const end = index.positionAt(m.index! + m[0].length);
    const body = m[2].split(/\s--\s|\s--$/)[0];
    const codes = body.split(/[\s,，、]+/).filter((c) => c !== '');
    const before = index.lineText(start.line).slice(0, start.character);
    const after = index.lineText(end.line).slice(end.character);
    directives.push({ kind: m[1] as DirectiveKind, codes, range: { start, end }, ownLine: before.trim() === '' && after.trim() === '' });
  }
  return directives;
}
