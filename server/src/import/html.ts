/**
 * A published web page → the import document model (source.ts), and the one
 * HTML table reader, which also serves Markdown drafts holding `<table>`
 * blocks (pandoc/mammoth conversions of Word documents: parse/lines.ts).
 *
 * The page is parsed as a browser parses it (rehype-parse, parse5 underneath:
 * unclosed tags and stray end tags recover as they do on screen). The article
 * is chosen by its content, not by one CMS's class names: chrome (header,
 * nav, footer, scripts, hidden elements) and link text (menus, breadcrumbs,
 * related links) weigh nothing, and from the body down the reader follows the
 * child that holds nearly all the remaining text, stopping where the text
 * spreads over several children (the article's paragraphs and tables). Known
 * containers (div.TRS_Editor, #zoom, #UCAP-CONTENT…) decide only where no
 * child dominates. The report's title, which templates put in a headline
 * above the article container, is kept with it; whatever else stands outside
 * (publication dates, font-size buttons, share links, the footer) is dropped.
 */
import { unified } from 'unified';
import rehypeParse from 'rehype-parse';
import { expandGrid, ImportError, type GridCell, type SourceBlock, type SourceDocument, type SourceParagraph, type SourcePlace, type SourceProblem, type SpanCell } from './source';

// In a Markdown draft (verbose) elements also carry where their tags stand: an empty cell's inside, for a fix to fill.
const pageParser = unified().use(rehypeParse);
const fragmentParser = unified().use(rehypeParse, { fragment: true, verbose: true });

type HastRoot = ReturnType<typeof pageParser.parse>;
type HastNode = HastRoot | HastRoot['children'][number];
type HastElement = Extract<HastNode, { type: 'element' }>;
type HastText = Extract<HastNode, { type: 'text' }>;
type HastParent = HastRoot | HastElement;

/** Page furniture, never the report. `form` is not among them: ASP.NET pages wrap the whole page in one. */
const CHROME_TAGS = new Set(['head', 'script', 'style', 'noscript', 'template', 'nav', 'footer', 'aside', 'iframe', 'button', 'select', 'textarea', 'input', 'svg', 'canvas', 'object', 'embed', 'audio', 'video', 'map']);
/** A page's `<header>` is a banner, but an article's `<header>` may hold its headline: dropped, except when looking for the title. */
const BANNER_TAG = 'header';
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;

/** Elements that end a paragraph before and after them. */
const BLOCK_TAGS = new Set([
  'p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'section', 'article', 'main', 'header',
  'blockquote', 'center', 'pre', 'address', 'figure', 'figcaption', 'hr', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'body', 'html', 'form',
]);
const HEADING = /^h([1-6])$/;

/**
 * Containers of the article in government CMS templates (TRS, Hanweb/大汉,
 * 拓尔思, 开普云, plain ones). A hint only, used where no child of the
 * current element holds most of the text.
 */
const KNOWN_CONTAINER = /^(TRS_Editor|TRS_UEDITOR|trs_editor_view|zoom|UCAP-CONTENT|article-content|article_content|articleContent|content|contents|view|wz_content|wzcon|art_con|pages_content|news_content|detail-content|xxgk_content)$/i;
/** A child holding this share of its parent's text is where the article is. */
const DOMINANT_SHARE = 0.8;
/** A known container must hold this share of the text to be taken. */
const HINT_SHARE = 0.5;
/** No cell of a report table holds this much text: a table whose cells do lays out the page. */
const LAYOUT_CELL_TEXT = 200;

/** The report's title: a unit, a year, 政府信息公开工作年度报告 (or 年报) at the end. */
const TITLE = /政府信息公开.{0,6}(年度报告|年报)$/;
const TITLE_YEAR = /(19|20)\d{2}|[〇零一二三四五六七八九]{4}/;
const MAX_TITLE_LENGTH = 80;

const NO_TEXT: SourcePlace = { zh: '网页正文', en: 'the page text' };

/**
 * Read a published web page (the HTML text: the files module decodes the
 * bytes). Throws ImportError('no-report') for a page with no report in it.
 */
