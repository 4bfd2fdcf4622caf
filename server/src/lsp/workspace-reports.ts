/**
 * Last year's reports in the workspace folders, for the cross-file checks
 * (carry-over, in-force-count, copied-paragraph) when last year's report is a
 * file on disk rather than an open document.
 *
 * Read-only and cheap:
 *  - the folders are listed for *.md / *.markdown files, skipping node_modules
 *    and dot-folders, up to a depth and a number of files; symbolic links to
 *    folders are not followed, links to files only when the file lies inside
 *    the folder; only regular files are read (a FIFO or a device never is);
 *  - of each file only the first few KB are read and parsed (parseReport) for
 *    the title's unit and the report year, once per change of the file;
 *  - a file is read and parsed in full only when a report being checked is of
 *    the same unit, and is kept (by path, mtime and size) until it changes.
 *
 * Never in the way of a keystroke: the titles are read in the background, one
 * file per turn of the event loop and only while no open document waits for
 * its check (whenIdle), the files nearest the open documents first,
 * into an index by unit; a check looks up what is known so far (knownLastYearReports)
 * and is told (onChange) of the units whose files came, went or changed, so
 * that only the open reports of those units are checked again. File events
 * from the client update the index file by file.
 *
 * Nothing is written and nothing is run, so this is safe in untrusted
 * workspaces. No LSP here: the session tells it the folders and the file
 * changes the client reports, and asks for last year's reports.
 */
import { promises as fs, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Report } from '../model/report';
import { parseReport } from '../parse/report';
import { splitReports } from '../parse/split';
import { lastYearReport, sameUnit, unitBucket } from '../parse/units';
import { reportYear } from '../parse/dates';
import { readTextFile } from '../files/read';

const MARKDOWN_FILE = /\.(md|markdown)$/i;
const SKIP_DIRS = new Set(['node_modules']);

export interface WorkspaceReportsOptions {
  /** Markdown files listed at most, over all folders. */
  maxFiles?: number;
  /** Folder depth below a workspace folder. */
  maxDepth?: number;
  /** Folders visited at most (a huge tree without Markdown files). */
  maxFolders?: number;
  /** Bytes read from each file to find its title. */
  prefixBytes?: number;
  /** Larger files are never read in full. */
  maxFileBytes?: number;
  /** Without file change events from the client: list the folders again when the last listing is older than this. */
  rescanAfterMs?: number;
  /** Fully parsed files kept. */
  maxParsed?: number;
  log?: (what: string, error: unknown) => void;
}

/** One report of a file, and the line it starts at in the file. */
export interface ReportPart {
  report: Report;
  startLine: number;
}

/** Last year's report found in a file. */
export interface FoundReport extends ReportPart {
  uri: string;
  path: string;
  /** Changes whenever the file is read again: part of the key that says a comparison must be redone. */
  version: string;
}

interface Listed {
  path: string;
  uri: string;
  mtimeMs: number;
  size: number;
  /** Its place in the listing: of two files of last year's report, the first listed is taken. */
  order: number;
}

interface Heading {
  mtimeMs: number;
  size: number;
  unit?: string;
  year?: number;
}

/** How far the reading of the folders got (request nianbao/stats). */
export interface WorkspaceScanStats {
  /** Files listed. */
  listed: number;
  /** Titles read so far (one read a file, again only when it changed). */
  titlesRead: number;
  /** Whether the folders are being listed or titles are still to be read. */
  scanning: boolean;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Folders apart: 0 for the same folder, 1 for a parent or child, 2 for siblings… (folders as their path's segments). */
function folderDistance(a: readonly string[], b: readonly string[]): number {
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return a.length + b.length - 2 * common;
}

interface Parsed {
  mtimeMs: number;
  size: number;
  parts: ReportPart[];
  serial: number;
}

/** A file: URI as a path (resolved); undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!/^file:/i.test(uri)) return undefined;
  try {
    return resolve(fileURLToPath(uri));
  } catch {
    return undefined;
  }
}

/** Paths compared as the file system does (case-insensitively on Windows). */
const pathKey = (path: string) => (process.platform === 'win32' ? path.toLowerCase() : path);

/** Whether `path` is `root` or lies below it. */
export function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!!rel && !rel.startsWith('..') && !isAbsolute(rel));
}

