/**
 * A published web page → the import document model (source.ts); its tables
 * are read by the HTML table reader that also serves Markdown drafts (parse/html.ts).
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
import { BANNER_TAG, BLOCK_TAGS, BR, cleanText, compact, findElement, gridOf, isChrome, isLayoutTable, isReportTable, rowsOf, textOf, visit, type HastElement, type HastNode, type HastParent, type HastRoot, type SourceRow } from '../parse/html';
import { isTitleText, MAX_TITLE_LENGTH } from '../parse/report';
import { ImportError, type SourceBlock, type SourceDocument, type SourceParagraph, type SourcePlace, type SourceProblem } from './source';

const pageParser = unified().use(rehypeParse);

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

/** The report's title (parse/report.ts says what one is) has a year in it, here too. */
const TITLE_YEAR = /(19|20)\d{2}|[〇零一二三四五六七八九]{4}/;

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
    if (isTitleText(text) && TITLE_YEAR.test(text)) {
      found = e;
      return false;
    }
    return true;
  });
  return found;
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
