/**
 * Text encodings of the drafts clerks save: UTF-8 with or without a byte order
 * mark, UTF-16 (Windows Notepad's "Unicode", with or without BOM) and GBK /
 * GB18030 (WPS and older Windows). Decoding uses the platform's TextDecoder;
 * the encoding found is kept so that a file written back keeps it.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  /** The text, without its byte order mark (editors count positions after it). */
  text: string;
  encoding: Encoding;
  bom: boolean;
}

export class NotTextError extends Error {
  constructor() {
    super('not a text file');
  }
}

/** UTF-16 without a BOM: the zero bytes of ASCII characters (digits, |, line breaks) fall on one side of every pair. */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return undefined;
  let even = 0;
  let odd = 0;
  const n = Math.min(bytes.length, 65536);
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.1 && even < pairs * 0.01) return 'utf-16le';
  if (even > pairs * 0.1 && odd < pairs * 0.01) return 'utf-16be';
  return undefined;
}

/** A text that holds NUL or other control characters no draft has is a binary file read as text. */
const BINARY = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f]/;

export function decode(bytes: Uint8Array): Decoded {
  let encoding: Encoding;
  let bom = false;
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    bom = true;
    body = bytes.subarray(3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    bom = true;
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    bom = true;
    body = bytes.subarray(2);
  } else {
    encoding = utf16WithoutBom(bytes) ?? (isUtf8(bytes) ? 'utf-8' : 'gb18030');
  }
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(body);
  if (BINARY.test(text.slice(0, 65536))) throw new NotTextError();
  return { text, encoding, bom };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** How messages name an encoding. */
export function encodingName(encoding: Encoding, bom: boolean): string {
  const name = { 'utf-8': 'UTF-8', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', gb18030: 'GBK/GB18030' }[encoding];
  return bom ? `${name}（带 BOM / with BOM）` : name;
}
