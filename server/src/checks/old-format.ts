/** old-format: a 2021-or-later report laid out in the 2019 trial format (国办公开办函〔2019〕60号). */
import { FORMAT_2021_FIRST_YEAR } from '../format/standard';
import { defineCheck, finding } from './check';
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
});

export const oldFormat = defineCheck({
  code: 'old-format',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '使用了 2019 年旧格式', en: 'Old 2019 format' },
  docs: {
    zh: '2021 年及以后的年报必须使用国办公开办函〔2021〕30号的格式。用了 2019 年试行格式（国办公开办函〔2019〕60号：本年新制作数量／对外公开总数量、上一年项目数量／本年增／减、其他对外管理服务事项、第二十条第（九）项、只有一行的（六）其他处理）时提示，并列出找到的标志。2019、2020 年度的报告按 2019 年格式读取和核对，不提示。',
    en: 'Reports for 2021 onwards use the 2021 format. A report laid out in the 2019 trial format is flagged, listing the markers found. A 2019 or 2020 report in that format is read with the 2019 rows and checked, not flagged.',
  },
  messages: MESSAGES,
  fixes: [],
  run(report) {
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
