/**
 * A report as one self-contained web page (for the 政府信息公开 column of a
 * government site, or a review copy to send back): inline CSS, no script, no
 * remote resource; semantic headings and sections, the three tables in their
 * official merged layout (export/table-html.ts) with `<th scope>` for screen
 * readers; printable on A4. Chinese font stacks name the fonts of official
 * documents first, then what Windows, macOS and Linux have.
 *
 * In a review copy (annotate), a marked cell or paragraph has the class of
 * its worst finding and a numbered marker linking to the list at the end.
 */
import type { Text } from '../format/standard';
import { exportDocument, marksOfCell, worstOf, type ExportBlock, type ExportDocument, type ExportFinding } from './document';
import { EXPORT, findingLine, findingsIntro } from './messages';
import { escapeHtml, tableHtml } from './table-html';
import type { DocumentAnalysis } from '../engine/analyze';
import { say } from '../checks/messages';

const FONTS = {
  title: '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "小标宋", "SimSun", "宋体", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif',
  heading: '"黑体", "SimHei", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
  subheading: '"楷体_GB2312", "楷体", "KaiTi", "STKaiti", "Noto Serif CJK SC", serif',
  body: '"仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "Noto Serif CJK SC", "Source Han Serif SC", serif',
  table: '"宋体", "SimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif',
};

const STYLE = `
@page { size: A4; margin: 25.4mm 31.8mm; }
html { background: #fff; color: #000; }
body { margin: 0; font-family: ${FONTS.body}; font-size: 16pt; line-height: 1.75; }
main { max-width: 160mm; margin: 0 auto; padding: 16mm 8mm; }
h1 { font-family: ${FONTS.title}; font-size: 22pt; font-weight: bold; text-align: center; line-height: 1.5; margin: 0 0 1em; }
h2 { font-family: ${FONTS.heading}; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0.5em 0 0; }
h3 { font-family: ${FONTS.subheading}; font-size: 16pt; font-weight: normal; text-indent: 2em; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
.nb-closing { margin-top: 2em; }
.nb-closing p { text-align: right; text-indent: 0; padding-right: 2em; }
table.nb-table { border-collapse: collapse; width: 100%; table-layout: fixed; margin: 0.5em 0 1em; font-family: ${FONTS.table}; font-size: 10pt; line-height: 1.4; }
.nb-table th, .nb-table td { border: 1px solid #000; padding: 2px 3px; text-align: center; vertical-align: middle; font-weight: normal; word-break: break-all; }
.nb-table th.nb-label { text-align: left; }
.nb-table th.nb-corner { font-family: ${FONTS.subheading}; }
.nb-table tr { break-inside: avoid; }
.nb-mark-error { background: #fde0dc; outline: 2px solid #b71c1c; outline-offset: -2px; }
.nb-mark-warning { background: #fff1c2; outline: 2px solid #a15c00; outline-offset: -2px; }
.nb-mark-information, .nb-mark-hint { background: #e1ecfb; outline: 1px solid #1a4f9c; outline-offset: -1px; }
.nb-marker { font-family: sans-serif; font-size: 0.7em; font-weight: bold; color: #b71c1c; text-indent: 0; margin-left: 0.15em; }
.nb-marker a { color: inherit; text-decoration: none; }
.nb-findings { margin-top: 2em; border-top: 1px solid #000; font-size: 12pt; }
.nb-findings h2 { text-indent: 0; }
.nb-findings p { text-indent: 0; }
.nb-findings li { margin: 0.2em 0; }
.nb-findings .nb-severity-error { color: #b71c1c; }
.nb-findings .nb-severity-warning { color: #a15c00; }
@media print {
  main { max-width: none; margin: 0; padding: 0; }
  h2, h3 { break-after: avoid; }
  .nb-findings { break-before: page; border-top: none; }
  .nb-mark-error, .nb-mark-warning, .nb-mark-information, .nb-mark-hint { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

export interface HtmlExportOptions {
  annotate?: boolean;
  /** The language of the review copy's list of findings (the report itself is as written). Default zh. */
  locale?: keyof Text;
}

/** The draft analysed as a web page; with `annotate`, its review copy. */
export function exportHtml(analysis: DocumentAnalysis, options: HtmlExportOptions = {}): string {
  return documentHtml(exportDocument(analysis, { annotate: options.annotate }), options.locale ?? 'zh', !!options.annotate);
}

function documentHtml(doc: ExportDocument, locale: keyof Text, annotate: boolean): string {
  /** The class of marked content (its worst finding's) and its markers. */
  const marked = (marks: readonly number[]) => {
    if (!marks.length) return { className: undefined, markers: '' };
    const worst = worstOf(doc.findings, marks);
    const markers = marks.map((n) => `<sup class="nb-marker"><a href="#nb-finding-${n}" aria-label="${escapeHtml(say(EXPORT.marker, { number: n })[locale])}">[${n}]</a></sup>`).join('');
    return { className: `nb-mark-${worst}`, markers };
  };
  const element = (tag: string, text: string, marks: readonly number[], attributes = '') => {
    const { className, markers } = marked(marks);
    return `<${tag}${attributes}${className ? ` class="${className}"` : ''}>${escapeHtml(text)}${markers}</${tag}>`;
  };

  const out: string[] = [];
  let sections = 0;
  let inSection = false;
  function blockHtml(block: ExportBlock): string {
    switch (block.kind) {
      case 'heading': {
        const close = inSection ? '</section>' : '';
        inSection = true;
        const id = `nb-section-${++sections}`;
        return `${close}<section aria-labelledby="${id}">${element('h2', block.text, block.marks, ` id="${id}"`)}`;
      }
      case 'subheading':
        return element('h3', block.text, block.marks);
      case 'paragraph':
        return element('p', block.text, block.marks);
      case 'table': {
        const table = tableHtml(block.id, block.table, {
          ...(inSection ? { labelledBy: `nb-section-${sections}` } : {}),
          decorate: (cell) => {
            const { className, markers } = marked(marksOfCell(block, cell));
            return className ? { className, append: markers } : undefined;
          },
        });
        const { className, markers } = marked(block.marks);
        return className ? `<div class="${className}">${markers}${table}</div>` : table;
      }
    }
  }
  for (const block of doc.blocks) out.push(blockHtml(block));
  if (inSection) out.push('</section>');
  if (doc.closing.length) out.push(`<div class="nb-closing">${doc.closing.map((line) => element('p', line.text, line.marks)).join('')}</div>`);
  if (annotate) out.push(findingsHtml(doc.findings, locale));

  const title = doc.title?.text ?? '';
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="Nianbao">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    '<article>',
    doc.title ? element('h1', doc.title.text, doc.title.marks) : '',
    ...out,
    '</article>',
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function findingsHtml(findings: readonly ExportFinding[], locale: keyof Text): string {
  const items = findings.map((f) => `<li id="nb-finding-${f.number}" class="nb-severity-${f.severity}">${escapeHtml(findingLine(f)[locale])}</li>`);
  return [
    `<section class="nb-findings" aria-labelledby="nb-findings">`,
    `<h2 id="nb-findings">${escapeHtml(EXPORT.findingsHeading[locale])}</h2>`,
    `<p>${escapeHtml(findingsIntro(findings)[locale])}</p>`,
    items.length ? `<ol>${items.join('')}</ol>` : '',
    '</section>',
  ].join('');
}
