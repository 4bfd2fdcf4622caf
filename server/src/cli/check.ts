/**
 * nianbao check <文件或文件夹…> — check report drafts from the command line.
 *
 *   nianbao check examples/seed-001.md            one file
 *   nianbao check 2024年报/                        a folder: every *.md in it, recursively
 *   nianbao check pasted.txt --locale en          any explicit file is read as Markdown
 *   nianbao check drafts/ --format json           machine-readable output
 *   nianbao check draft.md --fix                  apply every fix that is certain and write the file back
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
 * Exit codes: 0 no errors (warnings are fine), 1 errors found, 2 bad usage or a
 * file that could not be read or written, or a check that failed.
 */
import { INTERNAL_ERROR } from '../engine/analyze';
import type { CheckOptions } from '../checks';
import { say } from '../checks/messages';
import type { Severity } from '../model/report';
import { FileReadError, readTextFile } from '../files/read';
import { collectTargets, TargetError, type Skipped, type Target } from '../files/walk';
import { isLastYearOf } from '../parse/units';
import { oneOf, parseCommandLine, usageError, UsageError } from './args';
import { checkFile, type FileResult, type FileTask } from './check-file';
import { Output, type Locale } from './io';
import { defaultJobs, runJobs } from './jobs';
import { CLI } from './messages';

const CHECK_USAGE = `用法 Usage: nianbao check <文件或文件夹…> [选项 options]

  文件夹内递归检查 *.md 文件（跳过 node_modules 和以 . 开头的文件夹），不像年度报告的文件跳过；
  直接列出的文件（任何扩展名，如 .txt）一律按年度报告检查。
  Folders: every *.md file inside, recursively (node_modules and dot-folders skipped);
  files that do not look like a report are skipped. Files named explicitly (any
  extension, e.g. .txt) are always checked.

  --format text|json     输出格式，默认 text / output format (default text)
  --locale zh-CN|en      消息语言，默认 zh-CN / message language (default zh-CN)
  --publisher auto|department|government
                         发布机关类型（公开时限检查）/ publishing body (deadline check)
  --fix                  应用所有可以确定的修复（合计、空白格、措辞……），写回文件并列出改动
                         apply every fix that is certain (totals, blanks, wording …), write the file back, list the changes
  --strict               某项检查出错时立即中止 / stop at once when a check fails
  -j, --jobs N           同时检查的文件数，默认为 CPU 核数 / files checked at once (default: the number of cores)
  --no-color             不使用颜色 / no colours
  -h, --help             显示本说明 / show this help

  退出码 Exit code: 0 无错误 no errors · 1 有错误 errors found · 2 用法错误、文件无法读写或检查出错
                    bad usage, a file that cannot be read or written, or a check that failed
`;

type Format = 'text' | 'json';

interface Options {
  paths: string[];
  format: Format;
  locale: Locale;
  fix: boolean;
  strict: boolean;
  color: boolean;
  check: CheckOptions;
  jobs: number;
}

/** Parse the arguments of `nianbao check`; throws UsageError with a bilingual message. */
function parseCheckArgs(args: string[]): Options | 'help' {
  const { values, positionals } = parseCommandLine(args, {
    format: { type: 'string' },
    locale: { type: 'string' },
    publisher: { type: 'string' },
    fix: { type: 'boolean' },
    strict: { type: 'boolean' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    jobs: { type: 'string', short: 'j' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  const options: Options = {
    paths: positionals,
    format: oneOf('--format', values.format, ['text', 'json'] as const, 'text'),
    locale: parseLocale(values.locale),
    fix: !!values.fix,
    strict: !!values.strict,
    color: values['no-color'] ? false : values.color ? true : !!process.stdout.isTTY && !process.env.NO_COLOR,
    check: { publisher: oneOf('--publisher', values.publisher, ['auto', 'department', 'government'] as const, 'auto') },
    jobs: parseJobs(values.jobs),
  };
  if (options.paths.length === 0) throw usageError('noPaths');
  return options;
}

/** --jobs N: a whole number from 1; default every core. */
function parseJobs(value: string | undefined): number {
  if (value === undefined) return defaultJobs();
  if (!/^[1-9]\d{0,3}$/.test(value)) throw usageError('badValue', { option: '--jobs', allowed: '1, 2, 3 …', value });
  return Number(value);
}

/** zh-CN (zh, zh-Hans) or en (en-GB …). */
function parseLocale(value: string | undefined): Locale {
  if (value === undefined || /^zh(-cn|-hans)?$/i.test(value)) return 'zh';
  if (/^en(-|$)/i.test(value)) return 'en';
  throw usageError('badValue', { option: '--locale', allowed: 'zh-CN | en', value });
}

/**
 * Check the targets, on every core: first each file alone; then, again, each
 * file that holds this year's report of a unit whose last year's report is in
 * another file (the checks across files compare them), and with --fix every
 * report, writing the certain fixes back. Results come in the targets' order.
 */
async function checkFiles(
  targets: readonly Target[],
  options: Pick<Options, 'fix' | 'check' | 'strict' | 'jobs'>,
  skipped: readonly Skipped[] = [],
): Promise<FileResult[]> {
  const skippedResults: FileResult[] = skipped.map((s) => ({ file: s.display, isReport: false, findings: [], error: say(CLI[s.reason === 'not-regular' ? 'notRegular' : 'unreadableFolder'], { path: s.display }) }));
  const base = { check: options.check, strict: options.strict };
  const first = await runJobs(targets.map((target): FileTask => ({ target, lastYear: [], fix: false, ...base })), options.jobs, checkFile);
  const lastYearFiles = targets.map((_, i) =>
    targets.flatMap((other, j) => (j !== i && first[j].identities.some((last) => first[i].identities.some((own) => isLastYearOf(last, own))) ? [other] : [])),
  );
  // Read once, before any --fix writes: each file is compared with last year's text as it was.
  const texts = new Map<Target, string>();
  for (const other of new Set(lastYearFiles.flat())) {
    try {
      texts.set(other, (await readTextFile(other.absolute)).text);
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error; // reported by its own check
    }
  }
  const again = targets.flatMap((target, i) => {
    const lastYear = lastYearFiles[i].filter((t) => texts.has(t)).map((t) => ({ target: t, text: texts.get(t)! }));
    const needed = first[i].result.isReport && !first[i].result.error && (lastYear.length > 0 || options.fix);
    return needed ? [{ i, task: { target, lastYear, fix: options.fix, ...base } }] : [];
  });
  const second = await runJobs(again.map((a) => a.task), options.jobs, checkFile);
  const results = first.map((outcome) => outcome.result);
  again.forEach((a, k) => (results[a.i] = second[k].result));
  return [...skippedResults, ...results];
}

const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'information', 'hint'];

function colorize(enabled: boolean) {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), green: wrap(32, 39) };
}

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);

