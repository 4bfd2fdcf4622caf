/**
 * carry-over: this year's Table 3 二、上年结转 equals last year's 四、结转下年度继续办理,
 * column by column, when last year's report of the same unit is at hand.
 */
import { T3_COLUMNS, T3_ROWS } from '../format/standard';
import { arithmetic, holdsWith, type ArithmeticCell } from '../model/arithmetic';
import { isNumberCell, type Finding, type TextEdit } from '../model/report';
import { lastYearReport } from '../parse/units';
import { defineCheck, finding, fix, setCellEdit } from './check';
import { defineMessages, list, say } from './messages';

const CARRIED = T3_ROWS.find((r) => r.key === 'carried')!;
const CARRY_NEXT = T3_ROWS.find((r) => r.key === 'carryNext')!;

const MESSAGES = defineMessages({
  differs: {
    zh: '“二、上年结转”与上年（{year} 年）报告的“四、结转下年度继续办理”不一致：{columns}，两者应相等{balance}',
    en: '二、上年结转 differs from 四、结转下年度继续办理 of last year’s report ({year}): {columns}; they should be equal{balance}',
  },
  column: { zh: '{column}列本年为 {value}，上年为 {last}', en: '{column} {value} this year, {last} last year' },
  breaksBalance: {
    zh: '；照上年改正后本年表三的勾稽关系将不成立，请一并核对本年的数字',
    en: '; correcting it to last year’s figures would break this year’s balance, so check this year’s figures too',
  },
  lastCell: { zh: '{year} 年报告“四、结转下年度继续办理”{column}：{value}', en: 'the {year} report, 四 ({column}): {value}' },
  figure: { zh: '{column} {value}', en: '{column} {value}' },
  setLastYear: { zh: '改为上年结转下年度的数（{values}）', en: 'Set to last year’s carried-over figures ({values})' },
});

export const carryOver = defineCheck({
  code: 'carry-over',
  severity: 'error',
  tag: 'derived',
  title: { zh: '上年结转与上年报告不符', en: 'Carry-over differs from last year' },
  docs: {
    zh: `本年表三“${CARRIED.label}”每一列应等于上年报告表三“${CARRY_NEXT.label}”的同一列。工作区中有同一单位上一年度的报告时核对（单位名称一个以另一个结尾即视为同一单位，如“洪泽区人民政府”与“淮安市洪泽区人民政府”）。提示标在本年第一个不一致的单元格上，相关信息指向上年报告中的单元格。改为上年的数后本年表三仍然成立时，才提供修复，并一次改正整行。`,
    en: `This year’s Table 3 “${CARRIED.label}” equals last year’s “${CARRY_NEXT.label}”, column by column. Checked when last year’s report of the same unit is in the workspace (names match when one ends with the other). The finding sits on this year’s first differing cell; related information points at last year’s cells. A fix, correcting the whole row, is offered only when this year’s table still adds up afterwards.`,
  },
  messages: MESSAGES,
  fixes: ['setLastYear'],
  run(report, context) {
    const last = lastYearReport(report, context.others);
    const row = report.tables.t3?.rows.get(CARRIED.key);
    const lastRow = last?.report.tables.t3?.rows.get(CARRY_NEXT.key);
    if (!last || !row || !lastRow) return [];
    const differing = T3_COLUMNS.map((column, i) => ({ column, i, cell: row.cells[i], before: lastRow.cells[i] })).filter(
      (d) => isNumberCell(d.cell) && isNumberCell(d.before) && !!d.cell.span && d.cell.value !== d.before.value,
    );
    if (differing.length === 0) return [];
    // The fix writes last year's figures into the row, if this year's rules still hold with them.
    const t3 = arithmetic(report).t3;
    const changes = new Map<ArithmeticCell, number>();
    for (const d of differing) {
      const cell = t3?.of(d.cell);
      if (cell) changes.set(cell, d.before.value!);
    }
    const safe = !!t3 && changes.size === differing.length && holdsWith(t3, changes);
    const edits: (TextEdit | undefined)[] = differing.map((d) => setCellEdit(d.cell, d.before.value!));
    const values = list(differing.map((d) => say(MESSAGES.figure, { column: { zh: d.column.label, en: d.column.en }, value: d.before.value! })));
    const findings: Finding[] = [
      finding(
        this,
        differing[0].cell.span!.range,
        'differs',
        {
          year: last.year,
          columns: list(
            differing.map((d) => say(MESSAGES.column, { column: { zh: d.column.label, en: d.column.en }, value: d.cell.value!, last: d.before.value! })),
            { zh: '；', en: '; ' },
          ),
          balance: safe ? '' : MESSAGES.breaksBalance,
        },
        {
          related: differing
            .filter((d) => d.before.span)
            .map((d) => ({
              range: d.before.span!.range,
              uri: last.uri,
              message: say(MESSAGES.lastCell, { year: last.year, column: { zh: d.column.label, en: d.column.en }, value: d.before.value! }),
            })),
          data: { columns: differing.map((d) => d.i), expected: differing.map((d) => d.before.value), actual: differing.map((d) => d.cell.value), lastYear: last.year, lastUri: last.uri },
          fixes: safe ? [fix(this, 'setLastYear', { values }, edits)] : [],
        },
      ),
    ];
    return findings;
  },
});
