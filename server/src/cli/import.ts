/**
 * nianbao import <文件…> [-o 草稿.md]
 *
 * Turns a Word document (.docx) or a saved web page (.html) into a Markdown
 * draft beside it (report.docx → report.md), never overwriting a file; `-o -`
 * writes the draft to standard output. What the import could not do for sure
 * is said on standard error. Exit codes: 0 imported, 2 bad usage or a file
 * that could not be imported (an old .doc, a password, a corrupt file, a page
 * with no report in it).
 */
import { basename, dirname, extname, join } from 'node:path';
import { say } from '../checks/messages';
import { FileReadError } from '../files/read';
import { FileWriteError, writeTextFile } from '../files/write';
import { READ_FAILURES, WRITE_FAILURES } from '../files/messages';
import { importFile, isImportable } from '../import/read';
import { IMPORT_FAILED, ImportError } from '../import/source';
import { parseCommandLine, usageError, UsageError } from './args';
import { parseLocale } from './check-args';
import { Output } from './io';
import { CLI } from './messages';

const USAGE = `用法 Usage: nianbao import <文件…> [-o 草稿.md] [--locale zh-CN|en]
  把 Word 文档（.docx）或保存的网页（.html）转成 Markdown 草稿，放在原文件旁边（报告.docx → 报告.md），
  不覆盖已有文件；三张标准表格按标准格式写出，每个数字照原文。-o 指定草稿文件名，-o - 输出到标准输出。
  Turns a Word document (.docx) or a saved web page (.html) into a Markdown draft beside it
  (report.docx → report.md), never overwriting a file; the three standard tables are written in the
  standard layout with every number as in the original. -o names the draft; -o - writes it to stdout.
  退出码 Exit code: 0 已导入 imported · 2 用法错误或无法导入 bad usage or a file that cannot be imported
`;

/** The draft's path beside the original: report.docx → report.md. */
const draftPath = (path: string) => join(dirname(path), `${basename(path, extname(path))}.md`);

export async function runImport(args: string[]): Promise<number> {
  const out = new Output('zh');
  let files: string[];
  let output: string | undefined;
  try {
    const { values, positionals } = parseCommandLine(args, { output: { type: 'string', short: 'o' }, locale: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
    if (values.help) {
      await out.write(USAGE);
      return 0;
    }
    out.locale = parseLocale(values.locale);
    files = positionals;
    output = values.output;
    if (files.length === 0) throw usageError('noPaths');
    if (output !== undefined && files.length > 1) throw usageError('oneOutput');
    const notImportable = files.find((f) => !isImportable(f));
    if (notImportable) throw usageError('notImportable', { path: notImportable });
  } catch (error) {
    if (error instanceof UsageError) {
      out.usage(error.text, 'import');
      return 2;
    }
    throw error;
  }
  let failed = false;
  for (const file of files) {
    const target = output ?? draftPath(file);
    try {
      const draft = await importFile(file);
      if (target === '-') await out.write(draft.text);
      else {
        await writeTextFile(target, draft.text, 'utf-8', false, { exclusive: true });
        out.error(say(CLI.imported, { from: file, to: target, notes: draft.notes.length }), 'nianbao import');
      }
      for (const note of draft.notes) out.error(say(CLI.importNote, { note }), 'nianbao import');
    } catch (error) {
      failed = true;
      if (error instanceof ImportError) out.error(say(IMPORT_FAILED, { path: file, why: error.words }), 'nianbao import');
      else if (error instanceof FileReadError) out.error(say(CLI.readFailed, { path: file, why: READ_FAILURES[error.reason] }), 'nianbao import');
      else if (error instanceof FileWriteError) out.error(say(CLI.draftNotWritten, { path: target, why: WRITE_FAILURES[error.reason] }), 'nianbao import');
      else throw error;
    }
  }
  return failed ? 2 : 0;
}
