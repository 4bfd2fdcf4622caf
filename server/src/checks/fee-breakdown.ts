/**
 * fee-breakdown: the per-unit list of section 六 adds up to the totals it
 * breaks down (共发出收费通知N件，收取信息处理费X元。其中，A单位k件，收取x元；…).
 */
import type { Finding, Report } from '../model/report';
import { feeBreakdowns, inYuan, isAmount, isCount, itemRange, itemText, quantityRange, type Quantity } from '../parse/fees';
import { defineCheck, finding, formatNumber, silencing } from './check';
import { defineMessages, list, say } from './messages';

const MESSAGES = defineMessages({
  differs: {
    zh: '第六部分“其中”所列各项合计 {sums}，与总数 {total}不符，请核对各项或总数',
    en: 'The items listed after 其中 in section VI add up to {sums}, not the total {total}: check the items or the total',
  },
  item: { zh: '其中“{item}”', en: 'item “{item}”' },
});

/** What a quantity measures, for adding up: a count, or an amount in 元 (a list may give 万元 and the total 元). */
const measure = (q: Quantity) => (isCount(q) ? q.value : inYuan(q));
/** Within half a fen, two amounts agree. */
const agree = (a: number, b: number) => Math.abs(a - b) < 0.005;
/** A measure as the message writes it, in a unit of its kind: 7 件, 1250 元, 0.125 万元. */
const written = (value: number, unit: string) => `${formatNumber(unit === '万元' ? value / 10000 : value)} ${unit}`;

export const feeBreakdown = defineCheck({
  code: 'fee-breakdown',
  severity: 'error',
  tag: 'derived',
  title: { zh: '收费分项合计不符', en: 'Fee list does not add up' },
  docs: {
    zh:
      '第六部分按单位列出收费情况时（“本年度共发出收费通知8件，收取信息处理费1250元。其中，A单位3件，收取500元；B单位5件，收取750元”），各项件数之和应等于收费通知总件数，各项金额之和应等于收取总额（元与万元换算后比较）。' +
      '提示标在不符的总数上，写明各项合计；相关信息指向每一项。只比较同类的数：“其中”后只列金额时不核对件数；只列了一项、以“等”结尾、括号中的说明，以及“其中”之前不是收费内容（如第三部分申请件数的“其中”）都不核对；各项合计等于前文另一个数，或单独一项就超过总数时，视为对别的数的分解。' +
      silencing('fee-breakdown').zh,
    en:
      'When section VI lists fees by unit (本年度共发出收费通知8件，收取信息处理费1250元。其中，A单位3件，收取500元；…), the items’ notices add up to the total notices and their amounts to the total collected (元 and 万元 converted). ' +
      'The finding sits on the total that differs and gives the items’ sums; related information points at each item. Only like with like: a list of amounts alone is not checked against the notices. A single item, a list ending in 等, remarks in brackets, and a 其中 after words that are not about fees (the requests of section III) are not checked; a list whose sum equals another figure of the words before it, or with one item above the total, is taken as the breakdown of another figure. ' +
      silencing('fee-breakdown').en,
  },
  messages: MESSAGES,
  fixes: [],
  run(report: Report) {
    const findings: Finding[] = [];
    for (const b of feeBreakdowns(report)) {
      if (b.partial) continue;
      const kinds = [
        { total: b.count, of: b.items.filter(isCount) },
        { total: b.amount, of: b.items.filter(isAmount) },
      ].map((k) => ({ ...k, sum: k.of.reduce((s, q) => s + measure(q), 0), unit: (k.total ?? k.of[0])?.unit }));
      // Both sums, as the message names them: 7 件、1250 元.
      const sums = list(kinds.filter((k) => k.of.length).map((k) => written(k.sum, k.unit!)), { zh: '、', en: ', ' });
      for (const { total, of, sum } of kinds) {
        // One item is an example (其中，A单位3件), not a breakdown.
        if (!total || of.length < 2 || agree(sum, measure(total))) continue;
        // The list breaks down another figure of the words before it (共收到申请20件，发出收费通知3件，其中…):
        // its sum is that figure, or one item alone is more than the total.
        if (b.others.some((o) => isCount(o) === isCount(total) && agree(sum, measure(o))) || of.some((q) => measure(q) > measure(total))) continue;
        findings.push(
          finding(this, quantityRange(report, total), 'differs', { sums, total: written(measure(total), total.unit) }, {
            related: of.map((q) => ({ range: itemRange(report, q), message: say(MESSAGES.item, { item: itemText(q) }) })),
            data: { kind: isCount(total) ? 'count' : 'amount', stated: total.value, sum: isCount(total) ? sum : total.unit === '万元' ? sum / 10000 : sum, unit: total.unit },
          }),
        );
      }
    }
    return findings;
  },
});
