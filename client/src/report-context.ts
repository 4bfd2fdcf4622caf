/**
 * The context key `nianbao.isReport`: the active editor holds an annual
 * report draft, as the server reads it (a title saying 政府信息公开…年度报告,
 * or the standard sections). The editor-title preview button shows on those
 * only, not on every Markdown file. Asked again when the active editor
 * changes and when its diagnostics change (typing the title makes a draft a
 * report).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IS_REPORT_REQUEST } from '../../server/src/lsp/preview-protocol';

const CONTEXT_KEY = 'nianbao.isReport';

export function registerReportContext(client: () => Promise<LanguageClient | undefined>): vscode.Disposable {
  let asked = 0;
  let shown: boolean | undefined;
  const update = async () => {
    const editor = vscode.window.activeTextEditor;
    const ask = ++asked;
    let report = false;
    if (editor?.document.languageId === 'markdown') {
      const c = await client();
      report = !!c && (await c.sendRequest<boolean>(IS_REPORT_REQUEST, { textDocument: { uri: c.code2ProtocolConverter.asUri(editor.document.uri) } }).catch(() => false));
    }
    // A later question has been asked meanwhile: its answer is the one to show.
    if (ask !== asked || report === shown) return;
    shown = report;
    await vscode.commands.executeCommand('setContext', CONTEXT_KEY, report);
  };
  void update();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(() => void update()),
    vscode.languages.onDidChangeDiagnostics((event) => {
      const active = vscode.window.activeTextEditor?.document.uri.toString();
      if (active && event.uris.some((u) => u.toString() === active)) void update();
    }),
  );
}
