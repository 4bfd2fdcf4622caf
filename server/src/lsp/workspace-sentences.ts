/**
 * The comparable sentences (parse/sentence-keys.ts) of the workspace's report
 * files and open documents, for copied-paragraph across units in the editor:
 * text of a neighbour's report of the same year, copied with the names and
 * figures changed.
 *
 * Memory: the index of parse/sentence-index.ts, some 20 bytes a sentence.
 * At most MAX_FILES files are indexed (the listing of workspace-reports.ts
 * stops at 2,000 by default): a province's archive beyond that is left out.
 * About 60 sentences a report: 5,000 files take some 10 MB.
 *
 * Time: the files are read after their titles (WorkspaceReports.prepare),
 * one at a time with the event loop given back in between, and again when
 * their stamp (mtime, size) changed — on file events, or, for a client that
 * sends none, when a check asks and the last look is REFRESH_MS old. An open
 * document counts by its editor text, from its analysis (its reports' keys
 * are computed once per report text). Cleared on shutdown. No LSP here.
 */
import type { PeerLookup } from '../checks/check';
import type { Report } from '../model/report';
import { readTextFile } from '../files/read';
import { hashedSentences, keyHash, SentenceIndex, type HashedSentences, type IndexedReport } from '../parse/sentence-index';
import { reportParts, type ReportPart, type WorkspaceReports } from './workspace-reports';

/** Files and open documents indexed at most. */
const MAX_FILES = 5000;
/** Larger files are not read. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Without file events from the client: the files are looked at again when a check asks this long after the last look. */
const REFRESH_MS = 3000;
/** Work of one turn of the event loop when an open document of many reports is indexed. */
const SLICE_MS = 20;

/** Keys by report: an open document's unchanged reports are the Analyzer's same objects from one analysis to the next. */
const keysCache = new WeakMap<Report, HashedSentences>();

function keysOf(report: Report): HashedSentences {
  let keys = keysCache.get(report);
  if (!keys) keysCache.set(report, (keys = hashedSentences(report)));
  return keys;
}

const sameKeys = (a: readonly IndexedReport[] | undefined, b: readonly IndexedReport[]) =>
  !!a &&
  a.length === b.length &&
  a.every((r, i) => r.unit === b[i].unit && r.year === b[i].year && r.startLine === b[i].startLine && r.hashes.length === b[i].hashes.length && r.hashes.every((h, j) => h === b[i].hashes[j]) && r.ranges.every((x, j) => x === b[i].ranges[j]));

export class WorkspaceSentences {
  private readonly files = new Map<string, IndexedReport[]>();
  private readonly index = new SentenceIndex();
  /** The stamp of each file as read from disk. */
  private readonly stamps = new Map<string, string>();
  /** Documents open in the editor: their text is the editor's, the file on disk does not count. */
  private readonly open = new Set<string>();
  /** Changes of each file's sentences so far: part of the key of a comparison with it. */
  private readonly changesOf = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();
  /** A look at the files waiting in the queue, not started yet: another request joins it. */
  private waiting: Promise<void> | undefined;
  private lookedAt = 0;
  /** Called when the sentences of a file or document changed: open reports may be checked again. */
  onChange: () => void = () => undefined;

  constructor(
    private readonly workspace?: WorkspaceReports,
    private readonly log: (what: string, error: unknown) => void = () => undefined,
  ) {}

  /** The reports of a document or file as they are now. Returns whether its sentences changed. */
  set(uri: string, parts: readonly ReportPart[]): boolean {
    const next = parts.map((p) => ({ ...keysOf(p.report), uri, startLine: p.startLine }));
    if (sameKeys(this.files.get(uri), next)) return false;
    if (!this.files.has(uri) && this.files.size >= MAX_FILES) return false;
    this.drop(uri);
    this.files.set(uri, next);
    for (const report of next) this.index.add(report);
    this.changesOf.set(uri, (this.changesOf.get(uri) ?? 0) + 1);
    return true;
  }

  /**
   * An open document's reports (from its analysis): they stand for its file
   * until it closes. A document of many reports is indexed a slice at a time.
   */
  opened(uri: string, parts: readonly ReportPart[]): void {
    this.open.add(uri);
    this.stamps.delete(uri);
    const unknown = parts.filter((p) => !keysCache.has(p.report));
    if (unknown.length <= 10) {
      if (this.set(uri, parts)) this.onChange();
      return;
    }
    void this.run(async () => {
      await this.keyed(
        unknown.map((p) => p.report),
        () => new Promise((resolve) => setImmediate(resolve)),
        () => !this.open.has(uri),
      );
      if (this.open.has(uri) && this.set(uri, parts)) this.onChange();
    });
  }

