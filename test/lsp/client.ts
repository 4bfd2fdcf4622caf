/**
 * A small LSP client for the protocol tests: spawns the bundled server
 * (node dist/server.js --stdio), answers the server's requests
 * (workspace/configuration, workspace/applyEdit, client/registerCapability) and
 * records them and its notifications. Waiting is always on a notification, with a
 * timeout that fails the test — never a sleep.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  CancellationTokenSource,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ApplyWorkspaceEditParams,
  type ClientCapabilities,
  type ConfigurationParams,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type RegistrationParams,
  type ShowMessageParams,
  type TextEdit,
  type WorkspaceFolder,
} from 'vscode-languageserver-protocol/node';
import { build } from 'esbuild';
import { ROOT, applyTextEdits } from './drafts';

const SERVER = join(ROOT, 'dist', 'server.js');

function newest(dir: string): number {
  let t = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const s = statSync(path);
    t = Math.max(t, s.isDirectory() ? newest(path) : s.mtimeMs);
  }
  return t;
}

/** The bundle, rebuilt (as esbuild.mjs builds it) when it is missing or older than the sources. */
async function ensureBundle(): Promise<string> {
  if (!existsSync(SERVER) || statSync(SERVER).mtimeMs < newest(join(ROOT, 'server', 'src'))) {
    await build({
      entryPoints: [join(ROOT, 'server', 'src', 'lsp', 'server.ts')],
      outfile: SERVER,
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      sourcemap: true,
      logLevel: 'warning',
      legalComments: 'none',
    });
  }
  return SERVER;
}

export const FULL_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true },
    applyEdit: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'refactor', 'refactor.rewrite', 'source', 'source.fixAll'] } },
      isPreferredSupport: true,
      disabledSupport: true,
    },
    completion: { completionItem: { snippetSupport: true } },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    foldingRange: {},
  },
  window: { showMessage: {} },
};

/** A client that has workspace folders and tells the server about changed files, as VS Code does. */
export const WORKSPACE_CLIENT: ClientCapabilities = {
  ...FULL_CAPABILITIES,
  workspace: { ...FULL_CAPABILITIES.workspace, workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } },
};

interface Waiter {
  uri: string;
  since: number;
  predicate: (p: PublishDiagnosticsParams) => boolean;
  resolve: (p: PublishDiagnosticsParams) => void;
}

