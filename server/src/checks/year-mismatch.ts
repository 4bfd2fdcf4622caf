/**
 * year-mismatch: the title year, the 统计期限, the report year the prose uses
 * and the issue date at the end agree. The dates are read by parse/dates.ts.
 */
import type { Finding, Range, Report } from '../model/report';
import { PLAN_CONTEXT, findIssueDate, findPeriod, formatDate, proseYears, reportYear } from '../parse/dates';
import { defineCheck, finding, fix } from './check';
import { defineMessages, say } from './messages';

const MESSAGES = defineMessages({
  period: { zh: '统计期限写的是 {year} 年，标题为 {reportYear} 年', en: 'The statistics period says {year}; the title says {reportYear}' },
  gluedPeriod: {
    zh: '统计期限“{text}”缺少“年”“月”，应为“{reading}”',
    en: 'The statistics period “{text}” has lost its 年/月; it reads “{reading}”',
  },
  gluedPeriodUnread: {
    zh: '统计期限“{text}”缺少“年”“月”，请写成“YYYY年M月D日至YYYY年M月D日”',
    en: 'The statistics period “{text}” has lost its 年/月; write it as YYYY年M月D日至YYYY年M月D日',
  },
  prose: {
    zh: '正文以 {year} 年为报告年度，{source}为 {reportYear} 年：是否沿用了{when}报告的文字？',
    en: 'The prose uses {year} as the report year; {source} says {reportYear}. Was this text carried over from {when} report?',
  },
  earlier: { zh: '往年', en: 'an earlier' },
  another: { zh: '其他年份', en: 'another' },
  title: { zh: '标题', en: 'the title' },
  periodSource: { zh: '统计期限', en: 'the statistics period' },
  issuedEarly: {
    zh: '落款日期 {date} 不在报告年度（{reportYear} 年）结束之后：年度报告应在 {next} 年发布',
    en: 'The issue date {date} is not after the report year ({reportYear}) ends; the report is issued in {next}',
  },
  issuedLate: {
    zh: '落款日期为 {year} 年，报告年度为 {reportYear} 年，应在 {next} 年发布',
    en: 'The issue date is in {year} but the report year is {reportYear}; it should be issued in {next}',
  },
  titleYear: { zh: '标题年份：{year}', en: 'Title year: {year}' },
  otherDate: { zh: '统计期限的另一个年份：{year}', en: 'The period’s other year: {year}' },
  // Fixes.
  setYear: { zh: '改为 {year}', en: 'Change to {year}' },
  setPeriodYears: { zh: '统计期限的年份都改为 {year}', en: 'Change the period’s years to {year}' },
  setReading: { zh: '改为“{reading}”', en: 'Change to “{reading}”' },
});

const yearRange = (report: Report, start: number, end: number): Range => ({ start: report.positionAt(start), end: report.positionAt(end) });

