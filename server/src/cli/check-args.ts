/** The command line of `nianbao check`: its usage text and its options, read with node:util parseArgs (cli/args.ts). */
import type { RuleSettings } from '../checks/options';
import { mergeRules, readRuleFlags } from '../config/rules';
import { oneOf, parseCommandLine, usageError, UsageError } from './args';
import type { ColumnUnit } from './check-file';
import type { Locale } from './io';
import { defaultJobs } from './jobs';

export const CHECK_USAGE = `用法 Usage: nianbao check <文件、文件夹或 glob…> [选项 options]
       nianbao check - [--stdin-filename 名称] [选项 options]      从标准输入读取 / read standard input

  文件夹内递归检查 *.md、*.docx、*.html 文件（跳过 node_modules 和以 . 开头的文件夹），不像年度报告的文件跳过；
  直接列出的文件（任何扩展名，如 .txt）一律按年度报告检查。Word 文档和网页按 nianbao import 生成的草稿检查，
  问题标明在原文的第几段、第几个表格。glob 请加引号（"2024/**/*.md"），由 nianbao 展开。
  Folders: every *.md, *.docx and *.html file inside, recursively (node_modules and dot-folders
  skipped); files that do not look like a report are skipped. Files named explicitly (any
  extension, e.g. .txt) are always checked. A Word document or web page is checked as the draft
  nianbao import makes of it, each finding placed by paragraph or table of the original.
  Quote globs ("2024/**/*.md"): nianbao expands them, on any shell.

  配置 Configuration
  --config 文件           使用此配置文件，不查找 .nianbaorc.json / use this file instead of the nearest .nianbaorc.json
  --rule 代码=级别        设定一项检查：off | info | warning | error，可重复（copied-paragraph=off）
  --rule 代码.选项=值     设定一项检查的选项（deadline.departmentDeadline=01-26）/ set a check or one of its options; repeatable
  --publisher auto|department|government
                          发布主体（公开时限），同 --rule deadline.publisher=… / who publishes (deadline check)

  输出 Output
  --format text|json|sarif  输出格式，默认 text；sarif 为 SARIF 2.1.0（GitHub 代码扫描）/ output format (default text)
  -o, --output 文件       写入文件而不是标准输出 / write to a file instead of standard output
  --locale zh-CN|en       消息语言，默认 zh-CN / message language (default zh-CN)
  --quiet                 只报告错误 / report errors only
  --max-warnings N        警告超过 N 个时退出码为 1 / exit 1 when there are more than N warnings
  --columns utf16|codepoint|byte
                          文本输出中列号的单位：utf16（默认，同 VS Code）、codepoint（字符，Emacs）、byte（UTF-8 字节，Vim 的 -q）
                          what a column counts in the text output: UTF-16 units (default, as VS Code), characters (Emacs), UTF-8 bytes (vim -q)
  --color / --no-color    强制使用或不用颜色；默认只在终端中使用，遵从 NO_COLOR、FORCE_COLOR
                          colours on or off; by default only on a terminal, honouring NO_COLOR and FORCE_COLOR

  修复 Fixing
  --fix                   应用所有可以确定的修复（合计、空白格、措辞……），写回文件并列出改动
                          apply every fix that is certain (totals, blanks, wording …), write the file back, list the changes
  --fix-dry-run           同上，但不写文件，输出统一格式的差异 / the same, but print a unified diff instead of writing

  其他 Other
  --stdin-filename 名称   标准输入文本在输出中的名称（并据此查找配置）/ the name of the standard input text in the output
  --strict                某项检查出错时立即中止 / stop at once when a check fails
  -j, --jobs N            同时检查的文件数，默认为 CPU 核数 / files checked at once (default: the number of cores)
  -h, --help              显示本说明 / show this help
  --version               显示版本 / show the version

  退出码 Exit code: 0 无错误 no errors · 1 有错误（或警告超过 --max-warnings）errors found (or too many warnings)
                    2 用法或配置错误、文件无法读写、检查出错 bad usage or configuration, a file that cannot be read or written, a check that failed
`;

