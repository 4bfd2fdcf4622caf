/**
 * The VS Code side of Nianbao: starts the language server (dist/server.js) over
 * IPC for Markdown documents of any scheme (file, untitled, vscode-remote, …, so
 * code-server and remote setups work), and contributes these commands:
 *
 *   nianbao.restartServer  重启年报校验服务 / Restart Nianbao server
 *   nianbao.showOutput     显示输出 / Show output channel
 *   nianbao.fixAll         修复文档中的所有问题 / Fix all problems in document
 *   nianbao.showEffectiveConfig  显示生效的配置 / Show the effective configuration
 *   nianbao.importDocument  从 Word 文档导入年报 / Import a report from a Word document
 *   nianbao.showPreview    预览年报（标准版式） / Preview report (official layout) (client/src/preview.ts)
 *   nianbao.exportDocx / nianbao.exportHtml / nianbao.exportDocxReview  导出为 Word 文档 / 导出为网页 / 导出审查版 Word 文档 (client/src/export.ts)
 *   nianbao.checkWorkspace  检查工作区中的全部年报 / Check every report in the workspace
 *     (client/src/workspace-check.ts, with the 年报 view of units: reports-tree.ts)
 *
 * and a markdown-it plugin for the built-in Markdown preview (markdown-it.ts),
 * which draws the standard tables in the official merged-cell layout.
 *
 * Fix-all asks for the code actions of kind source.fixAll.nianbao over the whole
 * document and applies what comes back (an edit, a command, or both), so it does
 * not depend on how the server implements them.
 *
 * All checking happens in the server; the client only starts it and passes the
 * `nianbao.*` settings (initializationOptions, then didChangeConfiguration).
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  RevealOutputChannelOn,
  State,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import type MarkdownIt from 'markdown-it';
import { extendMarkdownIt } from './markdown-it';
import { registerPreview } from './preview';
import { registerReportContext } from './report-context';
import { exportDraft } from './export';
import { registerWorkspaceCheck } from './workspace-check';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('nianbao');
const OUTPUT_NAME = 'Nianbao 年报校验';

/** What activate() returns (the tests use it). */
export interface NianbaoApi {
  /** The running client, once started. */
  readonly client: LanguageClient | undefined;
  /** Settles when the server has started (or failed to). */
  readonly ready: Promise<void>;
  fixAll(uri?: vscode.Uri): Promise<number>;
  /** The built-in Markdown preview's plugin hook (contributes "markdown.markdownItPlugins"). */
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
}

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

/** Chinese or English, after the `nianbao.locale` setting ('auto' follows the VS Code display language). */
function uiLocale(): 'zh' | 'en' {
  const setting = vscode.workspace.getConfiguration('nianbao').get<string>('locale', 'zh-CN');
  if (setting === 'en') return 'en';
  if (setting === 'auto') return /^zh/i.test(vscode.env.language) ? 'zh' : 'en';
  return 'zh';
}
const t = (zh: string, en: string) => (uiLocale() === 'zh' ? zh : en);

/** The `nianbao` section as a plain object, for initializationOptions. */
function settingsSnapshot(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('nianbao');
  return {
    enable: config.get('enable', 'auto'),
    locale: config.get('locale', 'zh-CN'),
    publisher: config.get('publisher', 'auto'),
    debounceMs: config.get('debounceMs', 250),
    rules: config.get('rules', {}),
  };
}

/** The scheme of the read-only documents that show a draft's effective configuration. */
const CONFIG_SCHEME = 'nianbao-config';

/**
 * 显示生效的配置: a read-only JSON document beside the draft with how every
 * check is set for it (the defaults, the settings and its .nianbaorc.json,
 * merged by the server), what differs from the defaults first.
 */
class EffectiveConfigDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly ready: () => Promise<void>) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    await this.ready();
    const draft = vscode.Uri.parse(uri.query);
    const result = await vscode.commands.executeCommand<{ configFile: string | null }>('nianbao.server.effectiveConfig', draft.toString());
    const from = result?.configFile ?? t('（没有找到 .nianbaorc.json）', '(no .nianbaorc.json found)');
    const heading = t(`// ${draft.fsPath} 生效的年报校验配置：默认值、设置 nianbao.rules 与 ${from} 合并`, `// The Nianbao configuration in effect for ${draft.fsPath}: the defaults, nianbao.rules and ${from} merged`);
    return `${heading}\n${JSON.stringify(result, null, 2)}\n`;
  }

  async show(): Promise<void> {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage(t('请先打开一份 Markdown 年报草稿。', 'Open a Markdown report draft first.'));
      return;
    }
    const name = document.uri.path.split('/').pop() ?? 'draft';
    const uri = vscode.Uri.from({ scheme: CONFIG_SCHEME, path: `/${t('生效的配置', 'effective configuration')} - ${name}.jsonc`, query: document.uri.toString() });
    const shown = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), 'jsonc');
    await vscode.window.showTextDocument(shown, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }
}

/**
 * 从 Word 文档导入年报: a .docx (or a saved .html page) picked in a dialog, or
 * from the explorer's menu, made a draft by the server and written beside it
 * under a name not taken (报告.md, 报告（2）.md …), then opened beside the
 * editor. The original is never touched, and no file is overwritten.
 */
async function importDocument(ready: () => Promise<void>, picked?: vscode.Uri): Promise<vscode.Uri | undefined> {
  const source =
    picked ??
    (
      await vscode.window.showOpenDialog({
        canSelectMany: false,
        openLabel: t('导入', 'Import'),
        title: t('从 Word 文档导入年报', 'Import a report from a Word document'),
        filters: { [t('Word 文档或网页', 'Word documents or web pages')]: ['docx', 'html', 'htm'] },
      })
    )?.[0];
  if (!source) return undefined;
  await ready();
  const result = await vscode.commands.executeCommand<{ text: string; notes: string[] } | { error: string }>('nianbao.server.importDocument', source.toString());
  if (!result || 'error' in result) {
    void vscode.window.showErrorMessage(result?.error ?? t('导入失败', 'The import failed'));
    return undefined;
  }
  const folder = vscode.Uri.joinPath(source, '..');
  const stem = source.path.split('/').pop()!.replace(/\.[^.]+$/, '');
  let target = vscode.Uri.joinPath(folder, `${stem}.md`);
  for (let n = 2; await exists(target); n++) target = vscode.Uri.joinPath(folder, `${stem}（${n}）.md`);
  await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(result.text));
  // Beside the editor open now (the one the clerk imports from); in the first group when none is.
  await vscode.window.showTextDocument(target, { viewColumn: vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active });
  if (result.notes.length) {
    output?.info(result.notes.join('\n'));
    const show = t('显示详情', 'Show details');
    void vscode.window
      .showWarningMessage(t(`已导入，有 ${result.notes.length} 条需要核对的提示`, `Imported, with ${result.notes.length} notes to check`), show)
      .then((choice) => choice === show && output!.show(true));
  }
  return target;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function createClient(context: vscode.ExtensionContext, channel: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every scheme: file, untitled, vscode-remote, vscode-vfs … (remote and code-server setups).
    documentSelector: [{ language: 'markdown' }],
    synchronize: { configurationSection: 'nianbao' },
    // readSettings() on the server accepts { nianbao: {…} }; displayLanguage helps locale 'auto'.
    // Diagnostics are pushed, though VS Code could pull them: the server then waits for the
    // typing to pause (nianbao.debounceMs) and shows the progress of a long compilation.
    initializationOptions: { nianbao: settingsSnapshot(), displayLanguage: vscode.env.language, diagnostics: 'push' },
    outputChannel: channel,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    diagnosticCollectionName: 'nianbao',
    middleware: {
      // 'never' switches the checks off whatever the server does.
      handleDiagnostics(uri, diagnostics, next) {
        const enable = vscode.workspace.getConfiguration('nianbao', uri).get<string>('enable', 'auto');
        next(uri, enable === 'never' ? [] : diagnostics);
      },
      // VS Code has the same snippets from contributes.snippets (snippets/markdown.json);
      // the server's snippet completions are for other editors, so they are not shown twice.
      async provideCompletionItem(document, position, context, token, next) {
        const result = await next(document, position, context, token);
        const items = Array.isArray(result) ? result : result?.items;
        const kept = (items ?? []).filter((item) => item.kind !== vscode.CompletionItemKind.Snippet);
        return Array.isArray(result) || !result ? kept : { ...result, items: kept };
      },
    },
  };
  const languageClient = new LanguageClient('nianbao', OUTPUT_NAME, serverOptions, clientOptions);
  return languageClient;
}

