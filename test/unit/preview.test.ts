/**
 * The live preview's HTML (features/preview.ts): the three tables in the
 * merged official layout, every heading, paragraph and cell carrying the
 * source line it stands on, cells with findings marked with their severity
 * and messages, prose escaped, the 2019 layout drawn as 2019.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { previewHtml } from '../../server/src/features/preview';
import { T3_CORNER_NOTE } from '../../server/src/format/standard';
import { analyze, asUnit, cellPosition, example, ROOT, setCell } from '../helpers';

/** An element of the parsed HTML (hast), as far as the tests read it. */
interface Element {
  type: 'element';
  tagName: string;
  properties: Record<string, unknown>;
  children: Node[];
}
type Node = Element | { type: 'text'; value: string } | { type: 'root' | 'comment' | 'doctype'; children?: Node[] };

function elements(html: string): Element[] {
  const found: Element[] = [];
  const walk = (node: Node) => {
    if (node.type === 'element') found.push(node);
    if ('children' in node) node.children?.forEach(walk);
  };
  walk(unified().use(rehypeParse, { fragment: true }).parse(html) as Node);
  return found;
}
const textOf = (e: Element): string => e.children.map((c) => (c.type === 'text' ? c.value : c.type === 'element' ? textOf(c) : '')).join('');
const classes = (e: Element) => (e.properties.className as string[] | undefined) ?? [];
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

const CLEAN = example('clean-2024.md');

