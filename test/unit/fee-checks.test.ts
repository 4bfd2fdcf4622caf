/**
 * The money checks of section 六: fee-statement's years and what it calls a
 * contradiction, fee-notice, fee-breakdown, fee-vs-table2 and amount-decimals;
 * on the real reports' sentences (seeds, pdf corpus) and sentences written as
 * clerks write them, including those that must not fire.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, example, ORIGINALS_DIR, ROOT, setCell } from '../helpers';
import type { Finding } from '../../server/src/index';

const CODES = ['fee-statement', 'fee-notice', 'fee-breakdown', 'fee-vs-table2', 'amount-decimals'];
const fees = (text: string) => analyze(text).findings.filter((f) => CODES.includes(f.code));
const withCode = (text: string, code: string) => analyze(text).findings.filter((f) => f.code === code);
const show = (fs: Finding[]) => fs.map((f) => `${f.code} ${f.range.start.line}:${f.range.start.character} ${f.message.zh}`).join('\n');
const fixture = (...path: string[]) => readFileSync(join(ROOT, 'test', 'fixtures', ...path), 'utf8');
const corpus = (name: string) => readFileSync(join(ORIGINALS_DIR, 'corpus', name), 'utf8');

/** The text a single-line finding (or related range) covers. */
function covered(text: string, range: Finding['range']): string {
  assert.equal(range.start.line, range.end.line, 'single-line range');
  return text.split('\n')[range.start.line].slice(range.start.character, range.end.character);
}

const CLEAN = example('clean-2024.md');
const CLEAN_SIX = '本年度未收取信息处理费。本年度无其他需要报告的事项。';
/** clean-2024 with section 六 written otherwise. */
const withSix = (text: string, six: string) => {
  assert.ok(text.includes(CLEAN_SIX));
  return text.replace(CLEAN_SIX, six);
};
/** A report for another year: the title, the 统计期限, the prose and the issue date. */
const asYear = (text: string, from: number, to: number) =>
  text.replace(/(\d{4})(\s?年)/g, (m, year: string, nian: string) => (Number(year) === from || Number(year) === from + 1 ? `${Number(year) - from + to}${nian}` : m));

// ---------------------------------------------------------------------------
// fee-statement: from 2021 on; a contradiction is a denial of fee notices
// ---------------------------------------------------------------------------

