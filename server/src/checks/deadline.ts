/** deadline: the report was issued in time (条例 第四十九条). */
import type { Report } from '../model/report';
import { findIssueDate, formatDate, reportYear } from '../parse/dates';
import { isGovernmentUnit } from '../parse/units';
import { defineCheck, finding, optionsFor } from './check';
import { defineMessages } from './messages';

const MESSAGES = defineMessages({
  late: {
    zh: '落款日期 {date} 晚于发布期限 {due}（{who}，条例第四十九条）',
    en: 'The issue date {date} is after the deadline {due} ({who}, Article 49)',
  },
  government: { zh: '县级以上人民政府的年度报告', en: 'a county-or-higher government’s report' },
  department: { zh: '政府部门的年度报告', en: 'a department’s report' },
});

/** Who publishes the report, and the last day of publication of each (条例 第四十九条; a local notice may set earlier days). */
const OPTIONS = {
  publisher: {
    type: 'enum',
    values: ['auto', 'department', 'government'],
    default: 'auto',
    docs: {
      zh: '发布主体：department（政府部门）、government（县级以上人民政府）或 auto（按标题中的单位名称判断）',
      en: 'Who publishes: department, government (county or higher), or auto (read from the unit in the title)',
    },
  },
  departmentDeadline: {
    type: 'monthDay',
    default: '01-31',
    docs: { zh: '政府部门的发布期限（次年），默认 1月31日；地方通知可定得更早，如 "01-26"', en: 'The deadline of a department (the next year), 31 January by default; a local notice may set an earlier day, e.g. "01-26"' },
  },
  governmentDeadline: {
    type: 'monthDay',
    default: '03-31',
    docs: { zh: '县级以上人民政府的发布期限（次年），默认 3月31日', en: 'The deadline of a county-or-higher government (the next year), 31 March by default' },
  },
} as const;

/** Who publishes the report: the option, or in 'auto' the unit name. */
function publisherOf(report: Report, setting: 'auto' | 'department' | 'government', issuer?: string): 'department' | 'government' | undefined {
  if (setting !== 'auto') return setting;
  const unit = report.title?.unit ?? issuer;
  if (!unit) return undefined;
  return isGovernmentUnit(unit) ? 'government' : 'department';
}

export const deadline = defineCheck({
  code: 'deadline',
  severity: 'information',
  tag: 'official',
  title: { zh: '发布晚于法定期限', en: 'Issued after the deadline' },
  docs: {
    zh:
      '条例第四十九条：政府部门应在每年1月31日前公布上一年度的年度报告，县级以上人民政府（本级政府的报告）应在3月31日前公布。落款日期晚于期限时提示，消息给出日期和期限。' +
      '发布主体由选项 publisher 决定：department（部门）、government（县级以上人民政府）或 auto（默认）。auto 按标题中的单位名称判断：以“人民政府”结尾（不含办公室、乡镇人民政府）或只写地名（如“文水县”）的按人民政府，其余按部门。' +
      '地方通知规定了更早的期限时，用选项 departmentDeadline、governmentDeadline 设定（如 "01-26"）。',
    en:
      'Article 49 of the Regulations: departments publish last year’s report by 31 January, a county-or-higher government its own report by 31 March. An issue date after the deadline is reported with the date and the deadline. ' +
      'The option publisher decides who publishes: department, government, or auto (default), which reads the unit in the title: a name ending in 人民政府 (not an office, not a township) or a bare place name (文水县) is a government, anything else a department. ' +
      'When a local notice sets earlier days, set them with departmentDeadline and governmentDeadline (e.g. "01-26").',
  },
  messages: MESSAGES,
  fixes: [],
  options: OPTIONS,
  run(report, context) {
    const options = optionsFor(this.code, OPTIONS, context);
    const year = reportYear(report);
    const issued = findIssueDate(report);
    if (year === undefined || !issued || issued.year !== year + 1) return [];
    const publisher = publisherOf(report, options.publisher, issued.issuer);
    if (!publisher) return [];
    const limit = publisher === 'government' ? options.governmentDeadline : options.departmentDeadline;
    if (issued.month < limit.month || (issued.month === limit.month && issued.day <= limit.day)) return [];
    const due = `${year + 1}年${limit.month}月${limit.day}日`;
    return [
      finding(this, issued.span.range, 'late', { date: formatDate(issued), due, who: MESSAGES[publisher] }, {
        data: { date: formatDate(issued), deadline: due, publisher },
      }),
    ];
  },
});
