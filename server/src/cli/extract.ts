/**
 * nianbao extract <文件…> [--format json|csv]
 *
 * Prints the numbers read from Tables 2–4 of each report, as JSON (an array,
 * one object per report) or as CSV (a header row, then one line per report,
 * UTF-8 with a byte order mark so that Excel shows the Chinese right).
 * Exit codes: 0 ok, 2 bad usage (no file, unknown option, unreadable file).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitReports } from '../engine/analyze';
import { extractReport, toCsv, toJson, type Extract } from '../extract';
import { parseReport } from '../parse/report';

const USAGE = `用法 Usage: nianbao extract <文件或文件夹…> [--format json|csv]
  读取每份报告表二、表三、表四的数字，输出 JSON（默认）或 CSV（可直接用 Excel 打开）。
  Prints the numbers of Tables 2–4 of each report as JSON (default) or CSV (opens in Excel).
`;

type Format = 'json' | 'csv';

function usageError(message: string): number {
  process.stderr.write(`${message}\n${USAGE}`);
  return 2;
}

/** The Markdown and text files of a folder, sorted, recursively. */
function filesIn(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      if (name.startsWith('.') || name === 'node_modules') return [];
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return filesIn(path);
      return /\.(md|markdown|txt)$/i.test(name) ? [path] : [];
    });
}

/** Every report of a text: a file may hold several (a reviewer's collection). */
export function extractText(text: string, file: string): Extract[] {
  const starts = splitReports(text);
  return starts.map((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] : text.length;
    return extractReport(parseReport(text.slice(start, end)), file, starts.length > 1 ? i + 1 : undefined);
  });
}

export async function runExtract(args: string[]): Promise<number> {
  let format: Format = 'json';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      return 0;
    }
    if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[++i];
      if (value !== 'json' && value !== 'csv') return usageError(`--format 只能是 json 或 csv / --format must be json or csv: ${value ?? '(缺少 missing)'}`);
      format = value;
      continue;
    }
    if (arg.startsWith('-') && arg !== '-') return usageError(`未知选项 Unknown option: ${arg}`);
    paths.push(arg);
  }
  if (paths.length === 0) return usageError('请给出至少一个文件 / Give at least one file.');

  const files: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return usageError(`找不到文件 File not found: ${path}`);
    }
    files.push(...(stat.isDirectory() ? filesIn(path) : [path]));
  }

  const extracts: Extract[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return usageError(`无法读取 Cannot read ${file}: ${(error as Error).message}`);
    }
    extracts.push(...extractText(text.replace(/^\uFEFF/, ''), file));
  }
  process.stdout.write(format === 'csv' ? toCsv(extracts) : toJson(extracts));
  return 0;
}