/** The reports of a text, each parsed on its own, with the line each starts at (as the engine splits a document). */
export function reportParts(text: string): ReportPart[] {
  return splitReports(text).map((p) => ({ report: parseReport(text.slice(p.startOffset, p.endOffset)), startLine: p.startLine }));
}

/** A file's text, or its first `limit` bytes; undefined when it cannot be read (files/read.ts says why, the workspace does not care). */
async function readText(path: string, limit: number | undefined, maxBytes: number): Promise<string | undefined> {
  try {
    return (await readTextFile(path, { limit, maxBytes })).text;
  } catch {
    return undefined;
  }
}

export class WorkspaceReports {
  /** Folder URI → path (file: folders only). */
  private folders = new Map<string, string>();
  private listed = new Map<string, Listed>();
  private headings = new Map<string, Heading>();
  /** The unit/year index: paths of the files whose title is read, by unitBucket of their unit. */
  private readonly byUnit = new Map<string, Set<string>>();
  private parsed = new Map<string, Parsed>();
  private dirty = true;
  /** When the folders were last listed and their titles read. */
  private scannedAt = 0;
  private scanning: Promise<void> | undefined;
  /** Listed files reported changed: their mtime and size are read again (then their title, if either changed). */
  private changed = new Set<string>();
  /** Files reported created: looked at and listed. */
  private created = new Set<string>();
  /** Listed files whose title is to be read, nearest the open documents first. */
  private unread: string[] = [];
  /** The background reading of titles, while there are any to read. */
  private reading: Promise<void> | undefined;
  private serial = 0;
  private readonly options: Required<Omit<WorkspaceReportsOptions, 'log'>> & Pick<WorkspaceReportsOptions, 'log'>;
  /**
   * Whether the client reports changes to Markdown files (workspace/didChangeWatchedFiles):
   * then the folders are listed once and kept up to date from the events;
   * otherwise they are listed again on a check once the listing is rescanAfterMs old.
   */
  watching = false;
  /** Listings of the folders, title reads and full reads so far (for tests). */
  readonly stats = { listings: 0, prefixReads: 0, fullReads: 0 };
  /** The paths of the documents open in the editor: the files nearest them have their title read first. */
  near: () => string[] = () => [];
  /** Settles when no open document waits for its check: the folders are listed and read only then. */
  whenIdle: () => Promise<void> = () => Promise.resolve();
  /**
   * Told the units of files that came, went or changed (a title read, a file
   * created, changed or deleted, a folder added or removed): the open reports of
   * those units may have a last year's report other than they were compared with.
   */
  onChange: (units: string[]) => void = () => undefined;

  constructor(options: WorkspaceReportsOptions = {}) {
    this.options = {
      maxFiles: 2000,
      maxDepth: 10,
      maxFolders: 5000,
      prefixBytes: 4096,
      maxFileBytes: 8 * 1024 * 1024,
      rescanAfterMs: 3000,
      maxParsed: 32,
      ...options,
    };
  }

  /** The workspace folders, as URIs (other schemes than file: are ignored). */
  setFolders(uris: readonly string[]): void {
    this.changeFolders(uris, [...this.folders.keys()]);
  }

  /** Folders added are listed (in the background); the files of folders removed go at once. */
  changeFolders(added: readonly string[], removed: readonly string[]): void {
    for (const uri of removed) this.folders.delete(uri);
    for (const uri of added) {
      const path = uriToPath(uri);
      if (path) this.folders.set(uri, path);
    }
    const gone = [...this.listed.keys()].filter((path) => !this.listable(path));
    this.notify(gone.map((path) => this.drop(path)));
    if (added.length) this.dirty = true;
  }

  get folderPaths(): string[] {
    return [...this.folders.values()];
  }

