/**
 * Aggregation: an area-wide report (a county government's own report covers
 * its departments and townships) against the sum of its subordinate units'
 * reports, cell by cell; the summed tables as canonical Markdown for the
 * government's own draft; and the breakdown sentences (全县共收到政府信息公开申请
 * N 件，其中县教育局 x 件、县公安局 y 件…).
 *
 * Which cells a sum is meaningful for (the decision, after the format, 国办公开办函〔2021〕30号):
 * - Table 3, all 175 cells, 二 and 四 included: every request is received and
 *   handled by one unit, so the area's counts are the units' counts added up.
 * - Table 4, all 15 cells: each case is brought against one unit.
 * - Table 2, 行政许可 / 行政处罚 / 行政强制 处理决定数量 and 行政事业性收费: each
 *   decision and each fee is one unit's; compared exactly (fees to the 0.0001 万元).
 * - Table 2, 规章 / 行政规范性文件 制发 · 废止 · 现行有效: the government issues
 *   documents in its own name that no department's report counts, so the
 *   area's figure is at least the units' sum, not equal to it: only a figure
 *   below the sum is reported.
 * Units whose cell is blank, unreadable or whose table is missing (or a Table 2
 * in the 2019 layout) add nothing to that cell; they are listed as gaps.
 */
import { T3_COLUMNS, T3_ROWS, T3_TOTAL_COLUMN, T4_COLUMNS, T4_GROUPS, T4_TOTAL_COLUMN, TABLE2, TABLES, type TableId, type Text } from '../format/standard';
import { renderTable } from '../format/render';
import type { Range, Report } from '../model/report';
import { isNumberCell } from '../model/report';
import { defineMessages, list, say } from '../checks/messages';
import { locate } from '../engine/locate';
import { formatDifference } from '../parse/text';
import { areaWord, identityOf, sameUnit, unitIndex } from '../parse/units';

const MESSAGES = defineMessages({
  differs: {
    zh: '{where}：本报告为 {area}，所属 {count} 个单位报告之和为 {sum}（相差 {difference}）；请核对汇总，或补齐未汇总的单位',
    en: '{where}: this report has {area}, the sum of its {count} units’ reports is {sum} (a difference of {difference}); check the sum, or add the units left out',
  },
  belowSum: {
    zh: '{where}：本报告为 {area}，少于所属 {count} 个单位报告之和 {sum}（相差 {difference}）；全地区的件数应包括各单位的件数，请核对',
    en: '{where}: this report has {area}, less than the sum of its {count} units’ reports, {sum} (a difference of {difference}); the area’s count includes its units’, check it',
  },
  missing: {
    zh: '名单上属于“{area}”的 {count} 个单位没有 {year} 年报告，未计入汇总：{units}；请催报后重新汇总',
    en: 'Units under “{area}” on the roster with no report for {year}, not in the sum ({count}): {units}; ask for them and sum again',
  },
  gap: {
    zh: '“{unit}”的{table}有 {count} 个单元格不是数字（空白、无法读取或缺表），汇总时未计入',
    en: '“{unit}”: {count} cells of {table} are not numbers (blank, unreadable or no table) and add nothing to the sum',
  },
  // The breakdown sentences: {all} is 全县 / 全区 …; {items} the units with their counts.
  requests: { zh: '{all}共收到政府信息公开申请 {total} 件{items}。', en: '{all} received {total} requests for government information{items}.' },
  reviews: { zh: '{all}共发生政府信息公开行政复议 {total} 件{items}。', en: '{all} had {total} administrative reconsiderations on disclosure{items}.' },
  suits: { zh: '{all}共发生政府信息公开行政诉讼 {total} 件{items}。', en: '{all} had {total} lawsuits on disclosure{items}.' },
  items: { zh: '，其中{items}', en: ', of which {items}' },
  item: { zh: '{unit} {count} 件', en: '{unit} {count}' },
  rest: { zh: '其余 {units} 个单位 0 件', en: 'the rest ({units}) none' },
  allOf: { zh: '全{area}', en: 'All units under {unit}' },
  allUnits: { zh: '各单位', en: 'The units' },
});

/** A report of the set: `unit` defaults to the title's, `year` to the report's. */
export interface UnitReport {
  uri: string;
  report: Report;
  unit?: string;
  year?: number;
}

/** A cell the sum covers: its table, row key and column, the renderer's path, and how the area's figure must stand to the sum. */
interface SummedCellSpec {
  table: TableId;
  row: string;
  column: number;
  path: string;
  rule: 'equal' | 'atLeast';
  decimal: boolean;
}

