/**
 * 检查工作区中的全部年报 (nianbao.checkWorkspace): asks the server to check
 * every report file of the workspace (request nianbao/checkWorkspace, the
 * editor's file first), shows its progress in a notification that can be
 * cancelled (the server's $/progress on a token of ours; cancelling sends
 * $/cancelRequest and the server stops at the next file), and fills the 年报
 * view from the summaries the server sends as it goes. The findings
 * themselves arrive as diagnostics: the Problems panel lists them.
 */
import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { CHECK_WORKSPACE, REPORT_SUMMARY, type CheckWorkspaceParams, type CheckWorkspaceResult, type ReportSummaryParams } from '../../server/src/lsp/workspace-protocol';
import { ReportsTree } from './reports-tree';

type Words = (zh: string, en: string) => string;

/** The 年报 view (package.json contributes.views). */
const REPORTS_VIEW = 'nianbao.reports';

export function registerWorkspaceCheck(client: () => LanguageClient | undefined, ready: () => Promise<void>, t: Words): vscode.Disposable[] {
  const tree = new ReportsTree(t);
  const view = vscode.window.createTreeView(REPORTS_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  /** Clients whose summaries the view hears (a restarted server keeps its client). */
  const listening = new WeakSet<LanguageClient>();
  let runs = 0;

  const run = async (): Promise<CheckWorkspaceResult | undefined> => {
    await ready();
    const running = client();
    if (!running?.isRunning()) {
      void vscode.window.showErrorMessage(t('年报校验服务没有运行，请先重启服务。', 'The Nianbao server is not running; restart it first.'));
      return undefined;
    }
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage(t('请先打开存放年报的文件夹。', 'Open the folder that holds the reports first.'));
      return undefined;
    }
    if (!listening.has(running)) {
      listening.add(running);
      running.onNotification(REPORT_SUMMARY, (p: ReportSummaryParams) => {
        tree.update(p);
        view.description = t(`${tree.size} 个单位`, `${tree.size} units`);
      });
    }
    const token = `nianbao-check-workspace-${++runs}`;
    const params: CheckWorkspaceParams = { first: vscode.window.activeTextEditor?.document.uri.toString(), workDoneToken: token };
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t('检查工作区中的全部年报', 'Checking every report in the workspace'), cancellable: true },
      async (progress, cancellation) => {
        let done = 0;
        const heard = running.onProgress(WorkDoneProgress.type, token, (value) => {
          if (value.kind === 'end') return;
          const percentage = value.kind === 'report' ? (value.percentage ?? done) : 0;
          progress.report({ message: value.message, increment: percentage - done });
          done = percentage;
        });
        try {
          return await running.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE, params, cancellation);
        } catch (error) {
          if (cancellation.isCancellationRequested) return undefined;
          throw error;
        } finally {
          heard.dispose();
        }
      },
    );
    if (!result) return undefined;
    const words = result.cancelled
      ? t(`已停止：检查了 ${result.checked}/${result.files} 个文件`, `Stopped after ${result.checked} of ${result.files} files`)
      : t(`已检查 ${result.reports} 份年报：${result.errors} 个错误，${result.warnings} 个警告`, `Checked ${result.reports} reports: ${result.errors} errors, ${result.warnings} warnings`);
    const problems = t('查看问题', 'Show problems');
    void vscode.window.showInformationMessage(words, problems).then((choice) => choice === problems && vscode.commands.executeCommand('workbench.actions.view.problems'));
    return result;
  };

  return [tree, view, vscode.commands.registerCommand('nianbao.checkWorkspace', run)];
}
