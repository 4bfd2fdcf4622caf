/**
 * Prose as "compact" text: whitespace removed (PDF line breaks fall in the
 * middle of words), full-width digits made half-width, Markdown emphasis
 * dropped, with a map back to the document offsets so a finding sits exactly
 * on the characters it is about. The prose is cut into sentences (；-clauses
 * within 。！？-sentences), read once per report.
 */
import type { ProseBlock, Range, Report } from '../model/report';

export interface CompactText {
  /** The text without whitespace (one space kept between two digits), half-width digits, no `*`. */
  text: string;
  /** Document offset of each character of `text`. */
  offsets: number[];
}

const WHITESPACE = /[\s\u00a0\u3000]/;
/** Whitespace as WHITESPACE has it, without a regular expression for the printable ASCII and the common Chinese characters. */
const isWhitespace = (code: number, ch: string) => (code > 0x20 && code < 0x7f) || (code >= 0x4e00 && code <= 0x9fff) ? false : WHITESPACE.test(ch);
/** Full-width punctuation the prose keeps full-width. */
const KEPT_FULL_WIDTH = '（）；：，！？';

/** Whitespace out, full-width ASCII (０-９, ：…) half-width, Markdown emphasis out; offsets kept. */
function compactText(source: string, base: number): CompactText {
  let text = '';
  const offsets: number[] = [];
  // The characters kept as they are go into the text a run at a time, not one by one.
  let run = -1;
  const flush = (end: number) => {
    if (run >= 0) text += source.slice(run, end);
    run = -1;
  };
  let pendingSpace = false;
  let endsInDigit = false;
  for (let i = 0; i < source.length; i++) {
    const code = source.charCodeAt(i);
    if (isWhitespace(code, source[i])) {
      flush(i);
      pendingSpace = true;
      continue;
    }
    if (code === 0x2a /* * */ || code === 0x60 /* ` */) {
      flush(i);
      continue;
    }
    const halfWidth = code >= 0xff01 && code <= 0xff5e && !KEPT_FULL_WIDTH.includes(source[i]) ? code - 0xfee0 : undefined;
    const digit = (halfWidth ?? code) >= 0x30 && (halfWidth ?? code) <= 0x39;
    if (pendingSpace && digit && endsInDigit) {
      // One space kept between two digits.
      text += ' ';
      offsets.push(base + i - 1);
    }
    pendingSpace = false;
    if (halfWidth !== undefined) {
      flush(i);
      text += String.fromCharCode(halfWidth);
    } else if (run < 0) run = i;
    offsets.push(base + i);
    endsInDigit = digit;
  }
  flush(source.length);
  return { text, offsets };
}

/** A sentence of the prose, in compact text: up to 。！？ or ；. */
export interface Sentence {
  block: ProseBlock;
  compact: CompactText;
  /** [start, end) in compact.text, the end punctuation excluded. */
  start: number;
  end: number;
  text: string;
  /** The whole sentence up to 。！？ (a ；-clause's sentence), for the words a quantity needs around it. */
  full: string;
  /** Where `full` starts in compact.text. */
  fullStart: number;
  /** The sentence opens a paragraph: the block starts here, or a line break precedes it. */
  paragraphStart: boolean;
}

const CLAUSE_ENDS = '；;';
const SENTENCE_ENDS = '。！？!?';
const sentenceMemo = new WeakMap<Report, Sentence[]>();

/** Whether text[from, to) holds a line break. */
function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13) return true;
  return false;
}

/** The sentences (；-clauses) of every prose block of a report, in document order. */
export function sentencesOf(report: Report): Sentence[] {
  const cached = sentenceMemo.get(report);
  if (cached) return cached;
  const sentences: Sentence[] = [];
  for (const block of report.prose) {
    const compact = compactText(block.span.text, block.span.start);
    const text = compact.text;
    let start = 0;
    let fullStart = 0;
    let pending: Sentence[] = [];
    const push = (end: number, strong: boolean) => {
      if (end > start) {
        const paragraphStart = start === 0 || hasLineBreak(report.text, compact.offsets[start - 1] + 1, compact.offsets[start]);
        pending.push({ block, compact, start, end, text: text.slice(start, end), full: '', fullStart: 0, paragraphStart });
      }
      start = end + 1;
      if (strong) {
        for (const s of pending) {
          s.full = text.slice(fullStart, end);
          s.fullStart = fullStart;
        }
        sentences.push(...pending);
        pending = [];
        fullStart = end + 1;
      }
    };
    for (let i = 0; i < text.length; i++) {
      if (SENTENCE_ENDS.includes(text[i])) push(i, true);
      else if (CLAUSE_ENDS.includes(text[i])) push(i, false);
    }
    push(text.length, true);
  }
  sentenceMemo.set(report, sentences);
  return sentences;
}

/** Document offsets of [a, b) of a compact text. */
export function documentSpan(compact: CompactText, a: number, b: number): { start: number; end: number } {
  return { start: compact.offsets[a], end: compact.offsets[b - 1] + 1 };
}

export function rangeOf(report: Report, compact: CompactText, a: number, b: number): Range {
  const { start, end } = documentSpan(compact, a, b);
  return { start: report.positionAt(start), end: report.positionAt(end) };
}

/** A paragraph of the prose: the sentences from one that opens a paragraph up to the next such. */
export interface Paragraph {
  sentences: Sentence[];
  compact: CompactText;
  /** [start, end) in compact.text: from its first sentence to the end of its last, the closing punctuation excluded. */
  start: number;
  end: number;
  text: string;
}

const paragraphMemo = new WeakMap<Report, Paragraph[]>();

/** The paragraphs of every prose block of a report, in document order. */
export function paragraphsOf(report: Report): Paragraph[] {
  const cached = paragraphMemo.get(report);
  if (cached) return cached;
  const paragraphs: Paragraph[] = [];
  let current: Sentence[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const { compact, start } = current[0];
    const end = current[current.length - 1].end;
    paragraphs.push({ sentences: current, compact, start, end, text: compact.text.slice(start, end) });
    current = [];
  };
  for (const sentence of sentencesOf(report)) {
    if (sentence.paragraphStart || (current.length > 0 && current[0].block !== sentence.block)) flush();
    current.push(sentence);
  }
  flush();
  paragraphMemo.set(report, paragraphs);
  return paragraphs;
}
