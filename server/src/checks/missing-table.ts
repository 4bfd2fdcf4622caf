/** missing-table: sections 二, 三 and 四 each hold their standard table. */
import { TABLES, tableTitle } from '../format/standard';
import { renderTable } from '../format/render';
import type { Finding } from '../model/report';
import { defineCheck, finding, fix } from './check';
import { defineMessages } from './messages';

const MESSAGES = defineMessages({
  missing: { zh: '第{numeral}部分下没有读到{table}', en: 'No {table} could be read under section {number}' },
  insert: { zh: '插入标准{table}（待填写）', en: 'Insert the standard {table} (to fill in)' },
});

export const missingTable = defineCheck({
  code: 'missing-table',
  severity: 'error',
  tag: 'official',
  title: { zh: '缺少标准表格', en: 'Missing standard table' },
  docs: {
    zh: '第二、三、四部分各有一张标准表格。该节下读不到表格时，在节标题处提示；快速修复在标题下插入空白的标准表格，数字留待填写。',
    en: 'Sections II, III and IV each hold a standard table. When none can be read under the heading, the heading is marked; the quick fix inserts the standard table with its numbers left to fill in.',
  },
  messages: MESSAGES,
  run(report) {
    const findings: Finding[] = [];
    for (const section of report.sections) {
      const id = section.spec.table;
      if (!id || report.tables[id]) continue;
      if (report.sections.find((s) => s.spec.number === section.spec.number) !== section) continue;
      const end = section.heading.span.range.end;
      const words = { numeral: section.spec.numeral, number: section.spec.number, table: tableTitle(id) };
      const eol = report.eol;
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
