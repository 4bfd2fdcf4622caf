/**
 * HTML tables inside Markdown drafts: pandoc and mammoth write Word's
 * merged-cell tables so. Read by the web page reader's table code and checked
 * like pipe tables: the same numbers, the same findings, each finding on the
 * cell's text in the HTML, and 转换为标准表格 writing the canonical pipe table
 * in place of the element.
 *
 * test/fixtures/html/clean-2024-tables.md is examples/clean-2024.md with its
 * three tables written by hand in the official merged layout;
 * clean-2024-pandoc.md has them converted by `pandoc -f gfm -t html`;
 * hanweb-ucap.pandoc.md is `pandoc -f html -t gfm` of the Hanweb page (its
 * merged Tables 3 and 4 left as raw HTML, cells over several lines; pandoc
 * itself lost Table 2 into loose <span>s).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText, applyEdits, LineIndex, type Finding } from '../../server/src/index';
import { parseReport } from '../../server/src/parse/report';
import { readLines } from '../../server/src/parse/lines';
import { extractReport } from '../../server/src/extract';
import { convertToStandardTable } from '../../server/src/features/convert';
import type { TableId } from '../../server/src/format/standard';
import { applyFix, example, ROOT, setCell } from '../helpers';

const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'html', name), 'utf8');
const CLEAN = example('clean-2024.md');
const HAND = fixture('clean-2024-tables.md');
const PANDOC = fixture('clean-2024-pandoc.md');

const numbers = (text: string) => {
  const { file: _file, ...rest } = extractReport(parseReport(text), 'x');
  return rest;
};
/** What the findings say, without where: the same report in another layout must give the same. */
const said = (text: string) =>
  analyzeText(text)
    .findings.map((f) => `${f.code} ${f.severity} ${f.message.zh}`)
    .sort();
/** The text a range covers. */
const textAt = (text: string, range: Finding['range']) => {
  const index = new LineIndex(text);
  return text.slice(index.offsetAt(range.start), index.offsetAt(range.end));
};
const only = (text: string, code: string) => {
  const found = analyzeText(text).findings.filter((f) => f.code === code);
  assert.equal(found.length, 1, `${code}: ${found.map((f) => f.message.zh).join(' / ')}`);
  return found[0];
};

function convertAll(text: string): string {
  for (const id of ['t4', 't3', 't2'] as TableId[]) {
    const report = parseReport(text);
    const edit = convertToStandardTable(report, id);
    if (edit) text = applyEdits(text, [edit], report.offsetAt);
  }
  return text;
}

/** Retype a cell of Table 3's row `label` (0-based data column) in an HTML table written one row a line. */
function setHtmlCell(text: string, label: string, column: number, value: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.startsWith('<tr>') && l.includes(label));
  const cells = [...lines[at].matchAll(/<td[^>]*>([^<]*)<\/td>/g)];
  const cell = cells[cells.length - 7 + column];
  const start = cell.index! + cell[0].indexOf('>') + 1;
  lines[at] = lines[at].slice(0, start) + value + lines[at].slice(start + cell[1].length);
  return lines.join('\n');
}

