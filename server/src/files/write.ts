/**
 * Writing a draft back (`check --fix`): in the encoding it was read in, with
 * its byte order mark, atomically — the new text goes to a temporary file
 * beside the original, is flushed, and replaces the original by a rename, so
 * that a full disk, a crash or a kill half way never leaves a truncated draft.
 * The line endings are the text's own: fixes write the line breaks the draft uses.
 */
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import type { Encoding } from './encoding';

export type WriteFailure = 'unencodable' | 'denied' | 'no-space' | 'failed' | 'exists';

export class FileWriteError extends Error {
  constructor(
    readonly path: string,
    readonly reason: WriteFailure,
    readonly detail?: string,
  ) {
    super(`${path}: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

const BOMS: Record<Encoding, number[]> = { 'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff], gb18030: [] };

/** A text as bytes in an encoding; refused when a character cannot be written in it. */
function encode(text: string, encoding: Encoding, bom: boolean): Buffer {
  let body: Buffer;
  if (encoding === 'utf-8') body = Buffer.from(text, 'utf8');
  else if (encoding === 'utf-16le') body = Buffer.from(text, 'utf16le');
  else body = iconv.encode(text, encoding);
  // iconv writes '?' for what the encoding lacks: read back to make sure nothing was lost.
  if (encoding !== 'utf-8' && encoding !== 'utf-16le' && new TextDecoder(encoding).decode(body) !== text) {
    throw new FileWriteError('', 'unencodable', encoding);
  }
  return bom ? Buffer.concat([Buffer.from(BOMS[encoding]), body]) : body;
}

const failure = (error: unknown): WriteFailure => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'denied';
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'no-space';
  return 'failed';
};

/**
 * Replace a file's contents atomically, keeping its permissions; with
 * `create`, a file that does not exist yet is made (an output file: -o); with
 * `exclusive`, only a new file is made, never one that exists (an imported
 * draft never overwrites a file, even one that appears meanwhile).
 */
export async function writeTextFile(path: string, text: string, encoding: Encoding, bom: boolean, options: { create?: boolean; exclusive?: boolean } = {}): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = encode(text, encoding, bom);
  } catch (error) {
    if (error instanceof FileWriteError) throw new FileWriteError(path, error.reason, error.detail);
    throw error;
  }
  return writeBinaryFile(path, bytes, options);
}

/** Replace or create a file with these bytes atomically, as writeTextFile does (an exported .docx or web page, a workbook). */
export async function writeBinaryFile(path: string, bytes: Uint8Array, options: { create?: boolean; exclusive?: boolean } = {}): Promise<void> {
  if (options.exclusive) return writeNewFile(path, bytes);
  return replaceFile(path, options, (put) => put(bytes));
}

/** How much text writeTextPieces gathers before it writes (UTF-16 code units). */
const PIECES_BATCH = 1 << 16;

/**
 * Replace or create a UTF-8 file atomically, as writeBinaryFile does, with a
 * text made piece by piece (a review's JSON or web page for 10,000 reports):
 * each batch of pieces is written as it comes, so the whole text is never
 * held. A piece is a whole string (never half of a surrogate pair); a byte
 * order mark, if wanted, is the text's first character. What making the
 * pieces throws (a stop asked for) leaves no file and is thrown as it is.
 */
export async function writeTextPieces(path: string, pieces: Iterable<string>, options: { create?: boolean } = {}): Promise<void> {
  return replaceFile(path, options, async (put) => {
    let batch: string[] = [];
    let size = 0;
    for (const piece of pieces) {
      batch.push(piece);
      size += piece.length;
      if (size < PIECES_BATCH) continue;
      await put(Buffer.from(batch.join(''), 'utf8'));
      batch = [];
      size = 0;
    }
    await put(Buffer.from(batch.join(''), 'utf8'));
  });
}

/** An error of the content being written, not of the writing. */
class ContentFailure {
  constructor(readonly error: unknown) {}
}

/** The atomic replacement: `fill` puts the bytes into a temporary file beside `path`, flushed, then renamed over it (its mode kept). */
async function replaceFile(path: string, options: { create?: boolean }, fill: (put: (bytes: Uint8Array) => Promise<void>) => Promise<void>): Promise<void> {
  let mode: number | undefined;
  try {
    const stat = await fs.stat(path);
    mode = stat.mode & 0o7777;
    // A file that may not be written is not replaced behind its owner's back by a rename.
    await fs.access(path, constants.W_OK);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (!(missing && options.create)) throw new FileWriteError(path, missing ? 'failed' : failure(error), (error as NodeJS.ErrnoException).code);
  }
  const temp = join(dirname(path), `.${basename(path)}.nianbao-${process.pid}-${Date.now()}.tmp`);
  const failed = (error: unknown) => new FileWriteError(path, failure(error), (error as NodeJS.ErrnoException).code ?? (error as Error).message);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(temp, 'wx', mode);
    const opened = handle;
    // Each put appends from where the last ended (writeFile writes it whole).
    const put = (bytes: Uint8Array) => opened.writeFile(bytes).catch((error: unknown) => Promise.reject(failed(error)));
    await fill(put).catch((error: unknown) => Promise.reject(new ContentFailure(error)));
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw error instanceof ContentFailure ? error.error : failed(error);
  }
}

/** Write a file that must not exist yet: written beside it, then linked into place (a link fails if the name is taken). */
async function writeNewFile(path: string, bytes: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.nianbao-${process.pid}-${Date.now()}.tmp`);
  try {
    await fs.writeFile(temp, bytes, { flag: 'wx' });
    await fs.link(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new FileWriteError(path, code === 'EEXIST' ? 'exists' : failure(error), code ?? (error as Error).message);
  } finally {
    await fs.rm(temp, { force: true }).catch(() => undefined);
  }
}
