/**
 * Export to Word (export/docx.ts): the structure of the generated document
 * read from its XML — page, fonts, footer page number, the three tables with
 * Table 3's merges (the corner note over 3 × 3, 三、本年度办理结果 down 22 rows)
 * and a border on every cell —, the round trip through the .docx importer
 * (every number, heading and paragraph back as written), and the review copy
 * marking exactly the cells with findings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { DOMParser, type Document as XmlDocument, type Element } from '@xmldom/xmldom';
import { analyzeText } from '../../server/src/engine/analyze';
import { exportDocx } from '../../server/src/export/docx';
import { importFile } from '../../server/src/import/read';
import { parseReport } from '../../server/src/parse/report';
import { T3_GROUPS } from '../../server/src/format/standard';
import { example, ORIGINALS_DIR, setCell } from '../helpers';
import { reading, ROUND_TRIP_DRAFTS } from './export-reading';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const CLEAN = example('clean-2024.md');

async function docxParts(text: string, options: Parameters<typeof exportDocx>[1] = {}) {
  const files = unzipSync(await exportDocx(analyzeText(text), options));
  const xml = (name: string): XmlDocument => new DOMParser().parseFromString(strFromU8(files[name]), 'text/xml') as unknown as XmlDocument;
  return { files, document: xml('word/document.xml'), xml };
}

const all = (node: XmlDocument | Element, name: string): Element[] => Array.from(node.getElementsByTagNameNS(W, name)) as Element[];
const kids = (node: Element, name: string): Element[] => Array.from(node.childNodes).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === name);
const kid = (node: Element | undefined, name: string): Element | undefined => (node ? kids(node, name)[0] : undefined);
const val = (node: Element | undefined, attribute = 'val') => node?.getAttributeNS(W, attribute) ?? undefined;
const cellText = (tc: Element) => all(tc, 't').map((t) => t.textContent).join('');
/** A cell's merge: its gridSpan, and its vMerge (restart / continue), as Word writes them. */
function merge(tc: Element): { span: number; vMerge?: 'restart' | 'continue' } {
  const properties = kid(tc, 'tcPr');
  const vMerge = kid(properties, 'vMerge');
  const span = Number(val(kid(properties, 'gridSpan')) ?? 1);
  return vMerge ? { span, vMerge: val(vMerge) === 'restart' ? 'restart' : 'continue' } : { span };
}

test('docx: A4 portrait, the template margins, page numbers in the footer as — 1 —, the fonts of an official document', async () => {
  const { document, files, xml } = await docxParts(CLEAN);
  const size = all(document, 'pgSz')[0];
  assert.deepEqual([val(size, 'w'), val(size, 'h')], ['11906', '16838']);
  const margin = all(document, 'pgMar')[0];
  assert.deepEqual(['top', 'bottom', 'left', 'right'].map((side) => val(margin, side)), ['1440', '1440', '1800', '1800']);
  const footerName = Object.keys(files).find((f) => /^word\/footer\d*\.xml$/.test(f))!;
  const footer = xml(footerName);
  assert.match(all(footer, 'instrText').map((i) => i.textContent).join(''), /PAGE/);
  assert.match(all(footer, 't').map((t) => t.textContent).join(''), /^— +—$/);
  assert.equal(val(all(footer, 'jc')[0]), 'center');

  const paragraphs = all(document, 'p').filter((p) => !p.parentNode || (p.parentNode as Element).localName === 'body');
  const font = (p: Element) => val(all(p, 'rFonts')[0], 'eastAsia');
  const runSize = (p: Element) => val(all(p, 'sz')[0]);
  const [title] = paragraphs;
  assert.equal(cellText(title), '示例县人民政府办公室2024年政府信息公开工作年度报告');
  assert.deepEqual([font(title), runSize(title), val(all(title, 'jc')[0]), all(title, 'b').length > 0], ['方正小标宋简体', '44', 'center', true]);
  const heading = paragraphs.find((p) => cellText(p) === '一、总体情况')!;
  assert.equal(font(heading), '黑体');
  const body = paragraphs.find((p) => cellText(p).startsWith('2024年，示例县人民政府办公室坚持'))!;
  assert.deepEqual([font(body), runSize(body), val(all(body, 'ind')[0], 'firstLineChars')], ['仿宋_GB2312', '32', '200']);
  // The 落款, right-aligned at the end.
  const closing = paragraphs.slice(-2);
  assert.deepEqual(closing.map(cellText), ['示例县人民政府办公室', '2025年1月20日']);
  assert.deepEqual(closing.map((p) => val(all(p, 'jc')[0])), ['right', 'right']);
  // Fonts can be changed.
  const changed = (await docxParts(CLEAN, { fonts: { title: '宋体', body: '仿宋' } })).document;
  const changedParagraphs = all(changed, 'p');
  assert.equal(font(changedParagraphs[0]), '宋体');
  assert.equal(font(changedParagraphs.find((p) => cellText(p).startsWith('2024年，示例县'))!), '仿宋');
});