describe('a draft whose tables are HTML <table> blocks reads like the pipe-table draft', () => {
  for (const [name, text] of [
    ['written by hand in the official merged layout', HAND],
    ['converted by pandoc -f gfm -t html', PANDOC],
  ]) {
    test(`${name}: every cell the same number, every finding the same`, () => {
      assert.match(text, /<table/);
      assert.doesNotMatch(text, /^\|/m);
      const report = parseReport(text);
      for (const id of ['t2', 't3', 't4'] as TableId[]) {
        assert.equal(report.tables[id]?.layout, 'html', id);
        assert.ok(report.tables[id]?.element, id);
      }
      assert.deepEqual(numbers(text), numbers(CLEAN));
      assert.deepEqual(said(text), said(CLEAN));
    });

    test(`${name}: 转换为标准表格 gives exactly the pipe-table draft`, () => {
      assert.equal(convertAll(text), CLEAN);
    });
  }

  test('the same numbers changed the same way give the same findings: a wrong total, a blank, a word in a number cell', () => {
    const changes: [string, number, string][] = [
      ['一、本年新收政府信息公开申请数量', 6, '48'],
      ['（一）予以公开', 1, ''],
      ['2.重复申请', 0, '1件'],
      ['四、结转下年度继续办理', 0, '2'],
    ];
    let pipe = CLEAN;
    let html = HAND;
    for (const [label, column, value] of changes) {
      pipe = setCell(pipe, label, column - 7, value);
      html = setHtmlCell(html, label, column, value);
    }
    assert.deepEqual(numbers(html), numbers(pipe));
    const findings = said(html);
    assert.ok(findings.some((f) => f.startsWith('t3-row-total')) && findings.some((f) => f.startsWith('cell-blank')) && findings.some((f) => f.startsWith('cell-invalid')));
    assert.deepEqual(findings, said(pipe));
  });
});

