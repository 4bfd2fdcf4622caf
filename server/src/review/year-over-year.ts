/**
 * Year over year, per unit with last year's report in the set.
 *
 * Carry-over (二 = last year's 四) and 现行有效 continuity (last year + 制发 −
 * 废止, silent when the text explains a 清理/调整) are the checks carry-over
 * and in-force-count: `yearOverYear` runs those two checks against last
 * year's report (engine checkReport), so the review row shows their findings
 * with their ranges, fixes and where-words, and no second reading of the same
 * rules can drift from the editor's. (When the review checks every report with
 * the folder as its `others`, the same findings are already among the
 * report's: take them from there, or from here, not from both.)
 *
 * Jumps are new here: a key figure more than JUMP_RATIO times last year's, or
 * less than 1/JUMP_RATIO of it, flagged as information with both values —
 * unless both years' figures are below JUMP_FLOOR (8 requests one year and 1
 * the next is no jump worth a question).
 */
import { T3_TOTAL_COLUMN, T4_TOTAL_COLUMN, type TableId, type Text } from '../format/standard';
import type { Finding, Range, Report } from '../model/report';
import { isNumberCell } from '../model/report';
import { carryOver } from '../checks/carry-over';
import { inForceCount } from '../checks/in-force-count';
import { defineMessages, say } from '../checks/messages';
import { checkReport } from '../engine/analyze';
import { locate } from '../engine/locate';
import { formatNumber } from '../parse/text';
import { identityOf, isLastYearOf, unitIndex } from '../parse/units';

/** A figure is a jump when it is more than this many times last year's, or less than its 1/JUMP_RATIO. */
export const JUMP_RATIO = 5;
/** Figures below this in both years are never a jump. */
export const JUMP_FLOOR = 20;

const MESSAGES = defineMessages({
  up: {
    zh: '本年为 {value}，上年（{year} 年）为 {last}，是上年的 {ratio} 倍；请核实数字，确有大幅增加的，宜在正文中说明原因',
    en: 'This year {value}, {last} in {year}, {ratio} times as many; check the figure, and if it is right say why in the text',
  },
  down: {
    zh: '本年为 {value}，上年（{year} 年）为 {last}，只有上年的 {ratio}；请核实数字，确有大幅减少的，宜在正文中说明原因',
    en: 'This year {value}, {last} in {year}, {ratio} of it; check the figure, and if it is right say why in the text',
  },
  fromNothing: {
    zh: '本年为 {value}，上年（{year} 年）为 0；请核实数字，确有大幅增加的，宜在正文中说明原因',
    en: 'This year {value}, 0 in {year}; check the figure, and if it is right say why in the text',
  },
  lastCell: { zh: '{year} 年报告中的数：{value}', en: 'the figure in the {year} report: {value}' },
});

/** The figures compared with last year's: 一 本年新收 and （七）总计 (总计 column), 复议 and 诉讼 totals, 许可 and 处罚 decisions. */
const FIGURES: readonly { table: TableId; row: string; column: number }[] = [
  { table: 't3', row: 'new', column: T3_TOTAL_COLUMN },
  { table: 't3', row: 'resultTotal', column: T3_TOTAL_COLUMN },
  { table: 't4', row: 'review', column: T4_TOTAL_COLUMN },
  { table: 't4', row: 'suitDirect', column: T4_TOTAL_COLUMN },
  { table: 't4', row: 'suitAfterReview', column: T4_TOTAL_COLUMN },
  { table: 't2', row: 'licensing', column: 0 },
  { table: 't2', row: 'penalty', column: 0 },
];

/** A report of the set, with its unit and year when they are known better than the report says. */
export interface YearReport {
  uri: string;
  report: Report;
  unit?: string;
  year?: number;
}

export interface Jump {
  table: TableId;
  row: string;
  column: number;
  value: number;
  last: number;
  lastYear: number;
  /** In this report's own words: 表三 · 总计列 · 一、本年新收政府信息公开申请数量. */
  where: Text;
  range: Range;
  /** Last year's cell, in `lastUri`. */
  lastRange?: Range;
  lastUri: string;
  message: Text;
  lastMessage: Text;
}

function figureCell(report: Report, figure: (typeof FIGURES)[number]) {
  const table = report.tables[figure.table];
  // Table 2's 2019 layout has other columns under the same rows.
  if (!table || (figure.table === 't2' && table.format !== '2021')) return undefined;
  const cell = table.rows.get(figure.row)?.cells[figure.column];
  return isNumberCell(cell) && cell.span ? cell : undefined;
}

/** The figures of `report` that jumped from `last`'s (`last` is the same unit's report for `lastYear`). */
export function jumps(report: Report, last: { uri: string; report: Report }, lastYear: number): Jump[] {
  const found: Jump[] = [];
  for (const figure of FIGURES) {
    const cell = figureCell(report, figure);
    const before = figureCell(last.report, figure);
    if (!cell || !before) continue;
    const value = cell.value;
    const was = before.value;
    if (Math.max(value, was) < JUMP_FLOOR || (value <= was * JUMP_RATIO && value * JUMP_RATIO >= was)) continue;
    const where = locate(report, cell.span!.range);
    const args = { where, value, last: was, year: lastYear };
    const message =
      was === 0
        ? say(MESSAGES.fromNothing, args)
        : value > was
          ? say(MESSAGES.up, { ...args, ratio: formatNumber(Math.round((value / was) * 10) / 10) })
          : say(MESSAGES.down, { ...args, ratio: `${Math.round((value / was) * 1000) / 10}%` });
    found.push({
      ...figure,
      value,
      last: was,
      lastYear,
      where,
      range: cell.span!.range,
      lastRange: before.span!.range,
      lastUri: last.uri,
      message,
      lastMessage: say(MESSAGES.lastCell, { year: lastYear, value: was }),
    });
  }
  return found;
}

/** The carry-over and in-force-count findings of `report` against last year's report `last`. */
function continuity(report: Report, last: { uri: string; report: Report }, uri?: string): Finding[] {
  return checkReport(report, { options: {}, others: [last], uri }, { checks: [carryOver, inForceCount] });
}

export interface YearOverYear {
  uri: string;
  lastUri: string;
  lastYear: number;
  jumps: Jump[];
  continuity: Finding[];
}

/** Every report of the set that has its unit's report for the year before, with its jumps and continuity findings. */
export function yearOverYear(reports: readonly YearReport[]): YearOverYear[] {
  const identities = new Map(
    reports.map((r) => {
      const own = identityOf(r.report);
      return [r, { unit: r.unit ?? own.unit, year: r.year ?? own.year }];
    }),
  );
  const byUnit = unitIndex(reports, (r) => identities.get(r)!.unit);
  const result: YearOverYear[] = [];
  for (const r of reports) {
    const identity = identities.get(r)!;
    const last = byUnit(identity.unit).find((c) => c !== r && isLastYearOf(identities.get(c)!, identity));
    if (!last) continue;
    const year = identity.year! - 1;
    result.push({ uri: r.uri, lastUri: last.uri, lastYear: year, jumps: jumps(r.report, last, year), continuity: continuity(r.report, last, r.uri) });
  }
  return result;
}
