/**
 * nianbao check <文件或文件夹…> — check report drafts from the command line.
 *
 *   nianbao check examples/seed-001.md            one file
 *   nianbao check 2024年报/                        a folder: every *.md in it, recursively
 *   nianbao check pasted.txt --locale en          any explicit file is read as Markdown
 *   nianbao check drafts/ --format json           machine-readable output (also --format sarif)
 *   nianbao check "drafts/*.md"                   a glob, expanded here (Windows shells do not)
 *   cat draft.md | nianbao check -                standard input
 *   nianbao check draft.md --fix                  apply every fix that is certain and write the file back
 *
 * Each file is checked under the nearest .nianbaorc.json above it (cli/config.ts),
 * or --config, with --rule over it.
 *
 * Which files are checked:
 *  - a file named on the command line is always checked as a report (enable 'always'),
 *    whatever its extension, so reviewers can pass a .txt of pasted text;
 *  - a folder is searched recursively for *.md files, skipping node_modules and
 *    folders whose name starts with a dot; such a file is checked only when it looks
 *    like an annual report (enable 'auto', as in the editor). Files that do not
 *    (a README) are skipped: text output leaves them out and the summary counts them;
 *    JSON output lists them with "isReport": false and "findings": [].
 *  - what is not a regular file (a FIFO, a device) is never read: it is noted and skipped.
 *
 * Files are read and written by files/: UTF-8 with or without BOM, UTF-16 and
 * GBK/GB18030 are read right; --fix writes a file back atomically in its own
 * encoding, with its BOM and line endings, and prints what it changed.
 *
 * Exit codes: 0 no errors (warnings are fine unless --max-warnings), 1 errors
 * found or too many warnings, 2 bad usage or configuration, a file that could
 * not be read or written, or a check that failed.
 */
import { resolve } from 'node:path';
import { INTERNAL_ERROR } from '../engine/analyze';
import { say } from '../checks/messages';
import type { Severity } from '../model/report';
import { FileReadError, readStdin } from '../files/read';
import { readReport } from '../import/read';
import { ImportError } from '../import/source';
import { READ_FAILURES, WRITE_FAILURES } from '../files/messages';
import { FileWriteError, writeTextFile } from '../files/write';
import { collectTargets, TargetError, type Skipped, type Target } from '../files/walk';
import { isLastYearOf } from '../parse/units';
import { VERSION } from '../about';
import { UsageError } from './args';
import { CHECK_USAGE, parseCheckArgs, type CheckArgs } from './check-args';
import { checkFile, uriOf, type FileOutcome, type FileResult, type FileTask } from './check-file';
import { ConfigResolver, describeProblems } from './config';
import { formatJson } from './formats/json';
import { formatSarif } from './formats/sarif';
import { formatText } from './formats/text';
import { Output } from './io';
import { runJobs, type JobOptions } from './jobs';
import { peerTables } from './peers';
import { CLI, TARGET_FAILURES } from './messages';

/** A file's task before its rules are known: the same for every file but the text and the rules. */
type Base = Pick<FileTask, 'strict' | 'columns'>;

/**
 * Check the targets, on every core: first each file alone; then, again, each
 * file that holds this year's report of a unit whose last year's report is in
 * another file (the checks across files compare them), or that shares
 * sentences with another unit's report of its year (copied-paragraph), and
 * with --fix every report, writing the certain fixes back. Results come in
 * the targets' order.
 */
async function checkFiles(
  tasks: readonly FileTask[],
  options: Pick<CheckArgs, 'fix' | 'jobs'>,
  skipped: readonly Skipped[] = [],
): Promise<FileResult[]> {
  const skippedResults: FileResult[] = skipped.map((s) => ({ file: s.display, isReport: false, findings: [], error: say(CLI[TARGET_FAILURES[s.reason]], { path: s.display }) }));
  const outcomes = await checkAcrossYears(tasks, { ...options, acrossUnits: true }, checkFile);
  return [...skippedResults, ...outcomes.map((outcome) => outcome.result)];
}

