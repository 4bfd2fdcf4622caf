/** cell-blank: a number cell left blank, or holding a placeholder (/ — - 无). */
import { tableTitle } from '../format/standard';
import type { Finding } from '../model/report';
import { defineCheck, finding, fix, setCellEdit } from './check';
import { cellsOf, isUnfilled, ruleValue } from '../model/cells';
import { claimsBrokenBy, claimsOn } from '../parse/claims';
import { defineMessages, say } from './messages';

const MESSAGES = defineMessages({
  unfilled: { zh: '{table}尚未填写', en: '{table} has not been filled in' },
  forced: {
    zh: '“{row}”一行“{column}”列是{what}：按表中其他数字推算应为 {value}',
    en: 'Row “{row}”, column {column} is {what}: the other numbers of the table make it {value}',
  },
  zero: { zh: '“{row}”一行“{column}”列是{what}：没有请填 0', en: 'Row “{row}”, column {column} is {what}: write 0 if there were none' },
  unknown: {
    zh: '“{row}”一行“{column}”列是{what}：填 0 会使表中的合计对不上，请填入实际的数',
    en: 'Row “{row}”, column {column} is {what}: 0 would break the table’s sums, so fill in the actual number',
  },
  blank: { zh: '空白', en: 'blank' },
  placeholder: { zh: '“{text}”', en: '“{text}”' },
  fillValue: { zh: '填入 {value}', en: 'Fill in {value}' },
  fillStated: { zh: '填入正文所述的 {value}', en: 'Fill in {value}, as the text says' },
  fillAll: { zh: '全部填 0', en: 'Fill every cell with 0' },
});

export const cellBlank = defineCheck({
  code: 'cell-blank',
  severity: 'warning',
  tag: 'official',
  title: { zh: '空白单元格', en: 'Blank cell' },
  docs: {
    zh: '数字格不能空着，也不能用“/”“—”“-”“无”代替。表中其他数字能推算出这一格时（例如本行各列之和就是空着的总计），给出推算的数，快速修复和“修复全部”填入它；推算不出而填 0 不会使合计对不上时，快速修复填 0；填 0 会使合计对不上时，只提示填入实际的数。一行读出的数比列少、分不清哪个数在哪一列时，不提供修复，以免改动后这一行被读成另一种样子。整张表都没填时，只在表格上提示一次。',
    en: 'A number cell is never left blank, nor filled with /, —, - or 无. When the table’s other numbers determine the cell (the row’s cells add up to its blank total, say), the message gives that number and the quick fix and fix-all fill it in; otherwise, when 0 breaks no sum, the quick fix fills in 0; when 0 would break a sum, the message asks for the actual number. In a row read with fewer numbers than columns, where which number is in which column is unsure, no fix is offered, since an edit would change how the row is read. A table left entirely unfilled gets one finding on the table.',
  },
  messages: MESSAGES,
  fixes: ['fillValue', 'fillStated', 'fillAll'],
  run(report) {
    const findings: Finding[] = [];
    for (const table of Object.values(report.tables)) {
      if (!table) continue;
      if (isUnfilled(table)) {
        const line = table.range.start.line;
        const blanks = cellsOf(table).filter((c) => c.cell.state === 'blank');
        // All 0 says nothing was received or decided: the prose that says otherwise is then compared, and found wrong.
        const contradicted = claimsBrokenBy(report, new Map(blanks.map((c) => [c.cell, 0]))).length > 0;
        findings.push(
          finding(this, { start: { line, character: 0 }, end: report.lineEnd(line) }, 'unfilled', { table: tableTitle(table.id) }, {
            data: { table: table.id, unfilled: true },
            fixes: [fix(this, 'fillAll', {}, blanks.map((c) => setCellEdit(c.cell, 0)), { leaves: contradicted ? ['narrative-mismatch'] : [] })],
          }),
        );
        continue;
      }
      for (const { cell, column, row, words } of cellsOf(table)) {
        if (cell.state !== 'blank' || !cell.span) continue;
        const shown = cell.span.text.trim();
        const what = shown ? say(MESSAGES.placeholder, { text: shown }) : MESSAGES.blank;
        const { forced, zeroBreaks, guessed } = ruleValue(report, cell);
        const data = { table: table.id, row: row.key, column, ...(forced !== undefined ? { expected: forced } : {}) };
        const args = { ...words, what };
        if (forced !== undefined) {
          // A value the rules force is right; prose that says otherwise is then compared, and found wrong.
          const leaves = claimsBrokenBy(report, new Map([[cell, forced]])).length ? ['narrative-mismatch'] : [];
          findings.push(
            finding(this, cell.span.range, 'forced', { ...args, value: forced }, {
              data,
              fixes: [fix(this, 'fillValue', { value: forced }, [setCellEdit(cell, forced)], { preferred: true, fixAll: true, leaves })],
            }),
          );
        } else if (!zeroBreaks) {
          // 0 is offered unless the text states another figure for the cell: then that figure.
          const stated = claimsOn(report, cell).find((c) => c.cells.length === 1)?.claim.stated;
          const zeroContradicts = claimsBrokenBy(report, new Map([[cell, 0]])).length > 0;
          const offer = guessed
            ? undefined // the row was read short: any edit changes which column each number is in
            : zeroContradicts
            ? stated !== undefined && stated !== 0
              ? fix(this, 'fillStated', { value: stated }, [setCellEdit(cell, stated)])
              : undefined
            : fix(this, 'fillValue', { value: 0 }, [setCellEdit(cell, 0)], { preferred: true });
          findings.push(finding(this, cell.span.range, 'zero', args, { data, fixes: [offer] }));
        } else {
          findings.push(finding(this, cell.span.range, 'unknown', args, { data }));
        }
      }
    }
    return findings;
  },
});
