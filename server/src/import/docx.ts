/**
 * A Word .docx read into a SourceDocument: the body's paragraphs and tables in
 * document order (also those inside content controls), each paragraph's text
 * joined across its runs as Word shows it, each table expanded to its full grid
 * (w:gridSpan, w:vMerge, w:gridBefore/w:gridAfter against w:tblGrid), headings
 * from the paragraph's outline level or style, and what cannot be read (a
 * paragraph or cell holding only a picture or an embedded object) reported.
 * Opening the package and its failures: docx-package.ts; styles and list
 * numbering: docx-styles.ts.
 */
import type { Element } from '@xmldom/xmldom';
import type { Text } from '../format/standard';
import { attribute, chosenBranch, child, childNumber, elements, isAlternateContent, isOn, isW, openDocx } from './docx-package';
import { ListNumbering, ParagraphStyles } from './docx-styles';
import { expandGrid, type SpanCell } from '../parse/grid';
import type { SourceBlock, SourceDocument, SourceProblem } from './source';

export function readDocx(bytes: Uint8Array): SourceDocument {
  const parts = openDocx(bytes);
  const reader = new BodyReader(new ParagraphStyles(parts.styles), new ListNumbering(parts.numbering));
  reader.body(parts.body);
  return { format: 'docx', blocks: reader.blocks, problems: reader.problems };
}

/** Non-text content that may stand where text was expected. */
type Unreadable = 'picture' | 'object';

const UNREADABLE: Record<Unreadable, Text> = {
  picture: {
    zh: '这里只有图片或图形，读不出其中的文字；如果其中是报告内容（如截图的表格），请在 Word 中改为文字或表格后再导入。',
    en: 'Only a picture or drawing stands here, and its text cannot be read; if it carries part of the report (a table as a screenshot?), retype it as text or a table in Word and import again.',
  },
  object: {
    zh: '这里只有嵌入的对象（如 Excel 表格），读不出其中的内容；请在 Word 中把它转换为普通表格（或复制后“粘贴为表格”）再导入。',
    en: 'Only an embedded object (an Excel sheet?) stands here, and its content cannot be read; convert it to an ordinary Word table (or paste it as a table) and import again.',
  },
};

const EMBEDDED_DOCUMENT: Text = {
  zh: '这里嵌入了另一个文档片段（altChunk），读不出其中的内容；请在 Word 中打开并另存为 .docx（Word 会把它并入正文）后再导入。',
  en: 'Another document is embedded here (altChunk) and cannot be read; open the file in Word and save it as .docx again (Word merges it into the body), then import that.',
};

const unknownNumbering = (format: string): Text => ({
  zh: `此段的自动编号格式（${format}）无法识别，编号未读入，请核对。`,
  en: `The paragraph’s automatic numbering format (${format}) is not known; its number was not read, check it.`,
});

/** Word tables have at most 63 columns: a larger span or gap is damage, and is not allowed to blow the grid up. */
const MAX_COLUMNS = 63;

const paragraphPlace = (n: number): Text => ({ zh: `第 ${n} 段`, en: `paragraph ${n}` });
const tablePlace = (k: number): Text => ({ zh: `第 ${k} 个表格`, en: `table ${k}` });
const cellPlace = (k: number, row: number, column: number): Text => ({ zh: `第 ${k} 个表格第 ${row} 行第 ${column} 列`, en: `table ${k}, row ${row}, column ${column}` });

/** A paragraph's text and the non-text things it holds. */
interface ParagraphContent {
  text: string;
  unreadable: Set<Unreadable>;
  unknownNumbering?: string;
}

/**
 * A parent's children with the wrappers whose content stands in their place
 * opened: content controls and custom XML (at block, row, cell and run
 * level), and of mc:AlternateContent the one branch read (see graphic()).
 */
function unwrapped(parent: Element): Element[] {
  return elements(parent).flatMap((element) => {
    if (isW(element, 'sdt')) {
      const content = child(element, 'sdtContent');
      return content ? unwrapped(content) : [];
    }
    if (isW(element, 'customXml')) return unwrapped(element);
    if (isAlternateContent(element)) {
      const branch = chosenBranch(element);
      return branch ? unwrapped(branch) : [];
    }
    return [element];
  });
}

class BodyReader {
  readonly blocks: SourceBlock[] = [];
  readonly problems: SourceProblem[] = [];
  private paragraphs = 0;
  private tables = 0;

  constructor(
    private readonly styles: ParagraphStyles,
    private readonly numbering: ListNumbering,
  ) {}

