/**
 * The cases a new user found in which a fix destroyed correct numbers or a
 * draft was misread (issue: "A fix never makes a report worse"), each on the
 * clean example changed as a clerk would change it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, applyFix, cellPosition, codes, example, only, removeLines, setCell } from '../helpers';
import { Analyzer, CHECKS, analyzeText, checkReport, fixAll, parseReport, proveFix, type Finding } from '../../server/src/index';
import { codeActions } from '../../server/src/features/codeActions';
import { convertToStandardTable } from '../../server/src/features/convert';
import { extractReport } from '../../server/src/extract';
import { findingIds } from '../../server/src/engine/identity';
import { applyEdits } from '../../server/src/engine/edits';
import type { Check } from '../../server/src/checks';

const clean = example('clean-2024.md');
const show = (fs: readonly Finding[]) => fs.map((f) => `${f.code} ${f.range.start.line}:${f.range.start.character} ${f.message.zh}`).join('\n');
const line = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('1. a typo in a row label: that row, with a typo, never a missing row', () => {
  const typo = clean.replace('| （一）予以公开 |', '| （一）予以公布 |');

  test('its numbers are read, and the one finding is label-deviation with a fix of the label only', () => {
    assert.notEqual(typo, clean);
    const a = analyze(typo);
    assert.deepEqual(codes(a), ['label-deviation'], show(a.findings));
    const f = a.findings[0];
    assert.equal(f.message.zh, '“公布”应为“公开”：“（一）予以公布”应写作“（一）予以公开”');
    assert.deepEqual(f.range.start, { line: line(typo, '予以公布'), character: typo.split('\n')[line(typo, '予以公布')].indexOf('（一）') });
    assert.equal(applyFix(typo, f.fixes![0]), clean);
    assert.deepEqual(a.parts[0].report.tables.t3!.rows.get('disclosed')!.cells.map((c) => c.value), [15, 3, 1, 0, 0, 0, 19]);
  });

  test('fix-all, convert and extract keep the row and the right （七）总计', () => {
    assert.equal(fixAll(typo).text, clean);
    const report = parseReport(typo);
    const converted = applyEdits(typo, [convertToStandardTable(report, 't3')!]);
    assert.match(converted, /\| 三、本年度办理结果 \| （一）予以公开 \| \| 15 \| 3 \| 1 \| 0 \| 0 \| 0 \| 19 \|/);
    assert.match(converted, /\| \| （七）总计 \| \| 37 \| 6 \| 1 \| 0 \| 1 \| 1 \| 46 \|/);
    assert.deepEqual(extractReport(report, 'x').table3!['（一）予以公开'], [15, 3, 1, 0, 0, 0, 19]);
  });

  test('short Table 2 labels: 行政许诺, 行政許可, 行政许可决定 are 行政许可, its value read', () => {
    for (const written of ['行政许诺', '行政許可', '行政许可决定']) {
      const text = clean.replace('| 行政许可 | 1234 |', `| ${written} | 1234 |`);
      const a = analyze(text);
      assert.deepEqual(codes(a), ['label-deviation'], `${written}\n${show(a.findings)}`);
      assert.equal(a.parts[0].report.tables.t2!.rows.get('licensing')!.cells[0].value, 1234);
      assert.equal(applyFix(text, a.findings[0].fixes![0]), clean);
    }
  });

  test('a label far from every absent row stays unread and is reported, never guessed', () => {
    const text = clean.replace('| （一）予以公开 |', '| 备注 |');
    const a = analyze(text);
    assert.ok(codes(a).includes('missing-row'));
    assert.ok(codes(a).includes('table-read'));
    assert.equal(a.parts[0].report.tables.t3!.rows.has('disclosed'), false);
  });
});

describe('2. one mistyped number is reported on that number, not on the right totals', () => {
  test('（一）予以公开 × 自然人 16 for 15: one finding on the cell, the totals related; fix-all puts it back', () => {
    const text = setCell(clean, '（一）予以公开', -7, '16');
    const a = analyze(text);
    const f = only(a, 'cell-mistyped');
    assert.deepEqual(codes(a), ['cell-mistyped']);
    assert.equal(f.message.zh, '“（一）予以公开”一行“自然人”列填的是 16；若为 15，本行总计和（七）总计都成立');
    assert.deepEqual(f.range.start, cellPosition(text, '（一）予以公开', -7));
    assert.deepEqual(f.related?.map((r) => r.message.zh), ['（一）予以公开·总计：19', '（七）总计·自然人：37']);
    assert.equal(f.fixes![0].preferred, true);
    assert.equal(fixAll(text).text, clean);
  });

  test('without （七）总计 the balance still tells: the leaf, not its row total', () => {
    const text = removeLines(setCell(clean, '（一）予以公开', -7, '16'), (l) => l.includes('| （七）总计 |'));
    const f = only(analyze(text), 'cell-mistyped');
    assert.equal(f.message.zh, '“（一）予以公开”一行“自然人”列填的是 16；若为 15，本行总计成立');
  });

  test('the cell or the total, when the table cannot tell (Table 4): both named, no preferred fix, fix-all leaves it', () => {
    const text = clean.replace('| 2 | 1 | 0 | 1 | 4 |', '| 3 | 1 | 0 | 1 | 4 |');
    const f = only(analyze(text), 't4-total');
    assert.equal(f.message.zh, '“行政复议”的总计填的是 4，而 3 + 1 + 0 + 1 = 5：无法判断是总计还是其中某一格填错，请核对');
    // The text says 行政复议4件: setting the total to 5 would contradict it, so it is not offered.
    assert.equal(f.fixes, undefined);
    assert.equal(fixAll(text).text, text);
    // Without that sentence, setting the total is offered, not preferred, and fix-all leaves it.
    const silent = text.replace('因政府信息公开被申请行政复议4件，', '');
    const g = only(analyze(silent), 't4-total');
    assert.deepEqual(g.fixes?.map((x) => [x.title.zh, !!x.preferred, !!x.fixAll]), [['将总计改为 5', false, false]]);
    assert.equal(fixAll(silent).text, silent);
  });
});

describe('3. a blank total gets its sum, a blank leaf 0 only when 0 is right', () => {
  test('a blank 总计 in 4.保护第三方合法权益: named by row and column, fixed with its sum', () => {
    const text = setCell(clean, '4.保护第三方合法权益', -1, '');
    const f = only(analyze(text), 'cell-blank');
    assert.deepEqual(codes(analyze(text)), ['cell-blank']);
    assert.equal(f.message.zh, '“4.保护第三方合法权益”一行“总计”列是空白：按表中其他数字推算应为 3');
    assert.equal(applyFix(text, f.fixes![0]).replace('|  3 |', '| 3 |'), clean);
    assert.deepEqual(codes(analyze(applyFix(text, f.fixes![0]))), []);
  });

  test('a blank leaf: 0 when the rules make it 0; the other value when they make it that', () => {
    const zero = setCell(clean, '3.其他', -7, '');
    assert.match(only(analyze(zero), 'cell-blank').message.zh, /“3\.其他”一行“自然人”列是空白：按表中其他数字推算应为 0/);
    const two = setCell(clean, '4.保护第三方合法权益', -7, '');
    const f = only(analyze(two), 'cell-blank');
    assert.match(f.message.zh, /按表中其他数字推算应为 2/);
    assert.deepEqual(codes(analyze(applyFix(two, f.fixes![0]))), []);
  });

  test('a blank that 0 would make wrong, and that nothing determines, gets no fill-0', () => {
    // Two blanks in one row: neither is forced, and 0 in the first breaks nothing yet — but a 0 that would break a sum is never offered.
    let text = setCell(clean, '4.保护第三方合法权益', -7, '');
    text = setCell(text, '4.保护第三方合法权益', -3, '');
    const blanks = analyze(text).findings.filter((f) => f.code === 'cell-blank');
    assert.equal(blanks.length, 2);
    for (const b of blanks) for (const fix of b.fixes ?? []) assert.equal(proveFix(analyze(text), b, fix).added.length, 0, fix.title.zh);
  });
});

describe('4. every fix comes back, by the identity the diagnostic carries', () => {
  test('sections 五 and 六 both missing: two insert fixes at one place, each found again', () => {
    const lines = clean.split('\n');
    const text = lines.slice(0, lines.findIndex((l) => l.startsWith('## 五、'))).join('\n') + '\n';
    const a = analyzeText(text);
    const missing = a.findings.filter((f) => f.code === 'missing-section');
    assert.equal(missing.length, 2);
    assert.deepEqual(missing[0].range, missing[1].range);
    const ids = findingIds(a.findings);
    const diagnostics = a.findings.map((f, i) => ({ code: f.code, source: 'nianbao', range: f.range, data: { id: ids[i] } }));
    const actions = codeActions(a, { range: missing[0].range, diagnostics }, 'zh');
    assert.deepEqual(actions.map((x) => x.title).filter((t) => t.startsWith('插入')), ['插入“五、存在的主要问题及改进情况”', '插入“六、其他需要报告的事项”']);
  });
});

describe('5. the carry-over fix keeps the table adding up', () => {
  test('offered only when last year’s figures make this year’s table hold, and then it does', () => {
    // This year's 一 agrees with last year's 四 carried over; the clerk typed 二 wrong (1 under 商业企业 instead of 法律服务机构).
    const thisYear = setCell(setCell(clean, '一、本年新收政府信息公开申请数量', -6, '6'), '一、本年新收政府信息公开申请数量', -3, '1');
    const lastYear = clean.replace(/2024/g, '2023').replace('2025年1月20日', '2024年1月20日').replace('| 四、结转下年度继续办理 | | | 3 | 0 | 0 | 0 | 1 | 0 | 4 |', '| 四、结转下年度继续办理 | | | 2 | 0 | 0 | 0 | 1 | 0 | 3 |');
    const options = { others: [{ uri: 'file:///2023.md', report: parseReport(lastYear) }] };
    const before = analyzeText(thisYear, options);
    // Alone, the table cannot tell whether 一, 二 or 四 is wrong; last year's report tells.
    assert.ok(codes(before).includes('t3-balance'));
    const carry = only(before, 'carry-over');
    assert.equal(carry.fixes?.length, 1);
    const proof = proveFix(before, carry, carry.fixes![0], options);
    assert.ok(proof.ok, show(proof.added));
    assert.deepEqual(codes(proof.after).filter((c) => !['copied-paragraph', 'in-force-count'].includes(c)), []);
  });
});

describe('7. a check that throws is seen, not swallowed', () => {
  const throwing: Check = { ...CHECKS[0], code: 'always-throws', run: () => { throw new Error('boom'); } };
  test('the engine throws by default (tests, --strict)', () => {
    assert.throws(() => checkReport(parseReport(clean), { options: {} }, { checks: [throwing] }), /boom/);
  });
  test('the editor asks for it as a finding that names the check', () => {
    const [f] = new Analyzer().analyze(clean, { checks: [throwing], checkErrors: 'report' }).findings;
    assert.equal(f.code, 'internal-error');
    assert.equal(f.data?.check, 'always-throws');
    assert.match(f.message.zh, /检查 always-throws（缺少章节）处理这份文本时出错.*boom/);
  });
});

describe('11–12, 15. what editors and pasting leave changes nothing', () => {
  const variants = (text: string): Record<string, string> => ({
    'trailing blanks': text.replace(/\|$/gm, '| '),
    'trailing tabs and spaces': text.replace(/$/gm, ' \t'),
    CRLF: text.replace(/\n/g, '\r\n'),
    CR: text.replace(/\n/g, '\r'),
    'a BOM': '\ufeff' + text,
  });
  for (const [name, text] of Object.entries(variants(clean)))
    test(`${name}: the clean example stays clean`, () => assert.deepEqual(show(analyze(text).findings), ''));

  test('two BOM-saved drafts concatenated: both clean, and a finding of the second on its own line', () => {
    const wrong = setCell(clean, '一、本年新收政府信息公开申请数量', -1, '45');
    const text = `\ufeff${clean}\ufeff${wrong}`;
    const a = analyze(text);
    assert.equal(a.parts.length, 2);
    const f = only(a, 't3-row-total');
    const at = cellPosition(wrong, '一、本年新收', -1);
    assert.deepEqual(f.range.start, { line: at.line + clean.split('\n').length - 1, character: at.character + (at.line === 0 ? 1 : 0) });
  });

  test('lone \\r line breaks: a later report’s findings and fixes land on their lines', () => {
    const second = removeLines(clean, (l) => l.startsWith('## 二、'));
    const lf = `${clean}\n${second}`;
    const cr = lf.replace(/\n/g, '\r');
    const [a, b] = [analyze(lf), analyze(cr)];
    assert.deepEqual(b.findings.map((f) => [f.code, f.range]), a.findings.map((f) => [f.code, f.range]));
    const insert = b.findings.find((f) => f.code === 'missing-section')!;
    const fixed = applyFix(cr, insert.fixes![0]);
    assert.match(fixed, /\r## 一、总体情况\r[^]*\r## 二、主动公开政府信息情况\r\r\| 第二十条第（一）项/);
    // Ranges on CRLF lines end before the \r\n.
    const crlf = analyze(lf.replace(/\n/g, '\r\n'));
    for (const f of crlf.findings) {
      const lineText = lf.replace(/\n/g, '\r\n').split('\r\n')[f.range.end.line];
      assert.ok(f.range.end.character <= lineText.length, `${f.code} ends past its line`);
    }
  });
});

describe('13–14. what a paste can throw at it: long digit runs, huge numbers', () => {
  for (const n of [300, 400, 800]) {
    test(`（七）总计 followed by ${n} digits: read at once, and reported`, () => {
      const text = clean.replace('| （七）总计 | | 37 | 6 | 1 | 0 | 1 | 1 | 46 |', `| （七）总计 | | ${'1'.repeat(n)} |`);
      const started = process.hrtime.bigint();
      const a = analyze(text);
      // A generous bound that catches a hang (it took 2.6–17 s); speed itself is the benchmark's.
      assert.ok(Number(process.hrtime.bigint() - started) / 1e6 < 1500);
      const read = a.findings.filter((f) => f.code === 'table-read');
      assert.ok(read.some((f) => f.messageId === 'gluedTooLong'), show(a.findings));
    });
  }

  test('a 22-digit total is not a count: cell-invalid, never rewritten as 1.1e21, never Infinity', () => {
    const text = setCell(clean, '一、本年新收政府信息公开申请数量', -1, '1111111111111111111111');
    const a = analyze(text);
    const f = only(a, 'cell-invalid');
    assert.equal(f.data?.problem, 'too-large');
    const result = fixAll(text);
    assert.ok(!/e\+\d/.test(result.text));
    for (const x of [...a.findings, ...result.after.findings]) assert.doesNotMatch(`${x.message.zh}${x.message.en}`, /Infinity|NaN|undefined/);
  });
});

describe('fix-all never makes it worse, and runs twice to the same text', () => {
  for (const name of ['clean-2024.md', 'seed-000.md', 'seed-001.md', 'seed-002.md', 'seed-003.md', 'seed-004.md']) {
    test(name, () => {
      const text = example(name);
      const once = fixAll(text);
      assert.ok(once.after.findings.length <= once.before.findings.length);
      assert.equal(fixAll(once.text).text, once.text, 'idempotent');
      assert.deepEqual(once.after.findings.filter((f) => f.fixes?.some((x) => x.fixAll)).map((f) => f.code), [], 'no safe fix left');
    });
  }
});

describe('found by the fuzzer (npm run fuzz)', () => {
  test('a row read short of cells: its cells are not edited, since an edit changes how the row is read', () => {
    const text = clean.replace('| | | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |', '| | | 2.其他法律行政法规禁止公开 | 10 |  | 0001 |');
    assert.notEqual(text, clean);
    const a = analyze(text);
    assert.ok(codes(a).includes('table-read'), show(a.findings));
    const rowLine = line(text, '2.其他法律行政法规禁止公开');
    const onRow = a.findings.filter((f) => f.range.start.line === rowLine && f.code !== 'table-read');
    assert.ok(onRow.length > 0, show(a.findings));
    assert.deepEqual(onRow.flatMap((f) => f.fixes ?? []), [], show(onRow));
  });

  test('a total in a row read short is not set to a sum: which column it stands in is a guess', () => {
    const text = clean.replace('| | （七）总计 | | 37 | 6 | 1 | 0 | 1 | 1 | 46 |', '| | （七）总计 | | 7130035074 |');
    assert.notEqual(text, clean);
    const a = analyze(text);
    const totalLine = line(text, '（七）总计');
    const onRow = a.findings.filter((f) => f.range.start.line === totalLine && f.code !== 'table-read');
    assert.ok(onRow.some((f) => f.code.startsWith('t3-')), show(a.findings));
    assert.deepEqual(onRow.flatMap((f) => f.fixes ?? []), [], show(onRow));
  });

  test('section 四’s heading deleted: converting Table 3 keeps Table 4’s header lines', () => {
    const seed = example('seed-001.md'); // a Table 3 that converting rewrites
    const text = removeLines(seed, (l) => l.startsWith('## 四、'));
    assert.notEqual(text, seed);
    const report = parseReport(text);
    const edit = convertToStandardTable(report, 't3');
    assert.ok(edit);
    const converted = applyEdits(text, [edit]);
    assert.match(converted, /\| 结果维持 \| 结果纠正 \| 其他结果 \| 尚未审结 \| 总计 \|/);
    assert.deepEqual(extractReport(parseReport(converted), 'x').table3, extractReport(report, 'x').table3);
    assert.equal(convertToStandardTable(parseReport(converted), 't3'), undefined, 'converting again changes nothing');
  });

  test('a placeholder beside a long number stays a placeholder after converting', () => {
    // 1000001 beside six empty cells would read as the glued row 1 0 0 0 0 0 1.
    let text = setCell(example('seed-001.md'), '1. 属于国家秘密', 2, '1000001'); // a Table 3 that converting rewrites
    for (let column = 3; column <= 8; column++) text = setCell(text, '1. 属于国家秘密', column, '无');
    // Converting rewrites the labels (label-deviation goes); the findings on the numbers stay.
    const numeric = (t: string) => analyzeText(t).findings.filter((f) => /^(t3-|cell-|table-read$)/.test(f.code)).map((f) => f.code).sort();
    const before = numeric(text);
    assert.ok(before.includes('cell-blank'));
    const report = parseReport(text);
    const converted = applyEdits(text, [convertToStandardTable(report, 't3')!]);
    assert.match(converted, /1\.属于国家秘密 \| 1000001 \| 无 \| 无 \| 无 \| 无 \| 无 \| 无 \|/);
    assert.deepEqual(numeric(converted), before);
  });

  test('a Table 2 with the 2019 headers is no missing table: no insert that would leave a second one', () => {
    const text = clean
      .replace('| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |', '| 信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 |');
    assert.notEqual(text, clean);
    const a = analyze(text);
    assert.deepEqual(a.findings.filter((f) => f.code === 'missing-table' && f.fixes?.length), [], show(a.findings));
  });
});
