/**
 * nianbao check <文件或文件夹…> — check report drafts from the command line.
 *
 *   nianbao check examples/seed-001.md            one file
 *   nianbao check 2024年报/                        a folder: every *.md in it, recursively
 *   nianbao check pasted.txt --locale en          any explicit file is read as Markdown
 *   nianbao check drafts/ --format json           machine-readable output
 *   nianbao check draft.md --fix                  recompute every wrong total and write the file back
 *
 * Which files are checked:
 *  - a file named on the command line is always checked as a report (enable 'always'),
 *    whatever its extension, so reviewers can pass a .txt of pasted text;
 *  - a folder is searched recursively for *.md files, skipping node_modules and
 *    folders whose name starts with a dot; such a file is checked only when it looks
 *    like an annual report (enable 'auto', as in the editor). Files that do not
 *    (a README) are skipped: text output leaves them out and the summary counts them;
 *    JSON output lists them with "isReport": false and "findings": [].
 *
 * Output:
 *  - text: one line per finding, `path:line:col  severity  code  message` (1-based
 *    line and column, in UTF-16 units as the editor counts them), then a summary line.
 *    The severity word and the code stay in English so scripts can grep them; the
 *    message is Chinese by default, English with --locale en. Colours only on a TTY
 *    (never with NO_COLOR or --no-color).
 *  - json: an array of {file, isReport, findings: [{code, severity, message, range, data}]}
 *    with 0-based LSP ranges; with --fix, each entry also has "fixed" (edits applied).
 *
 * Files are read as UTF-8; a file that is not valid UTF-8 is read as GB18030 (drafts
 * saved from Chinese Windows tools), and --fix leaves such files alone.
 *
 * Exit codes: 0 no errors (warnings are fine), 1 errors found, 2 bad usage
 * (unknown option, no files, a file or folder that does not exist or cannot be read).
 */
import { existsSync, readdirSync, readFileSync, realpathSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Analyzer, applyEdits, fixAllEdits, type EnableMode } from '../engine/analyze';
import type { CheckOptions } from '../checks';
import type { Finding, Report, Severity } from '../model/report';
import { LineIndex } from '../parse/text';

export const CHECK_USAGE = `用法 Usage: nianbao check <文件或文件夹…> [选项 options]

  文件夹内递归检查 *.md 文件（跳过 node_modules 和以 . 开头的文件夹），不像年度报告的文件跳过；
  直接列出的文件（任何扩展名，如 .txt）一律按年度报告检查。
  Folders: every *.md file inside, recursively (node_modules and dot-folders skipped);
  files that do not look like a report are skipped. Files named explicitly (any
  extension, e.g. .txt) are always checked.

  --format text|json     输出格式，默认 text / output format (default text)
  --locale zh-CN|en      消息语言，默认 zh-CN / message language (default zh-CN)
  --publisher auto|department|government
                         发布机关类型（公开时限检查）/ publishing body (deadline check)
  --fix                  重算并改正所有合计，写回文件 / recompute every total and write the file back
  --no-color             不使用颜色 / no colours
  -h, --help             显示本说明 / show this help

  退出码 Exit code: 0 无错误 no errors · 1 有错误 errors found · 2 用法错误 bad usage
`;

type Locale = 'zh' | 'en';
type Format = 'text' | 'json';

interface Options {
  paths: string[];
  format: Format;
  locale: Locale;
  fix: boolean;
  color: boolean;
  check: CheckOptions;
}

class UsageError extends Error {}

