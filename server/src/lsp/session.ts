/**
 * The protocol glue: documents, settings, debounced diagnostics, and handlers
 * that call the engine and the feature functions. Every handler catches its
 * errors, logs them to the client's output and answers with an empty result.
 *
 * The server runs nothing. Besides the documents the client sends, it reads
 * (never writes) Markdown files of the workspace folders to find last year's
 * report of a unit (workspace-reports.ts), so it is safe in untrusted workspaces.
 */
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  TextDocumentEdit,
  type CodeAction,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, type AnalyzeOptions, type DocumentAnalysis } from '../engine/analyze';
import { fixAllEdits } from '../engine/fix';
import type { Report, TextEdit } from '../model/report';
import { lastYearReport } from '../parse/units';
import type { TableId } from '../format/standard';
import { DEFAULT_SETTINGS, checkOptions, readSettings, resolveLocale, type Locale, type Settings } from '../features/settings';
import { ACTION_KINDS, codeActions, findingIdsOf, tableConversions } from '../features/codeActions';
import { completionsAt } from '../features/completion';
import { documentSymbols } from '../features/symbols';
import { hoverAt } from '../features/hover';
import { foldingRanges } from '../features/folding';
import { toCompletionItem, toDiagnostic, toDocumentSymbol, toSymbolInformation } from './convert';
import { locate, type LocatedReport } from './others';
import { WorkspaceReports } from './workspace-reports';

/**
 * Server commands. Named apart from the client's palette commands (nianbao.fixAll),
 * because vscode-languageclient registers every server command in VS Code.
 */
export const COMMANDS = {
  fixAll: 'nianbao.server.fixAll',
  convertTable: 'nianbao.server.convertTable',
} as const;

const MARKDOWN_PATH = /\.(md|markdown|mdown|mkd|mkdn)$/i;