describe('findings sit on the cell’s text in the HTML', () => {
  const wrong = setHtmlCell(HAND, '一、本年新收政府信息公开申请数量', 6, '48');

  test('a wrong total: the finding on the 48, the cells it is compared with related, the fix writes 47 there', () => {
    const finding = only(wrong, 't3-row-total');
    assert.equal(textAt(wrong, finding.range), '48');
    assert.deepEqual(
      finding.related?.map((r) => textAt(wrong, r.range)),
      ['38', '5', '1', '0', '2', '1'],
    );
    const fixed = applyFix(wrong, finding.fixes![0]);
    assert.equal(fixed, HAND);
  });

  test('an empty cell <td></td>: the finding on its inside, the fix fills it in', () => {
    const blank = setHtmlCell(HAND, '（一）予以公开', 1, '');
    assert.match(blank, /<td><\/td>/);
    const finding = only(blank, 'cell-blank');
    assert.equal(finding.range.start.line, finding.range.end.line);
    assert.equal(finding.range.start.character, finding.range.end.character);
    const index = new LineIndex(blank);
    assert.equal(blank.slice(index.offsetAt(finding.range.start) - 4, index.offsetAt(finding.range.start) + 5), '<td></td>');
    // The row's total gives the number: 填入 3.
    assert.equal(finding.fixes![0].title.zh, '填入 3');
    const filled = applyFix(blank, finding.fixes![0]);
    assert.match(filled, /（一）予以公开<\/td><td>15<\/td><td>3<\/td>/);
    assert.deepEqual(numbers(filled), numbers(HAND));
  });

  test('numbers merged over two cells: the covered column is not read, the row is reported, no fix writes into the merged cell', () => {
    const row = '<td colspan="2">（一）予以公开</td><td>15</td><td>3</td><td>1</td><td>0</td><td>0</td><td>0</td><td>19</td></tr>';
    const merged = HAND.replace(row, '<td colspan="2">（一）予以公开</td><td>15</td><td>3</td><td>1</td><td colspan="2">0</td><td>0</td><td>19</td></tr>');
    assert.ok(merged !== HAND);
    assert.deepEqual(numbers(merged).table3?.['（一）予以公开'], [15, 3, 1, 0, null, 0, 19]);
    const findings = analyzeText(merged).findings;
    assert.deepEqual(
      findings.filter((f) => f.code === 'table-read').map((f) => f.message.zh),
      ['表三（收到和处理政府信息公开申请情况）：“（一）予以公开”一行只有 6 个单元格，应为 7 个；按表头对齐读取，缺的格未读取'],
    );
    assert.deepEqual(
      findings.filter((f) => f.code === 'cell-blank'),
      [],
    );
  });

  test('in Table 4 too: numbers merged over three cells are not read, and the group is reported', () => {
    const merged = HAND.replace('<td>1</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>\n</tbody>', '<td>1</td><td colspan="3">0</td><td>1</td></tr>\n</tbody>');
    assert.ok(merged !== HAND);
    assert.deepEqual(numbers(merged).table4, [2, 1, 0, 1, 4, 1, 0, 1, 0, 2, 1, 0, null, null, 1]);
    const findings = analyzeText(merged).findings;
    assert.deepEqual(
      findings.filter((f) => f.code === 'table-read').map((f) => f.message.zh),
      ['表四（行政复议、行政诉讼情况）：“行政诉讼·复议后起诉”一行只有 3 个单元格，应为 5 个；按表头对齐读取，缺的格未读取'],
    );
    assert.deepEqual(
      findings.filter((f) => f.code === 'cell-blank'),
      [],
    );
  });

  test('a row cut short (a draft truncated inside it): the cells it lacks are not read, and nothing is filled in', () => {
    const cut = HAND.slice(0, HAND.indexOf('<td>1</td><td>0</td><td>0</td><td>0</td><td>19</td>'));
    assert.deepEqual(numbers(cut).table3?.['（一）予以公开'], [15, 3, null, null, null, null, null]);
    const findings = analyzeText(cut).findings;
    assert.ok(findings.some((f) => f.code === 'table-read' && f.message.zh.includes('“（一）予以公开”一行只有 2 个单元格')));
    assert.deepEqual(
      findings.filter((f) => f.code === 'cell-blank'),
      [],
    );
  });

  test('two numbers in one cell (<p>12</p><p>3</p>) are not read as 123', () => {
    const text = setHtmlCell(HAND, '2.重复申请', 0, '<p>1</p><p>0</p>');
    assert.equal(numbers(text).table3?.['2.重复申请'][0], null);
    const finding = only(text, 'cell-invalid');
    assert.equal(textAt(text, finding.range), '1</p><p>0');
  });

  test('cells written over several lines (pandoc html → gfm of the Hanweb page): numbers read, a finding on its number', () => {
    const converted = fixture('hanweb-ucap.pandoc.md');
    assert.deepEqual(numbers(converted).table3, numbers(CLEAN).table3);
    assert.deepEqual(numbers(converted).table4, numbers(CLEAN).table4);
    const lines = converted.split('\n');
    // The 总计 of row 一: the seventh number after the row's label.
    const label = lines.findIndex((l) => l.includes('一、本年新收政府信息公开申请数量'));
    const total = lines.findIndex((l, i) => i > label && l.includes('>47</span>'));
    lines[total] = lines[total].replace('>47<', '>48<');
    const wrongTotal = lines.join('\n');
    const finding = only(wrongTotal, 't3-row-total');
    assert.equal(textAt(wrongTotal, finding.range), '48');
    assert.equal(finding.range.start.line, total);
  });

  test('a nianbao-disable comment above the row silences the finding on it', () => {
    const silenced = wrong.replace(/^(<tr><td colspan="3">一、本年新收)/m, '<!-- nianbao-disable-next-line t3-row-total -->\n$1');
    assert.notEqual(silenced, wrong);
    assert.deepEqual(
      analyzeText(silenced).findings.filter((f) => f.code === 't3-row-total'),
      [],
    );
  });
});