/** How a run across years is shown and stopped: the job options of each pass, from the number of its tasks. */
export type PassOptions = (pass: 1 | 2, total: number) => JobOptions;

/**
 * The two passes of checkFiles, with any work that checks a file as checkFile
 * does (review's also summarises it): the outcomes in the tasks' order, each
 * from the second pass when the file had one. With `acrossUnits` and several
 * files, the first pass keeps each report's sentences, and a file sharing some
 * with another unit's report is checked again with them (cli/peers.ts).
 */
export async function checkAcrossYears<O extends FileOutcome>(
  tasks: readonly FileTask[],
  options: Pick<CheckArgs, 'fix' | 'jobs'> & { acrossUnits?: boolean },
  work: (task: FileTask) => Promise<O>,
  passOptions: PassOptions = () => ({}),
): Promise<O[]> {
  const keepSentences = !!options.acrossUnits && tasks.length > 1;
  const first = await runJobs(tasks.map((task): FileTask => ({ ...task, lastYear: [], fix: false, keepSentences })), options.jobs, work, passOptions(1, tasks.length));
  const peers = keepSentences ? peerTables(tasks.map((task, i) => ({ uri: uriOf(task.target), sentences: first[i].sentences }))) : [];
  const lastYearTasks = tasks.map((_, i) =>
    tasks.flatMap((other, j) => (j !== i && first[j].identities.some((last) => first[i].identities.some((own) => isLastYearOf(last, own))) ? [other] : [])),
  );
  // With --fix, read once, before any fix writes: each file is compared with last year's text as it was. Without,
  // each worker reads last year's files of its own task: this thread never holds a folder's texts (a province's 10,000).
  const texts = new Map<Target, string>();
  for (const other of options.fix ? new Set(lastYearTasks.flat()) : []) {
    try {
      texts.set(other.target, other.text ?? (await readReport(other.target.absolute)).text);
    } catch (error) {
      if (!(error instanceof FileReadError) && !(error instanceof ImportError)) throw error; // reported by its own check
    }
  }
  const lastYearOf = (t: FileTask): FileTask['lastYear'] => {
    if (!options.fix) return [{ target: t.target, ...(t.text !== undefined ? { text: t.text } : {}) }];
    const text = texts.get(t.target);
    return text === undefined ? [] : [{ target: t.target, text }];
  };
  const again = tasks.flatMap((task, i) => {
    const lastYear = lastYearTasks[i].flatMap(lastYearOf);
    const needed = first[i].result.isReport && !first[i].result.error && (lastYear.length > 0 || !!peers[i] || options.fix);
    return needed ? [{ i, task: { ...task, lastYear, fix: options.fix, ...(peers[i] ? { peers: peers[i] } : {}) } }] : [];
  });
  const second = await runJobs(again.map((a) => a.task), options.jobs, work, passOptions(2, again.length));
  const outcomes = [...first];
  again.forEach((a, k) => (outcomes[a.i] = second[k]));
  return outcomes;
}

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'information', 'hint'];

/** The exit code of a run: 2 when a file failed or a check did, 1 when errors were found or warnings exceed the limit, else 0. */
function exitCode(results: readonly FileResult[], maxWarnings: number | undefined): number {
  if (results.some((r) => r.error || r.findings.some((f) => f.code === INTERNAL_ERROR))) return 2;
  const all = results.flatMap((r) => r.findings);
  const worst = all.reduce((w, f) => Math.min(w, SEVERITY_ORDER.indexOf(f.severity)), SEVERITY_ORDER.length);
  if (worst === 0) return 1;
  return maxWarnings !== undefined && all.filter((f) => f.severity === 'warning').length > maxWarnings ? 1 : 0;
}

