/**
 * The analyses of the open documents: one Analyzer (it caches each report's
 * reading by its text), the last analysis of each document by version and
 * settings, and last year's report of each report — among the open documents
 * first (their text, not the file's: looked up in an index kept per version),
 * then among the files of the workspace folders whose titles are read so far
 * (workspace-reports.ts); and the sentences of other units' reports
 * of the same year (workspace-sentences.ts), for copied-paragraph.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocuments } from 'vscode-languageserver';
import { Analyzer, type AnalyzeOptions, type DocumentAnalysis } from '../engine/analyze';
import { checkOptions, type Locale, type Settings } from '../features/settings';
import type { Report } from '../model/report';
import type { ClientState } from './client';
import { locate, type LocatedReport } from './others';
import { OpenReportIndex, reportId, type IndexedReport } from './report-index';
import { sameUnit } from '../parse/units';
import type { WorkspaceReports, WorkspaceScanStats } from './workspace-reports';
import type { WorkspaceSentences } from './workspace-sentences';
import { Foreground } from './foreground';

const MARKDOWN_PATH = /\.(md|markdown|mdown|mkd|mkdn)$/i;

export function isMarkdown(document: { languageId: string; uri: string }): boolean {
  if (document.languageId === 'markdown') return true;
  return MARKDOWN_PATH.test(document.uri.replace(/[?#].*$/, ''));
}

/**
 * A document longer than this (about 25 reports) is read only by its own
 * check, a report at a time, behind the checks of the short ones (foreground).
 */
const LONG_DOCUMENT = 200_000;

/** Work of one turn of the event loop in a long document's check (about a report): a message that comes meanwhile waits no longer. */
const LONG_SLICE_MS = 2;

export const isLong = (document: TextDocument) => document.getText().length > LONG_DOCUMENT;

/** Reports whose reading the server keeps at most (a 20 MB compilation holds about 2,500). */
const MAX_CACHED_PARTS = 4000;

interface Others {
  found: LocatedReport[];
  /** Other units' sentences of the workspace, when another unit has a report of the same year. */
  peers?: AnalyzeOptions['peers'];
  /** Which reports of which documents and files: changes when a comparison must be made again. */
  key: string;
  /** The open documents the reports were found in. */
  uris: string[];
}

interface Cached {
  version: number;
  settingsKey: string;
  othersKey: string;
  /** The open documents last year's reports came from: a change there may change this analysis. */
  othersUris: string[];
  analysis: DocumentAnalysis;
}

/** What the analyses did, for the tests and the benchmark (request nianbao/stats). */
export interface AnalysisStats {
  /** Documents read on their own (a report split and looked up in the Analyzer's cache). */
  plainAnalyses: number;
  /** Of those, for the index of another document's check. */
  indexReads: number;
  /** Slices of long documents' checks run while a short document's check or request was under way (none: they wait). */
  slicesAhead: number;
}

/** The stats with what the server holds now: open documents, cached report readings, memory. */
export interface ServerStats extends AnalysisStats {
  openDocuments: number;
  cachedParts: number;
  /** Files and documents whose sentences are indexed for copied-paragraph across units. */
  indexedFiles: number;
  /** How far the reading of the workspace folders' titles got. */
  workspace: WorkspaceScanStats;
  rssBytes: number;
  heapUsedBytes: number;
}

/** Told how far a long analysis got (reports done of all). */
export type Progress = (done: number, total: number) => void;

const settingsKeyOf = (settings: Settings) => `${settings.enable}|${JSON.stringify(checkOptions(settings))}`;

/** What a feature answers from: the document, its analysis, the locale and the options it was analysed with. */
export interface OpenReport {
  document: TextDocument;
  analysis: DocumentAnalysis;
  locale: Locale;
  options: AnalyzeOptions;
}

