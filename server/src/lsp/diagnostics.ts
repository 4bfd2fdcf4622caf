/**
 * Diagnostics: when to check a document (at once on opening, after the
 * debounce delay on a change), publishing the findings of the version
 * checked and never those of an older one, and checking the other open
 * reports again when their last year's report changed.
 *
 * A client that pulls diagnostics (textDocument/diagnostic, LSP 3.17) asks
 * for them itself: then nothing is pushed, and what would have been checked
 * again is a workspace/diagnostic/refresh instead.
 */
import { DiagnosticRefreshRequest, type Connection, type Diagnostic, type TextDocuments, type WorkDoneProgressServerReporter } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { blockedConversions, findingIdsOf } from '../features/codeActions';
import type { DocumentAnalysis } from '../engine/analyze';
import type { Locale, Settings } from '../features/settings';
import { isLong, isMarkdown, type Analyses, type Progress } from './analyses';
import type { ClientState } from './client';
import { toDiagnostic } from './convert';

/**
 * Run `fn` once the messages already received are handled. The RPC library
 * hands the server one message per event-loop turn (each on a setImmediate
 * queued after the handler of the one before), so a burst of changes already
 * in the pipe would otherwise be checked one version at a time: waiting two
 * turns lets the next queued change arrive first, and it schedules anew.
 * Returns the cancel function.
 */
function afterQueuedMessages(fn: () => void): () => void {
  let inner: ReturnType<typeof setImmediate> | undefined;
  const outer = setImmediate(() => (inner = setImmediate(fn)));
  return () => {
    clearImmediate(outer);
    if (inner) clearImmediate(inner);
  };
}

/** Wait `ms`, then for the messages already received; cancellable. */
function debounced(ms: number, fn: () => void): () => void {
  let cancelInner: (() => void) | undefined;
  const timer = ms > 0 ? setTimeout(() => (cancelInner = afterQueuedMessages(fn)), ms) : undefined;
  if (!timer) cancelInner = afterQueuedMessages(fn);
  return () => {
    if (timer) clearTimeout(timer);
    cancelInner?.();
  };
}

