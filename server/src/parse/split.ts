/**
 * A document may hold several reports (a reviewer's file of 100 reports, or
 * `cat a.md b.md`). Each starts at a title line that follows the previous
 * report's sections; the first starts at 0. Lines are counted as LSP counts
 * them (\r\n, \n and a lone \r), so every part knows the line it starts at.
 */
import { matchSectionHeading } from './labels';

export interface TextPart {
  startOffset: number;
  endOffset: number;
  /** The document line the part starts at. */
  startLine: number;
}

const TITLE_LINE = /^[#\s]*\S.{0,60}政府信息公开.{0,12}(年度报告|年报)\s*#*\s*$/;
const SECTION_LINE = /^[#\s]*[一二三四五六][、.．]/;
const LINE = /[^\r\n]*(\r\n|\r|\n|$)/y;

/** Where each report of a document starts and ends, and its first line. */
export function splitReports(text: string): TextPart[] {
  const parts: TextPart[] = [{ startOffset: 0, endOffset: text.length, startLine: 0 }];
  let sectionsSinceStart = 0;
  let line = 0;
  LINE.lastIndex = 0;
  for (let offset = 0; offset < text.length; line++) {
    LINE.lastIndex = offset;
    const m = LINE.exec(text)!;
    const content = m[0].slice(0, m[0].length - m[1].length);
    const trimmed = content.trim();
    if (trimmed && trimmed.length <= 80) {
      if (TITLE_LINE.test(trimmed) && !/根据|编制|统计/.test(trimmed)) {
        if (sectionsSinceStart >= 2) {
          parts[parts.length - 1].endOffset = offset;
          parts.push({ startOffset: offset, endOffset: text.length, startLine: line });
          sectionsSinceStart = 0;
        }
      } else if (SECTION_LINE.test(trimmed) && matchSectionHeading(trimmed.replace(/^#+\s*/, ''))) {
        sectionsSinceStart++;
      }
    }
    if (m[0].length === 0) break;
    offset += m[0].length;
  }
  return parts;
}
