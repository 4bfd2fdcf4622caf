/**
 * From Markdown to lines of tokens.
 *
 * remark gives the block structure (blocks.ts): headings, GFM tables and their
 * cells, and everything else. Pasted tables mostly arrive as paragraphs, code
 * blocks (a tab-indented line after a blank line) or lists (`4. 保护…`), so all
 * blocks other than headings and GFM tables are read line by line from the
 * source, and each line is cut into cells: by tabs, by pipes, or by spaces.
 * An HTML `<table>` (pandoc and mammoth write Word's merged-cell tables so)
 * is read by the web page reader (import/html.ts): its grid rows become table
 * rows like a GFM table's, a merge's covered cells empty cells.
 */
import { blocksOf, type Block } from './blocks';
import type { Span } from '../model/report';
import { tablesInHtml } from './html';
import { LineIndex, isPageFooter, readNumber, type NumberRead } from './text';

export interface Token {
  span: Span;
  /** What the cell says, trimmed; empty for an empty cell. */
  text: string;
  num: NumberRead;
  /** The physical row (line or GFM table row) the token stands in. */
  row: number;
  /** A cell of a GFM table, whose columns line up with its header. */
  gfm?: boolean;
  /** For a GFM or HTML table cell: its column in the row (0-based) and the table's block index. */
  col?: number;
  block?: number;
  /** A position an HTML table's merge (colspan, rowspan) covers: no cell of its own, nothing a fix can fill. */
  covered?: boolean;
}

type LineKind = 'heading' | 'text' | 'table-row';

export interface Line {
  kind: LineKind;
  /** The line's content, without `#` marks and surrounding spaces. */
  span: Span;
  tokens: Token[];
  /** Heading depth (ATX headings only). */
  depth?: number;
  row: number;
  /** Index of the Markdown block the line belongs to. */
  block: number;
  /** For a row of an HTML table: the extent of its <table> element (what converting replaces). */
  htmlTable?: { start: number; end: number };
}

/** Parse a Markdown text into lines of tokens (from its blocks: the tests give those of a whole-text parse). */
export function readLines(text: string, index: LineIndex, blocks: readonly Block[] = blocksOf(text)): Line[] {
  const lines: Line[] = [];
  let row = 0;
  for (let block = 0; block < blocks.length; block++) {
    const node = blocks[block];
    const { start, end } = node;
    if (node.type === 'html' && HTML_TABLE.test(text.slice(start, end))) {
      // A blank line ends an HTML block, not the table: the blocks up to its end tag are the table's.
      const last = tableEndBlock(text, blocks, block);
      row = readHtmlBlock(text, start, blocks[last].end, index, { row, block }, lines);
      block = last;
    } else if (node.type === 'heading' && !/[\r\n]/.test(text.slice(start, end))) {
      const span = headingContent(text, start, end, index);
      lines.push({ kind: 'heading', span, tokens: tokenizeText(span, index, row), depth: node.depth, row: row++, block });
    } else if (node.type === 'table') {
      for (const tableRow of node.rows ?? []) {
        const tokens = tableRow.cells.map((cell, col) => cellToken(text, cell.start, cell.end, index, row, { gfm: true, col, block }));
        lines.push({ kind: 'table-row', span: trimmedSpan(text, tableRow.start, tableRow.end, index), tokens, row: row++, block });
      }
    } else if (node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(text.slice(start, end))) {
      // A comment (a note to oneself, text commented out, a nianbao-disable directive) is not in the report.
    } else if (node.type !== 'thematicBreak' && node.type !== 'definition') {
      // Paragraphs, code, lists, setext headings, HTML: line by line from the source.
      row = readSourceLines(text, start, end, index, { row, block }, lines);
    }
  }
  return lines;
}

const HTML_TABLE = /<table[\s>]/i;

/**
 * The last block an HTML table runs through: a blank line inside a table
 * written by hand ends CommonMark's HTML block, and the rows after it are
 * HTML blocks again; they are the table's up to its end tag. A table never
 * closed (a draft cut short) is its own block alone.
 */
function tableEndBlock(text: string, blocks: readonly Block[], first: number): number {
  const open = (html: string) => (html.match(/<table[\s>]/gi)?.length ?? 0) - (html.match(/<\/table\s*>/gi)?.length ?? 0);
  let depth = open(text.slice(blocks[first].start, blocks[first].end));
  for (let last = first + 1; depth > 0 && last < blocks.length && blocks[last].type === 'html'; last++) {
    depth += open(text.slice(blocks[last].start, blocks[last].end));
    if (depth <= 0) return last;
  }
  return first;
}

/** The lines of a block read from the source one by one (the lines as LSP counts them: \r\n, \n or a lone \r); the next row number. */
function readSourceLines(text: string, start: number, end: number, index: LineIndex, at: { row: number; block: number }, lines: Line[]): number {
  let row = at.row;
  for (let line = index.positionAt(start).line; index.lineStart(line) < end && line < index.lineCount; line++) {
    const lineStart = Math.max(start, index.lineStart(line));
    const lineEnd = Math.min(end, index.lineEnd(line));
    const raw = text.slice(lineStart, lineEnd);
    if (!isSkippable(raw)) {
      const span = trimmedSpan(text, lineStart, lineEnd, index);
      lines.push({ kind: 'text', span, tokens: tokenizeText(span, index, row), row: row++, block: at.block });
    }
  }
  return row;
}

/**
 * An HTML block holding tables: each table's grid rows as table rows, each
 * cell a token whose span is the cell's text in the draft (an empty cell: its
 * inside, for a fix to fill; a covered cell: an empty place after the cell
 * before it); the HTML around the tables line by line, as before.
 */
