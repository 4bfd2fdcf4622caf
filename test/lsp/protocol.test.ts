/**
 * The bundled language server (dist/server.js) spoken to over stdio, as an
 * editor would: open a clerk's draft, read the diagnostics, apply the quick
 * fixes and fix-all, complete, outline, hover, switch the locale, shut down.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  InitializeResult,
  SymbolInformation,
  TextDocumentEdit,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { Doc, TestClient } from './client';
import { CLEAN, WRONG_ROW_TOTAL, example, setT3, t3Cell } from './drafts';
import { SECTIONS } from '../../server/src/format/standard';

const TOTAL_CODES = ['t3-row-total', 't3-result-total', 't4-total'];
const REPORT_URI = 'file:///drafts/%E7%A4%BA%E4%BE%8B%E5%8E%BF2024%E5%B9%B4%E6%8A%A5.md'; // 示例县2024年报.md
const NEW_URI = 'file:///drafts/new.md';
const README_URI = 'file:///drafts/README.md';
const TXT_URI = 'file:///drafts/report.txt';

/** The edits of a WorkspaceEdit for one document, whichever form it takes. */
function editsOf(edit: WorkspaceEdit | undefined, uri: string): TextEdit[] {
  assert.ok(edit, 'the action has an edit');
  if (edit.documentChanges) {
    return (edit.documentChanges as TextDocumentEdit[]).filter((c) => c.textDocument.uri === uri).flatMap((c) => c.edits as TextEdit[]);
  }
  return edit.changes?.[uri] ?? [];
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);
/** The arithmetic findings only: other checks (prose against tables…) may add their own on edited numbers. */
const ARITHMETIC = [...TOTAL_CODES, 't3-balance', 'cell-mistyped'];
const arithmetic = (diagnostics: Diagnostic[]) => codes(diagnostics).filter((c) => ARITHMETIC.includes(String(c)));
const text = (d: Diagnostic | undefined) => (d === undefined ? '' : typeof d.message === 'string' ? d.message : (d.message as { value: string }).value);
const byCode = (diagnostics: Diagnostic[], code: string) => diagnostics.find((d) => d.code === code);