export class Analyses {
  /**
   * It caches each report's reading by text, and its findings by text and
   * check options: room for a compilation of a few thousand reports, since
   * each document's superseded and closed parts are evicted (partsOf).
   */
  readonly analyzer = new Analyzer(MAX_CACHED_PARTS);
  /** The part texts of each document's last analysis: evicted when superseded or closed. */
  private readonly partsOf = new Map<string, Set<string>>();
  private readonly cache = new Map<string, Cached>();
  private readonly index = new OpenReportIndex();
  /** The analysis under way for each document, by version and settings. */
  private readonly running = new Map<string, { key: string; analysis: Promise<DocumentAnalysis | undefined> }>();
  readonly stats: AnalysisStats = { plainAnalyses: 0, indexReads: 0, slicesAhead: 0 };
  /** The short documents' checks, which a long document's check lets go first. */
  readonly foreground = new Foreground();

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly client: ClientState,
    private readonly workspace: WorkspaceReports,
    private readonly log: (what: string, error: unknown) => void,
    private readonly sentences?: WorkspaceSentences,
  ) {}

  /** The editor sees a check that fails as a finding naming it, never as silence. */
  options(uri: string, settings: Settings): AnalyzeOptions {
    return { enable: settings.enable, check: checkOptions(settings), uri, checkErrors: 'report' };
  }

  /** A document's analysis on its own, without other documents (cheap: the Analyzer caches by text). */
  plain(uri: string, text: string, settings: Settings): DocumentAnalysis {
    this.stats.plainAnalyses++;
    return this.analyzer.analyze(text, this.options(uri, settings));
  }

  /** The reports of an open document at its current version: from the index, or read once for it. */
  reportsOf(document: TextDocument, settings: Settings): IndexedReport[] {
    const settingsKey = settingsKeyOf(settings);
    const known = this.index.get(document.uri, document.version, settingsKey);
    if (known) return known;
    // Being read a report at a time, or too long to read here without stalling the server: its own
    // check indexes it, and then checks again the documents it is last year's report of.
    if (this.running.has(document.uri) || isLong(document)) return this.index.latest(document.uri);
    this.stats.indexReads++;
    return this.index.set(document.uri, document.version, settingsKey, this.plain(document.uri, document.getText(), settings));
  }

  /**
   * The open documents whose analysis may change when `uri` changed or closed:
   * those that took last year's report from it, and those whose last year's
   * report it now holds.
   */
  neighboursOf(uri: string): string[] {
    const users = [...this.cache].filter(([other, c]) => other !== uri && c.othersUris.includes(uri)).map(([other]) => other);
    return [...new Set([...users, ...this.index.nextYearOf(uri)])];
  }

  /** The open documents with a report of one of the units, as last indexed. */
  ofUnits(units: readonly string[]): string[] {
    return this.documents
      .all()
      .filter((d) => this.index.latest(d.uri).some((r) => units.some((unit) => sameUnit(unit, r.report.title?.unit))))
      .map((d) => d.uri);
  }

  /** Once the workspace's files are in the index of sentences as they are now on disk. */
  sentencesIndexed(): Promise<void> {
    return this.sentences?.refresh() ?? Promise.resolve();
  }

  /** Files and documents in the index of the workspace's sentences. */
  get indexedFiles(): number {
    return this.sentences?.size ?? 0;
  }

  /** The last analysis of a document, whatever its version. */
  last(uri: string): Cached | undefined {
    return this.cache.get(uri);
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.index.delete(uri);
    this.analyzer.evict(this.partsOf.get(uri) ?? []);
    this.partsOf.delete(uri);
  }

  /** Between two slices of a long document's check. */
  private async pauseLong(): Promise<void> {
    await this.foreground.pause();
    if (this.foreground.busy) this.stats.slicesAhead++;
  }

  /** Keep the parts of a document's newest analysis; the readings of its superseded parts go. */
  private keepParts(uri: string, analysis: DocumentAnalysis): void {
    const now = new Set(analysis.parts.map((p) => analysis.text.slice(p.startOffset, p.endOffset)));
    const before = this.partsOf.get(uri);
    if (before) this.analyzer.evict([...before].filter((t) => !now.has(t)));
    this.partsOf.set(uri, now);
  }

  /**
   * Last year's report of the same unit, for each report of the document: the
   * cross-file checks (carry-over …) compare with it. Either source may hold
   * several reports: the right one is taken, with its start line.
   */
  async othersFor(uri: string, reports: readonly Report[], settings: Settings): Promise<Others> {
    const found: LocatedReport[] = [];
    const keys: string[] = [];
    const uris = new Set<string>();
    const open = this.documents.all();
    // Every open document indexed at its current version (read again only when it changed).
    for (const other of open) if (other.uri !== uri && isMarkdown(other)) this.reportsOf(other, settings);
    let wanted = [...reports];
    for (const report of reports) {
      const last = this.index.lastYearOf(report, uri);
      if (!last) continue;
      wanted = wanted.filter((r) => r !== report);
      if (found.some((f) => f.report === last.report)) continue;
      found.push({ uri: last.uri, report: last.report, startLine: last.startLine });
      keys.push(`${last.uri}#${last.startLine}@${reportId(last.report)}`);
      uris.add(last.uri);
    }
    if (wanted.length && this.workspace.folderPaths.length) {
      // Never the file itself (an open document's text is the editor's; a file the workspace check reads is this text).
      // The titles read so far: a check never waits for the folders (the workspace tells when more is known).
      const fromDisk = await this.workspace.knownLastYearReports(wanted, [...open.map((d) => d.uri), uri]);
      for (const f of fromDisk) {
        found.push({ uri: f.uri, report: f.report, startLine: f.startLine });
        keys.push(f.version);
      }
    }
    const peers = this.sentences?.peersFor(uri, reports);
    if (peers) keys.push(peers.key);
    return { found, peers: peers?.lookup, key: keys.join('|'), uris: [...uris] };
  }

  /**
   * A document's analysis, with last year's report when there is one. With
   * `reuse`, the last analysis of this version is taken as it is (features
   * answer from what the diagnostics showed); diagnostics look again.
   */
  async analysisFor(document: TextDocument, settings: Settings, reuse = false, progress?: Progress): Promise<DocumentAnalysis | undefined> {
    const { uri, version } = document;
    const settingsKey = settingsKeyOf(settings);
    const cached = this.cache.get(uri);
    if (reuse && cached?.version === version && cached.settingsKey === settingsKey) return cached.analysis;
    // One analysis of a version at a time: a request that comes while it runs waits for it.
    const key = `${version}|${settingsKey}`;
    const running = this.running.get(uri);
    if (running?.key === key) return running.analysis;
    const analysis = this.analyse(document, settings, settingsKey, progress);
    this.running.set(uri, { key, analysis });
    return analysis.finally(() => {
      if (this.running.get(uri)?.analysis === analysis) this.running.delete(uri);
    });
  }

  private async analyse(document: TextDocument, settings: Settings, settingsKey: string, progress?: Progress): Promise<DocumentAnalysis | undefined> {
    const { uri, version } = document;
    const text = document.getText();
    const cached = this.cache.get(uri);
    const current = cached?.version === version && cached.settingsKey === settingsKey ? cached : undefined;
    // A report at a time, the server answering in between; given up when the document moves on.
    const control = {
      stop: () => this.documents.get(uri)?.version !== version,
      progress,
      ...(isLong(document) ? { budgetMs: LONG_SLICE_MS, pause: () => this.pauseLong() } : {}),
    };
    this.stats.plainAnalyses++;
    const own = await this.analyzer.analyzeInSlices(text, this.options(uri, settings), control);
    if (!own) return undefined;
    this.index.set(uri, version, settingsKey, own);
    if (this.documents.get(uri)?.version === version) {
      this.keepParts(uri, own);
      this.sentences?.opened(uri, own.isReport ? own.parts : []);
    }
    let analysis = own;
    let othersKey = '';
    let othersUris: string[] = [];
    if (own.isReport && settings.enable !== 'never') {
      try {
        // A long document's sentence keys a slice at a time, before the comparison takes them at once.
        if (control.pause) await this.sentences?.keyed(own.parts.map((p) => p.report), control.pause, control.stop, LONG_SLICE_MS);
        if (control.stop()) return undefined;
        const { found, peers, key, uris } = await this.othersFor(uri, own.parts.map((p) => p.report), settings);
        othersKey = key;
        othersUris = uris;
        if (current && current.othersKey === key) return current.analysis;
        if (found.length || peers) {
          const located = locate(found);
          const compared = await this.analyzer.analyzeInSlices(text, { ...this.options(uri, settings), others: located.others, peers }, control);
          if (!compared) return undefined;
          analysis = located.place(compared);
        }
      } catch (error) {
        this.log('cross-document checks', error);
      }
    }
    // Kept unless the document was closed, or moved on to a version analysed already.
    const latest = this.cache.get(uri);
    if (this.documents.get(uri) && (!latest || latest.version <= version)) this.cache.set(uri, { version, settingsKey, othersKey, othersUris, analysis });
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
    if (!analysis || this.documents.get(uri)?.version !== version || !analysis.isReport) return undefined;
    return { document: current, analysis, locale: this.client.localeOf(settings), options: this.options(uri, settings) };
  }
}
