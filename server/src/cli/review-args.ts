/** The command line of `nianbao review`: its usage text and its options (cli/args.ts). */
import { parseCommandLine, usageError } from './args';
import { parseLocale, wholeNumber } from './check-args';
import type { Locale } from './io';
import { defaultJobs } from './jobs';

export const REVIEW_USAGE = `用法 Usage: nianbao review <文件夹、文件或 glob…> [选项 options]

  审核一批年度报告（上级政务公开办公室收到的各单位报告）：每份报告一行——单位、年度、格式、统计范围、
  主要数字（本年新收、上年结转、办理总计、结转下年、行政复议、行政诉讼、规范性文件现行有效、信息处理费）、
  错误/警告/提示数和首要问题（按报告原文的表格、栏目、章节指明位置及行号）。文件夹内递归读取
  *.md、*.markdown、*.txt、*.docx、*.html；上一年度的报告也在文件夹中时，一并核对跨年度的结转数等。
  Reviews a batch of annual reports: one row per report — unit, year, format, scope, the key figures,
  the counts of errors, warnings and notes, and the first problems, each placed in the report's own
  words with its line. Folders are read recursively (*.md, *.markdown, *.txt, *.docx, *.html); last
  year's reports in the folder are compared with this year's (carry-over, documents in force, copies).

  --roster 名单.csv       单位名单（列：单位/unit，可选 上级/parent、类型/kind；UTF-8 或 GBK）：列出未报送的单位、
                          不在名单上的报告（及最接近的名称）、同一单位的多份报告
                          the roster of units (CSV): units with no report, reports not on it, two reports of one unit
  --year N                审核的年度，默认为多数报告的年度 / the year reviewed (default: the year most reports are for)
  --csv 文件              写出 CSV（UTF-8 带 BOM，Excel/WPS 可直接打开）/ write a CSV (opens in Excel and WPS)
  --json 文件             写出 JSON（同样的数据，供脚本使用）/ write the same data as JSON
  --xlsx 文件             写出 Excel 工作簿：单位、问题、表二至表四、雷同、汇总核对 / a workbook: units, problems, tables, copies, sums
  --html 文件             写出单个网页：可排序、筛选，问题链接在 VS Code 中打开 / write one web page: sortable, filterable

  雷同：每份报告与其他单位报告（及本单位上年报告）相同语句的比例和雷同最多的单位
  （单位名称、年份和数字不计）。汇总核对：全地区的报告（如县政府本级报告）与名单上“上级”
  为它的各单位报告之和逐格比较，列出不一致的单元格和未计入的单位。
  Copied text: the share of each report's sentences found in other units' reports (and its own last year's),
  and the unit it shares most with. Sums: an area-wide report against the sum of its units' reports (the
  roster's 上级 column), cell by cell, with the units missing from the sum.

  --sum 单位              把名单上“上级”为此单位的各单位报告逐格相加，将汇总的表二、表三、表四
                          （标准 Markdown 表格，可粘贴到本级政府的报告中）和分单位的说明句
                          写到标准输出；需要 --roster
                          add up the reports of the units under this one on the roster (its 上级 column): the summed
                          Tables 2–4 as canonical Markdown and the breakdown sentences, on stdout; needs --roster
  --sum-out 文件          汇总写入此文件，不写到标准输出；已有同名文件时不写，除非加 --overwrite
                          write the sum to this file instead; an existing file is kept unless --overwrite
  --overwrite             替换已有的 --sum-out 文件 / replace an existing --sum-out file
  --config 文件           使用此配置文件，不查找 .nianbaorc.json / use this file instead of the nearest .nianbaorc.json
  --locale zh-CN|en       输出语言，默认 zh-CN / output language (default zh-CN)
  -j, --jobs N            同时处理的文件数，默认为 CPU 核数 / files at once (default: the number of cores)
  --progress / --no-progress
                          在标准错误上显示进度；默认只在终端中显示 / progress on stderr (default: on a terminal only)
  -h, --help              显示本说明 / show this help

  表格输出到标准输出，文件以原子方式写出（Ctrl+C 中断时不写出任何文件）。
  The table goes to standard output; files are written atomically (Ctrl+C writes none).

  退出码 Exit code: 0 无错误 no errors · 1 有错误或有文件无法读取 errors found, or a file could not be read
                    2 用法、配置或名单错误 bad usage, configuration or roster · 130 被 Ctrl+C 中断 interrupted
`;

export interface ReviewArgs {
  paths: string[];
  roster?: string;
  year?: number;
  csv?: string;
  json?: string;
  xlsx?: string;
  html?: string;
  /** --sum: the unit whose units' reports are added up. */
  sum?: string;
  sumOut?: string;
  overwrite: boolean;
  config?: string;
  locale: Locale;
  jobs: number;
  progress: boolean;
}

export function parseReviewArgs(args: string[]): ReviewArgs | 'help' {
  const { values, positionals } = parseCommandLine(args, {
    roster: { type: 'string' },
    year: { type: 'string' },
    csv: { type: 'string' },
    json: { type: 'string' },
    xlsx: { type: 'string' },
    html: { type: 'string' },
    sum: { type: 'string' },
    'sum-out': { type: 'string' },
    overwrite: { type: 'boolean' },
    config: { type: 'string' },
    locale: { type: 'string' },
    jobs: { type: 'string', short: 'j' },
    progress: { type: 'boolean' },
    'no-progress': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) return 'help';
  if (positionals.length === 0) throw usageError('noPaths');
  return {
    paths: positionals,
    roster: values.roster,
    year: wholeNumber('--year', values.year, 1),
    csv: values.csv,
    json: values.json,
    xlsx: values.xlsx,
    html: values.html,
    sum: values.sum,
    sumOut: values['sum-out'],
    overwrite: !!values.overwrite,
    config: values.config,
    locale: parseLocale(values.locale),
    jobs: wholeNumber('--jobs', values.jobs, 1) ?? defaultJobs(),
    progress: values['no-progress'] ? false : (values.progress ?? !!process.stderr.isTTY),
  };
}