function readHtmlBlock(text: string, start: number, end: number, index: LineIndex, at: { row: number; block: number }, lines: Line[]): number {
  let row = at.row;
  let from = start;
  for (const table of tablesInHtml(text, start, end)) {
    row = readSourceLines(text, from, table.start, index, { row, block: at.block }, lines);
    const htmlTable = { start: table.start, end: table.end };
    for (const tableRow of table.rows) {
      const tokens = tableRow.cells.map((cell, col): Token => ({
        span: index.span(cell.start, cell.end),
        text: cell.text,
        num: readNumber(cell.text),
        row,
        gfm: true,
        col,
        block: at.block,
        ...(cell.covered ? { covered: true } : {}),
      }));
      lines.push({ kind: 'table-row', span: trimmedSpan(text, tableRow.start, tableRow.end, index), tokens, row: row++, block: at.block, htmlTable });
    }
    from = table.end;
  }
  return readSourceLines(text, from, end, index, { row, block: at.block }, lines);
}

/** Setext underlines, fences, lone pipes and page footers carry nothing. */
function isSkippable(raw: string): boolean {
  const t = raw.trim();
  return (
    t === '' ||
    /^[-=]{3,}$/.test(t) ||
    /^(```|~~~)/.test(t) ||
    /^\|[\s|]*$/.test(t) ||
    /^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$/.test(t) ||
    isPageFooter(t)
  );
}

function headingContent(text: string, start: number, end: number, index: LineIndex): Span {
  let s = start;
  let e = end;
  while (s < e && (text[s] === '#' || text[s] === ' ' || text[s] === '\t')) s++;
  while (e > s && /[#\s]/.test(text[e - 1])) e--;
  return index.span(s, e);
}

function trimmedSpan(text: string, start: number, end: number, index: LineIndex): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  // Strip a Markdown list marker that the source line carries (`- `, `* `, `> `).
  return index.span(s, e);
}

/** Where a GFM table's cell stands: its column and the table's block. */
type CellPlace = Required<Pick<Token, 'gfm' | 'col' | 'block'>>;

function makeToken(text: string, start: number, end: number, index: LineIndex, row: number, place?: CellPlace): Token {
  let s = start;
  let e = end;
  while (s < e && WHITESPACE.test(text[s])) s++;
  while (e > s && WHITESPACE.test(text[e - 1])) e--;
  if (s === e) {
    // An empty cell: the span covers its blank interior so a fix can fill it.
    return { span: index.span(start, end), text: '', num: BLANK, row, ...place };
  }
  const span = index.span(s, e);
  const clean = stripInlineMarks(span.text);
  return { span, text: clean, num: readNumber(clean), row, ...place };
}

const WHITESPACE = /\s/;
const BLANK: NumberRead = Object.freeze({ kind: 'blank' });

/** GFM cell positions include the leading pipe; the token is the cell's inside. */
function cellToken(text: string, start: number, end: number, index: LineIndex, row: number, place: CellPlace): Token {
  let s = start;
  let e = end;
  if (text[s] === '|') s++;
  // The last cell's position may take in the blanks after the row's closing pipe (`| 3 | `).
  let last = e;
  while (last > s && (text[last - 1] === ' ' || text[last - 1] === '\t')) last--;
  if (last > s && text[last - 1] === '|' && text[last - 2] !== '\\') e = last - 1;
  return makeToken(text, s, e, index, row, place);
}

/** `**12**` reads as 12. */
function stripInlineMarks(text: string): string {
  // Most cells carry no mark at all: nothing to replace.
  if (!INLINE_MARK.test(text)) return text.trim();
  return text.replace(/^[*_`]+|[*_`]+$/g, '').replace(/&nbsp;?/gi, ' ').trim();
}

const INLINE_MARK = /[*_`&]/;

/**
 * Cut a line of pasted text into cells: by tabs when it has any, by pipes when
 * it is a pipe row, otherwise by spaces, keeping runs of words together as one
 * label (labels wrapped in a PDF carry single spaces: `只计这一情 形`).
 */
function tokenizeText(span: Span, index: LineIndex, row: number): Token[] {
  const text = index.text;
  const { start, end } = span;
  const body = span.text;
  if (body.includes('\t')) return splitBy(text, start, end, '\t', index, row);
  // A pipe row, with or without edge pipes (`行政许可 | 12608` has a single pipe).
  if (/(^|[^\\])\|/.test(body)) {
    const tokens = splitBy(text, start, end, '|', index, row);
    if (body.startsWith('|')) tokens.shift();
    if (body.endsWith('|')) tokens.pop();
    return tokens;
  }
  return splitBySpaces(text, start, end, index, row);
}

function splitBy(text: string, start: number, end: number, sep: string, index: LineIndex, row: number): Token[] {
  const tokens: Token[] = [];
  let cellStart = start;
  for (let i = start; i <= end; i++) {
    if (i === end || text[i] === sep) {
      tokens.push(makeToken(text, cellStart, i, index, row));
      cellStart = i + 1;
    }
  }
  return tokens;
}

function splitBySpaces(text: string, start: number, end: number, index: LineIndex, row: number): Token[] {
  const words: { s: number; e: number; numeric: boolean }[] = [];
  const re = /[^\s\u3000]+/g;
  re.lastIndex = 0;
  const slice = text.slice(start, end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const word = m[0].replace(/&nbsp;?/gi, '');
    const kind = readNumber(word).kind;
    words.push({ s: start + m.index, e: start + m.index + m[0].length, numeric: kind !== 'text' });
  }
  const tokens: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i].numeric) {
      tokens.push(makeToken(text, words[i].s, words[i].e, index, row));
      continue;
    }
    let j = i;
    while (j + 1 < words.length && !words[j + 1].numeric) j++;
    tokens.push(makeToken(text, words[i].s, words[j].e, index, row));
    i = j;
  }
  return tokens;
}
