/**
 * The markdown-it plugin of VS Code's built-in Markdown preview
 * (client/src/markdown-it.ts): a standard pipe table is drawn merged, with the
 * preview's code-line/data-line for scroll sync; other tables, and documents
 * that are no report, render as markdown-it renders them.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { extendMarkdownIt } from '../../client/src/markdown-it';
import { T3_CORNER_NOTE } from '../../server/src/format/standard';
import { asUnit, example } from '../helpers';

const CLEAN = example('clean-2024.md');
const plain = (text: string) => new MarkdownIt().render(text);
const withPlugin = (text: string) => extendMarkdownIt(new MarkdownIt()).render(text);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('the Markdown preview plugin', () => {
  test('draws the three standard tables of clean-2024.md merged, each where its pipe table starts', () => {
    const html = withPlugin(CLEAN);
    assert.equal(html.match(/<table/g)?.length, 3);
    assert.ok(html.includes('<th rowspan="22" scope="rowgroup" class="nb-label">三、本年度办理结果</th>'));
    assert.ok(html.includes(`<th colspan="3" rowspan="3" class="nb-corner">${T3_CORNER_NOTE}</th>`));
    assert.ok(html.includes('<th colspan="7" scope="colgroup" class="nb-header">申请人情况</th>'));
    const t3 = lineOf(CLEAN, '| （本列数据的勾稽关系');
    assert.ok(html.includes(`<div class="nianbao-official-table code-line" data-line="${t3}"><table class="nb-table nb-t3">`));
    // The numbers are the draft's: （七）总计's 总计.
    assert.ok(/<td class="nb-number">46<\/td><\/tr><tr><th colspan="3" scope="row" class="nb-label">四、结转下年度继续办理/.test(html), '（七）总计 46');
    // No pipe table left flat, and the prose around them as before.
    assert.ok(!html.includes('<th>第二十条第（一）项</th>'));
    assert.ok(html.includes('<h2>三、收到和处理政府信息公开申请情况</h2>'));
  });

  test('a table that is no standard table, and a document that is no report, render as before', () => {
    const other = '| 序号 | 栏目 | 条数 |\n| --- | --- | --- |\n| 1 | 通知公告 | 120 |\n';
    const withOther = CLEAN.replace('## 五、存在的主要问题及改进情况', `${other}\n## 五、存在的主要问题及改进情况`);
    const html = withPlugin(withOther);
    assert.ok(html.includes(plain(other)), 'the other table as markdown-it draws it');
    assert.equal(html.match(/<table/g)?.length, 4);
    const readme = `# 说明\n\n${other}`;
    assert.equal(withPlugin(readme), plain(readme));
  });

  test('a document of two reports: each report’s tables drawn at their own lines', () => {
    const second = asUnit(CLEAN, '另一县人民政府办公室');
    const two = `${CLEAN}\n\n${second}`;
    const html = withPlugin(two);
    assert.equal(html.match(/<table/g)?.length, 6);
    const lines = [...html.matchAll(/nianbao-official-table code-line" data-line="(\d+)"><table class="nb-table nb-t3"/g)].map((m) => Number(m[1]));
    const first = lineOf(CLEAN, '| （本列数据的勾稽关系');
    assert.deepEqual(lines, [first, first + CLEAN.split('\n').length + 1]);
  });
});