export function readHtml(html: string): SourceDocument {
  const root = pageParser.parse(html);
  const weights = new Weights();
  const article = articleOf(findElement(root, (e) => e.tagName === 'body') ?? root, weights);
  const reader = new BlockReader();
  const title = article.type === 'element' ? titleBefore(root, article, weights) : undefined;
  if (title && !compact(textOf(article)).includes(compact(textOf(title)))) reader.walk(title);
  reader.walk(article);
  reader.flush();
  if (!reader.mentionsReport) throw new ImportError('no-report', reader.images > 0 && reader.blocks.length === 0 ? ONLY_IMAGES : NO_REPORT);
  return { format: 'html', blocks: reader.blocks, problems: reader.problems };
}

/** What every report says (its basis, 政府信息公开条例; Table 3's rows): a page that never says it outside links holds none. */
const REPORT_WORDS = /政府信息公开/;
/** Prose, not a menu or a breadcrumb: a sentence's punctuation. */
const SENTENCE = /[。，；]/;

const NO_REPORT = {
  zh: '网页中没有找到政府信息公开工作年度报告：正文里既没有提到“政府信息公开”的段落，也没有表格。请打开报告本身的页面（不是栏目列表页），另存为网页后再导入。',
  en: 'No government information disclosure annual report was found in the page: its text has no paragraph mentioning 政府信息公开 and no table. Open the page of the report itself (not a list of articles), save it as a web page and import that.',
};
const ONLY_IMAGES = {
  zh: '网页正文只有图片，没有文字：报告是以图片发布的，无法读取。请改用报告的 Word 版或 PDF 版。',
  en: 'The page text is only images: the report was published as pictures and cannot be read. Use the report’s Word or PDF version instead.',
};

// ---------------------------------------------------------------------------
// The article

/** Characters of text that count for the choice of the article: not chrome, not link text. */
class Weights {
  private readonly memo = new Map<HastParent, number>();
  of(node: HastParent): number {
    let weight = this.memo.get(node);
    if (weight !== undefined) return weight;
    weight = 0;
    for (const child of node.children) {
      if (child.type === 'text') weight += child.value.replace(/[\s\u00a0\u3000]+/g, '').length;
      else if (child.type === 'element' && !isChrome(child) && child.tagName !== 'a') weight += this.of(child);
    }
    this.memo.set(node, weight);
    return weight;
  }
}

function isChrome(element: HastElement): boolean {
  if (CHROME_TAGS.has(element.tagName) || element.tagName === BANNER_TAG) return true;
  const { hidden, style, ariaHidden } = element.properties;
  return hidden === true || ariaHidden === 'true' || (typeof style === 'string' && HIDDEN_STYLE.test(style));
}

/** From the body down: the child holding nearly all the text, or the known container holding most of it. */
function articleOf(body: HastParent, weights: Weights): HastParent {
  let node = body;
  for (;;) {
    const total = weights.of(node);
    if (total === 0) return node;
    const children = (node.children as HastNode[]).filter((c): c is HastElement => c.type === 'element' && !isChrome(c) && c.tagName !== 'a');
    const best = children.reduce<HastElement | undefined>((a, c) => (!a || weights.of(c) > weights.of(a) ? c : a), undefined);
    const next = best && holdsBlocks(best) && weights.of(best) >= DOMINANT_SHARE * total ? best : hintedContainer(node, total, weights);
    if (!next) return node;
    node = next;
  }
}

/**
 * An element the article may be: one holding blocks (paragraphs, tables,
 * divs), not a paragraph of its own (a short report's longest paragraph may
 * hold most of its text) nor a report table.
 */
function holdsBlocks(element: HastElement): boolean {
  if (isReportTable(element)) return false;
  return element.children.some((c) => c.type === 'element' && BLOCK_TAGS.has(c.tagName) && !isChrome(c));
}

function hintedContainer(node: HastParent, total: number, weights: Weights): HastElement | undefined {
  let found: HastElement | undefined;
  visit(node, (e) => {
    if (isChrome(e)) return false;
    if (isKnownContainer(e) && holdsBlocks(e) && weights.of(e) >= HINT_SHARE * total && (!found || weights.of(e) > weights.of(found))) found = e;
    return true;
  });
  return found;
}

