/**
 * in-force-count: Table 2's in-force counts follow from last year's report
 * (last year in force + issued − repealed), when that report is at hand.
 */
import { TABLE2 } from '../format/standard';
import { isNumberCell as isNumber, type Finding } from '../model/report';
import { lastYearReport } from '../parse/units';
import { defineCheck, finding } from './check';
import { defineMessages, say } from './messages';

const MESSAGES = defineMessages({
  differs: {
    zh: '“{row}”现行有效件数为 {actual}，按上年报告推算应为 {before} + {issued} − {repealed} = {expected}（上年现行有效 + 本年制发 − 本年废止）；如有文件到期失效或清理调整，请在正文中说明',
    en: '“{row}” in force is {actual}; from last year’s report it would be {before} + {issued} − {repealed} = {expected} (last year in force + issued − repealed). If documents expired or were cleaned up, say so in the text',
  },
  lastCell: { zh: '{year} 年报告“{row}”现行有效件数：{value}', en: 'the {year} report, {rowEn} in force: {value}' },
});

/** The rows with in-force counts: the first block of Table 2 (规章, 行政规范性文件). */
const DOC_ROWS = TABLE2.blocks[0].rows;
const IN_FORCE = 2;

export const inForceCount = defineCheck({
  code: 'in-force-count',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '现行有效件数与上年不衔接', en: 'In-force count does not follow from last year' },
  docs: {
    zh: '表二“规章”“行政规范性文件”的现行有效件数，一般等于上年报告的现行有效件数 + 本年制发件数 − 本年废止件数。工作区中有同一单位上一年度的报告时核对；文件到期自动失效或经清理调整也会造成差异，所以只作提醒，宜在正文中说明原因。',
    en: 'Table 2 in-force counts (规章, 行政规范性文件) normally equal last year’s in-force count + issued − repealed this year. Checked when last year’s report of the same unit is at hand; documents expiring or a clean-up can explain a difference, so this is a warning to explain it in the text.',
  },
  messages: MESSAGES,
  fixes: [],
  run(report, context) {
    const last = lastYearReport(report, context.others);
    const t2 = report.tables.t2;
    const lastT2 = last?.report.tables.t2;
    if (!last || !t2 || !lastT2 || t2.format === '2019' || lastT2.format === '2019') return [];
    const findings: Finding[] = [];
    for (const spec of DOC_ROWS) {
      const [issued, repealed, inForce] = t2.rows.get(spec.key)?.cells ?? [];
      const before = lastT2.rows.get(spec.key)?.cells[IN_FORCE];
      if (!isNumber(issued) || !isNumber(repealed) || !isNumber(inForce) || !isNumber(before) || !inForce.span) continue;
      const expected = before.value + issued.value - repealed.value;
      if (expected === inForce.value) continue;
      findings.push(
        finding(
          this,
          inForce.span.range,
          'differs',
          { row: spec.label, actual: inForce.value, before: before.value, issued: issued.value, repealed: repealed.value, expected },
          {
            related: before.span
              ? [{ range: before.span.range, uri: last.uri, message: say(MESSAGES.lastCell, { year: last.year, row: spec.label, rowEn: spec.en, value: before.value }) }]
              : [],
            data: { row: spec.key, expected, actual: inForce.value, lastYear: last.year },
          },
        ),
      );
    }
    return findings;
  },
});