export class TestClient {
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly applied: ApplyWorkspaceEditParams[] = [];
  readonly messages: ShowMessageParams[] = [];
  /** window/showMessageRequest: questions the server asked (a plain notice must never be one). */
  readonly messageRequests: ShowMessageParams[] = [];
  /** Work-done progress the server reported ($/progress), in order. */
  readonly progress: { token: unknown; value: { kind: string; message?: string; percentage?: number } }[] = [];
  readonly logs: string[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  /** Capabilities the server registered (client/registerCapability). */
  readonly registrations: Registration[] = [];
  private registrationWaiters: { method: string; resolve: (r: Registration) => void }[] = [];
  stderr = '';
  /** How many times the server asked a pulling client to pull again. */
  refreshes = 0;
  private refreshWaiters: (() => void)[] = [];
  /** What workspace/configuration answers, by section. */
  config: Record<string, unknown> = {};
  private waiters: Waiter[] = [];
  private progressWaiters: (() => void)[] = [];
  private exited: Promise<number | null>;

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    this.exited = new Promise((resolve) => process.on('exit', (code) => resolve(code)));
    process.stderr!.on('data', (chunk) => (this.stderr += chunk));
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.push(p);
      const index = this.diagnostics.length - 1;
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && index >= w.since && w.predicate(p)) {
          w.resolve(p);
          return false;
        }
        return true;
      });
    });
    connection.onNotification('window/showMessage', (p: ShowMessageParams) => {
      this.messages.push(p);
    });
    connection.onNotification('$/progress', (p: { token: unknown; value: { kind: string } }) => {
      this.progress.push(p);
      for (const wake of this.progressWaiters.splice(0)) wake();
    });
    connection.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    connection.onRequest('workspace/configuration', (p: ConfigurationParams) => {
      this.configurationRequests.push(p);
      return p.items.map((item) => (item.section ? (this.config[item.section] ?? null) : this.config));
    });
    connection.onRequest('window/showMessageRequest', (p: ShowMessageParams) => {
      this.messageRequests.push(p);
      return null;
    });
    connection.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshes++;
      for (const wake of this.refreshWaiters.splice(0)) wake();
      return null;
    });
    connection.onRequest('workspace/applyEdit', (p: ApplyWorkspaceEditParams) => {
      this.applied.push(p);
      return { applied: true };
    });
    connection.onRequest('client/registerCapability', (p: RegistrationParams) => {
      for (const registration of p.registrations) {
        this.registrations.push(registration);
        this.registrationWaiters = this.registrationWaiters.filter((w) => {
          if (w.method !== registration.method) return true;
          w.resolve(registration);
          return false;
        });
      }
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
  }

  static async start(): Promise<TestClient> {
    const server = await ensureBundle();
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    return new TestClient(child, connection);
  }

  initialize(
    params: {
      capabilities?: ClientCapabilities;
      locale?: string;
      initializationOptions?: unknown;
      rootUri?: string | null;
      workspaceFolders?: WorkspaceFolder[] | null;
    } = {},
  ): Promise<InitializeResult> {
    return this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: params.rootUri ?? null,
      ...(params.workspaceFolders !== undefined ? { workspaceFolders: params.workspaceFolders } : {}),
      capabilities: params.capabilities ?? FULL_CAPABILITIES,
      ...(params.locale ? { locale: params.locale } : {}),
      ...(params.initializationOptions ? { initializationOptions: params.initializationOptions } : {}),
    });
  }

  async initialized(): Promise<void> {
    await this.connection.sendNotification('initialized', {});
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** A request the test may cancel ($/cancelRequest), as an editor does when the user moves on. */
  cancellableRequest<R>(method: string, params: unknown): { response: Promise<R>; cancel: () => void } {
    const source = new CancellationTokenSource();
    return { response: this.connection.sendRequest(method, params, source.token) as Promise<R>, cancel: () => source.cancel() };
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /**
   * Notifications written to the server in one write, as a fast typist's
   * editor leaves them in the pipe: the server reads them all at once.
   */
  notifyAtOnce(notifications: readonly { method: string; params: unknown }[]): Promise<void> {
    const frames = notifications.map(({ method, params }) => {
      const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', method, params }), 'utf8');
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
    });
    return new Promise((resolve, reject) => this.process.stdin!.write(Buffer.concat(frames), (error) => (error ? reject(error) : resolve())));
  }

  /** The server's registration of `method` (client/registerCapability), when it comes. */
  waitForRegistration(method: string, timeoutMs = 8000): Promise<Registration> {
    const earlier = this.registrations.find((r) => r.method === method);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.registrationWaiters = this.registrationWaiters.filter((w) => w !== waiter);
        reject(new Error(`no registration of ${method} within ${timeoutMs} ms; registered: ${this.registrations.map((r) => r.method).join(', ') || 'nothing'}`));
      }, timeoutMs);
      const waiter = {
        method,
        resolve: (r: Registration) => {
          clearTimeout(timer);
          resolve(r);
        },
      };
      this.registrationWaiters.push(waiter);
    });
  }

  /** The first $/progress notification of `kind` from index `since` of `progress`. */
  async waitForProgress(kind: 'begin' | 'report' | 'end', since: number, timeoutMs = 8000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.progress.slice(since).some((p) => p.value.kind === kind)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no $/progress ${kind} within ${timeoutMs} ms; received: ${this.progress.slice(since).map((p) => p.value.kind).join(', ') || 'nothing'}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.progressWaiters.push(() => (clearTimeout(timer), resolve()));
      });
    }
  }

  /** How many diagnostics notifications have arrived: pass to waitForDiagnostics to see only later ones. */
  /** The next workspace/diagnostic/refresh the server sends; an error when none comes within `timeoutMs`. */
  nextRefresh(timeoutMs = 8000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no workspace/diagnostic/refresh within ${timeoutMs} ms`)), timeoutMs);
      this.refreshWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  mark(): number {
    return this.diagnostics.length;
  }

  /** The first publishDiagnostics for `uri` (from index `since`) that satisfies the predicate. */
  waitForDiagnostics(
    uri: string,
    predicate: (p: PublishDiagnosticsParams) => boolean = () => true,
    since = 0,
    timeoutMs = 8000,
  ): Promise<PublishDiagnosticsParams> {
    const earlier = this.diagnostics.findIndex((p, i) => i >= since && p.uri === uri && predicate(p));
    if (earlier >= 0) return Promise.resolve(this.diagnostics[earlier]);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        const seen = this.diagnostics.filter((p) => p.uri === uri).map((p) => `v${p.version}: ${p.diagnostics.map((d) => d.code).join(',') || '(none)'}`);
        reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; received: ${seen.join(' | ') || 'nothing'}\n${this.stderr}`));
      }, timeoutMs);
      const waiter: Waiter = {
        uri,
        since,
        predicate,
        resolve: (p) => {
          clearTimeout(timer);
          resolve(p);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** shutdown, exit, and the process's exit code. */
  async stop(): Promise<number | null> {
    await this.request('shutdown', null);
    await this.notify('exit', null);
    const code = await Promise.race([this.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 5000))]);
    if (code === 'timeout') {
      this.process.kill();
      throw new Error('the server did not exit after shutdown/exit');
    }
    this.connection.dispose();
    return code;
  }

  /** The server's exit code, once it exits; an error when it has not within `ms`. */
  exitCode(ms = 10_000): Promise<number | null> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the server did not exit within ${ms} ms`)), ms)));
    return Promise.race([this.exited, timeout]).finally(() => clearTimeout(timer));
  }

  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
    this.connection.dispose();
  }
}

/** A document the test client keeps in step with the server, sending incremental changes. */
export class Doc {
  version = 1;
  constructor(
    readonly client: TestClient,
    readonly uri: string,
    public text: string,
    readonly languageId = 'markdown',
  ) {}

  async open(): Promise<void> {
    await this.client.notify('textDocument/didOpen', { textDocument: { uri: this.uri, languageId: this.languageId, version: this.version, text: this.text } });
  }

  /** Apply edits as the editor would: one incremental change per edit, bottom-up so the ranges stay valid. */
  async edit(edits: readonly TextEdit[]): Promise<number> {
    const sorted = [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    this.text = applyTextEdits(this.text, edits);
    this.version++;
    await this.client.notify('textDocument/didChange', {
      textDocument: { uri: this.uri, version: this.version },
      contentChanges: sorted.map((e) => ({ range: e.range, text: e.newText })),
    });
    return this.version;
  }

  /** Type `typed` one character at a time at `at`, every change sent in one write; the last version. */
  async typeAtOnce(at: { line: number; character: number }, typed: string): Promise<number> {
    const changes: { method: string; params: unknown }[] = [];
    let character = at.character;
    for (const ch of typed) {
      const position = { line: at.line, character };
      this.text = applyTextEdits(this.text, [{ range: { start: position, end: position }, newText: ch }]);
      this.version++;
      changes.push({
        method: 'textDocument/didChange',
        params: { textDocument: { uri: this.uri, version: this.version }, contentChanges: [{ range: { start: position, end: position }, text: ch }] },
      });
      character += ch.length;
    }
    await this.client.notifyAtOnce(changes);
    return this.version;
  }

  async replaceAll(text: string): Promise<number> {
    this.text = text;
    this.version++;
    await this.client.notify('textDocument/didChange', { textDocument: { uri: this.uri, version: this.version }, contentChanges: [{ text }] });
    return this.version;
  }

  async close(): Promise<void> {
    await this.client.notify('textDocument/didClose', { textDocument: { uri: this.uri } });
  }
}
