/** missing-row: every standard row of Tables 2 and 3 is there, found by its label. */
import { T3_ROWS, TABLE2, tableTitle, type TableId } from '../format/standard';
import type { Finding, ReadTable, Report } from '../model/report';
import { defineCheck, finding } from './check';
import { defineMessages } from './messages';

const MESSAGES = defineMessages({
  missingBefore: { zh: '{table}缺少“{row}”一行（应在“{next}”之前）', en: '{table} has no row “{row}” (it belongs before “{next}”)' },
  missingAfter: { zh: '{table}缺少“{row}”一行（应在“{previous}”之后）', en: '{table} has no row “{row}” (it belongs after “{previous}”)' },
});

/** The rows each table must have, in order, from the format data. */
function expectedRows(report: Report, id: TableId): { key: string; label: string }[] {
  if (id === 't2') return TABLE2.blocks.flatMap((b) => b.rows.map((r) => ({ key: r.key, label: r.label })));
  if (id === 't3') {
    // The 2019 layout's single （六）其他处理 row stands for its three items.
    const single = report.tables.t3?.rows.has('otherHandling');
    return T3_ROWS.filter((r) => !(single && r.group === 'otherHandling')).map((r) => ({ key: r.key, label: r.label }));
  }
  return [];
}

export const missingRow = defineCheck({
  code: 'missing-row',
  severity: 'error',
  tag: 'official',
  title: { zh: '表格缺行', en: 'Missing table row' },
  docs: {
    zh: '按行名（而不是位置）核对表二、表三的每一个标准行。行名的全角半角、空格、“1.”与“1、”不影响识别；错字按相近行名识别并另行提示。缺行时提示标在它应在的位置：下一行的行名上（或表末的上一行）。',
    en: 'Every standard row of Tables 2 and 3 is looked up by its label (never by position). Width of brackets, spaces and numbering style do not matter; typos are matched to the nearest label and reported separately. A missing row is marked where it belongs: on the label of the row that should follow it (or, at the end, the one before).',
  },
  messages: MESSAGES,
  fixes: [],
  run(report) {
    const findings: Finding[] = [];
    for (const id of ['t2', 't3'] as TableId[]) {
      const table = report.tables[id];
      if (!table) continue;
      const rows = expectedRows(report, id);
      rows.forEach((row, i) => {
        if (table.rows.has(row.key)) return;
        const next = rows.slice(i + 1).find((r) => table.rows.has(r.key));
        const previous = rows.slice(0, i).reverse().find((r) => table.rows.has(r.key));
        const at = next ?? previous;
        const range = at ? labelRange(table, at.key) : { start: table.range.start, end: table.range.start };
        findings.push(
          finding(this, range, next ? 'missingBefore' : 'missingAfter', { table: tableTitle(id), row: row.label, next: next?.label ?? '', previous: previous?.label ?? '' }, {
            data: { table: id, row: row.key },
          }),
        );
      });
    }
    return findings;
  },
});

function labelRange(table: ReadTable, key: string) {
  return table.rows.get(key)!.label.span.range;
}
