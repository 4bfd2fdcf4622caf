/** The words the exports add to a report (the review copy's list of findings), in both languages. */
import { defineMessages, say } from '../checks/messages';
import type { Text } from '../format/standard';
import type { Severity } from '../model/report';

export const EXPORT = defineMessages({
  findingsHeading: { zh: '审查意见', en: 'Review findings' },
  findingsIntro: {
    zh: '共 {count} 处问题（错误 {errors}，警告 {warnings}）。表格和正文中以序号标出，以下按序号列出位置和问题。',
    en: '{count} findings ({errors} errors, {warnings} warnings), numbered where they stand in the tables and text and listed below with their place.',
  },
  tableMarked: { zh: '下表有问题，见文末审查意见：', en: 'The table below has findings, listed at the end:' },
  noFindings: { zh: '未发现问题。', en: 'No findings.' },
  wholeReport: { zh: '全文', en: 'the whole report' },
  item: { zh: '{where} · {message}（{severity}）', en: '{where} · {message} ({severity})' },
  author: { zh: 'Nianbao 年报检查', en: 'Nianbao' },
  marker: { zh: '问题 {number}', en: 'Finding {number}' },
});

const SEVERITY_WORDS: Readonly<Record<Severity, Text>> = {
  error: { zh: '错误', en: 'error' },
  warning: { zh: '警告', en: 'warning' },
  information: { zh: '提示', en: 'information' },
  hint: { zh: '建议', en: 'hint' },
};

/** The review copy's words above its list, and one finding's line in it. */
export function findingsIntro(findings: readonly { severity: Severity }[]): Text {
  if (!findings.length) return EXPORT.noFindings;
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return say(EXPORT.findingsIntro, { count: findings.length, errors: count('error'), warnings: count('warning') });
}

export const findingLine = (finding: { where?: Text; message: Text; severity: Severity }): Text =>
  say(EXPORT.item, { where: finding.where ?? EXPORT.wholeReport, message: finding.message, severity: SEVERITY_WORDS[finding.severity] });
