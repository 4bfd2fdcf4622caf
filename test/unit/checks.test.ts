/**
 * Every check of the foundation, on drafts a clerk would write: the clean
 * example with one thing changed. Each failing draft asserts the exact code,
 * range and figures; each quick fix is applied and the result checked again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyFix, cellPosition, codes, example, FOUNDATION_CODES, only, removeLines, setCell, unchangedOutside } from '../helpers';
import { Analyzer, fixAll } from '../../server/src/index';

const clean = example('clean-2024.md');
const foundation = (text: string) => analyze(text).findings.filter((f) => FOUNDATION_CODES.has(f.code));

/** Apply a finding's first fix; assert the finding is gone, nothing new appears and nothing outside the edit changed. */
function assertFixCleans(text: string, code: string) {
  const finding = only(analyze(text), code);
  assert.ok(finding.fixes?.length, `${code} offers a fix`);
  const fixed = applyFix(text, finding.fixes![0]);
  assert.ok(unchangedOutside(text, fixed, finding.fixes![0]), 'the fix edits only what it says');
  assert.deepEqual(foundation(fixed).map((f) => f.code), [], `no finding left after fixing ${code}`);
  return fixed;
}

test('the clean example has no findings', () => {
  const a = analyze(clean);
  assert.equal(a.isReport, true);
  assert.deepEqual(a.findings.map((f) => `${f.code}: ${f.message.zh}`), []);
});

test('t3-row-total: a wrong 总计 is marked on its cell with both values, and the fix sets it', () => {
  const text = setCell(clean, '一、本年新收政府信息公开申请数量', -1, '45');
  const a = analyze(text);
  const f = only(a, 't3-row-total');
  assert.deepEqual(f.range.start, cellPosition(text, '一、本年新收', -1));
  assert.equal(f.range.end.character - f.range.start.character, 2);
  assert.equal(f.messageId, 'wrongTotal');
  assert.match(f.message.zh, /“一、本年新收政府信息公开申请数量”一行的总计填的是 45，应为 47/);
  assert.match(f.message.zh, /38 \+ 5 \+ 1 \+ 0 \+ 2 \+ 1 = 47/);
  assert.equal(f.related?.length, 6);
  assert.equal(f.severity, 'error');
  // The same wrong total breaks the balance of the 总计 column: said once, on the total.
  assert.equal(codes(a).includes('t3-balance'), false);
  assert.match(f.message.zh, /改正后“总计”列的勾稽关系也成立/);
  assert.deepEqual(f.data?.rules, ['t3-row-total', 't3-balance']);
  const fixed = assertFixCleans(text, 't3-row-total');
  assert.equal(fixed, clean);
});

test('t3-result-total: a wrong （七）总计 cell is one finding, not three', () => {
  const text = setCell(clean, '（七）总计', -7, '35'); // 自然人 column: 37 → 35
  const a = analyze(text);
  assert.deepEqual(codes(a), ['t3-result-total']);
  const f = a.findings[0];
  assert.deepEqual(f.range.start, cellPosition(text, '（七）总计', -7));
  assert.match(f.message.zh, /^（七）总计“自然人”列填的是 35，应为 37/);
  assert.match(f.message.zh, /改正后本行总计和“自然人”列的勾稽关系也成立/);
  assert.equal(f.data?.expected, 37);
  assert.equal(assertFixCleans(text, 't3-result-total'), clean);
});

test('t3-balance: both sides are given, the possible places named, and no fix preferred', () => {
  // 二、上年结转 自然人 2 → 3 with its total kept consistent: the row adds up, the column does not.
  let text = setCell(clean, '二、上年结转政府信息公开申请数量', -7, '3');
  text = setCell(text, '二、上年结转政府信息公开申请数量', -1, '4');
  const balance = foundation(text);
  assert.deepEqual(balance.map((f) => f.code), ['t3-balance', 't3-balance']);
  const natural = balance.find((f) => f.data?.column === 0)!;
  assert.match(natural.message.zh, /“自然人”列勾稽关系不成立：一\+二 = 38 \+ 3 = 41，（七）总计\+四 = 37 \+ 3 = 40/);
  assert.deepEqual(natural.range.start, cellPosition(text, '（七）总计', -7));
  assert.equal(natural.related?.length, 3);
  // 一, 二 or 四 may be the wrong row (each with its total): three equally small corrections, none preferred.
  assert.match(natural.message.zh, /；可能是“一、本年新收政府信息公开申请数量”一行、“二、上年结转政府信息公开申请数量”一行或“四、结转下年度继续办理”一行填错，无法判断是哪一处$/);
  assert.equal(natural.data?.alternatives, 3);
  // The prose states 47 received and 4 carried to next year: only the correction of 二 agrees with it, and only it is offered.
  assert.deepEqual(natural.fixes?.map((x) => x.title.zh), ['将“二、上年结转政府信息公开申请数量”一行“自然人”列改为 2、“总计”列改为 3']);
  assert.ok(natural.fixes!.every((x) => !x.preferred && !x.fixAll));
  assert.ok(balance.some((f) => f.data?.column === 6));
});