type Format = 'text' | 'json' | 'sarif';

export interface CheckArgs {
  paths: string[];
  /** `-` among the paths: the text comes on standard input. */
  stdin: boolean;
  stdinFilename?: string;
  format: Format;
  output?: string;
  locale: Locale;
  fix: false | 'write' | 'dry-run';
  strict: boolean;
  color: boolean;
  jobs: number;
  config?: string;
  /** --rule and --publisher, over every configuration file. */
  ruleFlags: RuleSettings;
  maxWarnings?: number;
  quiet: boolean;
  columns: ColumnUnit;
}

/** Whether to colour: --color / --no-color, else NO_COLOR (any value) off, FORCE_COLOR on (0 or false: off), else a terminal. */
function useColor(flag: boolean | undefined, isTTY: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return !/^(0|false)$/i.test(env.FORCE_COLOR);
  return isTTY;
}

/** A whole number from `min`. */
export function wholeNumber(option: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,6}$/.test(value) || Number(value) < min) throw usageError('badValue', { option, allowed: min === 0 ? '0, 1, 2 …' : '1, 2, 3 …', value });
  return Number(value);
}

/** zh-CN (zh, zh-Hans) or en (en-GB …). */
export function parseLocale(value: string | undefined): Locale {
  if (value === undefined || /^zh(-cn|-hans)?$/i.test(value)) return 'zh';
  if (/^en(-|$)/i.test(value)) return 'en';
  throw usageError('badValue', { option: '--locale', allowed: 'zh-CN | en', value });
}

/** Parse the arguments of `nianbao check`; throws UsageError with a bilingual message. */
export function parseCheckArgs(args: string[]): CheckArgs | 'help' | 'version' {
  const { values, positionals } = parseCommandLine(args, {
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    locale: { type: 'string' },
    config: { type: 'string' },
    rule: { type: 'string', multiple: true },
    publisher: { type: 'string' },
    'max-warnings': { type: 'string' },
    quiet: { type: 'boolean' },
    columns: { type: 'string' },
    fix: { type: 'boolean' },
    'fix-dry-run': { type: 'boolean' },
    'stdin-filename': { type: 'string' },
    strict: { type: 'boolean' },
    color: { type: 'boolean' },
    'no-color': { type: 'boolean' },
    jobs: { type: 'string', short: 'j' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean' },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const stdin = positionals.includes('-');
  const paths = positionals.filter((p) => p !== '-');
  if (!stdin && paths.length === 0) throw usageError('noPaths');
  if (stdin && values.fix) throw usageError('fixStdin');
  if (values.fix && values['fix-dry-run']) throw usageError('fixAndDryRun');
  const publisher = oneOf('--publisher', values.publisher, ['auto', 'department', 'government'] as const, 'auto');
  const flags = readRuleFlags(values.rule ?? []);
  if (flags.problems.length) throw new UsageError(flags.problems[0]);
  const output = values.output;
  return {
    paths,
    stdin,
    stdinFilename: values['stdin-filename'],
    format: oneOf('--format', values.format, ['text', 'json', 'sarif'] as const, 'text'),
    output,
    locale: parseLocale(values.locale),
    fix: values.fix ? 'write' : values['fix-dry-run'] ? 'dry-run' : false,
    strict: !!values.strict,
    color: useColor(values['no-color'] ? false : values.color ? true : undefined, !output && !!process.stdout.isTTY),
    jobs: wholeNumber('--jobs', values.jobs, 1) ?? defaultJobs(),
    config: values.config,
    ruleFlags: mergeRules(publisher === 'auto' ? {} : { deadline: { options: { publisher } } }, flags.rules),
    maxWarnings: wholeNumber('--max-warnings', values['max-warnings'], 0),
    quiet: !!values.quiet,
    columns: oneOf('--columns', values.columns, ['utf16', 'codepoint', 'byte'] as const, 'utf16'),
  };
}