/** The tasks: the files found (and standard input), each with the rules of its configuration. */
async function tasksOf(options: CheckArgs, resolver: ConfigResolver): Promise<{ tasks: FileTask[]; skipped: Skipped[] }> {
  const base: Base = { strict: options.strict, columns: options.columns };
  const { targets, skipped } = options.paths.length ? await collectTargets(options.paths, /\.(md|markdown|docx|html?)$/i) : { targets: [], skipped: [] };
  const entries: { target: Target; text?: string }[] = targets.map((target) => ({ target }));
  if (options.stdin) {
    const name = options.stdinFilename ?? '<stdin>';
    const decoded = await readStdin();
    entries.unshift({ target: { display: name, absolute: resolve(name), named: true }, text: decoded.text });
  }
  const tasks: FileTask[] = [];
  const problems = [];
  for (const { target, text } of entries) {
    const { rules, problems: found } = await resolver.rulesFor(target.absolute);
    problems.push(...found);
    tasks.push({ target, ...(text !== undefined ? { text } : {}), lastYear: [], fix: false, check: { rules }, ...base });
  }
  if (problems.length) throw new ConfigError(describeProblems(problems));
  return { tasks, skipped };
}

export class ConfigError extends Error {
  constructor(readonly lines: { zh: string; en: string }[]) {
    super(lines.map((l) => l.en).join('\n'));
  }
}

export async function runCheck(args: string[]): Promise<number> {
  const out = new Output('zh');
  let options: CheckArgs | 'help' | 'version';
  let results: FileResult[];
  let files: Map<string, string>;
  try {
    options = parseCheckArgs(args);
    if (options === 'help' || options === 'version') {
      await out.write(options === 'help' ? CHECK_USAGE : `${VERSION}\n`);
      return 0;
    }
    out.locale = options.locale;
    const { tasks, skipped } = await tasksOf(options, new ConfigResolver(options.config, options.ruleFlags));
    results = await checkFiles(tasks, options, skipped);
    files = new Map(tasks.map((t) => [uriOf(t.target), t.target.display]));
  } catch (error) {
    if (error instanceof UsageError) {
      out.usage(error.text, 'check');
      return 2;
    }
    if (error instanceof TargetError) {
      out.usage(say(CLI[TARGET_FAILURES[error.reason]], { path: error.path }), 'check');
      return 2;
    }
    if (error instanceof ConfigError) {
      out.error({ zh: [CLI.badConfig.zh, ...error.lines.map((l) => `  ${l.zh}`)].join('\n'), en: [CLI.badConfig.en, ...error.lines.map((l) => `  ${l.en}`)].join('\n') }, 'nianbao check');
      return 2;
    }
    if (error instanceof FileReadError) {
      out.error(say(CLI.readFailed, { path: '-', why: READ_FAILURES[error.reason] }), 'nianbao check');
      return 2;
    }
    throw error;
  }
  const code = exitCode(results, options.maxWarnings);
  // --quiet: errors only (and files that failed), in every format.
  const shown = options.quiet ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error'), columns: r.columns?.filter((_, i) => r.findings[i].severity === 'error') })) : results;
  const report = options.format === 'json' ? formatJson(shown, options.locale) : options.format === 'sarif' ? formatSarif(shown, options.locale) : formatText(shown, options.locale, options.color, files);
  if (options.output) {
    try {
      await writeTextFile(options.output, report, 'utf-8', false, { create: true });
    } catch (error) {
      if (!(error instanceof FileWriteError)) throw error;
      out.error(say(CLI.outputFailed, { path: options.output, why: WRITE_FAILURES[error.reason] }), 'nianbao check');
      return 2;
    }
  } else await out.write(report);
  if (options.maxWarnings !== undefined && code === 1 && !results.some((r) => r.findings.some((f) => f.severity === 'error'))) {
    const count = results.flatMap((r) => r.findings).filter((f) => f.severity === 'warning').length;
    out.error(say(CLI.tooManyWarnings, { count, max: options.maxWarnings }), 'nianbao check');
  }
  return code;
}
