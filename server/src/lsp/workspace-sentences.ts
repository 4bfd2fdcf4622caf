/**
 * The comparable sentences (parse/sentence-keys.ts) of the workspace's report
 * files, for copied-paragraph across units in the editor: text of a
 * neighbour's report of the same year, copied with the names and figures
 * changed.
 *
 * Each file's reports are kept as their unit, year, and per sentence a 32-bit
 * FNV-1a hash of its key and its range in the file (4 + 16 bytes a sentence,
 * never the text), with an index hash → reports. A hash collision can only
 * make copied-paragraph name a neighbour's sentence that differs: the check is
 * information only. At most MAX_FILES files are indexed (the listing of
 * workspace-reports.ts is smaller still): a province's archive beyond that is
 * left out.
 *
 * Built in the background after the titles are read, a file at a time with
 * the event loop given back in between; kept up to date from the file events
 * and from the open documents (an open document counts by its editor text,
 * given by the analyses); cleared on shutdown. No LSP here.
 */
import type { PeerLookup, PeerSentence } from '../checks/check';
import type { Report } from '../model/report';
import { reportYear } from '../parse/dates';
import { rangeOf } from '../parse/prose';
import { comparableSentences } from '../parse/sentence-keys';
import { sameUnit } from '../parse/units';
import { readTextFile } from '../files/read';
import { reportParts, uriToPath, type ReportPart, type WorkspaceReports } from './workspace-reports';
import { pathToFileURL } from 'node:url';

/** Files indexed at most. */
const MAX_FILES = 5000;
/** Larger files are not read. */
const MAX_FILE_BYTES = 8 * 1024 * 1024;
const MARKDOWN_FILE = /\.(md|markdown)$/i;

/** 32-bit FNV-1a of a key. */
function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface IndexedReport {
  uri: string;
  unit?: string;
  year?: number;
  hashes: Uint32Array;
  /** Four numbers a sentence: start line, character, end line, character, in the file. */
  ranges: Uint32Array;
}

function indexed(uri: string, part: ReportPart): IndexedReport {
  const { report, startLine } = part;
  const keyed = comparableSentences(report);
  const hashes = new Uint32Array(keyed.length);
  const ranges = new Uint32Array(keyed.length * 4);
  keyed.forEach(({ sentence, key }, i) => {
    hashes[i] = keyHash(key);
    const range = rangeOf(report, sentence.compact, sentence.start, sentence.end);
    ranges.set([range.start.line + startLine, range.start.character, range.end.line + startLine, range.end.character], i * 4);
  });
  return { uri, unit: report.title?.unit, year: reportYear(report), hashes, ranges };
}

const sameHashes = (a: readonly IndexedReport[] | undefined, b: readonly IndexedReport[]) =>
  !!a && a.length === b.length && a.every((r, i) => r.unit === b[i].unit && r.year === b[i].year && r.hashes.length === b[i].hashes.length && r.hashes.every((h, j) => h === b[i].hashes[j]));

export class WorkspaceSentences {
  private readonly files = new Map<string, IndexedReport[]>();
  private readonly byHash = new Map<number, IndexedReport[]>();
  /** Documents open in the editor: their text is the editor's, file events leave them alone. */
  private readonly open = new Set<string>();
  /** Changes of the index so far, and those of each file: a report's key leaves out its own file's. */
  private changes = 0;
  private readonly changesOf = new Map<string, number>();
  private queue: Promise<void> = Promise.resolve();
  /** Called when the sentences of a file changed (open reports may be checked again). */
  onChange: () => void = () => undefined;

  constructor(
    private readonly workspace?: WorkspaceReports,
    private readonly log: (what: string, error: unknown) => void = () => undefined,
  ) {}

  /** The reports of a document or file, as they are now. Returns whether its sentences changed. */
  set(uri: string, parts: readonly ReportPart[]): boolean {
    const next = parts.map((p) => indexed(uri, p));
    if (sameHashes(this.files.get(uri), next)) return false;
    if (!this.files.has(uri) && this.files.size >= MAX_FILES) return false;
    this.drop(uri);
    this.files.set(uri, next);
    for (const report of next) for (const h of new Set(report.hashes)) this.byHash.set(h, [...(this.byHash.get(h) ?? []), report]);
    this.changed(uri);
    return true;
  }

  /** An open document's reports (its analysis): they stand for the file until it closes. */
  opened(uri: string, reports: readonly ReportPart[]): void {
    this.open.add(uri);
    if (this.set(uri, reports)) this.onChange();
  }

  /** A document closed: the file on disk counts again. */
  closed(uri: string): void {
    if (!this.open.delete(uri)) return;
    this.later([uri]);
  }