  /** The keys of these reports computed a slice at a time (a long document's, before peersFor takes them all at once). */
  async keyed(reports: readonly Report[], pause: () => Promise<void>, stop: () => boolean = () => false, budgetMs = SLICE_MS): Promise<void> {
    let since = performance.now();
    for (const report of reports) {
      if (stop()) return;
      keysOf(report);
      if (performance.now() - since >= budgetMs) {
        await pause();
        since = performance.now();
      }
    }
  }

  /** A document closed: its file on disk counts again, if it is one of the workspace's. */
  closed(uri: string): void {
    if (!this.open.delete(uri)) return;
    const dropped = this.drop(uri);
    void this.refresh().then(() => dropped && this.onChange());
  }

  /** Look at the workspace's files again (after file events, a change of folders): those whose stamp changed are read again. */
  refresh(): Promise<void> {
    if (!this.workspace) return Promise.resolve();
    const workspace = this.workspace;
    if (this.waiting) return this.waiting;
    const look = this.run(async () => {
      this.waiting = undefined;
      this.lookedAt = Date.now();
      const listing = (await workspace.listing()).slice(0, MAX_FILES);
      const listed = new Set(listing.map((f) => f.uri));
      let changed = false;
      for (const uri of [...this.files.keys()]) if (!listed.has(uri) && !this.open.has(uri)) changed = this.drop(uri) || changed;
      for (const file of listing) {
        if (this.open.has(file.uri) || this.stamps.get(file.uri) === file.stamp) continue;
        changed = (await this.read(file.uri, file.path, file.stamp)) || changed;
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (changed) this.onChange();
    });
    this.waiting = look;
    return look;
  }

  /** Files and documents indexed. */
  get size(): number {
    return this.files.size;
  }

  /** Everything forgotten (the workspace closes). */
  clear(): void {
    this.files.clear();
    this.index.clear();
    this.stamps.clear();
    this.open.clear();
    this.changesOf.clear();
  }

  /**
   * The lookup for checking the reports of `uri`, and a key that changes when
   * what copied-paragraph may find in other files changes (not when a file
   * that shares nothing with these reports, or only the area's boilerplate,
   * changes); undefined when no other unit has a report of their years.
   */
  peersFor(uri: string, reports: readonly Report[]): { lookup: PeerLookup; key: string } | undefined {
    if (this.workspace && !this.workspace.watching && Date.now() - this.lookedAt > REFRESH_MS) void this.refresh();
    const signature: string[] = [];
    for (const others of this.index.sharedWith(uri, reports.map(keysOf)).values()) for (const r of others) signature.push(`${r.uri}@${this.changesOf.get(r.uri)}`);
    if (signature.length === 0) return undefined;
    return { lookup: this.lookup, key: `peers:${keyHash([...new Set(signature)].sort().join('|')).toString(36)}` };
  }

  /** The indexed sentences whose key is `key`, in their files' coordinates. */
  readonly lookup: PeerLookup = (key) => this.index.sentences(keyHash(key));

  // -------------------------------------------------------------------------

  private drop(uri: string): boolean {
    const old = this.files.get(uri);
    this.stamps.delete(uri);
    if (!old) return false;
    this.files.delete(uri);
    for (const report of old) this.index.remove(report);
    this.changesOf.set(uri, (this.changesOf.get(uri) ?? 0) + 1);
    return true;
  }

  private run(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch((error) => this.log('workspace sentences', error));
    return this.queue;
  }

  /** A file's sentences from disk (dropped when it cannot be read). Returns whether they changed. */
  private async read(uri: string, path: string, stamp: string): Promise<boolean> {
    let text: string | undefined;
    try {
      text = (await readTextFile(path, { maxBytes: MAX_FILE_BYTES })).text;
    } catch {
      text = undefined;
    }
    if (this.open.has(uri)) return false; // opened while it was read
    if (text === undefined) return this.drop(uri);
    const changed = this.set(uri, reportParts(text));
    this.stamps.set(uri, stamp);
    return changed;
  }
}
