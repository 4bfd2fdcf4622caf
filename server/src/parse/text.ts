/** Text utilities shared by the reader: positions, normalisation, numbers, similarity. */
import type { Position, Range, Span } from '../model/report';

/**
 * Offsets ↔ LSP positions for one text. Line breaks are counted as LSP counts
 * them: `\r\n`, `\n` and a lone `\r` each end a line, and a position never
 * falls between the `\r` and the `\n` of one break.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  /** The line break the text uses first (\n when it has none). */
  readonly eol: '\n' | '\r\n' | '\r' = '\n';

  constructor(readonly text: string) {
    let eol: '\n' | '\r\n' | '\r' | undefined;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) {
        eol ??= '\n';
        this.lineStarts.push(i + 1);
      } else if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) {
          eol ??= '\r\n';
          i++;
        } else eol ??= '\r';
        this.lineStarts.push(i + 1);
      }
    }
    if (eol) this.eol = eol;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))];
  }

  /** Where a line's content ends: before its line break. */
  lineEnd(line: number): number {
    if (line >= this.lineStarts.length - 1) return this.text.length;
    let end = this.lineStarts[line + 1] - 1;
    if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13 && end - 1 >= this.lineStart(line)) end--;
    return end;
  }

  lineEndPosition(line: number): Position {
    const l = Math.max(0, Math.min(line, this.lineStarts.length - 1));
    return { line: l, character: this.lineEnd(l) - this.lineStarts[l] };
  }

  /** A line's text, without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    const lo = this.lineOf(offset);
    // Between the \r and the \n of a break is the end of the line, as LSP has it.
    const end = this.lineEnd(lo);
    return { line: lo, character: Math.min(offset, end) - this.lineStarts[lo] };
  }

  /** The line an offset is on; the reader asks in document order, so the line asked last (or the next) is tried first. */
  private lineOf(offset: number): number {
    const starts = this.lineStarts;
    const last = this.lastLine;
    if (starts[last] <= offset) {
      if (last + 1 >= starts.length || offset < starts[last + 1]) return last;
      if (last + 2 >= starts.length || offset < starts[last + 2]) return (this.lastLine = last + 1);
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return (this.lastLine = lo);
  }

  private lastLine = 0;

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  span(start: number, end: number): Span {
    return { text: this.text.slice(start, end), start, end, range: this.range(start, end) };
  }
}

/** The lines of a piece of text that starts at `base`, each with the offset it starts at. */
export function linesAt(text: string, base: number): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /\r\n|\r|\n/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ text: text.slice(from, m.index), start: base + from });
    from = m.index + m[0].length;
  }
  out.push({ text: text.slice(from), start: base + from });
  return out;
}

const QUOTES = /[“”„‟"「」『』〝〞]/g;
const APOSTROPHES = /[‘’‚‛']/g;

/**
 * Normalise a label for comparison: full-width → half-width (NFKC), no spaces,
 * one kind of quote and bracket, `1、`/`1．`/`1 .` numbering as `1.`.
 */
export function normalizeLabel(text: string): string {
  // Every report has the standard labels, and the reader compares each line with several: once per text.
  return normalizedLabels(text);
}

/**
 * A function of a text, worked out once per text: at most `max` answers are
 * kept, and beyond that all are dropped and worked out again.
 */
export function rememberedByText<T>(work: (text: string) => T, max = 20_000): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    const known = answers.get(text);
    // One lookup for a known answer; an answer of undefined (no match) takes a second.
    if (known !== undefined || answers.has(text)) return known as T;
    if (answers.size >= max) answers.clear();
    const answer = work(text);
    answers.set(text, answer);
    return answer;
  };
}

const normalizedLabels = rememberedByText(normalizeOnce);