  /** Whether a path is one the listing would include (inside a folder, not below node_modules or a dot-folder, a Markdown name). */
  private listable(path: string): boolean {
    if (!MARKDOWN_FILE.test(path)) return false;
    return this.folderPaths.some((root) => {
      if (!inside(root, path)) return false;
      const dirs = relative(root, path).split(sep).slice(0, -1);
      return dirs.length <= this.options.maxDepth && !dirs.some((d) => d.startsWith('.') || SKIP_DIRS.has(d));
    });
  }

  /**
   * File changes reported by the client (LSP FileChangeType: 1 created, 2 changed, 3 deleted),
   * taken file by file in the background (onChange tells what they changed).
   * Returns whether any concerns the listing.
   */
  filesChanged(changes: readonly { uri: string; type: number }[]): boolean {
    let relevant = false;
    const units: (string | undefined)[] = [];
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (!path) continue;
      if (change.type === 3) {
        // The file, or a folder with the files in it.
        const gone = [...this.listed.keys()].filter((p) => inside(path, p));
        units.push(...gone.map((p) => this.drop(p)));
        this.changed.delete(path);
        this.created.delete(path);
        relevant ||= gone.length > 0 || this.listable(path);
      } else if (this.listed.has(path)) {
        this.parsed.delete(path);
        this.changed.add(path);
        relevant = true;
      } else if (this.listable(path)) {
        this.created.add(path);
        relevant = true;
      }
    }
    this.notify(units);
    if (relevant) this.start();
    return relevant;
  }

  /** Start listing the folders and reading the titles in the background, if there is anything to do. */
  start(): void {
    void this.ensureListed().catch((error) => this.options.log?.('workspace folders', error));
  }

  /** Read first the titles of the files nearest the open documents (one was opened). */
  prioritize(): void {
    this.unread = this.nearestFirst(this.unread);
  }

  /** Settles once the folders are listed and every title is read (the workspace check waits for it; so do tests). */
  async prepare(): Promise<void> {
    let listedAgain = false;
    for (;;) {
      // Listed again at most once here when the client sends no file events (rescanAfterMs).
      await this.ensureListed(listedAgain);
      listedAgain = true;
      if (!this.reading) return;
      await this.reading;
    }
  }

  /** What has been read so far. */
  get scanStats(): WorkspaceScanStats {
    const pending = this.dirty || this.changed.size > 0 || this.created.size > 0;
    return { listed: this.listed.size, titlesRead: this.stats.prefixReads, scanning: pending || !!this.scanning || !!this.reading };
  }

  /** The Markdown files listed (for tests). */
  async files(): Promise<string[]> {
    await this.ensureListed();
    return [...this.listed.keys()];
  }

  /** The Markdown files listed, each with a stamp that changes when the file does (its mtime and size). */
  async listing(): Promise<{ uri: string; path: string; stamp: string }[]> {
    await this.ensureListed();
    return [...this.listed.values()].map((e) => ({ uri: e.uri, path: e.path, stamp: `${e.mtimeMs}:${e.size}` }));
  }

  /**
   * Last year's report for each report given that has a unit and a year,
   * from the files of the workspace folders, once every title is read. Files
   * open in the editor (`exclude`, as URIs) are left out: their text is the
   * editor's, not the disk's. The same part of a file is returned once.
   */
  async lastYearReports(reports: readonly Report[], exclude: Iterable<string> = []): Promise<FoundReport[]> {
    if (this.folders.size === 0) return [];
    await this.prepare();
    return this.knownLastYearReports(reports, exclude);
  }

  /**
   * The same from the titles read so far, waiting for no listing or title:
   * what a keystroke's check compares with (onChange tells when more is known).
   * Only last year's file itself is read, once, in full.
   */
  async knownLastYearReports(reports: readonly Report[], exclude: Iterable<string> = []): Promise<FoundReport[]> {
    const wanted = reports.filter((r) => r.title?.unit && reportYear(r) !== undefined);
    if (wanted.length === 0 || this.folders.size === 0) return [];
    this.start();
    const skip = new Set<string>();
    for (const uri of exclude) {
      const path = uriToPath(uri);
      if (path) skip.add(pathKey(path));
    }
    const found: FoundReport[] = [];
    const taken = new Set<string>();
    for (const report of wanted) {
      const unit = report.title!.unit!;
      const year = reportYear(report)!;
      // Files whose first report is of the same unit: last year's first, then the others
      // (a file of several years' reports), this year's last.
      const rank = (h: Heading) => (h.year === year - 1 ? 0 : h.year === year ? 2 : 1);
      const candidates: { entry: Listed; heading: Heading }[] = [];
      for (const path of this.byUnit.get(unitBucket(unit)) ?? []) {
        const entry = this.listed.get(path);
        const heading = entry && this.freshHeading(entry);
        if (heading && sameUnit(unit, heading.unit) && !skip.has(pathKey(path))) candidates.push({ entry, heading });
      }
      candidates.sort((a, b) => rank(a.heading) - rank(b.heading) || a.entry.order - b.entry.order);
      for (const { entry } of candidates) {
        const parsed = await this.parse(entry);
        const part = parsed?.parts.find((p) => lastYearReport(report, [{ uri: entry.uri, report: p.report }]));
        if (!parsed || !part) continue;
        const key = `${entry.path}#${part.startLine}`;
        if (!taken.has(key)) {
          taken.add(key);
          found.push({ uri: entry.uri, path: entry.path, report: part.report, startLine: part.startLine, version: `${entry.uri}#${part.startLine}@${parsed.serial}` });
        }
        break;
      }
    }
    return found;
  }

  // -------------------------------------------------------------------------

  /** Tell the units (those known) whose files came, went or changed. */
  private notify(units: readonly (string | undefined)[]): void {
    const known = [...new Set(units.filter((u): u is string => !!u))];
    if (known.length) this.onChange(known);
  }

  /** The file's heading, if read since it last changed. */
  private freshHeading(entry: Listed): Heading | undefined {
    const heading = this.headings.get(entry.path);
    return heading && heading.mtimeMs === entry.mtimeMs && heading.size === entry.size ? heading : undefined;
  }

  private setHeading(path: string, heading: Heading): void {
    this.unindex(path);
    this.headings.set(path, heading);
    if (!heading.unit) return;
    const bucket = this.byUnit.get(unitBucket(heading.unit));
    if (bucket) bucket.add(path);
    else this.byUnit.set(unitBucket(heading.unit), new Set([path]));
  }

  private unindex(path: string): void {
    const unit = this.headings.get(path)?.unit;
    if (unit) this.byUnit.get(unitBucket(unit))?.delete(path);
  }

  /** A file gone from the listing: all that is known of it goes. Returns its unit, if known. */
  private drop(path: string): string | undefined {
    const unit = this.headings.get(path)?.unit;
    this.unindex(path);
    this.listed.delete(path);
    this.headings.delete(path);
    this.parsed.delete(path);
    return unit;
  }

  /** Lists the folders when needed (then looks at the files reported changed or created), and starts reading titles. */
  private async ensureListed(listedAgain = false): Promise<void> {
    for (;;) {
      if (this.scanning) {
        await this.scanning;
        continue;
      }
      // Listed again when old only once the titles of the last listing are read.
      const old = !listedAgain && !this.watching && !this.reading && Date.now() - this.scannedAt > this.options.rescanAfterMs;
      if (this.dirty || old) {
        listedAgain = true;
        this.scanning = this.scan().finally(() => (this.scanning = undefined));
        continue;
      }
      if (this.changed.size || this.created.size) {
        const changed = [...this.changed];
        const created = [...this.created];
        this.changed.clear();
        this.created.clear();
        this.scanning = this.restat(changed, created).finally(() => (this.scanning = undefined));
        continue;
      }
      this.readTitles();
      return;
    }
  }

  /** A listed file, or undefined when it is none (not a regular file, a link out of the folder, gone). */
  private async entryOf(path: string, realRoot: string, order: number, symbolicLink: boolean): Promise<Listed | undefined> {
    try {
      let stat;
      if (symbolicLink) {
        const real = await fs.realpath(path);
        if (!inside(realRoot, real)) return undefined;
        stat = await fs.stat(real);
      } else {
        stat = await fs.lstat(path);
      }
      return stat.isFile() ? { path, uri: pathToFileURL(path).href, mtimeMs: stat.mtimeMs, size: stat.size, order } : undefined;
    } catch {
      return undefined; // a dangling link, or gone meanwhile
    }
  }

  /** A file reported changed or created, looked at as the listing would (undefined when it would not list it). */
  private async lookAt(path: string, order: number): Promise<Listed | undefined> {
    try {
      const realRoot = await fs.realpath(this.rootOf(path));
      return await this.entryOf(path, realRoot, order, (await fs.lstat(path)).isSymbolicLink());
    } catch {
      return undefined;
    }
  }

  /** The workspace folder a path lies in. */
  private rootOf(path: string): string {
    return this.folderPaths.find((root) => inside(root, path)) ?? dirname(path);
  }

  /** The files reported changed (their mtime and size) and created (listed, if they are report files of the folders). */
  private async restat(changed: readonly string[], created: readonly string[]): Promise<void> {
    const units: (string | undefined)[] = [];
    const toRead: string[] = [];
    const look = async (path: string, order: number) => {
      const entry = await this.lookAt(path, order);
      if (!entry) {
        units.push(this.drop(path));
        return;
      }
      this.listed.set(path, entry);
      // The same stamp: its title stands, but what it says may not (its full reading was dropped).
      if (this.freshHeading(entry)) units.push(this.headings.get(path)!.unit);
      else toRead.push(path);
    };
    for (const path of changed) {
      const entry = this.listed.get(path);
      if (entry) await look(path, entry.order);
    }
    let order = Math.max(-1, ...[...this.listed.values()].map((e) => e.order));
    for (const path of created) {
      if (!this.listed.has(path) && this.listed.size < this.options.maxFiles && this.listable(path)) await look(path, ++order);
    }
    // Changed and new files before the rest.
    this.unread = [...toRead, ...this.unread.filter((p) => !toRead.includes(p))];
    this.notify(units);
  }

  private async scan(): Promise<void> {
    this.dirty = false;
    this.changed.clear();
    this.created.clear();
    this.stats.listings++;
    const { maxFiles, maxDepth, maxFolders } = this.options;
    const listed = new Map<string, Listed>();
    let folders = 0;
    for (const root of this.folderPaths) {
      let realRoot: string;
      try {
        realRoot = await fs.realpath(root);
      } catch {
        continue;
      }
      const visit = async (dir: string, depth: number): Promise<void> => {
        if (listed.size >= maxFiles || ++folders > maxFolders) return;
        let entries: Dirent[];
        try {
          entries = await fs.readdir(dir, { withFileTypes: true });
        } catch {
          return; // unreadable: skipped
        }
        entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        const subfolders: string[] = [];
        for (const entry of entries) {
          if (listed.size >= maxFiles) return;
          const path = join(dir, entry.name);
          if (entry.isDirectory()) {
            // Links to folders are not followed (isDirectory is false for them): no loops, nothing outside.
            if (depth < maxDepth && !entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name)) subfolders.push(path);
            continue;
          }
          if (!MARKDOWN_FILE.test(entry.name) || !(entry.isFile() || entry.isSymbolicLink())) continue;
          await this.whenIdle();
          const found = await this.entryOf(path, realRoot, listed.size, entry.isSymbolicLink());
          if (found) listed.set(path, found);
        }
        for (const sub of subfolders) await visit(sub, depth + 1);
      };
      await visit(root, 0);
    }
    // What came, went or changed since the last listing: its unit told (now if its title is known, else once read).
    const units: (string | undefined)[] = [];
    for (const path of this.listed.keys()) if (!listed.has(path)) units.push(this.drop(path));
    const toRead: string[] = [];
    for (const [path, entry] of listed) {
      const before = this.listed.get(path);
      const same = before && before.mtimeMs === entry.mtimeMs && before.size === entry.size;
      if (!same) this.parsed.delete(path);
      if (!this.freshHeading(entry)) toRead.push(path);
      else if (!same) units.push(this.headings.get(path)!.unit);
    }
    this.listed = listed;
    this.unread = this.nearestFirst(toRead);
    if (this.unread.length === 0) this.scannedAt = Date.now();
    this.notify(units);
  }

  /** The paths, those in the folders of the open documents first, then the nearer folders, each in listing order. */
  private nearestFirst(paths: readonly string[]): string[] {
    const open = [...new Set(this.near().map(dirname))].map((d) => d.split(sep));
    if (open.length === 0) return [...paths];
    const distances = new Map<string, number>();
    const distance = (path: string) => {
      const dir = dirname(path);
      let d = distances.get(dir);
      if (d === undefined) {
        const segments = dir.split(sep);
        d = Math.min(...open.map((o) => folderDistance(o, segments)));
        distances.set(dir, d);
      }
      return d;
    };
    const order = (path: string) => this.listed.get(path)?.order ?? 0;
    return [...paths].sort((a, b) => distance(a) - distance(b) || order(a) - order(b));
  }

  /** Read the titles still unread, one file per turn of the event loop, each told to onChange once read. */
  private readTitles(): void {
    if (this.reading || this.unread.length === 0) return;
    this.reading = (async () => {
      while (this.unread.length) {
        const path = this.unread.shift()!;
        const entry = this.listed.get(path);
        if (!entry || this.freshHeading(entry)) continue;
        await this.whenIdle();
        if (this.listed.get(path) !== entry) continue;
        const before = this.headings.get(path)?.unit;
        const heading = await this.heading(entry);
        if (this.listed.get(path) === entry) this.notify([before, heading.unit]);
        await nextTurn();
      }
      this.scannedAt = Date.now();
    })()
      .catch((error) => this.options.log?.('workspace titles', error))
      .finally(() => {
        this.reading = undefined;
        // Files reported meanwhile.
        this.readTitles();
      });
  }

  /** The unit and year of a file's first report, from its first few KB. */
  private async heading(entry: Listed): Promise<Heading> {
    let heading: Heading = { mtimeMs: entry.mtimeMs, size: entry.size };
    try {
      this.stats.prefixReads++;
      const text = await readText(entry.path, this.options.prefixBytes, this.options.prefixBytes);
      if (text !== undefined) {
        const report = parseReport(text);
        heading = { ...heading, unit: report.title?.unit, year: reportYear(report) };
      }
    } catch (error) {
      this.options.log?.(`reading ${entry.path}`, error);
    }
    // Still listed (not deleted or its folder removed meanwhile).
    if (this.listed.has(entry.path)) this.setHeading(entry.path, heading);
    return heading;
  }

  /** A file read and parsed in full (kept until its mtime or size changes). */
  private async parse(entry: Listed): Promise<Parsed | undefined> {
    const cached = this.parsed.get(entry.path);
    if (cached && cached.mtimeMs === entry.mtimeMs && cached.size === entry.size) {
      this.parsed.delete(entry.path);
      this.parsed.set(entry.path, cached);
      return cached;
    }
    let parsed: Parsed | undefined;
    try {
      this.stats.fullReads++;
      const text = await readText(entry.path, undefined, this.options.maxFileBytes);
      if (text !== undefined) parsed = { mtimeMs: entry.mtimeMs, size: entry.size, parts: reportParts(text), serial: ++this.serial };
    } catch (error) {
      this.options.log?.(`reading ${entry.path}`, error);
    }
    this.parsed.delete(entry.path);
    if (parsed && this.listed.has(entry.path)) {
      this.parsed.set(entry.path, parsed);
      if (this.parsed.size > this.options.maxParsed) this.parsed.delete(this.parsed.keys().next().value!);
    }
    return parsed;
  }
}
