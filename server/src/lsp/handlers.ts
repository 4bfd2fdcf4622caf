/**
 * The feature requests: code actions, completion, outline, hover, folding and
 * the server's commands. Each answers from the analysis the diagnostics were
 * made from (Analyses.reportOf), through the pure functions of features/;
 * errors are logged and answered with an empty result, and a request before
 * initialize gets the error the protocol prescribes.
 */
import {
  ErrorCodes,
  MessageType,
  ShowMessageNotification,
  LSPErrorCodes,
  ResponseError,
  TextDocumentEdit,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type TextDocuments,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TableId } from '../format/standard';
import type { TextEdit } from '../model/report';
import { fixAllEdits } from '../engine/fix';
import { codeActions, tableConversions } from '../features/codeActions';
import { completionsAt } from '../features/completion';
import { documentSymbols } from '../features/symbols';
import { hoverAt } from '../features/hover';
import { foldingRanges } from '../features/folding';
import { formatTables } from '../features/format';
import { isLong, isMarkdown, type Analyses, type ServerStats } from './analyses';
import { effectiveConfig, type EffectiveConfig } from '../features/effective-config';
import { importDocument, type ImportResult } from './import';
import { isReport, previewOf } from './preview';
import { IS_REPORT_REQUEST, PREVIEW_REQUEST, type PreviewParams, type PreviewResult } from './preview-protocol';
import { exportForClient, type ExportResult } from './export';
import type { ClientState } from './client';
import { toCompletionItem, toDocumentSymbol, toSymbolInformation } from './convert';
import type { WorkspaceScanStats } from './workspace-reports';

/**
 * Server commands. Named apart from the client's palette commands (nianbao.fixAll),
 * because vscode-languageclient registers every server command in VS Code.
 */
export const COMMANDS = {
  fixAll: 'nianbao.server.fixAll',
  convertTable: 'nianbao.server.convertTable',
  effectiveConfig: 'nianbao.server.effectiveConfig',
  importDocument: 'nianbao.server.importDocument',
  /** Arguments: the draft's uri, 'docx' or 'html', and true for a review copy. */
  exportDocument: 'nianbao.server.export',
} as const;

/** A command's document argument: a URI string, or an object holding one. */
function uriArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as Record<string, unknown>;
    for (const key of ['uri', 'external', 'textDocument']) {
      const v = o[key];
      if (typeof v === 'string') return v;
      if (v && typeof v === 'object' && typeof (v as { uri?: unknown }).uri === 'string') return (v as { uri: string }).uri;
    }
  }
  return undefined;
}

export interface HandlerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  client: ClientState;
  analyses: Analyses;
  log: (what: string, error: unknown) => void;
  /** Whether initialize has been received. */
  initialized: () => boolean;
  /** Resolves when no diagnostics are waiting or being made (the rechecks that opening documents starts included). */
  settled: () => Promise<void>;
  /** How far the reading of the workspace folders got. */
  workspaceStats: () => WorkspaceScanStats;
}

