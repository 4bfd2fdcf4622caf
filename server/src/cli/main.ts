/**
 * nianbao <command> …  — the CLI. Exit codes: 0 no errors, 1 errors found, 2 bad usage.
 */
import { runCheck } from './check';
import { checkFile, type FileTask } from './check-file';
import { runExport } from './export';
import { REVIEW_WORK, runReview } from './review';
import { reviewFile } from './review-file';
import { runExtract } from './extract';
import { runImport } from './import';
import { isJobWorker, jobWorkName, serveJobs } from './jobs';
import { runLanguageServer } from './lsp';
import { VERSION } from '../about';

export const USAGE = `用法 Usage:
  nianbao check <文件、文件夹或 glob…|-> [--format text|json|sarif] [--config 文件] [--rule 代码=级别] [--fix | --fix-dry-run] …
  nianbao review <文件夹、文件或 glob…> [--roster 名单.csv] [--year N] [--csv|--json|--xlsx|--html 文件]
                                  审核一批报告：每份一行，缺报、重复、问题汇总 / review a batch: a row per report, missing units, problems
  nianbao extract <文件或文件夹…> [--format json|csv]
  nianbao import <报告.docx|网页.html…> [-o 草稿.md]   把 Word 文档或网页转成草稿 / turn a Word document or web page into a draft
  nianbao export <草稿.md> --to docx|html [-o 文件] [--annotate]   导出标准版式的 Word 文档或网页 / export as a Word document or web page
  nianbao lsp                     启动语言服务器（标准输入输出）/ start the language server on stdio
  nianbao --version

  每个命令的全部选项 / every option of a command: nianbao <command> --help
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'check':
      return runCheck(rest);
    case 'review':
      return runReview(rest);
    case 'extract':
      return runExtract(rest);
    case 'import':
      return runImport(rest);
    case 'export':
      return runExport(rest);
    case 'lsp':
      return runLanguageServer(rest);
    case '--version':
    case '-v':
    case 'version':
      process.stdout.write(`${VERSION}\n`);
      return 0;
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`${command ? `未知命令 Unknown command: ${command}\n` : ''}${USAGE}`);
      return 2;
  }
}

function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      // One line, not a stack trace; NIANBAO_DEBUG=1 shows the trace for a bug report.
      const why = error instanceof Error ? error.message : String(error);
      process.stderr.write(`nianbao: 内部错误 internal error: ${why}${process.env.NIANBAO_DEBUG ? `\n${(error as Error).stack}` : ' (NIANBAO_DEBUG=1 显示详情 / shows details)'}\n`);
      process.exitCode = 2;
    },
  );
}

// The same bundle runs the worker threads of `check` (cli/jobs.ts).
if (isJobWorker()) serveJobs(jobWorkName() === REVIEW_WORK ? reviewFile : (task: FileTask) => checkFile(task));
else run();
