/**
 * 从 Word 文档导入年报: the server reads a .docx or .html file the client
 * names (a file: URI) and returns the draft; the client writes it beside the
 * original under a name not taken and opens it.
 */
import { fileURLToPath } from 'node:url';
import { say } from '../checks/messages';
import { FileReadError } from '../files/read';
import { READ_FAILURES } from '../files/messages';
import { importFile } from '../import/read';
import { IMPORT_FAILED, ImportError } from '../import/source';
import type { Text } from '../format/standard';

export type ImportResult = { text: string; notes: string[] } | { error: string };

export async function importDocument(uri: string | undefined, locale: 'zh' | 'en'): Promise<ImportResult> {
  if (!uri?.startsWith('file:')) return { error: locale === 'zh' ? '只能导入本机上的文件' : 'Only files on this machine can be imported' };
  const path = fileURLToPath(uri);
  const failed = (why: Text) => ({ error: say(IMPORT_FAILED, { path, why })[locale] });
  try {
    const draft = await importFile(path);
    return { text: draft.text, notes: draft.notes.map((n) => n[locale]) };
  } catch (error) {
    if (error instanceof ImportError) return failed(error.words);
    if (error instanceof FileReadError) return failed(READ_FAILURES[error.reason]);
    throw error;
  }
}