describe('the lines of an HTML table', () => {
  const text = [
    '## 三、收到和处理政府信息公开申请情况',
    '',
    '<div align="center"><table>',
    '<tr><td colspan="3" rowspan="2">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td>自然人</td></tr>',
    '<tr><td>&nbsp;38&nbsp;</td></tr>',
    '',
    '<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>15</td></tr>',
    '<tr><td colspan="2"><p>（二）部分</p><p>公开</p></td><td></td></tr>',
    '</table></div>',
    '',
    '后文。',
  ].join('\n');
  const index = new LineIndex(text);
  const lines = readLines(text, index);

  test('grid rows as table rows: a merge’s covered cells empty tokens, each token’s span its text', () => {
    const rows = lines.filter((l) => l.kind === 'table-row');
    assert.deepEqual(
      rows.map((l) => l.tokens.map((t) => t.text)),
      [
        ['（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '', '', '自然人'],
        ['', '', '', '38'],
        ['三、本年度办理结果', '（一）予以公开', '', '15'],
        ['', '（二）部分公开', '', ''],
      ],
    );
    assert.ok(rows.every((l) => l.tokens.every((t, col) => t.gfm && t.col === col && t.block === rows[0].block)));
    assert.equal(rows[1].tokens[3].span.text, '38');
    assert.equal(rows[3].tokens[1].span.text, '（二）部分</p><p>公开');
    // Covered cells: an empty place after the cell before them, in row order.
    for (const row of rows) for (let i = 1; i < row.tokens.length; i++) assert.ok(row.tokens[i].span.start >= row.tokens[i - 1].span.end);
    assert.equal(rows[0].tokens[1].span.start, rows[0].tokens[1].span.end);
  });

  test('a blank line inside the table does not end it; the HTML around it and the prose after read as before', () => {
    assert.equal(new Set(lines.filter((l) => l.kind === 'table-row').map((l) => l.htmlTable?.start)).size, 1);
    assert.deepEqual(
      lines.filter((l) => l.kind !== 'table-row').map((l) => [l.kind, l.span.text]),
      [
        ['heading', '三、收到和处理政府信息公开申请情况'],
        ['text', '<div align="center">'],
        ['text', '</div>'],
        ['text', '后文。'],
      ],
    );
  });

  test('a table never closed (a draft cut short) ends with its block: a section after a blank line reads as ever', () => {
    // Cut inside a cell: were the blocks after it the table's, the section would be that cell's text.
    const cut = HAND.slice(0, HAND.indexOf('<tr><td>行政处罚</td>') + '<tr><td>行政'.length);
    const report = parseReport(`${cut}\n\n## 三、收到和处理政府信息公开申请情况\n\n共收到申请47件。\n`);
    assert.deepEqual(
      report.sections.map((s) => s.spec.number),
      [1, 2, 3],
    );
    assert.deepEqual(extractReport(report, 'x').table2?.['行政许可'], 1234);
    assert.ok(report.prose.some((p) => p.span.text === '共收到申请47件。'));
  });

  test('HTML that is no table reads line by line, as before', () => {
    const other = '<div align="center">示例县人民政府办公室<br>2025年1月20日</div>\n\n<p>\n共收到申请47件。\n</p>';
    assert.deepEqual(
      readLines(other, new LineIndex(other)).map((l) => [l.kind, l.span.text, l.tokens.map((t) => t.text)]),
      [
        ['text', '<div align="center">示例县人民政府办公室<br>2025年1月20日</div>', ['<div align="center">示例县人民政府办公室<br>2025年1月20日</div>']],
        ['text', '<p>', ['<p>']],
        ['text', '共收到申请47件。', ['共收到申请47件。']],
        ['text', '</p>', ['</p>']],
      ],
    );
  });

  test('converting replaces the element, keeping the HTML beside it on its lines', () => {
    const draft = HAND.replace(/^<table border="1">\n(<tbody>\n<tr><td colspan="3" rowspan="3">)/m, '<div align="center"><table border="1">\n$1').replace(
      /(<tr><td colspan="3">四、结转下年度继续办理[^\n]*\n<\/tbody>\n<\/table>)/,
      '$1</div>',
    );
    assert.ok(draft !== HAND);
    const converted = convertAll(draft);
    assert.deepEqual(numbers(converted), numbers(CLEAN));
    assert.match(converted, /<div align="center">\n\n\| （本列数据的勾稽关系为/);
    assert.match(converted, /\| 四、结转下年度继续办理 \|[^\n]*\|\n\n<\/div>/);
    assert.equal(parseReport(converted).tables.t3?.layout, 'gfm');
  });
});