export const yearMismatch = defineCheck({
  code: 'year-mismatch',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '年份不一致', en: 'Years disagree' },
  docs: {
    zh:
      '核对标题年份、统计期限（统计期限为/从 YYYY年1月1日至YYYY年12月31日）、正文中作为报告年度使用的年份（段落开头的“2022年，我县……”，或含“本年度”“全年”的句子），以及文末落款日期。' +
      '年份不一致通常是照搬去年报告后漏改的痕迹。统计期限的两个年份都写错时只提示一次，修复一并改正。正文中的文件清理期间（2013年1月1日至2022年12月31日期间）、“2025年我们将……”这类计划、文号中的年份都不算报告年度。落款日期应在报告年度结束之后。' +
      '统计期限中“年”“月”丢失而粘连的数字（202311日至20231231日）按能读出的部分核对，并提示补全。提示标在年份上。',
    en:
      'The title year, the statistics period (统计期限 YYYY年1月1日至YYYY年12月31日), the year the prose uses as the report year (a paragraph opening with “2022年，我县…”, or a sentence about 本年度/全年) and the issue date at the end must agree. ' +
      'A stale year is the classic sign of last year’s report copied over. A period with both its years wrong is one finding, and its fix corrects both. Periods named in the prose (a document clean-up from 2013 to 2022), plans (“2025年我们将…”) and document numbers are not report years. The issue date must fall after the report year. ' +
      'A period whose 年/月 were lost (202311日至20231231日) is read as far as it can be, and flagged for completion. The finding sits on the year.',
  },
  messages: MESSAGES,
  appliesTo: ['annual-report', 'pre-2019'],
  fixes: ['setYear', 'setPeriodYears', 'setReading'],
  run(report) {
    const findings: Finding[] = [];
    const titleYear = report.title?.year;
    const period = findPeriod(report);
    const year = reportYear(report);
    const titleRelated = report.title?.yearSpan ? [{ range: report.title.yearSpan.range, message: say(MESSAGES.titleYear, { year: titleYear! }) }] : [];

    if (period) {
      // One mistake (last year's period left in place), one finding: on its first wrong year, fixing every one.
      const wrong = titleYear === undefined ? [] : period.dates.filter((d) => d.year !== titleYear);
      if (wrong.length) {
        const [first, ...rest] = wrong;
        const edits = wrong.map((d) => ({ range: yearRange(report, d.yearStart, d.yearEnd), newText: String(titleYear) }));
        findings.push(
          finding(this, yearRange(report, first.yearStart, first.yearEnd), 'period', { year: first.year, reportYear: titleYear! }, {
            related: [
              ...titleRelated,
              ...rest.map((d) => ({ range: yearRange(report, d.yearStart, d.yearEnd), message: say(MESSAGES.otherDate, { year: d.year }) })),
            ],
            data: { where: 'period', year: first.year, reportYear: titleYear },
            fixes: [fix(this, wrong.length > 1 ? 'setPeriodYears' : 'setYear', { year: titleYear! }, edits)],
          }),
        );
      }
      const glued = period.dates.filter((d) => d.glued);
      if (glued.length) {
        const first = glued[0].glued!;
        const last = glued[glued.length - 1].glued!;
        const readings = glued.map((d) => d.glued!.reading);
        const text = report.text.slice(first.start, last.end);
        const canFix = readings.every((r) => r);
        const reading = readings.join('至');
        findings.push(
          finding(this, yearRange(report, first.start, last.end), canFix ? 'gluedPeriod' : 'gluedPeriodUnread', { text, reading }, {
            severity: 'information',
            data: { where: 'period', glued: true },
            // One finding, one fix that mends every glued date of it.
            fixes: canFix
              ? [fix(this, 'setReading', { reading }, glued.map((d, i) => ({ range: yearRange(report, d.glued!.start, d.glued!.end), newText: readings[i]! })), { fixAll: true })]
              : [],
          }),
        );
      }
    }

    if (year !== undefined) {
      const source = titleYear !== undefined ? MESSAGES.title : MESSAGES.periodSource;
      for (const py of proseYears(report)) {
        if (py.year === year) continue;
        const plan = py.year > year && (PLAN_CONTEXT.test(py.sentence.full) || py.sentence.block.section?.spec.number === 5);
        if (plan) continue;
        findings.push(
          finding(this, py.range, 'prose', { year: py.year, source, reportYear: year, when: py.year < year ? MESSAGES.earlier : MESSAGES.another }, {
            related: titleRelated,
            data: { where: 'prose', year: py.year, reportYear: year },
            fixes: [fix(this, 'setYear', { year }, [{ range: py.range, newText: String(year) }])],
          }),
        );
      }
      const issued = findIssueDate(report);
      if (issued && (issued.year <= year || issued.year > year + 1)) {
        const early = issued.year <= year;
        findings.push(
          finding(
            this,
            issued.yearSpan.range,
            early ? 'issuedEarly' : 'issuedLate',
            { date: formatDate(issued), year: issued.year, reportYear: year, next: year + 1 },
            { related: titleRelated, data: { where: 'issue-date', year: issued.year, reportYear: year } },
          ),
        );
      }
    }
    return findings;
  },
});
