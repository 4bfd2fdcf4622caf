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
  // Text in UTF-8 or GBK has no zero byte at all; a binary file has them on both sides.
  if (odd > 0 && even === 0) return 'utf-16le';
  if (even > 0 && odd === 0) return 'utf-16be';
  return undefined;
}

/** How much of a decoded text is what drafts are made of: Chinese, its punctuation, ASCII. */
function plausibility(text: string): number {
  let good = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) || c === 0x201c || c === 0x201d) good++;
  }
  return text.length ? good / text.length : 0;
}

/** Not UTF-8 and no BOM: GBK, or UTF-16 of Chinese alone (no ASCII, so no zero bytes), whichever reads as a draft. */
function likeliest(bytes: Uint8Array): Encoding {
  const candidates: Encoding[] = bytes.length % 2 === 0 ? ['gb18030', 'utf-16le', 'utf-16be'] : ['gb18030'];
  let best: Encoding = 'gb18030';
  let score = -1;
  for (const encoding of candidates) {
    const s = plausibility(new TextDecoder(encoding).decode(bytes.subarray(0, 65536)));
    if (s > score + 0.05) {
      best = encoding;
      score = s;
    }
  }
  return best;
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
    encoding = utf16WithoutBom(bytes) ?? (isUtf8(bytes) ? 'utf-8' : likeliest(bytes));
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
