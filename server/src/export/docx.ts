/**
 * A report as a Word document (.docx), laid out as official documents and the
 * circulating Word template lay it out: A4 portrait, margins 1440/1800 twips,
 * the title centred in 二号 (22 pt) bold, 一、 headings in 黑体 and （一）
 * headings in 楷体, the body in 三号 (16 pt) 仿宋 with a two-character first
 * line indent, the three tables in their official merged cells (gridSpan and
 * vMerge from format/layout.ts) with every cell bordered, numbers in 宋体
 * 10 pt and the corner note in 楷体, column widths from the template scaled to
 * the text width, page numbers (— 1 —) centred in the footer and the 落款
 * right-aligned at the end. Fonts can be changed (`fonts`).
 *
 * A review copy (annotate) shades each cell and run with findings by its
 * worst severity, hangs a Word comment on it naming the finding, and lists
 * every finding at the end.
 *
 * Written with the `docx` package (bundled by esbuild).
 */
import {
  AlignmentType,
  BorderStyle,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';
import { officialTable, placedCells, type LayoutCell } from '../format/layout';
import type { Text } from '../format/standard';
import type { Severity } from '../model/report';
import type { DocumentAnalysis } from '../engine/analyze';
import { exportDocument, marksOfCell, worstOf, type ExportDocument, type ExportFinding, type TableBlock } from './document';
import { EXPORT, findingLine, findingsIntro } from './messages';
import { cellText, readCell } from './table-html';
import { DEFAULT_FONTS, type DocxFonts } from './fonts';

export interface DocxExportOptions {
  annotate?: boolean;
  /** The language of the review copy's comments and list (the report itself is as written). Default zh. */
  locale?: keyof Text;
  fonts?: Partial<DocxFonts>;
}

/** Twips (1/20 pt) and half-points, as Word counts them. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = { top: 1440, bottom: 1440, left: 1800, right: 1800 };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const SIZE = { title: 44, body: 32, table: 20, footer: 28 };
/** 三号 on a fixed 28 pt line, as official documents set their body. */
const BODY_LINE = 560;
const INDENT = { firstLineChars: 200, firstLine: 2 * SIZE.body * 10 };
const LATIN = 'Times New Roman';

const SHADING: Record<Severity, string> = { error: 'FADBD8', warning: 'FFF0C2', information: 'DDE9FA', hint: 'DDE9FA' };

const border: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: border, bottom: border, left: border, right: border };

/** The draft analysed as the bytes of a .docx file; with `annotate`, its review copy. */
export async function exportDocx(analysis: DocumentAnalysis, options: DocxExportOptions = {}): Promise<Uint8Array> {
  const doc = exportDocument(analysis, { annotate: options.annotate });
  const writer = new DocxWriter(doc, { ...DEFAULT_FONTS, ...options.fonts }, options.locale ?? 'zh');
  return new Uint8Array(await Packer.toBuffer(writer.document(!!options.annotate)));
}

class DocxWriter {
  /** Findings whose comment is placed: a comment anchors one range, so a finding over several cells is commented on the first. */
  private readonly commented = new Set<number>();

  constructor(
    private readonly doc: ExportDocument,
    private readonly fonts: DocxFonts,
    private readonly locale: keyof Text,
  ) {}