test('fee-statement: a report for 2019 or 2020 is not asked about 信息处理费 (国办函〔2020〕109号 applies from 2021)', () => {
  // The 2019-format draft for 2020, its fee sentence taken out: nothing to say.
  const old = fixture('drafts', 'layouts', 'old-format-2020.md');
  const silent = old.replace('本年度未收取信息处理费。', '本年度无其他需要报告的事项。');
  assert.notEqual(silent, old);
  assert.deepEqual(withCode(silent, 'fee-statement'), []);
  // The same draft for 2021 is asked.
  assert.deepEqual(
    withCode(asYear(silent, 2020, 2021), 'fee-statement').map((f) => f.messageId),
    ['missing'],
  );
  // Seed 001 (交城县 2021, section 六 just 无) is asked; the same report for 2020 is not, nor for 2019.
  const seed = example('seed-001.md');
  assert.equal(withCode(seed, 'fee-statement').length, 1);
  assert.deepEqual(withCode(asYear(seed, 2021, 2020), 'fee-statement'), []);
  assert.deepEqual(withCode(asYear(seed, 2021, 2019), 'fee-statement'), []);
  // Known only from the 统计期限 (no year in the title): seed 001 for 2020 is still silent.
  const untitled = asYear(seed, 2021, 2020).replace(/^# .*$/m, '# 政府信息公开工作年度报告');
  assert.deepEqual(withCode(untitled, 'fee-statement'), []);
});

test('fee-statement: with （六）2 above 0, denying fee notices contradicts the table; saying no fee was collected does not', () => {
  const text = fixture('drafts', 'cross', 'fee-2024.md');
  const denial = text.replace('本年度未收取信息处理费。', '本年度未收取信息处理费，未向申请人发出收费通知。');
  assert.notEqual(denial, text);
  const found = fees(denial);
  assert.equal(found.length, 1, show(found));
  assert.equal(found[0].code, 'fee-statement');
  assert.equal(found[0].messageId, 'contradicts');
  assert.equal(covered(denial, found[0].range), '未向申请人发出收费通知');
  assert.match(found[0].message.zh, /总计为 2，说明本年度发出过收费通知/);
  assert.equal(found[0].related?.[0].range.start.line, 61);
  // 无收费通知 is a denial too; the Table 3 label quoted in the prose (逾期未按收费通知要求缴纳费用) is not.
  assert.equal(withCode(text.replace('本年度未收取信息处理费。', '本年度无收费通知，未收取信息处理费。'), 'fee-statement').length, 1);
  const quoted = text.replace('本年度未收取信息处理费。', '本年度有2件申请因申请人逾期未按收费通知要求缴纳费用而终止处理，未收取信息处理费。');
  assert.deepEqual(fees(quoted), []);
  // The same denial in a report for 2020 is not checked.
  assert.deepEqual(withCode(asYear(denial, 2024, 2020), 'fee-statement'), []);
});

// ---------------------------------------------------------------------------
// fee-notice
// ---------------------------------------------------------------------------

test('fee-notice: （六）2 总计 2 and section 六 only says 本年度未收取信息处理费: state the notices', () => {
  const text = fixture('drafts', 'cross', 'fee-2024.md');
  const found = fees(text);
  assert.equal(found.length, 1, show(found));
  const [f] = found;
  assert.equal(f.code, 'fee-notice');
  assert.equal(f.severity, 'information');
  assert.equal(covered(text, f.range), '未收取信息处理费');
  assert.equal(f.range.start.line, 84);
  assert.match(f.message.zh, /“2\.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请”一行“总计”列为 2/);
  assert.match(f.message.zh, /建议写明发出收费通知的件数/);
  assert.equal(f.related?.[0].range.start.line, 61);
  assert.equal(covered(text, f.related![0].range), '2');
  // Stating the notices, with or without the fee: nothing to suggest.
  for (const six of ['本年度共发出收费通知2件，申请人均未按期缴纳，未收取信息处理费。', '本年度向申请人发出缴费通知书2份，未收取信息处理费。']) {
    assert.deepEqual(fees(text.replace('本年度未收取信息处理费。', six)), [], six);
  }
  // With （六）2 = 0 the same sentence is complete (clean-2024).
  assert.deepEqual(fees(CLEAN), []);
  // For 2020 no fee statement is expected at all.
  assert.deepEqual(fees(asYear(text, 2024, 2020)), []);
});

test('fee-notice: the real reports’ ways of saying no fee was collected, 0 元 included; nothing when 六 says nothing of fees', () => {
  const text = fixture('drafts', 'cross', 'fee-2024.md');
  // pdf-002 (洪泽区 2023), seed 000 (文水县), seed 002 (绥中县).
  for (const [six, said] of [
    ['2024 年，区政府严格落实《政府信息公开信息处理费管理办\n法》，全年收取政府信息公开信息处理费 0 元。', '0 元'],
    ['本机关 2024 年度未收取政府信息公开信息处理费。', '未收取政府信息公开信息处理费'],
    ['全年未收取依申请公开费用。', '未收取依申请公开费用'],
  ] as const) {
    const changed = text.replace('本年度未收取信息处理费。', six);
    const found = withCode(changed, 'fee-notice');
    assert.equal(found.length, 1, `${six}\n${show(found)}`);
    const line = changed.split('\n')[found[0].range.start.line];
    assert.equal(line.slice(found[0].range.start.character, found[0].range.end.character), said);
  }
  // Seed 004's own sentence, with a fee notice moved into its Table 3 (（四）2 → （六）2).
  let seed = example('seed-004.md');
  assert.deepEqual(withCode(seed, 'fee-notice'), []);
  seed = setCell(setCell(seed, '2.没有现成信息需要另行制作', 2, '0'), '2.没有现成信息需要另行制作', -1, '0');
  seed = setCell(setCell(seed, '2. 申请人逾期未按收费通知', 2, '1'), '2. 申请人逾期未按收费通知', -1, '1');
  const found = withCode(seed, 'fee-notice');
  assert.equal(found.length, 1, show(found));
  assert.equal(covered(seed, found[0].range), '无收取信息处理费');
  assert.deepEqual(withCode(seed, 'fee-statement'), []);
  // Section 六 without a word on fees: fee-statement's note on the heading, not fee-notice.
  const none = fees(text.replace('本年度未收取信息处理费。', ''));
  assert.deepEqual(
    none.map((f) => `${f.code} ${f.messageId}`),
    ['fee-statement missing'],
  );
});

// ---------------------------------------------------------------------------
// fee-breakdown
// ---------------------------------------------------------------------------

const LIST = '本年度共发出收费通知8件，收取信息处理费1250元。其中，县公安局3件，收取500元；县自然资源局4件，收取750元。';

test('fee-breakdown: the per-unit list of section 六 adds up to the notices and the amount it breaks down', () => {
  const text = withSix(CLEAN, LIST);
  const found = fees(text);
  assert.equal(found.length, 1, show(found));
  const [f] = found;
  assert.equal(f.code, 'fee-breakdown');
  assert.equal(f.severity, 'error');
  assert.equal(covered(text, f.range), '8');
  assert.equal(f.message.zh, '第六部分“其中”所列各项合计 7 件、1250 元，与总数 8 件不符，请核对各项或总数');
  assert.match(f.message.en, /add up to 7 件, 1250 元, not the total 8 件/);
  assert.deepEqual(
    f.related?.map((r) => covered(text, r.range)),
    ['县公安局3件', '县自然资源局4件'],
  );
  assert.deepEqual(f.data, { kind: 'count', stated: 8, sum: 7, unit: '件' });
  // Put right, nothing; the amount wrong instead, the finding is on the amount.
  assert.deepEqual(fees(withSix(CLEAN, LIST.replace('县自然资源局4件', '县自然资源局5件'))), []);
  const amount = withSix(CLEAN, LIST.replace('县自然资源局4件', '县自然资源局5件').replace('收取750元', '收取700元'));
  const [a] = fees(amount);
  assert.equal(covered(amount, a.range), '1250');
  assert.equal(a.message.zh, '第六部分“其中”所列各项合计 8 件、1200 元，与总数 1250 元不符，请核对各项或总数');
  assert.deepEqual(
    a.related?.map((r) => covered(amount, r.range)),
    ['收取500元', '收取700元'],
  );
});

test('fee-breakdown: 万元 and 元, decimals, 共计/合计, a list inside the sentence, Chinese numerals', () => {
  const agree = [
    '本年度共发出收费通知2件，收取信息处理费0.125万元。其中，县公安局收取500元；县自然资源局收取750元。',
    '本年度共收取信息处理费123.5元，其中县公安局100元、县教育局23.5元。',
    '本年度共计发出收费通知5件，合计收取信息处理费600元，其中县教育局2件、县卫健委3件。',
    '本年度共发出收费通知五件，其中县教育局二件、县卫健委三件。',
    '本年度共发出收费通知1,250件，其中县公安局1,000件、县教育局250件。',
  ];
  for (const six of agree) assert.deepEqual(fees(withSix(CLEAN, six)), [], six);
  // The sums are named in the unit of the total they are compared with (items in 元, total in 万元).
  const differ: [string, string, string][] = [
    ['本年度共发出收费通知2件，收取信息处理费0.12万元。其中，县公安局收取500元；县自然资源局收取750元。', '0.12', '合计 0.125 万元，与总数 0.12 万元'],
    ['本年度共计发出收费通知5件，合计收取信息处理费600元，其中县教育局2件、县卫健委2件。', '5', '合计 4 件，与总数 5 件'],
    ['本年度共发出收费通知五件，其中县教育局二件、县卫健委二件。', '五', '合计 4 件，与总数 5 件'],
  ];
  for (const [six, at, says] of differ) {
    const text = withSix(CLEAN, six);
    const found = fees(text);
    assert.equal(found.length, 1, `${six}\n${show(found)}`);
    assert.equal(covered(text, found[0].range), at);
    assert.ok(found[0].message.zh.includes(says), found[0].message.zh);
  }
});

test('fee-breakdown: no list, one item, 等, remarks in brackets, rates, other kinds and other subjects are not compared', () => {
  const silent = [
    // No 其中.
    '本年度共发出收费通知8件，收取信息处理费1250元。',
    // The items are amounts only: nothing to add up to the 8 notices.
    '本年度共发出收费通知8件。其中，县公安局收取500元，县自然资源局收取750元。',
    // One unit named: an example, not the list.
    '本年度共发出收费通知8件，其中县公安局3件。',
    // Some units named (等).
    '本年度共发出收费通知8件，其中县公安局3件、县自然资源局2件等。',
    // A remark in brackets is not an item.
    '本年度共发出收费通知8件，收取信息处理费1250元。其中，县公安局3件（其中2件已缴费），收取500元；县自然资源局5件，收取750元。',
    // A rate (100元/件) is not an amount collected.
    '共发出收费通知3件，收取信息处理费300元。其中，县公安局1件，按100元/件收取100元；县教育局2件，按100元/件收取200元。',
    // The list breaks down the requests of the sentence, not the notices.
    '本年度共收到政府信息公开申请20件，发出收费通知3件，其中自然人申请15件、法人申请5件。',
    '本年度发出收费通知3件，共收到政府信息公开申请47件，其中自然人申请40件、法人申请5件。',
    '本年度涉及收费的申请8件，发出收费通知5件，其中县公安局4件、县教育局4件。',
    // The count before the list is of requests, not notices: only the amounts are compared.
    '本年度共收到政府信息公开申请47件，收取信息处理费300元。其中，县公安局1件，收取100元；县教育局2件，收取200元。',
    // Percentages, a document number, a phone number, a date.
    '依据国办函〔2020〕109号，2024年12月共发出收费通知8件，其中县公安局3件，占37.5%；县自然资源局5件，占62.5%。咨询电话0358-1234567。',
    // Not about fees.
    '本年度共办理人大代表建议12件，其中县教育局5件、县卫健委4件。',
    '本年度政务公开工作经费共计1250元，其中培训费500元、宣传费700元。',
  ];
  for (const six of silent) assert.deepEqual(withCode(withSix(CLEAN, six), 'fee-breakdown'), [], six);
  // 其中 of the requests in section 三 (clean-2024's own sentence has one), or of fees outside section 六.
  const three = CLEAN.replace(
    '所有申请均在法定期限内答复。',
    '所有申请均在法定期限内答复。本年度共发出收费通知8件，其中县公安局3件、县自然资源局4件。',
  );
  assert.notEqual(three, CLEAN);
  assert.deepEqual(fees(three), []);
});

// ---------------------------------------------------------------------------
// fee-vs-table2
// ---------------------------------------------------------------------------

/** clean-2024 with Table 2's 行政事业性收费 amount set. */
const withTableFee = (text: string, value: string) => setCell(text, '行政事业性收费', 1, value);
/** pdf-001's (淮安市 2024) own sentence. */
const COLLECTED = '2024 年，市政府严格落实《政府信息公开信息处理费管理\n办法》，全年收取政府信息公开信息处理费 3940 元。';

test('fee-vs-table2: 3940 元 collected (pdf-001’s sentence) while Table 2 行政事业性收费 is 0 — the units named', () => {
  const text = withSix(withTableFee(CLEAN, '0'), COLLECTED);
  const found = fees(text);
  assert.equal(found.length, 1, show(found));
  const [f] = found;
  assert.equal(f.code, 'fee-vs-table2');
  assert.equal(f.severity, 'information');
  assert.equal(f.range.start.line, 34);
  assert.equal(covered(text, f.range), '0');
  assert.match(f.message.zh, /^表二“行政事业性收费”一行“本年收费金额（单位：万元）”为 0，但正文称收取信息处理费 3940 元/);
  assert.match(f.message.zh, /表二此栏以万元为单位，正文一般以元为单位（3940 元 = 0\.394 万元）/);
  assert.match(f.message.en, /this column is in 万元/);
  assert.equal(covered(text, f.related![0].range), '3940');
  // pdf-001 itself: 96171.6 万元 in Table 2; the clean draft's 45.6 with the same sentence.
  assert.deepEqual(fees(corpus('pdf-001.txt')).filter((x) => x.code === 'fee-vs-table2'), []);
  assert.deepEqual(fees(withSix(CLEAN, COLLECTED)), []);
});

test('fee-vs-table2: 0 元, not collected, waived, refunded, other amounts and the 2019 table are not compared', () => {
  const zero = withTableFee(CLEAN, '0');
  for (const six of [
    '2023 年，区政府严格落实《政府信息公开信息处理费管理办\n法》，全年收取政府信息公开信息处理费 0 元。',
    '本年度未收取信息处理费。',
    '本年度对3名申请人减免信息处理费300元。',
    '本年度退还信息处理费200元。',
    '本年度退还已收取的信息处理费200元。',
    '本年度投入政务公开工作经费5万元。',
  ])
    assert.deepEqual(fees(withSix(zero, six)).filter((f) => f.code === 'fee-vs-table2'), [], six);
  // The 2019 layout's 行政事业性收费 has no amount: nothing to compare.
  const old = fixture('drafts', 'layouts', 'old-format-2020.md')
    .replace('本年度未收取信息处理费。', '本年度收取信息处理费300元。')
    .replace('| 行政事业性收费 | 9 | -1 | |', '| 行政事业性收费 | 0 | 0 | |');
  assert.ok(old.includes('| 行政事业性收费 | 0 | 0 | |'));
  assert.deepEqual(withCode(old, 'fee-vs-table2'), []);
});

// ---------------------------------------------------------------------------
// amount-decimals
// ---------------------------------------------------------------------------

test('amount-decimals: 0.012345 in the 万元 cell is 123.45 元 divided by 10,000 — on the cell, and not cell-invalid', () => {
  const text = withTableFee(CLEAN, '0.012345');
  const found = analyze(text).findings;
  assert.deepEqual(
    found.map((f) => f.code),
    ['amount-decimals'],
  );
  const [f] = found;
  assert.equal(f.severity, 'information');
  assert.equal(covered(text, f.range), '0.012345');
  assert.equal(
    f.message.zh,
    '表二“行政事业性收费”一行“本年收费金额（单位：万元）”为 0.012345，有 6 位小数：万元精确到元只需 4 位小数，多出的位数通常是把以元为单位的金额除以 10000 所得（0.012345 万元 = 123.45 元）。请四舍五入，保留至多 4 位小数（0.0123）',
  );
  // 4 decimals or fewer, trailing zeros, full-width digits: fine.
  for (const value of ['45.6', '0.1234', '0.123400', '０.５', '12,608.25']) assert.deepEqual(withCode(withTableFee(CLEAN, value), 'amount-decimals'), [], value);
  // Full-width digits with too many decimals are still read.
  assert.equal(withCode(withTableFee(CLEAN, '０.０１２３４５'), 'amount-decimals').length, 1);
});

test('amount-decimals: 万元 amounts in the prose, not 万条, 亿元, percentages or 元', () => {
  const text = withSix(CLEAN, '本年度收取行政事业性收费0.012345万元，未收取信息处理费。');
  const found = withCode(text, 'amount-decimals');
  assert.equal(found.length, 1, show(found));
  assert.equal(covered(text, found[0].range), '0.012345');
  assert.match(found[0].message.zh, /^正文中的金额 0\.012345 万元有 6 位小数.*（= 123\.45 元）.*（0\.0123 万元），或直接写 123\.45 元$/);
  for (const six of [
    '全年发布信息3.123456万条，未收取信息处理费。',
    '投入经费1.234567亿元，未收取信息处理费。',
    '公开率达99.123456%，未收取信息处理费。',
    '收取信息处理费123.456789元。',
    '收取行政事业性收费45.6万元，未收取信息处理费。',
  ])
    assert.deepEqual(withCode(withSix(CLEAN, six), 'amount-decimals'), [], six);
});

test('the fee checks are silent on every example and real report but the ones FINDINGS.md names', () => {
  const names = ['clean-2024.md', 'seed-000.md', 'seed-002.md', 'seed-004.md'];
  for (const name of names) assert.deepEqual(fees(example(name)), [], name);
  for (const name of ['pdf-001.txt', 'pdf-002.txt', 'pdf-003.txt']) assert.deepEqual(fees(corpus(name)), [], name);
  // Seeds 001 and 003: no fee statement in section 六 (fee-statement's note, nothing else).
  for (const name of ['seed-001.md', 'seed-003.md']) assert.deepEqual(fees(example(name)).map((f) => `${f.code} ${f.messageId}`), ['fee-statement missing'], name);
});