const DOCUMENT_ROWS = new Set(TABLE2.blocks[0].rows.map((r) => r.key));

const SUMMED_CELLS: readonly SummedCellSpec[] = [
  ...TABLE2.blocks.flatMap((block) =>
    block.rows.flatMap((r) =>
      block.columns.map((c, column) => ({
        table: 't2' as const,
        row: r.key,
        column,
        path: `t2/${r.key}/${column}`,
        rule: DOCUMENT_ROWS.has(r.key) ? ('atLeast' as const) : ('equal' as const),
        decimal: !!c.decimal,
      })),
    ),
  ),
  ...T3_ROWS.flatMap((r) => T3_COLUMNS.map((_, column) => ({ table: 't3' as const, row: r.key, column, path: `t3/${r.key}/${column}`, rule: 'equal' as const, decimal: false }))),
  ...T4_GROUPS.flatMap((g) => T4_COLUMNS.map((_, column) => ({ table: 't4' as const, row: g.key, column, path: `t4/${g.key}/${column}`, rule: 'equal' as const, decimal: false }))),
];

/** Amounts in 万元 are added to the 0.0001. */
const round = (value: number) => Math.round(value * 10_000) / 10_000;

function cellOf(report: Report, spec: SummedCellSpec) {
  const table = report.tables[spec.table];
  if (!table || table.format !== '2021') return undefined;
  const cell = table.rows.get(spec.row)?.cells[spec.column];
  return isNumberCell(cell) ? cell : undefined;
}

/** A unit whose cells are not all in the sum: how many cells of which table. */
interface SumGap {
  unit: string;
  uri: string;
  table: TableId;
  cells: number;
  message: Text;
}

export interface SummedTables {
  /** The units summed, in input order. */
  units: string[];
  /** The sum of every cell, by the renderer's path (`t3/new/6`). */
  values: ReadonlyMap<string, number>;
  /** Each unit's figures behind the breakdown sentences: 一 本年新收 总计, 行政复议 总计, 行政诉讼 总计. */
  perUnit: { unit: string; requests: number; reviews: number; suits: number }[];
  gaps: SumGap[];
}

/** What the sum keeps of a unit's report: who and when, and its numbers by the renderer's path (a cell that holds no number is absent). */
export interface UnitFigures {
  uri: string;
  unit: string;
  year?: number;
  values: Record<string, number>;
}

const unitOf = (r: UnitReport) => r.unit ?? identityOf(r.report).unit ?? r.uri;

/** A unit's report as the sum keeps it: plain data (a worker thread reads the report and posts this back). */
export function readFigures(input: UnitReport): UnitFigures {
  const values: Record<string, number> = {};
  for (const spec of SUMMED_CELLS) {
    const cell = cellOf(input.report, spec);
    if (cell) values[spec.path] = cell.value;
  }
  return { uri: input.uri, unit: unitOf(input), year: input.year ?? identityOf(input.report).year, values };
}

const figuresOf = (input: UnitReport | UnitFigures): UnitFigures => ('report' in input ? readFigures(input) : input);

/** The sum of the units' tables, cell by cell; the units given as reports or as what readFigures keeps of them. */
export function sumTables(units: readonly (UnitReport | UnitFigures)[]): SummedTables {
  const values = new Map<string, number>(SUMMED_CELLS.map((c) => [c.path, 0]));
  const gaps: SumGap[] = [];
  const perUnit = units.map(figuresOf).map(({ uri, unit, values: own }) => {
    const missed = new Map<TableId, number>();
    for (const spec of SUMMED_CELLS) {
      const value = own[spec.path];
      if (value !== undefined) values.set(spec.path, round(values.get(spec.path)! + value));
      else missed.set(spec.table, (missed.get(spec.table) ?? 0) + 1);
    }
    for (const [table, cells] of missed) {
      gaps.push({ unit, uri, table, cells, message: say(MESSAGES.gap, { unit, table: TABLES[table].short, count: cells }) });
    }
    const figure = (table: 't3' | 't4', row: string, column: number) => own[`${table}/${row}/${column}`] ?? 0;
    return {
      unit,
      requests: figure('t3', 'new', T3_TOTAL_COLUMN),
      reviews: figure('t4', 'review', T4_TOTAL_COLUMN),
      suits: figure('t4', 'suitDirect', T4_TOTAL_COLUMN) + figure('t4', 'suitAfterReview', T4_TOTAL_COLUMN),
    };
  });
  return { units: perUnit.map((u) => u.unit), values, perUnit, gaps };
}