  document(annotate: boolean): Document {
    const { doc, fonts } = this;
    const children: (Paragraph | Table)[] = [];
    if (doc.title) children.push(this.paragraph(doc.title.text, doc.title.marks, { font: fonts.title, size: SIZE.title, bold: true, alignment: AlignmentType.CENTER, indent: false, after: BODY_LINE }));
    for (const block of doc.blocks) {
      if (block.kind === 'table') children.push(...this.table(block));
      else if (block.kind === 'heading') children.push(this.paragraph(block.text, block.marks, { font: fonts.heading, outlineLevel: 0 }));
      else if (block.kind === 'subheading') children.push(this.paragraph(block.text, block.marks, { font: fonts.subheading, outlineLevel: 1 }));
      else children.push(this.paragraph(block.text, block.marks, {}));
    }
    doc.closing.forEach((line, i) => children.push(this.paragraph(line.text, line.marks, { alignment: AlignmentType.RIGHT, indent: false, right: 4 * SIZE.body * 10, before: i === 0 ? 2 * BODY_LINE : 0 })));
    if (annotate) children.push(...this.findingsList());

    return new Document({
      creator: 'Nianbao',
      title: doc.title?.text ?? '',
      styles: { default: { document: { run: { font: { ascii: LATIN, hAnsi: LATIN, eastAsia: fonts.body }, size: SIZE.body } } } },
      comments: { children: doc.findings.map((f) => this.comment(f)) },
      sections: [
        {
          properties: { page: { size: A4, margin: { ...MARGIN, header: 851, footer: 992 } } },
          footers: {
            default: new Footer({
              children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: this.fontOf(fonts.table), size: SIZE.footer })] })],
            }),
          },
          children,
        },
      ],
    });
  }

  private fontOf(eastAsia: string) {
    return { ascii: LATIN, hAnsi: LATIN, eastAsia };
  }

  private worst(marks: readonly number[]): Severity | undefined {
    return worstOf(this.doc.findings, marks);
  }

  /** Runs of text, shaded by the findings marking them and wrapped in the comments not placed yet. */
  private runs(text: string, marks: readonly number[], run: { font: string; size: number; bold?: boolean }): ParagraphChild[] {
    const worst = this.worst(marks);
    const shading = worst ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: SHADING[worst] } } : {};
    const children: ParagraphChild[] = [new TextRun({ text, font: this.fontOf(run.font), size: run.size, ...(run.bold ? { bold: true } : {}), ...shading })];
    const ids = marks.filter((n) => !this.commented.has(n)).map((n) => n - 1);
    for (const id of ids) this.commented.add(id + 1);
    return [...ids.map((id) => new CommentRangeStart(id)), ...children, ...ids.flatMap((id) => [new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)], size: run.size })])];
  }

  private paragraph(
    text: string,
    marks: readonly number[],
    style: { font?: string; size?: number; bold?: boolean; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: false; right?: number; before?: number; after?: number; outlineLevel?: number; newPage?: boolean },
  ): Paragraph {
    const size = style.size ?? SIZE.body;
    return new Paragraph({
      alignment: style.alignment ?? AlignmentType.JUSTIFIED,
      ...(style.newPage ? { pageBreakBefore: true } : {}),
      // A heading stays with what it heads.
      ...(style.outlineLevel !== undefined ? { outlineLevel: style.outlineLevel, keepNext: true } : {}),
      indent: { ...(style.indent === false ? {} : INDENT), ...(style.right ? { right: style.right } : {}) },
      spacing: { line: size === SIZE.body ? BODY_LINE : Math.round(size * 10 * 1.5), lineRule: LineRuleType.EXACT, before: style.before ?? 0, after: style.after ?? 0 },
      children: this.runs(text, marks, { font: style.font ?? this.fonts.body, size, bold: style.bold }),
    });
  }

  /** A standard table in its official layout: every merge as gridSpan / vMerge, every cell bordered. */
  private table(block: TableBlock): (Table | Paragraph)[] {
    const layout = officialTable(block.id, { format: block.table.format });
    const widths = layout.columnWidths.map((w) => Math.round(w * TEXT_WIDTH));
    const placed = placedCells(layout);
    // Which placed cell covers each grid position.
    const owner = layout.rows.map(() => new Array<(typeof placed)[number] | undefined>(layout.width));
    for (const p of placed) for (let r = p.row; r < p.row + p.cell.rowSpan; r++) for (let c = p.column; c < p.column + p.cell.colSpan; c++) owner[r][c] = p;
    const width = (p: (typeof placed)[number]) => widths.slice(p.column, p.column + p.cell.colSpan).reduce((a, b) => a + b, 0);
    const rows = layout.rows.map((_, r) => {
      const cells: TableCell[] = [];
      for (let c = 0; c < layout.width; ) {
        const p = owner[r][c]!;
        const starts = p.row === r;
        const marks = starts ? marksOfCell(block, p.cell) : [];
        const worst = this.worst(marks);
        cells.push(
          new TableCell({
            children: [starts ? this.cellParagraph(block, p.cell, marks) : new Paragraph({})],
            width: { size: width(p), type: WidthType.DXA },
            borders: BORDERS,
            verticalAlign: VerticalAlignTable.CENTER,
            margins: { left: 57, right: 57 },
            ...(p.cell.colSpan > 1 ? { columnSpan: p.cell.colSpan } : {}),
            ...(p.cell.rowSpan > 1 ? { verticalMerge: starts ? VerticalMergeType.RESTART : VerticalMergeType.CONTINUE } : {}),
            ...(worst ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: SHADING[worst] } } : {}),
          }),
        );
        c += p.cell.colSpan;
      }
      return new TableRow({ children: cells, cantSplit: true, ...(r < layout.headerRows ? { tableHeader: true } : {}) });
    });
    const table = new Table({ rows, columnWidths: widths, width: { size: TEXT_WIDTH, type: WidthType.DXA }, layout: TableLayoutType.FIXED });
    // A finding on the table as a whole (a header's wording): a marked line above it.
    return block.marks.length ? [this.paragraph(EXPORT.tableMarked[this.locale], block.marks, { size: SIZE.table, indent: false, font: this.fonts.table }), table] : [table];
  }

  private cellParagraph(block: TableBlock, cell: LayoutCell, marks: readonly number[]): Paragraph {
    const text = cell.role === 'number' ? cellText(readCell(block.table, cell)) : (cell.text ?? '');
    const font = cell.role === 'corner' ? this.fonts.subheading : this.fonts.table;
    return new Paragraph({
      alignment: cell.role === 'label' ? AlignmentType.LEFT : AlignmentType.CENTER,
      spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
      children: this.runs(text, marks, { font, size: SIZE.table }),
    });
  }

  private comment(finding: ExportFinding) {
    return {
      id: finding.number - 1,
      author: EXPORT.author[this.locale],
      initials: 'NB',
      children: [new Paragraph({ children: [new TextRun({ text: `〔${finding.number}〕${findingLine(finding)[this.locale]}` })] })],
    };
  }

  /** 审查意见: every finding, numbered as its comment. */
  private findingsList(): Paragraph[] {
    const { locale, fonts } = this;
    const small = { size: 24, indent: false as const };
    return [
      // On a page of its own, after the report as it will be sent.
      this.paragraph(EXPORT.findingsHeading[locale], [], { font: fonts.heading, outlineLevel: 0, newPage: true }),
      this.paragraph(findingsIntro(this.doc.findings)[locale], [], small),
      ...this.doc.findings.map((f) => this.paragraph(`${f.number}. ${findingLine(f)[locale]}`, [], small)),
    ];
  }
}
