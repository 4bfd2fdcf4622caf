/**
 * The work of `nianbao check` on one file, as a worker thread does it: read
 * it, check it (against last year's reports, when the file has any among the
 * others), and with --fix write the certain fixes back. Everything in and out
 * is plain data, so a task crosses to a worker and its result back.
 */
import { pathToFileURL } from 'node:url';
import { createTwoFilesPatch } from 'diff';
import { Analyzer, type AnalyzeOptions, type CheckErrors, type DocumentAnalysis, type EnableMode } from '../engine/analyze';
import { fixAll, type AppliedFix } from '../engine/fix';
import type { CheckOptions } from '../checks';
import { say } from '../checks/messages';
import type { Finding, Report } from '../model/report';
import { encodingName } from '../files/encoding';
import { FileReadError } from '../files/read';
import { readReport } from '../import/read';
import type { ImportedDraft } from '../import/draft';
import { IMPORT_FAILED, ImportError } from '../import/source';
import type { Target } from '../files/walk';
import { FileWriteError, writeTextFile } from '../files/write';
import { identityOf, type ReportIdentity } from '../parse/units';
import { READ_FAILURES, WRITE_FAILURES } from '../files/messages';
import { CLI } from './messages';
import { fileSentences, peerLookup, type FileSentences, type PeerTable } from './peers';

export interface FileResult {
  file: string;
  isReport: boolean;
  findings: Finding[];
  encoding?: string;
  /** With --fix: the fixes written back (with --fix-dry-run: the fixes that would be). */
  fixed?: AppliedFix[];
  /** With --fix-dry-run: the change as a unified diff (empty: nothing to change). */
  diff?: string;
  /** Each finding's start column, from 1, in the unit the text output counts in. */
  columns?: number[];
  /** Why the file could not be read or written. */
  error?: { zh: string; en: string };
  /**
   * For a Word document or a web page, checked through the draft an import
   * makes of it: where each finding stood in the original (第 12 段, 第 2 个表格).
   */
  places?: ({ zh: string; en: string } | undefined)[];
}

/** How the text output counts a column: UTF-16 code units (LSP, VS Code), characters (Emacs) or UTF-8 bytes (Vim's quickfix). */
export type ColumnUnit = 'utf16' | 'codepoint' | 'byte';

export interface FileTask {
  target: Target;
  /** The text itself, when it came on standard input. */
  text?: string;
  /**
   * Files holding last year's reports of this one, with their text as first read (never re-read after a --fix
   * wrote them); without a text, the file is read here (one that cannot be is left out: its own check says why).
   */
  lastYear: { target: Target; text?: string }[];
  fix: false | 'write' | 'dry-run';
  check: CheckOptions;
  strict: boolean;
  columns: ColumnUnit;
  /** Keep the reports' comparable sentences (a first pass over several files: copied-paragraph across units). */
  keepSentences?: boolean;
  /** Other units' sentences this file shares (from the first pass over the others): copied-paragraph compares with them. */
  peers?: PeerTable;
}

export interface FileOutcome {
  result: FileResult;
  /** Who the file's reports are by and for which year: which files are last year's of which. */
  identities: ReportIdentity[];
  /** With keepSentences: the comparable sentences of the file's reports. */
  sentences?: FileSentences;
}

/** The URI a file's findings and related information name. */
export const uriOf = (target: Target): string => pathToFileURL(target.absolute).toString();

function optionsOf(target: Target, task: Pick<FileTask, 'check' | 'strict'>): AnalyzeOptions {
  const checkErrors: CheckErrors = task.strict ? 'throw' : 'report';
  return { enable: (target.named ? 'always' : 'auto') as EnableMode, check: task.check, uri: uriOf(target), checkErrors };
}

/**
 * One analyzer per thread: it caches each report's reading by its text. The
 * CLI reads a file once (again only when last year's report is in the folder),
 * so a few parts are enough; the editor's 400 would keep hundreds of MB per
 * thread over a province's folder (bench/review.ts: 10,000 reports).
 */
const CLI_CACHED_PARTS = 16;
const analyzer = new Analyzer(CLI_CACHED_PARTS);

/** What another command (review) keeps of a report besides its findings, made in the worker from the analysis (and last year's reports it was checked against). */
export type Summarise<S> = (analysis: DocumentAnalysis, file: { text: string; imported?: ImportedDraft }, others: readonly { uri: string; report: Report }[]) => S;