/** Parse the arguments of `nianbao check`; throws UsageError with a bilingual message. */
export function parseCheckArgs(args: string[]): Options | 'help' {
  const options: Options = {
    paths: [],
    format: 'text',
    locale: 'zh',
    fix: false,
    color: !!process.stdout.isTTY && !process.env.NO_COLOR,
    check: {},
  };
  let onlyPaths = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`选项 ${name} 需要一个值 / Option ${name} needs a value`);
      i++;
      return next;
    };
    const noValue = () => {
      if (eq > 0) throw new UsageError(`选项 ${name} 不带值 / Option ${name} takes no value`);
    };
    switch (name) {
      case '--':
        onlyPaths = true;
        break;
      case '-h':
      case '--help':
        return 'help';
      case '--format': {
        const v = value();
        if (v !== 'text' && v !== 'json') throw new UsageError(`--format 只能是 text 或 json / --format must be text or json: ${v}`);
        options.format = v;
        break;
      }
      case '--locale': {
        const v = value().toLowerCase();
        if (v === 'zh' || v === 'zh-cn' || v === 'zh-hans') options.locale = 'zh';
        else if (v === 'en' || v.startsWith('en-')) options.locale = 'en';
        else throw new UsageError(`--locale 只能是 zh-CN 或 en / --locale must be zh-CN or en: ${v}`);
        break;
      }
      case '--publisher': {
        const v = value();
        if (v !== 'auto' && v !== 'department' && v !== 'government') {
          throw new UsageError(`--publisher 只能是 auto、department 或 government / --publisher must be auto, department or government: ${v}`);
        }
        options.check.publisher = v;
        break;
      }
      case '--fix':
        noValue();
        options.fix = true;
        break;
      case '--no-color':
        noValue();
        options.color = false;
        break;
      case '--color':
        noValue();
        options.color = true;
        break;
      default:
        throw new UsageError(`未知选项 Unknown option: ${arg}`);
    }
  }
  if (options.paths.length === 0) throw new UsageError('没有指定要检查的文件或文件夹 / No files or folders given');
  return options;
}

interface Target {
  /** The path as shown to the user. */
  display: string;
  absolute: string;
  enable: EnableMode;
}

const SKIP_DIRS = new Set(['node_modules']);

/** The files to check, in a stable order; explicit files win over folder members. */
export function collectTargets(paths: string[]): Target[] {
  const targets = new Map<string, Target>();
  const visitedDirs = new Set<string>();
  const walk = (dir: string, display: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return;
    }
    if (visitedDirs.has(real)) return; // symlink loops
    visitedDirs.add(real);
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      throw new UsageError(`无法读取文件夹 Cannot read folder: ${display} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      const shown = join(display, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const s = statSync(absolute);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) {
        if (!entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name)) walk(absolute, shown);
      } else if (isFile && /\.md$/i.test(entry.name)) {
        const key = resolve(absolute);
        if (!targets.has(key)) targets.set(key, { display: shown, absolute: key, enable: 'auto' });
      }
    }
  };
  for (const path of paths) {
    if (!existsSync(path)) throw new UsageError(`找不到文件或文件夹 No such file or folder: ${path}`);
    const stat = statSync(path);
    if (stat.isDirectory()) walk(path, path);
    else targets.set(resolve(path), { display: path, absolute: resolve(path), enable: 'always' });
  }
  return [...targets.values()];
}

interface Loaded {
  target: Target;
  text: string;
  /** Write-back details: BOM and whether the file was UTF-8. */
  bom: boolean;
  utf8: boolean;
}

function load(target: Target): Loaded {
  let bytes: Buffer;
  try {
    bytes = readFileSync(target.absolute);
  } catch (error) {
    throw new UsageError(`无法读取文件 Cannot read file: ${target.display} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let text: string;
  let utf8 = true;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    utf8 = false;
    try {
      text = new TextDecoder('gb18030').decode(bytes);
    } catch {
      text = bytes.toString('utf8');
    }
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  // The editor never shows the BOM; positions count from the first visible character.
  return { target, text: bom ? text.slice(1) : text, bom, utf8 };
}

export interface FileResult {
  file: string;
  isReport: boolean;
  findings: Finding[];
  fixed?: number;
  /** Why --fix left the file alone. */
  fixSkipped?: string;
}

/** Check the targets; with fix, write corrected totals back first. */
export function checkFiles(targets: Target[], options: Pick<Options, 'fix' | 'check'>): FileResult[] {
  const loaded = targets.map(load);
  const analyzer = new Analyzer();
  const uris = loaded.map((l) => pathToFileURL(l.target.absolute).toString());
  // Reports at hand, for checks across files (this year's 二 = last year's 四).
  const first = loaded.map((l, i) => analyzer.analyze(l.text, { enable: l.target.enable, check: options.check, uri: uris[i] }));
  const reportsOf = (i: number): { uri: string; report: Report }[] =>
    first[i].isReport ? first[i].parts.map((p) => ({ uri: uris[i], report: p.report })) : [];
  const results: FileResult[] = [];
  for (let i = 0; i < loaded.length; i++) {
    const file = loaded[i];
    const others = loaded.length > 1 ? loaded.flatMap((_, j) => (j === i ? [] : reportsOf(j))) : undefined;
    const analyze = (text: string) => analyzer.analyze(text, { enable: file.target.enable, check: options.check, uri: uris[i], others });
    let analysis = others?.length ? analyze(file.text) : first[i];
    const result: FileResult = { file: file.target.display, isReport: analysis.isReport, findings: [] };
    if (options.fix && analysis.isReport) {
      const edits = fixAllEdits(analysis);
      if (edits.length && !file.utf8) {
        result.fixSkipped = 'not-utf8';
      } else if (edits.length) {
        const index = new LineIndex(file.text);
        const fixedText = applyEdits(file.text, edits, (p) => index.offsetAt(p));
        if (fixedText !== file.text) {
          writeFileSync(file.target.absolute, (file.bom ? '\ufeff' : '') + fixedText, 'utf8');
          analysis = analyze(fixedText);
        }
        result.fixed = edits.length;
      } else {
        result.fixed = 0;
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
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), cyan: wrap(36, 39), green: wrap(32, 39) };
}

/** The text report: one line per finding, then the summary. */
export function formatText(results: FileResult[], locale: Locale, color: boolean): string {
  const c = colorize(color);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, information: c.blue, hint: c.dim };
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let checked = 0;
  let skipped = 0;
  for (const r of results) {
    if (!r.isReport) {
      skipped++;
      continue;
    }
    checked++;
    if (r.fixed) lines.push(c.green(locale === 'zh' ? `${r.file}: 已改正 ${r.fixed} 处合计` : `${r.file}: fixed ${r.fixed} total${r.fixed === 1 ? '' : 's'}`));
    if (r.fixSkipped) {
      lines.push(
        c.yellow(
          locale === 'zh'
            ? `${r.file}: 文件不是 UTF-8 编码，未写回修复（请先另存为 UTF-8）`
            : `${r.file}: not UTF-8, fixes not written (save it as UTF-8 first)`,
        ),
      );
    }
    for (const f of r.findings) {
      counts[f.severity]++;
      const where = `${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${c.bold(where)}  ${paint[f.severity](f.severity)}  ${c.dim(f.code)}  ${f.message[locale]}`);
    }
  }
  const zh = [`${checked} 个文件`, `${counts.error} 个错误`, `${counts.warning} 个警告`];
  const en = [`${checked} file${checked === 1 ? '' : 's'}`, `${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`];
  if (counts.information + counts.hint) {
    const n = counts.information + counts.hint;
    zh.push(`${n} 个提示`);
    en.push(`${n} note${n === 1 ? '' : 's'}`);
  }
  let summary = locale === 'zh' ? zh.join('，') : en.join(', ');
  if (skipped) summary += locale === 'zh' ? `（另有 ${skipped} 个文件不像年度报告，已跳过）` : ` (${skipped} file${skipped === 1 ? '' : 's'} skipped: not a report)`;
  if (lines.length) lines.push('');
  lines.push(counts.error ? c.red(summary) : counts.warning ? c.yellow(summary) : c.green(summary));
  return lines.join('\n') + '\n';
}

