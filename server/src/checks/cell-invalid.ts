/** cell-invalid: a number cell holding what is not a valid count (a word, a negative, a fraction, a number too large). */
import type { Finding } from '../model/report';
import { defineCheck, finding, fix, setCellEdit } from './check';
import { cellsOf, ruleValue } from '../model/cells';
import { claimsBrokenBy } from '../parse/claims';
import { defineMessages, say } from './messages';

const MESSAGES = defineMessages({
  invalid: { zh: '“{row}”一行“{column}”列的“{text}”{problem}', en: 'Row “{row}”, column {column}: “{text}” {problem}' },
  forced: {
    zh: '“{row}”一行“{column}”列的“{text}”{problem}；按表中其他数字推算应为 {value}',
    en: 'Row “{row}”, column {column}: “{text}” {problem}; the other numbers of the table make it {value}',
  },
  'not-a-number': { zh: '不是数字', en: 'is not a number' },
  negative: { zh: '是负数', en: 'is negative' },
  fraction: { zh: '是小数，而件数应为整数', en: 'is a fraction, but counts are whole numbers' },
  'too-large': { zh: '数字太大（超过 12 位），不可能是件数', en: 'is too large (over 12 digits) to be a count' },
  setValue: { zh: '改为 {value}', en: 'Change to {value}' },
});

export const cellInvalid = defineCheck({
  code: 'cell-invalid',
  severity: 'error',
  tag: 'official',
  title: { zh: '单元格不是有效数字', en: 'Invalid cell' },
  docs: {
    zh: '件数必须是非负整数；收费金额（万元）可以有小数。全角数字（１２）和千分位（12,608）是有效写法，不算错误。表中其他数字能推算出这一格时，给出推算的数，快速修复和“修复全部”改为它。',
    en: 'Counts are non-negative whole numbers; the fee in 万元 may have decimals. Full-width digits and thousands separators are valid. When the table’s other numbers determine the cell, the message gives that number, and the quick fix and fix-all write it.',
  },
  messages: MESSAGES,
  fixes: ['setValue'],
  run(report) {
    const findings: Finding[] = [];
    for (const table of Object.values(report.tables)) {
      if (!table) continue;
      for (const { cell, column, row, words } of cellsOf(table)) {
        if (cell.state !== 'invalid' || !cell.span || !cell.problem) continue;
        const { forced } = ruleValue(report, cell);
        const args = { ...words, text: cell.span.text, problem: say(MESSAGES[cell.problem]) };
        const data = { table: table.id, row: row.key, column, problem: cell.problem, ...(forced !== undefined ? { expected: forced } : {}) };
        findings.push(
          forced !== undefined
            ? finding(this, cell.span.range, 'forced', { ...args, value: forced }, {
                data,
                fixes: [
                  fix(this, 'setValue', { value: forced }, [setCellEdit(cell, forced)], {
                    preferred: true,
                    fixAll: true,
                    leaves: claimsBrokenBy(report, new Map([[cell, forced]])).length ? ['narrative-mismatch'] : [],
                  }),
                ],
              })
            : finding(this, cell.span.range, 'invalid', args, { data }),
        );
      }
    }
    return findings;
  },
});
