/** Every line the CLI prints besides the findings, in both languages (the findings' own come from the checks' catalogs). */
import { defineMessages } from '../checks/messages';

export const CLI = defineMessages({
  usageHint: { zh: '运行 nianbao {command} --help 查看用法', en: 'Run nianbao {command} --help for usage' },
  unknownOption: { zh: '未知选项 {option}', en: 'Unknown option {option}' },
  missingValue: { zh: '选项 {option} 需要一个值', en: 'Option {option} needs a value' },
  noValue: { zh: '选项 {option} 不带值', en: 'Option {option} takes no value' },
  badValue: { zh: '{option} 只能是 {allowed}：{value}', en: '{option} must be {allowed}: {value}' },
  noPaths: { zh: '没有指定要处理的文件或文件夹', en: 'No files or folders given' },
  fixStdin: { zh: '--fix 不能写回标准输入；用 --fix-dry-run 查看会改动什么', en: '--fix cannot write standard input back; use --fix-dry-run to see what would change' },
  fixAndDryRun: { zh: '--fix 和 --fix-dry-run 只能用一个', en: 'Use either --fix or --fix-dry-run, not both' },
  badConfig: { zh: '配置有误，未检查：', en: 'The configuration is wrong; nothing was checked:' },
  tooManyWarnings: { zh: '警告 {count} 个，超过 --max-warnings {max}', en: '{count} warnings, more than --max-warnings {max}' },
  outputFailed: { zh: '无法写入 {path}：{why}', en: 'Cannot write {path}: {why}' },
  notFound: { zh: '找不到文件或文件夹：{path}', en: 'No such file or folder: {path}' },
  notRegular: { zh: '{path} 不是普通文件（管道、设备等），未读取', en: '{path} is not a regular file (a pipe, a device …); not read' },
  unreadableFolder: { zh: '无法读取文件夹 {path}，已跳过', en: 'Cannot read the folder {path}; skipped' },
  noMatch: { zh: '没有文件与 {path} 匹配', en: 'No files match {path}' },
  // Reading and writing files.
  readFailed: { zh: '无法读取 {path}：{why}', en: 'Cannot read {path}: {why}' },
  // nianbao import
  oneOutput: { zh: '-o 只能用于一个文件', en: '-o takes one file only' },
  notImportable: { zh: '不能导入 {path}：请用 .docx（Word/WPS）或 .html（网页）文件', en: 'Cannot import {path}: give a .docx (Word/WPS) or .html (web page) file' },
  imported: { zh: '已导入 {from} → {to}（{notes} 条提示）', en: 'Imported {from} → {to} ({notes} notes)' },
  importNote: { zh: '  提示：{note}', en: '  note: {note}' },
  fixImported: { zh: '{path} 不是 Markdown 草稿，不能 --fix：先用 nianbao import 把它转成草稿，再检查和修复草稿', en: '{path} is not a Markdown draft and cannot be fixed: turn it into a draft with nianbao import, then check and fix the draft' },
  draftNotWritten: { zh: '无法写出草稿 {path}：{why}；可用 -o 指定另一个文件名', en: 'Cannot write the draft {path}: {why}; name another file with -o' },
  writeFailed: { zh: '无法写回 {path}：{why}；原文件未改动', en: 'Cannot write {path} back: {why}; the file was left as it was' },
  // nianbao export
  oneDraft: { zh: '一次只能导出一个文件', en: 'Export one file at a time' },
  exportTarget: { zh: '请用 --to docx 或 --to html 指定导出格式', en: 'Say what to export to: --to docx or --to html' },
  exported: { zh: '已导出 {from} → {to}', en: 'Exported {from} → {to}' },
  exportedReview: { zh: '已导出审查版 {from} → {to}（标出 {count} 处问题）', en: 'Exported a review copy {from} → {to} ({count} findings marked)' },
  exportExists: { zh: '{path} 已存在，未导出：用 -o 指定另一个文件名，或加 --overwrite 替换它', en: '{path} exists; nothing was exported: name another file with -o, or add --overwrite to replace it' },
  exportNotWritten: { zh: '无法写出 {path}：{why}', en: 'Cannot write {path}: {why}' },
  exportSameFile: { zh: '导出文件不能是原文件 {path}：用 -o 指定另一个文件名', en: 'The export cannot replace the original {path}: name another file with -o' },
  exportFirstOnly: { zh: '{path} 中有 {count} 份报告，只导出了第一份', en: '{path} holds {count} reports; only the first was exported' },
  exportErrors: {
    zh: '报告中有 {count} 处错误，导出的文件仍已写出，请改正后再发出（加 --force 则不作为失败）：',
    en: 'Errors in the report: {count}; the file was written all the same; correct them before sending it (--force: not a failure):',
  },
  exportErrorsForced: { zh: '报告中有 {count} 处错误（--force，照常导出）：', en: 'Errors in the report: {count} (--force: exported all the same):' },
  exportError: { zh: '  第 {line} 行  {where}：{message}', en: '  line {line}  {where}: {message}' },
  // --fix.
  fixed: { zh: '{path}：已修复 {count} 处', en: '{path}: fixed {count}' },
  fixedItem: { zh: '  第 {line} 行  {code}  {title}', en: '  line {line}  {code}  {title}' },
  wouldFix: { zh: '{path}：可修复 {count} 处（--fix-dry-run，未写入）', en: '{path}: {count} to fix (--fix-dry-run, not written)' },
  nothingFixed: { zh: '{path}：没有可以确定的修复，未改动', en: '{path}: nothing whose fix is certain; not changed' },
  // Summary.
  summary: { zh: '{files} 个文件，{errors} 个错误，{warnings} 个警告', en: '{files} {filesWord}, {errors} {errorsWord}, {warnings} {warningsWord}' },
  notes: { zh: '，{notes} 个提示', en: ', {notes} {notesWord}' },
  skippedNotReports: { zh: '（另有 {count} 个文件不像年度报告，已跳过）', en: ' ({count} {filesWord} skipped: not a report)' },
  failedFiles: { zh: '；{count} 个文件无法处理', en: '; {count} {filesWord} could not be processed' },
  // Failures.
  internalError: {
    zh: '检查 {check} 出错：{why}（--strict 时中止）。请把这份文本报告给维护者',
    en: 'The check {check} failed: {why} (--strict stops here). Please report the text to the maintainers',
  },
  pipeClosed: { zh: '输出被提前关闭（管道另一端已退出），其余结果未输出', en: 'The output was closed early (the other end of the pipe exited); the rest was not written' },
  crashed: { zh: '内部错误：{why}', en: 'Internal error: {why}' },
});

/** What a path on the command line that cannot be worked on is told as. */
export const TARGET_FAILURES = { 'not-found': 'notFound', 'not-regular': 'notRegular', 'unreadable-folder': 'unreadableFolder', 'no-match': 'noMatch' } as const satisfies Record<string, keyof typeof CLI>;

