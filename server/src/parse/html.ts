/**
 * The one HTML table reader, for published web pages (import/html.ts) and for
 * `<table>` blocks in Markdown drafts (pandoc/mammoth conversions of Word
 * documents: parse/lines.ts): HTML parsed as a browser parses it
 * (rehype-parse, parse5 underneath), each table's rows and cells with their
 * spans expanded to the full grid (parse/grid.ts), a cell's text joined from
 * its pieces, and the page furniture and text helpers both readers share.
 */
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import type { Text } from '../format/standard';
import { expandGrid, type GridCell, type SpanCell } from './grid';

// In a Markdown draft (verbose) elements also carry where their tags stand: an empty cell's inside, for a fix to fill.
const fragmentParser = unified().use(rehypeParse, { fragment: true, verbose: true });

export type HastRoot = ReturnType<typeof fragmentParser.parse>;
export type HastNode = HastRoot | HastRoot['children'][number];
export type HastElement = Extract<HastNode, { type: 'element' }>;
type HastText = Extract<HastNode, { type: 'text' }>;
export type HastParent = HastRoot | HastElement;

/** Page furniture, never the report. `form` is not among them: ASP.NET pages wrap the whole page in one. */
const CHROME_TAGS = new Set(['head', 'script', 'style', 'noscript', 'template', 'nav', 'footer', 'aside', 'iframe', 'button', 'select', 'textarea', 'input', 'svg', 'canvas', 'object', 'embed', 'audio', 'video', 'map']);
/** A page's `<header>` is a banner, but an article's `<header>` may hold its headline: dropped, except when looking for the title. */
export const BANNER_TAG = 'header';
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/** Elements that end a paragraph before and after them. */
export const BLOCK_TAGS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'main', 'header',
  'blockquote', 'center', 'pre', 'address', 'figure', 'figcaption', 'hr', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'body', 'html', 'form',
]);

/** No cell of a report table holds this much text: a table whose cells do lays out the page. */
const LAYOUT_CELL_TEXT = 200;

/** Where a cell of a Markdown draft's table stands: the draft's own positions say it, not words. */
const NO_PLACE: Text = { zh: '网页正文', en: 'the page text' };

export function isChrome(element: HastElement): boolean {
  if (CHROME_TAGS.has(element.tagName) || element.tagName === BANNER_TAG) return true;
  const { hidden, style, ariaHidden } = element.properties;
  return hidden === true || ariaHidden === 'true' || (typeof style === 'string' && HIDDEN_STYLE.test(style));
}

export const compact = (text: string) => text.replace(/[\s\u00a0\u3000]+/g, '');

export function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' && node.type !== 'root') return '';
  if (node.type === 'element' && isChrome(node)) return '';
  return node.children.map(textOf).join('');
}

/** Depth-first, in document order; `enter` returns false to skip an element's inside. */
export function visit(node: HastParent, enter: (element: HastElement) => boolean): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (enter(child)) visit(child, enter);
  }
}

export function findElement(node: HastParent, test: (element: HastElement) => boolean): HastElement | undefined {
  let found: HastElement | undefined;
  visit(node, (e) => {
    if (found) return false;
    if (test(e)) found = e;
    return !found;
  });
  return found;
}

// ---------------------------------------------------------------------------
// Text

/** Stands for a <br> until the text is cleaned: the page's own line breaks are only spaces. */
export const BR = '\u2028';

/**
 * What a paragraph or a cell piece says: the page's whitespace as a browser
 * shows it (runs of spaces, tabs, `&nbsp;` and full-width spaces as one
 * space), each line trimmed; a line break in the page's source between two
 * Chinese characters is dropped (it shows as nothing a reader would keep),
 * elsewhere it is a space. Full-width digits stay as they are.
 */
