/**
 * fee-notice: Table 3 （六）2 above 0 means fee notices were issued; when
 * section 六 only says no 信息处理费 was collected, suggest stating how many
 * notices were issued.
 */
import { FEE_MEASURES, cellWords, t3RowName } from '../format/standard';
import { FEE_NOTICE_ROW, feeNoticesShown, feesApply, mentionsFeeNotices, noFeeCollected } from '../parse/fees';
import { documentSpan, rangeOf } from '../parse/prose';
import { defineCheck, finding, silencing } from './check';
import { defineMessages, say } from './messages';

const MESSAGES = defineMessages({
  notices: {
    zh: '第六部分只说“{text}”，没有说明发出收费通知的情况；表三“（六）其他处理”下“{row}”一行“{column}”列为 {notices}，说明本年度发出过收费通知。建议写明发出收费通知的件数，如“本年度发出收费通知 N 件，申请人均未按期缴费，未收取信息处理费”',
    en: 'Section VI only says “{text}” and nothing of fee notices; in Table 3 under （六）其他处理, row “{row}”, column {column} is {notices}: fee notices were issued. State how many, e.g. 本年度发出收费通知 N 件，申请人均未按期缴费，未收取信息处理费',
  },
  feeCell: { zh: '表三“{row}”一行“{column}”列：{notices}', en: 'Table 3, row “{row}”, column {column}: {notices}' },
});

export const feeNotice = defineCheck({
  code: 'fee-notice',
  severity: 'information',
  tag: 'heuristic',
  title: { zh: '未写明收费通知件数', en: 'Fee notices not stated' },
  docs: {
    zh:
      `表三“（六）其他处理”下“${t3RowName(FEE_NOTICE_ROW)}”一行大于 0，说明本年度向申请人发出过收费通知。第六部分只说“本年度未收取信息处理费”（或收取 0 元），而全文没有提到收费通知时，提示写明发出收费通知的件数：申请人未缴费时确实不收费，这句话本身不算错，只是不完整。提示标在这句话上，相关信息指向表三的单元格。` +
      `正文称“未发出收费通知”时由 fee-statement 报告，这里不再重复。${FEE_MEASURES.firstYear} 年以前年度的报告不检查（${FEE_MEASURES.document}自 ${FEE_MEASURES.firstYear} 年施行）。` +
      silencing('fee-notice').zh,
    en:
      'A Table 3 （六）2 figure (fee notice not paid) above 0 means fee notices were issued. When section VI only says no 信息处理费 was collected (or 0 元) and the report nowhere mentions fee notices, the finding suggests stating how many notices were issued: with notices unpaid no fee is collected, so the sentence is not wrong, only incomplete. It sits on that sentence, related to the Table 3 cell. ' +
      `Prose that denies any fee notice is fee-statement’s finding, not repeated here. Reports for years before ${FEE_MEASURES.firstYear} are not checked (${FEE_MEASURES.document} applies from ${FEE_MEASURES.firstYear}). ` +
      silencing('fee-notice').en,
  },
  messages: MESSAGES,
  fixes: [],
  run(report) {
    const shown = feeNoticesShown(report);
    if (!shown || !feesApply(report) || mentionsFeeNotices(report)) return [];
    const [said] = noFeeCollected(report);
    if (!said) return [];
    const { cell, column } = shown;
    const words = { ...cellWords('t3', FEE_NOTICE_ROW, column), notices: cell.value };
    const { start, end } = documentSpan(said.compact, said.start, said.end);
    return [
      finding(this, rangeOf(report, said.compact, said.start, said.end), 'notices', { ...words, text: report.text.slice(start, end) }, {
        related: cell.span ? [{ range: cell.span.range, message: say(MESSAGES.feeCell, words) }] : [],
        data: { feeNotices: cell.value },
      }),
    ];
  },
});
