/**
 * The extension in a desktop VS Code (@vscode/test-electron). Started by
 * scripts/vscode-test.mjs, which bundles this file to .vscode-test/suite/suite.js
 * and opens a temporary workspace holding:
 *   report.md   clean-2024.md with the 总计 of row 一 (line 43) written as 48, not 47
 *   outline.md  clean-2024.md with the six section headings as plain lines (no ##),
 *               so the built-in Markdown outline has none of them: they come from Nianbao
 *   README.md   an ordinary README
 *
 * No Mocha: run() walks the scenarios in order with node:assert and throws if
 * any failed. Nothing sleeps: every wait is on an event (onDidChangeDiagnostics),
 * bounded by a time limit that fails the scenario.
 */
import * as vscode from 'vscode';
import assert from 'node:assert/strict';
import type { NianbaoApi } from '../../client/src/extension';

const EXTENSION_ID = 'nianbao.nianbao';
const TIMEOUT_MS = 60_000;
const WRONG_LINE = 42; // 0-based: line 43
const WRONG_CHARACTER = 50; // 0-based: the 48 in `… | 1 | 48 |`

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

/** The code of a diagnostic as a string (a code may come as { value, target }). */
function codeOf(d: vscode.Diagnostic): string {
  const code = d.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code ?? '');
}
const hasCode = (d: vscode.Diagnostic, code: string) => codeOf(d) === code || codeOf(d).endsWith(`/${code}`);

function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.length
    ? diagnostics.map((d) => `  ${d.range.start.line + 1}:${d.range.start.character + 1} ${codeOf(d)} ${d.message}`).join('\n')
    : '  (none)';
}

/** Resolves when the diagnostics of uri satisfy the predicate: checked now and on every change. */
function waitForDiagnostics(uri: vscode.Uri, what: string, predicate: (d: readonly vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const key = uri.toString();
    let settled = false;
    const finish = (error?: Error) => {
      settled = true;
      subscription.dispose();
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(vscode.languages.getDiagnostics(uri));
    };
    const check = () => {
      if (!settled && predicate(vscode.languages.getDiagnostics(uri))) finish();
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === key)) check();
    });
    const timer = setTimeout(
      () => finish(new Error(`timed out after ${TIMEOUT_MS} ms waiting for ${what} on ${uri.path}; diagnostics now:\n${describe(vscode.languages.getDiagnostics(uri))}`)),
      TIMEOUT_MS,
    );
    check();
  });
}

const wrongTotal = (uri: vscode.Uri) =>
  waitForDiagnostics(uri, 'the t3-row-total error', (ds) => ds.some((d) => hasCode(d, 't3-row-total') && d.range.start.line === WRONG_LINE));
const noWrongTotal = (uri: vscode.Uri) => waitForDiagnostics(uri, 'the t3-row-total error to go', (ds) => !ds.some((d) => hasCode(d, 't3-row-total')));

/** Write the wrong 48 back into row 一 (after a fix). */
async function breakTotal(document: vscode.TextDocument): Promise<void> {
  const line = document.lineAt(WRONG_LINE).text;
  const at = line.lastIndexOf('| 47 |');
  assert.ok(at >= 0, `row 一 holds its corrected total 47: ${line}`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, new vscode.Range(WRONG_LINE, at + 2, WRONG_LINE, at + 4), '48');
  assert.ok(await vscode.workspace.applyEdit(edit));
}