export function registerHandlers(ctx: HandlerContext): void {
  const { connection, documents, client, analyses, log } = ctx;

  /**
   * Wrap a handler: errors are logged and answered with the fallback. A
   * request the client cancelled (its token, the handler's second argument)
   * is answered RequestCancelled, before or after the work it waited for.
   */
  function guard<P extends unknown[], R>(what: string, fallback: R, handler: (...args: P) => R | Promise<R>) {
    return async (...args: P): Promise<R> => {
      if (!ctx.initialized()) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'The server has not been initialized');
      const token = args[1] as CancellationToken | undefined;
      const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled');
      if (token?.isCancellationRequested) throw cancelled();
      // A request on a short document goes before a long document's check (never one on a long document: it may wait for that check).
      const uri = (args[0] as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
      const document = typeof uri === 'string' ? documents.get(uri) : undefined;
      const done = document && !isLong(document) ? analyses.foreground.begin() : undefined;
      let result: R;
      try {
        result = await handler(...args);
      } catch (error) {
        log(what, error);
        result = fallback;
      } finally {
        done?.();
      }
      if (token?.isCancellationRequested) throw cancelled();
      return result;
    };
  }

  const toWorkspaceEdit = (document: TextDocument, edits: TextEdit[]): WorkspaceEdit =>
    client.documentChanges
      ? { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits as LspTextEdit[])] }
      : { changes: { [document.uri]: edits as LspTextEdit[] } };

  connection.onCodeAction(
    guard('codeAction', [] as CodeAction[], async (params) => {
      const found = await analyses.reportOf(params.textDocument.uri);
      if (!found) return [];
      const { document, analysis, locale, options } = found;
      const context = params.context;
      const actions = codeActions(analysis, { range: params.range, diagnostics: context.diagnostics, only: context.only }, locale, { analyzer: analyses.analyzer, options });
      // A client that cannot grey an action out would offer it as a choice that does nothing: it is left out.
      return actions.filter((action) => client.disabledActions || !action.disabled).map(
        (action): CodeAction => ({
          title: action.title,
          kind: action.kind,
          ...(action.isPreferred ? { isPreferred: true } : {}),
          ...(action.diagnostics ? { diagnostics: action.diagnostics.map((i) => context.diagnostics[i]) } : {}),
          ...(action.disabled ? { disabled: { reason: action.disabled } } : { edit: toWorkspaceEdit(document, action.edits) }),
        }),
      );
    }),
  );

  connection.onCompletion(
    guard('completion', [] as ReturnType<typeof toCompletionItem>[], async (params) => {
      const document = documents.get(params.textDocument.uri);
      if (!document || !isMarkdown(document)) return [];
      const settings = await client.settingsFor(document.uri);
      if (settings.enable === 'never') return [];
      const { line } = params.position;
      const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/(\r\n|\r|\n)$/, '');
      const emptyDocument = document.getText().trim() === lineText.trim();
      return completionsAt(lineText, params.position, client.localeOf(settings), { emptyDocument }).map((item) => toCompletionItem(item, client.snippetSupport));
    }),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', [] as ReturnType<typeof toDocumentSymbol>[] | ReturnType<typeof toSymbolInformation>, async (params) => {
      const found = await analyses.reportOf(params.textDocument.uri);
      if (!found) return [];
      const symbols = documentSymbols(found.analysis, found.locale);
      return client.hierarchicalSymbols ? symbols.map(toDocumentSymbol) : toSymbolInformation(symbols, found.document.uri);
    }),
  );

  connection.onHover(
    guard('hover', null, async (params) => {
      const found = await analyses.reportOf(params.textDocument.uri);
      if (!found) return null;
      const hover = hoverAt(found.analysis, params.position, found.locale);
      return hover ? { contents: { kind: 'markdown' as const, value: hover.markdown }, ...(hover.range ? { range: hover.range } : {}) } : null;
    }),
  );

  // Formatting: the pipe tables of a report draft aligned (features/format.ts); other Markdown is left alone.
  connection.onDocumentFormatting(
    guard('formatting', [] as TextEdit[], async (params) => {
      const found = await analyses.reportOf(params.textDocument.uri);
      return found ? formatTables(found.document.getText()) : [];
    }),
  );
  connection.onDocumentRangeFormatting(
    guard('rangeFormatting', [] as TextEdit[], async (params) => {
      const found = await analyses.reportOf(params.textDocument.uri);
      return found ? formatTables(found.document.getText(), params.range) : [];
    }),
  );

  connection.onFoldingRanges(
    guard('foldingRange', [] as ReturnType<typeof foldingRanges>, async (params) => {
      const found = await analyses.reportOf(params.textDocument.uri);
      return found ? foldingRanges(found.analysis) : [];
    }),
  );

  // The live preview in the official layout (the VS Code client's webview; any client may ask).
  connection.onRequest(
    PREVIEW_REQUEST,
    guard('preview', null as PreviewResult | null, (params: PreviewParams) => previewOf(analyses, params.textDocument.uri)),
  );
  connection.onRequest(
    IS_REPORT_REQUEST,
    guard('isReport', false, (params: PreviewParams) => isReport(analyses, params.textDocument.uri)),
  );

  // What the analyses did so far: for tests and benchmarks that speak the protocol (not an editor feature).
  // With { settled: true }, once the workspace folders' titles are read and the diagnostics under way and scheduled are done.
  connection.onRequest(
    'nianbao/stats',
    guard('stats', undefined, async (params?: { settled?: boolean } | null): Promise<ServerStats> => {
      if (params?.settled) await ctx.settled();
      const memory = process.memoryUsage();
      return {
        ...analyses.stats,
        openDocuments: documents.all().length,
        cachedParts: analyses.analyzer.cachedParts,
        indexedFiles: analyses.indexedFiles,
        workspace: ctx.workspaceStats(),
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
      };
    }),
  );

  async function apply(document: TextDocument, edits: TextEdit[], label: string): Promise<{ applied: boolean; edits: number }> {
    const result = await connection.workspace.applyEdit({ label, edit: toWorkspaceEdit(document, edits) });
    return { applied: result.applied, edits: edits.length };
  }

  connection.onExecuteCommand(
    guard('executeCommand', { applied: false, edits: 0 } as { applied: boolean; edits: number } | EffectiveConfig | ImportResult | ExportResult, async (params) => {
      const uri = uriArgument(params.arguments?.[0]);
      if (params.command === COMMANDS.effectiveConfig) return effectiveConfig(uri, uri ? await client.settingsFor(uri) : client.global);
      if (params.command === COMMANDS.importDocument) return importDocument(uri, client.localeOf(client.global));
      const found = uri ? await analyses.reportOf(uri) : undefined;
      const settings = uri ? await client.settingsFor(uri) : client.global;
      const locale = client.localeOf(settings);
      // A notice, not a question: window/showMessage, which no editor waits on (showInformationMessage would be a request).
      const nothing = (zh: string, en: string) => {
        void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: locale === 'zh' ? zh : en }).catch((error) => log('showMessage', error));
        return { applied: false, edits: 0 };
      };
      if (!uri) return nothing('请在年度报告草稿中运行此命令', 'Run this command on an annual report draft');
      if (!found) return nothing('当前文档不是政府信息公开工作年度报告', 'This document is not an annual report');
      const { document, analysis, options } = found;
      if (params.command === COMMANDS.exportDocument) return exportForClient(analysis, params.arguments?.[1], params.arguments?.[2] === true, locale, params.arguments?.[3]);
      if (params.command === COMMANDS.fixAll) {
        const edits = fixAllEdits(analysis, options, analyses.analyzer);
        if (edits.length === 0) return nothing('没有可以确定的修复：余下的问题需要逐一核对', 'Nothing whose fix is certain; what remains needs checking one by one');
        return apply(document, edits, locale === 'zh' ? '修复全部可以确定的问题' : 'Fix all problems whose fix is certain');
      }
      if (params.command === COMMANDS.convertTable) {
        // Arguments: uri, then optionally a table id (t2/t3/t4) and a line (to pick one report of several).
        const id = params.arguments?.[1] as TableId | undefined;
        const line = params.arguments?.[2];
        const conversions = tableConversions(analysis).filter((c) => {
          if (id && c.id !== id) return false;
          if (typeof line !== 'number') return true;
          const part = analysis.parts[c.part];
          const next = analysis.parts[c.part + 1];
          return line >= part.startLine && (!next || line < next.startLine);
        });
        if (conversions.length === 0) return nothing('表格已是标准格式，无需转换', 'The tables are already in the standard layout');
        return apply(document, conversions.map((c) => c.edit), locale === 'zh' ? '转换为标准表格' : 'Convert to the standard table');
      }
      return { applied: false, edits: 0 };
    }),
  );
}
