/**
 * The analyses of the open documents: one Analyzer (it caches each report's
 * reading by its text), the last analysis of each document by version and
 * settings, and last year's report of each report — among the open documents
 * first (their text, not the file's), then in the workspace folders.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import { Analyzer, type AnalyzeOptions, type DocumentAnalysis } from '../engine/analyze';
import { checkOptions, type Locale, type Settings } from '../features/settings';
import type { Report } from '../model/report';
import { lastYearReport } from '../parse/units';
import type { ClientState } from './client';
import { locate, type LocatedReport } from './others';
import type { WorkspaceReports } from './workspace-reports';

const MARKDOWN_PATH = /\.(md|markdown|mdown|mkd|mkdn)$/i;

export function isMarkdown(document: { languageId: string; uri: string }): boolean {
  if (document.languageId === 'markdown') return true;
  return MARKDOWN_PATH.test(document.uri.replace(/[?#].*$/, ''));
}

/** How long a check waits for the workspace folders to be read before it goes on without them. */
const WORKSPACE_WAIT_MS = 3000;

/** The promise's value, or undefined when it takes longer than `ms`. */
function waitFor<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Others {
  found: LocatedReport[];
  /** Which documents and files, at which versions: changes when a comparison must be made again. */
  key: string;
}

interface Cached {
  version: number;
  settingsKey: string;
  othersKey: string;
  analysis: DocumentAnalysis;
}

/** What a feature answers from: the document, its analysis, the locale and the options it was analysed with. */
export interface OpenReport {
  document: TextDocument;
  analysis: DocumentAnalysis;
  locale: Locale;
  options: AnalyzeOptions;
}

export class Analyses {
  /** It caches each report's reading by text, and its findings by text and check options. */
  readonly analyzer = new Analyzer();
  private readonly cache = new Map<string, Cached>();
  /** Called when the workspace folders were read too late for a check: the open reports are checked again. */
  onLateWorkspace: () => void = () => undefined;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly client: ClientState,
    private readonly workspace: WorkspaceReports,
    private readonly log: (what: string, error: unknown) => void,
  ) {}

  /** The editor sees a check that fails as a finding naming it, never as silence. */
  options(uri: string, settings: Settings): AnalyzeOptions {
    return { enable: settings.enable, check: checkOptions(settings), uri, checkErrors: 'report' };
  }

  /** A document's analysis on its own, without other documents (cheap: the Analyzer caches by text). */
  plain(uri: string, text: string, settings: Settings): DocumentAnalysis {
    return this.analyzer.analyze(text, this.options(uri, settings));
  }

  /** The last analysis of a document, whatever its version. */
  last(uri: string): Cached | undefined {
    return this.cache.get(uri);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /**
   * Last year's report of the same unit, for each report of the document: the
   * cross-file checks (carry-over …) compare with it. Either source may hold
   * several reports: the right one is taken, with its start line.
   */
  async othersFor(uri: string, own: DocumentAnalysis, settings: Settings): Promise<Others> {
    const found: LocatedReport[] = [];
    const keys: string[] = [];
    const open = this.documents.all();
    const matches = (report: Report, other: { uri: string; report: Report }) => !!lastYearReport(report, [other]);
    let wanted = own.parts.map((p) => p.report);
    for (const other of open) {
      if (other.uri === uri || !isMarkdown(other)) continue;
      const analysis = this.plain(other.uri, other.getText(), settings);
      if (!analysis.isReport) continue;
      for (const part of analysis.parts) {
        const candidate = { uri: other.uri, report: part.report };
        if (!wanted.some((r) => matches(r, candidate))) continue;
        wanted = wanted.filter((r) => !matches(r, candidate));
        found.push({ ...candidate, startLine: part.startLine });
        keys.push(`${other.uri}#${part.startLine}@${other.version}`);
      }
    }
    if (wanted.length && this.workspace.folderPaths.length) {
      const lookup = this.workspace.lastYearReports(wanted, open.map((d) => d.uri));
      const fromDisk = await waitFor(lookup, WORKSPACE_WAIT_MS);
      if (fromDisk === undefined) {
        this.log('workspace folders', new Error(`still reading after ${WORKSPACE_WAIT_MS} ms; checking without them for now`));
        lookup.then(() => this.onLateWorkspace(), () => undefined);
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
  async analysisFor(document: TextDocument, settings: Settings, reuse = false): Promise<DocumentAnalysis> {
    const { uri, version } = document;
    const text = document.getText();
    const settingsKey = `${settings.enable}|${JSON.stringify(checkOptions(settings))}`;
    const cached = this.cache.get(uri);
    const current = cached?.version === version && cached.settingsKey === settingsKey ? cached : undefined;
    if (current && reuse) return current.analysis;
    const own = this.plain(uri, text, settings);
    let analysis = own;
    let othersKey = '';
    if (own.isReport && settings.enable !== 'never') {
      try {
        const { found, key } = await this.othersFor(uri, own, settings);
        othersKey = key;
        if (current && current.othersKey === key) return current.analysis;
        if (found.length) {
          const located = locate(found);
          analysis = located.place(this.analyzer.analyze(text, { ...this.options(uri, settings), others: located.others }));
        }
      } catch (error) {
        this.log('cross-document checks', error);
      }
    }
    // Kept unless the document was closed, or moved on to a version analysed already.
    const latest = this.cache.get(uri);
    if (this.documents.get(uri) && (!latest || latest.version <= version)) this.cache.set(uri, { version, settingsKey, othersKey, analysis });
    return analysis;
  }

  /** The analysis of a Markdown document that Nianbao checks, for a feature to answer from; undefined otherwise. */
  async reportOf(uri: string): Promise<OpenReport | undefined> {
    const document = this.documents.get(uri);
    if (!document || !isMarkdown(document)) return undefined;
    const settings = await this.client.settingsFor(uri);
    if (settings.enable === 'never') return undefined;
    const current = this.documents.get(uri);
    if (!current) return undefined;
    const version = current.version;
    const analysis = await this.analysisFor(current, settings, true);
    // The document changed meanwhile: ranges and edits would be for the old text.
    if (this.documents.get(uri)?.version !== version || !analysis.isReport) return undefined;
    return { document: current, analysis, locale: this.client.localeOf(settings), options: this.options(uri, settings) };
  }
}
