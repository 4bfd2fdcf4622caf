/**
 * The prose read with its verbs and qualifiers (narrative-mismatch and
 * scope-mismatch): which table aggregate a verb names (收办 → 一+二, 已回复 →
 * （七）, 正在办理 → 四), what a wrong number equals instead, and the numbers
 * that are not the table's count (备案, 同比, 较上年, 约/以上, another level's
 * figure, a part after 其中). Sentences as clerks write them, and real ones
 * from the corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, example } from '../helpers';
import { parseReport } from '../../server/src/parse/report';
import { readClaims } from '../../server/src/parse/claims';

// clean-2024 (示例县人民政府办公室): 一 47, 二 3, （一） 19, （二） 5, （四） 10+2+1, （七） 46, 四 4; 复议 4, 诉讼 2 + 1.
const CLEAN = example('clean-2024.md');
const inOverview = (sentence: string) => insert(CLEAN, '提升公开质量和实效。', sentence);
const inSectionFour = (sentence: string) => insert(CLEAN, '2024年，本机关因政府信息公开被申请行政复议4件', sentence, true);
function insert(text: string, at: string, sentence: string, before = false): string {
  const out = text.replace(at, before ? `${sentence}${at}` : `${at}${sentence}`);
  assert.notEqual(out, text, `${at} is in the draft`);
  return out;
}
const PROSE = new Set(['narrative-mismatch', 'scope-mismatch']);
const said = (text: string) =>
  analyze(text)
    .findings.filter((f) => PROSE.has(f.code))
    .map((f) => f.message.zh);

test('numbers that are not the table’s count are not compared with it', () => {
  for (const [sentence, place] of [
    // A 2024 city report: cases filed for record are another count than Table 4’s.
    ['向市司法局报送备案的行政复议案件134件、行政诉讼案件57件。', inSectionFour],
    ['全年办理行政复议备案134件、行政诉讼57件。', inSectionFour],
    ['全年收到政府信息公开申请47件，较上年增加12件。', inOverview],
    ['受理政府信息公开申请同比下降8件。', inOverview],
    ['收到政府信息公开申请较上年减少12件。', inOverview],
    ['全年共收到政府信息公开申请50件以上。', inOverview],
    ['收到政府信息公开申请60件左右。', inOverview],
    ['全年收到政府信息公开申请约50件。', inOverview],
    ['收到政府信息公开申请50余件。', inOverview],
    // Another level’s figure in a county office’s report.
    ['全省共收到政府信息公开申请12000件。', inOverview],
    ['市级行政机关共收到政府信息公开申请3607件。', inOverview],
    // The area’s whole, then this office’s part, which is the table’s.
    ['全县各级行政机关共收到政府信息公开申请3607件，其中本机关收到政府信息公开申请47件。', inOverview],
    // A total, then a part of it by channel.
    ['全年共收到政府信息公开申请47件，其中网上申请收到政府信息公开申请30件。', inOverview],
    // An outcome, not a count of cases.
    ['全年无因政府信息公开被申请行政复议案件被纠错的情况。', inSectionFour],
  ] as const) {
    assert.deepEqual(said(place(sentence)), [], sentence);
  }
});

test('the same sentences with the qualifier taken away are compared', () => {
  assert.deepEqual(said(inSectionFour('向市司法局报送的行政复议案件134件。')), ['正文称行政复议 134 件，表四“行政复议”总计为 4']);
  assert.deepEqual(said(inOverview('全年共收到政府信息公开申请50件。')), ['正文称收到申请 50 件，表三“一、本年新收”总计为 47；50 恰是一+二之和（含上年结转）']);
  assert.deepEqual(said(inOverview('全县共收到政府信息公开申请12000件。')), ['正文称收到申请 12000 件，表三“一、本年新收”总计为 47'], 'the unit’s own level');
});

test('verbs name aggregates: 收办/共办理 → 一+二, 已回复 → （七）, 正在办理/转结 → 四', () => {
  assert.deepEqual(said(inOverview('全年共收办政府信息公开申请50件。')), []);
  assert.deepEqual(said(inOverview('全年共收办政府信息公开申请60件。')), ['正文称收办申请 60 件，表三“一、本年新收”与“二、上年结转”总计之和为 50']);
  assert.deepEqual(said(inOverview('已回复政府信息公开申请46件，4件正在办理中。')), []);
  assert.deepEqual(said(inOverview('已回复政府信息公开申请40件。')), ['正文称办结申请 40 件，表三“（七）总计”为 46']);
  assert.deepEqual(said(inOverview('收到政府信息公开申请47件，7件正在办理中。')), ['正文称正在办理 7 件，表三“四、结转下年度继续办理”总计为 4']);
  assert.deepEqual(said(inOverview('收到政府信息公开申请47件，转结下年度办理6件。')), ['正文称结转下年度办理 6 件，表三“四、结转下年度继续办理”总计为 4']);
  // A 2024 district report: 122件，上年结转11件…已回复126件，7件正在办理中 — each number to its aggregate.
  const district = parseReport(inOverview('全年共收到政府信息公开申请122件，上年结转11件，已回复126件，7件正在办理中。'));
  const claims = readClaims(district).claims.filter((c) => [122, 11, 126, 7].includes(c.stated));
  assert.deepEqual(
    claims.map((c) => [c.stated, c.pattern.refers]),
    [
      [122, { table: 't3', rows: ['new'] }],
      [11, { table: 't3', rows: ['carried'] }],
      [126, { table: 't3', rows: ['resultTotal'] }],
      [7, { table: 't3', rows: ['carryNext'] }],
    ],
  );
});

test('what a wrong number equals instead: one item of a group, one of the rows of a sum', () => {
  assert.deepEqual(said(inOverview('无法提供的申请10件。')), ['正文称无法提供 10 件，表三“（四）无法提供”各项总计之和为 13；10 恰是其中“1.本机关不掌握相关政府信息”一项的数，正文可能只统计了这一项']);
  assert.deepEqual(said(inOverview('予以公开和部分公开的申请共19件。')), [
    '正文称予以公开和部分公开 19 件，表三“（一）予以公开”与“（二）部分公开”总计之和为 24；19 恰是只计“（一）予以公开”、未计“（二）部分公开”的数',
  ]);
  assert.deepEqual(said(inOverview('予以公开和部分公开的申请共24件。')), []);
});

test('无行政复议 / 未发生行政诉讼 against Table 4', () => {
  assert.deepEqual(said(inSectionFour('本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。')), [
    '正文称“未发生因政府信息公开申请行政复议、提起行政诉讼”，但表四“行政复议”总计为 4、“行政诉讼·未经复议直接起诉”总计为 2、“行政诉讼·复议后起诉”总计为 1',
  ]);
  assert.deepEqual(said(inSectionFour('全年无政府信息公开行政诉讼案件。')), ['正文称“无政府信息公开行政诉讼”，但表四“行政诉讼·未经复议直接起诉”总计为 2、“行政诉讼·复议后起诉”总计为 1']);
  // In section 一, about other matters than disclosure: not read.
  assert.deepEqual(said(inOverview('全年没有行政复议。')), []);
  // True when Table 4 is all zero.
  const zero = CLEAN.replace(/^\| 2 \| 1 \| 0 \| 1 \| 4 \|.*$/m, `|${' 0 |'.repeat(15)}`).replace('被申请行政复议4件，其中结果维持2件、结果纠正1件、尚未审结1件；被提起行政诉讼3件，其中未经复议直接起诉2件、复议后起诉1件', '未发生行政复议和行政诉讼');
  assert.notEqual(zero, CLEAN);
  assert.deepEqual(said(zero), []);
});

test('scope-mismatch: the office’s figure in a government’s report; the office’s own report is another matter', () => {
  const government = CLEAN.replace('# 示例县人民政府办公室2024年', '# 示例县人民政府2024年');
  const sentence = '2024年，县政府办代表县政府受理政府信息公开申请17件，均已按期答复。';
  const found = analyze(inOverview(sentence).replace('# 示例县人民政府办公室2024年', '# 示例县人民政府2024年')).findings.filter((f) => PROSE.has(f.code));
  assert.notEqual(government, CLEAN);
  assert.deepEqual(
    found.map((f) => [f.code, f.message.zh]),
    [['scope-mismatch', '正文“县政府办代表县政府受理政府信息公开申请17件”是本机关（办公室）自己的数；表三“一、本年新收”总计为 47，像是全县的数。本报告是“示例县人民政府”的年度报告，正文和表格应按同一范围统计：都按全县，或都按本机关']],
  );
  // In the office’s own report, the same words are a plain mismatch.
  assert.deepEqual(said(inOverview(sentence)), ['正文称收到申请 17 件，表三“一、本年新收”总计为 47']);
});