test('docx: the three tables in the official merged layout, every cell bordered, numbers in 宋体 10 pt', async () => {
  const { document } = await docxParts(CLEAN);
  const tables = all(document, 'tbl');
  assert.equal(tables.length, 3);
  const [t2, t3, t4] = tables;
  assert.deepEqual(tables.map((t) => all(t, 'gridCol').length), [4, 10, 15]);
  // The widths of the grid fill the text width (A4 less the margins), Table 3's label column the widest and its seven number columns equal.
  const widths = all(t3, 'gridCol').map((g) => Number(val(g, 'w')));
  assert.ok(Math.abs(widths.reduce((a, b) => a + b, 0) - (11906 - 3600)) <= 10);
  assert.equal(Math.max(...widths), widths[2]);
  assert.equal(new Set(widths.slice(3)).size, 1);

  const rows = kids(t3, 'tr');
  const first = (r: number) => kids(rows[r], 'tc')[0];
  assert.match(cellText(first(0)), /^（本列数据的勾稽关系为：/);
  assert.deepEqual([0, 1, 2].map((r) => merge(first(r))), [
    { span: 3, vMerge: 'restart' },
    { span: 3, vMerge: 'continue' },
    { span: 3, vMerge: 'continue' },
  ]);
  assert.equal(val(all(first(0), 'rFonts')[0], 'eastAsia'), '楷体_GB2312', 'the corner note in 楷体');
  assert.deepEqual(merge(kids(rows[0], 'tc')[1]), { span: 7 }, '申请人情况 over the seven columns');
  assert.equal(cellText(kids(rows[0], 'tc')[1]), '申请人情况');
  const results = T3_GROUPS.find((g) => g.key === 'results')!.label;
  const start = rows.findIndex((row) => cellText(kids(row, 'tc')[0]) === results);
  assert.deepEqual(merge(first(start)), { span: 1, vMerge: 'restart' });
  const continued = rows.slice(start + 1).filter((row) => merge(kids(row, 'tc')[0]).vMerge === 'continue').length;
  assert.equal(continued + 1, 22, `${results} merged down 22 rows`);
  assert.equal(rows.length, 3 + 25);
  // Every cell of every table bordered on its four sides.
  for (const table of tables)
    for (const tc of all(table, 'tc')) {
      const borders = kid(kid(tc, 'tcPr'), 'tcBorders');
      assert.deepEqual(['top', 'bottom', 'left', 'right'].map((side) => val(kid(borders, side))), ['single', 'single', 'single', 'single']);
    }
  // Numbers in 宋体 10 pt: （一）予以公开 of the clean draft.
  const granted = rows.find((row) => kids(row, 'tc').some((tc) => cellText(tc) === '（一）予以公开'))!;
  const numbers = kids(granted, 'tc').slice(-7);
  assert.deepEqual(numbers.map(cellText), ['15', '3', '1', '0', '0', '0', '19']);
  assert.deepEqual([val(all(numbers[0], 'rFonts')[0], 'eastAsia'), val(all(numbers[0], 'sz')[0])], ['宋体', '20']);
  // Table 2's article heads over the four columns; Table 4's two levels.
  assert.deepEqual(merge(kids(kids(t2, 'tr')[0], 'tc')[0]), { span: 4 });
  assert.deepEqual(kids(kids(t4, 'tr')[0], 'tc').map((tc) => [cellText(tc), merge(tc).span]), [['行政复议', 5], ['行政诉讼', 10]]);
});