/** Run a command attached to a code action (the server's are registered by the language client). */
async function runCommand(command: vscode.Command): Promise<void> {
  await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

function countEdits(edit: vscode.WorkspaceEdit): number {
  return edit.entries().reduce((n, [, edits]) => n + edits.length, 0);
}

/**
 * Apply the source.fixAll.nianbao action of a document. Returns how many edits
 * were applied (a command-only action counts as one).
 */
/**
 * The fix-all code actions of the whole document. VS Code cancels a code-action
 * request when the document changes under it (the diagnostics of a previous
 * edit still arriving, say): then it is asked again, for the text as it is now.
 */
async function fixAllActions(document: vscode.TextDocument, attempts = 3): Promise<(vscode.CodeAction | vscode.Command)[]> {
  for (let attempt = 1; ; attempt++) {
    const whole = document.validateRange(new vscode.Range(0, 0, document.lineCount, 0));
    try {
      return (
        (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
          'vscode.executeCodeActionProvider',
          document.uri,
          whole,
          FIX_ALL_KIND.value,
          // Resolve lazily computed edits (codeAction/resolve).
          1000,
        )) ?? []
      );
    } catch (error) {
      if (attempt >= attempts || !(error instanceof Error) || !/^Canceled$/.test(error.message)) throw error;
    }
  }
}

async function fixAll(ready: Promise<void>, uri?: vscode.Uri, quiet = false): Promise<number> {
  const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
  if (!document || document.languageId !== 'markdown') {
    if (!quiet) void vscode.window.showInformationMessage(t('请先打开一份 Markdown 年报草稿。', 'Open a Markdown report draft first.'));
    return 0;
  }
  await ready;
  const actions = await fixAllActions(document);
  // The first fix-all action only: a second one was computed against the text
  // before the first was applied (the server offers one for the whole document).
  const action = actions.find((a) => typeof a.command === 'string' || !(a as vscode.CodeAction).kind || FIX_ALL_KIND.contains((a as vscode.CodeAction).kind!));
  let applied = 0;
  if (action && typeof action.command === 'string') {
    // A bare Command.
    await runCommand(action as vscode.Command);
    applied = 1;
  } else if (action) {
    const codeAction = action as vscode.CodeAction;
    if (codeAction.edit && countEdits(codeAction.edit) > 0 && (await vscode.workspace.applyEdit(codeAction.edit))) applied = countEdits(codeAction.edit);
    if (codeAction.command) {
      await runCommand(codeAction.command);
      applied = Math.max(applied, 1);
    }
  }
  if (!quiet) {
    void vscode.window.showInformationMessage(
      applied ? t(`已修复 ${applied} 处。`, `Fixed ${applied} problem${applied === 1 ? '' : 's'}.`) : t('没有可以自动修复的问题。', 'Nothing to fix automatically.'),
    );
  }
  return applied;
}

function createStatus(): vscode.LanguageStatusItem {
  const item = vscode.languages.createLanguageStatusItem('nianbao.status', { language: 'markdown' });
  item.name = OUTPUT_NAME;
  item.command = { command: 'nianbao.showOutput', title: t('显示输出', 'Show output') };
  return item;
}

