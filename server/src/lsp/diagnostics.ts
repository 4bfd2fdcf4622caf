/**
 * Diagnostics: when to check a document (at once on opening, after the
 * debounce delay on a change), publishing the findings of the version
 * checked and never those of an older one, and checking the other open
 * reports again when their last year's report changed.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { findingIdsOf } from '../features/codeActions';
import type { Settings } from '../features/settings';
import { isMarkdown, type Analyses } from './analyses';
import type { ClientState } from './client';
import { toDiagnostic } from './convert';

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The version last published, per document: an older one is never published after it. */
  private readonly published = new Map<string, number>();
  /** The last settings a document was checked with (for its debounce delay). */
  private readonly lastSettings = new Map<string, Settings>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly client: ClientState,
    private readonly analyses: Analyses,
    private readonly log: (what: string, error: unknown) => void,
  ) {}

  /** Check a document now, or after its debounce delay (the last of quick successive changes only). */
  schedule(uri: string, immediate: boolean): void {
    this.cancel(uri);
    if (immediate) {
      void this.validate(uri);
      return;
    }
    const delay = this.lastSettings.get(uri)?.debounceMs ?? this.client.global.debounceMs;
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri);
      }, delay),
    );
  }

  /** Every open document again (the settings changed): analyses are keyed by version and settings. */
  all(): void {
    for (const document of this.documents.all()) this.schedule(document.uri, true);
  }

  /** A document closed: its timer, its versions and its diagnostics go. */
  close(uri: string): void {
    this.cancel(uri);
    this.lastSettings.delete(uri);
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch((error) => this.log('clear diagnostics', error));
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  private cancel(uri: string): void {
    const pending = this.timers.get(uri);
    if (pending) clearTimeout(pending);
    this.timers.delete(uri);
  }

  private async validate(uri: string): Promise<void> {
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
      let diagnostics: ReturnType<typeof toDiagnostic>[] = [];
      if (isMarkdown(current) && settings.enable !== 'never') {
        const analysis = await this.analyses.analysisFor(current, settings);
        // Changed or closed while last year's report was looked for: that change has its own run.
        if (this.documents.get(uri)?.version !== version) return;
        const locale = this.client.localeOf(settings);
        if (analysis.isReport) {
          const ids = findingIdsOf(analysis);
          diagnostics = analysis.findings.map((f, i) => toDiagnostic(f, uri, locale, ids[i]));
        }
      }
      if ((this.published.get(uri) ?? -Infinity) > version) return;
      this.published.set(uri, version);
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
      if (isMarkdown(current)) await this.recheckOthers(uri);
    } catch (error) {
      this.log(`diagnostics for ${uri}`, error);
    }
  }

  /** Open reports whose last year's report changed (opened, edited, closed, or changed on disk): check them again. */
  async recheckOthers(except?: string): Promise<void> {
    for (const other of this.documents.all()) {
      if (other.uri === except) continue;
      const cached = this.analyses.last(other.uri);
      if (!cached || cached.version !== other.version) continue;
      const settings = this.lastSettings.get(other.uri) ?? this.client.global;
      try {
        const own = this.analyses.plain(other.uri, other.getText(), settings);
        if (!own.isReport || settings.enable === 'never') continue;
        const { key } = await this.analyses.othersFor(other.uri, own, settings);
        const now = this.analyses.last(other.uri);
        if (this.documents.get(other.uri) && now && key !== now.othersKey) this.schedule(other.uri, false);
      } catch (error) {
        this.log('cross-document checks', error);
      }
    }
  }
}