describe('language server over stdio (dist/server.js)', () => {
  let client: TestClient;
  let init: InitializeResult;
  let report: Doc;

  before(async () => {
    client = await TestClient.start();
    // Short debounce, so typing tests stay quick; set through workspace/configuration as the editor does.
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 40 } };
    init = await client.initialize({ locale: 'en' });
    await client.initialized();
  });

  after(() => client?.kill());

  it('announces its capabilities', () => {
    const caps = init.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    const kinds = (caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds;
    assert.deepEqual([...kinds].sort(), ['quickfix', 'refactor.rewrite', 'source.fixAll.nianbao']);
    assert.ok(caps.completionProvider);
    assert.ok(caps.documentSymbolProvider);
    assert.ok(caps.hoverProvider);
    assert.ok(caps.foldingRangeProvider);
    assert.deepEqual(caps.executeCommandProvider?.commands, ['nianbao.server.fixAll', 'nianbao.server.convertTable', 'nianbao.server.effectiveConfig', 'nianbao.server.importDocument', 'nianbao.server.export']);
  });

  it('reports a wrong Table 3 row total on open, in Chinese, at the cell', async () => {
    report = new Doc(client, REPORT_URI, WRONG_ROW_TOTAL);
    const since = client.mark();
    await report.open();
    const published = await client.waitForDiagnostics(REPORT_URI, (p) => p.version === 1, since);
    assert.deepEqual(codes(published.diagnostics), ['t3-row-total']);
    const [d] = published.diagnostics;
    const cell = t3Cell(WRONG_ROW_TOTAL, '一、本年新收', '总计');
    assert.deepEqual(d.range, { start: { line: cell.line, character: cell.start }, end: { line: cell.line, character: cell.end } });
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'nianbao');
    assert.ok(text(d).startsWith('“一、本年新收政府信息公开申请数量”一行的总计填的是 45，应为 47'), text(d));
    // The finding's identity comes back with code action requests.
    assert.match(String((d.data as { id?: string }).id), /^t3-row-total\|table="t3"\|row="new"\|column=6#0$/);
    assert.equal(d.codeDescription?.href, 'https://github.com/nianbao/nianbao/blob/main/docs/checks.md#t3-row-total');
    // The six cells summed, each at its place in the row.
    assert.equal(d.relatedInformation?.length, 6);
    assert.deepEqual(d.relatedInformation![0].location, {
      uri: REPORT_URI,
      range: (() => {
        const c = t3Cell(WRONG_ROW_TOTAL, '一、本年新收', '自然人');
        return { start: { line: c.line, character: c.start }, end: { line: c.line, character: c.end } };
      })(),
    });
    assert.equal(d.relatedInformation![0].message, '自然人：38');
  });

  it('hover on the wrong total shows the formula, the computed value and what the table says', async () => {
    const cell = t3Cell(report.text, '一、本年新收', '总计');
    const hover = await client.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: REPORT_URI },
      position: { line: cell.line, character: cell.start + 1 },
    });
    assert.ok(hover);
    const value = (hover.contents as { kind: string; value: string }).value;
    assert.equal((hover.contents as { kind: string }).kind, 'markdown');
    assert.ok(value.includes('**总计** = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 = 38 + 5 + 1 + 0 + 2 + 1 = **47** ✗ 表中为 45'), value);
    assert.deepEqual(hover.range, { start: { line: cell.line, character: cell.start }, end: { line: cell.line, character: cell.end } });
  });

  it('quick fix on the wrong total: applying it clears the finding and adds none', async () => {
    const [d] = client.diagnostics.filter((p) => p.uri === REPORT_URI && p.version === 1)[0].diagnostics;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: REPORT_URI },
      range: d.range,
      context: { diagnostics: [d] },
    });
    const quick = actions.filter((a) => a.kind === 'quickfix');
    assert.equal(quick.length, 1);
    assert.equal(quick[0].title, '将此格改为 47');
    assert.equal(quick[0].isPreferred, true);
    assert.deepEqual(quick[0].diagnostics, [d]);
    // The edit names the version it was made for.
    assert.deepEqual((quick[0].edit!.documentChanges![0] as TextDocumentEdit).textDocument, { uri: REPORT_URI, version: 1 });
    const since = client.mark();
    const version = await report.edit(editsOf(quick[0].edit, REPORT_URI));
    assert.equal(report.text, CLEAN);
    const published = await client.waitForDiagnostics(REPORT_URI, (p) => p.version === version, since);
    assert.deepEqual(published.diagnostics, []);
  });

  it('a number mistyped while typing is reported on that number, not on the right totals around it', async () => {
    const cell = t3Cell(report.text, '4.保护第三方', '自然人');
    const since = client.mark();
    const version = await report.edit([{ range: { start: { line: cell.line, character: cell.start }, end: { line: cell.line, character: cell.end } }, newText: '5' }]);
    const published = await client.waitForDiagnostics(REPORT_URI, (p) => p.version === version, since);
    assert.deepEqual(arithmetic(published.diagnostics), ['cell-mistyped']);
    const d = byCode(published.diagnostics, 'cell-mistyped')!;
    assert.equal(text(d), '“4.保护第三方合法权益”一行“自然人”列填的是 5；若为 2，本行总计和（七）总计都成立');
    assert.deepEqual(d.range, { start: { line: cell.line, character: cell.start }, end: { line: cell.line, character: cell.start + 1 } });
    // The two totals it breaks are its related information.
    assert.equal(d.relatedInformation?.length, 2);
  });

  it('fix-all (only: source.fixAll.nianbao) puts the mistyped number back', async () => {
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: REPORT_URI },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.nianbao'] },
    });
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, 'source.fixAll.nianbao');
    const since = client.mark();
    const version = await report.edit(editsOf(actions[0].edit, REPORT_URI));
    assert.equal(report.text, CLEAN);
    const published = await client.waitForDiagnostics(REPORT_URI, (p) => p.version === version, since);
    assert.deepEqual(published.diagnostics, []);
  });

  it('a light bulb request (no only) offers no fix-all: it is a source action', async () => {
    const wrong = setT3(CLEAN, '一、本年新收', '总计', 45);
    const since = client.mark();
    const version = await report.edit([{ range: { start: { line: 0, character: 0 }, end: { line: report.text.split('\n').length, character: 0 } }, newText: wrong }]);
    const published = await client.waitForDiagnostics(REPORT_URI, (p) => p.version === version, since);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: REPORT_URI },
      range: published.diagnostics[0].range,
      context: { diagnostics: published.diagnostics },
    });
    assert.ok(actions.length > 0);
    assert.ok(actions.every((a) => a.kind !== 'source.fixAll.nianbao'), actions.map((a) => a.kind).join());
  });

  it('debounces: of quick successive changes only the last is checked', async () => {
    // A debounce long enough that a loaded machine cannot slip between the three changes.
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 1500 } };
    let mark = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(REPORT_URI, (p) => p.version === report.version, mark);
    const since = client.mark();
    let version = 0;
    for (const value of [6, 7, 46]) {
      const cell = t3Cell(report.text, '一、本年新收', '总计');
      version = await report.edit([{ range: { start: { line: cell.line, character: cell.start }, end: { line: cell.line, character: cell.end } }, newText: String(value) }]);
    }
    const published = await client.waitForDiagnostics(REPORT_URI, (p) => p.version === version, since);
    const between = client.diagnostics.slice(since).filter((p) => p.uri === REPORT_URI);
    assert.deepEqual(between.map((p) => p.version), [version]);
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 40 } };
    mark = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(REPORT_URI, (p) => p.version === version, mark);
    assert.deepEqual(arithmetic(published.diagnostics), ['t3-row-total']);
  });

  it('a burst of 200 keystrokes with debounceMs 0: one check, of the last version', async () => {
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 0 } };
    let mark = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(REPORT_URI, (p) => p.version === report.version, mark);
    const before = report.text;
    const prose = report.text.split('\n').findIndex((l) => l.startsWith('（三）政府信息管理'));
    assert.ok(prose > 0);
    const since = client.mark();
    const version = await report.typeAtOnce({ line: prose, character: 0 }, '本'.repeat(200));
    const published = await client.waitForDiagnostics(REPORT_URI, (p) => p.version === version, since);
    const between = client.diagnostics.slice(since).filter((p) => p.uri === REPORT_URI);
    assert.deepEqual(between.map((p) => p.version), [version], 'no version but the last was checked');
    assert.ok(published.diagnostics.length > 0, 'the draft’s findings are published for it');
    // Back as it was, with the usual debounce.
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 40 } };
    mark = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await client.waitForDiagnostics(REPORT_URI, (p) => p.version === version, mark);
    mark = client.mark();
    const restored = await report.replaceAll(before);
    await client.waitForDiagnostics(REPORT_URI, (p) => p.version === restored, mark);
  });

  it('the command nianbao.server.fixAll applies the fix-all edit through workspace/applyEdit', async () => {
    const before = client.applied.length;
    const result = await client.request<{ applied: boolean; edits: number }>('workspace/executeCommand', { command: 'nianbao.server.fixAll', arguments: [REPORT_URI] });
    assert.deepEqual(result, { applied: true, edits: 1 });
    const applied = client.applied.slice(before);
    assert.equal(applied.length, 1);
    const since = client.mark();
    const version = await report.edit(editsOf(applied[0].edit, REPORT_URI));
    assert.equal(report.text, CLEAN);
    const published = await client.waitForDiagnostics(REPORT_URI, (p) => p.version === version, since);
    assert.deepEqual(published.diagnostics, []);
  });

  it('the command nianbao.server.export renders the open draft as a Word document or a web page, with its count of errors', async () => {
    type Exported = { base64: string; errors: number; reports: number };
    const docx = await client.request<Exported>('workspace/executeCommand', { command: 'nianbao.server.export', arguments: [REPORT_URI, 'docx', false] });
    assert.deepEqual([docx.errors, docx.reports], [0, 1]);
    const bytes = Buffer.from(docx.base64, 'base64');
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip package');
    // The setting nianbao.export.fonts, sent by the client as the fourth argument: its body font in the document, the defaults elsewhere.
    const withFonts = await client.request<Exported>('workspace/executeCommand', { command: 'nianbao.server.export', arguments: [REPORT_URI, 'docx', false, { body: '方正仿宋_GBK', nonsense: 1 }] });
    const xml = strFromU8(unzipSync(Buffer.from(withFonts.base64, 'base64'))['word/document.xml']);
    assert.match(xml, /w:eastAsia="方正仿宋_GBK"/);
    assert.doesNotMatch(xml, /w:eastAsia="仿宋_GB2312"/);
    assert.match(xml, /w:eastAsia="黑体"/);
    const html = await client.request<Exported>('workspace/executeCommand', { command: 'nianbao.server.export', arguments: [REPORT_URI, 'html', true] });
    const page = Buffer.from(html.base64, 'base64').toString('utf8');
    assert.match(page, /^<!DOCTYPE html>/);
    assert.match(page, /<h2 id="nb-findings">审查意见<\/h2><p>未发现问题。<\/p>/);
  });

  it('outlines the six sections with the tables inside', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: REPORT_URI } });
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, '示例县人民政府办公室2024年政府信息公开工作年度报告');
    const sections = symbols[0].children!;
    assert.deepEqual(sections.map((s) => s.name), SECTIONS.map((s) => s.heading));
    assert.deepEqual(sections.map((s) => (s.children ?? []).map((c) => c.name)), [[], ['表二'], ['表三'], ['表四'], [], []]);
    assert.equal(sections[2].children![0].kind, 23 /* Struct */);
    assert.equal(sections[2].kind, 2 /* Module */);
  });

  it('folds sections and tables', async () => {
    const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: REPORT_URI } });
    const lines = report.text.split('\n');
    const heading3 = lines.findIndex((l) => l.startsWith('## 三、'));
    const lastRow = lines.findIndex((l) => l.includes('四、结转下年度继续办理'));
    assert.ok(folds.some((f) => f.startLine === heading3 && f.endLine === lastRow), JSON.stringify(folds));
    assert.ok(folds.some((f) => f.startLine === heading3 + 2 && f.endLine === lastRow));
  });

  it('completes the four snippets on an empty line of a new file, and after typing n', async () => {
    const doc = new Doc(client, NEW_URI, '');
    const since = client.mark();
    await doc.open();
    const published = await client.waitForDiagnostics(NEW_URI, (p) => p.version === 1, since);
    assert.deepEqual(published.diagnostics, []);
    const items = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: NEW_URI },
      position: { line: 0, character: 0 },
      context: { triggerKind: 1 },
    });
    assert.deepEqual(items.map((i) => i.label).sort(), ['nb-report', 'nb-table2', 'nb-table3', 'nb-table4']);
    for (const item of items) {
      assert.equal(item.kind, 15 /* Snippet */);
      assert.equal(item.insertTextFormat, 2 /* Snippet */);
    }
    assert.equal([...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!))[0].label, 'nb-report');
    await doc.edit([{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'n' }]);
    const typed = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: NEW_URI },
      position: { line: 0, character: 1 },
      context: { triggerKind: 2, triggerCharacter: 'n' },
    });
    assert.equal(typed.length, 4);
    const t3 = typed.find((i) => i.label === 'nb-table3')!;
    assert.deepEqual((t3.textEdit as TextEdit).range, { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } });
    assert.ok((t3.textEdit as TextEdit).newText.startsWith('| （本列数据的勾稽关系为：'));
    assert.equal(t3.detail, '表三 收到和处理政府信息公开申请情况');
    assert.ok(t3.filterText!.includes('表三') && t3.filterText!.includes('nb-table3'));
    // Inside the report's prose: nothing.
    const prose = report.text.split('\n').findIndex((l) => l.startsWith('（三）政府信息管理'));
    const none = await client.request<CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: REPORT_URI },
      position: { line: prose, character: 5 },
      context: { triggerKind: 2, triggerCharacter: 'n' },
    });
    assert.deepEqual(none, []);
    await doc.close();
  });

  it('gives a README empty diagnostics, and clears them when a report stops being one', async () => {
    const readme = new Doc(client, README_URI, example('README.md'));
    let since = client.mark();
    await readme.open();
    assert.deepEqual((await client.waitForDiagnostics(README_URI, (p) => p.version === 1, since)).diagnostics, []);
    // A report in a .txt file is not Markdown: not checked.
    const txt = new Doc(client, TXT_URI, WRONG_ROW_TOTAL, 'plaintext');
    since = client.mark();
    await txt.open();
    assert.deepEqual((await client.waitForDiagnostics(TXT_URI, (p) => p.version === 1, since)).diagnostics, []);
    // The README becomes a report with a wrong total, then a README again.
    since = client.mark();
    let version = await readme.replaceAll(WRONG_ROW_TOTAL);
    assert.deepEqual(codes((await client.waitForDiagnostics(README_URI, (p) => p.version === version, since)).diagnostics), ['t3-row-total']);
    since = client.mark();
    version = await readme.replaceAll(example('README.md'));
    assert.deepEqual((await client.waitForDiagnostics(README_URI, (p) => p.version === version, since)).diagnostics, []);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri: README_URI } }), []);
    await readme.close();
    await txt.close();
  });

  it('switches to English when nianbao.locale is set to en', async () => {
    const since = client.mark();
    const version = await report.edit([
      (() => {
        const c = t3Cell(report.text, '二、上年结转', '总计');
        return { range: { start: { line: c.line, character: c.start }, end: { line: c.line, character: c.end } }, newText: '9' };
      })(),
    ]);
    const zh = await client.waitForDiagnostics(REPORT_URI, (p) => p.version === version, since);
    const zhTotal = byCode(zh.diagnostics, 't3-row-total');
    assert.ok(text(zhTotal).startsWith('“二、上年结转政府信息公开申请数量”一行的总计填的是 9，应为 3'), text(zhTotal));
    const asked = client.configurationRequests.length;
    client.config = { nianbao: { locale: 'en', debounceMs: 40 } };
    const mark = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    const en = await client.waitForDiagnostics(REPORT_URI, (p) => text(byCode(p.diagnostics, 't3-row-total')).startsWith('the total of row'), mark);
    assert.equal(en.version, version);
    assert.ok(client.configurationRequests.length > asked, 'the settings were asked for again');
    const enTotal = byCode(en.diagnostics, 't3-row-total')!;
    assert.ok(text(enTotal).startsWith('the total of row “二、上年结转政府信息公开申请数量” is 9 in the table; it should be 3'), text(enTotal));
    const [fix] = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: REPORT_URI },
      range: enTotal.range,
      context: { diagnostics: [enTotal], only: ['quickfix'] },
    });
    assert.equal(fix.title, 'Set this cell to 3');
  });

  it('compares with last year’s report of the same unit when it is open too', async () => {
    const thisYear = new Doc(client, 'file:///drafts/2024.md', CLEAN);
    const lastYear = new Doc(client, 'file:///drafts/2023.md', CLEAN.replaceAll('2024', '2023').replaceAll('2025', '2024'));
    let since = client.mark();
    await thisYear.open();
    assert.deepEqual((await client.waitForDiagnostics(thisYear.uri, () => true, since)).diagnostics, []);
    since = client.mark();
    const opened = since;
    await lastYear.open();
    // Opening last year's report makes this year's carried-over row comparable: 2 1 0 0 0 0 3 against 3 0 0 0 1 0 4.
    const compared = await client.waitForDiagnostics(thisYear.uri, (p) => p.diagnostics.some((d) => d.code === 'carry-over'), since);
    const carry = compared.diagnostics.filter((d) => d.code === 'carry-over');
    // One row that differs in four columns: one finding, on its first differing cell, each column's last-year cell related.
    assert.equal(carry.length, 1);
    assert.equal(carry[0].relatedInformation?.length, 4);
    const carried = t3Cell(CLEAN, '二、上年结转', '自然人');
    assert.deepEqual(carry[0].range.start, { line: carried.line, character: carried.start });
    const before = t3Cell(lastYear.text, '四、结转下年度', '自然人');
    assert.deepEqual(carry[0].relatedInformation?.[0].location, {
      uri: lastYear.uri,
      range: { start: { line: before.line, character: before.start }, end: { line: before.line, character: before.end } },
    });
    // Last year's report has no last year at hand: nothing across files there.
    const own = await client.waitForDiagnostics(lastYear.uri, (p) => p.version === 1, opened);
    assert.deepEqual(own.diagnostics, []);
    since = client.mark();
    await lastYear.close();
    const alone = await client.waitForDiagnostics(thisYear.uri, () => true, since);
    assert.deepEqual(alone.diagnostics, []);
    await thisYear.close();
  });

  it('survives bad requests and keeps answering', async () => {
    const hover = await client.request('textDocument/hover', { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 5, character: 0 } });
    assert.equal(hover, null);
    const far = await client.request('textDocument/hover', { textDocument: { uri: REPORT_URI }, position: { line: 99999, character: 99999 } });
    assert.equal(far, null);
    const odd = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: REPORT_URI },
      range: { start: { line: -1, character: -1 }, end: { line: 99999, character: 0 } },
      context: { diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, message: 'x', code: 42 }] },
    });
    assert.ok(Array.isArray(odd));
    const command = await client.request('workspace/executeCommand', { command: 'nianbao.server.fixAll', arguments: [] });
    assert.deepEqual(command, { applied: false, edits: 0 });
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: REPORT_URI } });
    assert.equal(symbols.length, 1);
  });

  it('shuts down and exits cleanly', async () => {
    await report.close();
    const code = await client.stop();
    assert.equal(code, 0);
  });
});

