/**
 * The live preview: a draft drawn as the published report looks — the title,
 * the six sections' headings, the prose, and the three standard tables in the
 * official merged-cell layout (export/table-html.ts) — from an analysis
 * already made (the editor's cached one: a keystroke costs a render, not
 * another check).
 *
 * Every element carries `data-line`, its first source line, for
 * click-to-reveal and scroll sync; table cells also carry `data-range`, the
 * cell's text in the source. An element a finding points into is marked with
 * the class of the worst severity there and the messages as its `title`; in
 * prose, the passage (sentence, number) the finding points at is marked, as
 * the editor underlines it. The 落款 stands right-aligned, as published;
 * findings inside a table that fall on no cell (a missing row …) are listed
 * under the table, and findings on nothing shown at the head of the report.
 *
 * Prose is escaped whole; only bold, italics, sub-headings and list items of
 * Markdown are rendered.
 */
import type { DocumentAnalysis, Part } from '../engine/analyze';
import { contains } from '../engine/edits';
import { escapeHtml, tableHtml } from '../export/table-html';
import type { LayoutCell } from '../format/layout';
import { TABLE_IDS, tableTitle } from '../format/standard';
import type { Finding, Range, ReadTable, Report, Severity, Span } from '../model/report';
import { closingLines } from '../parse/closing';
import type { Locale } from './settings';

export interface Preview {
  /** The body: one `<article>` per report of the document. */
  html: string;
  /** The source lines that elements start at (each element's `data-line`), ascending. */
  lines: number[];
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };
/** The class of an element a finding points into (the stylesheet colours them). */
const SEVERITY_CLASS: Record<Severity, string> = { error: 'nb-error', warning: 'nb-warning', information: 'nb-info', hint: 'nb-hint' };

interface Mark {
  className: string;
  title: string;
}

/** The findings of one report, each given to the first element that claims it. */
class Findings {
  private readonly left: Finding[];
  constructor(
    findings: readonly Finding[],
    private readonly locale: Locale,
  ) {
    this.left = [...findings];
  }

  /** The mark of the findings that start inside `range` (taken: no other element shows them). */
  take(range: Range | undefined): Mark | undefined {
    const taken = this.within(range);
    return taken.length ? this.mark(taken) : undefined;
  }

  /** The findings that start inside `range`, taken. */
  within(range: Range | undefined): Finding[] {
    if (!range) return [];
    const taken = this.left.filter((f) => contains(range, f.range.start));
    for (const f of taken) this.left.splice(this.left.indexOf(f), 1);
    return taken;
  }

  /** What no element claimed, in the order found. */
  rest(): Finding[] {
    return this.left.splice(0);
  }

  mark(findings: readonly Finding[]): Mark {
    const worst = findings.reduce((a, b) => (SEVERITY_RANK[b.severity] < SEVERITY_RANK[a.severity] ? b : a));
    return { className: SEVERITY_CLASS[worst.severity], title: findings.map((f) => this.line(f)).join('\n') };
  }

  line(f: Finding): string {
    return `${f.message[this.locale]}（${f.code}）`;
  }
}

/** A rendered element and where its source starts, for putting them in document order. */
interface Piece {
  start: number;
  html: string;
}

const rangeAttribute = (range: Range, startLine: number) =>
  `${range.start.line + startLine}:${range.start.character}:${range.end.line + startLine}:${range.end.character}`;

function attributes(line: number, mark: Mark | undefined, className?: string): string {
  const classes = [className, mark?.className].filter(Boolean).join(' ');
  return [`data-line="${line}"`, classes ? `class="${classes}"` : '', mark ? `title="${escapeHtml(mark.title)}"` : ''].filter(Boolean).join(' ');
}

/** Line breaks inside a paragraph: none between Chinese characters, a space between words. */
function joinLines(text: string): string {
  return text.replace(/[ \t]*\r?\n[ \t]*/g, (_, offset: number, whole: string) => {
    const before = whole[offset - 1] ?? '';
    const after = whole[offset + _.length] ?? '';
    return /[\x21-\x7e]/.test(before) && /[\x21-\x7e]/.test(after) ? ' ' : '';
  });
}