  /** File events (LSP FileChangeType: 3 deleted): Markdown files are read again or dropped. */
  filesChanged(changes: readonly { uri: string; type: number }[]): void {
    const read: string[] = [];
    for (const { uri, type } of changes) {
      if (this.open.has(uri)) continue;
      if (type === 3) {
        // A file, or a folder and the files below it.
        for (const known of [...this.files.keys()]) if ((known === uri || known.startsWith(uri.replace(/\/?$/, '/'))) && !this.open.has(known) && this.drop(known)) this.changed(known);
      } else if (MARKDOWN_FILE.test(uri)) read.push(uri);
    }
    this.later(read, true);
  }

  /** Index every report file of the workspace folders (after the titles are read), in the background. */
  build(): Promise<void> {
    if (!this.workspace) return Promise.resolve();
    const workspace = this.workspace;
    return this.run(async () => {
      const paths = (await workspace.files()).slice(0, MAX_FILES);
      const listed = new Set(paths.map((p) => pathToFileURL(p).href));
      let changed = false;
      for (const uri of [...this.files.keys()]) if (!listed.has(uri) && !this.open.has(uri) && this.drop(uri)) changed = true;
      for (const uri of listed) {
        if (this.open.has(uri)) continue;
        changed = (await this.read(uri)) || changed;
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (changed) this.onChange();
    });
  }

  /** Everything forgotten (the workspace closes). */
  clear(): void {
    this.files.clear();
    this.byHash.clear();
    this.open.clear();
    this.changesOf.clear();
  }

  /** Files indexed (for tests). */
  get size(): number {
    return this.files.size;
  }

  /**
   * The lookup for checking the reports of `uri`, and a key that changes when
   * another file's sentences change; undefined when no other unit has a report
   * of a year of these reports.
   */
  peersFor(uri: string, reports: readonly Report[]): { lookup: PeerLookup; key: string } | undefined {
    const wanted = reports.map((r) => ({ unit: r.title?.unit, year: reportYear(r) })).filter((r) => r.unit && r.year !== undefined);
    const any = [...this.files].some(([other, parts]) => other !== uri && parts.some((p) => wanted.some((w) => p.year === w.year && !!p.unit && !sameUnit(w.unit, p.unit))));
    if (!any) return undefined;
    return { lookup: this.lookup, key: `peers@${this.changes - (this.changesOf.get(uri) ?? 0)}` };
  }

  /** The indexed sentences whose key is `key`. */
  readonly lookup: PeerLookup = (key) => {
    const h = keyHash(key);
    const found: PeerSentence[] = [];
    for (const report of this.byHash.get(h) ?? []) {
      report.hashes.forEach((x, i) => {
        if (x !== h) return;
        const r = report.ranges.subarray(i * 4, i * 4 + 4);
        found.push({ uri: report.uri, unit: report.unit, year: report.year, range: { start: { line: r[0], character: r[1] }, end: { line: r[2], character: r[3] } } });
      });
    }
    return found;
  };

  // -------------------------------------------------------------------------

  private changed(uri: string): void {
    this.changes++;
    this.changesOf.set(uri, (this.changesOf.get(uri) ?? 0) + 1);
  }

  private drop(uri: string): boolean {
    const old = this.files.get(uri);
    if (!old) return false;
    this.files.delete(uri);
    for (const report of old) {
      for (const h of new Set(report.hashes)) {
        const rest = (this.byHash.get(h) ?? []).filter((r) => r !== report);
        if (rest.length) this.byHash.set(h, rest);
        else this.byHash.delete(h);
      }
    }
    return true;
  }

  /** Read files again after what is under way, then say so when their sentences changed. */
  private later(uris: readonly string[], listedOnly = false): void {
    if (uris.length === 0) return;
    void this.run(async () => {
      const listed = listedOnly && this.workspace ? new Set((await this.workspace.files()).map((p) => pathToFileURL(p).href)) : undefined;
      let changed = false;
      for (const uri of uris) {
        if (this.open.has(uri)) continue;
        if (listed && !listed.has(uri)) continue;
        changed = (await this.read(uri)) || changed;
      }
      if (changed) this.onChange();
    });
  }

  private run(work: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(work).catch((error) => this.log('workspace sentences', error));
    return this.queue;
  }

  /** A file's sentences from disk; dropped when it cannot be read. Returns whether they changed. */
  private async read(uri: string): Promise<boolean> {
    const path = uriToPath(uri);
    let text: string | undefined;
    try {
      if (path) text = (await readTextFile(path, { maxBytes: MAX_FILE_BYTES })).text;
    } catch {
      text = undefined;
    }
    if (this.open.has(uri)) return false; // opened while it was read
    if (text === undefined) {
      const dropped = this.drop(uri);
      if (dropped) this.changed(uri);
      return dropped;
    }
    return this.set(uri, reportParts(text));
  }
}
