/**
 * Every finding says where it is in the report's own words: table · column ·
 * row for a cell, the row or header for a label, the section and the opening
 * of the sentence for prose (reviewers' first complaint about other tools is
 * findings that name a place in a data structure).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze, example, ROOT, setCell } from '../helpers';

const CLEAN = example('clean-2024.md');
const where = (text: string, code: string) =>
  analyze(text)
    .findings.filter((f) => f.code === code)
    .map((f) => f.where?.zh);

test('a cell: table · column · row, with the group of an item; Table 4 as its headers read', () => {
  assert.deepEqual(where(setCell(CLEAN, '（一）予以公开', 3, '16'), 'cell-mistyped'), ['表三 · 自然人列 · （一）予以公开']);
  const item = setCell(CLEAN, '1.本机关不掌握相关政府信息', -1, '11');
  assert.deepEqual(where(item, 't3-row-total'), ['表三 · 总计列 · （四）无法提供 · 1.本机关不掌握相关政府信息']);
  const t4 = CLEAN.replace(/^\| 2 \| 1 \| 0 \| 1 \| 4 \|/m, '| 2 | 1 | 0 | 1 | 5 |');
  assert.notEqual(t4, CLEAN);
  assert.deepEqual(where(t4, 't4-total'), ['表四 · 行政复议 · 总计']);
  assert.equal(analyze(t4).findings.find((f) => f.code === 't4-total')?.where?.en, 'Table 4 · 行政复议 · 总计');
});

test('a label: the row, or the header; a heading; a sentence of the prose under its section', () => {
  assert.deepEqual(where(CLEAN.replace('| 行政规范性文件 |', '| 行政规范姓文件 |'), 'label-deviation'), ['表二 · “行政规范性文件”行']);
  assert.deepEqual(where(CLEAN.replace('| 社会公益组织 |', '| 社会团体 |'), 'label-deviation'), ['表三 · 栏目“社会公益组织”']);
  assert.deepEqual(where(CLEAN.replace('## 五、存在的主要问题及改进情况', '## 五、存在的主要问题及改进情况况'), 'label-deviation'), ['五、存在的主要问题及改进情况 · 标题']);
  const prose = CLEAN.replace('全年共收到政府信息公开申请47件', '全年共收到政府信息公开申请48件');
  assert.notEqual(prose, CLEAN);
  assert.deepEqual(where(prose, 'narrative-mismatch'), ['一、总体情况 · “2024年，全年共收到政府信息公……”']);
  const en = analyze(prose).findings.find((f) => f.code === 'narrative-mismatch')?.where?.en;
  assert.equal(en, '一、总体情况 · “2024年，全年共收到政府信息公……”');
});

test('the opening before section 一 and the title', () => {
  const period = CLEAN.replace('统计期限为2024年1月1日至2024年12月31日', '统计期限为2023年1月1日至2023年12月31日');
  assert.deepEqual(where(period, 'year-mismatch'), ['开头 · “本报告所列数据的统计期限为202……”']);
  const old = readFileSync(join(ROOT, 'test', 'fixtures', 'drafts', 'kinds', 'pre-2019-2017.md'), 'utf8');
  assert.deepEqual(where(old, 'old-format'), ['标题']);
});
