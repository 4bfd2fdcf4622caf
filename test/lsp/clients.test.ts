/**
 * Any LSP client: the server reads what the client can do and answers in
 * kind. Started with a Neovim-0.7-like capability set (no snippets, no
 * greyed-out actions, no workspace/configuration, diagnostics pushed) and
 * with VS Code's, the answers differ as they must; a client that pulls
 * diagnostics (textDocument/diagnostic) is answered by pull, never pushed to.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ClientCapabilities, CodeAction, CompletionItem, Diagnostic, InitializeResult, TextEdit } from 'vscode-languageserver-protocol';
import { Doc, FULL_CAPABILITIES, TestClient } from './client';
import { CLEAN, ROOT, WRONG_ROW_TOTAL } from './drafts';
import { analyzeText } from '../../server/src/engine/analyze';

/** What Neovim 0.7's built-in client announces, in the parts that matter here. */
const NEOVIM_07: ClientCapabilities = {
  workspace: { applyEdit: true, workspaceEdit: { resourceOperations: ['rename', 'create', 'delete'] }, workspaceFolders: true },
  textDocument: {
    synchronization: { didSave: true, willSave: false },
    publishDiagnostics: { relatedInformation: true, tagSupport: { valueSet: [1, 2] } },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'] } }, isPreferredSupport: true, dataSupport: true },
    completion: { completionItem: { snippetSupport: false, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: false },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
  },
  window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: false } } },
};

/** A client that pulls diagnostics (as Helix, Zed and VS Code can). */
const PULLING: ClientCapabilities = {
  ...FULL_CAPABILITIES,
  workspace: { ...FULL_CAPABILITIES.workspace, workspaceFolders: true, diagnostics: { refreshSupport: true } },
  textDocument: { ...FULL_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } },
};

/** The original seed 001: sixteen Table 3 rows lost a cell, so 转换为标准表格 cannot be applied without loss. */
const UNCONVERTIBLE = readFileSync(join(ROOT, 'test', 'fixtures', 'originals', 'seeds', '001_32486a727a531b6f.txt'), 'utf8');
const tableLine = UNCONVERTIBLE.split('\n').findIndex((l) => l.includes('5. 属于三类内部事务信息'));

async function started(capabilities: ClientCapabilities, initializationOptions?: unknown): Promise<{ client: TestClient; init: InitializeResult }> {
  const client = await TestClient.start();
  const init = await client.initialize({ capabilities, ...(initializationOptions ? { initializationOptions } : {}) });
  await client.initialized();
  return { client, init };
}

const completeAt = (client: TestClient, uri: string, line: number, character: number) =>
  client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });

const actionsAt = (client: TestClient, uri: string, line: number, diagnostics: Diagnostic[] = [], only?: string[]) =>
  client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line, character: 3 }, end: { line, character: 3 } },
    context: { diagnostics, ...(only ? { only } : {}) },
  });

