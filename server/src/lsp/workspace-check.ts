/**
 * 检查工作区中的全部年报 (request nianbao/checkWorkspace): every report file of
 * the workspace folders (.md/.markdown/.txt drafts, and the .docx/.html
 * reports a reviewer receives, made drafts by import/) is checked in the
 * background and its findings pushed as diagnostics without opening it; a
 * summary of each (unit, year, counts, the first problems in words) goes to
 * the client (notification nianbao/reportSummary) for its tree of units.
 *
 * - The editor first: the file the client names is checked first, and before
 *   every file the check waits until no open document waits for its own
 *   check, so a keystroke never queues behind the workspace.
 * - Progress: the client's work-done token, or one the server creates; the
 *   run stops at the next file when the request is cancelled ($/cancelRequest)
 *   or the progress is (window/workDoneProgress/cancel).
 * - Memory bounded: a file's text and reading are dropped once checked (an
 *   Analyzer of its own, with a small cache); the server keeps only which
 *   files have diagnostics.
 * - Afterwards, a file changed on disk is checked again, a deleted one's
 *   problems cleared, and a file closed in the editor shows its file's
 *   problems again instead of none. An open file's problems are the editor's
 *   (pushed by diagnostics.ts for its text): never pushed from disk, so no file is shown twice.
 *   A client that pulls diagnostics has them from workspace/diagnostic: then nothing is pushed here.
 */
import { relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CancellationTokenSource,
  type CancellationToken,
  type Connection,
  type Diagnostic,
  type ProgressToken,
  type TextDocuments,
  type WorkDoneProgressReporter,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { Analyzer, type DocumentAnalysis } from '../engine/analyze';
import { findingIds } from '../engine/identity';
import { collectTargets } from '../files/walk';
import { readTextFile } from '../files/read';
import { importFile, isImportable } from '../import/read';
import { reportYear } from '../parse/dates';
import type { Locale, Settings } from '../features/settings';
import type { Text } from '../format/standard';
import type { Severity } from '../model/report';
import type { Analyses } from './analyses';
import type { ClientState } from './client';
import { toDiagnostic } from './convert';
import type { DiagnosticsScheduler } from './diagnostics';
import { locate } from './others';
import { inside, uriToPath, type WorkspaceReports } from './workspace-reports';
import { REPORT_SUMMARY, type CheckWorkspaceParams, type CheckWorkspaceResult, type ReportSummary, type ReportSummaryParams } from './workspace-protocol';

/** The files checked: drafts, and the documents the importers read. */
const REPORT_FILE = /\.(md|markdown|txt|docx|html?)$/i;

/** Problems of a file named in its summary (the Problems panel has them all). */
const FIRST_PROBLEMS = 5;

/** Report readings the workspace check keeps (it reads each file once). */
const CACHED_PARTS = 16;

const WORDS = {
  title: { zh: '检查工作区中的全部年报', en: 'Checking every report in the workspace' },
  listing: { zh: '正在查找年报文件……', en: 'Finding the report files…' },
} satisfies Record<string, Text>;

const fileNameOf = (path: string) => path.slice(path.lastIndexOf(sep) + 1);

/** A summary of an analysis: counts and the first problems, in the locale. */
function summarise(uri: string, analysis: DocumentAnalysis, locale: Locale, imported: boolean): ReportSummary {
  const first = analysis.parts[0]?.report;
  const count = (severity: Severity) => analysis.findings.filter((f) => f.severity === severity).length;
  const rank: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };
  const problems = [...analysis.findings]
    .sort((a, b) => rank[a.severity] - rank[b.severity] || a.range.start.line - b.range.start.line)
    .slice(0, FIRST_PROBLEMS)
    .map((f) => ({ severity: f.severity, message: f.message[locale], ...(f.where ? { where: f.where[locale] } : {}), line: imported ? 0 : f.range.start.line }));
  return {
    uri,
    ...(first?.title?.unit ? { unit: first.title.unit } : {}),
    ...(first && reportYear(first) !== undefined ? { year: reportYear(first) } : {}),
    reports: analysis.parts.length,
    errors: count('error'),
    warnings: count('warning'),
    infos: count('information') + count('hint'),
    problems,
    imported,
  };
}

/**
 * A Word document's findings have no range to edit in it: each points at the
 * file's first line and says where it is in words.
 */
function pointAtFile(diagnostic: Diagnostic, where: string | undefined): Diagnostic {
  const start = { line: 0, character: 0 };
  return { ...diagnostic, range: { start, end: start }, message: where ? `【${where}】${diagnostic.message}` : diagnostic.message };
}

