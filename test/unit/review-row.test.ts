/**
 * The row of a report on the reviewer's desk (review/row.ts) from real text,
 * and the terminal table (review/outputs/table.ts) within its width.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { analyze, example, ROOT } from '../helpers';
import { summarise } from '../../server/src/review/row';
import { assembleReview } from '../../server/src/review/review';
import { reviewTable, truncate } from '../../server/src/review/outputs/table';
import { reviewCsv } from '../../server/src/review/outputs/csv';

const rowOf = (text: string, rules = {}) => {
  const analysis = analyze(text, { check: { rules } });
  return summarise(analysis.parts, text, rules)[0];
};

describe('review row: what a report says', () => {
  test('clean-2024: the key figures of Tables 2, 3 and 4, and the fee section 六 states', () => {
    const row = rowOf(example('clean-2024.md'));
    assert.equal(row.unit, '示例县人民政府办公室');
    assert.equal(row.year, 2024);
    assert.equal(row.format, '2021');
    assert.deepEqual(row.figures, { received: 47, carried: 3, resultTotal: 46, carryNext: 4, reconsideration: 4, litigation: 3, inForce: 25, processingFee: 0 });
    assert.deepEqual(row.counts, { error: 0, warning: 0, information: 0 });
  });

  test('a real seed: 文水县 (a bare county name: area-wide, guessed), its problems worst first with where and line', () => {
    const text = example('seed-000.md');
    const row = rowOf(text);
    assert.equal(row.unit, '文水县');
    assert.deepEqual([row.scope, row.scopeDeclared], ['area-wide', false]);
    assert.equal(row.figures.processingFee, 0, '本机关 2023 年度未收取政府信息公开信息处理费');
    assert.ok(row.problems.length > 0);
    const order = ['error', 'warning', 'information', 'hint'];
    assert.deepEqual(row.problems.map((p) => order.indexOf(p.severity)), [...row.problems.map((p) => order.indexOf(p.severity))].sort());
    for (const p of row.problems) {
      assert.ok(p.where, p.code);
      assert.ok(text.split('\n')[p.line - 1] !== undefined);
    }
  });

  test('a fee collected, in 元 in section 六', () => {
    const text = example('clean-2024.md').replace('本年度未收取信息处理费。', '本年度共收取信息处理费200元。');
    assert.equal(rowOf(text).figures.processingFee, 200);
  });

  test('a figure not readable is null, not 0: Table 4 missing', () => {
    const text = example('clean-2024.md').replace(/\| 行政复议 \|[\s\S]*?\n\n## 五/, '## 五');
    const row = rowOf(text);
    assert.equal(row.figures.reconsideration, null);
    assert.equal(row.figures.litigation, null);
    assert.equal(row.figures.received, 47);
  });

  test('the 2019 layout: its Table 2 column is not 现行有效, so no figure', () => {
    const text = readFileSync(join(ROOT, 'test/fixtures/drafts/layouts/old-format-2020.md'), 'utf8');
    const row = rowOf(text);
    assert.equal(row.format, '2019');
    assert.equal(row.figures.inForce, null);
  });

  test('scope declared in the configuration (scope-mismatch.scope) or in front matter wins over the guess', () => {
    const clean = example('clean-2024.md');
    assert.deepEqual([rowOf(clean).scope, rowOf(clean).scopeDeclared], ['own-organ', false]);
    const configured = rowOf(clean, { 'scope-mismatch': { options: { scope: 'area-wide' } } });
    assert.deepEqual([configured.scope, configured.scopeDeclared], ['area-wide', true]);
    const front = rowOf(`---\n范围: 全县\n---\n${clean}`);
    assert.deepEqual([front.scope, front.scopeDeclared], ['area-wide', true]);
    // A date or a number in front matter is no scope.
    assert.equal(rowOf(`---\n日期: 2025-01-20\n---\n${clean}`).scopeDeclared, false);
  });
});

describe('review outputs: the terminal table and the CSV', () => {
  test('truncate: within the width in columns, a CJK character two wide, … at the cut', () => {
    assert.equal(truncate('青河县人力资源和社会保障局', 12), '青河县人力…');
    assert.equal(stringWidth(truncate('青河县人力资源和社会保障局', 12)), 11);
    assert.equal(truncate('青河县教育局', 12), '青河县教育局');
    assert.equal(truncate('abc', 3), 'abc');
  });

  test('every line fits 100 columns, long names and problems cut; a name with a comma is quoted in the CSV', () => {
    const text = example('seed-004.md').replace('平武县人民政府办公室 2023 年', '平武县人民政府办公室（县政务服务和大数据管理局，县信访局）2023 年');
    const analysis = analyze(text);
    const rows = summarise(analysis.parts, text, {}).map((s) => ({ ...s, file: 'a,b.md', absolute: '/tmp/a,b.md' }));
    const review = assembleReview(rows, { unreadable: [{ file: 'x.docx', why: { zh: '文件已损坏', en: 'damaged' } }], notReports: [] }, undefined);
    const lines = reviewTable(review, 'zh').trimEnd().split('\n');
    assert.ok(lines.every((l) => stringWidth(l) <= 100));
    assert.ok(lines[3].startsWith('平武县人民政府办公…'));
    const csv = [...reviewCsv(review, 'zh')].join('');
    assert.ok(csv.includes(',"a,b.md"\r\n'));
    assert.ok(csv.includes('\r\n无法读取的文件\r\n,x.docx：文件已损坏\r\n'));
  });
});
