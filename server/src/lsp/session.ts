/**
 * The protocol glue: the lifecycle (initialize, settings, workspace folders,
 * watched files, shutdown) and the wiring of the parts — the client's state
 * (client.ts), the analyses of the open documents (analyses.ts), the
 * diagnostics scheduler (diagnostics.ts) and the feature handlers
 * (handlers.ts), which call the engine and the feature functions.
 *
 * The server runs nothing. Besides the documents the client sends, it reads
 * (never writes) Markdown files of the workspace folders to find last year's
 * report of a unit (workspace-reports.ts) and the sentences of other units'
 * reports (workspace-sentences.ts), so it is safe in untrusted workspaces.
 */
import { pathToFileURL } from 'node:url';
import {
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ACTION_KINDS } from '../features/codeActions';
import { VERSION } from '../about';
import { Analyses } from './analyses';
import { ConfigFiles } from './config-files';
import { toConfigDiagnostic } from './convert';
import { ClientState } from './client';
import { DiagnosticsScheduler } from './diagnostics';
import { COMMANDS, registerHandlers } from './handlers';
import { WorkspaceReports, uriToPath } from './workspace-reports';
import { WorkspaceSentences } from './workspace-sentences';
import { workspaceDiagnostics } from './workspace-diagnostics';
import { WorkspaceCheck } from './workspace-check';
import { CHECK_WORKSPACE, type CheckWorkspaceParams } from './workspace-protocol';

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const log = (what: string, error: unknown) => {
    try {
      connection.console.error(`nianbao: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    } catch {
      // The connection itself is gone; nothing to tell.
    }
  };
  /** Last year's reports in the workspace folders. */
  const workspace = new WorkspaceReports({ log });
  /** The .nianbaorc.json files; their problems are diagnostics on themselves. */
  const configs = new ConfigFiles(
    () => workspace.folderPaths,
    (uri, problems) => {
      const locale = client.localeOf(client.global);
      void connection.sendDiagnostics({ uri, diagnostics: problems.map((p) => toConfigDiagnostic(p, locale)) }).catch((error) => log('configuration diagnostics', error));
    },
  );
  const client = new ClientState(connection, log, (uri) => configs.forDocument(uri));
  /** The sentences of the workspace's reports, for copied-paragraph across units. */
  const sentences = new WorkspaceSentences(workspace, log);
  const analyses = new Analyses(documents, client, workspace, log, sentences);
  const diagnostics = new DiagnosticsScheduler(connection, documents, client, analyses, log);
  sentences.onChange = () => void diagnostics.recheckOthers();
  // A file of these units read, changed or gone: only their open reports are looked at again.
  workspace.onChange = (units) => void diagnostics.recheckUnits(units);
  // The titles of the files nearest the open documents are read first.
  workspace.near = () => documents.all().flatMap((d) => uriToPath(d.uri) ?? []);
  // The editor's checks first: the folders are listed and read between them.
  workspace.whenIdle = () => diagnostics.idle();
  /** 检查工作区中的全部年报: every report file of the folders, in the background. */
  const workspaceCheck = new WorkspaceCheck(connection, documents, client, analyses, diagnostics, workspace, log);
  let initialized = false;
  registerHandlers({
    connection,
    documents,
    client,
    analyses,
    log,
    initialized: () => initialized,
    // The folders' titles read, and the checks that what they found started done.
    settled: async () => {
      await workspace.prepare();
      await diagnostics.idle();
    },
    workspaceStats: () => workspace.scanStats,
  });

  /** Documents whose first content arrived: a later one is a change, checked after the debounce delay. */
  const seen = new Set<string>();
  documents.onDidChangeContent((event) => {
    const uri = event.document.uri;
    const opening = !seen.has(uri);
    seen.add(uri);
    if (opening) workspace.prioritize();
    diagnostics.schedule(uri, opening);
  });

  documents.onDidClose((event) => {
    const uri = event.document.uri;
    seen.delete(uri);
    analyses.forget(uri);
    client.forget(uri);
    diagnostics.close(uri);
    workspaceCheck.closed(uri);
    sentences.closed(uri);
    void diagnostics.recheckOthers(uri);
  });

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    initialized = true;
    client.initialize(params);
    // Where last year's reports may be: the workspace folders, else the root.
    const root = params.rootUri ?? (params.rootPath ? pathToFileURL(params.rootPath).href : undefined);
    workspace.setFolders(params.workspaceFolders ? params.workspaceFolders.map((f) => f.uri) : root ? [root] : []);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: [...ACTION_KINDS], resolveProvider: false },
        completionProvider: { triggerCharacters: ['n'], resolveProvider: false },
        documentSymbolProvider: { label: '年度报告' },
        hoverProvider: true,
        foldingRangeProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        executeCommandProvider: { commands: Object.values(COMMANDS) },
        ...(client.pullDiagnostics ? { diagnosticProvider: { identifier: 'nianbao', interFileDependencies: true, workspaceDiagnostics: true } } : {}),
        ...(client.workspaceFolderEvents ? { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } } : {}),
      },
      serverInfo: { name: 'nianbao', version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (client.dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'nianbao' }).catch((error) => log('register didChangeConfiguration', error));
    }
    if (client.workspaceFolderEvents) {
      try {
        connection.workspace.onDidChangeWorkspaceFolders((event) => {
          try {
            workspace.changeFolders(
              event.added.map((f) => f.uri),
              event.removed.map((f) => f.uri),
            );
            // The files of the folders removed are gone (their units told); those added are listed and told as read.
            workspace.start();
            void sentences.refresh();
          } catch (error) {
            log('didChangeWorkspaceFolders', error);
          }
        });
      } catch (error) {
        log('workspace folder events', error);
      }
    }
    if (client.watchedFilesRegistration) {
      // Told when Markdown files change on disk: the folders are listed once, then kept up to date.
      connection.client
        .register(DidChangeWatchedFilesNotification.type, {
          // Drafts, configuration files (.nianbaorc.json and whatever JSON they extend),
          // and the other files the workspace check reads.
          watchers: ['**/*.md', '**/*.markdown', '**/*.json', '**/*.txt', '**/*.docx', '**/*.html', '**/*.htm'].map((globPattern) => ({ globPattern })),
        })
        .then(
          () => (workspace.watching = true),
          (error) => log('register didChangeWatchedFiles', error),
        );
    }
    // Read the folders' titles now, in the background: a check never waits for them, and the open
    // reports of each unit found are looked at again. Then their sentences.
    if (workspace.folderPaths.length)
      workspace
        .prepare()
        .then(() => sentences.refresh())
        .catch((error) => log('workspace folders', error));
  });

  connection.onDidChangeWatchedFiles((params) => {
    try {
      if (configs.filesChanged(params.changes.map((c) => c.uri))) {
        client.configurationFilesChanged();
        diagnostics.all();
      }
      workspaceCheck.filesChanged(params.changes);
      // Last year's reports are Markdown files (a deleted folder has no extension).
      const markdown = params.changes.filter((c) => !/\.(json|txt|docx|html?)$/i.test(c.uri));
      // Taken file by file: the open reports of the units concerned are looked at again (workspace.onChange).
      workspace.filesChanged(markdown);
      if (markdown.length) void sentences.refresh();
    } catch (error) {
      log('didChangeWatchedFiles', error);
    }
  });

  connection.onDidChangeConfiguration((change) => {
    try {
      client.settingsChanged(change?.settings);
      diagnostics.all();
    } catch (error) {
      log('didChangeConfiguration', error);
    }
  });

  // Pull diagnostics, for clients that ask for them (push otherwise: DiagnosticsScheduler).
  connection.languages.diagnostics.on(async (params) => {
    if (!initialized) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'The server has not been initialized');
    const items = await diagnostics.pull(params.textDocument.uri);
    // Changed while it was read: the client asks again for the new version.
    if (!items) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed', { retriggerRequest: true });
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });
  connection.languages.diagnostics.onWorkspace(async (params) => {
    try {
      return { items: await workspaceDiagnostics(workspace, documents, params.previousResultIds, (uri) => client.settingsFor(uri), (s) => client.localeOf(s), analyses.analyzer) };
    } catch (error) {
      log('workspace/diagnostic', error);
      return { items: [] };
    }
  });

  connection.onRequest(CHECK_WORKSPACE, (params: CheckWorkspaceParams, token) => {
    if (!initialized) throw new ResponseError(ErrorCodes.ServerNotInitialized, 'The server has not been initialized');
    return workspaceCheck.checkAll(params ?? {}, token);
  });

  connection.onShutdown(() => {
    diagnostics.stop();
    sentences.clear();
  });

  process.on('uncaughtException', (error) => log('uncaught exception', error));
  process.on('unhandledRejection', (error) => log('unhandled rejection', error));

  documents.listen(connection);
}
