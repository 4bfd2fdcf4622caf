/** section-order: the six sections appear once each, in order. */
import type { Finding, SectionRead } from '../model/report';
import { defineCheck, finding } from './check';
import { defineMessages, say } from './messages';

const MESSAGES = defineMessages({
  repeated: { zh: '第{numeral}部分重复出现', en: 'Section {number} appears a second time' },
  first: { zh: '第一次出现的位置', en: 'First occurrence' },
  before: { zh: '“{heading}”位置不对：第{numeral}部分应排在第{other}部分之前', en: '“{heading}” is out of order: section {number} belongs before section {otherNumber}' },
  after: { zh: '“{heading}”位置不对：第{numeral}部分应排在第{other}部分之后', en: '“{heading}” is out of order: section {number} belongs after section {otherNumber}' },
  afterOthers: { zh: '“{heading}”位置不对：第{numeral}部分应排在其他部分之后', en: '“{heading}” is out of order: section {number} belongs after the others' },
});

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

export const sectionOrder = defineCheck({
  code: 'section-order',
  severity: 'warning',
  tag: 'official',
  title: { zh: '章节顺序错误或重复', en: 'Section out of order or repeated' },
  docs: {
    zh: '六个部分应按一至六的顺序各出现一次。顺序颠倒时标出位置不对的标题；同一部分出现两次时标出第二次。',
    en: 'The six sections appear once each, in order. A heading out of order, or a section that appears twice, is marked.',
  },
  messages: MESSAGES,
  fixes: [],
  run(report) {
    const findings: Finding[] = [];
    const seen = new Map<number, SectionRead>();
    const unique: SectionRead[] = [];
    for (const s of report.sections) {
      const first = seen.get(s.spec.number);
      if (first) {
        findings.push(
          finding(this, s.heading.span.range, 'repeated', { numeral: s.spec.numeral, number: s.spec.number }, {
            related: [{ range: first.heading.span.range, message: say(MESSAGES.first) }],
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
      const id = !before ? 'afterOthers' : before.spec.number > s.spec.number ? 'before' : 'after';
      findings.push(
        finding(
          this,
          s.heading.span.range,
          id,
          { heading: s.heading.span.text, numeral: s.spec.numeral, number: s.spec.number, other: before?.spec.numeral ?? '', otherNumber: before?.spec.number ?? '' },
          { data: { section: s.spec.number } },
        ),
      );
    });
    return findings;
  },
});
