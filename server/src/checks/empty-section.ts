/** empty-section: section 五 or 六 left empty, or holding only 无. */
import type { Finding, ProseBlock, Report } from '../model/report';
import { findIssueDate } from '../parse/dates';
import { linesAt } from '../parse/text';
import { defineCheck, finding } from './check';
import { defineMessages, say } from './messages';

const ROMAN = ['', 'I', 'II', 'III', 'IV', 'V', 'VI'];
/** The sections that are all prose and must say something. */
const PROSE_SECTIONS = [5, 6];
/** A body that says nothing: 无, 暂无, 没有 (punctuation aside). */
const NOTHING = /^(?:无|暂无|没有|无内容)?$/;
/** A line naming an issuing body (the signature above the date). */
const ISSUER = /(?:政府|办公室|局|委员会|委|院|厅|部|处|中心|镇|乡|街道办事处|管委会|署|所|站|队|公司)$/;

const MESSAGES = defineMessages({
  empty: { zh: '第{numeral}部分没有内容，应写明{what}', en: 'Section {roman} is empty; it should state {what}' },
  nothing: { zh: '第{numeral}部分只写了“{text}”，应如实写明{what}', en: 'Section {roman} says only “{text}”; it should state {what}' },
  problems: { zh: '存在的主要问题和改进措施', en: 'the main problems and what is done about them' },
  matters: { zh: '需要报告的事项（至少说明信息处理费收取情况）', en: 'the other matters (at least whether information-processing fees were charged)' },
  all: { zh: '该部分的全部内容', en: 'All the section holds' },
});

/** The section's own text: its prose without the signature and the date at the end. */
function bodyText(report: Report, blocks: ProseBlock[]): string {
  const issued = findIssueDate(report);
  let text = '';
  for (const block of blocks) {
    linesAt(block.span.text, block.span.start).forEach(({ text: line, start }, i) => {
      if (issued && start <= issued.span.start && issued.span.start <= start + line.length) return;
      // The issuing body's line just above the date.
      if (issued && start < issued.span.start) {
        const between = report.text.slice(start + line.length, issued.span.start);
        const trimmed = line.trim();
        if (!between.trim() && trimmed.length <= 40 && ISSUER.test(trimmed) && !/[。，；]/.test(trimmed)) return;
      }
      text += (i ? '\n' : '') + line;
    });
    text += '\n';
  }
  return text;
}

export const emptySection = defineCheck({
  code: 'empty-section',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '章节内容为空', en: 'Empty section' },
  docs: {
    zh: '第五部分“存在的主要问题及改进情况”和第六部分“其他需要报告的事项”不能空着，也不宜只写一个“无”：第五部分应写明问题和改进措施，第六部分至少应说明信息处理费收取情况（没有其他事项可写“本年度无其他需要报告的事项”）。文末的落款单位和日期不算正文。提示标在节标题上。',
    en: 'Sections V (problems and improvements) and VI (other matters) are never left empty or just 无: section V names problems and remedies, section VI at least states whether fees were charged (“本年度无其他需要报告的事项” when there is nothing else). The issuing body and date at the end do not count. The finding sits on the heading.',
  },
  messages: MESSAGES,
  fixes: [],
  run(report) {
    const findings: Finding[] = [];
    for (const section of report.sections) {
      if (!PROSE_SECTIONS.includes(section.spec.number)) continue;
      const blocks = report.prose.filter((p) => p.section === section);
      const text = bodyText(report, blocks).replace(/[\s\u3000*#>。.，,；;：:！!、]/g, '');
      if (!NOTHING.test(text)) continue;
      const only = blocks.length ? blocks[0] : undefined;
      const what = section.spec.number === 5 ? MESSAGES.problems : MESSAGES.matters;
      const args = { numeral: section.spec.numeral, roman: ROMAN[section.spec.number], text, what };
      findings.push(
        finding(this, section.heading.span.range, text ? 'nothing' : 'empty', args, {
          related: text && only ? [{ range: only.span.range, message: say(MESSAGES.all) }] : [],
          data: { section: section.spec.number, text },
        }),
      );
    }
    return findings;
  },
});