/** The text report: one line per finding, what --fix changed, then the summary. */
function formatText(results: FileResult[], locale: Locale, color: boolean): string {
  const c = colorize(color);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, information: c.blue, hint: c.dim };
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let checked = 0;
  let skipped = 0;
  let failed = 0;
  for (const r of results) {
    if (r.error) {
      failed++;
      lines.push(c.red(r.error[locale]));
    }
    if (!r.isReport) {
      if (!r.error) skipped++;
      continue;
    }
    checked++;
    if (r.fixed) {
      if (r.fixed.length === 0) lines.push(c.dim(say(CLI.nothingFixed, { path: r.file })[locale]));
      else {
        lines.push(c.green(say(CLI.fixed, { path: r.file, count: r.fixed.length })[locale]));
        for (const f of r.fixed) lines.push(c.green(say(CLI.fixedItem, { line: f.range.start.line + 1, code: f.code, title: f.title })[locale]));
      }
    }
    for (const f of r.findings) {
      counts[f.severity]++;
      const where = `${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${c.bold(where)}  ${paint[f.severity](f.severity)}  ${c.dim(f.code)}  ${f.message[locale]}`);
    }
  }
  const notes = counts.information + counts.hint;
  const words = { files: checked, filesWord: plural(checked, 'file'), errors: counts.error, errorsWord: plural(counts.error, 'error'), warnings: counts.warning, warningsWord: plural(counts.warning, 'warning') };
  let summary = say(CLI.summary, words)[locale];
  if (notes) summary += say(CLI.notes, { notes, notesWord: plural(notes, 'note') })[locale];
  if (skipped) summary += say(CLI.skippedNotReports, { count: skipped, filesWord: plural(skipped, 'file') })[locale];
  if (failed) summary += say(CLI.failedFiles, { count: failed, filesWord: plural(failed, 'file') })[locale];
  if (lines.length) lines.push('');
  lines.push(counts.error || failed ? c.red(summary) : counts.warning ? c.yellow(summary) : c.green(summary));
  return lines.join('\n') + '\n';
}

/** The JSON report: 0-based LSP ranges, messages in the chosen language. */
function formatJson(results: FileResult[], locale: Locale): string {
  const out = results.map((r) => ({
    file: r.file,
    isReport: r.isReport,
    ...(r.encoding ? { encoding: r.encoding } : {}),
    ...(r.error ? { error: r.error[locale] } : {}),
    ...(r.fixed !== undefined ? { fixed: r.fixed.map((f) => ({ code: f.code, title: f.title[locale], range: f.range })) } : {}),
    findings: r.findings.map((f) => ({ code: f.code, severity: f.severity, messageId: f.messageId, message: f.message[locale], range: f.range, data: f.data ?? null })),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}

/** The exit code of a run: 2 when a file failed or a check did, 1 when errors were found, else 0. */
function exitCode(results: readonly FileResult[]): number {
  if (results.some((r) => r.error || r.findings.some((f) => f.code === INTERNAL_ERROR))) return 2;
  const worst = results.flatMap((r) => r.findings).reduce((w, f) => Math.min(w, SEVERITY_ORDER.indexOf(f.severity)), SEVERITY_ORDER.length);
  return worst === 0 ? 1 : 0;
}

export async function runCheck(args: string[]): Promise<number> {
  const out = new Output('zh');
  let options: Options | 'help';
  let results: FileResult[];
  try {
    options = parseCheckArgs(args);
    if (options === 'help') {
      await out.write(CHECK_USAGE);
      return 0;
    }
    out.locale = options.locale;
    const { targets, skipped } = await collectTargets(options.paths, /\.(md|markdown)$/i);
    results = await checkFiles(targets, options, skipped);
  } catch (error) {
    if (error instanceof UsageError) {
      out.usage(error.text, 'check');
      return 2;
    }
    if (error instanceof TargetError) {
      const id = error.reason === 'not-found' ? 'notFound' : error.reason === 'not-regular' ? 'notRegular' : 'unreadableFolder';
      out.usage(say(CLI[id], { path: error.path }), 'check');
      return 2;
    }
    throw error;
  }
  await out.write(options.format === 'json' ? formatJson(results, options.locale) : formatText(results, options.locale, options.color));
  return exitCode(results);
}
