/**
 * Reading drafts from disk, for the CLI and the language server alike: regular
 * files only (a FIFO or a device put where a draft should be is skipped, never
 * waited on), at most a size, decoded by files/encoding.ts.
 */
import { constants, promises as fs } from 'node:fs';
import { decode, NotTextError, type Decoded } from './encoding';

/** Larger files are not read: no report is a hundred megabytes. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export type ReadFailure = 'not-found' | 'not-regular' | 'too-large' | 'not-text' | 'denied' | 'unreadable';

export class FileReadError extends Error {
  constructor(
    readonly path: string,
    readonly reason: ReadFailure,
    readonly detail?: string,
  ) {
    super(`${path}: ${reason}${detail ? ` (${detail})` : ''}`);
  }
}

export interface TextFile extends Decoded {
  path: string;
  size: number;
  mtimeMs: number;
  /** True when only the first `limit` bytes were read. */
  truncated: boolean;
}

const failure = (error: unknown): ReadFailure => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'not-found';
  if (code === 'EACCES' || code === 'EPERM') return 'denied';
  return 'unreadable';
};

/** A file's bytes (or its first `limit`), from a regular file only. */
async function readRegularFile(path: string, options: { limit?: number; maxBytes?: number }): Promise<{ bytes: Buffer; size: number; mtimeMs: number; truncated: boolean }> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  let handle: fs.FileHandle | undefined;
  try {
    try {
      handle = await fs.open(path, constants.O_RDONLY | (process.platform === 'win32' ? 0 : (constants.O_NONBLOCK ?? 0)));
    } catch (error) {
      throw new FileReadError(path, failure(error), (error as NodeJS.ErrnoException).code);
    }
    const stat = await handle.stat();
    if (!stat.isFile()) throw new FileReadError(path, 'not-regular');
    if (options.limit === undefined && stat.size > maxBytes) throw new FileReadError(path, 'too-large', `${stat.size} bytes`);
    const size = options.limit === undefined ? stat.size : Math.min(stat.size, options.limit);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const { bytesRead } = await handle.read(buffer, read, size - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
    }
    return { bytes: buffer.subarray(0, read), size: stat.size, mtimeMs: stat.mtimeMs, truncated: read < stat.size };
  } catch (error) {
    if (error instanceof FileReadError) throw error;
    throw new FileReadError(path, failure(error), (error as Error).message);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * A text file's contents, or its first `limit` bytes. Opened non-blocking, so
 * that a FIFO cannot stall the caller; anything but a regular file is refused.
 */
export async function readTextFile(path: string, options: { limit?: number; maxBytes?: number } = {}): Promise<TextFile> {
  const file = await readRegularFile(path, options);
  // A cut in the middle of a character must not make the whole read look like another encoding.
  const bytes = file.truncated ? file.bytes.subarray(0, completeUtf8Prefix(file.bytes)) : file.bytes;
  let decoded: Decoded;
  try {
    decoded = decode(bytes);
  } catch (error) {
    if (error instanceof NotTextError) throw new FileReadError(path, 'not-text');
    throw error;
  }
  return { ...decoded, path, size: file.size, mtimeMs: file.mtimeMs, truncated: file.truncated };
}

/** A binary file's bytes (a Word document), whole; the same refusals as a text file's. */
export async function readBinaryFile(path: string): Promise<Uint8Array> {
  return (await readRegularFile(path, {})).bytes;
}

/** The length of the longest prefix that does not end inside a UTF-8 sequence. */
function completeUtf8Prefix(bytes: Uint8Array): number {
  let end = bytes.length;
  let back = 0;
  while (end - back - 1 >= 0 && back < 4 && (bytes[end - back - 1] & 0xc0) === 0x80) back++;
  const lead = bytes[end - back - 1];
  if (lead === undefined) return end;
  const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return need > back + 1 ? end - back - 1 : end;
}

/** Standard input to its end (`nianbao check -`), decoded as a file is; at most the size a file may have. */
export async function readStdin(stream: NodeJS.ReadableStream = process.stdin): Promise<Decoded> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += buffer.length;
    if (size > MAX_FILE_BYTES) throw new FileReadError('-', 'too-large', `${size} bytes`);
    chunks.push(buffer);
  }
  try {
    return decode(Buffer.concat(chunks));
  } catch (error) {
    if (error instanceof NotTextError) throw new FileReadError('-', 'not-text');
    throw error;
  }
}
