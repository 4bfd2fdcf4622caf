/**
 * A report flattened to very few lines (some site archives and text
 * extractions store it so): its headings, table row labels and prose run
 * together on one line, separated only by spaces. In a line that long, the
 * space before a standard section heading or a standard row label becomes a
 * line break, so that the heading and each table row stand on a line of
 * their own and are read as in any pasted report. Only a whitespace character
 * is ever replaced, by one line break: the text keeps its length, and every
 * offset the reader keeps is still the document's.
 */
import { matchSectionHeading, TABLE_LABELS } from './labels';

/** A line longer than this is a flattened report, not a paragraph (the longest paragraphs of the seeds are about 600). */
const FLAT_LINE = 1500;
const LONG_LINES = new RegExp(`[^\\r\\n]{${FLAT_LINE},}`, 'g');

/** The row labels and headers of the three tables, the longest first (so that a label inside another, 其他, never cuts it). */
const ROW_LABELS = [...new Set([...TABLE_LABELS.t2, ...TABLE_LABELS.t3, ...TABLE_LABELS.t4].filter((c) => c.role === 'row' || c.role === 'group' || c.role === 'article' || c.role === 'header').map((c) => c.canonical))].sort(
  (a, b) => b.length - a.length,
);
const pattern = (label: string) => label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/[（(]/g, '[（(]').replace(/[）)]/g, '[）)]');
const ROW_LABEL = new RegExp(`^(?:${ROW_LABELS.map(pattern).join('|')})`);
const SPACE = /[ \t\u3000\u00a0]/;
/** A space before a numbered heading (一、…六、), a row label, or a table's numbers run together (Table 4's fifteen: 210141010210001). */
const BREAK_BEFORE = new RegExp(`${SPACE.source}(?=[一二三四五六]、|\\d{10,}(?![\\d.])|${ROW_LABELS.map(pattern).join('|')})`, 'g');
const NUMBERS = /^\d{10,}(?![\d.])/;

/** Whether a line is FLAT_LINE long or longer: one pass over the text (a regex would rescan each line from every position). */
function hasLongLine(text: string): boolean {
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text.charCodeAt(i);
    if (i === text.length || ch === 10 || ch === 13) {
      if (i - start >= FLAT_LINE) return true;
      start = i + 1;
    }
  }
  return false;
}

export function unflatten(text: string): string {
  if (!hasLongLine(text)) return text;
  return text.replace(LONG_LINES, (line) => {
    const breaks = new Set<number>();
    // The title, when the line opens with it: 示例县人民政府办公室2024年政府信息公开工作年度报告 本报告根据…
    const title = /^[^ \t\u3000\u00a0]{0,60}政府信息公开工作年度报告(?=[ \t\u3000\u00a0])/.exec(line);
    if (title) breaks.add(title[0].length);
    for (const m of line.matchAll(BREAK_BEFORE)) {
      const at = m.index! + 1;
      const rest = line.slice(at, at + 80);
      if (ROW_LABEL.test(rest) || NUMBERS.test(rest)) {
        breaks.add(m.index!);
        continue;
      }
      // A section heading only when the words up to the next space are one (一、总体情况), not 一、 inside a sentence;
      // then the space after it breaks too, so that the heading is a line of its own.
      const words = rest.split(SPACE)[0];
      if (matchSectionHeading(words)) {
        breaks.add(m.index!);
        if (SPACE.test(line[at + words.length] ?? '')) breaks.add(at + words.length);
      }
    }
    // Offsets are UTF-16 units, as the document's are.
    return line
      .split('')
      .map((ch, i) => (breaks.has(i) ? '\n' : ch))
      .join('');
  });
}
