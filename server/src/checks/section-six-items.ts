/**
 * section-six-items (local requirement, off by default): 六、其他需要报告的事项
 * covers each item a province's notice names (by default 信息处理费收取情况,
 * 人大代表建议和政协委员提案办理结果公开, 年度政务公开工作要点落实情况).
 */
import type { Finding } from '../model/report';
import { defineCheck, finding, optionsFor } from './check';
import { alternatives } from './options';
import { defineMessages } from './messages';

const MESSAGES = defineMessages({
  missing: { zh: '“六、其他需要报告的事项”没有写{item}（本地要求）', en: 'Section VI (other matters) says nothing of {item} (a local requirement)' },
});

const OPTIONS = {
  items: {
    type: 'strings',
    default: ['信息处理费', '建议/提案', '工作要点'],
    docs: {
      zh: '第六部分须写到的事项，按关键词查找；一项的几种写法用“/”分隔（如 "建议/提案"）',
      en: 'The matters section VI must cover, found by keyword; several wordings of one item are separated by “/”',
    },
  },
} as const;

export const sectionSixItems = defineCheck({
  code: 'section-six-items',
  severity: 'warning',
  tag: 'heuristic',
  optional: true,
  title: { zh: '第六部分缺少本地要求的事项', en: 'Section VI lacks a locally required item' },
  docs: {
    zh: '本地要求（默认关闭）：有的省份要求第六部分写明信息处理费收取情况、人大代表建议和政协委员提案办理结果公开情况、年度政务公开工作要点落实情况等。某一事项的关键词在第六部分中一个也没有出现时，在该部分标题上提示。事项由选项 items 设定。',
    en: 'A local requirement (off by default): some provinces require section VI to state the fees charged, the publication of how deputies’ suggestions and members’ proposals were handled, how the year’s work points were carried out, and so on. An item none of whose keywords appears in section VI is reported on its heading. The option items sets them.',
  },
  messages: MESSAGES,
  fixes: [],
  options: OPTIONS,
  run(report, context) {
    const { items } = optionsFor(this.code, OPTIONS, context);
    const section = report.sections.find((s) => s.spec.number === 6);
    if (!section) return [];
    const text = report.prose.filter((p) => p.section === section).map((p) => p.span.text).join('\n');
    const findings: Finding[] = [];
    for (const item of items) {
      const words = alternatives(item);
      if (!words.some((w) => text.includes(w))) findings.push(finding(this, section.heading.span.range, 'missing', { item: words.join('、') }, { data: { item } }));
    }
    return findings;
  },
});
