/**
 * Year over year (server/src/review/year-over-year.ts) on the cross-file
 * drafts: 示例县人民政府办公室's reports for 2023 and 2024. Jumps (> 5× or
 * < 0.2× of last year's, both years below JUMP_FLOOR ignored), and the
 * carry-over / in-force-count findings the review row takes from those checks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asUnit, ORIGINALS, ROOT, setCell } from '../helpers';
import { parseReport } from '../../server/src/index';
import { JUMP_FLOOR, JUMP_RATIO, jumps, yearOverYear } from '../../server/src/review/year-over-year';

const draft = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'drafts', 'cross', name), 'utf8');
const thisYear = draft('this-2024.md');
const lastYear = draft('last-2023.md');
const LAST = { uri: 'file:///drafts/last-2023.md', report: parseReport(lastYear) };
/** Table 4's row of numbers (the line under the 结果维持 header). */
const withTable4 = (text: string, numbers: number[]) => text.replace(/(\| 结果维持 \|.*\n)\|.*\|/, `$1| ${numbers.join(' | ')} |`);
const covered = (text: string, range: { start: { line: number; character: number }; end: { character: number } }) =>
  text.split('\n')[range.start.line].slice(range.start.character, range.end.character);

test('no jump between two ordinary years: 47 requests after 34, 1,234 licensing decisions after 1,100', () => {
  assert.deepEqual(jumps(parseReport(thisYear), LAST, 2023), []);
});

test('a figure more than 5× last year’s, or under 0.2× of it, is a jump: both values, on this year’s cell, last year’s cell related', () => {
  // 行政许可 1,100 last year, 120 this year; 行政处罚 500 → 2,600 (5.2×).
  const text = setCell(setCell(thisYear, '| 行政许可', 1, '120'), '| 行政处罚', 1, '2600');
  const found = jumps(parseReport(text), LAST, 2023);
  assert.deepEqual(
    found.map((j) => [j.where.zh, j.value, j.last]),
    [
      ['表二 · 本年处理决定数量列 · 行政许可', 120, 1100],
      ['表二 · 本年处理决定数量列 · 行政处罚', 2600, 500],
    ],
  );
  const [down, up] = found;
  assert.equal(covered(text, down.range), '120');
  assert.equal(covered(lastYear, down.lastRange!), '1100');
  assert.equal(down.lastUri, LAST.uri);
  assert.equal(down.message.zh, '本年为 120，上年（2023 年）为 1100，只有上年的 10.9%；请核实数字，确有大幅减少的，宜在正文中说明原因');
  assert.equal(up.message.zh, '本年为 2600，上年（2023 年）为 500，是上年的 5.2 倍；请核实数字，确有大幅增加的，宜在正文中说明原因');
  assert.match(up.message.en, /^This year 2600, 500 in 2023, 5\.2 times as many/);
  assert.equal(down.lastMessage.zh, '2023 年报告中的数：1100');
});

test('exactly 5× is no jump; small numbers never are (below the floor in both years); from 0 to the floor or more is', () => {
  assert.equal(JUMP_RATIO, 5);
  // 行政处罚 500 → 2,500: exactly 5×.
  assert.deepEqual(jumps(parseReport(setCell(thisYear, '| 行政处罚', 1, '2500')), LAST, 2023), []);
  // 行政复议 1 last year → 19 this year (19×), 行政诉讼 0 → 19: below the floor.
  const small = withTable4(thisYear, [10, 5, 0, 4, JUMP_FLOOR - 1, 10, 0, 9, 0, JUMP_FLOOR - 1, 0, 0, 0, 0, 0]);
  assert.deepEqual(jumps(parseReport(small), LAST, 2023), []);
  // 0 → 20 未经复议直接起诉: a jump from nothing.
  const suits = withTable4(thisYear, [2, 1, 0, 1, 4, 10, 0, 10, 0, JUMP_FLOOR, 1, 0, 0, 0, 1]);
  const [jump] = jumps(parseReport(suits), LAST, 2023);
  assert.equal(jump.where.zh, '表四 · 行政诉讼·未经复议直接起诉 · 总计');
  assert.equal(jump.message.zh, `本年为 ${JUMP_FLOOR}，上年（2023 年）为 0；请核实数字，确有大幅增加的，宜在正文中说明原因`);
});

test('the set: each report with its unit’s report for the year before, its jumps and the carry-over and in-force-count findings', () => {
  const requests = setCell(thisYear, '一、本年新收', -1, '300');
  const set = [
    { uri: 'this-2024.md', report: parseReport(requests) },
    { uri: 'last-2023.md', report: LAST.report },
    // Another unit's report for 2023: never this unit's last year.
    { uri: 'neighbour-2023.md', report: parseReport(asUnit(lastYear, '邻县人民政府办公室')) },
  ];
  const [row, ...others] = yearOverYear(set);
  assert.equal(others.length, 0);
  assert.deepEqual([row.uri, row.lastUri, row.lastYear], ['this-2024.md', 'last-2023.md', 2023]);
  // 一、本年新收 总计 300 after 34 (8.8×).
  assert.deepEqual(
    row.jumps.map((j) => [j.where.zh, j.value, j.last]),
    [['表三 · 总计列 · 一、本年新收政府信息公开申请数量', 300, 34]],
  );
  // The checks' own findings, with their words: 现行有效 24 + 3 − 1 ≠ 25, and 二 ≠ last year's 四.
  assert.deepEqual(
    row.continuity.map((f) => [f.code, f.where?.zh]),
    [
      ['in-force-count', '表二 · 现行有效件数列 · 行政规范性文件'],
      ['carry-over', '表三 · 商业企业列 · 二、上年结转政府信息公开申请数量'],
    ],
  );
  assert.equal(row.continuity[0].related?.[0].uri, 'last-2023.md');
});

test('continuity is silent when the text explains the in-force count (清理), as the in-force-count check is', () => {
  const explained = thisYear.replace('截至年底现行有效行政规范性文件25件', '本年度开展行政规范性文件清理，截至年底现行有效行政规范性文件25件');
  assert.notEqual(explained, thisYear);
  const [row] = yearOverYear([
    { uri: 'this-2024.md', report: parseReport(explained) },
    { uri: 'last-2023.md', report: LAST.report },
  ]);
  assert.deepEqual(
    row.continuity.map((f) => f.code),
    ['carry-over'],
  );
});

test('the eight real texts as published: 洪泽区 2024 after its 2023 report, 行政许可 550 → 9,487 is a jump; its carry-over and in-force counts follow', () => {
  const set = Object.entries(ORIGINALS).map(([uri, path]) => ({ uri, report: parseReport(readFileSync(path, 'utf8')) }));
  const rows = yearOverYear(set);
  assert.deepEqual(
    rows.map((r) => [r.uri, r.lastUri, r.lastYear]),
    [['pdf-003', 'pdf-002', 2023]],
  );
  assert.deepEqual(
    rows[0].jumps.map((j) => [j.where.zh, j.value, j.last]),
    [['表二 · 本年处理决定数量列 · 行政许可', 9487, 550]],
  );
  assert.match(rows[0].jumps[0].message.zh, /是上年的 17\.2 倍/);
  assert.deepEqual(rows[0].continuity, []);
});
