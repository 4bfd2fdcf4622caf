/**
 * nianbao export <草稿> --to docx|html [-o 文件|-] [--annotate] [--force] [--overwrite]
 *
 * Writes the draft as a Word document or a web page in the official layout
 * (export/docx.ts, export/html.ts), beside the draft (report.md →
 * report.docx) unless -o names the file; -o - writes it to standard output.
 * A Word document or a web page is read through its importer first.
 *
 * Decisions: an existing file is never replaced unless --overwrite says so
 * (exit 2 otherwise, nothing written). A draft with errors is still exported,
 * its errors are listed on stderr and the exit code is 1, so a script does
 * not send a report that does not add up; --force makes it 0. A file with
 * several reports exports the first, and says so. Exit codes: 0 exported,
 * 1 exported with errors, 2 bad usage or nothing written.
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { say } from '../checks/messages';
import { Analyzer } from '../engine/analyze';
import { DEFAULT_FONTS, fontsFrom, type DocxFonts } from '../export/fonts';
import { exportHtml } from '../export/html';
import { FileReadError } from '../files/read';
import { FileWriteError, writeBinaryFile } from '../files/write';
import { READ_FAILURES, WRITE_FAILURES } from '../files/messages';
import { readReport } from '../import/read';
import { IMPORT_FAILED, ImportError } from '../import/source';
import { oneOf, parseCommandLine, usageError, UsageError } from './args';
import { parseLocale } from './check-args';
import { ConfigResolver, describeProblems } from './config';
import { Output } from './io';
import { CLI } from './messages';

const FORMATS = ['docx', 'html'] as const;
type Format = (typeof FORMATS)[number];

const FONT_OPTIONS = Object.keys(DEFAULT_FONTS) as (keyof DocxFonts)[];

const EXPORT_USAGE = `用法 Usage: nianbao export <草稿.md> --to docx|html [-o 文件|-] [--annotate] [--force] [--overwrite] [--locale zh-CN|en]
  把草稿导出为标准版式的 Word 文档（.docx）或网页（.html）：三张表格按官方样式合并单元格，
  默认写在草稿旁边（报告.md → 报告.docx）。已有同名文件时不导出，除非加 --overwrite。
  Exports the draft as a Word document (.docx) or a web page (.html) in the official layout, with the
  tables' merged cells, beside the draft (report.md → report.docx). An existing file is not replaced
  unless --overwrite is given.

  --to docx|html       导出格式（-o 的扩展名为 .docx/.html 时可省略）/ the format (implied by -o's extension)
  -o, --output 文件    导出到这个文件；- 输出到标准输出 / write to this file; - for standard output
  --annotate           审查版：有问题的单元格和段落标出（Word 中加批注），文末列出全部问题
                       a review copy: cells and paragraphs with findings marked (Word: comments), all listed at the end
  --force              报告有错误时照常导出，退出码 0 / export a report with errors with exit code 0
  --overwrite          替换已有的文件 / replace an existing file
  --font-title|--font-heading|--font-subheading|--font-body|--font-table 字体
                       Word 文档中各部分的字体（默认 ${FONT_OPTIONS.map((f) => DEFAULT_FONTS[f]).join('、')}）
                       the fonts of the Word document's title, headings, body and tables
  --locale zh-CN|en    提示和审查意见的语言 / the language of messages and of the review list

  报告有错误（如合计不符）时仍会写出文件，但在标准错误输出列出错误，退出码为 1。
  文件中有多份报告时只导出第一份。.docx/.html 文件先按 nianbao import 的方式读入。
  A report with errors (a total that does not add up) is still written, its errors listed on stderr,
  exit code 1. Of a file with several reports the first is exported. .docx/.html inputs are read as
  nianbao import reads them.
  退出码 Exit code: 0 已导出 exported · 1 已导出但报告有错误 exported, the report has errors · 2 用法错误或未写出 bad usage or nothing written
`;

/** The exported file's path beside the draft: report.md → report.docx. */
const besideDraft = (path: string, format: Format) => join(dirname(path), `${basename(path, extname(path))}.${format}`);

interface ExportArgs {
  draft: string;
  format: Format;
  output?: string;
  annotate: boolean;
  force: boolean;
  overwrite: boolean;
  fonts: Partial<DocxFonts>;
}