function flatten(symbols: readonly (vscode.DocumentSymbol | vscode.SymbolInformation)[]): string[] {
  return symbols.flatMap((s) => [s.name, ...('children' in s ? flatten(s.children) : [])]);
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

// ---------------------------------------------------------------------------

let report: vscode.TextDocument;

const scenarios: [string, () => Promise<void>][] = [
  [
    'activates on a report draft and publishes diagnostics',
    async () => {
      const extension = vscode.extensions.getExtension<NianbaoApi>(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is installed for the test`);
      report = await vscode.workspace.openTextDocument(workspaceFile('report.md'));
      assert.equal(report.languageId, 'markdown');
      await vscode.window.showTextDocument(report);
      // The diagnostics arriving prove activation (onLanguage:markdown) and a running server.
      await wrongTotal(report.uri);
      assert.ok(extension.isActive, 'the extension is active');
      await extension.exports.ready;
      assert.ok(extension.exports.client?.isRunning(), 'the language client is running');
    },
  ],
  [
    'diagnostics carry the codes and Chinese messages',
    async () => {
      const diagnostics = vscode.languages.getDiagnostics(report.uri);
      const wrong = diagnostics.find((d) => hasCode(d, 't3-row-total'));
      assert.ok(wrong, describe(diagnostics));
      assert.equal(wrong.severity, vscode.DiagnosticSeverity.Error);
      assert.deepEqual([wrong.range.start.line, wrong.range.start.character], [WRONG_LINE, WRONG_CHARACTER]);
      assert.equal(report.getText(wrong.range), '48');
      assert.match(wrong.message, /[\u4e00-\u9fff]/, 'the message is Chinese');
      assert.match(wrong.message, /总计填的是 48，应为 47/);
      // Only the one wrong total: the rest of clean-2024.md is clean.
      assert.equal(diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 1, describe(diagnostics));
    },
  ],
  [
    'a quick fix sets the total and the diagnostic goes',
    async () => {
      const wrong = vscode.languages.getDiagnostics(report.uri).find((d) => hasCode(d, 't3-row-total'));
      assert.ok(wrong);
      // As the light bulb does: asked again when VS Code cancelled the request (the document changed under it).
      let actions: vscode.CodeAction[] = [];
      for (let attempt = 0; attempt < 3 && !actions.some((a) => a.edit); attempt++) {
        actions = await vscode.commands
          .executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', report.uri, wrong.range, vscode.CodeActionKind.QuickFix.value)
          .then((a) => a ?? [], (error: Error) => (/^Canceled$/.test(error.message) ? [] : Promise.reject(error)));
      }
      const fix = actions.find((a) => a.edit && (a.isPreferred || /47/.test(a.title)));
      assert.ok(fix?.edit, `a quick fix with an edit; got: ${actions.map((a) => a.title).join(' | ') || '(none)'}`);
      assert.match(fix.title, /47/);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      await noWrongTotal(report.uri);
      assert.match(report.lineAt(WRONG_LINE).text, /\| 1 \| 47 \|$/);
    },
  ],
  [
    'the command nianbao.fixAll fixes the whole document',
    async () => {
      await vscode.window.showTextDocument(report);
      await breakTotal(report);
      await wrongTotal(report.uri);
      await vscode.commands.executeCommand('nianbao.fixAll');
      await noWrongTotal(report.uri);
      assert.match(report.lineAt(WRONG_LINE).text, /\| 1 \| 47 \|$/);
    },
  ],
  [
    'a plain README.md gets no diagnostics',
    async () => {
      const readme = await vscode.workspace.openTextDocument(workspaceFile('README.md'));
      await vscode.window.showTextDocument(readme);
      // Barrier: the server sees README's didOpen before this change, so by the time
      // the report's new diagnostics arrive it has dealt with README too.
      await breakTotal(report);
      await wrongTotal(report.uri);
      assert.deepEqual(vscode.languages.getDiagnostics(readme.uri), [], describe(vscode.languages.getDiagnostics(readme.uri)));
      await vscode.window.showTextDocument(report);
      await vscode.commands.executeCommand('nianbao.fixAll');
      await noWrongTotal(report.uri);
    },
  ],
  [
    'the snippet nb-table3 is offered and inserts the standard Table 3',
    async () => {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '## 三、收到和处理政府信息公开申请情况\n\nnb-table3' });
      const editor = await vscode.window.showTextDocument(document);
      const position = new vscode.Position(2, 'nb-table3'.length);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
      const item = list?.items.find((i) => labelOf(i) === 'nb-table3' || i.filterText === 'nb-table3');
      assert.ok(item, `nb-table3 among the completions: ${list?.items.map(labelOf).slice(0, 40).join(', ')}`);
      const body = item.insertText instanceof vscode.SnippetString ? item.insertText : new vscode.SnippetString(String(item.insertText ?? ''));
      const range = item.range instanceof vscode.Range ? item.range : (item.range?.replacing ?? new vscode.Range(2, 0, 2, 'nb-table3'.length));
      assert.ok(await editor.insertSnippet(body, range));
      const text = document.getText();
      assert.doesNotMatch(text, /nb-table3/);
      for (const label of ['一、本年新收政府信息公开申请数量', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', '（七）总计', '四、结转下年度继续办理', '社会公益组织']) {
        assert.ok(text.includes(label), `the table has ${label}`);
      }
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    },
  ],
  [
    'outline symbols come from the server (headings written as plain lines)',
    async () => {
      const outline = await vscode.workspace.openTextDocument(workspaceFile('outline.md'));
      await vscode.window.showTextDocument(outline);
      const symbols = (await vscode.commands.executeCommand<(vscode.DocumentSymbol | vscode.SymbolInformation)[]>('vscode.executeDocumentSymbolProvider', outline.uri)) ?? [];
      const names = flatten(symbols);
      for (const heading of ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项']) {
        assert.ok(
          names.some((n) => n.includes(heading)),
          `a symbol for ${heading}; symbols: ${names.join(' | ')}`,
        );
      }
    },
  ],
  [
    'nianbao.restartServer restarts the server, which checks again; nianbao.showOutput runs',
    async () => {
      const api = vscode.extensions.getExtension<NianbaoApi>(EXTENSION_ID)!.exports;
      const before = api.client;
      await vscode.commands.executeCommand('nianbao.restartServer');
      await api.ready;
      assert.equal(api.client, before, 'the same client, restarted');
      assert.ok(api.client?.isRunning(), 'the client runs again');
      await vscode.window.showTextDocument(report);
      await breakTotal(report);
      await wrongTotal(report.uri);
      assert.equal(await api.fixAll(report.uri), 1);
      await noWrongTotal(report.uri);
      await vscode.commands.executeCommand('nianbao.showOutput');
    },
  ],
];

/**
 * The entry point. VS Code's extension host calls run(testsPath, callback) and
 * awaits the promise; the code-server harness (scripts/vscode-test.mjs
 * --code-server) calls run({ log }), since console output of a remote extension
 * host does not reach it.
 */
export async function run(options?: unknown): Promise<void> {
  const given = (options as { log?: unknown } | undefined)?.log;
  const log = typeof given === 'function' ? (given as (line: string) => void) : (line: string) => console.log(line);
  const failures: string[] = [];
  for (const [name, scenario] of scenarios) {
    const started = Date.now();
    try {
      await scenario();
      log(`  ✔ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failures.push(name);
      log(`  ✖ ${name}\n${String((error as Error).stack ?? error).replace(/^/gm, '      ')}`);
    }
  }
  log(`${scenarios.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`test:vscode: ${failures.length} of ${scenarios.length} scenarios failed: ${failures.join('; ')}`);
}