describe('a Neovim-0.7-like client and VS Code, side by side', () => {
  let nvim: TestClient;
  let vscode: TestClient;
  const NEW = 'file:///drafts/new.md';
  const SEED = 'file:///drafts/seed-001-original.md';

  before(async () => {
    ({ client: nvim } = await started(NEOVIM_07, { settings: { locale: 'en', debounceMs: 10 } }));
    ({ client: vscode } = await started(FULL_CAPABILITIES));
    vscode.config = { nianbao: { debounceMs: 10 } };
    for (const client of [nvim, vscode]) {
      await new Doc(client, NEW, 'nb-table3').open();
      const since = client.mark();
      await new Doc(client, SEED, UNCONVERTIBLE).open();
      await client.waitForDiagnostics(SEED, () => true, since);
    }
  });
  after(() => {
    nvim?.kill();
    vscode?.kill();
  });

  it('completion: a snippet for VS Code, the plain table with its 0s for a client without snippets', async () => {
    const [snippet] = await completeAt(vscode, NEW, 0, 'nb-table3'.length);
    const [plain] = await completeAt(nvim, NEW, 0, 'nb-table3'.length);
    assert.equal(snippet.insertTextFormat, 2);
    assert.match((snippet.textEdit as TextEdit).newText, /\$\{1:0\}/);
    assert.equal(plain.insertTextFormat, 1);
    const text = (plain.textEdit as TextEdit).newText;
    assert.doesNotMatch(text, /\$\{|\$\d/);
    // What it inserts reads back as the standard Table 3, every cell 0.
    const report = analyzeText(`# 示例县2024年政府信息公开工作年度报告\n\n## 三、收到和处理政府信息公开申请情况\n\n${text}\n`).parts[0].report;
    assert.equal(report.tables.t3?.rows.get('resultTotal')?.cells.every((c) => c.value === 0), true);
  });

  it('code actions: the greyed-out 转换为标准表格 only for a client that can show it greyed out', async () => {
    const greyed = (await actionsAt(vscode, SEED, tableLine)).filter((a) => a.title.startsWith('转换为标准表格'));
    assert.equal(greyed.length, 1);
    assert.match(greyed[0].disabled?.reason ?? '', /没有读全/);
    const offered = (await actionsAt(nvim, SEED, tableLine)).filter((a) => /standard table/.test(a.title));
    assert.deepEqual(offered, [], 'an action that does nothing is not offered');
    // Its reason is in the table's first diagnostic instead.
    const pushed = nvim.diagnostics.filter((p) => p.uri === SEED).at(-1)!;
    assert.equal(pushed.diagnostics.filter((d) => /cannot be converted to the standard table: .*16/.test(String(d.message))).length, 1);
    const vs = vscode.diagnostics.filter((p) => p.uri === SEED).at(-1)!;
    assert.equal(vs.diagnostics.filter((d) => /无法自动转换/.test(String(d.message))).length, 0);
  });

  it('fix-all only when source actions are asked for, not in every quick-fix menu', async () => {
    const wrong = 'file:///drafts/wrong.md';
    const since = nvim.mark();
    await new Doc(nvim, wrong, WRONG_ROW_TOTAL).open();
    const published = await nvim.waitForDiagnostics(wrong, () => true, since);
    const total = published.diagnostics.find((d) => d.code === 't3-row-total')!;
    const quick = await actionsAt(nvim, wrong, total.range.start.line, [total]);
    assert.ok(quick.length > 0);
    assert.ok(quick.every((a) => a.kind !== 'source.fixAll.nianbao'), JSON.stringify(quick.map((a) => a.kind)));
    const source = await actionsAt(nvim, wrong, total.range.start.line, [], ['source.fixAll']);
    assert.deepEqual(source.map((a) => a.kind), ['source.fixAll.nianbao']);
  });

  it('settings from initializationOptions for a client without workspace/configuration, then from didChangeConfiguration', async () => {
    assert.equal(nvim.configurationRequests.length, 0);
    const wrong = 'file:///drafts/wrong-settings.md';
    let since = nvim.mark();
    await new Doc(nvim, wrong, WRONG_ROW_TOTAL).open();
    const english = await nvim.waitForDiagnostics(wrong, () => true, since);
    assert.match(String(english.diagnostics.find((d) => d.code === 't3-row-total')!.message), /total/i, 'locale en from initializationOptions');
    since = nvim.mark();
    await nvim.notify('workspace/didChangeConfiguration', { settings: { nianbao: { locale: 'zh-CN', rules: { 't3-row-total': 'warning' } } } });
    const chinese = await nvim.waitForDiagnostics(wrong, (p) => p.diagnostics.some((d) => d.code === 't3-row-total' && d.severity === 2), since);
    assert.match(String(chinese.diagnostics.find((d) => d.code === 't3-row-total')!.message), /总计/);
    // A wrong entry of nianbao.rules is said once, as a notice; the rest holds.
    const notices = nvim.messages.length;
    since = nvim.mark();
    await nvim.notify('workspace/didChangeConfiguration', { settings: { nianbao: { locale: 'zh-CN', rules: { 't3-row-total': 'warning', 'cel-blank': 'off' } } } });
    await nvim.waitForDiagnostics(wrong, (p) => p.diagnostics.some((d) => d.code === 't3-row-total' && d.severity === 2), since);
    await nvim.request('nianbao/stats', {});
    const said = nvim.messages.slice(notices);
    assert.equal(said.length, 1, JSON.stringify(said));
    assert.equal(said[0].type, 2);
    assert.equal(said[0].message, '设置 nianbao.rules 中写错的项未生效：nianbao.rules.cel-blank：没有代码为“cel-blank”的检查，是否指“cell-blank”？');
  });

  it('formatting aligns a report draft’s tables, leaves other Markdown alone', async () => {
    const draft = 'file:///drafts/to-format.md';
    await new Doc(vscode, draft, CLEAN).open();
    const edits = await vscode.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: draft }, options: { tabSize: 2, insertSpaces: true } });
    assert.ok(edits.length > 0);
    assert.ok(edits.every((e) => e.newText.startsWith('| ') && e.newText.endsWith(' |')));
    const readme = 'file:///drafts/README.md';
    await new Doc(vscode, readme, '# 说明\n\n| a | b |\n|---|---|\n| 1 | 2 |\n').open();
    assert.deepEqual(await vscode.request('textDocument/formatting', { textDocument: { uri: readme }, options: { tabSize: 2, insertSpaces: true } }), []);
  });

  it('notices are window/showMessage notifications, never questions the editor must answer', async () => {
    const clean = 'file:///drafts/clean.md';
    await new Doc(nvim, clean, CLEAN).open();
    const before = nvim.messages.length;
    await nvim.request('workspace/executeCommand', { command: 'nianbao.server.fixAll', arguments: [clean] });
    await nvim.request('workspace/executeCommand', { command: 'nianbao.server.fixAll', arguments: [] });
    await nvim.request('nianbao/stats', {}); // a round trip: the notifications before it have arrived
    assert.equal(nvim.messages.length - before, 2);
    assert.equal(nvim.messageRequests.length, 0);
  });
});