test('t4-total: a group total that does not add up', () => {
  const lines = clean.split('\n');
  const row = lines.findIndex((l) => /^\| 2 \| 1 \| 0 \| 1 \| 4 \|/.test(l));
  lines[row] = lines[row].replace('| 2 | 1 | 0 | 1 | 4 |', '| 2 | 1 | 0 | 1 | 5 |');
  const text = lines.join('\n');
  const f = only(analyze(text), 't4-total');
  assert.equal(f.range.start.line, row);
  assert.equal(f.range.start.character, '| 2 | 1 | 0 | 1 | '.length);
  // Each cell of Table 4 is in one rule only: the total or any of its four cells may be the mistake.
  assert.equal(f.messageId, 'totalOff');
  assert.match(f.message.zh, /“行政复议”的总计填的是 5，而 2 \+ 1 \+ 0 \+ 1 = 4：无法判断是总计还是其中某一格填错/);
  assert.equal(f.fixes?.length, 1);
  assert.equal(f.fixes![0].preferred, undefined);
  assert.equal(f.fixes![0].fixAll, undefined);
  assert.equal(assertFixCleans(text, 't4-total'), clean);
});

test('cell-blank: empty cells and placeholders are not 0; the fix fills 0', () => {
  for (const placeholder of ['', '/', '—', '-', '无']) {
    const text = setCell(clean, '3.其他', -7, placeholder);
    const f = only(analyze(text), 'cell-blank');
    assert.equal(f.severity, 'warning');
    assert.equal(f.range.start.line, cellPosition(text, '3.其他', -7).line);
    const fixed = assertFixCleans(text, 'cell-blank');
    assert.equal(fixed.replace(/\| +0 +\|/g, '| 0 |'), clean);
  }
});

test('cell-invalid: negative, fractions and words in counts; full-width digits and separators are fine', () => {
  const cases: [string, RegExp][] = [
    ['-1', /负数/],
    ['0.5', /小数/],
    ['三', /不是数字/],
  ];
  for (const [value, message] of cases) {
    const f = only(analyze(setCell(clean, '3.其他', -7, value)), 'cell-invalid');
    assert.match(f.message.zh, message);
  }
  // ３８ (full-width) and 1,234 read as 38 and 1234.
  let text = setCell(clean, '一、本年新收政府信息公开申请数量', -7, '３８');
  text = setCell(text, '行政许可', 1, '1,234');
  assert.deepEqual(foundation(text), []);
  // Fees in 万元 may have decimals.
  assert.deepEqual(foundation(setCell(clean, '行政事业性收费', 1, '45.65')), []);
});

test('missing-section: marked where it belongs; the fix inserts the heading there', () => {
  const text = removeLines(clean, (l) => l.startsWith('## 五、'));
  const a = analyze(text);
  const f = only(a, 'missing-section');
  assert.match(f.message.zh, /缺少第五部分“五、存在的主要问题及改进情况”/);
  // Where it belongs: the line of the next section (六).
  assert.equal(f.range.start.line, text.split('\n').findIndex((l) => l.startsWith('## 六、')));
  const fixed = applyFix(text, f.fixes![0]);
  assert.ok(fixed.includes('## 五、存在的主要问题及改进情况\n\n## 六、'));
  assert.deepEqual(foundation(fixed), []);
});