export function cleanText(raw: string): string {
  return raw
    .replace(/[\u200b\ufeff]/g, '')
    .replace(/[ \t\f]*[\r\n][ \t\r\n\f]*/g, (m, at: number, all: string) => (isCjk(all[at - 1]) && isCjk(all[at + m.length]) ? '' : ' '))
    .replace(/[ \t\f\u00a0\u3000\u2002-\u200a]+/g, ' ')
    .split(BR)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

/** Chinese text and its punctuation, and full-width forms — but not full-width digits, which are numbers. */
function isCjk(ch: string | undefined): boolean {
  if (!ch) return false;
  const c = ch.charCodeAt(0);
  if (c >= 0xff10 && c <= 0xff19) return false;
  return (c >= 0x2e80 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xff00 && c <= 0xffef) || (c >= 0x3000 && c <= 0x303f) || (c >= 0x2018 && c <= 0x201d);
}

/**
 * A cell's text from its pieces (its <p>s, <div>s, lines between <br>s). CMS
 * editors keep a Word cell's line breaks as pieces, and labels wrap anywhere:
 * `<p>商业</p><p>企业</p>` is 商业企业, so pieces join with nothing between
 * two Chinese characters. Elsewhere they join with a line break: digits never
 * glue (`<p>12</p><p>3</p>` shows two lines, two values in one cell, and
 * reading them as 123 would be a guess), and `1.` over `属于国家秘密` still
 * reads as its label (labels are compared without spaces).
 */
function joinPieces(pieces: readonly string[]): string {
  let out = '';
  for (const piece of pieces) {
    if (!out) out = piece;
    else out += (isCjk(out[out.length - 1]) && isCjk(piece[0]) ? '' : '\n') + piece;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Tables: the one reader, for web pages and for <table> blocks in Markdown

/** What a cell holds, and the text nodes its text starts and ends in. */
interface CellSource {
  text: string;
  first?: HastText;
  last?: HastText;
  /** Its inside, between its tags: where a fix writes into an empty cell. */
  inside: { start: number; end: number };
  images: number;
  /** All its text is link text (a list of articles laid out as a table). */
  linkOnly: boolean;
}

export type SourceRow = { cell: SpanCell; source: CellSource }[];

/** The rows of a table (its own, not those of a table in one of its cells), <thead> first and <tfoot> last, as a browser shows them. */
function rowElements(table: HastElement): HastElement[] {
  const elements = (node: HastElement) => node.children.filter((c): c is HastElement => c.type === 'element');
  const groups = elements(table);
  const rowsIn = (tags: string[]) => groups.filter((g) => tags.includes(g.tagName)).flatMap((g) => (g.tagName === 'tr' ? [g] : elements(g).filter((r) => r.tagName === 'tr')));
  return [...rowsIn(['thead']), ...rowsIn(['tr', 'tbody']), ...rowsIn(['tfoot'])];
}

export function rowsOf(table: HastElement): SourceRow[] {
  return rowElements(table).map((tr) =>
    tr.children
      .filter((c): c is HastElement => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'))
      .map((td) => {
        const source = readCell(td);
        const cell: SpanCell = { text: source.text, colSpan: spanOf(td.properties.colSpan, 1000, 1), rowSpan: spanOf(td.properties.rowSpan, 65534, 65534) };
        return { cell, source };
      }),
  );
}

/**
 * A colspan or rowspan as a browser reads it: its leading digits (`"3 "` and
 * `"3px"` are 3), nothing or garbage as 1, at most the HTML limit; 0 is
 * `zero` (a rowspan of 0 spans the rest of the table: expandGrid stops a span
 * at the last row; a colspan of 0 is 1).
 */
function spanOf(value: unknown, max: number, zero: number): number {
  const n = typeof value === 'number' ? value : Number.parseInt(String(value ?? ''), 10);
  if (!Number.isFinite(n) || n < 0) return 1;
  return n === 0 ? zero : Math.min(Math.floor(n), max);
}

/** A cell's text from its pieces: text runs split at <br> and at the block elements inside it. */
function readCell(td: HastElement): CellSource {
  const pieces: string[] = [];
  let buffer = '';
  const found: Pick<CellSource, 'first' | 'last' | 'images'> & { ownText: boolean } = { images: 0, ownText: false };
  const end = () => {
    const piece = cleanText(buffer);
    if (piece) pieces.push(piece);
    buffer = '';
  };
  const walk = (node: HastNode, inLink: boolean) => {
    if (node.type === 'text') {
      buffer += node.value;
      if (/[^\s\u00a0\u3000]/.test(node.value)) {
        found.first ??= node;
        found.last = node;
        if (!inLink) found.ownText = true;
      }
    } else if (node.type === 'element' && !isChrome(node)) {
      if (node.tagName === 'br') return end();
      if (node.tagName === 'img') found.images++;
      const block = BLOCK_TAGS.has(node.tagName);
      if (block) end();
      for (const child of node.children) walk(child, inLink || node.tagName === 'a');
      if (block) end();
    }
  };
  for (const child of td.children) walk(child, false);
  end();
  const text = joinPieces(pieces);
  return { text, first: found.first, last: found.last, images: found.images, linkOnly: text !== '' && !found.ownText, inside: insideOf(td) };
}

function insideOf(td: HastElement): { start: number; end: number } {
  const tags = (td.data as { position?: { opening?: Extent; closing?: Extent } } | undefined)?.position;
  const start = tags?.opening?.end.offset ?? td.position?.start.offset ?? 0;
  const end = tags?.closing?.start.offset ?? td.position?.end.offset ?? start;
  return { start, end: Math.max(start, end) };
}

interface Extent {
  start: { offset?: number };
  end: { offset?: number };
}

/**
 * The full grid, and for each cell that is not covered the source it came
 * from. expandGrid puts each cell of a row at the first free position after
 * the one before it, so the k-th uncovered cell of a grid row is the row's
 * k-th cell.
 */
export function gridOf(rows: readonly SourceRow[], place: (row: number, column: number) => Text): { grid: GridCell[][]; sources: (CellSource | undefined)[][] } {
  const grid = expandGrid(
    rows.map((row) => row.map((c) => c.cell)),
    place,
  );
  const sources = grid.map((row, r) => {
    let k = 0;
    return row.map((cell) => (cell.covered ? undefined : rows[r][k++]?.source));
  });
  return { grid, sources };
}

/**
 * A table that lays out the page (the whole page in one table, the article
 * in one of its cells): a cell of its own holds another table, or more text
 * than any report table's cell does.
 */
export function isLayoutTable(table: HastElement, rows = rowsOf(table)): boolean {
  if (rows.some((row) => row.some(({ source }) => compact(source.text).length > LAYOUT_CELL_TEXT))) return true;
  return findElement(table, (e) => e.tagName === 'table') !== undefined;
}

export const isReportTable = (element: HastElement) => element.tagName === 'table' && !isLayoutTable(element);

/** A cell of an HTML table in a Markdown draft: its text and where that text stands (a covered cell: an empty place after the cell before it). */
interface PlacedCell {
  text: string;
  start: number;
  end: number;
  covered: boolean;
}

/** An HTML table in a Markdown draft: its element's extent, and its rows' extents and grid cells; offsets into the draft. */
export interface PlacedTable {
  start: number;
  end: number;
  rows: { start: number; end: number; cells: PlacedCell[] }[];
}

/** Tables read, by the HTML they were read from (a keystroke in a paragraph reads no table again). */
const MAX_REMEMBERED_HTML = 200;
const rememberedTables = new Map<string, PlacedTable[]>();

/**
 * The report tables in a piece of HTML (`text.slice(start, end)`: an HTML
 * block of a Markdown draft) as full grids, offsets into `text`. Layout tables
 * are looked into, as on a page.
 */
export function tablesInHtml(text: string, start: number, end: number): PlacedTable[] {
  const html = text.slice(start, end);
  let tables = rememberedTables.get(html);
  if (tables) rememberedTables.delete(html); // re-inserted below: most recently used last
  else tables = placedTables(html);
  rememberedTables.set(html, tables);
  if (rememberedTables.size > MAX_REMEMBERED_HTML) rememberedTables.delete(rememberedTables.keys().next().value!);
  const at = (n: number) => n + start;
  return tables.map((t) => ({
    start: at(t.start),
    end: at(t.end),
    rows: t.rows.map((r) => ({ start: at(r.start), end: at(r.end), cells: r.cells.map((c) => ({ ...c, start: at(c.start), end: at(c.end) })) })),
  }));
}

function placedTables(html: string): PlacedTable[] {
  const tables: PlacedTable[] = [];
  visit(fragmentParser.parse(html), (table) => {
    if (table.tagName !== 'table') return true;
    const rows = rowsOf(table);
    if (isLayoutTable(table, rows)) return true;
    const trs = rowElements(table);
    const { grid, sources } = gridOf(rows, () => NO_PLACE);
    tables.push({
      ...extentOf(table),
      rows: grid.map((row, r) => {
        const extent = extentOf(trs[r]);
        let after = extent.start;
        const cells = row.map((cell, c): PlacedCell => {
          const source = sources[r][c];
          if (!source) return { text: '', start: after, end: after, covered: true };
          after = source.inside.end;
          const at = source.first && source.last ? { start: trimmedStart(html, source.first), end: trimmedEnd(html, source.last) } : source.inside;
          return { text: cell.text, ...at, covered: false };
        });
        return { ...extent, cells };
      }),
    });
    return false;
  });
  return tables;
}

const extentOf = (node: { position?: Extent } | undefined) => ({ start: node?.position?.start.offset ?? 0, end: node?.position?.end.offset ?? 0 });

/** Whitespace and space entities at the ends of a text node's source (the parser's positions are of the source, entities included). */
const SPACES = String.raw`(?:[\s\u00a0\u3000]|&(?:nbsp|ensp|emsp|thinsp|#160|#x0*a0|#12288|#x3000);?)+`;
const LEADING_SPACES = new RegExp(`^${SPACES}`, 'i');
const TRAILING_SPACES = new RegExp(`${SPACES}$`, 'i');

function trimmedStart(html: string, node: HastText): number {
  const { start, end } = extentOf(node);
  return start + (LEADING_SPACES.exec(html.slice(start, end))?.[0].length ?? 0);
}

function trimmedEnd(html: string, node: HastText): number {
  const { start, end } = extentOf(node);
  return end - (TRAILING_SPACES.exec(html.slice(start, end))?.[0].length ?? 0);
}
