/** missing-table: sections 二, 三 and 四 each hold their standard table. */
import { TABLES, tableTitle, type TableId } from '../format/standard';
import { renderTable } from '../format/render';
import type { Finding } from '../model/report';
import { TABLE_LABELS, TABLE_LABELS_2019, matchLabel } from '../parse/labels';
import { normalizeLabel } from '../parse/text';
import { defineCheck, finding, fix } from './check';
import { defineMessages } from './messages';

const MESSAGES = defineMessages({
  missing: { zh: '第{numeral}部分下没有读到{table}', en: 'No {table} could be read under section {number}' },
  headerOnly: {
    zh: '第{numeral}部分下只有{table}的表头，没有读到它的数据行：请按标准表格补全各行',
    en: 'Section {number} holds the header of {table} but none of its rows: complete the rows as in the standard table',
  },
  insert: { zh: '插入标准{table}（待填写）', en: 'Insert the standard {table} (to fill in)' },
});

/**
 * Whether a section holds a line of the table's header — its column labels
 * (自然人, 本年制发件数, 结果维持 …; Table 2's of 2019 too: 本年新制作数量) or
 * its corner note — not prose that names them.
 */
function hasHeader(text: string, id: TableId): boolean {
  const labels = id === 't2' ? [...TABLE_LABELS.t2, ...TABLE_LABELS_2019.t2] : TABLE_LABELS[id];
  const columns = labels.filter((c) => c.role === 'column' && c.canonical.length >= 3);
  const headers = labels.filter((c) => c.role === 'column' || c.role === 'header' || c.role === 'note');
  return text.split(/\r\n|\r|\n/).some((line) => {
    if (matchLabel(line.trim(), headers)) return true;
    if (!/[|\t]/.test(line) && line.trim().length > 20) return false;
    const compact = normalizeLabel(line);
    return columns.some((c) => c.forms.some((f) => compact.includes(f)));
  });
}

export const missingTable = defineCheck({
  code: 'missing-table',
  severity: 'error',
  tag: 'official',
  title: { zh: '缺少标准表格', en: 'Missing standard table' },
  docs: {
    zh: '第二、三、四部分各有一张标准表格。该节下读不到表格时，在节标题处提示；快速修复在标题下插入空白的标准表格，数字留待填写。只有表头、没有数据行时（粘贴不全），提示补全各行，不再插入第二张表。',
    en: 'Sections II, III and IV each hold a standard table. When none can be read under the heading, the heading is marked; the quick fix inserts the standard table with its numbers left to fill in. When only the header is there (a paste cut short), the message asks for the rows and no second table is inserted.',
  },
  messages: MESSAGES,
  fixes: ['insert'],
  run(report) {
    const findings: Finding[] = [];
    for (const section of report.sections) {
      const id = section.spec.table;
      if (!id || report.tables[id]) continue;
      if (report.sections.find((s) => s.spec.number === section.spec.number) !== section) continue;
      const end = section.heading.span.range.end;
      const words = { numeral: section.spec.numeral, number: section.spec.number, table: tableTitle(id) };
      const eol = report.eol;
      // A header without rows (a paste cut short) is completed by the clerk: a second table beside it would be worse.
      if (hasHeader(report.text.slice(section.heading.span.end, section.end), id)) {
        findings.push(finding(this, section.heading.span.range, 'headerOnly', words, { data: { table: id, headerOnly: true } }));
        continue;
      }
      findings.push(
        finding(this, section.heading.span.range, 'missing', words, {
          data: { table: id },
          fixes: [
            fix(this, 'insert', { table: TABLES[id].short }, [{ range: { start: end, end }, newText: `${eol}${eol}${renderTable(id).replace(/\n/g, eol)}${eol}` }], {
              preferred: true,
              leaves: ['cell-blank'],
            }),
          ],
        }),
      );
    }
    return findings;
  },
});