/** Last year's file's text; none when it cannot be read (its own check says why). */
async function lastYearText(target: Target): Promise<string | undefined> {
  try {
    return (await readReport(target.absolute)).text;
  } catch (error) {
    if (error instanceof FileReadError || error instanceof ImportError) return undefined;
    throw error;
  }
}

/** Check a file; with `summarise`, also what it makes of the report's analysis (the worker returns that, never the text). */
export async function checkFile<S = never>(task: FileTask, summarise?: Summarise<S>): Promise<FileOutcome & { summary?: S }> {
  const { target } = task;
  let file: Awaited<ReturnType<typeof readReport>>;
  try {
    file = task.text !== undefined ? { text: task.text, encoding: 'utf-8' as const, bom: false } : await readReport(target.absolute);
  } catch (error) {
    const failed = (why: { zh: string; en: string }): FileOutcome => ({ result: { file: target.display, isReport: false, findings: [], error: why }, identities: [] });
    if (error instanceof FileReadError) return failed(say(CLI.readFailed, { path: target.display, why: READ_FAILURES[error.reason] }));
    if (!(error instanceof ImportError)) throw error;
    // In a folder, a web page with no report in it is skipped like any file that is not a report.
    if (error.reason === 'no-report' && !target.named) return { result: { file: target.display, isReport: false, findings: [] }, identities: [] };
    return failed(say(IMPORT_FAILED, { path: target.display, why: error.words }));
  }
  if (file.imported && task.fix) {
    return { result: { file: target.display, isReport: false, findings: [], error: say(CLI.fixImported, { path: target.display }) }, identities: [] };
  }
  const own = analyzer.analyze(file.text, optionsOf(target, task));
  const identities = own.isReport ? own.parts.map((p) => identityOf(p.report)) : [];
  const sentences = task.keepSentences && own.isReport ? fileSentences(own.parts) : undefined;
  // Last year's reports, for the checks across files (this year's 二 = last year's 四).
  const others: { uri: string; report: Report }[] = [];
  for (const { target: other, text } of task.lastYear) {
    const read = text ?? (await lastYearText(other));
    const analysis = read === undefined ? undefined : analyzer.analyze(read, optionsOf(other, task));
    if (analysis?.isReport) others.push(...analysis.parts.map((p) => ({ uri: uriOf(other), report: p.report })));
  }
  const options: AnalyzeOptions = { ...optionsOf(target, task), ...(others.length ? { others } : {}), ...(task.peers ? { peers: peerLookup(task.peers) } : {}) };
  let analysis: DocumentAnalysis = others.length || task.peers ? analyzer.analyze(file.text, options) : own;
  const result: FileResult = { file: target.display, isReport: analysis.isReport, findings: [], encoding: encodingName(file.encoding, file.bom) };
  if (task.fix === 'dry-run' && analysis.isReport) {
    const fixed = fixAll(file.text, options, analyzer);
    result.fixed = fixed.applied;
    result.diff = fixed.text === file.text ? '' : createTwoFilesPatch(target.display, target.display, file.text, fixed.text, '', '', { context: 2 });
    analysis = fixed.after;
  } else if (task.fix && analysis.isReport) {
    const fixed = fixAll(file.text, options, analyzer);
    result.fixed = [];
    if (fixed.text !== file.text) {
      try {
        await writeTextFile(target.absolute, fixed.text, file.encoding, file.bom);
        result.fixed = fixed.applied;
        analysis = fixed.after;
      } catch (error) {
        if (!(error instanceof FileWriteError)) throw error;
        result.error = say(CLI.writeFailed, { path: target.display, why: WRITE_FAILURES[error.reason] });
      }
    }
  }
  // The output needs no fixes (--fix applied them here): not copied back from a worker.
  result.findings = analysis.findings.map(({ fixes: _fixes, ...finding }) => finding);
  const imported = file.imported;
  if (imported) result.places = result.findings.map((f) => imported.places[f.range.start.line]);
  if (task.columns !== 'utf16') result.columns = columnsOf(analysis.text, result.findings, task.columns);
  return { result, identities, ...(sentences ? { sentences } : {}), ...(summarise && analysis.isReport ? { summary: summarise(analysis, file, others) } : {}) };
}

/** The findings' start columns counted in another unit than UTF-16 code units. */
function columnsOf(text: string, findings: readonly Finding[], unit: Exclude<ColumnUnit, 'utf16'>): number[] {
  const lines = text.split(/\r\n|\r|\n/);
  return findings.map((f) => {
    const before = (lines[f.range.start.line] ?? '').slice(0, f.range.start.character);
    return (unit === 'byte' ? Buffer.byteLength(before, 'utf8') : [...before].length) + 1;
  });
}
