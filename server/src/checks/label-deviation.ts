/** label-deviation: a section heading or a table label written otherwise than the standard. */
import type { Finding, LabelRead, Report, TextEdit } from '../model/report';
import { defineCheck, finding, fix } from './check';
import { defineMessages } from './messages';

const MESSAGES = defineMessages({
  // The part that differs first (“只记”应为“只计”), then the whole label.
  differs: { zh: '“{from}”应为“{to}”：“{written}”应写作“{canonical}”', en: '“{from}” should be “{to}”: “{written}” should read “{canonical}”' },
  whole: { zh: '“{written}”应写作“{canonical}”', en: '“{written}” should read “{canonical}”' },
  change: { zh: '改为“{canonical}”', en: 'Change to “{canonical}”' },
});

/** A label squashed for comparison (full-width → half-width, no spaces, one kind of quote), with each character's place in the original. */
function squash(text: string): { text: string; at: number[] } {
  let out = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const ch = text[i].normalize('NFKC').replace(/[“”„‟"「」『』]/g, '"').replace(/\s/g, '');
    for (const c of ch) {
      out += c;
      at.push(i);
    }
  }
  return { text: out, at };
}

/**
 * The part of a written label that really differs from the canonical one —
 * width and spacing aside — with a character of context before it (two when
 * one side adds nothing): 只记 / 只计 in （二）部分公开（区分处理的，只记这一情形…）.
 * Undefined when the difference is most of the label (then the whole is named).
 */
function difference(written: string, canonical: string): { from: string; to: string } | undefined {
  const a = squash(written);
  const b = squash(canonical);
  let p = 0;
  while (p < a.text.length && p < b.text.length && a.text[p] === b.text[p]) p++;
  let s = 0;
  while (s < a.text.length - p && s < b.text.length - p && a.text[a.text.length - 1 - s] === b.text[b.text.length - 1 - s]) s++;
  if (p === a.text.length && p === b.text.length) return undefined; // only width or spacing differ
  const context = p === a.text.length - s || p === b.text.length - s ? 2 : 1;
  const from = Math.max(0, p - context);
  const aEnd = a.text.length - s;
  const bEnd = b.text.length - s;
  const part = {
    from: written.slice(a.at[from] ?? written.length, aEnd > from ? a.at[aEnd - 1] + 1 : written.length),
    to: canonical.slice(b.at[from] ?? canonical.length, bEnd > from ? b.at[bEnd - 1] + 1 : canonical.length),
  };
  if (!part.from || part.from.length * 2 > written.length || part.to.length * 2 > canonical.length) return undefined;
  return part;
}

/**
 * The edit that writes a label's canonical text over the label, and over the
 * label only: not the `## ` of a Markdown heading (the label's span starts
 * after it), not the bold marks around it, not a neighbouring cell. A label
 * joined from pieces on several lines (wrapped in a PDF) gets no fix: the
 * text between the pieces is not the label's to replace.
 */
function labelEdit(report: Report, label: LabelRead): TextEdit | undefined {
  const { span } = label;
  if (span.range.start.line !== span.range.end.line) return undefined;
  if (report.text.slice(span.start, span.end) !== span.text) return undefined;
  let start = span.start;
  let end = span.end;
  while (start < end && /[*_`]/.test(report.text[start])) start++;
  while (end > start && /[*_`]/.test(report.text[end - 1])) end--;
  if (start === end) return undefined;
  return { range: { start: report.positionAt(start), end: report.positionAt(end) }, newText: label.canonical };
}

export const labelDeviation = defineCheck({
  code: 'label-deviation',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '措辞与标准不符', en: 'Wording differs from the standard' },
  docs: {
    zh: '节标题、表格行名和列名与标准格式的措辞不同：错字（本年度止件数、其他法律行政止公开、行政法复议、予以公布）或旧的、变体的说法（社会团体→社会公益组织）。仍按相近的标准行识别，数字照常读取和核对；一个标准行不见了、而它的位置上有一行行名相近的，就是这一行写错了字。消息先指出写错的那几个字，快速修复只改行名、不动数字。行名后面括号里的填报说明（有的省份模板写成“（一）予以公开（填报本年度予以公开的申请数）”“现行有效件数（截至本年底）”）不算措辞不符：去掉说明后按行名识别，不提示；标准行名本身带的括号（“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”“本年收费金额（单位：万元）”）仍须写对。',
    en: 'A section heading or a table label departs from the standard wording: a typo, or an older or variant wording. It is still read as the nearest standard label and its numbers are read and checked; a standard row that is absent, with a row of a close label in its place, is that row with a typo. The message names the differing characters first; the quick fix rewrites the label only, never the numbers. A note in brackets after a label (a provincial template’s filling instructions: “（一）予以公开（填报本年度予以公开的申请数）”, “现行有效件数（截至本年底）”) is no deviation: the label is read without it and nothing is reported; a bracket that belongs to the standard label itself (（二）部分公开（区分处理的…）, 本年收费金额（单位：万元）) must still be right.',
  },
  messages: MESSAGES,
  fixes: ['change'],
  run(report) {
    const labels: LabelRead[] = [...report.sections.map((s) => s.heading), ...Object.values(report.tables).flatMap((t) => t?.labels ?? [])];
    const seen = new Set<number>();
    const findings: Finding[] = [];
    for (const label of labels) {
      if (!label.deviates || seen.has(label.span.start)) continue;
      seen.add(label.span.start);
      const part = difference(label.span.text, label.canonical);
      const args = { written: label.span.text, canonical: label.canonical, ...(part ?? {}) };
      findings.push(
        finding(this, label.span.range, part ? 'differs' : 'whole', args, {
          data: { canonical: label.canonical, written: label.span.text },
          fixes: [fix(this, 'change', { canonical: label.canonical }, [labelEdit(report, label)], { preferred: true, fixAll: true })],
        }),
      );
    }
    return findings;
  },
});
