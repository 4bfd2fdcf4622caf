/**
 * other-document: a document that is not a 政府信息公开工作年度报告 (a
 * 政府网站工作年度报表, a 法治政府建设年度报告, a notice) gets one note that says
 * so, instead of a cascade of missing sections and tables.
 */
import { defineCheck, finding, silencing } from './check';
import { defineMessages } from './messages';

const MESSAGES = defineMessages({
  other: {
    zh: '这份文件是“{title}”，不是政府信息公开工作年度报告，未按年度报告检查。如果它就是年度报告，标题应写作“（机关名称）YYYY年政府信息公开工作年度报告”',
    en: 'This document is “{title}”, not a government information disclosure annual report, so it was not checked as one. If it is the annual report, title it “(organ) YYYY年政府信息公开工作年度报告”',
  },
});

export const otherDocument = defineCheck({
  code: 'other-document',
  severity: 'information',
  tag: 'heuristic',
  title: { zh: '不是政府信息公开工作年度报告', en: 'Not an annual disclosure report' },
  docs: {
    zh:
      '第一行是另一种文件的标题（以“报告”“报表”“总结”“方案”“通知”等结尾，但不是“政府信息公开工作年度报告”），又没有表三的文件，例如政府网站工作年度报表、法治政府建设年度报告，只在标题上提示一次，不报缺少章节和表格。它若确是年度报告，把标题改成“（机关名称）YYYY年政府信息公开工作年度报告”后即按年度报告检查。' +
      silencing('other-document').zh,
    en:
      'A file whose first line is the title of another kind of document (ending in 报告, 报表, 总结, 方案, 通知… but not 政府信息公开工作年度报告) and which has no Table 3 — a 政府网站工作年度报表, a 法治政府建设年度报告 — gets this one note on its title, not a list of missing sections and tables. If it is the annual report, retitle it “(organ) YYYY年政府信息公开工作年度报告” and it is checked as one. ' +
      silencing('other-document').en,
  },
  messages: MESSAGES,
  fixes: [],
  appliesTo: ['other'],
  run(report) {
    if (report.kind.kind !== 'other') return [];
    const title = report.kind.title;
    return [finding(this, title.range, 'other', { title: title.text.replace(/^#+\s*/, '') }, { data: { title: title.text } })];
  },
});
