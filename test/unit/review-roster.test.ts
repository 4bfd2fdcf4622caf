/** The roster of `nianbao review` (review/roster.ts): reading the CSV, matching names as clerks write them. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { closestUnit, matchRoster, matchUnit, readRoster, RosterError, unitKey } from '../../server/src/review/roster';

const ROSTER = readRoster(
  [
    '\uFEFF单位,上级,类型',
    '青河县人民政府,,政府',
    '青河县人民政府办公室,青河县人民政府,办公室',
    '青河县教育局,青河县人民政府,部门',
    '青河县市场监督管理局,青河县人民政府,部门',
    '"青河县城关镇人民政府",青河县人民政府,乡镇',
    '青河县新华街道办事处,青河县人民政府,街道',
    '白石县教育局,白石县人民政府,部门',
  ].join('\r\n'),
);

describe('review roster: reading', () => {
  test('a header in Chinese, with a BOM and quotes; parent and kind kept', () => {
    assert.equal(ROSTER.length, 7);
    assert.deepEqual(ROSTER[4], { name: '青河县城关镇人民政府', parent: '青河县人民政府', kind: '乡镇' });
    assert.deepEqual(ROSTER[0], { name: '青河县人民政府', kind: '政府' });
  });

  test('a header in English, only the name column, a tab-separated export, blank lines', () => {
    assert.deepEqual(readRoster('Unit Name\n\n青河县教育局\n'), [{ name: '青河县教育局' }]);
    assert.deepEqual(readRoster('序号\t单位名称\t上级单位\n1\t青河县教育局\t青河县人民政府\n'), [{ name: '青河县教育局', parent: '青河县人民政府' }]);
    assert.deepEqual(readRoster('name,parent\n"青河县""一办""",青河县人民政府\n'), [{ name: '青河县"一办"', parent: '青河县人民政府' }]);
  });

  test('no 单位 column, or no unit at all: refused with the reason', () => {
    assert.throws(() => readRoster('青河县教育局,青河县人民政府\n'), (e: RosterError) => /表头/.test(e.why.zh));
    assert.throws(() => readRoster('单位,上级\n'), (e: RosterError) => /没有任何单位/.test(e.why.zh));
  });
});

describe('review roster: names', () => {
  test('full/half width, spaces, 人民政府 = 政府, 办公室 = 办', () => {
    assert.equal(unitKey('青河县 人民政府办公室'), unitKey('青河县政府办'));
    assert.equal(unitKey('青河县（城关镇）'), unitKey('青河县(城关镇)'));
    assert.equal(unitKey('ＡＢ县教育局'), unitKey('AB县教育局'));
  });

  test('a short name matches the one roster unit it ends, not one of several', () => {
    assert.equal(matchUnit(ROSTER, '城关镇人民政府')?.name, '青河县城关镇人民政府');
    assert.equal(matchUnit(ROSTER, '青河县政府办公室')?.name, '青河县人民政府办公室');
    assert.equal(matchUnit(ROSTER, '新华街道办事处')?.name, '青河县新华街道办事处');
    assert.equal(matchUnit(ROSTER, '教育局'), undefined, 'two counties have one');
    assert.equal(matchUnit(ROSTER, '青河县统计局'), undefined);
  });

  test('the closest roster name of a unit not on it; none when nothing is close', () => {
    assert.equal(closestUnit(ROSTER, '青河县市场监管局')?.name, '青河县市场监督管理局');
    assert.equal(closestUnit(ROSTER, '青河县教育和体育局')?.name, '青河县教育局');
    assert.equal(closestUnit(ROSTER, '省农业科学院'), undefined);
  });

  test('missing units, reports not on the roster, two reports of one unit (also written differently)', () => {
    const result = matchRoster(ROSTER, [
      { unit: '青河县人民政府', file: 'a.md' },
      { unit: '青河县教育局', file: 'b.md' },
      { unit: '青河县 教育局', file: 'b2.md' },
      { unit: '城关镇人民政府', file: 'c.md' },
      { unit: '青河县市场监管局', file: 'd.md' },
      { unit: null, file: 'e.md' },
    ]);
    assert.deepEqual(result.missing.map((u) => u.name), ['青河县人民政府办公室', '青河县市场监督管理局', '青河县新华街道办事处', '白石县教育局']);
    assert.deepEqual(result.unknown.map((u) => [u.report.file, u.closest?.name]), [['d.md', '青河县市场监督管理局'], ['e.md', undefined]]);
    assert.deepEqual(result.duplicates, [{ unit: '青河县教育局', files: ['b.md', 'b2.md'] }]);
  });

  test('without a roster: only two reports of one unit', () => {
    const result = matchRoster(undefined, [
      { unit: '青河县教育局', file: 'b.md' },
      { unit: '青河县教育局', file: 'b2.md' },
      { unit: '青河县统计局', file: 'c.md' },
    ]);
    assert.deepEqual(result, { missing: [], unknown: [], duplicates: [{ unit: '青河县教育局', files: ['b.md', 'b2.md'] }] });
  });
});
