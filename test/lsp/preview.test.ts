/**
 * nianbao/preview over stdio (dist/server.js): the preview of the version the
 * diagnostics were made from, drawn without checking the draft again; after a
 * keystroke, the new number and its finding; a document that is not a report
 * answers html: null, and nianbao/isReport false.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Doc, TestClient } from './client';
import { CLEAN, setT3, t3Cell } from './drafts';

interface PreviewResult {
  uri: string;
  version: number | null;
  html: string | null;
  lines: number[];
  title: string | null;
}
const stats = (client: TestClient) => client.request<{ plainAnalyses: number }>('nianbao/stats', {});
/** The opening tag of the cell whose source is at `cell`. */
const cellTag = (html: string, cell: { line: number; start: number; end: number }) =>
  new RegExp(`<td [^>]*data-range="${cell.line}:${cell.start}:${cell.line}:${cell.end}"[^>]*>([^<]*)</td>`).exec(html);

describe('nianbao/preview', () => {
  let client: TestClient;

  before(async () => {
    client = await TestClient.start();
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 40 } };
    await client.initialize();
    await client.initialized();
  });
  after(() => client?.kill());

  it('draws the version the diagnostics showed, from their analysis, and the next one after a keystroke', async () => {
    const uri = 'file:///drafts/preview.md';
    const wrong = setT3(CLEAN, '（一）予以公开', '自然人', 16);
    const doc = new Doc(client, uri, wrong);
    let since = client.mark();
    await doc.open();
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'cell-mistyped'), since);
    const analysed = (await stats(client)).plainAnalyses;
    const first = await client.request<PreviewResult>('nianbao/preview', { textDocument: { uri } });
    assert.equal((await stats(client)).plainAnalyses, analysed, 'the preview is drawn from the cached analysis');
    assert.equal(first.version, 1);
    assert.equal(first.title, '示例县人民政府办公室2024年政府信息公开工作年度报告');
    assert.match(first.html!, /rowspan="22"[^>]*>三、本年度办理结果</);
    const cell = t3Cell(wrong, '（一）予以公开', '自然人');
    const tag = cellTag(first.html!, cell)!;
    assert.equal(tag[1], '16');
    assert.match(tag[0], /class="nb-number nb-error" title="[^"]*若为 15/);
    assert.ok(first.lines.includes(cell.line));

    // The clerk types the right number: the preview shows it, unmarked.
    since = client.mark();
    await doc.edit([{ range: { start: { line: cell.line, character: cell.start }, end: { line: cell.line, character: cell.end } }, newText: '15' }]);
    await client.waitForDiagnostics(uri, (p) => !p.diagnostics.some((d) => d.code === 'cell-mistyped'), since);
    const second = await client.request<PreviewResult>('nianbao/preview', { textDocument: { uri } });
    assert.equal(second.version, 2);
    const fixed = cellTag(second.html!, t3Cell(doc.text, '（一）予以公开', '自然人'))!;
    assert.equal(fixed[1], '15');
    assert.doesNotMatch(fixed[0], /nb-error/);
  });

  it('answers html: null for a document that is not a report, and for one not open', async () => {
    const readme = 'file:///drafts/README.md';
    await new Doc(client, readme, '# 说明\n\n| a | b |\n|---|---|\n| 1 | 2 |\n').open();
    const notReport = await client.request<PreviewResult>('nianbao/preview', { textDocument: { uri: readme } });
    assert.deepEqual([notReport.html, notReport.version], [null, null]);
    const closed = await client.request<PreviewResult>('nianbao/preview', { textDocument: { uri: 'file:///drafts/never-opened.md' } });
    assert.equal(closed.html, null);
  });

  it('nianbao/isReport: true for a report draft (the editor shows the preview button), false for another Markdown file', async () => {
    const report = 'file:///drafts/report.md';
    await new Doc(client, report, CLEAN).open();
    const notes = 'file:///drafts/notes.md';
    await new Doc(client, notes, '# 会议记录\n\n讨论了年报的编写分工。\n').open();
    assert.equal(await client.request<boolean>('nianbao/isReport', { textDocument: { uri: report } }), true);
    assert.equal(await client.request<boolean>('nianbao/isReport', { textDocument: { uri: notes } }), false);
    assert.equal(await client.request<boolean>('nianbao/isReport', { textDocument: { uri: 'file:///drafts/never-opened.md' } }), false);
  });
});
