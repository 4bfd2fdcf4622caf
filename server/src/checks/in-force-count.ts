/**
 * in-force-count: Table 2's in-force counts follow from last year's report
 * (last year in force + issued − repealed), when that report is at hand.
 */
import { TABLE2 } from '../format/standard';
import { isNumberCell as isNumber, type Finding, type Report } from '../model/report';
import { PLAN_CONTEXT } from '../parse/dates';
import { sentencesOf } from '../parse/prose';
import { lastYearReport } from '../parse/units';
import { formatDifference } from '../parse/text';
import { defineCheck, finding, silencing } from './check';
import { defineMessages, say } from './messages';

const MESSAGES = defineMessages({
  differs: {
    zh: '“{row}”现行有效件数为 {actual}，与上年报告不衔接：{before} + {issued} − {repealed} = {expected} ≠ {actual}，相差 {difference}（上年现行有效 + 本年制发 − 本年废止）；如有文件到期失效、经过清理或统计口径调整，请在正文中说明',
    en: '“{row}” in force is {actual}, which does not follow from last year’s report: {before} + {issued} − {repealed} = {expected} ≠ {actual}, a difference of {difference} (last year in force + issued − repealed). If documents expired, were cleaned up or are counted differently, say so in the text',
  },
  lastCell: { zh: '{year} 年报告“{row}”现行有效件数：{value}', en: 'the {year} report, {rowEn} in force: {value}' },
});

/** The rows with in-force counts: the first block of Table 2 (规章, 行政规范性文件). */
const DOC_ROWS = TABLE2.blocks[0].rows;
const IN_FORCE = 2;

/** Words that explain a count that does not follow: a clean-up, an adjustment, a revision, another way of counting. */
const EXPLAINED = /清理|调整|修订|口径/;
/** The explaining sentence is about documents or their count (not 调整完善工作机制). */
const ABOUT_DOCUMENTS = /文件|规章(?!制度)|现行有效|件数|统计/;
/** The words that name a row's documents in the prose (规章, not 规章制度). */
const rowWords = (spec: (typeof DOC_ROWS)[number]) => new RegExp([spec.label, ...(spec.variants ?? [])].map((w) => `${w}(?!制度)`).join('|'));

/**
 * The rows whose in-force count the text explains: a sentence of this year's
 * work (not a plan, not section 五) with 清理/调整/修订/口径 about documents, in a
 * paragraph that names the row's documents (规章, 规范性文件) or 现行有效.
 */
function explainedRows(report: Report): Set<string> {
  const rows = new Set<string>();
  for (const s of sentencesOf(report)) {
    // A plan is read outside brackets: （含历次清理认定为继续有效和拟修改的） is an aside, not a plan.
    const plan = PLAN_CONTEXT.test(s.full.replace(/（[^）]*）|\([^)]*\)/g, ''));
    if (!EXPLAINED.test(s.text) || !ABOUT_DOCUMENTS.test(s.full) || plan || s.block.section?.spec.number === 5) continue;
    for (const spec of DOC_ROWS) if (rowWords(spec).test(s.compact.text) || s.compact.text.includes('现行有效')) rows.add(spec.key);
  }
  return rows;
}

export const inForceCount = defineCheck({
  code: 'in-force-count',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '现行有效件数与上年不衔接', en: 'In-force count does not follow from last year' },
  docs: {
    zh:
      '表二“规章”“行政规范性文件”的现行有效件数，一般等于上年报告的现行有效件数 + 本年制发件数 − 本年废止件数。工作区中有同一单位上一年度的报告时核对，提示写出算式和差额（如“440 + 58 − 45 = 453 ≠ 546，相差 +93”）。' +
      '文件到期自动失效、经过清理或统计口径调整也会造成差异，所以只作提醒，宜在正文中说明原因：正文已有说明时（同一句话或同一段中讲到规章或规范性文件的“清理”“调整”“修订”“口径”，如“开展规范性文件清理，废止…”“统计口径调整”），不再提示；“下一步将开展清理”这类计划和第五部分的改进措施不算说明。' +
      silencing('in-force-count').zh,
    en:
      'Table 2 in-force counts (规章, 行政规范性文件) normally equal last year’s in-force count + issued − repealed this year. Checked when last year’s report of the same unit is at hand; the message gives the sum and the difference (440 + 58 − 45 = 453 ≠ 546, +93). ' +
      'Documents expiring, a clean-up or a change in counting can explain a difference, so this is a warning to explain it in the text; when the text does (清理, 调整, 修订 or 口径 in a sentence or paragraph about 规章 or 规范性文件: 开展规范性文件清理，废止…, 统计口径调整), nothing is reported. A plan (下一步将开展清理) or an improvement in section V is no explanation. ' +
      silencing('in-force-count').en,
  },
  messages: MESSAGES,
  fixes: [],
  run(report, context) {
    const last = lastYearReport(report, context.others);
    const t2 = report.tables.t2;
    const lastT2 = last?.report.tables.t2;
    if (!last || !t2 || !lastT2 || t2.format === '2019' || lastT2.format === '2019') return [];
    const findings: Finding[] = [];
    const explained = explainedRows(report);
    for (const spec of DOC_ROWS) {
      if (explained.has(spec.key)) continue;
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
          { row: spec.label, actual: inForce.value, before: before.value, issued: issued.value, repealed: repealed.value, expected, difference: formatDifference(inForce.value - expected) },
          {
            related: before.span
              ? [{ range: before.span.range, uri: last.uri, message: say(MESSAGES.lastCell, { year: last.year, row: spec.label, rowEn: spec.en, value: before.value }) }]
              : [],
            data: { row: spec.key, expected, actual: inForce.value, difference: inForce.value - expected, lastYear: last.year },
          },
        ),
      );
    }
    return findings;
  },
});
