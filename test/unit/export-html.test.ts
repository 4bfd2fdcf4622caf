/**
 * Export to a web page (export/html.ts): one self-contained file (no script,
 * no remote resource, inline CSS, printable on A4), in Chinese, with semantic
 * headings and the three tables merged as colspan/rowspan with <th scope>;
 * the round trip through the web-page importer; and the review copy marking
 * exactly the cells with findings and listing them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { analyzeText } from '../../server/src/engine/analyze';
import { exportHtml } from '../../server/src/export/html';
import { importFile } from '../../server/src/import/read';
import { textOf, visit, type HastElement, type HastRoot } from '../../server/src/parse/html';
import { T3_CORNER_NOTE, T3_GROUPS } from '../../server/src/format/standard';
import { example, setCell } from '../helpers';
import { reading, ROUND_TRIP_DRAFTS } from './export-reading';

const CLEAN = example('clean-2024.md');
const page = (text: string, options: Parameters<typeof exportHtml>[1] = {}) => exportHtml(analyzeText(text), options);
const parse = (html: string): HastRoot => unified().use(rehypeParse).parse(html);
function elements(root: HastRoot | HastElement, test: (e: HastElement) => boolean): HastElement[] {
  const found: HastElement[] = [];
  visit(root, (e) => {
    if (test(e)) found.push(e);
    return true;
  });
  return found;
}
const byTag = (root: HastRoot | HastElement, tag: string) => elements(root, (e) => e.tagName === tag);
const classes = (e: HastElement) => (e.properties.className as string[] | undefined) ?? [];

test('html: one self-contained page in Chinese — inline CSS, no script, no remote resource, printable on A4', () => {
  const html = page(CLEAN);
  const root = parse(html);
  assert.equal(byTag(root, 'html')[0].properties.lang, 'zh-CN');
  assert.equal(byTag(root, 'script').length, 0);
  assert.equal(byTag(root, 'link').length, 0);
  for (const e of elements(root, (e) => 'src' in e.properties || 'href' in e.properties)) assert.match(String(e.properties.src ?? e.properties.href), /^#/);
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
  assert.match(style, /@page\s*\{\s*size:\s*A4/);
  assert.match(style, /@media print/);
  assert.match(style, /"仿宋_GB2312", "仿宋", "FangSong".*"Noto Serif CJK SC"/);
  assert.doesNotMatch(style, /url\(|@import/);
  // Semantic headings: the title, then one section per 一、…六、, each named by its heading.
  assert.deepEqual(byTag(root, 'h1').map(textOf), ['示例县人民政府办公室2024年政府信息公开工作年度报告']);
  const sections = byTag(root, 'section');
  assert.equal(sections.length, 6);
  assert.equal(textOf(byTag(sections[0], 'h2')[0]), '一、总体情况');
  assert.deepEqual(byTag(root, 'title').map(textOf), ['示例县人民政府办公室2024年政府信息公开工作年度报告']);
  assert.deepEqual(elements(root, (e) => classes(e).includes('nb-closing')).map((e) => byTag(e, 'p').map(textOf)), [['示例县人民政府办公室', '2025年1月20日']]);
});

test('html: the tables merged as the official layout, headers as <th scope>, each in its section and named by its heading', () => {
  const root = parse(page(CLEAN));
  const tables = byTag(root, 'table');
  assert.equal(tables.length, 3);
  const t3 = tables[1];
  const corner = byTag(t3, 'th').find((th) => textOf(th) === T3_CORNER_NOTE)!;
  assert.deepEqual([corner.properties.colSpan, corner.properties.rowSpan], [3, 3]);
  const results = byTag(t3, 'th').find((th) => textOf(th) === T3_GROUPS.find((g) => g.key === 'results')!.label)!;
  assert.deepEqual([results.properties.rowSpan, results.properties.scope], [22, 'rowgroup']);
  const applicants = byTag(t3, 'th').find((th) => textOf(th) === '申请人情况')!;
  assert.deepEqual([applicants.properties.colSpan, applicants.properties.scope], [7, 'colgroup']);
  assert.equal(byTag(t3, 'th').find((th) => textOf(th) === '自然人')!.properties.scope, 'col');
  assert.equal(byTag(t3, 'th').find((th) => textOf(th) === '（一）予以公开')!.properties.scope, 'row');
  assert.deepEqual(t3.properties.ariaLabelledBy, [byTag(root, 'h2').find((h) => textOf(h) === '三、收到和处理政府信息公开申请情况')!.properties.id]);
  const granted = byTag(t3, 'tr').find((tr) => byTag(tr, 'th').some((th) => textOf(th) === '（一）予以公开'))!;
  assert.deepEqual(byTag(granted, 'td').map(textOf), ['15', '3', '1', '0', '0', '0', '19']);
  const t4 = tables[2];
  assert.deepEqual(byTag(byTag(t4, 'tr')[0], 'th').map((th) => [textOf(th), th.properties.colSpan]), [['行政复议', 5], ['行政诉讼', 10]]);
});

for (const { name, text } of ROUND_TRIP_DRAFTS) {
  test(`html round trip: ${name} exported and imported back has every number, heading and paragraph`, async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nianbao-export-')), 'report.html');
    writeFileSync(path, page(text));
    const imported = await importFile(path);
    assert.deepEqual(imported.notes, []);
    assert.deepEqual(reading(imported.text), reading(text));
  });
}

test('html review copy: the cell with a wrong total marked and linked to its line in the list; nothing else marked', () => {
  const wrong = setCell(CLEAN, '（七）总计', 6, '47');
  const root = parse(page(wrong, { annotate: true }));
  const marked = elements(root, (e) => classes(e).some((c) => c.startsWith('nb-mark-')));
  assert.deepEqual(marked.map((e) => [e.tagName, classes(e).join(' ')]), [['td', 'nb-number nb-mark-error']]);
  const row = marked[0];
  assert.equal(textOf(row), '47[1]');
  const link = byTag(row, 'a')[0];
  assert.equal(link.properties.href, '#nb-finding-1');
  const item = elements(root, (e) => e.properties.id === 'nb-finding-1')[0];
  assert.match(textOf(item), /^表三 · 社会公益组织列 · （七）总计 · .*（错误）$/);
  assert.equal(byTag(elements(root, (e) => classes(e).includes('nb-findings'))[0], 'li').length, 1);
  // The clean copy marks nothing and lists nothing.
  const clean = parse(page(wrong));
  assert.equal(elements(clean, (e) => classes(e).some((c) => c.startsWith('nb-mark-')) || classes(e).includes('nb-findings')).length, 0);
  // In English, the list's words (the report itself stays as written).
  const english = parse(page(wrong, { annotate: true, locale: 'en' }));
  assert.match(textOf(elements(english, (e) => e.properties.id === 'nb-finding-1')[0]), /^Table 3 · .*\(error\)$/);
});
