/** Cell checks: cell-blank, cell-invalid. */
import type { Cell, Finding, ReadTable, Report } from '../model/report';
import { finding, setCellEdit, type Check } from './check';
import { TABLE_NAMES } from './tables';

function cellsOf(table: ReadTable): { rowLabel: string; cell: Cell }[] {
  return [...table.rows.values()].flatMap((row) => row.cells.map((cell) => ({ rowLabel: row.label.canonical, cell })));
}

/** A table whose every cell is blank was left unfilled: one finding, not one per cell. */
export function isUnfilled(table: ReadTable): boolean {
  const cells = cellsOf(table).filter((c) => c.cell.state !== 'missing');
  return cells.length > 0 && cells.every((c) => c.cell.state === 'blank');
}

/** The table's first line: where a finding about the whole table sits. */
function firstLine(report: Report, table: ReadTable) {
  const line = table.range.start.line;
  const end = report.text.indexOf('\n', table.start);
  return { start: { line, character: 0 }, end: report.positionAt(end < 0 ? report.text.length : end) };
}

export const cellBlank: Check = {
  code: 'cell-blank',
  severity: 'warning',
  tag: 'official',
  title: { zh: '空白单元格', en: 'Blank cell' },
  docs: {
    zh: '数字格不能空着，也不能用“/”“—”“-”“无”代替：没有就填 0。快速修复填入 0。整张表都没填时，只在表格上提示一次。',
    en: 'A number cell is never left blank, nor filled with /, —, - or 无: write 0. The quick fix fills in 0. A table left entirely unfilled gets one finding on the table.',
  },
  run(report: Report) {
    const findings: Finding[] = [];
    for (const table of Object.values(report.tables)) {
      if (!table) continue;
      if (isUnfilled(table)) {
        const edits = cellsOf(table).map((c) => setCellEdit(c.cell, 0)).filter((e) => !!e);
        findings.push(
          finding(this, firstLine(report, table), { zh: `${TABLE_NAMES[table.id].zh}尚未填写`, en: `${TABLE_NAMES[table.id].en} has not been filled in` }, {
            data: { table: table.id, unfilled: true },
            fixes: [{ title: { zh: '全部填 0', en: 'Fill every cell with 0' }, kind: 'quickfix', edits }],
          }),
        );
        continue;
      }
      for (const { rowLabel, cell } of cellsOf(table)) {
        if (cell.state !== 'blank' || !cell.span) continue;
        const edit = setCellEdit(cell, 0);
        const shown = cell.span.text.trim();
        findings.push(
          finding(
            this,
            cell.span.range,
            {
              zh: `“${rowLabel}”一行有${shown ? `“${shown}”` : '空白'}单元格：没有请填 0`,
              en: `Row “${rowLabel}” has a ${shown ? `“${shown}”` : 'blank'} cell: write 0 if there were none`,
            },
            { data: { table: table.id }, fixes: edit ? [{ title: { zh: '填入 0', en: 'Fill in 0' }, kind: 'quickfix', preferred: true, edits: [edit] }] : [] },
          ),
        );
      }
    }
    return findings;
  },
};

const PROBLEMS = {
  'not-a-number': { zh: '不是数字', en: 'is not a number' },
  negative: { zh: '是负数', en: 'is negative' },
  fraction: { zh: '是小数，而件数应为整数', en: 'is a fraction, but counts are whole numbers' },
};

export const cellInvalid: Check = {
  code: 'cell-invalid',
  severity: 'error',
  tag: 'official',
  title: { zh: '单元格不是有效数字', en: 'Invalid cell' },
  docs: {
    zh: '件数必须是非负整数；收费金额（万元）可以有小数。全角数字（１２）和千分位（12,608）是有效写法，不算错误。',
    en: 'Counts are non-negative whole numbers; the fee in 万元 may have decimals. Full-width digits and thousands separators are valid.',
  },
  run(report) {
    const findings: Finding[] = [];
    for (const table of Object.values(report.tables)) {
      if (!table) continue;
      for (const { rowLabel, cell } of cellsOf(table)) {
        if (cell.state !== 'invalid' || !cell.span || !cell.problem) continue;
        findings.push(
          finding(this, cell.span.range, {
            zh: `“${rowLabel}”一行的“${cell.span.text}”${PROBLEMS[cell.problem].zh}`,
            en: `In row “${rowLabel}”, “${cell.span.text}” ${PROBLEMS[cell.problem].en}`,
          }, { data: { table: table.id, problem: cell.problem } }),
        );
      }
    }
    return findings;
  },
};
