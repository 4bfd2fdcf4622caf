/**
 * overview-length (local requirement, off by default): 总体情况 no longer than
 * a province's notice allows (about 1000 characters, in one example).
 */
import { defineCheck, finding, optionsFor } from './check';
import { defineMessages } from './messages';

const MESSAGES = defineMessages({
  tooLong: { zh: '“一、总体情况”共 {count} 字，超过本地要求的 {max} 字', en: 'Section I (overview) has {count} characters, more than the {max} the local notice allows' },
});

const OPTIONS = {
  maxChars: { type: 'integer', minimum: 100, default: 1000, docs: { zh: '总体情况最多的字数（不计空白）', en: 'The most characters the overview may have (whitespace not counted)' } },
} as const;

export const overviewLength = defineCheck({
  code: 'overview-length',
  severity: 'warning',
  tag: 'official',
  optional: true,
  title: { zh: '总体情况超过本地字数要求', en: 'Overview longer than the local limit' },
  docs: {
    zh: '本地要求（默认关闭）：有的省份通知规定“总体情况”不超过一定字数（如 1000 字）。统计第一部分正文的字数（不计空白和标题），超过选项 maxChars 时在标题上提示。',
    en: 'A local requirement (off by default): some provinces limit the overview to so many characters (1000, say). The characters of section I’s prose are counted (whitespace and the heading aside); more than the option maxChars is reported on the heading.',
  },
  messages: MESSAGES,
  fixes: [],
  options: OPTIONS,
  run(report, context) {
    const { maxChars } = optionsFor(this.code, OPTIONS, context);
    const section = report.sections.find((s) => s.spec.number === 1);
    if (!section) return [];
    const text = report.prose.filter((p) => p.section === section && p.span.start > section.heading.span.end).map((p) => p.span.text).join('');
    const count = [...text.replace(/[\s\u3000]/g, '')].length;
    if (count <= maxChars) return [];
    return [finding(this, section.heading.span.range, 'tooLong', { count, max: maxChars }, { data: { count, max: maxChars } })];
  },
});
