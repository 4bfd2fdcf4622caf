/**
 * A Word document or a saved web page, from disk to a draft: the file read by
 * the one file-access module (files/), then by its importer, then made the
 * canonical Markdown draft (import/draft.ts).
 */
import { extname } from 'node:path';
import type { Encoding } from '../files/encoding';
import { readBinaryFile, readTextFile } from '../files/read';
import { readDocx } from './docx';
import { draftFromSource, type ImportedDraft } from './draft';
import { readHtml } from './html';
import { ImportError } from './source';

/** The files an importer reads: Word (and the old .doc, to say what to do with it) and web pages. */
const IMPORTABLE = /\.(?:docx|doc|html?)$/i;

export const isImportable = (path: string) => IMPORTABLE.test(path);

export async function importFile(path: string): Promise<ImportedDraft> {
  const extension = extname(path).toLowerCase();
  if (extension === '.html' || extension === '.htm') return draftFromSource(readHtml((await readTextFile(path)).text));
  if (extension === '.docx' || extension === '.doc') return draftFromSource(readDocx(await readBinaryFile(path)));
  throw new ImportError('unsupported', { zh: `不能导入 ${extension || '这种'} 文件：请用 .docx（Word/WPS）或 .html（网页）`, en: `${extension || 'This'} files cannot be imported: use .docx (Word/WPS) or .html (a web page)` });
}

/** A file as the checks read it: a draft's text, or the draft an importer makes of a Word document or a web page. */
export async function readReport(path: string): Promise<{ text: string; encoding: Encoding; bom: boolean; imported?: ImportedDraft }> {
  if (isImportable(path)) {
    const imported = await importFile(path);
    return { text: imported.text, encoding: 'utf-8', bom: false, imported };
  }
  const file = await readTextFile(path);
  return { text: file.text, encoding: file.encoding, bom: file.bom };
}