function normalizeOnce(text: string): string {
  return text
    .replace(/&nbsp;?/gi, ' ')
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(QUOTES, '"')
    .replace(APOSTROPHES, "'")
    .replace(/[〔【［]/g, '[')
    .replace(/[〕】］]/g, ']')
    .replace(/^(\d+)[、.．,，]/, '$1.')
    .replace(/[。；;：:]+$/, '')
    .replace(/[*_`]/g, '');
}

/**
 * A normalised label without the bracketed notes at its end, one note at a
 * time, shortest last: `(七)总计(等于(一)至(六)之和)` → [`(七)总计`]. Provincial
 * templates put their 填报说明 there; brackets inside a note are balanced.
 */
export function withoutTrailingNotes(normalized: string): string[] {
  const out: string[] = [];
  let text = normalized;
  while (text.endsWith(')')) {
    let depth = 0;
    let open = -1;
    for (let i = text.length - 1; i >= 0; i--) {
      if (text[i] === ')') depth++;
      else if (text[i] === '(' && --depth === 0) {
        open = i;
        break;
      }
    }
    if (open <= 0) break;
    text = text.slice(0, open);
    out.push(text);
  }
  return out;
}

/** The text of a label with its leading numbering (`（三）`, `3.`, `三、`) removed. */
export function stripNumbering(normalized: string): string {
  return normalized.replace(/^(\(\S{1,2}\)|\d+\.|[一二三四五六七八九十]+、)/, '');
}

export type NumberRead =
  | { kind: 'number'; value: number; fraction: boolean; negative: boolean; tooLarge: boolean }
  | { kind: 'blank' }
  | { kind: 'text' };

/** The most digits a cell's number may have: a trillion is far above any count, and sums of 200 such stay exact in a double. */
export const MAX_DIGITS = 12;

const PLACEHOLDERS = new Set(['', '/', '／', '—', '——', '-', '－', '–', '无', '空', 'null', 'N/A', 'n/a']);

/**
 * Read a cell's text as a number. Full-width digits, thousands separators,
 * `&nbsp;` and stray spaces are read right; placeholders are blank.
 */
export function readNumber(raw: string): NumberRead {
  // A report's cells repeat (0, 1, 无, the labels of every layout): each text is read once.
  return numberReads(raw);
}

const numberReads = rememberedByText((raw): NumberRead => Object.freeze(readNumberOnce(raw)));

function readNumberOnce(raw: string): NumberRead {
  // Digits on two lines of one cell (a web page's <p>12</p><p>3</p>) are two values, not 123: never guessed.
  if (raw.includes('\n') && /[0-9０-９][^\S\n]*\n\s*[0-9０-９]/.test(raw)) return { kind: 'text' };
  const compact = raw.replace(/&nbsp;?/gi, '').normalize('NFKC').replace(/[\s*_`]/g, '');
  if (PLACEHOLDERS.has(compact) || PLACEHOLDERS.has(raw.trim())) return { kind: 'blank' };
  const m = /^([+\-−]?)(\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.(\d+))?$/.exec(compact);
  if (!m) return { kind: 'text' };
  const negative = m[1] === '-' || m[1] === '−';
  const digits = m[2].replace(/[,，]/g, '');
  const value = Number(`${negative ? '-' : ''}${digits}${m[3] ? '.' + m[3] : ''}`);
  // Sums of such numbers must stay exact: a cell of more digits than any count or amount has is not read as one.
  const tooLarge = digits.replace(/^0+/, '').length > MAX_DIGITS;
  return { kind: 'number', value, fraction: !!m[3] && /[1-9]/.test(m[3]), negative, tooLarge };
}

/** Levenshtein distance, bounded: returns max+1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > max) return max + 1;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

/** 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return 1 - editDistance(a, b) / longest;
}

/** Page footers that PDF extraction leaves inside tables: `-3-`, `- 4 -`. */
export function isPageFooter(line: string): boolean {
  return /^\s*[-－—]\s*\d{1,3}\s*[-－—]\s*$/.test(line);
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 8, 3,119, 十五, 一百零二 → the number; undefined when unreadable. */
export function readCount(raw: string): number | undefined {
  const text = raw.replace(/[\s,，]/g, '');
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(text)) return undefined;
  let total = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch];
    else {
      total += (digit < 0 ? 1 : digit) * CN_UNITS[ch];
      digit = -1;
    }
  }
  return total + (digit > 0 ? digit : 0);
}

/** A whole number as the report writes it; other numbers to 4 decimals; never Infinity or NaN. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return '?';
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10000) / 10000);
}

/** A difference with its sign: +93, −1. */
export const formatDifference = (n: number): string => `${n > 0 ? '+' : '−'}${formatNumber(Math.abs(n))}`;