/** Markdown emphasis in escaped text: **bold**, __bold__, *italics*, _italics_. */
function inlineHtml(text: string): string {
  return escapeHtml(joinLines(text.replace(/<!--[\s\S]*?-->/g, '')))
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*|__(?=\S)([\s\S]*?\S)__/g, (_, a: string | undefined, b: string | undefined) => `<strong>${a ?? b}</strong>`)
    .replace(/\*(?=\S)([^*]*?\S)\*|(?<![\w])_(?=\S)([^_]*?\S)_(?![\w])/g, (_, a: string | undefined, b: string | undefined) => `<em>${a ?? b}</em>`);
}

const QUOTE = /^>\s?/;

/** A passage of prose a finding points at: [start, end) in the block's text, and its mark. */
interface Passage {
  start: number;
  end: number;
  mark: Mark;
}

/** `text` from `from` to `to`, the passages in it wrapped in `<mark>` (the sentence or number to change). */
function markedHtml(text: string, from: number, to: number, passages: readonly Passage[]): string {
  let html = '';
  let at = from;
  for (const p of passages) {
    const start = Math.max(p.start, at);
    const end = Math.min(p.end, to);
    if (end <= start) continue;
    html += inlineHtml(text.slice(at, start)) + `<mark class="${p.mark.className}" title="${escapeHtml(p.mark.title)}">${inlineHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + inlineHtml(text.slice(at, to));
}

/**
 * A prose block as a paragraph, a sub-heading, a list item or a quotation; the
 * passages findings point at are marked (a quotation is marked whole: its
 * text loses the `>` of each line).
 */
function proseHtml(text: string, attrs: string, passages: readonly Passage[]): string | undefined {
  const heading = /^(#{1,6})\s+/.exec(text);
  if (heading) {
    const level = Math.min(6, Math.max(3, heading[1].length + 1));
    const closingHashes = /\s#+\s*$/.exec(text);
    return `<h${level} ${attrs}>${markedHtml(text, heading[0].length, closingHashes?.index ?? text.length, passages)}</h${level}>`;
  }
  const bullet = /^[-*+]\s+/.exec(text);
  if (bullet) return `<ul ${attrs}><li>${markedHtml(text, bullet[0].length, text.length, passages)}</li></ul>`;
  if (QUOTE.test(text)) return `<blockquote ${attrs}>${inlineHtml(text.replace(/^>\s?/gm, ''))}</blockquote>`;
  return inlineHtml(text).trim() ? `<p ${attrs}>${markedHtml(text, 0, text.length, passages)}</p>` : undefined;
}

/**
 * The source span of a header, corner note or label cell of the layout, as the
 * draft wrote it. A heading written several times (Table 2's 信息内容 in each
 * block) is the next one after `after`, the last label found.
 */
function labelSpan(table: ReadTable, cell: LayoutCell, after: number): Span | undefined {
  if (cell.role === 'label' && cell.row) {
    const row = table.rows.get(cell.row);
    if (row) return row.label.span;
  }
  if (!cell.text) return undefined;
  const same = table.labels.filter((l) => l.canonical === cell.text);
  return (same.find((l) => l.span.start >= after) ?? same[0])?.span;
}

function notesHtml(findings: readonly Finding[], marks: Findings, startLine: number, className: string): string {
  if (findings.length === 0) return '';
  const items = findings.map((f) => `<li ${attributes(f.range.start.line + startLine, marks.mark([f]))}>${escapeHtml(marks.line(f))}</li>`);
  return `<ul class="${className}">${items.join('')}</ul>`;
}

function tablePiece(part: Part, table: ReadTable, marks: Findings): Piece & { range: Range } {
  const { startLine } = part;
  const tableLine = table.range.start.line + startLine;
  let lastLabel = 0;
  const html = tableHtml(table.id, table, {
    caption: tableTitle(table.id).zh,
    columnWidths: 'data',
    decorate: (cell, read) => {
      const span = cell.role === 'number' ? read?.span : labelSpan(table, cell, lastLabel);
      if (span && cell.role !== 'number') lastLabel = span.start;
      const mark = marks.take(span?.range);
      const data: Record<string, string | number> = { line: span ? span.range.start.line + startLine : tableLine };
      if (span) data.range = rangeAttribute(span.range, startLine);
      return { className: mark?.className, title: mark?.title, data };
    },
  });
  return { start: table.element?.start ?? table.start, html, range: table.range };
}

/**
 * The findings in a prose block's text (from `base`, offsets of the report): a
 * finding on a passage marks that passage (overlapping ones merged); one on no
 * text, or in a quotation, marks the whole element.
 */
function passagesOf(report: Report, marks: Findings, base: number, text: string): { passages: Passage[]; whole: Mark | undefined } {
  const found = marks.within({ start: report.positionAt(base), end: report.positionAt(base + text.length) });
  const spans: { start: number; end: number; findings: Finding[] }[] = [];
  const whole: Finding[] = [];
  for (const f of found) {
    const start = report.offsetAt(f.range.start) - base;
    const end = Math.min(report.offsetAt(f.range.end) - base, text.length);
    if (QUOTE.test(text) || end <= start) whole.push(f);
    else spans.push({ start, end, findings: [f] });
  }
  spans.sort((a, b) => a.start - b.start);
  const merged: typeof spans = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      last.findings.push(...span.findings);
    } else merged.push(span);
  }
  return {
    passages: merged.map((m) => ({ start: m.start, end: m.end, mark: marks.mark(m.findings) })),
    whole: whole.length ? marks.mark(whole) : undefined,
  };
}

function reportHtml(part: Part, locale: Locale, several: boolean): string {
  const { report, startLine } = part;
  const marks = new Findings(part.findings, locale);
  const line = (span: Span) => span.range.start.line + startLine;
  // Cells first: a finding on a number belongs to its cell, not to the table around it.
  const tables = TABLE_IDS.flatMap((id) => (report.tables[id] ? [tablePiece(part, report.tables[id], marks)] : []));
  const pieces: Piece[] = [];
  if (report.title) {
    const span = report.title.span;
    pieces.push({ start: span.start, html: `<h1 ${attributes(line(span), marks.take(span.range), 'nb-title')}>${escapeHtml(span.text.trim())}</h1>` });
  }
  for (const section of report.sections) {
    const span = section.heading.span;
    pieces.push({ start: span.start, html: `<h2 ${attributes(line(span), marks.take(span.range), 'nb-section')}>${escapeHtml(span.text.trim())}</h2>` });
  }
  const closing = closingLines(report);
  const closingStart = closing[0]?.start ?? Infinity;
  for (const block of report.prose) {
    const { span } = block;
    if (span.start >= closingStart || span.start === report.title?.span.start) continue;
    // A block that the 落款 ends is shown without it: the 落款 stands apart, right-aligned.
    const raw = span.end > closingStart ? report.text.slice(span.start, closingStart) : span.text;
    const text = raw.trim();
    const base = span.start + raw.length - raw.trimStart().length;
    const { passages, whole } = passagesOf(report, marks, base, text);
    const html = proseHtml(text, attributes(line(span), whole), passages);
    if (html) pieces.push({ start: span.start, html });
  }
  for (const c of closing) {
    const range = { start: report.positionAt(c.start), end: report.positionAt(c.end) };
    pieces.push({ start: c.start, html: `<p ${attributes(range.start.line + startLine, marks.take(range), 'nb-closing')}>${escapeHtml(c.text)}</p>` });
  }
  for (const table of tables) {
    const notes = notesHtml(marks.within(table.range), marks, startLine, 'nb-notes');
    pieces.push({ start: table.start, html: `<div data-line="${table.range.start.line + startLine}" class="nb-table-block">${table.html}${notes}</div>` });
  }
  const unplaced = notesHtml(marks.rest(), marks, startLine, 'nb-notes nb-report-notes');
  const body = pieces
    .sort((a, b) => a.start - b.start)
    .map((p) => p.html)
    .join('\n');
  return `<article class="nb-report${several ? ' nb-part' : ''}" data-line="${startLine}">\n${unplaced}${body}\n</article>`;
}

/** The preview of a document: each report an `<article>`, its elements in source order. */
export function previewHtml(analysis: DocumentAnalysis, locale: Locale): Preview {
  const several = analysis.parts.length > 1;
  const html = analysis.parts.map((part) => reportHtml(part, locale, several)).join('\n<hr class="nb-between">\n');
  const lines = [...new Set([...html.matchAll(/ data-line="(\d+)"/g)].map((m) => Number(m[1])))].sort((a, b) => a - b);
  return { html, lines };
}
