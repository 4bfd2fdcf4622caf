/** Why a file could not be read or written, in both languages: the CLI, the language server and the configuration say it the same way. */
import type { Text } from '../format/standard';
import type { ReadFailure } from './read';
import type { WriteFailure } from './write';

export const READ_FAILURES: Record<ReadFailure, Text> = {
  'not-found': { zh: '文件不存在', en: 'no such file' },
  'not-regular': { zh: '不是普通文件（管道、设备等）', en: 'not a regular file (a pipe, a device …)' },
  'too-large': { zh: '文件太大，不像一份年度报告', en: 'too large to be an annual report' },
  'not-text': { zh: '不是文本文件（可能是 Word、PDF 或压缩包）', en: 'not a text file (a Word document, a PDF or an archive?)' },
  denied: { zh: '没有读取权限', en: 'permission denied' },
  unreadable: { zh: '读取出错', en: 'read error' },
};

export const WRITE_FAILURES: Record<WriteFailure, Text> = {
  unencodable: { zh: '修复后的文字无法用原文件的编码保存', en: 'the fixed text cannot be saved in the file’s encoding' },
  denied: { zh: '没有写入权限', en: 'permission denied' },
  'no-space': { zh: '磁盘空间不足', en: 'no space left on the disk' },
  failed: { zh: '写入出错', en: 'write error' },
  exists: { zh: '文件已存在，不覆盖', en: 'the file exists; it is not overwritten' },
};
