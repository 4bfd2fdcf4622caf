/**
 * 预览年报（标准版式）: a webview beside the editor that shows the active draft
 * as the published report looks — the tables in the official merged-cell
 * layout, the cells with findings marked — drawn by the server from its cached
 * analysis (request nianbao/preview).
 *
 * It follows the active Markdown editor; updates as the clerk types (after a
 * short pause, and when the diagnostics change) by replacing the body in
 * place, so the scroll position stays; a click on a cell or a heading selects
 * its source in the editor; scrolling either side scrolls the other, each side
 * ignoring the scroll it caused (as the built-in Markdown preview does).
 *
 * The page: a strict Content-Security-Policy with a nonce, no remote
 * resources, only the extension's media folder readable, one script
 * (media/preview.js) and one stylesheet (media/preview.css). It is restored
 * after a reload (registerWebviewPanelSerializer).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { PREVIEW_REQUEST, type PreviewResult } from '../../server/src/lsp/preview-protocol';

const PREVIEW_VIEW_TYPE = 'nianbao.preview';

/** The pause after a keystroke before the preview asks for the new text. */
const TYPING_DELAY_MS = 150;
/** How long a side ignores scroll events after it was scrolled by the other. */
const SCROLL_ECHO_MS = 300;

type Translate = (zh: string, en: string) => string;

/** What the page's script posts. */
type FromPage =
  | { type: 'ready' }
  | { type: 'reveal'; line: number; range?: string }
  | { type: 'scroll'; line: number };

/** What the page keeps across reloads (vscode.setState): the draft it shows. */
interface PageState {
  uri?: string;
}

const isDraft = (document: vscode.TextDocument) => document.languageId === 'markdown';

const nonce = (): string => randomBytes(16).toString('base64');

/** A `line:character:line:character` range of the page's data-range. */
function parseRange(text: string | undefined): vscode.Range | undefined {
  const n = text?.split(':').map(Number);
  if (!n || n.length !== 4 || n.some((x) => !Number.isInteger(x) || x < 0)) return undefined;
  return new vscode.Range(n[0], n[1], n[2], n[3]);
}

class ReportPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private panelListeners: vscode.Disposable[] = [];
  private readonly listeners: vscode.Disposable[] = [];
  /** The draft shown. */
  private uri: vscode.Uri | undefined;
  private shown: { version: number | null; html: string | null } | undefined;
  /** Requests are numbered: an answer older than the last one shown is dropped. */
  private asked = 0;
  private answered = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Until when the editor's scrolling is the page's doing (not echoed back), and the reverse. */
  private editorScrolledByPage = 0;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: () => Promise<LanguageClient | undefined>,
    private readonly t: Translate,
  ) {
    this.listeners.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && editor && isDraft(editor.document) && editor.document.uri.toString() !== this.uri?.toString()) this.follow(editor.document.uri);
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.uri.toString() === this.uri?.toString() && event.contentChanges.length) this.schedule(TYPING_DELAY_MS);
      }),
      vscode.languages.onDidChangeDiagnostics((event) => {
        if (this.uri && event.uris.some((u) => u.toString() === this.uri!.toString())) this.schedule(0);
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
        if (!this.panel?.visible || event.textEditor.document.uri.toString() !== this.uri?.toString()) return;
        if (Date.now() < this.editorScrolledByPage || !event.visibleRanges.length) return;
        void this.panel.webview.postMessage({ type: 'scrollTo', line: event.visibleRanges[0].start.line });
      }),
    );
  }

  /** 预览年报（标准版式）: the preview of the active draft (or `uri`) beside it. */
  async show(uri?: vscode.Uri): Promise<void> {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    const document = target ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString()) : undefined;
    if (!target || (document && !isDraft(document))) {
      void vscode.window.showInformationMessage(this.t('请先打开一份 Markdown 年报草稿。', 'Open a Markdown report draft first.'));
      return;
    }
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, '', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, this.options());
      this.attach(panel);
    }
    this.follow(target);
  }

  /** A panel VS Code kept across a reload. */
  async restore(panel: vscode.WebviewPanel, state: PageState | undefined): Promise<void> {
    this.panel?.dispose();
    panel.webview.options = this.options();
    this.attach(panel);
    const uri = state?.uri ? vscode.Uri.parse(state.uri) : vscode.window.activeTextEditor?.document.uri;
    if (!uri) return;
    // Opened (not shown) so that the server has it, when the reload did not bring its editor back.
    await vscode.workspace.openTextDocument(uri).then(undefined, () => undefined);
    this.follow(uri);
  }

  private options(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, enableCommandUris: false, enableFindWidget: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.shown = undefined;
    panel.webview.html = this.page(panel.webview);
    this.panelListeners = [
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.uri = undefined;
        for (const l of this.panelListeners.splice(0)) l.dispose();
      }),
      panel.webview.onDidReceiveMessage((message: FromPage) => void this.received(message)),
    ];
  }

  /** Show `uri` from now on. */
  private follow(uri: vscode.Uri): void {
    if (!this.panel) return;
    if (uri.toString() !== this.uri?.toString()) this.shown = undefined;
    this.uri = uri;
    const name = decodeURIComponent(uri.path.split('/').pop() ?? '');
    this.panel.title = this.t(`预览 ${name}`, `Preview ${name}`);
    this.schedule(0);
  }

  private schedule(delay: number): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  private async update(): Promise<void> {
    const uri = this.uri;
    const panel = this.panel;
    if (!uri || !panel) return;
    const asked = ++this.asked;
    const versionOf = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.version;
    const version = versionOf();
    let result: PreviewResult | null = null;
    try {
      const client = await this.client();
      if (!client) return;
      result = await client.sendRequest<PreviewResult | null>(PREVIEW_REQUEST, { textDocument: { uri: client.code2ProtocolConverter.asUri(uri) } });
    } catch {
      // The server restarting, or the request cancelled: the next change asks again.
      return;
    }
    if (asked < this.answered || this.panel !== panel || this.uri?.toString() !== uri.toString() || !result) return;
    // Typed on meanwhile: the answer is for an older text (or none, the server having moved on); the change asks again.
    if (versionOf() !== version) return;
    this.answered = asked;
    if (this.shown && this.shown.version === result.version && this.shown.html === result.html) return;
    const first = !this.shown;
    this.shown = { version: result.version, html: result.html };
    await panel.webview.postMessage({
      type: 'update',
      uri: uri.toString(),
      html: result.html ?? `<p class="nb-empty">${this.t('这份文档不是政府信息公开工作年度报告，没有可预览的内容。', 'This document is not an annual report: there is nothing to preview.')}</p>`,
    });
    // A new page starts where the editor is.
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (first && editor?.visibleRanges.length) void panel.webview.postMessage({ type: 'scrollTo', line: editor.visibleRanges[0].start.line });
  }

  private async received(message: FromPage): Promise<void> {
    if (message.type === 'ready') {
      this.shown = undefined;
      this.schedule(0);
      return;
    }
    const uri = this.uri;
    if (!uri || typeof message.line !== 'number') return;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    if (message.type === 'scroll') {
      if (!editor) return;
      this.editorScrolledByPage = Date.now() + SCROLL_ECHO_MS;
      const line = Math.min(Math.max(0, message.line), editor.document.lineCount - 1);
      editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
      return;
    }
    // A click: the source of the cell or heading, selected in its editor (the page stays where it is).
    this.editorScrolledByPage = Date.now() + SCROLL_ECHO_MS;
    const document = editor?.document ?? (await vscode.workspace.openTextDocument(uri));
    const line = Math.min(Math.max(0, message.line), document.lineCount - 1);
    const range = document.validateRange(parseRange(message.range) ?? new vscode.Range(line, 0, line, 0));
    const shown = await vscode.window.showTextDocument(document, { viewColumn: editor?.viewColumn ?? vscode.ViewColumn.One, selection: new vscode.Selection(range.start, range.end), preserveFocus: false });
    shown.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private page(webview: vscode.Webview): string {
    const n = nonce();
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file));
    const csp = `default-src 'none'; style-src ${webview.cspSource} 'nonce-${n}'; script-src 'nonce-${n}'; img-src ${webview.cspSource};`;
    const loading = this.t('正在生成预览……', 'Drawing the preview…');
    return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${n}" href="${media('preview.css')}">
</head>
<body>
<main id="nb-root"><p class="nb-empty">${loading}</p></main>
<script nonce="${n}" src="${media('preview.js')}"></script>
</body>
</html>`;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const l of this.listeners.splice(0)) l.dispose();
  }
}

/** Registers the command and the serializer; the preview is disposed with the extension. */
export function registerPreview(context: vscode.ExtensionContext, client: () => Promise<LanguageClient | undefined>, t: Translate): void {
  const preview = new ReportPreview(context.extensionUri, client, t);
  context.subscriptions.push(
    preview,
    vscode.commands.registerCommand('nianbao.showPreview', (uri?: unknown) => preview.show(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: (panel, state: PageState | undefined) => preview.restore(panel, state),
    }),
  );
}
