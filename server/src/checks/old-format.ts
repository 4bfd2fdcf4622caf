/**
 * old-format: a 2021-or-later report laid out in the 2019 trial format
 * (国办公开办函〔2019〕60号), and a report in the format from before 2019 (the
 * 2008 条例 era), which is said once and not checked as a draft.
 */
import { FORMAT_2019_FIRST_YEAR, FORMAT_2021_FIRST_YEAR } from '../format/standard';
import type { Finding, Report, Span } from '../model/report';
import { defineCheck, finding, silencing, type Check } from './check';
import { defineMessages, list, say } from './messages';

const MESSAGES = defineMessages({
  oldFormat: {
    zh: '{year}报告应使用国办公开办函〔2021〕30号格式，但用了 2019 年格式的内容：{markers}',
    en: '{year} report must use the 2021 format, but 2019-format content was found: {markers}',
  },
  yearOf: { zh: '{year}年度', en: 'A {year}' },
  thisReport: { zh: '本', en: 'This' },
  marker: { zh: '旧格式：{text}', en: '2019 format: {text}' },
  singleRow: { zh: '（六）其他处理（单行）', en: '（六）其他处理 (a single row)' },
  pre2019Due: {
    zh: '{year}报告应使用{notice}格式，但用的是 2019 年以前（2008 年《政府信息公开条例》时期）的格式：{parts}。未按现行格式检查，请按标准格式重写六个部分和三张表格',
    en: '{year} report must use the {notice} format, but it follows the format from before 2019 (the 2008 regulations): {parts}. It was not checked against the current format; rewrite it in the six standard sections and three tables',
  },
  pre2019Past: {
    zh: '这是 {year} 年度的报告，用的是当年（2008 年《政府信息公开条例》时期）的格式：{parts}。现行格式的章节和表格对它不适用，未作检查',
    en: 'This is a report for {year}, in the format of its time (the 2008 regulations): {parts}. The current sections and tables do not apply to it, so it was not checked',
  },
  part: { zh: '2019 年以前的格式：{text}', en: 'Format from before 2019: {text}' },
});

/** The format notice a report for this year follows. */
const noticeFor = (year: number | undefined) => (year !== undefined && year < FORMAT_2021_FIRST_YEAR ? '国办公开办函〔2019〕60号' : '国办公开办函〔2021〕30号');

export const oldFormat = defineCheck({
  code: 'old-format',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '使用了旧格式', en: 'Old format' },
  docs: {
    zh:
      '2021 年及以后的年报必须使用国办公开办函〔2021〕30号的格式。用了 2019 年试行格式（国办公开办函〔2019〕60号：本年新制作数量／对外公开总数量、上一年项目数量／本年增／减、其他对外管理服务事项、第二十条第（九）项、只有一行的（六）其他处理）时提示，并列出找到的标志。2019、2020 年度的报告按 2019 年格式读取和核对，不提示。' +
      '2019 年以前（2008 年《政府信息公开条例》时期）的报告有另外的组成部分（概述、依申请公开政府信息情况、政府信息公开的收费及减免情况、咨询处理情况）：有其中两个部分标题（或一个，且标题年份早于 2019 年）、又没有表三的文件，按这种旧格式识别，只提示一次，不再按现行格式逐项检查（不报缺少章节、缺少表格）。2018 年及以前年度的报告本来就用这种格式，只作提示；2019 年及以后的报告用它，是警告。' +
      silencing('old-format').zh,
    en:
      'Reports for 2021 onwards use the 2021 format. A report laid out in the 2019 trial format is flagged, listing the markers found. A 2019 or 2020 report in that format is read with the 2019 rows and checked, not flagged. ' +
      'A report from before 2019 (the 2008 regulations) has other parts (概述, 依申请公开政府信息情况, 政府信息公开的收费及减免情况, 咨询处理情况). A file with two of those headings (or one, in a report titled with a year before 2019) and no Table 3 is recognised as such: it gets this one finding and is not checked against the current format (no missing sections or tables). For a report of 2018 or earlier that is the format of its time (information); for 2019 onwards it is a warning. ' +
      silencing('old-format').en,
  },
  messages: MESSAGES,
  fixes: [],
  appliesTo: ['annual-report', 'pre-2019'],
  run(report): Finding[] {
    if (report.kind.kind === 'pre-2019') return [pre2019(this, report, report.kind.parts)];
    const markers: (string | { zh: string; en: string })[] = report.oldFormatMarkers.map((m) => m.text);
    const singleOther = report.tables.t3?.rows.get('otherHandling');
    if (singleOther) markers.push(MESSAGES.singleRow);
    if (markers.length === 0) return [];
    const year = report.title?.year;
    if (year !== undefined && year < FORMAT_2021_FIRST_YEAR) return [];
    const first = report.oldFormatMarkers[0]?.range ?? singleOther?.label.span.range ?? report.title?.span.range;
    if (!first) return [];
    const unique = markers.filter((m, i) => markers.findIndex((n) => JSON.stringify(n) === JSON.stringify(m)) === i);
    return [
      finding(this, first, 'oldFormat', { year: year ? say(MESSAGES.yearOf, { year: String(year) }) : MESSAGES.thisReport, markers: list(unique, { zh: '、', en: ', ' }) }, {
        related: report.oldFormatMarkers.slice(1).map((m) => ({ range: m.range, message: say(MESSAGES.marker, { text: m.text }) })),
        data: { markers: unique.map((m) => (typeof m === 'string' ? m : m.zh)) },
      }),
    ];
  },
});

/** A report in the format from before 2019: said once, on its title (or its first part of that format). */
function pre2019(check: Check<typeof MESSAGES>, report: Report, parts: readonly { span: Span; label: string }[]): Finding {
  const year = report.title?.year;
  const past = year !== undefined && year < FORMAT_2019_FIRST_YEAR;
  const range = (report.title?.span ?? parts[0].span).range;
  return finding(
    check,
    range,
    past ? 'pre2019Past' : 'pre2019Due',
    {
      year: year !== undefined ? (past ? String(year) : say(MESSAGES.yearOf, { year: String(year) })) : MESSAGES.thisReport,
      notice: noticeFor(year),
      parts: list(parts.map((p) => `“${p.label}”`), { zh: '、', en: ', ' }),
    },
    {
      severity: past ? 'information' : 'warning',
      related: parts.map((p) => ({ range: p.span.range, message: say(MESSAGES.part, { text: p.label }) })),
      data: { format: 'pre-2019', parts: parts.map((p) => p.label) },
    },
  );
}