test('missing-section: a missing section 三 is inserted with its standard table, to be filled in', () => {
  const lines = clean.split('\n');
  const start = lines.findIndex((l) => l.startsWith('## 三、'));
  const end = lines.findIndex((l) => l.startsWith('## 四、'));
  const text = [...lines.slice(0, start), ...lines.slice(end)].join('\n');
  const f = only(analyze(text), 'missing-section');
  assert.deepEqual(f.fixes![0].leaves, ['cell-blank']);
  const fixed = applyFix(text, f.fixes![0]);
  // What is left is the table to fill in: one finding on the table, as the fix declares.
  const after = foundation(fixed);
  assert.deepEqual(after.map((x) => `${x.code} ${x.messageId}`), ['cell-blank unfilled']);
  assert.equal(analyze(fixed).parts[0].report.tables.t3?.rows.size, 25);
});

test('section-order: a heading out of place is marked on the heading', () => {
  const lines = clean.split('\n');
  const five = lines.findIndex((l) => l.startsWith('## 五、'));
  const six = lines.findIndex((l) => l.startsWith('## 六、'));
  const body5 = lines.slice(five, six);
  const body6 = lines.slice(six);
  const text = [...lines.slice(0, five), ...body6, '', ...body5].join('\n');
  const a = analyze(text);
  const f = only(a, 'section-order');
  assert.equal(f.range.start.line, text.split('\n').findIndex((l) => l.startsWith('## 五、')));
  assert.match(f.message.zh, /第五部分应排在第六部分之前/);
  assert.equal(codes(a).includes('missing-section'), false);
});

