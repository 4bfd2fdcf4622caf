/**
 * amount-decimals: an amount in 万元 with more than 4 decimals (0.012345) is
 * finer than a 元: most likely an amount in 元 divided by 10,000 and pasted.
 */
import { TABLE2, TABLE2_2019, cellWords, type Table2Layout } from '../format/standard';
import { isNumberCell, type Finding } from '../model/report';
import { YUAN_PER, amountUnit, amountsInWan, quantityRange } from '../parse/fees';
import { defineCheck, finding, silencing } from './check';
import { defineMessages } from './messages';

/** 万元 to the 元: 4 decimals. */
const MAX_DECIMALS = Math.log10(YUAN_PER['万元']);

const MESSAGES = defineMessages({
  cell: {
    zh: '表二“{row}”一行“{column}”为 {text}，有 {decimals} 位小数：万元精确到元只需 {max} 位小数，多出的位数通常是把以元为单位的金额除以 10000 所得（{text} 万元 = {yuan} 元）。请四舍五入，保留至多 {max} 位小数（{rounded}）',
    en: 'Table 2, row “{row}”, “{column}” is {text}, with {decimals} decimals: 万元 to the 元 takes {max}; more is usually an amount in 元 divided by 10,000 ({text} 万元 = {yuan} 元). Round to at most {max} decimals ({rounded})',
  },
  prose: {
    zh: '正文中的金额 {text} 万元有 {decimals} 位小数：万元精确到元只需 {max} 位小数，多出的位数通常是把以元为单位的金额除以 10000 所得（= {yuan} 元）。请四舍五入，保留至多 {max} 位小数（{rounded} 万元），或直接写 {yuan} 元',
    en: 'The amount {text} 万元 in the text has {decimals} decimals: 万元 to the 元 takes {max}; more is usually an amount in 元 divided by 10,000 (= {yuan} 元). Round to at most {max} decimals ({rounded} 万元), or write {yuan} 元',
  },
});

/** Decimals that count: 0.123400 has 4. */
const decimalsOf = (written: string) => /\.(\d*?)0*$/.exec(written.normalize('NFKC').trim())?.[1].length ?? 0;
const rounded = (value: number) => Math.round(value * 10 ** MAX_DECIMALS) / 10 ** MAX_DECIMALS;

/** The Table 2 cells in 万元, by the unit their column label gives: [row key, column]. */
const wanColumns = (layout: Table2Layout) =>
  layout.blocks.flatMap((b) => b.rows.flatMap((r) => b.columns.flatMap((c, column) => (amountUnit(c.label) === '万元' ? [{ row: r.key, column }] : []))));
const IN_WAN = { '2021': wanColumns(TABLE2), '2019': wanColumns(TABLE2_2019) };

export const amountDecimals = defineCheck({
  code: 'amount-decimals',
  severity: 'information',
  tag: 'heuristic',
  title: { zh: '万元金额小数位过多', en: 'Too many decimals in 万元' },
  docs: {
    zh:
      `以万元为单位的金额（表二“行政事业性收费”的本年收费金额，以及正文中写作“…万元”的金额）精确到元只需 ${MAX_DECIMALS} 位小数。超过 ${MAX_DECIMALS} 位（如 0.012345）通常是把以元为单位的金额除以 10000 后直接粘贴，提示给出折合的元数，请四舍五入保留至多 ${MAX_DECIMALS} 位小数。末尾的 0 不计。提示标在单元格或正文的数字上。小数本身在金额栏是允许的，不由 cell-invalid 报告。` +
      silencing('amount-decimals').zh,
    en:
      `An amount in 万元 (Table 2’s 行政事业性收费 amount, and amounts written …万元 in the text) takes ${MAX_DECIMALS} decimals to the 元. More (0.012345) is usually an amount in 元 divided by 10,000 and pasted; the message gives the 元 it stands for: round to at most ${MAX_DECIMALS} decimals. Trailing zeros do not count. The finding sits on the cell or the number. Decimals as such are valid in an amount column; cell-invalid does not report them. ` +
      silencing('amount-decimals').en,
  },
  messages: MESSAGES,
  fixes: [],
  run(report) {
    const findings: Finding[] = [];
    const t2 = report.tables.t2;
    for (const { row, column } of t2 ? IN_WAN[t2.format] : []) {
      const cell = t2!.rows.get(row)?.cells[column];
      if (!isNumberCell(cell) || !cell.span) continue;
      const decimals = decimalsOf(cell.span.text);
      if (decimals <= MAX_DECIMALS) continue;
      const args = { text: cell.span.text.trim(), decimals, max: MAX_DECIMALS, yuan: cell.value * YUAN_PER['万元'], rounded: rounded(cell.value) };
      findings.push(finding(this, cell.span.range, 'cell', { ...cellWords('t2', row, column, t2!.format), ...args }, { data: { row, column, decimals } }));
    }
    for (const q of amountsInWan(report)) {
      const decimals = decimalsOf(q.written);
      if (decimals <= MAX_DECIMALS) continue;
      const args = { text: q.written, decimals, max: MAX_DECIMALS, yuan: q.value * YUAN_PER['万元'], rounded: rounded(q.value) };
      findings.push(finding(this, quantityRange(report, q), 'prose', args, { data: { decimals } }));
    }
    return findings;
  },
});