  body(body: Element): void {
    for (const element of unwrapped(body)) {
      if (isW(element, 'p')) this.bodyParagraph(element);
      else if (isW(element, 'tbl')) this.table(element);
      else if (isW(element, 'altChunk')) this.problems.push({ where: paragraphPlace(++this.paragraphs), message: EMBEDDED_DOCUMENT });
    }
  }

  /** Body paragraphs are counted as a reader counts them: blank ones are not. */
  private bodyParagraph(p: Element): void {
    const content = this.paragraph(p);
    const blank = !content.text.trim();
    if (blank && !content.unreadable.size) return;
    const where = paragraphPlace(++this.paragraphs);
    this.report(content, where);
    if (blank) return;
    const heading = this.styles.headingLevel(child(p, 'pPr'));
    this.blocks.push({ kind: 'paragraph', text: content.text, ...(heading ? { heading } : {}), where });
  }

  private report(content: ParagraphContent, where: Text): void {
    if (content.unknownNumbering) this.problems.push({ where, message: unknownNumbering(content.unknownNumbering) });
    if (content.text.trim()) return;
    for (const kind of content.unreadable) this.problems.push({ where, message: UNREADABLE[kind] });
  }

  private table(tbl: Element): void {
    const k = ++this.tables;
    const gridWidth = elements(child(tbl, 'tblGrid') ?? tbl).filter((e) => isW(e, 'gridCol')).length;
    const rows: SpanCell[][] = [];
    // Grid columns where a cell of the row above starts: a w:vMerge continuation needs one to continue.
    let startsAbove = new Set<number>();
    for (const tr of unwrapped(tbl).filter((e) => isW(e, 'tr'))) {
      const rowProperties = child(tr, 'trPr');
      if (child(rowProperties, 'del')) continue; // a row deleted with track changes on
      const row = rows.length + 1;
      const cells: SpanCell[] = [];
      const starts = new Set<number>();
      const empty = (count: number) => {
        for (let i = 0; i < Math.min(count, MAX_COLUMNS); i++) cells.push({ text: '' });
      };
      empty(childNumber(rowProperties, 'gridBefore') ?? 0);
      let column = cells.length;
      for (const tc of unwrapped(tr).filter((e) => isW(e, 'tc'))) {
        const cellProperties = child(tc, 'tcPr');
        const colSpan = Math.min(MAX_COLUMNS, Math.max(1, childNumber(cellProperties, 'gridSpan') ?? 1));
        const vMerge = child(cellProperties, 'vMerge');
        // w:vMerge without w:val, or "continue", continues the cell above; "restart" (or nothing above) starts one.
        const continuesAbove = !!vMerge && attribute(vMerge, 'val') !== 'restart' && startsAbove.has(column);
        const content = this.cell(tc);
        if (!continuesAbove) this.report(content, cellPlace(k, row, column + 1));
        cells.push({ text: content.text, colSpan, ...(continuesAbove ? { continuesAbove } : {}) });
        starts.add(column);
        column += colSpan;
      }
      empty(childNumber(rowProperties, 'gridAfter') ?? 0);
      column = cells.reduce((width, cell) => width + (cell.colSpan ?? 1), 0);
      empty(gridWidth - column);
      startsAbove = starts;
      rows.push(cells);
    }
    this.blocks.push({ kind: 'table', rows: expandGrid(rows, (r, c) => cellPlace(k, r, c)), where: tablePlace(k) });
  }

  /**
   * A cell's text: its paragraphs joined by \n (blank ones left out). A table
   * nested inside the cell is flattened into it, its cells' paragraphs in
   * order, one per line: the model has no tables within tables, and the
   * report's tables never need one.
   */
  private cell(tc: Element): ParagraphContent {
    const lines: string[] = [];
    const unreadable = new Set<Unreadable>();
    let unknown: string | undefined;
    const visit = (container: Element) => {
      for (const element of unwrapped(container)) {
        if (isW(element, 'p')) {
          const content = this.paragraph(element);
          if (content.text.trim()) lines.push(content.text);
          content.unreadable.forEach((kind) => unreadable.add(kind));
          unknown ??= content.unknownNumbering;
        } else if (isW(element, 'tbl')) {
          for (const tr of unwrapped(element).filter((e) => isW(e, 'tr'))) for (const nested of unwrapped(tr).filter((e) => isW(e, 'tc'))) visit(nested);
        }
      }
    };
    visit(tc);
    return { text: lines.join('\n'), unreadable, ...(unknown ? { unknownNumbering: unknown } : {}) };
  }