/** The file name a uri ends in, as the user reads it (a malformed escape left as it is). */
function fileNameOf(uri: string): string {
  const last = uri.replace(/[?#].*$/, '').replace(/^.*\//, '');
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * For a client that cannot show 转换为标准表格 greyed out with its reason (the
 * action is left out), the reason is said in the first diagnostic of that table.
 */
function noteBlockedConversions(analysis: DocumentAnalysis, diagnostics: Diagnostic[], locale: Locale): void {
  for (const { range, reason } of blockedConversions(analysis)) {
    const first = diagnostics.find((d) => d.range.start.line >= range.start.line && d.range.start.line <= range.end.line);
    if (first) first.message += locale === 'zh' ? `（无法自动转换为标准表格：${reason.zh}）` : ` (cannot be converted to the standard table: ${reason.en})`;
  }
}

export class DiagnosticsScheduler {
  /** The pending check of each document: its cancel function. */
  private readonly timers = new Map<string, () => void>();
  /** The version last published, per document: an older one is never published after it. */
  private readonly published = new Map<string, number>();
  /** The last settings a document was checked with (for its debounce delay). */
  private readonly lastSettings = new Map<string, Settings>();
  /** Checks of open documents under way, and looks at whether one must be checked again (recheck). */
  private validating = 0;
  /** Documents to look at again once their check is done: what they are compared with changed meanwhile. */
  private readonly recheckAfter = new Set<string>();
  private idleWaiters: (() => void)[] = [];
  /** Told of each open document's analysis whose diagnostics are shown (the workspace check's summary). */
  onChecked: (uri: string, analysis: DocumentAnalysis, locale: Locale) => void = () => undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly client: ClientState,
    private readonly analyses: Analyses,
    private readonly log: (what: string, error: unknown) => void,
  ) {}

  /** Check a document now, or after its debounce delay (the last of quick successive changes only). */
  schedule(uri: string, immediate: boolean): void {
    if (this.client.pullDiagnostics) return; // the client asks when it wants them
    this.cancel(uri);
    // A short document's diagnostics go before a long document's check (Foreground), from now until they are sent.
    const document = this.documents.get(uri);
    const done = document && !isLong(document) ? this.analyses.foreground.begin() : () => undefined;
    if (immediate) {
      void this.validate(uri).finally(done);
      return;
    }
    const delay = this.lastSettings.get(uri)?.debounceMs ?? this.client.global.debounceMs;
    const cancel = debounced(delay, () => {
      this.timers.delete(uri);
      void this.validate(uri).finally(done);
    });
    this.timers.set(uri, () => {
      cancel();
      done();
    });
  }

  /** Every open document again (the settings changed): analyses are keyed by version and settings. */
  all(): void {
    if (this.client.pullDiagnostics) this.refresh();
    else for (const document of this.documents.all()) this.schedule(document.uri, true);
  }

  private refreshing = false;

  /** Ask a pulling client to pull again (once for a burst of reasons). */
  private refresh(): void {
    if (!this.client.diagnosticRefresh || this.refreshing) return;
    this.refreshing = true;
    setImmediate(() => {
      this.refreshing = false;
      void this.connection.sendRequest(DiagnosticRefreshRequest.type).catch((error) => this.log('diagnostic refresh', error));
    });
  }

  /**
   * The diagnostics of an open document at its current version, for a client
   * that pulls them; undefined when the document changed meanwhile. The other
   * open reports it is compared with are then looked at again.
   */
  async pull(uri: string): Promise<Diagnostic[] | undefined> {
    const document = this.documents.get(uri);
    if (!document) return [];
    const settings = await this.client.settingsFor(uri);
    this.lastSettings.set(uri, settings);
    const diagnostics = await this.diagnosticsOf(document, settings);
    if (diagnostics && isMarkdown(document)) void this.recheckOthers(uri);
    return diagnostics;
  }

  /** The diagnostics of a document's version under its settings; undefined when it changed or closed while being read. */
  private async diagnosticsOf(document: TextDocument, settings: Settings): Promise<Diagnostic[] | undefined> {
    const uri = document.uri;
    const version = document.version;
    if (!isMarkdown(document) || settings.enable === 'never') return [];
    const progress = this.progressFor(uri);
    const analysis = await this.analyses.analysisFor(document, settings, false, progress.report).finally(progress.done);
    // Changed or closed while it was read, or last year's report looked for: that change has its own run.
    if (!analysis || this.documents.get(uri)?.version !== version) return undefined;
    if (!analysis.isReport) return [];
    const locale = this.client.localeOf(settings);
    this.onChecked(uri, analysis, locale);
    const ids = findingIdsOf(analysis);
    const diagnostics = analysis.findings.map((f, i) => toDiagnostic(f, uri, locale, ids[i]));
    if (!this.client.disabledActions) noteBlockedConversions(analysis, diagnostics, locale);
    return diagnostics;
  }

  /** A document closed: its timer, its versions and its diagnostics go. */
  close(uri: string): void {
    this.cancel(uri);
    this.lastSettings.delete(uri);
    this.published.delete(uri);
    this.recheckAfter.delete(uri);
    if (!this.client.pullDiagnostics) void this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch((error) => this.log('clear diagnostics', error));
  }

  stop(): void {
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
    this.wakeIfIdle();
  }

  /**
   * Settles when no open document waits for its check or is being checked:
   * background work (the workspace check) waits for it, so a keystroke's
   * diagnostics never queue behind other files.
   */
  async idle(): Promise<void> {
    while (this.timers.size > 0 || this.validating > 0) await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private wakeIfIdle(): void {
    if (this.timers.size === 0 && this.validating === 0) for (const wake of this.idleWaiters.splice(0)) wake();
  }

  private cancel(uri: string): void {
    this.timers.get(uri)?.();
    this.timers.delete(uri);
    this.wakeIfIdle();
  }

  private async validate(uri: string): Promise<void> {
    this.validating++;
    try {
      const document = this.documents.get(uri);
      if (!document) return;
      const settings = await this.client.settingsFor(uri);
      this.lastSettings.set(uri, settings);
      const current = this.documents.get(uri);
      // Closed meanwhile, or changed: the change has scheduled its own run.
      if (!current || current.version !== document.version) return;
      const version = current.version;
      if ((this.published.get(uri) ?? -Infinity) > version) return;
      const diagnostics = await this.diagnosticsOf(current, settings);
      if (!diagnostics) return;
      if ((this.published.get(uri) ?? -Infinity) > version) return;
      this.published.set(uri, version);
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
      if (isMarkdown(current)) await this.recheckOthers(uri);
    } catch (error) {
      this.log(`diagnostics for ${uri}`, error);
    } finally {
      if (this.recheckAfter.delete(uri)) await this.recheck([uri]);
      this.validating--;
      this.wakeIfIdle();
    }
  }

  /**
   * Progress shown for a long analysis (one that gives the event loop back at
   * least once, i.e. a document of many reports), when the client shows it.
   */
  private progressFor(uri: string): { report: Progress; done: () => void } {
    let shown: Promise<WorkDoneProgressServerReporter | undefined> | undefined;
    let percentage = -1;
    const name = fileNameOf(uri);
    return {
      report: (done, total) => {
        // Told at every slice: said only when the percentage moves.
        if (!this.client.workDoneProgress || Math.floor((100 * done) / total) === percentage) return;
        percentage = Math.floor((100 * done) / total);
        shown ??= this.connection.window.createWorkDoneProgress().then(
          (p) => (p.begin('Nianbao', 0, name, false), p),
          () => undefined,
        );
        void shown.then((p) => p?.report(percentage, `${name}：${done}/${total}`));
      },
      done: () => void shown?.then((p) => p?.done()),
    };
  }

  /**
   * Open reports whose last year's report may have changed: those next to
   * `changed` (opened, edited or closed), or, without it (folders added, the
   * sentences of the workspace changed), all.
   */
  recheckOthers(changed?: string): Promise<void> {
    const candidates = changed ? this.analyses.neighboursOf(changed) : this.documents.all().map((d) => d.uri);
    return this.recheck(candidates.filter((uri) => uri !== changed));
  }

  /** The open reports of these units: files of theirs came, went or changed in the workspace folders. */
  recheckUnits(units: readonly string[]): Promise<void> {
    return this.recheck(this.analyses.ofUnits(units));
  }

  /**
   * Each document checked again when what it would be compared with is no
   * longer what it was compared with; one being checked is looked at again
   * once that check is done (it may have looked before the change).
   */
  private async recheck(uris: readonly string[]): Promise<void> {
    this.validating++;
    try {
      for (const uri of uris) {
        const other = this.documents.get(uri);
        if (!other) continue;
        const cached = this.analyses.last(uri);
        if (!cached || cached.version !== other.version) {
          // Its check may be under way, having looked before the change: a pulling client pulls
          // again; otherwise it is looked at again after the check of its current version.
          if (this.client.pullDiagnostics) this.refresh();
          else this.recheckAfter.add(uri);
          continue;
        }
        const settings = this.lastSettings.get(uri) ?? this.client.global;
        if (settings.enable === 'never') continue;
        try {
          const reports = this.analyses.reportsOf(other, settings);
          if (reports.length === 0) continue;
          const { key } = await this.analyses.othersFor(uri, reports.map((r) => r.report), settings);
          const now = this.analyses.last(uri);
          if (this.documents.get(uri) && now && key !== now.othersKey) {
            if (this.client.pullDiagnostics) this.refresh();
            else this.schedule(uri, false);
          }
        } catch (error) {
          this.log('cross-document checks', error);
        }
      }
    } finally {
      this.validating--;
      this.wakeIfIdle();
    }
  }
}
