/**
 * fee-vs-table2: the prose says 信息处理费 was collected (X 元) while Table 2's
 * 行政事业性收费 is 0: ask the clerk to check, minding the units (元 in the
 * prose, 万元 in the table).
 */
import { TABLE2, cellWords } from '../format/standard';
import { isNumberCell } from '../model/report';
import { T2_FEES_ROW, YUAN_PER, amountUnit, feesCollected, inYuan, quantityRange } from '../parse/fees';
import { defineCheck, finding, silencing } from './check';
import { defineMessages, say } from './messages';

const MESSAGES = defineMessages({
  zero: {
    zh: '表二“{row}”一行“{column}”为 0，但正文称收取信息处理费 {amount} {unit}；信息处理费属于行政事业性收费，请核对。注意：表二此栏以{tableUnit}为单位，正文一般以元为单位（{yuan} 元 = {converted} {tableUnit}），填表时请换算，不要把元数直接填进{tableUnit}栏',
    en: 'Table 2, row “{row}”, “{column}” is 0, but the text says {amount} {unit} of 信息处理费 was collected; the fee is an administrative fee, so check. Mind the units: this column is in {tableUnit}, the text usually in 元 ({yuan} 元 = {converted} {tableUnit}); convert, do not type the 元 figure into the {tableUnit} column',
  },
  prose: { zh: '正文：收取信息处理费 {amount} {unit}', en: 'The text: {amount} {unit} of 信息处理费 collected' },
});

/** The fees row's one column, and the unit its label gives (本年收费金额（单位：万元）). */
const FEES_COLUMN = 0;
const FEES_UNIT = amountUnit(TABLE2.blocks.find((b) => b.rows.some((r) => r.key === T2_FEES_ROW))!.columns[FEES_COLUMN].label)!;

export const feeVsTable2 = defineCheck({
  code: 'fee-vs-table2',
  severity: 'information',
  tag: 'heuristic',
  title: { zh: '收取信息处理费而表二收费为 0', en: 'Fees collected but Table 2 shows none' },
  docs: {
    zh:
      `正文称收取了信息处理费（“收取信息处理费 3940 元”，金额大于 0），而表二“行政事业性收费”的本年收费金额为 0 时，提示核对：信息处理费属于行政事业性收费。提示标在表二的单元格上，相关信息指向正文的金额。表二此栏以${FEES_UNIT}为单位，正文通常以元为单位，提示中给出换算，以免把元数直接填进${FEES_UNIT}栏。` +
      '“未收取”“免收”“减免”“退还”的金额、收取 0 元，以及 2019 年格式的表二（该行没有金额栏）都不比较。' +
      silencing('fee-vs-table2').zh,
    en:
      `When the prose says 信息处理费 was collected (收取信息处理费 3940 元, above 0) while Table 2’s 行政事业性收费 amount is 0, the finding asks the clerk to check: the fee is an administrative fee. It sits on the Table 2 cell, related to the amount in the text. The column is in ${FEES_UNIT} and the prose usually in 元, so the message gives the conversion, lest the 元 figure be typed into the ${FEES_UNIT} column. ` +
      'Amounts not collected, waived or refunded, 0 元, and a Table 2 in the 2019 layout (whose row has no amount) are not compared. ' +
      silencing('fee-vs-table2').en,
  },
  messages: MESSAGES,
  fixes: [],
  run(report) {
    const t2 = report.tables.t2;
    const cell = t2?.format === '2021' ? t2.rows.get(T2_FEES_ROW)?.cells[FEES_COLUMN] : undefined;
    if (!isNumberCell(cell) || cell.value !== 0 || !cell.span) return [];
    const collected = feesCollected(report).find((q) => q.value > 0);
    if (!collected) return [];
    const yuan = inYuan(collected);
    const args = { amount: collected.written, unit: collected.unit };
    return [
      finding(this, cell.span.range, 'zero', { ...cellWords('t2', T2_FEES_ROW, FEES_COLUMN), ...args, tableUnit: FEES_UNIT, yuan, converted: yuan / YUAN_PER[FEES_UNIT] }, {
        related: [{ range: quantityRange(report, collected), message: say(MESSAGES.prose, args) }],
        data: { collected: yuan, unit: collected.unit },
      }),
    ];
  },
});
