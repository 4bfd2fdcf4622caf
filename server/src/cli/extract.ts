/**
 * nianbao extract <文件或文件夹…> [--format json|csv]
 *
 * Prints the numbers read from Tables 2–4 of each report, as JSON (an array,
 * one object per report) or as CSV (a header row, then one line per report,
 * UTF-8 with a byte order mark so that Excel shows the Chinese right). Files are
 * found and read as `check` finds and reads them (files/); in a folder, files
 * that do not look like an annual report are left out.
 * Exit codes: 0 ok, 2 bad usage or a file that could not be read.
 */
import { say } from '../checks/messages';
import { Analyzer } from '../engine/analyze';
import { extractReport, toCsv, toJson, type Extract } from '../extract';
import { FileReadError } from '../files/read';
import { readReport } from '../import/read';
import { IMPORT_FAILED, ImportError } from '../import/source';
import { collectTargets, TargetError } from '../files/walk';
import { oneOf, parseCommandLine, usageError, UsageError } from './args';
import { Output } from './io';
import { READ_FAILURES } from '../files/messages';
import { CLI, TARGET_FAILURES } from './messages';

const USAGE = `用法 Usage: nianbao extract <文件或文件夹…> [--format json|csv]
  读取每份报告表二、表三、表四的数字，输出 JSON（默认）或 CSV（可直接用 Excel 打开）。
  文件夹内递归读取 *.md、*.txt、*.docx、*.html，不像年度报告的文件不输出；Word 文档和网页按导入的草稿读取。
  Prints the numbers of Tables 2–4 of each report as JSON (default) or CSV (opens in Excel).
  In folders, *.md, *.txt, *.docx and *.html files are read recursively (Word documents and web pages
  as the draft an import makes of them); files that do not look like a report are left out.
`;

/** Every report of a text: a file may hold several (a reviewer's collection). */
export function extractText(text: string, file: string, named = true, analyzer = new Analyzer()): Extract[] {
  const analysis = analyzer.analyze(text, { enable: named ? 'always' : 'auto', checks: [] });
  if (!analysis.isReport) return [];
  return analysis.parts.map((p, i) => extractReport(p.report, file, analysis.parts.length > 1 ? i + 1 : undefined));
}

export async function runExtract(args: string[]): Promise<number> {
  const out = new Output('zh');
  let format: 'json' | 'csv';
  let extracts: Extract[] = [];
  let failed = false;
  try {
    const { values, positionals } = parseCommandLine(args, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      await out.write(USAGE);
      return 0;
    }
    format = oneOf('--format', values.format, ['json', 'csv'] as const, 'json');
    if (positionals.length === 0) throw usageError('noPaths');
    const { targets, skipped } = await collectTargets(positionals, /\.(md|markdown|txt|docx|html?)$/i);
    for (const s of skipped) {
      out.error(say(CLI[s.reason === 'not-regular' ? 'notRegular' : 'unreadableFolder'], { path: s.display }), 'nianbao extract');
      failed = true;
    }
    const analyzer = new Analyzer();
    for (const target of targets) {
      try {
        const file = await readReport(target.absolute);
        extracts = extracts.concat(extractText(file.text, target.display, target.named, analyzer));
      } catch (error) {
        if (error instanceof ImportError) {
          // In a folder, a web page with no report in it is left out like any file that is not a report.
          if (error.reason === 'no-report' && !target.named) continue;
          out.error(say(IMPORT_FAILED, { path: target.display, why: error.words }), 'nianbao extract');
        } else if (error instanceof FileReadError) out.error(say(CLI.readFailed, { path: target.display, why: READ_FAILURES[error.reason] }), 'nianbao extract');
        else throw error;
        failed = true;
      }
    }
  } catch (error) {
    if (error instanceof UsageError) {
      out.usage(error.text, 'extract');
      return 2;
    }
    if (error instanceof TargetError) {
      out.usage(say(CLI[TARGET_FAILURES[error.reason]], { path: error.path }), 'extract');
      return 2;
    }
    throw error;
  }
  await out.write(format === 'csv' ? toCsv(extracts) : toJson(extracts));
  return failed ? 2 : 0;
}
