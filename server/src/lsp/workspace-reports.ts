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
 *    the title's unit and the report year;
 *  - a file is read and parsed in full only when a report being checked is of
 *    the same unit, and is kept (by path, mtime and size) until it changes.
 *
 * Nothing is written and nothing is run, so this is safe in untrusted
 * workspaces. No LSP here: the session tells it the folders and the file
 * changes the client reports, and asks for last year's reports.
 */
import { promises as fs, type Dirent } from 'node:fs';
import { join, relative, resolve, sep, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Report } from '../model/report';
import { parseReport } from '../parse/report';
import { splitReports } from '../parse/split';
import { lastYearReport, sameUnit } from '../parse/units';
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
}

interface Heading {
  mtimeMs: number;
  size: number;
  unit?: string;
  year?: number;
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

/** Run `f` over the items, at most `limit` at a time, keeping the order of the results. */
async function mapLimited<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await f(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

export class WorkspaceReports {
  /** Folder URI → path (file: folders only). */
  private folders = new Map<string, string>();
  private listed = new Map<string, Listed>();
  private headings = new Map<string, Heading>();
  private parsed = new Map<string, Parsed>();
  private dirty = true;
  private scannedAt = 0;
  private scanning: Promise<void> | undefined;
  /** Listed files reported changed: their caches are dropped and their mtime read again. */
  private changed = new Set<string>();
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
    this.folders.clear();
    this.changeFolders(uris, []);
  }

  changeFolders(added: readonly string[], removed: readonly string[]): void {
    for (const uri of removed) this.folders.delete(uri);
    for (const uri of added) {
      const path = uriToPath(uri);
      if (path) this.folders.set(uri, path);
    }
    this.dirty = true;
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
   * File changes reported by the client (LSP FileChangeType: 1 created, 2 changed, 3 deleted).
   * Returns whether any concerns the listing, so that open reports should be checked again.
   */
  filesChanged(changes: readonly { uri: string; type: number }[]): boolean {
    let relevant = false;
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (!path) continue;
      if (this.listed.has(path) || this.headings.has(path) || this.parsed.has(path)) {
        this.headings.delete(path);
        this.parsed.delete(path);
        if (change.type === 2 && this.listed.has(path)) this.changed.add(path);
        else this.dirty = true;
        relevant = true;
      } else if (this.listable(path) || (change.type === 3 && !MARKDOWN_FILE.test(path) && this.folderPaths.some((root) => inside(root, path)))) {
        // A new file, or a folder deleted (its files go with it).
        this.dirty = true;
        relevant = true;
      }
    }
    return relevant;
  }

  /** List the folders and read the titles now (after initialisation), so the first check finds them ready. */
  async prepare(): Promise<void> {
    await this.ensureListed();
    await mapLimited([...this.listed.values()], 16, (e) => this.heading(e));
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
   * from the files of the workspace folders. Files open in the editor
   * (`exclude`, as URIs) are left out: their text is the editor's, not the disk's.
   * The same part of a file is returned once.
   */
  async lastYearReports(reports: readonly Report[], exclude: Iterable<string> = []): Promise<FoundReport[]> {
    const wanted = reports.filter((r) => r.title?.unit && reportYear(r) !== undefined);
    if (wanted.length === 0 || this.folders.size === 0) return [];
    await this.ensureListed();
    const skip = new Set<string>();
    for (const uri of exclude) {
      const path = uriToPath(uri);
      if (path) skip.add(pathKey(path));
    }
    const entries = [...this.listed.values()].filter((e) => !skip.has(pathKey(e.path)));
    const headings = await this.headingsOf(entries);
    const found: FoundReport[] = [];
    const taken = new Set<string>();
    for (const report of wanted) {
      const unit = report.title!.unit!;
      const year = reportYear(report)!;
      // Files whose first report is of the same unit: last year's first, then the others
      // (a file of several years' reports), this year's last.
      const rank = (h: Heading) => (h.year === year - 1 ? 0 : h.year === year ? 2 : 1);
      // Filtered before anything is made for a file: most files of a large folder are other units'.
      const candidates: { entry: Listed; heading: Heading }[] = [];
      entries.forEach((entry, i) => {
        const heading = headings[i];
        if (heading && sameUnit(unit, heading.unit)) candidates.push({ entry, heading });
      });
      candidates.sort((a, b) => rank(a.heading) - rank(b.heading));
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

  private async ensureListed(): Promise<void> {
    let listedNow = false;
    for (;;) {
      if (this.scanning) {
        await this.scanning;
        continue;
      }
      const old = !listedNow && !this.watching && Date.now() - this.scannedAt > this.options.rescanAfterMs;
      if (this.dirty || old) {
        listedNow = true;
        this.scanning = this.scan().finally(() => (this.scanning = undefined));
        continue;
      }
      if (this.changed.size) {
        const paths = [...this.changed];
        this.changed.clear();
        this.scanning = this.restat(paths).finally(() => (this.scanning = undefined));
        continue;
      }
      return;
    }
  }

  /** The mtime and size of files reported changed. */
  private async restat(paths: string[]): Promise<void> {
    for (const path of paths) {
      const entry = this.listed.get(path);
      if (!entry) continue;
      try {
        const stat = await fs.stat(path);
        if (stat.isFile()) {
          this.listed.set(path, { ...entry, mtimeMs: stat.mtimeMs, size: stat.size });
          continue;
        }
      } catch {
        // Gone: dropped below.
      }
      this.listed.delete(path);
    }
  }

  private async scan(): Promise<void> {
    this.dirty = false;
    this.changed.clear();
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
          try {
            let stat;
            if (entry.isSymbolicLink()) {
              const real = await fs.realpath(path);
              if (!inside(realRoot, real)) continue;
              stat = await fs.stat(real);
            } else {
              stat = await fs.lstat(path);
            }
            if (!stat.isFile()) continue;
            listed.set(path, { path, uri: pathToFileURL(path).href, mtimeMs: stat.mtimeMs, size: stat.size });
          } catch {
            // A dangling link, or gone meanwhile.
          }
        }
        for (const sub of subfolders) await visit(sub, depth + 1);
      };
      await visit(root, 0);
    }
    this.listed = listed;
    this.scannedAt = Date.now();
    for (const path of this.headings.keys()) if (!listed.has(path)) this.headings.delete(path);
    for (const path of this.parsed.keys()) if (!listed.has(path)) this.parsed.delete(path);
  }

  /**
   * The headings of the files, read where not known: without a promise per file
   * when all are (the workspace check asks once per file of a large folder).
   */
  private async headingsOf(entries: readonly Listed[]): Promise<(Heading | undefined)[]> {
    const known = entries.map((e) => {
      const cached = this.headings.get(e.path);
      return cached && cached.mtimeMs === e.mtimeMs && cached.size === e.size ? cached : undefined;
    });
    return known.every((h) => h !== undefined) ? known : mapLimited(entries, 16, (e) => this.heading(e));
  }

  /** The unit and year of a file's first report, from its first few KB. */
  private async heading(entry: Listed): Promise<Heading | undefined> {
    const cached = this.headings.get(entry.path);
    if (cached && cached.mtimeMs === entry.mtimeMs && cached.size === entry.size) return cached;
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
    this.headings.set(entry.path, heading);
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
    if (parsed) {
      this.parsed.set(entry.path, parsed);
      if (this.parsed.size > this.options.maxParsed) this.parsed.delete(this.parsed.keys().next().value!);
    }
    return parsed;
  }
}
