/**
 * fee-statement: section 六 says whether 信息处理费 was charged (国办函〔2020〕109号),
 * and does not deny fee notices that Table 3 （六）2 shows were issued.
 */
import { T3_COLUMNS, T3_ROWS, T3_TOTAL_COLUMN } from '../format/standard';
import type { Finding, Report, SectionRead } from '../model/report';
import { documentSpan, rangeOf, sentencesOf } from '../parse/prose';
import { defineCheck, finding } from './check';
import { defineMessages, say } from './messages';

/** Words that make a statement about fees: 信息处理费, 收取…费, 收费, 费用. */
const FEE_STATEMENT = /信息处理费|处理费|收费|收取[^。；]{0,15}费|费用/;
/** A statement that no fee was charged or no fee notice sent. */
const NO_FEE = /(?:未|没有|无|不曾|均未|并未)(?:向申请人)?(?:收取|收|发出|出具|发放|下达)[^。；，,]{0,15}?(?:信息处理费|处理费|费用|收费通知(?:书)?|费)/g;

const FEE_ROW = 'otherHandling.feeUnpaid';

const MESSAGES = defineMessages({
  missing: {
    zh: '第六部分没有说明本年度是否收取信息处理费（国办函〔2020〕109号），如未收取可写“本年度未收取信息处理费”',
    en: 'Section VI does not say whether information-processing fees were charged (国办函〔2020〕109号); if none, write 本年度未收取信息处理费',
  },
  contradicts: {
    zh: '正文称“{text}”，但表三“（六）其他处理”第 2 项（申请人逾期未按收费通知要求缴纳费用）{column}为 {notices}，说明本年度发出过收费通知，请核实并说明收费情况',
    en: 'The text says no fee was charged or notified (“{text}”), but Table 3 （六）2 (fee notice not paid), {column}, is {notices}: fee notices were issued',
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
      '按《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），第六部分“其他需要报告的事项”应说明本年度是否收取信息处理费。第六部分没有这类说明时，在节标题处给出提示（信息级）。' +
      `表三“（六）其他处理”第 2 项（${T3_ROWS.find((r) => r.key === FEE_ROW)!.label}）总计大于 0，说明本年度发出过收费通知；正文若称“未收取”“没有收取”“未发出收费通知”，与表格不符，提示标在这句话上。`,
    en:
      'Under 国办函〔2020〕109号 section VI states whether information-processing fees (信息处理费) were charged; when it says nothing of the kind, the section heading gets an information-level finding. ' +
      'A Table 3 （六）2 total (fee notice not paid) above 0 means fee notices were issued, so prose saying none were charged or no fee notice was sent contradicts the table; the finding sits on that text.',
  },
  messages: MESSAGES,
  fixes: [],
  run(report) {
    const findings: Finding[] = [];
    const six = sectionSix(report);
    if (six) {
      const text = report.prose.filter((p) => p.section === six).map((p) => p.span.text).join('\n');
      if (!FEE_STATEMENT.test(text.replace(/\s/g, ''))) findings.push(finding(this, six.heading.span.range, 'missing', {}, { severity: 'information', data: { missing: true } }));
    }
    // The total, or when it cannot be read (a number glued or mistyped), the first column that shows notices.
    const cells = report.tables.t3?.rows.get(FEE_ROW)?.cells ?? [];
    const total = cells[T3_TOTAL_COLUMN];
    const readable = total?.state === 'number' && total.value !== null;
    const at = readable ? T3_TOTAL_COLUMN : cells.findIndex((c, i) => i !== T3_TOTAL_COLUMN && c.state === 'number' && (c.value ?? 0) > 0);
    const cell = cells[at];
    const column = at === T3_TOTAL_COLUMN ? MESSAGES.total : { zh: `“${T3_COLUMNS[at]?.label}”列`, en: `column ${T3_COLUMNS[at]?.en}` };
    if (cell?.state === 'number' && cell.value !== null && cell.value > 0) {
      for (const sentence of sentencesOf(report)) {
        for (const m of sentence.text.matchAll(NO_FEE)) {
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