function isKnownContainer(element: HastElement): boolean {
  if (element.tagName === 'article' || element.tagName === 'main') return true;
  const { id, className } = element.properties;
  const names = [...(typeof id === 'string' ? [id] : []), ...(Array.isArray(className) ? className.map(String) : [])];
  return names.some((n) => KNOWN_CONTAINER.test(n));
}

/**
 * The headline above the article: the last element before it whose whole text
 * is a report title (not a link: related reports in a sidebar are links), the
 * outermost one of that text (the <h1>, not the <span> inside it).
 */
function titleBefore(root: HastRoot, article: HastElement, weights: Weights): HastElement | undefined {
  let found: HastElement | undefined;
  let reached = false;
  visit(root, (e) => {
    if (reached || e === article) {
      reached = true;
      return false;
    }
    if (e.tagName === 'a' || (isChrome(e) && e.tagName !== BANNER_TAG)) return false;
    // Text too long to be a title (a page's <header> itself is walked into: it is dropped as chrome).
    if (weights.of(e) > MAX_TITLE_LENGTH * 2 || e.tagName === BANNER_TAG) return true;
    const text = compact(textOf(e));
    if (text.length <= MAX_TITLE_LENGTH && TITLE.test(text) && TITLE_YEAR.test(text)) {
      found = e;
      return false;
    }
    return true;
  });
  return found;
}

const compact = (text: string) => text.replace(/[\s\u00a0\u3000]+/g, '');

function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value;
  if (node.type !== 'element' && node.type !== 'root') return '';
  if (node.type === 'element' && isChrome(node)) return '';
  return node.children.map(textOf).join('');
}

/** Depth-first, in document order; `enter` returns false to skip an element's inside. */
function visit(node: HastParent, enter: (element: HastElement) => boolean): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (enter(child)) visit(child, enter);
  }
}

