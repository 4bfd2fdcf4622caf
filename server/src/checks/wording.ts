/** Wording checks: label-deviation, old-format, and what the reader could not read (table-read). */
import { FORMAT_2021_FIRST_YEAR, OLD_FORMAT_MARKERS } from '../format/standard';
import type { Finding, LabelRead, Report, TextEdit } from '../model/report';
import { finding, type Check } from './check';
import { TABLE_NAMES } from './tables';

export const labelDeviation: Check = {
  code: 'label-deviation',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '措辞与标准不符', en: 'Wording differs from the standard' },
  docs: {
    zh: '节标题、表格行名和列名与标准格式的措辞不同：错字（本年度止件数、其他法律行政止公开、行政法复议）或旧的、变体的说法（社会团体→社会公益组织）。仍按相近的标准行识别，不影响核对；快速修复改为标准措辞。',
    en: 'A section heading or a table label departs from the standard wording: a typo, or an older or variant wording. It is still read as the nearest standard label; the quick fix writes the canonical text.',
  },
  run(report) {
    const labels: LabelRead[] = [
      ...report.sections.map((s) => s.heading),
      ...Object.values(report.tables).flatMap((t) => t?.labels ?? []),
    ];
    const seen = new Set<number>();
    const findings: Finding[] = [];
    for (const label of labels) {
      if (!label.deviates || seen.has(label.span.start)) continue;
      seen.add(label.span.start);
      const canonical = label.canonical;
      const edit = labelEdit(report, label);
      findings.push(
        finding(
          this,
          label.span.range,
          { zh: `“${label.span.text}”应写作“${label.canonical}”`, en: `“${label.span.text}” should read “${label.canonical}”` },
          {
            data: { canonical: label.canonical },
            fixes: edit
              ? [{ title: { zh: `改为“${canonical}”`, en: `Change to “${canonical}”` }, kind: 'quickfix', preferred: true, edits: [edit] }]
              : [],
          },
        ),
      );
    }
    return findings;
  },
};

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

export const oldFormat: Check = {
  code: 'old-format',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '使用了 2019 年旧格式', en: 'Old 2019 format' },
  docs: {
    zh: '2021 年及以后的年报必须使用国办公开办函〔2021〕30号的格式。用了 2019 年试行格式（国办公开办函〔2019〕60号：本年新制作数量／对外公开总数量、上一年项目数量／本年增／减、其他对外管理服务事项、第二十条第（九）项、只有一行的（六）其他处理）时提示，并列出找到的标志。2019、2020 年度的报告按 2019 年格式读取和核对，不提示。',
    en: 'Reports for 2021 onwards use the 2021 format. A report laid out in the 2019 trial format is flagged, listing the markers found. A 2019 or 2020 report in that format is read with the 2019 rows and checked, not flagged.',
  },
  run(report) {
    const markers = report.oldFormatMarkers.map((m) => m.text);
    const t3 = report.tables.t3;
    const singleOther = t3?.rows.get('otherHandling');
    if (singleOther) markers.push('（六）其他处理（单行）');
    if (markers.length === 0) return [];
    const year = report.title?.year;
    if (year !== undefined && year < FORMAT_2021_FIRST_YEAR) return [];
    const first = report.oldFormatMarkers[0]?.range ?? singleOther?.label.span.range ?? report.title?.span.range;
    if (!first) return [];
    const known = new Set(OLD_FORMAT_MARKERS.map((m) => m.text));
    return [
      finding(
        this,
        first,
        {
          zh: `${year ? `${year}年度` : '本'}报告应使用国办公开办函〔2021〕30号格式，但用了 2019 年格式的内容：${[...new Set(markers)].join('、')}`,
          en: `A ${year ?? ''} report must use the 2021 format, but 2019-format content was found: ${[...new Set(markers)].join(', ')}`,
        },
        {
          related: report.oldFormatMarkers.slice(1).map((m) => ({ range: m.range, message: { zh: `旧格式：${m.text}`, en: `2019 format: ${m.text}` } })),
          data: { markers: [...new Set(markers)], known: [...known].length },
        },
      ),
    ];
  },
};

export const tableRead: Check = {
  code: 'table-read',
  severity: 'warning',
  tag: 'derived',
  title: { zh: '表格有读不准的行', en: 'Table row could not be read' },
  docs: {
    zh: '粘贴来的表格有时缺格、多格，相邻格的数字粘在一起（713000074），或者行名与数字错位（从 PDF 复制）。能由表格自身的勾稽关系唯一确定时照此读取，并以“信息”级别提示读出的数；不能确定时如实报告（警告），该行不读取，不猜测。“转换为标准表格”可把读出的数写成标准表格。',
    en: 'Pasted tables sometimes lose or gain cells, glue neighbouring digits together (713000074), or separate labels from their numbers (PDF copies). Where the table’s own arithmetic makes the reading unique it is used and reported as information, with the numbers; otherwise the row is reported as unreadable (a warning) and not read — never guessed. “Convert to the standard table” writes out what was read.',
  },
  run(report) {
    return Object.values(report.tables).flatMap((table) =>
      (table?.problems ?? []).map((p) =>
        finding(this, p.span.range, { zh: `${TABLE_NAMES[table!.id].zh}：${p.message.zh}`, en: `${TABLE_NAMES[table!.id].en}: ${p.message.en}` }, {
          data: { table: table!.id, kind: p.kind, row: p.rowKey, ...(p.recovered ? { recovered: p.recovered } : {}) },
          // A reading recovered from the arithmetic is information (the numbers are read, and the
          // message gives them); a row that could not be read is a warning.
          ...(p.recovered ? { severity: 'information' as const } : {}),
        }),
      ),
    );
  },
};
