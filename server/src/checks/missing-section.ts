/** missing-section: each of the six sections is there; the fix inserts one where it belongs. */
import { SECTIONS, TABLES, type SectionSpec } from '../format/standard';
import { renderSection } from '../format/render';
import type { Finding, Report } from '../model/report';
import { defineCheck, finding, fix } from './check';
import { defineMessages } from './messages';

const MESSAGES = defineMessages({
  missing: { zh: '缺少第{numeral}部分“{heading}”', en: 'Section {number} “{heading}” ({en}) is missing' },
  noSections: {
    zh: '没有读到年度报告的任何一个标准章节（一、总体情况……六、其他需要报告的事项）：这份文件不像政府信息公开工作年度报告',
    en: 'None of the six standard sections (一、总体情况 … 六、其他需要报告的事项) was found: this file does not look like an annual report',
  },
  insert: { zh: '插入“{heading}”', en: 'Insert “{heading}”' },
  insertWithTable: { zh: '插入“{heading}”及其{table}（待填写）', en: 'Insert “{heading}” with its {table} (to fill in)' },
});

/** Markdown heading depth the draft uses for its sections (undefined: plain lines). */
function sectionDepth(report: Report): number | undefined {
  return report.sections.find((s) => s.markdownHeading)?.depth;
}

/** Where a missing section belongs: before the first later section found, else at the end. */
function insertionPoint(report: Report, number: number): { offset: number; beforeText: boolean } {
  const next = report.sections.find((s) => s.spec.number > number);
  if (next) return { offset: report.offsetAt({ line: report.positionAt(next.start).line, character: 0 }), beforeText: true };
  return { offset: report.text.length, beforeText: false };
}

/**
 * What an inserted section leaves for the clerk to write: its prose (五 and 六
 * must say something, 六 what was charged) or its table, inserted unfilled.
 */
function leftToWrite(spec: SectionSpec): string[] {
  if (spec.table) return ['cell-blank'];
  if (spec.number === 6) return ['empty-section', 'fee-statement'];
  if (spec.number === 5) return ['empty-section'];
  return [];
}

export const missingSection = defineCheck({
  code: 'missing-section',
  severity: 'error',
  tag: 'official',
  title: { zh: '缺少章节', en: 'Missing section' },
  docs: {
    zh: '年度报告必须依次包含六个部分（国办公开办函〔2021〕30号）。标题可以写成 Markdown 标题，也可以单独成行；措辞不同或有错字的标题按序号和关键词识别，不算缺失。快速修复会在标准位置插入该节标题，第二、三、四节连同其标准表格（数字待填写）一起插入。一个章节也没有的文件只提示一次。',
    en: 'A report has six sections, in order. Headings are recognised by number and key words, so variant wording never counts as missing. The quick fix inserts the heading at its standard place, with its standard table (to be filled in) for sections II–IV. A file without any section gets one finding.',
  },
  messages: MESSAGES,
  fixes: ['insert', 'insertWithTable'],
  run(report) {
    const found = new Set(report.sections.map((s) => s.spec.number));
    if (found.size === 0) return [finding(this, { start: { line: 0, character: 0 }, end: report.positionAt(report.text.search(/\r|\n|$/)) }, 'noSections', {}, { data: { sections: 0 } })];
    const findings: Finding[] = [];
    for (const spec of SECTIONS) {
      if (found.has(spec.number)) continue;
      const { offset, beforeText } = insertionPoint(report, spec.number);
      const position = report.positionAt(offset);
      const body = renderSection(spec, sectionDepth(report)).replace(/\n/g, report.eol);
      const eol = report.eol;
      const endsWithBreak = /[\r\n]$/.test(report.text);
      const newText = beforeText ? `${body}${eol}${eol}` : `${endsWithBreak ? '' : eol}${eol}${body}${eol}`;
      const words = { numeral: spec.numeral, number: spec.number, heading: spec.heading, en: spec.en, table: spec.table ? TABLES[spec.table].short : '' };
      findings.push(
        finding(this, { start: position, end: position }, 'missing', words, {
          data: { section: spec.number },
          fixes: [fix(this, spec.table ? 'insertWithTable' : 'insert', words, [{ range: { start: position, end: position }, newText }], { preferred: true, leaves: leftToWrite(spec) })],
        }),
      );
    }
    return findings;
  },
});
