/**
 * A report flattened to one line, as some site archives and text extractions
 * store it: headings, labels, prose and numbers run together, separated only
 * by spaces, and each table row's numbers glued to its label
 * (一、本年新收政府信息公开申请数量385102147). The line is split at the
 * standard headings and row labels (parse/unflatten.ts, the text keeping its
 * length), and the glued digits are decoded under the table's rules — only
 * where the rules make them unique.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, example } from '../helpers';
import { parseReport } from '../../server/src/parse/report';
import { extractReport } from '../../server/src/extract';
import { unflatten } from '../../server/src/parse/unflatten';

const CLEAN = example('clean-2024.md');

/** clean-2024 as an archive flattens it: one line, a table row's cells glued, every other break a space. */
function flatten(markdown: string): string {
  return markdown
    .split('\n')
    .filter((line) => !/^\|[\s|:-]+\|$/.test(line))
    .map((line) => (line.startsWith('|') ? line.split('|').slice(1, -1).map((c) => c.trim()).join('') : line.replace(/^#+\s*/, '').trim()))
    .filter(Boolean)
    .join(' ');
}

const FLAT = flatten(CLEAN);

test('one line of 2,000 characters: split at its headings and rows, the text keeping its length', () => {
  assert.equal(FLAT.split('\n').length, 1);
  const split = unflatten(FLAT);
  assert.equal(split.length, FLAT.length);
  assert.deepEqual([...split].filter((ch, i) => ch !== FLAT[i]), Array(split.split('\n').length - 1).fill('\n'), 'only spaces became line breaks');
  const report = parseReport(FLAT);
  assert.equal(report.title?.unit, '示例县人民政府办公室');
  assert.deepEqual(report.sections.map((s) => s.spec.number), [1, 2, 3, 4, 5, 6]);
  // Two header cells glued (信息内容本年收费金额（单位：万元）) are the standard wording, not a deviation.
  assert.deepEqual(analyze(FLAT).findings.filter((f) => f.code === 'label-deviation'), []);
  // A short line or a paragraph is never touched.
  assert.equal(unflatten(CLEAN), CLEAN);
});

test('Table 3 and Table 4 read in full from the glued digits, every cell as in the draft', () => {
  const flat = extractReport(parseReport(FLAT), 'x') as unknown as Record<string, unknown>;
  const clean = extractReport(parseReport(CLEAN), 'x') as unknown as Record<string, unknown>;
  assert.deepEqual(flat.table3, clean.table3);
  assert.deepEqual(flat.table4, clean.table4);
  const notes = analyze(FLAT).findings.filter((f) => f.code === 'table-read');
  assert.ok(notes.some((f) => /“一、本年新收政府信息公开申请数量”一行的数字粘连在一起（“385102147”），按本行“总计 = 各列之和”唯一拆分为 38、5、1、0、2、1、47/.test(f.message.zh)));
});

test('Table 2: single numbers read (行政许可1234, 行政事业性收费45.6); three counts glued in one row are reported, never guessed', () => {
  const t2 = parseReport(FLAT).tables.t2!;
  assert.equal(t2.rows.get('licensing')?.cells[0].value, 1234);
  assert.equal(t2.rows.get('fees')?.cells[0].value, 45.6);
  // 行政规范性文件3125: 3 1 25, 3 12 5 or 31 2 5 — no rule of Table 2 tells.
  assert.equal(t2.rows.get('normative')?.cells[1].state, 'missing');
  const findings = analyze(FLAT).findings;
  assert.ok(findings.some((f) => f.code === 'table-read' && f.message.zh.includes('“行政规范性文件”一行只有 1 个数')));
  assert.deepEqual(findings.filter((f) => f.code === 'narrative-mismatch'), [], 'the prose is not compared with a row not read in full');
});

test('PDF text from a flip-book viewer: header words stacked as single characters (结 结 其 尚 / 果 果 他 未 …)', () => {
  const start = CLEAN.indexOf('| 行政复议 |');
  const end = CLEAN.indexOf('\n\n', CLEAN.indexOf('| 2 | 1 | 0 | 1 | 4 |'));
  assert.ok(start > 0 && end > start);
  const stacked = [
    '行政复议 行政诉讼',
    '未经复议直接起诉 复议后起诉',
    '结 结 其 尚 总 结 结 其 尚 总 结 结 其 尚 总',
    '果 果 他 未 计 果 果 他 未 计 果 果 他 未 计',
    '维 纠 结 审 维 纠 结 审 维 纠 结 审',
    '持 正 果 结 持 正 果 结 持 正 果 结',
    '2 1 0 1 4 1 0 1 0 2 1 0 0 0 1',
  ].join('\n');
  const flipBook = CLEAN.slice(0, start) + stacked + CLEAN.slice(end);
  const read = (text: string) => (extractReport(parseReport(text), 'x') as unknown as Record<string, unknown>).table4;
  assert.deepEqual(read(flipBook), read(CLEAN));
  assert.deepEqual(analyze(flipBook).findings.map((f) => f.code), []);
});