test('section headings as plain lines, variants and typos are all recognised', () => {
  const plain = clean.replace(/^## /gm, '');
  assert.deepEqual(foundation(plain), []);
  const variant = clean.replace('## 四、政府信息公开行政复议、行政诉讼情况', '## 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况');
  const a = analyze(variant);
  assert.deepEqual(codes(a), ['label-deviation']);
  assert.equal(codes(analyze(applyFix(variant, a.findings[0].fixes![0]))).length, 0);
});

test('missing-table: a section without its table; the fix inserts it', () => {
  const text = removeLines(clean, (l) => l.startsWith('|') && (l.includes('结果维持') || /^\| [\d ]+\|/.test(l) || l.includes('行政复议 |') || l.includes('未经复议') || /^\| --- \| --- \| --- \| --- \| --- \| --- \| --- \| --- \| --- \| --- \| --- \| --- \| --- \| --- \| --- \|$/.test(l)));
  const f = only(analyze(text), 'missing-table');
  assert.match(f.message.zh, /第四部分下没有读到表四/);
  assert.equal(text.split('\n')[f.range.start.line], '## 四、政府信息公开行政复议、行政诉讼情况');
  const fixed = applyFix(text, f.fixes![0]);
  assert.deepEqual(foundation(fixed).map((x) => x.code), []);
});

test('missing-row: a row absent from Table 3 is named, matched by label not position', () => {
  const text = removeLines(clean, (l) => l.includes('| 2.重复申请 |'));
  const a = analyze(text);
  const f = a.findings.find((x) => x.code === 'missing-row')!;
  assert.match(f.message.zh, /表三.*缺少“2\.重复申请”一行/);
  assert.equal(f.data?.row, 'notHandled.repeat');
  // Rows out of their usual order are still found by their labels.
  const lines = clean.split('\n');
  const a1 = lines.findIndex((l) => l.includes('| 1.信访举报投诉类申请 |'));
  [lines[a1], lines[a1 + 1]] = [lines[a1 + 1], lines[a1].replace('（五）不予处理', '')];
  lines[a1] = lines[a1].replace('| | 2.重复申请', '| （五）不予处理 | 2.重复申请');
  assert.deepEqual(foundation(lines.join('\n')), []);
});

test('fix-all corrects what the diagnosis is sure of, and leaves Table 4 to the clerk', () => {
  let text = setCell(clean, '4.保护第三方合法权益', -1, '9'); // a leaf row total
  text = setCell(text, '（七）总计', -7, '30'); // a result-total cell
  text = setCell(text, '（七）总计', -1, '99'); // and its grand total
  const t4 = '| 2 | 1 | 0 | 1 | 4 |';
  text = text.replace(t4, '| 2 | 1 | 0 | 1 | 7 |'); // table 4: the total or a cell, it cannot be told
  const before = analyze(text);
  // Three wrong cells explain every broken rule of Table 3: each is reported once, on itself.
  assert.deepEqual(before.findings.filter((f) => f.code !== 't4-total').map((f) => `${f.code} ${f.data?.row}/${f.data?.column} → ${f.data?.expected}`), [
    't3-row-total refused.thirdParty/6 → 3',
    't3-result-total resultTotal/0 → 37',
    't3-result-total resultTotal/6 → 46',
  ]);
  const result = fixAll(text);
  assert.equal(result.text, clean.replace(t4, '| 2 | 1 | 0 | 1 | 7 |'));
  assert.deepEqual(result.after.findings.map((f) => f.code), ['t4-total']);
  assert.equal(fixAll(result.text).text, result.text, 'a second run changes nothing');
});

test('a non-report Markdown file gets nothing; enable always checks it anyway', () => {
  const readme = '# 使用说明\n\n本仓库存放年报草稿。\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
  const a = analyze(readme);
  assert.equal(a.isReport, false);
  assert.deepEqual(a.findings, []);
  // Checked anyway, it gets one finding that says what it lacks, not six.
  const forced = analyze(readme, { enable: 'always' }).findings;
  assert.deepEqual(forced.map((f) => `${f.code} ${f.messageId}`), ['missing-section noSections']);
  assert.deepEqual(analyze(clean, { enable: 'never' }).findings, []);
});

test('a document of several reports: each is checked, ranges in document lines', () => {
  const wrong = setCell(clean, '一、本年新收政府信息公开申请数量', -1, '45');
  const text = `${clean}\n${wrong}`;
  const a = analyze(text);
  assert.equal(a.parts.length, 2);
  const f = only(a, 't3-row-total');
  const offsetLines = clean.split('\n').length;
  assert.equal(f.range.start.line, cellPosition(wrong, '一、本年新收', -1).line + offsetLines);
});

test('bad input never throws and never hangs', () => {
  const inputs = ['', '\n\n\n', '|', '| | |\n|---|\n', '一、总体情况\n二、', '\u0000\u0001二、主动公开政府信息情况\t\t\t', 'x'.repeat(200000), `${clean}\n| 规章 | ${'9'.repeat(400)} |`];
  for (const input of inputs) assert.doesNotThrow(() => analyze(input, { enable: 'always' }));
});

test('a wrong leaf total carried into （七）总计: both wrong totals, each once, on its own cell', () => {
  // 4.保护第三方合法权益 totals 9 instead of 3, and the clerk added that 9 into （七）总计 (46 → 52).
  let text = setCell(clean, '4.保护第三方合法权益', -1, '9');
  text = setCell(text, '（七）总计', -1, '52');
  const found = foundation(text);
  assert.deepEqual(found.map((f) => f.code), ['t3-row-total', 't3-result-total']);
  const leaf = found.find((f) => f.data?.row === 'refused.thirdParty')!;
  assert.equal(leaf.message.zh, '“4.保护第三方合法权益”一行的总计填的是 9，应为 3（2 + 0 + 0 + 0 + 1 + 0 = 3）（与“（七）总计”一行“总计”列一并改正）');
  const seventh = found.find((f) => f.data?.row === 'resultTotal')!;
  assert.equal(seventh.message.zh, '“（七）总计”一行“总计”列填的是 52；若为 46，本行总计和“总计”列的勾稽关系都成立（与“4.保护第三方合法权益”一行“总计”列一并改正）');
  // Fix-all makes both right, and nothing else.
  assert.equal(fixAll(text).text, clean);
});

test('the analyzer reads a report once: options and other reports re-check it, they do not re-parse it', () => {
  const analyzer = new Analyzer();
  const first = analyzer.analyze(clean);
  assert.equal(analyzer.analyze(clean).parts[0].findings, first.parts[0].findings, 'same text, same options: cached findings');
  const withOthers = analyzer.analyze(clean, { others: [{ uri: 'file:///last.md', report: first.parts[0].report }] });
  assert.equal(withOthers.parts[0].report, first.parts[0].report);
  assert.notEqual(withOthers.parts[0].findings, first.parts[0].findings, 'cross-file findings are checked afresh');
  const otherOptions = analyzer.analyze(clean, { check: { rules: { deadline: { options: { publisher: 'government' } } } } });
  assert.equal(otherOptions.parts[0].report, first.parts[0].report);
  assert.notEqual(otherOptions.parts[0].findings, first.parts[0].findings);
});
