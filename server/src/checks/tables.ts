/** Checks that the standard tables and their rows are there: missing-table, missing-row. */
import { SECTIONS, T3_ROWS, TABLE2, type TableId } from '../format/standard';
import { RENDERERS } from '../format/render';
import type { Finding, Report } from '../model/report';
import { finding, type Check } from './check';

export const TABLE_NAMES: Record<TableId, { zh: string; en: string }> = {
  t2: { zh: '表二（主动公开政府信息情况）', en: 'Table 2 (proactive disclosure)' },
  t3: { zh: '表三（收到和处理政府信息公开申请情况）', en: 'Table 3 (requests received and handled)' },
  t4: { zh: '表四（行政复议、行政诉讼情况）', en: 'Table 4 (reconsideration and litigation)' },
};

export const missingTable: Check = {
  code: 'missing-table',
  severity: 'error',
  tag: 'official',
  title: { zh: '缺少标准表格', en: 'Missing standard table' },
  docs: {
    zh: '第二、三、四部分各有一张标准表格。该节下读不到表格时，在节标题处提示；快速修复在标题下插入空白的标准表格（数字为 0）。',
    en: 'Sections II, III and IV each hold a standard table. When none can be read under the heading, the heading is marked; the quick fix inserts the standard table, filled with 0.',
  },
  run(report) {
    const findings: Finding[] = [];
    for (const section of report.sections) {
      const id = section.spec.table;
      if (!id || report.tables[id]) continue;
      if (report.sections.find((s) => s.spec.number === section.spec.number) !== section) continue;
      const end = section.heading.span.range.end;
      findings.push(
        finding(
          this,
          section.heading.span.range,
          { zh: `第${section.spec.numeral}部分下没有读到${TABLE_NAMES[id].zh}`, en: `No ${TABLE_NAMES[id].en} could be read under section ${section.spec.number}` },
          {
            data: { table: id },
            fixes: [
              {
                title: { zh: `插入标准${TABLE_NAMES[id].zh}`, en: `Insert the standard ${TABLE_NAMES[id].en}` },
                kind: 'quickfix',
                preferred: true,
                edits: [{ range: { start: end, end }, newText: `\n\n${RENDERERS[id]()}\n` }],
              },
            ],
          },
        ),
      );
    }
    return findings;
  },
};

/** The rows each table must have, from the format data. */
export function expectedRows(report: Report, id: TableId): { key: string; label: string }[] {
  if (id === 't2') return TABLE2.blocks.flatMap((b) => b.rows.map((r) => ({ key: r.key, label: r.label })));
  if (id === 't3') {
    const table = report.tables.t3;
    // The 2019 layout's single （六）其他处理 row stands for its three items.
    const single = table?.rows.has('otherHandling');
    return T3_ROWS.filter((r) => !(single && r.group === 'otherHandling')).map((r) => ({ key: r.key, label: r.label }));
  }
  return [];
}

export const missingRow: Check = {
  code: 'missing-row',
  severity: 'error',
  tag: 'official',
  title: { zh: '表格缺行', en: 'Missing table row' },
  docs: {
    zh: '按行名（而不是位置）核对表二、表三的每一个标准行。行名的全角半角、空格、“1.”与“1、”不影响识别；错字按相近行名识别并另行提示。缺行时在表格所在位置提示。',
    en: 'Every standard row of Tables 2 and 3 is looked up by its label (never by position). Width of brackets, spaces and numbering style do not matter; typos are matched to the nearest label and reported separately.',
  },
  run(report) {
    const findings: Finding[] = [];
    for (const id of ['t2', 't3'] as TableId[]) {
      const table = report.tables[id];
      if (!table) continue;
      for (const row of expectedRows(report, id)) {
        if (table.rows.has(row.key)) continue;
        const at = report.positionAt(table.start);
        findings.push(
          finding(
            this,
            { start: at, end: report.positionAt(report.offsetAt({ line: at.line + 1, character: 0 }) - 1) },
            { zh: `${TABLE_NAMES[id].zh}缺少“${row.label}”一行`, en: `${TABLE_NAMES[id].en} has no row “${row.label}”` },
            { data: { table: id, row: row.key } },
          ),
        );
      }
    }
    return findings;
  },
};

export { SECTIONS };