function parseExportArgs(args: string[], out: Output): ExportArgs | 'help' {
  const fontFlags = Object.fromEntries(FONT_OPTIONS.map((f) => [`font-${f}`, { type: 'string' as const }]));
  const { values, positionals } = parseCommandLine(args, {
    to: { type: 'string' },
    output: { type: 'string', short: 'o' },
    annotate: { type: 'boolean' },
    force: { type: 'boolean' },
    overwrite: { type: 'boolean' },
    locale: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...fontFlags,
  });
  if (values.help) return 'help';
  out.locale = parseLocale(values.locale as string | undefined);
  if (positionals.length === 0) throw usageError('noPaths');
  if (positionals.length > 1) throw usageError('oneDraft');
  const output = values.output as string | undefined;
  const implied = output && /\.(docx|html)$/i.exec(output)?.[1].toLowerCase();
  const to = (values.to as string | undefined) ?? implied;
  if (!to) throw usageError('exportTarget');
  const fonts = fontsFrom(Object.fromEntries(FONT_OPTIONS.map((f) => [f, (values as Record<string, unknown>)[`font-${f}`]])));
  return {
    draft: positionals[0],
    format: oneOf('--to', to, FORMATS, 'docx'),
    ...(output !== undefined ? { output } : {}),
    annotate: !!values.annotate,
    force: !!values.force,
    overwrite: !!values.overwrite,
    fonts,
  };
}

export async function runExport(args: string[]): Promise<number> {
  const out = new Output('zh');
  let options: ExportArgs;
  try {
    const parsed = parseExportArgs(args, out);
    if (parsed === 'help') {
      await out.write(EXPORT_USAGE);
      return 0;
    }
    options = parsed;
  } catch (error) {
    if (error instanceof UsageError) {
      out.usage(error.text, 'export');
      return 2;
    }
    throw error;
  }
  const tell = (text: { zh: string; en: string }) => out.error(text, 'nianbao export');
  const { draft, format } = options;
  const target = options.output ?? besideDraft(draft, format);
  if (target !== '-' && resolve(target) === resolve(draft)) {
    tell(say(CLI.exportSameFile, { path: draft }));
    return 2;
  }

  let text: string;
  try {
    text = (await readReport(draft)).text;
  } catch (error) {
    if (error instanceof ImportError) tell(say(IMPORT_FAILED, { path: draft, why: error.words }));
    else if (error instanceof FileReadError) tell(say(CLI.readFailed, { path: draft, why: READ_FAILURES[error.reason] }));
    else throw error;
    return 2;
  }
  // The rules of the .nianbaorc.json the draft is under, as `nianbao check` reads them.
  const { rules, problems } = await new ConfigResolver(undefined, {}).rulesFor(resolve(draft));
  if (problems.length) {
    tell(say(CLI.badConfig));
    for (const line of describeProblems(problems)) tell(line);
    return 2;
  }
  const analysis = new Analyzer().analyze(text, { enable: 'always', check: { rules }, uri: pathToFileURL(resolve(draft)).toString(), checkErrors: 'report' });
  const locale = out.locale;
  const bytes =
    format === 'docx'
      ? await (await import('../export/docx')).exportDocx(analysis, { annotate: options.annotate, locale, fonts: options.fonts })
      : new TextEncoder().encode(exportHtml(analysis, { annotate: options.annotate, locale }));

  if (target === '-') {
    process.stdout.write(bytes);
  } else {
    try {
      await writeBinaryFile(target, bytes, options.overwrite ? { create: true } : { exclusive: true });
    } catch (error) {
      if (!(error instanceof FileWriteError)) throw error;
      tell(error.reason === 'exists' ? say(CLI.exportExists, { path: target }) : say(CLI.exportNotWritten, { path: target, why: WRITE_FAILURES[error.reason] }));
      return 2;
    }
    const first = analysis.parts[0]?.findings.length ?? 0;
    tell(options.annotate ? say(CLI.exportedReview, { from: draft, to: target, count: first }) : say(CLI.exported, { from: draft, to: target }));
  }
  if (analysis.parts.length > 1) tell(say(CLI.exportFirstOnly, { path: draft, count: analysis.parts.length }));

  // The errors of the report exported: listed, and exit 1 unless --force.
  const part = analysis.parts[0];
  const errors = part ? part.findings.filter((f) => f.severity === 'error') : [];
  if (!errors.length) return 0;
  tell(say(options.force ? CLI.exportErrorsForced : CLI.exportErrors, { count: errors.length }));
  for (const f of errors) tell(say(CLI.exportError, { line: part.startLine + f.range.start.line + 1, where: f.where ?? f.code, message: f.message }));
  return options.force ? 0 : 1;
}
