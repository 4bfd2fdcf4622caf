/**
 * 导出为 Word 文档 / 导出为网页: the open draft rendered by the server
 * (nianbao.server.export) in the official layout, and written beside it
 * (报告.md → 报告.docx) through VS Code's file system, so remote and virtual
 * workspaces work too.
 *
 * Decisions: a report with errors is exported only when the clerk says so
 * (a modal: 导出 / 查看问题), except as a review copy (导出审查版 Word 文档:
 * the findings marked and listed, 报告（审查）.docx), whose point they are; an existing file of that name is replaced only
 * when the clerk says so (替换 / 另存为…), never silently; an untitled draft
 * is saved where the clerk picks.
 */
import * as vscode from 'vscode';

type Format = 'docx' | 'html';
type Say = (zh: string, en: string) => string;

const exists = (uri: vscode.Uri) => Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);

/** The exported file's name beside the draft, or where the clerk saves it (undefined: cancelled). */
async function targetFor(draft: vscode.Uri, format: Format, review: boolean, t: Say): Promise<vscode.Uri | undefined> {
  const stem = draft.path.split('/').pop()!.replace(/\.[^.]+$/, '') || t('年度报告', 'annual report');
  const name = review ? `${stem}${t('（审查）', ' (review)')}` : stem;
  const filters = format === 'docx' ? { [t('Word 文档', 'Word document')]: ['docx'] } : { [t('网页', 'Web page')]: ['html'] };
  const saveAs = (defaultUri?: vscode.Uri) => vscode.window.showSaveDialog({ defaultUri, filters, saveLabel: t('导出', 'Export') });
  if (draft.scheme === 'untitled') return saveAs();
  const beside = vscode.Uri.joinPath(draft, '..', `${name}.${format}`);
  if (!(await exists(beside))) return beside;
  const replace = t('替换', 'Replace');
  const other = t('另存为…', 'Save as…');
  const choice = await vscode.window.showWarningMessage(t(`${beside.path.split('/').pop()} 已存在，要替换它吗？`, `${beside.path.split('/').pop()} exists. Replace it?`), { modal: true }, replace, other);
  if (choice === replace) return beside;
  return choice === other ? saveAs(beside) : undefined;
}

/** Export the draft (the active editor's, or the one a menu names) as a Word document or a web page; `review`: its review copy. */
export async function exportDraft(ready: () => Promise<void>, format: Format, t: Say, picked?: vscode.Uri, review = false): Promise<vscode.Uri | undefined> {
  const document = picked ? await vscode.workspace.openTextDocument(picked) : vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'markdown') {
    void vscode.window.showInformationMessage(t('请在年度报告草稿中运行此命令', 'Run this command on an annual report draft'));
    return undefined;
  }
  await ready();
  const result = await vscode.commands.executeCommand<{ base64: string; errors: number; reports: number } | { applied: false }>('nianbao.server.export', document.uri.toString(), format, review, vscode.workspace.getConfiguration('nianbao', document.uri).get('export.fonts'));
  // The server said why it could not (not a report) in a notice of its own.
  if (!result || !('base64' in result)) return undefined;
  if (result.errors > 0 && !review) {
    const go = t('导出', 'Export');
    const problems = t('查看问题', 'Show problems');
    const choice = await vscode.window.showWarningMessage(
      t(`报告中有 ${result.errors} 处错误，仍要导出吗？`, `The report has ${result.errors} error(s). Export it anyway?`),
      { modal: true, detail: t('有错误的报告（如合计不符）不宜发出。', 'A report whose figures do not add up should not be sent out.') },
      go,
      problems,
    );
    if (choice === problems) await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice !== go) return undefined;
  }
  const target = await targetFor(document.uri, format, review, t);
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, Buffer.from(result.base64, 'base64'));
  const name = target.path.split('/').pop();
  const first = result.reports > 1 ? t(`（文件中有 ${result.reports} 份报告，只导出了第一份）`, ` (the file holds ${result.reports} reports; the first was exported)`) : '';
  const reveal = t('在文件夹中显示', 'Reveal in folder');
  void vscode.window.showInformationMessage(t(`已导出 ${name}${first}`, `Exported ${name}${first}`), ...(target.scheme === 'file' ? [reveal] : [])).then((choice) => {
    if (choice === reveal) void vscode.commands.executeCommand('revealFileInOS', target);
  });
  return target;
}