/** The JSON report: 0-based LSP ranges, messages in the chosen language. */
export function formatJson(results: FileResult[], locale: Locale): string {
  const out = results.map((r) => ({
    file: r.file,
    isReport: r.isReport,
    ...(r.fixed !== undefined ? { fixed: r.fixed } : {}),
    ...(r.fixSkipped ? { fixSkipped: r.fixSkipped } : {}),
    findings: r.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message[locale],
      range: f.range,
      data: f.data ?? null,
    })),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}

export async function runCheck(args: string[]): Promise<number> {
  let options: Options | 'help';
  let results: FileResult[];
  try {
    options = parseCheckArgs(args);
    if (options === 'help') {
      process.stdout.write(CHECK_USAGE);
      return 0;
    }
    results = checkFiles(collectTargets(options.paths), options);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`nianbao check: ${error.message}\n运行 nianbao check --help 查看用法 / Run nianbao check --help for usage\n`);
      return 2;
    }
    throw error;
  }
  const text = options.format === 'json' ? formatJson(results, options.locale) : formatText(results, options.locale, options.color);
  await new Promise<void>((done) => process.stdout.write(text, () => done()));
  const worst = results.flatMap((r) => r.findings).reduce((w, f) => Math.min(w, SEVERITY_ORDER.indexOf(f.severity)), SEVERITY_ORDER.length);
  return worst === 0 ? 1 : 0;
}