/** The summed tables as the canonical Markdown tables (表二, 表三, 表四), to paste in place of the draft's own. */
export function summedMarkdown(sum: SummedTables): Record<TableId, string> {
  const cell = (path: string) => String(sum.values.get(path) ?? '');
  return { t2: renderTable('t2', cell), t3: renderTable('t3', cell), t4: renderTable('t4', cell) };
}

/**
 * The breakdown sentences of the area's report: requests (一 本年新收), reconsiderations and
 * lawsuits, each with the units by count, most first; units with none summed as 其余 K 个单位 0 件.
 */
export function breakdownSentences(sum: SummedTables, area: string): Text[] {
  const word = areaWord(area);
  const all = word ? say(MESSAGES.allOf, { area: word, unit: area }) : MESSAGES.allUnits;
  const sentence = (template: Text, figure: 'requests' | 'reviews' | 'suits'): Text => {
    const counted = sum.perUnit.filter((u) => u[figure] > 0).sort((a, b) => b[figure] - a[figure]);
    const rest = sum.perUnit.length - counted.length;
    const total = counted.reduce((n, u) => n + u[figure], 0);
    const parts: Text[] = counted.map((u) => say(MESSAGES.item, { unit: u.unit, count: u[figure] }));
    if (rest > 0 && counted.length > 0) parts.push(say(MESSAGES.rest, { units: rest }));
    const items = counted.length ? say(MESSAGES.items, { items: list(parts, { zh: '、', en: ', ' }) }) : { zh: '', en: '' };
    return say(template, { all, total, items });
  };
  return [sentence(MESSAGES.requests, 'requests'), sentence(MESSAGES.reviews, 'reviews'), sentence(MESSAGES.suits, 'suits')];
}

/** A cell where the area's report and the sum of its units' disagree. */
interface CellDifference {
  table: TableId;
  row: string;
  column: number;
  area: number;
  sum: number;
  /** In the area's report's own words: 表三 · 自然人列 · （一）予以公开. */
  where: Text;
  /** The cell in the area's report. */
  range: Range;
  message: Text;
}

export interface Aggregation {
  area: string;
  /** The subordinate units' reports summed. */
  included: UnitFigures[];
  /** Units under the area on the roster with no report for the year. */
  missing: string[];
  missingMessage?: Text;
  sum: SummedTables;
  differences: CellDifference[];
}

/**
 * The area's report against the sum of its units' reports for the same year
 * (given as reports or as what readFigures keeps of them; the area's own is a
 * report, for its cells' ranges and words).
 * `parents` maps a unit to the unit above it (the roster's 上级 column, or the
 * configuration): the area's units are those mapped to it; those of them with
 * no report are missing.
 */
export function aggregate(area: UnitReport, units: readonly (UnitReport | UnitFigures)[], parents: ReadonlyMap<string, string>): Aggregation {
  const areaUnit = unitOf(area);
  const year = area.year ?? identityOf(area.report).year;
  const children = unitIndex([...parents], ([, parent]) => parent)(areaUnit).map(([child]) => child);
  const isChild = unitIndex(children, (c) => c);
  // Who and when first: a unit's cells are read only when it is one of the area's.
  const who = (u: UnitReport | UnitFigures) => ('report' in u ? { unit: unitOf(u), year: u.year ?? identityOf(u.report).year } : u);
  const included = units
    .filter((u) => {
      const { unit, year: itsYear } = who(u);
      return u !== area && itsYear === year && !sameUnit(unit, areaUnit) && isChild(unit).length > 0;
    })
    .map(figuresOf);
  const byUnit = unitIndex(included, (u) => u.unit);
  const missing = children.filter((c) => byUnit(c).length === 0);
  const sum = sumTables(included);
  const differences: CellDifference[] = [];
  for (const spec of SUMMED_CELLS) {
    const cell = cellOf(area.report, spec);
    const total = sum.values.get(spec.path)!;
    if (!cell?.span || round(cell.value) === total || (spec.rule === 'atLeast' && cell.value > total)) continue;
    const where = locate(area.report, cell.span.range);
    const difference = round(cell.value - total);
    const args = { where, area: cell.value, sum: total, count: included.length, difference: formatDifference(difference) };
    const message = say(spec.rule === 'atLeast' ? MESSAGES.belowSum : MESSAGES.differs, args);
    differences.push({ table: spec.table, row: spec.row, column: spec.column, area: cell.value, sum: total, where, range: cell.span.range, message });
  }
  return {
    area: areaUnit,
    included,
    missing,
    ...(missing.length ? { missingMessage: say(MESSAGES.missing, { area: areaUnit, count: missing.length, year: year ?? '?', units: list(missing, { zh: '、', en: ', ' }) }) } : {}),
    sum,
    differences,
  };
}
