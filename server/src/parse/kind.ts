/**
 * What kind of document a text is: this annual report (2019 or 2021 layout), a
 * report from before 2019 (the 2008 条例 era: 概述, 依申请公开政府信息情况,
 * 政府信息公开的收费及减免情况…), or another document altogether (a
 * 政府网站工作年度报表, a 法治政府建设年度报告). Only the first is checked as a
 * draft; the others get one finding that says what they are, not a cascade of
 * missing sections and tables.
 */
import { ANNUAL_REPORT_TITLE, DOCUMENT_KINDS, FORMAT_2019_FIRST_YEAR, PRE_2019_PARTS } from '../format/standard';
import type { DocumentKind, ReadTable, SectionRead, Span, TitleRead } from '../model/report';
import type { Line } from './lines';
import { normalizeLabel, stripNumbering } from './text';

/** A line of its own, short enough to be a heading or a title. */
const headingLike = (line: Line) => line.kind === 'heading' || (line.kind === 'text' && line.tokens.length === 1 && line.span.text.length <= 60);

/** A heading's words: normalised, numbering (四、 （四） 4. 四.) and Markdown marks removed. */
const headingWords = (text: string) => stripNumbering(normalizeLabel(text).replace(/^#+/, '')).replace(/^[一二三四五六七八九十]+[.,，]/, '');

/** The headings of parts only a pre-2019 report has, one per part (the first of each). */
function pre2019Parts(lines: readonly Line[]): { span: Span; label: string }[] {
  const found = new Map<string, { span: Span; label: string }>();
  for (const line of lines) {
    if (!headingLike(line)) continue;
    const words = headingWords(line.span.text);
    const part = PRE_2019_PARTS.find((p) => p.pattern.test(words));
    if (part && !found.has(part.label)) found.set(part.label, { span: line.span, label: part.label });
  }
  return [...found.values()].sort((a, b) => a.span.start - b.span.start);
}

/** The document's first line, when it is a title that names a document of another kind. */
function otherDocumentTitle(lines: readonly Line[], sections: readonly SectionRead[]): Span | undefined {
  const first = lines[0];
  if (!first || !headingLike(first) || /[。，；]/.test(first.span.text) || sections.some((s) => s.heading.span === first.span)) return undefined;
  // 青溪县人民政府门户网站2023年政府网站工作年度报表（2023年度）: the words before a trailing bracket.
  const words = normalizeLabel(first.span.text).replace(/^#+/, '').replace(/\([^()]*\)$/, '');
  return DOCUMENT_KINDS.test(words) && !ANNUAL_REPORT_TITLE.test(words) ? first.span : undefined;
}

export function documentKind(
  lines: readonly Line[],
  title: TitleRead | undefined,
  sections: readonly SectionRead[],
  tables: Partial<Record<string, ReadTable>>,
): DocumentKind {
  // Table 3 read: a report of the 2019 or 2021 layout, whatever its headings say.
  if (tables.t3) return { kind: 'annual-report' };
  const parts = pre2019Parts(lines);
  const early = title?.year !== undefined && title.year < FORMAT_2019_FIRST_YEAR;
  if (parts.length >= 2 || (parts.length === 1 && early)) return { kind: 'pre-2019', parts };
  if (!title) {
    const other = otherDocumentTitle(lines, sections);
    if (other) return { kind: 'other', title: other };
  }
  return { kind: 'annual-report' };
}
