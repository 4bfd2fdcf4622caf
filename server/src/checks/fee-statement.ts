/**
 * fee-statement: section 六 says whether 信息处理费 was charged (国办函〔2020〕109号),
 * and does not deny fee notices that Table 3 （六）2 shows were issued.
 */
import { FEE_MEASURES, T3_COLUMNS, T3_ROWS, T3_TOTAL_COLUMN } from '../format/standard';
import type { Finding, Report, SectionRead } from '../model/report';
import { FEE_NOTICE_ROW, feeNoticesShown, feesApply } from '../parse/fees';
import { documentSpan, rangeOf, sentencesOf } from '../parse/prose';
import { defineCheck, finding, silencing } from './check';
import { defineMessages, say } from './messages';

/** Words that make a statement about fees: 信息处理费, 收取…费, 收费, 费用. */
const FEE_STATEMENT = /信息处理费|处理费|收费|收取[^。；]{0,15}费|费用/;
/**
 * A statement that no fee notice was issued (未发出收费通知, 无收费通知). Not
 * 未收取信息处理费: with notices unpaid no fee is collected, and fee-notice
 * asks for the number of notices then.
 */
const NO_NOTICE = /(?:(?:未|没有|不曾|均未|并未)(?:向申请人)?(?:发出|出具|发放|下达|送达|发送|开具|发)[^。；，,]{0,15}?|(?:无|没有))(?:收费|缴费)通知(?:书)?/g;

const MESSAGES = defineMessages({
  missing: {
    zh: `第六部分没有说明本年度是否收取信息处理费（${FEE_MEASURES.document}），如未收取可写“本年度未收取信息处理费”`,
    en: `Section VI does not say whether information-processing fees were charged (${FEE_MEASURES.document}); if none, write 本年度未收取信息处理费`,
  },
  contradicts: {
    zh: '正文称“{text}”，但表三“（六）其他处理”第 2 项（申请人逾期未按收费通知要求缴纳费用）{column}为 {notices}，说明本年度发出过收费通知，请核实并说明收费情况',
    en: 'The text says no fee notice was issued (“{text}”), but Table 3 （六）2 (fee notice not paid), {column}, is {notices}: fee notices were issued',
  },
  feeCell: { zh: '（六）2 {column}：{notices}', en: '（六）2 {column}: {notices}' },
  total: { zh: '总计', en: 'total' },
});

function sectionSix(report: Report): SectionRead | undefined {
  return report.sections.find((s) => s.spec.number === 6);
}

export const feeStatement = defineCheck({
  code: 'fee-statement',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '信息处理费说明', en: 'Fee statement' },
  docs: {
    zh:
      `按${FEE_MEASURES.name}（${FEE_MEASURES.document}），第六部分“其他需要报告的事项”应说明本年度是否收取信息处理费。第六部分没有这类说明时，在节标题处给出提示（信息级）。` +
      `表三“（六）其他处理”第 2 项（${T3_ROWS.find((r) => r.key === FEE_NOTICE_ROW)!.label}）总计大于 0，说明本年度发出过收费通知；正文若称“未发出收费通知”“无收费通知”，与表格不符，提示标在这句话上（只说“未收取信息处理费”并不矛盾：申请人未缴费时本就不收费，见 fee-notice）。` +
      `该办法自 ${FEE_MEASURES.firstYear} 年 1 月 1 日起施行，${FEE_MEASURES.firstYear} 年以前年度（按标题或统计期限的年份）的报告不作此项检查。` +
      silencing('fee-statement').zh,
    en:
      `Under ${FEE_MEASURES.document} section VI states whether information-processing fees (信息处理费) were charged; when it says nothing of the kind, the section heading gets an information-level finding. ` +
      'A Table 3 （六）2 total (fee notice not paid) above 0 means fee notices were issued, so prose saying no fee notice was issued contradicts the table; the finding sits on that text (saying only that no fee was collected does not: unpaid notices bring in no fee; see fee-notice). ' +
      `The measures apply from 1 January ${FEE_MEASURES.firstYear}: a report for an earlier year (by its title or statistics period) is not checked. ` +
      silencing('fee-statement').en,
  },
  messages: MESSAGES,
  fixes: [],
  run(report) {
    if (!feesApply(report)) return [];
    const findings: Finding[] = [];
    const six = sectionSix(report);
    if (six) {
      const text = report.prose.filter((p) => p.section === six).map((p) => p.span.text).join('\n');
      if (!FEE_STATEMENT.test(text.replace(/\s/g, ''))) findings.push(finding(this, six.heading.span.range, 'missing', {}, { severity: 'information', data: { missing: true } }));
    }
    const shown = feeNoticesShown(report);
    if (shown) {
      const { cell, column: at } = shown;
      const column = at === T3_TOTAL_COLUMN ? MESSAGES.total : { zh: `“${T3_COLUMNS[at]?.label}”列`, en: `column ${T3_COLUMNS[at]?.en}` };
      for (const sentence of sentencesOf(report)) {
        for (const m of sentence.text.matchAll(NO_NOTICE)) {
          const a = sentence.start + m.index!;
          const b = a + m[0].length;
          const { start, end } = documentSpan(sentence.compact, a, b);
          findings.push(
            finding(this, rangeOf(report, sentence.compact, a, b), 'contradicts', { text: report.text.slice(start, end), notices: cell.value, column }, {
              related: cell.span ? [{ range: cell.span.range, message: say(MESSAGES.feeCell, { notices: cell.value, column }) }] : [],
              data: { feeNotices: cell.value },
            }),
          );
        }
      }
    }
    return findings;
  },
});