describe('a client that pulls diagnostics', () => {
  let client: TestClient;
  let init: InitializeResult;
  let tmp: string;
  let onDisk: string;

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'nianbao-pull-'));
    mkdirSync(join(tmp, '2024'));
    onDisk = join(tmp, '2024', 'wrong-on-disk.md');
    writeFileSync(onDisk, WRONG_ROW_TOTAL);
    writeFileSync(join(tmp, 'README.md'), '# 说明\n\n不是年报。\n');
    client = await TestClient.start();
    client.config = { nianbao: { debounceMs: 0 } };
    init = await client.initialize({ capabilities: PULLING, workspaceFolders: [{ uri: pathToFileURL(tmp).href, name: 'pull' }] });
    await client.initialized();
  });
  after(() => {
    client?.kill();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('announces a diagnostic provider, answers textDocument/diagnostic as a CLI check would, and pushes nothing', async () => {
    assert.deepEqual(init.capabilities.diagnosticProvider, { identifier: 'nianbao', interFileDependencies: true, workspaceDiagnostics: true });
    const uri = 'file:///drafts/pulled.md';
    const doc = new Doc(client, uri, WRONG_ROW_TOTAL);
    await doc.open();
    const report = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(
      report.items.map((d) => [d.code, d.range.start.line, d.range.start.character]),
      analyzeText(WRONG_ROW_TOTAL).findings.map((f) => [f.code, f.range.start.line, f.range.start.character]),
    );
    await doc.replaceAll(CLEAN);
    const after = await client.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(after.items, []);
    await client.request('nianbao/stats', {});
    assert.equal(client.diagnostics.length, 0, 'nothing pushed');
  });

  it('workspace/diagnostic lists the report files of the folders that are not open; unchanged files are said unchanged', async () => {
    const first = await client.request<{ items: { uri: string; kind: string; resultId: string; items?: Diagnostic[] }[] }>('workspace/diagnostic', { previousResultIds: [] });
    const uri = pathToFileURL(onDisk).href;
    assert.deepEqual(first.items.map((i) => i.uri), [uri], 'the README is not a report');
    assert.ok(first.items[0].items!.some((d) => d.code === 't3-row-total'));
    const again = await client.request<{ items: { uri: string; kind: string }[] }>('workspace/diagnostic', { previousResultIds: [{ uri, value: first.items[0].resultId }] });
    assert.deepEqual(again.items.map((i) => i.kind), ['unchanged']);
  });

  it('检查工作区中的全部年报 pushes nothing to a pulling client: it has the files from workspace/diagnostic, and is asked to pull again', async () => {
    const refreshed = client.nextRefresh();
    const pushed = client.diagnostics.length;
    const result = await client.request<{ reports: number; errors: number; cancelled: boolean }>('nianbao/checkWorkspace', {});
    assert.deepEqual([result.reports, result.cancelled], [1, false]);
    assert.ok(result.errors > 0);
    await refreshed;
    assert.equal(client.diagnostics.length, pushed, 'nothing pushed');
  });

  it('a configuration change is a refresh request, not a push', async () => {
    const refreshed = client.nextRefresh();
    const pushed = client.diagnostics.length;
    await client.notify('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    assert.equal(client.diagnostics.length, pushed, 'nothing pushed');
  });
});