function findElement(node: HastParent, test: (element: HastElement) => boolean): HastElement | undefined {
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
const BR = '\u2028';

/**
 * What a paragraph or a cell piece says: the page's whitespace as a browser
 * shows it (runs of spaces, tabs, `&nbsp;` and full-width spaces as one
 * space), each line trimmed; a line break in the page's source between two
 * Chinese characters is dropped (it shows as nothing a reader would keep),
 * elsewhere it is a space. Full-width digits stay as they are.
 */
function cleanText(raw: string): string {
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
// Blocks

/** Reads paragraphs and tables, in document order, from the elements it walks. */
class BlockReader {
  readonly blocks: SourceBlock[] = [];
  readonly problems: SourceProblem[] = [];
  /** Pictures in the article (icons aside). */
  images = 0;
  /** A sentence or a table cell (outside links) says 政府信息公开. */
  mentionsReport = false;
  private paragraphs = 0;
  private tables = 0;
  private buffer = '';
  /** The buffer holds text outside links (a paragraph of links only is a menu or share buttons). */
  private ownText = false;

  walk(node: HastNode, inLink = false): void {
    if (node.type === 'text') {
      this.buffer += node.value;
      if (!inLink && /[^\s\u00a0\u3000]/.test(node.value)) this.ownText = true;
      return;
    }
    if (node.type === 'root') {
      for (const child of node.children) this.walk(child, inLink);
      return;
    }
    if (node.type !== 'element' || isChrome(node)) return;
    const tag = node.tagName;
    if (tag === 'br') {
      this.buffer += BR;
      return;
    }
    if (tag === 'img') {
      if (!isIcon(node)) this.image();
      return;
    }
    if (tag === 'table') {
      const rows = rowsOf(node);
      if (!isLayoutTable(node, rows)) {
        this.flush();
        this.table(node, rows);
        return;
      }
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) this.flush();
    for (const child of node.children) this.walk(child, inLink || tag === 'a');
    if (block) this.flush(HEADING.test(tag) ? Number(HEADING.exec(tag)![1]) : undefined);
  }

  flush(heading?: number): void {
    const text = cleanText(this.buffer);
    if (text && this.ownText) {
      this.paragraphs++;
      const paragraph: SourceParagraph = { kind: 'paragraph', text, ...(heading ? { heading } : {}), where: { zh: `第 ${this.paragraphs} 段`, en: `paragraph ${this.paragraphs}` } };
      this.blocks.push(paragraph);
      if (REPORT_WORDS.test(text) && SENTENCE.test(text)) this.mentionsReport = true;
    }
    this.buffer = '';
    this.ownText = false;
  }

  private image(): void {
    this.images++;
    const after = this.paragraphs;
    this.problems.push({
      where: after ? { zh: `第 ${after} 段之后`, en: `after paragraph ${after}` } : NO_TEXT,
      message: {
        zh: '这里有一张图片，其中的内容无法读取；如果报告的表格以图片发布，请对照原文核对',
        en: 'There is a picture here whose content cannot be read; if the report’s tables were published as pictures, check them against the original',
      },
    });
  }

  /** A table of the report (a table of links only is a list of articles: not one). */
  private table(table: HastElement, rows: SourceRow[]): void {
    if (rows.every((row) => row.every(({ source }) => source.linkOnly || source.text === ''))) return;
    const caption = table.children.find((c): c is HastElement => c.type === 'element' && c.tagName === 'caption');
    if (caption) {
      this.walk(caption);
      this.flush();
    }
    const k = ++this.tables;
    const place = (r: number, c: number): SourcePlace => ({ zh: `第 ${k} 个表格第 ${r} 行第 ${c} 列`, en: `table ${k}, row ${r}, column ${c}` });
    const { grid, sources } = gridOf(rows, place);
    grid.forEach((row, r) =>
      row.forEach((cell, c) => {
        const source = sources[r][c];
        if (source && !source.linkOnly && REPORT_WORDS.test(source.text)) this.mentionsReport = true;
        if (source?.images && !cell.text) this.problems.push({ where: cell.where, message: { zh: '这一格只有图片，没有文字，无法读取', en: 'This cell holds only a picture, no text: it cannot be read' } });
      }),
    );
    this.blocks.push({ kind: 'table', rows: grid, where: { zh: `第 ${k} 个表格`, en: `table ${k}` } });
  }
}

/** An icon (a print or share button, a bullet): a picture the page gives a small size. */
function isIcon(img: HastElement): boolean {
  const size = (v: unknown) => Number.parseInt(String(v ?? ''), 10);
  const { width, height } = img.properties;
  return size(width) < ICON_SIZE || size(height) < ICON_SIZE;
}
const ICON_SIZE = 48;

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

type SourceRow = { cell: SpanCell; source: CellSource }[];

/** The rows of a table (its own, not those of a table in one of its cells), <thead> first and <tfoot> last, as a browser shows them. */
function rowElements(table: HastElement): HastElement[] {
  const elements = (node: HastElement) => node.children.filter((c): c is HastElement => c.type === 'element');
  const groups = elements(table);
  const rowsIn = (tags: string[]) => groups.filter((g) => tags.includes(g.tagName)).flatMap((g) => (g.tagName === 'tr' ? [g] : elements(g).filter((r) => r.tagName === 'tr')));
  return [...rowsIn(['thead']), ...rowsIn(['tr', 'tbody']), ...rowsIn(['tfoot'])];
}

function rowsOf(table: HastElement): SourceRow[] {
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
function gridOf(rows: readonly SourceRow[], place: (row: number, column: number) => SourcePlace): { grid: GridCell[][]; sources: (CellSource | undefined)[][] } {
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
function isLayoutTable(table: HastElement, rows = rowsOf(table)): boolean {
  if (rows.some((row) => row.some(({ source }) => compact(source.text).length > LAYOUT_CELL_TEXT))) return true;
  return findElement(table, (e) => e.tagName === 'table') !== undefined;
}

const isReportTable = (element: HastElement) => element.tagName === 'table' && !isLayoutTable(element);

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
    const { grid, sources } = gridOf(rows, () => NO_TEXT);
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