function showStatus(item: vscode.LanguageStatusItem, state: 'starting' | 'running' | 'stopped' | 'failed'): void {
  item.busy = state === 'starting';
  item.severity = state === 'failed' ? vscode.LanguageStatusSeverity.Error : vscode.LanguageStatusSeverity.Information;
  item.text =
    state === 'running'
      ? t('$(check) 年报校验', '$(check) Nianbao')
      : state === 'starting'
        ? t('年报校验启动中', 'Nianbao starting')
        : state === 'failed'
          ? t('$(error) 年报校验未能启动', '$(error) Nianbao failed to start')
          : t('年报校验已停止', 'Nianbao stopped');
  item.detail = t('政府信息公开年报校验', 'Annual report checks');
}

export function activate(context: vscode.ExtensionContext): NianbaoApi {
  output = vscode.window.createOutputChannel(OUTPUT_NAME, { log: true });
  context.subscriptions.push(output);
  const status = createStatus();
  context.subscriptions.push(status);

  const start = async (): Promise<void> => {
    showStatus(status, 'starting');
    try {
      if (!client) {
        client = createClient(context, output!);
        client.onDidChangeState((e) => showStatus(status, e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped'));
      }
      await client.start();
      showStatus(status, 'running');
    } catch (error) {
      showStatus(status, 'failed');
      output!.error(String((error as Error).stack ?? error));
      const show = t('显示输出', 'Show output');
      void vscode.window
        .showErrorMessage(t(`年报校验服务未能启动：${(error as Error).message}`, `The Nianbao server failed to start: ${(error as Error).message}`), show)
        .then((choice) => choice === show && output!.show(true));
    }
  };
  let ready = start();
  const effectiveConfigs = new EffectiveConfigDocuments(() => ready);

  context.subscriptions.push(
    vscode.commands.registerCommand('nianbao.restartServer', async () => {
      await ready;
      ready = (async () => {
        if (client?.isRunning()) {
          showStatus(status, 'starting');
          try {
            await client.restart();
            showStatus(status, 'running');
            output!.info(t('服务已重启', 'server restarted'));
          } catch (error) {
            showStatus(status, 'failed');
            output!.error(String((error as Error).stack ?? error));
          }
        } else {
          await start();
        }
      })();
      await ready;
    }),
    vscode.commands.registerCommand('nianbao.showOutput', () => output!.show(true)),
    vscode.commands.registerCommand('nianbao.fixAll', (uri?: unknown) => fixAll(ready, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.workspace.registerTextDocumentContentProvider(CONFIG_SCHEME, effectiveConfigs),
    vscode.commands.registerCommand('nianbao.showEffectiveConfig', () => effectiveConfigs.show()),
    vscode.commands.registerCommand('nianbao.importDocument', (uri?: unknown) => importDocument(() => ready, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('nianbao.exportDocx', (uri?: unknown) => exportDraft(() => ready, 'docx', t, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('nianbao.exportHtml', (uri?: unknown) => exportDraft(() => ready, 'html', t, uri instanceof vscode.Uri ? uri : undefined)),
    vscode.commands.registerCommand('nianbao.exportDocxReview', (uri?: unknown) => exportDraft(() => ready, 'docx', t, uri instanceof vscode.Uri ? uri : undefined, true)),
    ...registerWorkspaceCheck(() => client, () => ready, t),
  );
  registerPreview(context, () => ready.then(() => client), t);
  context.subscriptions.push(registerReportContext(() => ready.then(() => client)));

  return {
    get client() {
      return client;
    },
    get ready() {
      return ready;
    },
    fixAll: (uri?: vscode.Uri) => fixAll(ready, uri, true),
    extendMarkdownIt,
  };
}

export async function deactivate(): Promise<void> {
  const running = client;
  client = undefined;
  if (running?.needsStop()) await running.stop();
}
