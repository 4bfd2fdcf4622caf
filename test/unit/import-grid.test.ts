/**
 * The full grid of a table with merged cells, as Word (w:gridSpan, w:vMerge
 * restart/continue) and as a web page (colspan, rowspan) state it: both give
 * the same grid, the merged cell's text in its top-left position.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expandGrid, type SpanCell } from '../../server/src/parse/grid';

const place = (r: number, c: number) => ({ zh: `第 ${r} 行第 ${c} 列`, en: `row ${r}, column ${c}` });
const texts = (grid: ReturnType<typeof expandGrid>) => grid.map((row) => row.map((c) => (c.covered ? '·' : c.text)));

// Table 3's header: the corner note spans 3 × 3, 申请人情况 spans 7, 自然人 and 总计 span 2 rows, 法人或其他组织 spans 5.
const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const EXPECTED = [
  [NOTE, '·', '·', '申请人情况', '·', '·', '·', '·', '·', '·'],
  ['·', '·', '·', '自然人', '法人或其他组织', '·', '·', '·', '·', '总计'],
  ['·', '·', '·', '·', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '·'],
];

test('a web page: colspan and rowspan, the cells below a rowspan absent from their rows', () => {
  const rows: SpanCell[][] = [
    [{ text: NOTE, colSpan: 3, rowSpan: 3 }, { text: '申请人情况', colSpan: 7 }],
    [{ text: '自然人', rowSpan: 2 }, { text: '法人或其他组织', colSpan: 5 }, { text: '总计', rowSpan: 2 }],
    ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((text) => ({ text })),
  ];
  const grid = expandGrid(rows, place);
  assert.deepEqual(texts(grid), EXPECTED);
  assert.deepEqual(grid[2][6].where, { zh: '第 3 行第 7 列', en: 'row 3, column 7' });
});

test('Word: w:gridSpan, and w:vMerge continuation cells present in every row', () => {
  const rows: SpanCell[][] = [
    [{ text: NOTE, colSpan: 3 }, { text: '申请人情况', colSpan: 7 }],
    [{ text: '', colSpan: 3, continuesAbove: true }, { text: '自然人' }, { text: '法人或其他组织', colSpan: 5 }, { text: '总计' }],
    [{ text: '', colSpan: 3, continuesAbove: true }, { text: '', continuesAbove: true }, ...['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((text) => ({ text })), { text: '', continuesAbove: true }],
  ];
  assert.deepEqual(texts(expandGrid(rows, place)), EXPECTED);
});

test('a short row is padded; a rowspan past the last row stops there; text in a continuation joins its cell', () => {
  assert.deepEqual(texts(expandGrid([[{ text: 'a', rowSpan: 5 }, { text: 'b' }, { text: 'c' }], [{ text: 'd' }]], place)), [
    ['a', 'b', 'c'],
    ['·', 'd', '·'],
  ]);
  assert.deepEqual(texts(expandGrid([[{ text: 'x' }, { text: 'y' }], [{ text: 'z', continuesAbove: true }, { text: 'w' }]], place)), [
    ['x\nz', 'y'],
    ['·', 'w'],
  ]);
});
