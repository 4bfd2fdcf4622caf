/** Checks of the six sections: missing-section and section-order. */
import { SECTIONS } from '../format/standard';
import { renderSection } from '../format/render';
import type { Finding, Report, SectionRead } from '../model/report';
import { finding, type Check } from './check';

/** Markdown heading depth the draft uses for its sections (undefined: plain lines). */
export function sectionDepth(report: Report): number | undefined {
  const heading = report.sections.find((s) => s.markdownHeading);
  return heading?.depth;
}

/** Where a missing section belongs: before the first later section found, else at the end. */
export function insertionPoint(report: Report, number: number): { offset: number; beforeText: boolean } {
  const next = report.sections.find((s) => s.spec.number > number);
  if (next) return { offset: lineStartOf(report, next.start), beforeText: true };
  return { offset: report.text.length, beforeText: false };
}

function lineStartOf(report: Report, offset: number): number {
  const pos = report.positionAt(offset);
  return report.offsetAt({ line: pos.line, character: 0 });
}

export const missingSection: Check = {
  code: 'missing-section',
  severity: 'error',
  tag: 'official',
  title: { zh: '缺少章节', en: 'Missing section' },
  docs: {
    zh: '年度报告必须依次包含六个部分（国办公开办函〔2021〕30号）。标题可以写成 Markdown 标题，也可以单独成行；措辞不同或有错字的标题按序号和关键词识别，不算缺失。快速修复会在标准位置插入该节标题，第二、三、四节连同其标准表格一起插入。',
    en: 'A report has six sections, in order. Headings are recognised by number and key words, so variant wording never counts as missing. The quick fix inserts the heading at its standard place, with its standard table for sections II–IV.',
  },
  run(report) {
    // A text with no sections at all is not read as a report here; the engine decides that.
    const found = new Set(report.sections.map((s) => s.spec.number));
    const findings: Finding[] = [];
    for (const spec of SECTIONS) {
      if (found.has(spec.number)) continue;
      const { offset, beforeText } = insertionPoint(report, spec.number);
      const position = report.positionAt(offset);
      const body = renderSection(spec, sectionDepth(report));
      const newText = beforeText ? `${body}\n\n` : `${report.text.endsWith('\n') ? '' : '\n'}\n${body}\n`;
      findings.push(
        finding(
          this,
          { start: position, end: position },
          { zh: `缺少第${spec.numeral}部分“${spec.heading}”`, en: `Section ${spec.number} “${spec.heading}” (${spec.en}) is missing` },
          {
            data: { section: spec.number },
            fixes: [
              {
                title: { zh: `插入“${spec.heading}”${spec.table ? '及其标准表格' : ''}`, en: `Insert “${spec.heading}”${spec.table ? ' with its standard table' : ''}` },
                kind: 'quickfix',
                preferred: true,
                edits: [{ range: { start: position, end: position }, newText }],
              },
            ],
          },
        ),
      );
    }
    return findings;
  },
};

export const sectionOrder: Check = {
  code: 'section-order',
  severity: 'warning',
  tag: 'official',
  title: { zh: '章节顺序错误或重复', en: 'Section out of order or repeated' },
  docs: {
    zh: '六个部分应按一至六的顺序各出现一次。顺序颠倒时标出位置不对的标题；同一部分出现两次时标出第二次。',
    en: 'The six sections appear once each, in order. A heading out of order, or a section that appears twice, is marked.',
  },
  run(report) {
    const findings: Finding[] = [];
    const seen = new Map<number, SectionRead>();
    const unique: SectionRead[] = [];
    for (const s of report.sections) {
      const first = seen.get(s.spec.number);
      if (first) {
        findings.push(
          finding(this, s.heading.span.range, { zh: `第${s.spec.numeral}部分重复出现`, en: `Section ${s.spec.number} appears a second time` }, {
            related: [{ range: first.heading.span.range, message: { zh: '第一次出现的位置', en: 'First occurrence' } }],
            data: { section: s.spec.number, duplicate: true },
          }),
        );
        continue;
      }
      seen.set(s.spec.number, s);
      unique.push(s);
    }
    // Headings outside the longest run in order are the ones out of place.
    const inOrder = longestIncreasing(unique.map((s) => s.spec.number));
    unique.forEach((s, i) => {
      if (inOrder.has(i)) return;
      const before = unique.slice(0, i).filter((_, j) => inOrder.has(j)).pop();
      findings.push(
        finding(
          this,
          s.heading.span.range,
          {
            zh: `“${s.heading.span.text}”位置不对：第${s.spec.numeral}部分应排在${before ? `第${before.spec.numeral}部分` : '其他部分'}${before && before.spec.number > s.spec.number ? '之前' : '之后'}`,
            en: `“${s.heading.span.text}” is out of order: section ${s.spec.number} belongs ${before && before.spec.number > s.spec.number ? 'before' : 'after'} section ${before?.spec.number ?? '…'}`,
          },
          { data: { section: s.spec.number } },
        ),
      );
    });
    return findings;
  },
};

/** Indices of one longest strictly increasing subsequence. */
function longestIncreasing(values: number[]): Set<number> {
  const length = values.map(() => 1);
  const prev = values.map(() => -1);
  for (let i = 0; i < values.length; i++)
    for (let j = 0; j < i; j++)
      if (values[j] < values[i] && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1;
        prev[i] = j;
      }
  let end = length.indexOf(Math.max(0, ...length));
  const keep = new Set<number>();
  while (end >= 0) {
    keep.add(end);
    end = prev[end];
  }
  return keep;
}