describe('the preview', () => {
  test('draws Table 3 merged as the template: the corner note 3×3, 三、本年度办理结果 down 22 rows', () => {
    const all = elements(previewHtml(analyze(CLEAN), 'zh').html);
    const corner = all.find((e) => textOf(e) === T3_CORNER_NOTE)!;
    assert.deepEqual([corner.properties.rowSpan, corner.properties.colSpan], [3, 3]);
    const results = all.find((e) => e.tagName === 'th' && textOf(e) === '三、本年度办理结果')!;
    assert.equal(results.properties.rowSpan, 22);
    assert.equal(all.filter((e) => e.tagName === 'table').length, 3);
    // No inline style: the webview's Content-Security-Policy forbids it; the widths ride on data-width.
    assert.ok(all.filter((e) => e.tagName === 'col').every((c) => c.properties.style === undefined && c.properties.dataWidth));
  });

  test('every heading, paragraph and cell carries the source line it stands on', () => {
    const all = elements(previewHtml(analyze(CLEAN), 'zh').html);
    const title = all.find((e) => e.tagName === 'h1')!;
    assert.equal(title.properties.dataLine, '0');
    const headings = all.filter((e) => e.tagName === 'h2');
    assert.equal(headings.length, 6);
    for (const h of headings) assert.equal(Number(h.properties.dataLine), lineOf(CLEAN, `## ${textOf(h)}`), textOf(h));
    const paragraph = all.find((e) => e.tagName === 'p' && textOf(e).startsWith('（三）政府信息管理'))!;
    assert.equal(Number(paragraph.properties.dataLine), lineOf(CLEAN, '（三）政府信息管理'));
    // 4.保护第三方合法权益's 法律服务机构 cell: 1, on its own line, at its own characters.
    const at = cellPosition(CLEAN, '4.保护第三方合法权益', -3);
    const cell = all.find((e) => e.tagName === 'td' && e.properties.dataRange === `${at.line}:${at.character}:${at.line}:${at.character + 1}`)!;
    assert.equal(textOf(cell), '1');
    assert.equal(Number(cell.properties.dataLine), at.line);
    const label = all.find((e) => e.tagName === 'th' && textOf(e) === '（七）总计')!;
    assert.equal(Number(label.properties.dataLine), lineOf(CLEAN, '| （七）总计'));
    // Every element of the body says where it is.
    for (const e of all.filter((x) => ['h1', 'h2', 'p', 'th', 'td', 'article'].includes(x.tagName))) assert.ok(e.properties.dataLine !== undefined, textOf(e));
  });

  test('in every layout the reader reads (GFM, pandoc HTML, TSV, PDF columns, a cell a line), each cell’s data-range is its number in the source', () => {
    const files = ['examples/clean-2024.md', 'test/fixtures/html/clean-2024-pandoc.md', ...['tsv', 'pdf-space-aligned', 'cell-per-line', 'old-format-2020'].map((n) => `test/fixtures/drafts/layouts/${n}.md`)];
    for (const file of files) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const lines = text.split(/\r?\n/);
      const cells = elements(previewHtml(analyze(text), 'zh').html).filter((e) => e.tagName === 'td' && e.properties.dataRange);
      assert.ok(cells.length >= 150, `${file}: ${cells.length} cells`);
      for (const cell of cells) {
        const [line, start, endLine, end] = String(cell.properties.dataRange).split(':').map(Number);
        assert.equal(endLine, line, file);
        assert.equal(lines[line].slice(start, end), textOf(cell), `${file}:${line + 1}`);
        assert.equal(Number(cell.properties.dataLine), line);
      }
    }
  });

  test('a cell with a finding has its severity class and the message, in the locale asked, as its title', () => {
    const wrong = setCell(CLEAN, '（一）予以公开', -7, '16');
    const at = cellPosition(wrong, '（一）予以公开', -7);
    const analysis = analyze(wrong);
    const finding = analysis.findings.find((f) => f.range.start.line === at.line && f.range.start.character === at.character)!;
    assert.equal(finding.severity, 'error');
    for (const locale of ['zh', 'en'] as const) {
      const cell = elements(previewHtml(analysis, locale).html).find((e) => e.properties.dataRange === `${at.line}:${at.character}:${at.line}:${at.character + 2}`)!;
      assert.equal(textOf(cell), '16');
      assert.ok(classes(cell).includes('nb-error'));
      assert.ok(String(cell.properties.title).includes(finding.message[locale]), String(cell.properties.title));
    }
    // The clean draft has no marked element at all.
    assert.ok(!elements(previewHtml(analyze(CLEAN), 'zh').html).some((e) => classes(e).some((c) => /^nb-(error|warning|info|hint)$/.test(c))));
  });

  test('a finding in a table on no cell is listed under the table, with its line; a missing row marks the label it points at', () => {
    // The row label typed over with a number: the row's numbers belong to no row (table-read).
    const orphans = setCell(CLEAN, '（一）予以公开', 0, '16');
    const analysis = analyze(orphans);
    const unread = analysis.findings.find((f) => f.code === 'table-read')!;
    const notes = elements(previewHtml(analysis, 'zh').html).filter((e) => e.tagName === 'li' && textOf(e).includes(unread.message.zh));
    assert.equal(notes.length, 1);
    assert.equal(Number(notes[0].properties.dataLine), unread.range.start.line);
    assert.ok(classes(notes[0]).includes('nb-warning'));

    const missing = analyze(CLEAN.replace(/^\| \| \| 2\.重复申请 .*\n/m, ''));
    const next = elements(previewHtml(missing, 'zh').html).find((e) => e.tagName === 'th' && textOf(e) === '3.要求提供公开出版物')!;
    assert.ok(classes(next).includes('nb-error'));
    assert.match(String(next.properties.title), /缺少“2\.重复申请”一行/);
  });

  test('a finding on nothing the preview shows (a disable comment) is listed at the head of its report, with its line', () => {
    const text = CLEAN.replace('## 五、存在的主要问题及改进情况', '<!-- nianbao-disable-next-line t3-row-total -->\n## 五、存在的主要问题及改进情况');
    const analysis = analyze(text);
    const unused = analysis.findings.find((f) => f.code === 'unused-disable')!;
    const all = elements(previewHtml(analysis, 'zh').html);
    const head = all.find((e) => e.tagName === 'ul' && classes(e).includes('nb-report-notes'))!;
    const item = head.children.find((c): c is Element => c.type === 'element')!;
    assert.equal(Number(item.properties.dataLine), lineOf(text, '<!-- nianbao-disable-next-line'));
    assert.ok(classes(item).includes('nb-info'));
    assert.ok(textOf(item).includes(unused.message.zh));
    // The heading under the comment is not marked for it.
    assert.ok(!classes(all.find((e) => e.tagName === 'h2' && textOf(e) === '五、存在的主要问题及改进情况')!).includes('nb-info'));
  });

  test('in prose, the passage a finding points at is marked, not the whole paragraph', () => {
    const text = CLEAN.replace('全年共收到政府信息公开申请47件', '全年共收到政府信息公开申请48件');
    const analysis = analyze(text);
    const finding = analysis.findings.find((f) => f.range.start.line === lineOf(text, '（二）依申请公开'))!;
    assert.ok(finding, 'the prose figure contradicts Table 3');
    const all = elements(previewHtml(analysis, 'zh').html);
    const paragraph = all.find((e) => e.tagName === 'p' && textOf(e).startsWith('（二）依申请公开'))!;
    assert.deepEqual(classes(paragraph), [], 'the paragraph itself is not marked');
    const marked = all.filter((e) => e.tagName === 'mark');
    assert.equal(marked.length, 1);
    const lines = text.split('\n');
    const { start, end } = finding.range;
    assert.equal(textOf(marked[0]), lines[start.line].slice(start.character, end.line === start.line ? end.character : undefined));
    assert.ok(classes(marked[0]).includes(finding.severity === 'error' ? 'nb-error' : 'nb-warning'));
    assert.ok(String(marked[0].properties.title).includes(finding.message.zh));
    // Nothing of the paragraph is lost around the mark.
    assert.equal(textOf(paragraph), lines[lineOf(text, '（二）依申请公开')]);
  });

  test('the 落款 stands apart, right-aligned, also when the last paragraph runs into it', () => {
    const closing = (text: string) => elements(previewHtml(analyze(text), 'zh').html).filter((e) => classes(e).includes('nb-closing'));
    assert.deepEqual(closing(CLEAN).map(textOf), ['示例县人民政府办公室', '2025年1月20日']);
    const runOn = CLEAN.replace('本年度无其他需要报告的事项。\n\n示例县人民政府办公室\n\n', '本年度无其他需要报告的事项。\n示例县人民政府办公室\n');
    assert.notEqual(runOn, CLEAN);
    const found = closing(runOn);
    assert.deepEqual(found.map(textOf), ['示例县人民政府办公室', '2025年1月20日']);
    assert.deepEqual(found.map((e) => Number(e.properties.dataLine)), ['示例县人民政府办公室', '2025年1月20日'].map((line) => runOn.split('\n').indexOf(line)));
    const last = elements(previewHtml(analyze(runOn), 'zh').html).find((e) => e.tagName === 'p' && textOf(e).includes('本年度无其他需要报告的事项'))!;
    assert.ok(!textOf(last).includes('示例县人民政府办公室'), textOf(last));
  });

  test('prose is escaped: a <script> typed in a paragraph is text, and only emphasis is rendered', () => {
    const text = CLEAN.replace('（三）政府信息管理。', '（三）政府信息管理。<script>alert(1)</script><img src=x onerror=alert(2)>**严格**落实');
    const { html } = previewHtml(analyze(text), 'zh');
    assert.ok(!/<script|<img/i.test(html));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;<strong>严格</strong>落实'));
    // A unit named with markup is escaped in the title as well.
    assert.ok(previewHtml(analyze(CLEAN.replace('示例县人民政府办公室2024', '示例县<b>人民政府</b>办公室2024')), 'zh').html.includes('示例县&lt;b&gt;人民政府&lt;/b&gt;办公室'));
  });

  test('the 2019 layout is drawn as 2019: Table 3 with one （六）其他处理 row', () => {
    const old = readFileSync(join(ROOT, 'test/fixtures/drafts/layouts/old-format-2020.md'), 'utf8');
    const all = elements(previewHtml(analyze(old), 'zh').html);
    const other = all.filter((e) => e.tagName === 'th' && textOf(e) === '（六）其他处理');
    assert.equal(other.length, 1);
    assert.equal(other[0].properties.colSpan, 2);
    assert.ok(!all.some((e) => textOf(e) === '3.其他'));
  });

  test('a document of several reports: one article each, lines in the document', () => {
    const two = `${CLEAN}\n\n${asUnit(CLEAN, '另一县人民政府办公室')}`;
    const all = elements(previewHtml(analyze(two), 'zh').html);
    const articles = all.filter((e) => e.tagName === 'article');
    assert.equal(articles.length, 2);
    const titles = all.filter((e) => e.tagName === 'h1');
    assert.deepEqual(
      titles.map((t) => Number(t.properties.dataLine)),
      [0, two.split('\n').findIndex((l) => l.startsWith('# 另一县'))],
    );
  });
});
