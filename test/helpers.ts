/** Shared helpers for tests: fixtures as a clerk would edit them, and applying fixes. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyzeText, applyEdits, LineIndex, type AnalyzeOptions, type DocumentAnalysis, type Finding, type Fix } from '../server/src/index';

export const ROOT = join(__dirname, '..');
export const example = (name: string) => readFileSync(join(ROOT, 'examples', name), 'utf8');

/** A draft under another unit's name, for documents of many distinct reports (titles write the year as 2024年 or 2021 年). */
export const asUnit = (text: string, unit: string) => text.replace(/^# (.*?)(\d{4}) ?年/m, `# ${unit}$2年`);
/** The real reports the tests read, copied into the repository (never edited): seeds/ and corpus/. */
export const ORIGINALS_DIR = join(ROOT, 'test', 'fixtures', 'originals');

/**
 * Change one cell of a GFM table row, as a clerk would retype it: the row is
 * the line holding `rowLabel`; `column` counts data cells from the end when
 * negative (-1 is the last cell, 总计 in Table 3).
 */
export function setCell(text: string, rowLabel: string, column: number, value: string, occurrence = 0): string {
  const lines = text.split('\n');
  const matches = lines.map((l, i) => (l.startsWith('|') && l.includes(rowLabel) ? i : -1)).filter((i) => i >= 0);
  const at = matches[occurrence];
  if (at === undefined) throw new Error(`no row ${rowLabel}`);
  const cells = lines[at].split('|').slice(1, -1);
  const index = column < 0 ? cells.length + column : column;
  cells[index] = ` ${value} `;
  lines[at] = `|${cells.join('|')}|`;
  return lines.join('\n');
}

/** Where a cell stands (0-based line, character of its first character). */
export function cellPosition(text: string, rowLabel: string, column: number): { line: number; character: number } {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => l.startsWith('|') && l.includes(rowLabel));
  const raw = lines[line];
  const bars = [...raw.matchAll(/\|/g)].map((m) => m.index!);
  const count = bars.length - 1;
  const index = column < 0 ? count + column : column;
  let character = bars[index] + 1;
  while (raw[character] === ' ') character++;
  return { line, character };
}

export function removeLines(text: string, predicate: (line: string) => boolean): string {
  return text
    .split('\n')
    .filter((l) => !predicate(l))
    .join('\n');
}

export const analyze = (text: string, options?: AnalyzeOptions) => analyzeText(text, options);
export const codes = (a: DocumentAnalysis) => a.findings.map((f) => f.code);

export function applyFix(text: string, fix: Fix): string {
  const index = new LineIndex(text);
  return applyEdits(text, fix.edits, (p) => index.offsetAt(p));
}

/** The finding with this code, failing when there is not exactly one. */
export function only(a: DocumentAnalysis, code: string): Finding {
  const found = a.findings.filter((f) => f.code === code);
  if (found.length !== 1) throw new Error(`expected one ${code}, got ${found.length}: ${a.findings.map((f) => `${f.code} ${f.message.zh}`).join('\n')}`);
  return found[0];
}

/** Lines the edit did not touch must be the same before and after. */
export function unchangedOutside(before: string, after: string, fix: Fix): boolean {
  const a = before.split('\n');
  const b = after.split('\n');
  const touched = new Set(fix.edits.flatMap((e) => range(e.range.start.line, e.range.end.line)));
  const first = Math.min(...touched);
  const added = b.length - a.length;
  for (let i = 0; i < a.length; i++) {
    if (touched.has(i)) continue;
    const j = i < first ? i : i + added;
    if (a[i] !== b[j]) return false;
  }
  return true;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The codes of the foundation's checks (the prose cross-checks are tested on their own). */
export const FOUNDATION_CODES = new Set([
  'missing-section',
  'section-order',
  'missing-table',
  'missing-row',
  't3-row-total',
  't3-result-total',
  't3-balance',
  't4-total',
  'cell-blank',
  'cell-invalid',
  'table-read',
  'label-deviation',
  'old-format',
]);

/** name → path of each original text: the 5 seeds (seed-000 …) and the 3 PDF extractions (pdf-001 …). */
export const ORIGINALS: Record<string, string> = {
  ...Object.fromEntries(
    readdirSync(join(ORIGINALS_DIR, 'seeds'))
      .filter((f) => f.endsWith('.txt'))
      .sort()
      .map((f) => [`seed-${f.slice(0, 3)}`, join(ORIGINALS_DIR, 'seeds', f)]),
  ),
  'pdf-001': join(ORIGINALS_DIR, 'corpus', 'pdf-001.txt'),
  'pdf-002': join(ORIGINALS_DIR, 'corpus', 'pdf-002.txt'),
  'pdf-003': join(ORIGINALS_DIR, 'corpus', 'pdf-003.txt'),
};

/**
 * Text → GBK bytes, as a clerk's Windows machine saves a draft. Node decodes
 * GB18030 but has no encoder, so the table is built with TextDecoder.
 */
export function encodeGbk(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, number[]>();
  // Two-byte GBK: lead 0x81–0xFE, trail 0x40–0xFE (not 0x7F).
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([lead, trail]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else {
      const code = table.get(ch);
      if (!code) throw new Error(`no GBK code for ${ch}`);
      bytes.push(...code);
    }
  }
  return Buffer.from(bytes);
}

/** A cell writer for the renderers from values by row key (`t3/new/0` → values.new[0]); blank where there is none. */
export function writer(values: Record<string, readonly (number | null | undefined)[]>): (path: string) => string {
  return (path) => {
    const [, key, i] = path.split('/');
    const v = values[key]?.[Number(i)];
    return v === null || v === undefined ? '' : String(v);
  };
}

/** Write a file, making its folders; returns its path (workspaces the tests lay out). */
export function writeMaking(path: string, text: string | Buffer): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}
