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
import { pathToFileURL } from 'node:url';
import { Analyzer, INTERNAL_ERROR, type AnalyzeOptions, type CheckErrors, type DocumentAnalysis, type EnableMode } from '../engine/analyze';
import { fixAll, type AppliedFix } from '../engine/fix';
import type { CheckOptions } from '../checks';
import { say } from '../checks/messages';
import type { Finding, Report, Severity } from '../model/report';
import { encodingName, type Encoding } from '../files/encoding';
import { FileReadError, readTextFile } from '../files/read';
import { collectTargets, TargetError, type Skipped, type Target } from '../files/walk';
import { FileWriteError, writeTextFile } from '../files/write';
import { oneOf, parseCommandLine, usageError, UsageError } from './args';
import { Output, type Locale } from './io';
import { CLI, READ_FAILURES, WRITE_FAILURES } from './messages';

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
  };
  if (options.paths.length === 0) throw usageError('noPaths');
  return options;
}

/** zh-CN (zh, zh-Hans) or en (en-GB …). */
function parseLocale(value: string | undefined): Locale {
  if (value === undefined || /^zh(-cn|-hans)?$/i.test(value)) return 'zh';
  if (/^en(-|$)/i.test(value)) return 'en';
  throw usageError('badValue', { option: '--locale', allowed: 'zh-CN | en', value });
}

interface FileResult {
  file: string;
  isReport: boolean;
  findings: Finding[];
  encoding?: string;
  /** With --fix: the fixes written back. */
  fixed?: AppliedFix[];
  /** Why the file could not be read or written. */
  error?: { zh: string; en: string };
}

interface Loaded {
  target: Target;
  text: string;
  encoding: Encoding;
  bom: boolean;
}

/**
 * Check the targets; with fix, write the certain fixes back first. Files are
 * checked together: each is last year's report for the others where it is one.
 */
async function checkFiles(
  targets: readonly Target[],
  options: Pick<Options, 'fix' | 'check' | 'strict'>,
  skipped: readonly Skipped[] = [],
): Promise<FileResult[]> {
  const results: FileResult[] = skipped.map((s) => ({ file: s.display, isReport: false, findings: [], error: say(CLI[s.reason === 'not-regular' ? 'notRegular' : 'unreadableFolder'], { path: s.display }) }));
  const loaded: Loaded[] = [];
  for (const target of targets) {
    try {
      const file = await readTextFile(target.absolute);
      loaded.push({ target, text: file.text, encoding: file.encoding, bom: file.bom });
    } catch (error) {
      if (!(error instanceof FileReadError)) throw error;
      results.push({ file: target.display, isReport: false, findings: [], error: say(CLI.readFailed, { path: target.display, why: READ_FAILURES[error.reason] }) });
    }
  }
  const analyzer = new Analyzer();
  const checkErrors: CheckErrors = options.strict ? 'throw' : 'report';
  const uris = loaded.map((l) => pathToFileURL(l.target.absolute).toString());
  const optionsOf = (i: number): AnalyzeOptions => ({ enable: (loaded[i].target.named ? 'always' : 'auto') as EnableMode, check: options.check, uri: uris[i], checkErrors });
  // Reports at hand, for checks across files (this year's 二 = last year's 四).
  const first = loaded.map((l, i) => analyzer.analyze(l.text, optionsOf(i)));
  const reportsOf = (i: number): { uri: string; report: Report }[] => (first[i].isReport ? first[i].parts.map((p) => ({ uri: uris[i], report: p.report })) : []);
  for (let i = 0; i < loaded.length; i++) {
    const file = loaded[i];
    const others = loaded.length > 1 ? loaded.flatMap((_, j) => (j === i ? [] : reportsOf(j))) : undefined;
    const analyzeOptions: AnalyzeOptions = { ...optionsOf(i), ...(others?.length ? { others } : {}) };
    let analysis: DocumentAnalysis = others?.length ? analyzer.analyze(file.text, analyzeOptions) : first[i];
    const result: FileResult = { file: file.target.display, isReport: analysis.isReport, findings: [], encoding: encodingName(file.encoding, file.bom) };
    if (options.fix && analysis.isReport) {
      const fixed = fixAll(file.text, analyzeOptions, analyzer);
      result.fixed = [];
      if (fixed.text !== file.text) {
        try {
          await writeTextFile(file.target.absolute, fixed.text, file.encoding, file.bom);
          result.fixed = fixed.applied;
          analysis = fixed.after;
        } catch (error) {
          if (!(error instanceof FileWriteError)) throw error;
          result.error = say(CLI.writeFailed, { path: file.target.display, why: WRITE_FAILURES[error.reason] });
        }
      }
    }
    result.findings = analysis.findings;
    results.push(result);
  }
  return results;
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