  /** A paragraph's text as Word shows it: its list number, then its runs joined. */
  private paragraph(p: Element): ParagraphContent {
    const properties = child(p, 'pPr');
    const text = new TextCollector();
    const content: ParagraphContent = { text: '', unreadable: new Set() };
    const reference = this.styles.numberingOf(properties);
    const label = reference && this.numbering.next(reference, this.styles.styleOf(properties));
    if (label && 'text' in label) text.add(label.text);
    else if (label) content.unknownNumbering = label.unknownFormat;
    this.inline(p, text, content.unreadable);
    content.text = text.toString();
    return content;
  }

  /** The run-level content of a paragraph, or of a wrapper inside it (a hyperlink, an insertion, a simple field's result …). */
  private inline(parent: Element, text: TextCollector, unreadable: Set<Unreadable>): void {
    for (const element of unwrapped(parent)) {
      if (!isW(element)) continue;
      switch (element.localName) {
        case 'r':
          this.run(element, text, unreadable);
          break;
        case 'hyperlink':
        case 'ins':
        case 'moveTo':
        case 'smartTag':
        case 'fldSimple':
        case 'bdo':
        case 'dir':
          this.inline(element, text, unreadable);
          break;
        // w:del and w:moveFrom (text deleted or moved away with track changes on), w:pPr, bookmarks, proofing marks: no text.
      }
    }
  }

  private run(r: Element, text: TextCollector, unreadable: Set<Unreadable>): void {
    // Hidden text (w:vanish) is neither shown nor printed.
    if (isOn(child(r, 'rPr'), 'vanish')) return;
    for (const element of unwrapped(r)) {
      if (!isW(element)) continue;
      switch (element.localName) {
        case 't':
          text.add(element.textContent ?? '');
          break;
        case 'tab':
        case 'ptab':
          text.add('\t');
          break;
        case 'br':
        case 'cr':
          text.add('\n');
          break;
        case 'noBreakHyphen':
          text.add('-');
          break;
        case 'fldChar':
          text.field(attribute(element, 'fldCharType'));
          break;
        case 'drawing':
        case 'pict':
        case 'object':
          this.graphic(element, text, unreadable);
          break;
        // w:delText (deleted), w:instrText (a field's code, not its result), w:softHyphen, w:sym, note references: no text.
      }
    }
  }

  /**
   * A drawing, VML picture or embedded object inside a run. A text box's text
   * is read (on its own line); anything else is noted, to be reported when the
   * paragraph or cell holds nothing else. For a text box written both as
   * DrawingML (mc:Choice) and as VML (mc:Fallback), only one branch is read,
   * the Fallback: every producer writes it, and reading both would double the
   * text.
   */
  private graphic(element: Element, text: TextCollector, unreadable: Set<Unreadable>): void {
    const boxes = textBoxes(element);
    const boxText = boxes
      .map((box) => {
        const lines: string[] = [];
        for (const p of unwrapped(box).filter((e) => isW(e, 'p'))) {
          const content = this.paragraph(p);
          if (content.text.trim()) lines.push(content.text);
        }
        return lines.join('\n');
      })
      .filter(Boolean)
      .join('\n');
    if (boxText) text.addLine(boxText);
    else unreadable.add(element.localName === 'object' ? 'object' : 'picture');
  }
}

/** The text boxes (w:txbxContent) inside a drawing, the outermost ones only. */
function textBoxes(element: Element): Element[] {
  return unwrapped(element).flatMap((inner) => (isW(inner, 'txbxContent') ? [inner] : textBoxes(inner)));
}

/**
 * A paragraph's text as it is built, skipping the instructions of complex
 * fields (between w:fldChar begin and separate; the result, between separate
 * and end, is the text Word shows). The field state is the paragraph's own: an
 * instruction never spans paragraphs, while a result may (a table of
 * contents), and it is read in each of them.
 */
class TextCollector {
  private text = '';
  private readonly fields: ('instruction' | 'result')[] = [];
  private lineEnded = false;

  add(piece: string): void {
    if (this.fields.includes('instruction') || !piece) return;
    if (this.lineEnded && !piece.startsWith('\n')) this.text += '\n';
    this.lineEnded = false;
    this.text += piece;
  }

  /** A block of text (a text box's) on its own line. */
  addLine(piece: string): void {
    if (this.fields.includes('instruction')) return;
    if (this.text && !this.text.endsWith('\n')) this.text += '\n';
    this.text += piece;
    this.lineEnded = true;
  }

  field(type: string | undefined): void {
    if (type === 'begin') this.fields.push('instruction');
    else if (type === 'separate' && this.fields.length) this.fields[this.fields.length - 1] = 'result';
    else if (type === 'end') this.fields.pop();
  }

  toString(): string {
    return this.text;
  }
}