for (const { name, text } of ROUND_TRIP_DRAFTS) {
  test(`docx round trip: ${name} exported and imported back has every number, heading and paragraph`, async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'nianbao-export-')), 'report.docx');
    writeFileSync(path, await exportDocx(analyzeText(text)));
    const imported = await importFile(path);
    assert.deepEqual(imported.notes, []);
    assert.ok(parseReport(imported.text).tables.t3);
    assert.deepEqual(reading(imported.text), reading(text));
  });
}

test('docx review copy: the cell with a wrong total shaded and commented, and nothing else; the findings listed at the end', async () => {
  const wrong = setCell(CLEAN, '（七）总计', 6, '47');
  const analysis = analyzeText(wrong);
  assert.deepEqual(analysis.findings.map((f) => f.code), ['t3-result-total']);
  const { document, files, xml } = await docxParts(wrong, { annotate: true });
  const t3 = all(document, 'tbl')[1];
  const shaded = all(t3, 'tc').filter((tc) => kid(kid(tc, 'tcPr'), 'shd'));
  assert.deepEqual(shaded.map(cellText), ['47']);
  const cells = kids(shaded[0].parentNode as Element, 'tc');
  assert.deepEqual(cells.map(cellText).slice(0, 2), ['', '（七）总计'], 'under 三、本年度办理结果, merged down');
  assert.equal(cells.indexOf(shaded[0]), cells.length - 7 + 3, '社会公益组织, the fourth number');
  assert.equal(all(shaded[0], 'commentRangeStart').length, 1);
  assert.equal(all(document, 'commentRangeStart').length, 1);
  const comments = all(xml('word/comments.xml'), 'comment');
  assert.equal(comments.length, 1);
  assert.match(cellText(comments[0]), /^〔1〕表三 · 社会公益组织列 · （七）总计 · .*（错误）$/);
  // 审查意见 at the end, with the finding in the report's words.
  const texts = all(document, 'p').map(cellText);
  const at = texts.indexOf('审查意见');
  assert.ok(at > 0);
  assert.match(texts[at + 1], /^共 1 处问题（错误 1，警告 0）/);
  assert.match(texts[at + 2], /^1\. 表三 · 社会公益组织列 · （七）总计 · /);
  assert.ok(files['word/comments.xml']);
  // The clean copy has no shading, comment or list.
  const clean = (await docxParts(wrong)).document;
  assert.equal(all(clean, 'shd').length, 0);
  assert.equal(all(clean, 'commentRangeStart').length, 0);
  assert.ok(!all(clean, 'p').map(cellText).includes('审查意见'));
});

test('docx review copy: a finding over a whole row shades each of its cells and is commented once (a comment anchors one range)', async () => {
  // A report copied from a PDF: rows whose labels and numbers came apart, each read back whole and reported on the whole row.
  const text = readFileSync(join(ORIGINALS_DIR, 'corpus', 'pdf-001.txt'), 'utf8');
  const { document, xml } = await docxParts(text, { annotate: true });
  const comments = all(xml('word/comments.xml'), 'comment').map((c) => val(c, 'id'));
  const starts = all(document, 'commentRangeStart').map((c) => val(c, 'id'));
  const ends = all(document, 'commentRangeEnd').map((c) => val(c, 'id'));
  assert.ok(comments.length >= 2);
  assert.deepEqual([...starts].sort(), [...comments].sort());
  assert.deepEqual([...ends].sort(), [...comments].sort());
  const t3 = all(document, 'tbl')[1];
  const granted = kids(t3, 'tr').find((row) => kids(row, 'tc').some((tc) => cellText(tc) === '（一）予以公开'))!;
  assert.equal(kids(granted, 'tc').slice(-7).filter((tc) => kid(kid(tc, 'tcPr'), 'shd')).length, 7);
});