export function isMarkdown(document: { languageId: string; uri: string }): boolean {
  if (document.languageId === 'markdown') return true;
  const path = document.uri.replace(/[?#].*$/, '');
  return MARKDOWN_PATH.test(path);
}

/** What initializationOptions may carry: settings for clients that cannot answer workspace/configuration. */
export interface InitializationOptions {
  /** The nianbao settings: `{ settings: {…} }`, `{ nianbao: {…} }` or the section itself. */
  settings?: Partial<Settings>;
  nianbao?: Partial<Settings>;
  /** The editor's display language, when InitializeParams.locale is not sent (for locale 'auto'). */
  displayLanguage?: string;
}

interface Others {
  found: LocatedReport[];
  /** Which documents and files, at which versions: changes when a comparison must be made again. */
  key: string;
}

/** How long a check waits for the workspace folders to be read before it goes on without them. */
const WORKSPACE_WAIT_MS = 3000;

/** The promise's value, or undefined when it takes longer than `ms`. */
function waitFor<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);

  let clientLocale: string | undefined;
  let configurationRequests = false;
  let dynamicConfiguration = false;
  let documentChanges = false;
  let hierarchicalSymbols = false;
  let workspaceFolderEvents = false;
  let watchedFilesRegistration = false;
  let globalSettings: Settings = { ...DEFAULT_SETTINGS };

  const documentSettings = new Map<string, Promise<Settings>>();
  /** The last settings a document was analysed with (for the debounce delay). */
  const lastSettings = new Map<string, Settings>();
  const analyses = new Map<string, { version: number; settingsKey: string; othersKey: string; analysis: DocumentAnalysis }>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const published = new Map<string, number>();
  const seen = new Set<string>();

  const log = (what: string, error: unknown) => {
    try {
      connection.console.error(`nianbao: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } catch {
      // The connection itself is gone; nothing to tell.
    }
  };

  /** Last year's reports in the workspace folders. */
  const workspace = new WorkspaceReports({ log });

  /** Wrap a handler: errors are logged and answered with the fallback. */
  function guard<P extends unknown[], R>(what: string, fallback: R, handler: (...args: P) => R | Promise<R>) {
    return async (...args: P): Promise<R> => {
      try {
        return await handler(...args);
      } catch (error) {
        log(what, error);
        return fallback;
      }
    };
  }

  // -------------------------------------------------------------------------
  // Settings and analysis
  // -------------------------------------------------------------------------

  function settingsFor(uri: string): Promise<Settings> {
    if (!configurationRequests) return Promise.resolve(globalSettings);
    let settings = documentSettings.get(uri);
    if (!settings) {
      settings = connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'nianbao' })
        .then((raw) => readSettings(raw, globalSettings))
        .catch((error) => {
          log('workspace/configuration', error);
          return globalSettings;
        });
      documentSettings.set(uri, settings);
    }
    return settings;
  }

  const localeOf = (settings: Settings): Locale => resolveLocale(settings.locale, clientLocale);

  /** It caches each report's reading by text, and its findings by text and check options. */
  const analyzer = new Analyzer();

  /** A document's analysis on its own, without other documents (cheap: the Analyzer caches by text). */
  function plainAnalysis(uri: string, text: string, settings: Settings): DocumentAnalysis {
    return analyzer.analyze(text, analyzeOptions(uri, settings));
  }

  /** The editor sees a check that fails as a finding naming it, never as silence. */
  const analyzeOptions = (uri: string, settings: Settings): AnalyzeOptions => ({ enable: settings.enable, check: checkOptions(settings), uri, checkErrors: 'report' });

  /**
   * Last year's report of the same unit, for each report of the document: the
   * cross-file checks (carry-over …) compare with it. Open documents come first
   * (their text, not the file's); then files of the workspace folders. Either
   * may hold several reports: the right one is taken, with its start line.
   */
  async function othersFor(uri: string, own: DocumentAnalysis, settings: Settings): Promise<Others> {
    const found: LocatedReport[] = [];
    const keys: string[] = [];
    const open = documents.all();
    const matches = (report: Report, other: { uri: string; report: Report }) => !!lastYearReport(report, [other]);
    let wanted = own.parts.map((p) => p.report);
    for (const other of open) {
      if (other.uri === uri || !isMarkdown(other)) continue;
      const analysis = plainAnalysis(other.uri, other.getText(), settings);
      if (!analysis.isReport) continue;
      for (const part of analysis.parts) {
        const candidate = { uri: other.uri, report: part.report };
        if (!wanted.some((r) => matches(r, candidate))) continue;
        wanted = wanted.filter((r) => !matches(r, candidate));
        found.push({ ...candidate, startLine: part.startLine });
        keys.push(`${other.uri}#${part.startLine}@${other.version}`);
      }
    }
    if (wanted.length && workspace.folderPaths.length) {
      const lookup = workspace.lastYearReports(wanted, open.map((d) => d.uri));
      const fromDisk = await waitFor(lookup, WORKSPACE_WAIT_MS);
      if (fromDisk === undefined) {
        log('workspace folders', new Error(`still reading after ${WORKSPACE_WAIT_MS} ms; checking without them for now`));
        lookup.then(() => recheckOthers(), () => undefined);
      }
      for (const f of fromDisk ?? []) {
        found.push({ uri: f.uri, report: f.report, startLine: f.startLine });
        keys.push(f.version);
      }
    }
    return { found, key: keys.join('|') };
  }

  /**
   * A document's analysis, with last year's report when there is one. With
   * `reuse`, the last analysis of this version is taken as it is (features
   * answer from what the diagnostics showed); diagnostics look again.
   */
  async function analysisFor(document: TextDocument, settings: Settings, reuse = false): Promise<DocumentAnalysis> {
    const { uri, version } = document;
    const text = document.getText();
    const settingsKey = `${settings.enable}|${JSON.stringify(checkOptions(settings))}`;
    const cached = analyses.get(uri);
    const current = cached?.version === version && cached.settingsKey === settingsKey ? cached : undefined;
    if (current && reuse) return current.analysis;
    const own = plainAnalysis(uri, text, settings);
    let analysis = own;
    let othersKey = '';
    if (own.isReport && settings.enable !== 'never') {
      try {
        const { found, key } = await othersFor(uri, own, settings);
        othersKey = key;
        if (current && current.othersKey === key) return current.analysis;
        if (found.length) {
          const located = locate(found);
          analysis = located.place(
            analyzer.analyze(text, { ...analyzeOptions(uri, settings), others: located.others }),
          );
        }
      } catch (error) {
        log('cross-document checks', error);
      }
    }
    // Kept unless the document was closed, or moved on to a version analysed already.
    const latest = analyses.get(uri);
    if (documents.get(uri) && (!latest || latest.version <= version)) analyses.set(uri, { version, settingsKey, othersKey, analysis });
    return analysis;
  }

  /** Open reports whose last year's report changed (opened, edited, closed, or changed on disk): check them again. */
  async function recheckOthers(except?: string): Promise<void> {
    for (const other of documents.all()) {
      if (other.uri === except) continue;
      const cached = analyses.get(other.uri);
      if (!cached || cached.version !== other.version) continue;
      const settings = lastSettings.get(other.uri) ?? globalSettings;
      try {
        const own = plainAnalysis(other.uri, other.getText(), settings);
        if (!own.isReport || settings.enable === 'never') continue;
        const { key } = await othersFor(other.uri, own, settings);
        const now = analyses.get(other.uri);
        if (documents.get(other.uri) && now && key !== now.othersKey) schedule(other.uri, false);
      } catch (error) {
        log('cross-document checks', error);
      }
    }
  }

  /** The analysis of a Markdown document that Nianbao checks, or undefined. */
  async function reportOf(uri: string): Promise<{ document: TextDocument; analysis: DocumentAnalysis; locale: Locale; options: AnalyzeOptions } | undefined> {
    const document = documents.get(uri);
    if (!document || !isMarkdown(document)) return undefined;
    const settings = await settingsFor(uri);
    if (settings.enable === 'never') return undefined;
    const current = documents.get(uri);
    if (!current) return undefined;
    const version = current.version;
    const analysis = await analysisFor(current, settings, true);
    // The document changed meanwhile: ranges and edits would be for the old text.
    if (documents.get(uri)?.version !== version || !analysis.isReport) return undefined;
    return { document: current, analysis, locale: localeOf(settings), options: analyzeOptions(uri, settings) };
  }

  // -------------------------------------------------------------------------
  // Diagnostics
  // -------------------------------------------------------------------------

  async function validate(uri: string): Promise<void> {
    try {
      const document = documents.get(uri);
      if (!document) return;
      const settings = await settingsFor(uri);
      lastSettings.set(uri, settings);
      const current = documents.get(uri);
      // Closed meanwhile, or changed: the change has scheduled its own run.
      if (!current || current.version !== document.version) return;
      const version = current.version;
      if ((published.get(uri) ?? -Infinity) > version) return;
      let diagnostics: ReturnType<typeof toDiagnostic>[] = [];
      if (isMarkdown(current) && settings.enable !== 'never') {
        const analysis = await analysisFor(current, settings);
        // Changed or closed while last year's report was looked for: that change has its own run.
        if (documents.get(uri)?.version !== version) return;
        const locale = localeOf(settings);
        if (analysis.isReport) {
          const ids = findingIdsOf(analysis);
          diagnostics = analysis.findings.map((f, i) => toDiagnostic(f, uri, locale, ids[i]));
        }
      }
      if ((published.get(uri) ?? -Infinity) > version) return;
      published.set(uri, version);
      await connection.sendDiagnostics({ uri, version, diagnostics });
      if (isMarkdown(current)) await recheckOthers(uri);
    } catch (error) {
      log(`diagnostics for ${uri}`, error);
    }
  }

  function schedule(uri: string, immediate: boolean): void {
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
    if (immediate) {
      void validate(uri);
      return;
    }
    const delay = lastSettings.get(uri)?.debounceMs ?? globalSettings.debounceMs;
    timers.set(
      uri,
      setTimeout(() => {
        timers.delete(uri);
        void validate(uri);
      }, delay),
    );
  }

  function revalidateAll(): void {
    // Analyses are keyed by version and the settings that shape them; the locale applies later.
    for (const document of documents.all()) schedule(document.uri, true);
  }

  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    // The first content of a document is its opening: no waiting.
    const opening = !seen.has(uri);
    seen.add(uri);
    schedule(uri, opening);
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    const pending = timers.get(uri);
    if (pending) clearTimeout(pending);
    timers.delete(uri);
    seen.delete(uri);
    analyses.delete(uri);
    documentSettings.delete(uri);
    lastSettings.delete(uri);
    published.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics: [] }).catch((error) => log('clear diagnostics', error));
    void recheckOthers(uri);
  });

  // -------------------------------------------------------------------------
  // Lifecycle and settings
  // -------------------------------------------------------------------------

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const capabilities = params.capabilities ?? {};
    clientLocale = params.locale;
    configurationRequests = !!capabilities.workspace?.configuration;
    dynamicConfiguration = !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    documentChanges = !!capabilities.workspace?.workspaceEdit?.documentChanges;
    hierarchicalSymbols = !!capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
    workspaceFolderEvents = !!capabilities.workspace?.workspaceFolders;
    watchedFilesRegistration = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    // Where last year's reports may be: the workspace folders, else the root.
    const root = params.rootUri ?? (params.rootPath ? pathToFileURL(params.rootPath).href : undefined);
    workspace.setFolders(params.workspaceFolders ? params.workspaceFolders.map((f) => f.uri) : root ? [root] : []);
    const options = params.initializationOptions as InitializationOptions | undefined;
    if (options && typeof options === 'object') {
      globalSettings = readSettings(options.settings ?? options);
      if (!clientLocale && typeof options.displayLanguage === 'string') clientLocale = options.displayLanguage;
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [...ACTION_KINDS], resolveProvider: false },
        completionProvider: { triggerCharacters: ['n'], resolveProvider: false },
        documentSymbolProvider: { label: '年度报告' },
        hoverProvider: true,
        foldingRangeProvider: true,
        executeCommandProvider: { commands: [COMMANDS.fixAll, COMMANDS.convertTable] },
        ...(workspaceFolderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'nianbao', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (dynamicConfiguration) {
      void connection.client
        .register(DidChangeConfigurationNotification.type, { section: 'nianbao' })
        .catch((error) => log('register didChangeConfiguration', error));
    }
    if (workspaceFolderEvents) {
      try {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          try {
            workspace.changeFolders(
              event.added.map((f) => f.uri),
              event.removed.map((f) => f.uri),
            );
            void recheckOthers();
          } catch (error) {
            log('didChangeWorkspaceFolders', error);
          }
        });
      } catch (error) {
        log('workspace folder events', error);
      }
    }
    if (watchedFilesRegistration) {
      // Told when Markdown files change on disk: the folders are listed once, then kept up to date.
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.md' }, { globPattern: '**/*.markdown' }] })
        .then(
          () => (workspace.watching = true),
          (error) => log('register didChangeWatchedFiles', error),
        );
    }
    // Read the folders' titles now, so the first check does not wait for them.
    if (workspace.folderPaths.length) workspace.prepare().catch((error) => log('workspace folders', error));
  });

  connection.onDidChangeWatchedFiles((params) => {
    try {
      if (workspace.filesChanged(params.changes)) void recheckOthers();
    } catch (error) {
      log('didChangeWatchedFiles', error);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    try {
      if (!configurationRequests) globalSettings = readSettings(change?.settings ?? {}, globalSettings);
      documentSettings.clear();
      revalidateAll();
    } catch (error) {
      log('didChangeConfiguration', error);
    }
  });

  connection.onShutdown(() => {
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
  });

  // -------------------------------------------------------------------------
  // Features
  // -------------------------------------------------------------------------

  const toWorkspaceEdit = (document: TextDocument, edits: TextEdit[]): WorkspaceEdit =>
    documentChanges
      ? { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits as LspTextEdit[])] }
      : { changes: { [document.uri]: edits as LspTextEdit[] } };

  connection.onCodeAction(
    guard('codeAction', [] as CodeAction[], async (params) => {
      const found = await reportOf(params.textDocument.uri);
      if (!found) return [];
      const { document, analysis, locale, options } = found;
      const context = params.context;
      return codeActions(analysis, { range: params.range, diagnostics: context.diagnostics, only: context.only }, locale, { analyzer, options }).map(
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
      const settings = await settingsFor(document.uri);
      if (settings.enable === 'never') return [];
      const { line } = params.position;
      const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
      const emptyDocument = document.getText().trim() === lineText.trim();
      return completionsAt(lineText, params.position, localeOf(settings), { emptyDocument }).map(toCompletionItem);
    }),
  );

  connection.onDocumentSymbol(
    guard('documentSymbol', [] as ReturnType<typeof toDocumentSymbol>[] | ReturnType<typeof toSymbolInformation>, async (params) => {
      const found = await reportOf(params.textDocument.uri);
      if (!found) return [];
      const symbols = documentSymbols(found.analysis, found.locale);
      return hierarchicalSymbols ? symbols.map(toDocumentSymbol) : toSymbolInformation(symbols, found.document.uri);
    }),
  );

  connection.onHover(
    guard('hover', null, async (params) => {
      const found = await reportOf(params.textDocument.uri);
      if (!found) return null;
      const hover = hoverAt(found.analysis, params.position, found.locale);
      return hover ? { contents: { kind: 'markdown' as const, value: hover.markdown }, ...(hover.range ? { range: hover.range } : {}) } : null;
    }),
  );

  connection.onFoldingRanges(
    guard('foldingRange', [] as ReturnType<typeof foldingRanges>, async (params) => {
      const found = await reportOf(params.textDocument.uri);
      return found ? foldingRanges(found.analysis) : [];
    }),
  );

  /** A command's document argument: a URI string, or an object holding one. */
  const uriArgument = (arg: unknown): string | undefined => {
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
  };

  async function applyEdits(document: TextDocument, edits: TextEdit[], label: string): Promise<{ applied: boolean; edits: number }> {
    const result = await connection.workspace.applyEdit({ label, edit: toWorkspaceEdit(document, edits) });
    return { applied: result.applied, edits: edits.length };
  }

  connection.onExecuteCommand(
    guard('executeCommand', { applied: false, edits: 0 } as { applied: boolean; edits: number }, async (params) => {
      const uri = uriArgument(params.arguments?.[0]);
      const found = uri ? await reportOf(uri) : undefined;
      const settings = uri ? await settingsFor(uri) : globalSettings;
      const locale = localeOf(settings);
      const nothing = (zh: string, en: string) => {
        connection.window.showInformationMessage(locale === 'zh' ? zh : en);
        return { applied: false, edits: 0 };
      };
      if (!uri) return nothing('请在年度报告草稿中运行此命令', 'Run this command on an annual report draft');
      if (!found) return nothing('当前文档不是政府信息公开工作年度报告', 'This document is not an annual report');
      const { document, analysis, options } = found;
      if (params.command === COMMANDS.fixAll) {
        const edits = fixAllEdits(analysis, options, analyzer);
        if (edits.length === 0) return nothing('没有可以确定的修复：余下的问题需要逐一核对', 'Nothing whose fix is certain; what remains needs checking one by one');
        return applyEdits(document, edits, locale === 'zh' ? '修复全部可以确定的问题' : 'Fix all problems whose fix is certain');
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
        return applyEdits(document, conversions.map((c) => c.edit), locale === 'zh' ? '转换为标准表格' : 'Convert to the standard table');
      }
      return { applied: false, edits: 0 };
    }),
  );

  process.on('uncaughtException', (error) => log('uncaught exception', error));
  process.on('unhandledRejection', (error) => log('unhandled rejection', error));

  documents.listen(connection);
}