describe('language server for a client without workspace/configuration', () => {
  let client: TestClient;
  after(() => client?.kill());

  it('takes settings from initializationOptions and didChangeConfiguration, and follows the client locale on auto', async () => {
    client = await TestClient.start();
    const init = await client.initialize({
      capabilities: { textDocument: { publishDiagnostics: {} } },
      locale: 'en-US',
      initializationOptions: { settings: { locale: 'auto', debounceMs: 30 } },
    });
    assert.ok(init.capabilities.hoverProvider);
    await client.initialized();
    const doc = new Doc(client, REPORT_URI, setT3(CLEAN, '（七）总计', '其他', 4));
    let since = client.mark();
    await doc.open();
    const en = await client.waitForDiagnostics(REPORT_URI, (p) => p.version === 1, since);
    assert.deepEqual(arithmetic(en.diagnostics), ['t3-result-total']);
    const enTotal = byCode(en.diagnostics, 't3-result-total')!;
    assert.ok(text(enTotal).startsWith('（七）总计, column 其他 is 4 in the table; it should be 1'), text(enTotal));
    assert.equal(client.configurationRequests.length, 0);
    // No documentChanges support: the edit comes as `changes`; no hierarchical symbols: a flat list.
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: REPORT_URI },
      range: enTotal.range,
      context: { diagnostics: [enTotal] },
    });
    assert.ok(actions[0].edit?.changes?.[REPORT_URI]);
    const flat = await client.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri: REPORT_URI } });
    assert.ok(flat.some((s) => s.name === '表三' && s.containerName === SECTIONS[2].heading), JSON.stringify(flat.map((s) => [s.name, s.containerName])));
    // Settings pushed with the notification.
    since = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: { nianbao: { locale: 'zh-CN' } } });
    const zh = await client.waitForDiagnostics(REPORT_URI, (p) => text(byCode(p.diagnostics, 't3-result-total')).startsWith('（七）总计“其他”列填的是 4，应为 1'), since);
    assert.equal(zh.version, 1);
    since = client.mark();
    await client.notify('workspace/didChangeConfiguration', { settings: { nianbao: { enable: 'never' } } });
    const off = await client.waitForDiagnostics(REPORT_URI, () => true, since);
    assert.deepEqual(off.diagnostics, []);
    assert.equal(await client.stop(), 0);
  });
});

describe('bad protocol input', () => {
  it('a request before initialize is answered with ServerNotInitialized (-32002)', async () => {
    const client = await TestClient.start();
    try {
      await assert.rejects(
        client.request('textDocument/hover', { textDocument: { uri: REPORT_URI }, position: { line: 0, character: 0 } }),
        (error: { code?: number }) => error.code === -32002,
      );
    } finally {
      client.kill();
    }
  });

  it('a broken message frame makes the server exit, so the editor restarts it, instead of going deaf', async () => {
    const client = await TestClient.start();
    await client.initialize({});
    await client.initialized();
    // A frame whose Content-Length says less than its body: the rest of the body is read as the next header.
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'workspace/didChangeConfiguration', params: { settings: {} } });
    client.process.stdin!.write(`Content-Length: ${body.length - 10}\r\n\r\n${body}`);
    assert.equal(await client.exitCode(), 1);
    assert.match(client.stderr, /unreadable message from the client/);
  });
});