export class WorkspaceCheck {
  /** Its own, with a small cache: the open documents' Analyzer keeps their readings, not the workspace's. */
  private readonly analyzer = new Analyzer(CACHED_PARTS);
  /** Files whose diagnostics were pushed from disk (by URI), and the path of each. */
  private readonly pushed = new Map<string, string>();
  /** Whether a run was asked for: only then are file changes and closed files followed. */
  private active = false;
  private run: CancellationTokenSource | undefined;
  /** Files to check again (changed on disk, closed in the editor), one at a time after the run. */
  private readonly queue = new Set<string>();
  private draining = false;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly client: ClientState,
    private readonly analyses: Analyses,
    private readonly diagnostics: DiagnosticsScheduler,
    private readonly workspace: WorkspaceReports,
    private readonly log: (what: string, error: unknown) => void,
  ) {
    diagnostics.onChecked = (uri, analysis, locale) => {
      if (this.active) this.tell(uri, analysis.isReport ? summarise(uri, analysis, locale, false) : null);
    };
  }

  /** Check every report file of the workspace folders; the editor's file first. */
  async checkAll(params: CheckWorkspaceParams, token: CancellationToken): Promise<CheckWorkspaceResult> {
    this.run?.cancel();
    const run = new CancellationTokenSource();
    this.run = run;
    token.onCancellationRequested(() => run.cancel());
    this.active = true;
    const locale = this.client.localeOf(this.client.global);
    const progress = await this.progress(params.workDoneToken, run);
    progress.begin(WORDS.title[locale], 0, WORDS.listing[locale], true);
    const result: CheckWorkspaceResult = { files: 0, checked: 0, reports: 0, errors: 0, warnings: 0, cancelled: false };
    try {
      // The folder's titles read first: a file checked before would be compared with no last year's report;
      // and the other units' sentences, or it would miss what an open file's check finds copied.
      await this.workspace.prepare();
      await this.analyses.sentencesIndexed();
      const paths = await this.list();
      const firstPath = params.first ? uriToPath(params.first) : undefined;
      if (firstPath && paths.includes(firstPath)) paths.splice(paths.indexOf(firstPath), 1), paths.unshift(firstPath);
      result.files = paths.length;
      let reported = 0;
      for (const path of paths) {
        // The editor's documents first: wait while one waits for its check.
        await this.diagnostics.idle();
        if (run.token.isCancellationRequested) break;
        const summary = await this.checkFile(path, run.token);
        if (run.token.isCancellationRequested) break;
        result.checked++;
        if (summary) {
          result.reports++;
          result.errors += summary.errors;
          result.warnings += summary.warnings;
        }
        // A report at most every 100 ms, and the last.
        const now = Date.now();
        if (now - reported >= 100 || result.checked === paths.length) {
          reported = now;
          progress.report(Math.floor((100 * result.checked) / paths.length), `${result.checked}/${paths.length}：${fileNameOf(path)}`);
        }
        // The server answers what came meanwhile before the next file.
        await new Promise((resolve) => setImmediate(resolve));
      }
      result.cancelled = run.token.isCancellationRequested;
      // The client says how it ended, from the result.
      progress.done();
      if (this.client.pullDiagnostics) this.diagnostics.all();
      return result;
    } finally {
      if (this.run === run) this.run = undefined;
      run.dispose();
      void this.drain();
    }
  }

  /**
   * Files changed on disk (LSP FileChangeType: 1 created, 2 changed, 3
   * deleted): once a run was asked for, checked again; a deleted file's (or
   * folder's) problems cleared.
   */
  filesChanged(changes: readonly { uri: string; type: number }[]): void {
    if (!this.active) return;
    for (const change of changes) {
      const path = uriToPath(change.uri);
      if (!path) continue;
      if (change.type === 3) {
        // The file, or a folder with the files in it.
        for (const [uri, pushedPath] of this.pushed) if (inside(path, pushedPath)) this.forget(uri);
        this.queue.delete(path);
      } else if (this.listable(path)) {
        this.queue.add(path);
      }
    }
    void this.drain();
  }

  /** A document closed in the editor: its file's problems come back from disk (the editor cleared its own). */
  closed(uri: string): void {
    const path = uriToPath(uri);
    if (!this.active || !path || !this.listable(path)) return;
    this.queue.add(path);
    void this.drain();
  }

  /** Whether a path is one a run would check: a report file inside a workspace folder, not in node_modules or a dot-folder. */
  private listable(path: string): boolean {
    if (!REPORT_FILE.test(path)) return false;
    return this.workspace.folderPaths.some((root) => inside(root, path) && !relative(root, path).split(sep).slice(0, -1).some((d) => d.startsWith('.') || d === 'node_modules'));
  }

  /** The queued files, checked one at a time, after any run and the editor's checks. */
  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.size && !this.run) {
        await this.diagnostics.idle();
        const path = this.queue.values().next().value!;
        this.queue.delete(path);
        await this.checkFile(path);
      }
    } catch (error) {
      this.log('workspace check', error);
    } finally {
      this.draining = false;
    }
  }

  /** The client's progress (its token), or one created for a client that shows the server's. */
  private async progress(token: ProgressToken | undefined, run: CancellationTokenSource): Promise<WorkDoneProgressReporter> {
    if (token !== undefined || !this.client.workDoneProgress) return this.connection.window.attachWorkDoneProgress(token);
    try {
      const created = await this.connection.window.createWorkDoneProgress();
      created.token.onCancellationRequested(() => run.cancel());
      return created;
    } catch (error) {
      this.log('work done progress', error);
      return this.connection.window.attachWorkDoneProgress(undefined);
    }
  }

  /** The report files of the workspace folders, in a stable order. */
  private async list(): Promise<string[]> {
    const paths: string[] = [];
    for (const folder of this.workspace.folderPaths) {
      try {
        paths.push(...(await collectTargets([folder], REPORT_FILE)).targets.map((t) => t.absolute));
      } catch (error) {
        this.log(`listing ${folder}`, error);
      }
    }
    return [...new Set(paths)];
  }

  private openDocument(path: string): TextDocument | undefined {
    return this.documents.all().find((d) => uriToPath(d.uri) === path);
  }

  /**
   * Check one file: an open one as the editor has it (its diagnostics are the
   * editor's), any other from disk, its diagnostics pushed. Its summary, or
   * undefined when it is not a report (or could not be read).
   */
  private async checkFile(path: string, token?: CancellationToken): Promise<ReportSummary | undefined> {
    const open = this.openDocument(path);
    if (open) {
      const found = await this.analyses.reportOf(open.uri);
      const summary = found ? summarise(open.uri, found.analysis, found.locale, false) : undefined;
      this.tell(open.uri, summary ?? null);
      return summary;
    }
    const uri = pathToFileURL(path).href;
    const imported = isImportable(path);
    let text: string;
    try {
      text = imported ? (await importFile(path)).text : (await readTextFile(path)).text;
    } catch (error) {
      // Unreadable, not a report's Word document, gone meanwhile: no problems of its own.
      this.log(`reading ${path}`, error instanceof Error ? error.message : error);
      this.forget(uri);
      return undefined;
    }
    const settings = await this.client.settingsFor(uri);
    // Not open: its settings are asked again when it is.
    this.client.forget(uri);
    const analysis = settings.enable === 'never' ? undefined : await this.analyse(uri, text, settings, token);
    if (!analysis?.isReport || token?.isCancellationRequested) {
      if (!token?.isCancellationRequested) this.forget(uri);
      return undefined;
    }
    const locale = this.client.localeOf(settings);
    // Opened while it was read: the editor's text rules.
    if (this.openDocument(path)) return undefined;
    if (!this.client.pullDiagnostics) {
      const ids = findingIds(analysis.findings);
      const diagnostics = analysis.findings.map((f, i) => {
        const d = toDiagnostic(f, uri, locale, ids[i]);
        return imported ? pointAtFile(d, f.where?.[locale]) : d;
      });
      this.pushed.set(uri, path);
      void this.connection.sendDiagnostics({ uri, diagnostics }).catch((error) => this.log('workspace diagnostics', error));
    }
    const summary = summarise(uri, analysis, locale, imported);
    this.tell(uri, summary);
    return summary;
  }

  /** A file's analysis, compared as an open document's is: with last year's report of its unit, and with other units' sentences (copied-paragraph). */
  private async analyse(uri: string, text: string, settings: Settings, token?: CancellationToken): Promise<DocumentAnalysis | undefined> {
    const options = this.analyses.options(uri, settings);
    const control = { stop: () => !!token?.isCancellationRequested };
    const own = await this.analyzer.analyzeInSlices(text, options, control);
    if (!own?.isReport) return own;
    const { found, peers } = await this.analyses.othersFor(uri, own.parts.map((p) => p.report), settings);
    if (found.length === 0 && !peers) return own;
    const located = locate(found);
    const compared = await this.analyzer.analyzeInSlices(text, { ...options, others: located.others, peers }, control);
    return compared && located.place(compared);
  }

  /** A file no longer a report, or gone: its problems and its row go. */
  private forget(uri: string): void {
    if (this.pushed.delete(uri)) void this.connection.sendDiagnostics({ uri, diagnostics: [] }).catch((error) => this.log('workspace diagnostics', error));
    this.tell(uri, null);
  }

  private tell(uri: string, summary: ReportSummary | null): void {
    void this.connection.sendNotification(REPORT_SUMMARY, { uri, summary } satisfies ReportSummaryParams).catch((error) => this.log('report summary', error));
  }
}
