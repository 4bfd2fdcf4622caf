/**
 * The official merged-cell layout of the three tables (format/layout.ts) and
 * its HTML (export/table-html.ts): every grid place covered once, every cell
 * of the format shown once, the merges the Word template and government web
 * pages have, and a draft whose tables are replaced by this HTML reads back
 * with the same numbers and the same findings.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { officialTable, placedCells, type LayoutCell, type OfficialTable } from '../../server/src/format/layout';
import { tableHtml } from '../../server/src/export/table-html';
import { TABLES, TABLE2, TABLE2_2019, T3_ROWS, T3_COLUMNS, T4_GROUPS, T4_COLUMNS, T3_CORNER_NOTE, T3_HEADERS, T4_LITIGATION, type TableId } from '../../server/src/format/standard';
import { parseReport } from '../../server/src/parse/report';
import { extractReport } from '../../server/src/extract';
import { analyze, example } from '../helpers';

const LAYOUTS: [string, OfficialTable][] = [
  ['t2', officialTable('t2')],
  ['t2 (2019)', officialTable('t2', { format: '2019' })],
  ['t3', officialTable('t3')],
  ['t3 (2019)', officialTable('t3', { format: '2019' })],
  ['t4', officialTable('t4')],
];

const withText = (table: OfficialTable, text: string): LayoutCell => {
  const found = table.rows.flat().filter((c) => c.text === text);
  assert.equal(found.length, 1, text);
  return found[0];
};

describe('the official layout', () => {
  for (const [name, table] of LAYOUTS) {
    test(`${name}: every place of the grid is covered by exactly one cell`, () => {
      const covered = table.rows.map(() => new Array<number>(table.width).fill(0));
      for (const { cell, row, column } of placedCells(table)) {
        for (let r = row; r < row + cell.rowSpan; r++)
          for (let c = column; c < column + cell.colSpan; c++) {
            assert.ok(r < table.rows.length && c < table.width, `${cell.text ?? cell.row} overflows the grid`);
            covered[r][c]++;
          }
      }
      assert.deepEqual(covered.flat().filter((n) => n !== 1), []);
      assert.equal(table.columnWidths.length, table.width);
      assert.ok(Math.abs(table.columnWidths.reduce((a, b) => a + b, 0) - 1) < 1e-9);
    });
  }

  test('every number of the format is shown once, in its row and column', () => {
    const numbers = (t: OfficialTable) =>
      t.rows
        .flat()
        .filter((c) => c.role === 'number')
        .map((c) => `${c.row}/${c.column}`);
    const t2 = (layout: typeof TABLE2) => layout.blocks.flatMap((b) => b.rows.flatMap((r) => b.columns.map((_, i) => `${r.key}/${i}`)));
    assert.deepEqual(numbers(officialTable('t2')), t2(TABLE2));
    assert.equal(numbers(officialTable('t2')).length, TABLES.t2.cells);
    assert.deepEqual(numbers(officialTable('t2', { format: '2019' })), t2(TABLE2_2019));
    assert.deepEqual(numbers(officialTable('t3')), T3_ROWS.flatMap((r) => T3_COLUMNS.map((_, i) => `${r.key}/${i}`)));
    assert.equal(numbers(officialTable('t3')).length, TABLES.t3.cells);
    assert.deepEqual(numbers(officialTable('t4')), T4_GROUPS.flatMap((g) => T4_COLUMNS.map((_, i) => `${g.key}/${i}`)));
    // The 2019 Table 3: （六）其他处理 is one row of numbers instead of three.
    const t3of2019 = numbers(officialTable('t3', { format: '2019' }));
    assert.ok(t3of2019.includes('otherHandling/0'));
    assert.ok(!t3of2019.some((n) => n.startsWith('otherHandling.')));
  });

  test('Table 3 merges as the template does: the corner note 3×3, 申请人情况 over 7, 法人或其他组织 over 5, 三 down 22 rows', () => {
    const t3 = officialTable('t3');
    assert.equal(t3.width, 10);
    assert.deepEqual([withText(t3, T3_CORNER_NOTE).rowSpan, withText(t3, T3_CORNER_NOTE).colSpan], [3, 3]);
    assert.equal(withText(t3, T3_HEADERS.applicants).colSpan, 7);
    assert.equal(withText(t3, T3_HEADERS.organisations).colSpan, 5);
    assert.equal(withText(t3, '自然人').rowSpan, 2);
    assert.equal(withText(t3, '总计').rowSpan, 2);
    assert.equal(withText(t3, '三、本年度办理结果').rowSpan, 22);
    assert.equal(withText(t3, '（三）不予公开').rowSpan, 8);
    assert.equal(withText(t3, '（五）不予处理').rowSpan, 5);
    assert.equal(withText(t3, '一、本年新收政府信息公开申请数量').colSpan, 3);
    assert.equal(withText(t3, '（七）总计').colSpan, 2);
    // The template's widths: the item column widest, the seven number columns equal.
    const [a, b, c, ...numbers] = t3.columnWidths;
    assert.ok(c > b && b > a && a > numbers[0]);
    assert.equal(new Set(numbers.map((w) => w.toFixed(9))).size, 1);
  });

  test('Table 2: each article across the 4 columns, single-value rows one cell over 3; Table 4: 行政诉讼 over 10, the review labels down 2 rows', () => {
    const t2 = officialTable('t2');
    assert.equal(t2.width, 4);
    assert.equal(withText(t2, '第二十条第（一）项').colSpan, 4);
    const permits = t2.rows.flat().filter((c) => c.role === 'number' && c.row === 'licensing');
    assert.deepEqual(permits.map((c) => c.colSpan), [3]);
    const t4 = officialTable('t4');
    assert.equal(withText(t4, T4_LITIGATION).colSpan, 10);
    assert.equal(withText(t4, '行政复议').colSpan, 5);
    const firstLabels = t4.rows[1].filter((c) => c.rowSpan === 2).map((c) => c.text);
    assert.deepEqual(firstLabels, T4_COLUMNS.map((c) => c.label));
  });
});

describe('the official layout as HTML', () => {
  test('a draft whose tables are replaced by the official HTML reads back with every number and every finding', () => {
    for (const draft of ['clean-2024.md', 'seed-001.md', 'seed-003.md']) {
      const text = example(draft);
      const report = parseReport(text);
      let html = text;
      for (const id of ['t4', 't3', 't2'] as TableId[]) {
        const table = report.tables[id];
        if (!table) continue;
        // The whole lines the table stands on.
        const start = html.lastIndexOf('\n', table.start - 1) + 1;
        const end = html.indexOf('\n', table.end) < 0 ? html.length : html.indexOf('\n', table.end);
        html = `${html.slice(0, start)}${tableHtml(id, table)}${html.slice(end)}`;
      }
      const again = parseReport(html);
      for (const id of ['t2', 't3', 't4'] as TableId[]) if (report.tables[id]) assert.equal(again.tables[id]?.layout, 'html', `${draft} ${id}`);
      const { file: _a, ...before } = extractReport(report, 'x');
      const { file: _b, ...after } = extractReport(again, 'x');
      assert.deepEqual(after, before, draft);
      const said = (t: string) =>
        analyze(t)
          .findings.filter((f) => f.code !== 'label-deviation')
          .map((f) => `${f.code} ${f.message.zh}`)
          .sort();
      assert.deepEqual(said(html), said(text), draft);
    }
  });

  test('headers and labels are <th> with their scope, numbers <td>, merges as colspan/rowspan', () => {
    const html = tableHtml('t3', undefined, { caption: '表三' });
    assert.match(html, /<caption>表三<\/caption>/);
    assert.match(html, /<th colspan="3" rowspan="3" class="nb-corner">（本列数据/);
    assert.match(html, /<th colspan="7" scope="colgroup" class="nb-header">申请人情况<\/th>/);
    assert.match(html, /<th rowspan="22" scope="rowgroup" class="nb-label">三、本年度办理结果<\/th>/);
    assert.equal(html.match(/<td /g)?.length, 175);
    assert.equal(html.match(/<thead>/g)?.length, 1);
  });
});
