/**
 * The arithmetic rules of Tables 3 and 4, declared once, as data: each rule is
 * a set of equations "these cells add up to those". Detection, the fixes, the
 * hover explanation and the localisation of a wrong number are all derived
 * from these equations (model/arithmetic.ts); nothing else spells a sum out.
 *
 * A rule has instances, one per row, column or group it governs. An instance
 * is `sum(left) = sum(right)`; its `total` is the cell a finding about the
 * instance sits on (the total it defines, or （七）总计 for the balance).
 */
import {
  T3_APPLICANT_COLUMNS,
  T3_COLUMNS,
  T3_ROWS,
  T3_TOTAL_COLUMN,
  T3_2019_SINGLE_ROW,
  T4_COLUMNS,
  T4_GROUPS,
  T4_TOTAL_COLUMN,
  cellWords as standardCellWords,
  t3RowName,
  type Text,
} from './standard';

export type RuleTag = 'official' | 'derived' | 'heuristic';
export type RuleId = 't3-row-total' | 't3-result-total' | 't3-balance' | 't4-total';
export type RuleTable = 't3' | 't4';

/** A cell of Table 3 (row key, column 0–6) or Table 4 (group key, column 0–4). */
export interface CellRef {
  row: string;
  column: number;
}

export interface RuleInstance {
  rule: RuleId;
  /** sum(left) = sum(right). */
  left: CellRef[];
  right: CellRef[];
  /** The cell a finding about this instance sits on. */
  total: CellRef;
  /** The row (row totals, Table 4 groups) or the column (result totals, balance) the instance governs. */
  row?: string;
  column?: number;
}

export interface RuleSpec {
  id: RuleId;
  table: RuleTable;
  tag: RuleTag;
  /** The rule in words, for the docs and the hover. */
  statement: Text;
  /** How a message names one instance (its row, column or group filled in by `instanceName`). */
  name: Text;
}

/**
 * The layout of Table 3's result rows: the 2021 leaves, or the 2019 layout in
 * which （六）其他处理 is one row with numbers of its own instead of three items.
 */
export type T3Layout = '2021' | '2019';

/** The rows whose values make up （七）总计, in order. */
function resultRowKeys(layout: T3Layout): string[] {
  const keys: string[] = [];
  for (const row of T3_ROWS) {
    if (row.role !== 'result') continue;
    if (layout === '2019' && row.group === T3_2019_SINGLE_ROW.replaces) {
      if (!keys.includes(T3_2019_SINGLE_ROW.key)) keys.push(T3_2019_SINGLE_ROW.key);
      continue;
    }
    keys.push(row.key);
  }
  return keys;
}

const rowKey = (role: string) => T3_ROWS.find((r) => r.role === role)!.key;
const NEW = rowKey('new');
const CARRIED = rowKey('carried');
const RESULT_TOTAL = rowKey('resultTotal');
const CARRY_NEXT = rowKey('carryNext');
const columnList = (columns: readonly number[]) => columns.map((i) => T3_COLUMNS[i].label).join(' + ');
const short = (label: string) => label.replace(/^([一二三四五六七八九十]+)、.*$/, '$1');

export const RULES: Readonly<Record<RuleId, RuleSpec>> = {
  't3-row-total': {
    id: 't3-row-total',
    table: 't3',
    tag: 'derived',
    statement: {
      zh: `每一行：${T3_COLUMNS[T3_TOTAL_COLUMN].label} = ${columnList(T3_APPLICANT_COLUMNS)}`,
      en: `In every row: ${T3_COLUMNS[T3_TOTAL_COLUMN].label} = the sum of the six applicant columns`,
    },
    name: { zh: '“{row}”一行的总计', en: 'the total of row “{row}”' },
  },
  't3-result-total': {
    id: 't3-result-total',
    table: 't3',
    tag: 'derived',
    statement: {
      zh: `每一列：${T3_ROWS.find((r) => r.role === 'resultTotal')!.label} = （一）+（二）+（三）1–8 +（四）1–3 +（五）1–5 +（六）1–3`,
      en: `In every column: ${T3_ROWS.find((r) => r.role === 'resultTotal')!.label} = the sum of all result rows`,
    },
    name: { zh: '（七）总计“{column}”列', en: '（七）总计, column {column}' },
  },
  't3-balance': {
    id: 't3-balance',
    table: 't3',
    tag: 'official',
    statement: {
      zh: `每一列：${t3RowName(NEW)} + ${t3RowName(CARRIED)} = ${t3RowName(RESULT_TOTAL)} + ${t3RowName(CARRY_NEXT)}`,
      en: 'In every column: new + carried over = （七）total + carried to next year',
    },
    name: { zh: '“{column}”列的勾稽关系', en: 'the balance of column {column}' },
  },
  't4-total': {
    id: 't4-total',
    table: 't4',
    tag: 'derived',
    statement: {
      zh: `每一组：${T4_COLUMNS[T4_TOTAL_COLUMN].label} = ${T4_COLUMNS.slice(0, T4_TOTAL_COLUMN).map((c) => c.label).join(' + ')}`,
      en: 'In every group: total = upheld + corrected + other + pending',
    },
    name: { zh: '“{group}”的总计', en: 'the total of {group}' },
  },
};

/** The balance written short, as the corner note says it: 一+二=（七）+四. */
export const BALANCE_FORMULA = `${short(t3RowName(NEW))}+${short(t3RowName(CARRIED))}=${short(t3RowName(RESULT_TOTAL)).replace(/总计$/, '')}+${short(t3RowName(CARRY_NEXT))}`;

/** Every instance of the Table 3 rules, for the rows the layout has. */
export function t3Instances(layout: T3Layout): RuleInstance[] {
  const results = resultRowKeys(layout);
  const rows = [NEW, CARRIED, ...results, RESULT_TOTAL, CARRY_NEXT];
  const instances: RuleInstance[] = [];
  for (const row of rows) {
    const total = { row, column: T3_TOTAL_COLUMN };
    instances.push({ rule: 't3-row-total', left: [total], right: T3_APPLICANT_COLUMNS.map((column) => ({ row, column })), total, row });
  }
  T3_COLUMNS.forEach((_, column) => {
    const total = { row: RESULT_TOTAL, column };
    instances.push({ rule: 't3-result-total', left: [total], right: results.map((row) => ({ row, column })), total, column });
  });
  T3_COLUMNS.forEach((_, column) => {
    instances.push({
      rule: 't3-balance',
      left: [{ row: NEW, column }, { row: CARRIED, column }],
      right: [{ row: RESULT_TOTAL, column }, { row: CARRY_NEXT, column }],
      total: { row: RESULT_TOTAL, column },
      column,
    });
  });
  return instances;
}

/** Every instance of the Table 4 rule: one per group. */
export function t4Instances(): RuleInstance[] {
  return T4_GROUPS.map((group) => {
    const total = { row: group.key, column: T4_TOTAL_COLUMN };
    return {
      rule: 't4-total' as const,
      left: [total],
      right: T4_COLUMNS.slice(0, T4_TOTAL_COLUMN).map((_, column) => ({ row: group.key, column })),
      total,
      row: group.key,
    };
  });
}

/** The words that fill an instance's name: its row, column or group. */
export function instanceWords(instance: RuleInstance): Record<string, Text> {
  const table = RULES[instance.rule].table;
  if (instance.rule === 't4-total') return { group: cellWords(table, { row: instance.row!, column: 0 }).row };
  if (instance.row !== undefined) return { row: cellWords(table, { row: instance.row, column: 0 }).row };
  return { column: cellWords(table, { row: instance.total.row, column: instance.column! }).column };
}

/** How a cell is named in messages: its row (or group) and its column, in both languages. */
export function cellWords(table: RuleTable, ref: CellRef): { row: Text; column: Text } {
  return standardCellWords(table, ref.row, ref.column);
}

/** Whether an instance holds for the given values; undefined when one of its cells has none. */
export function instanceHolds(instance: RuleInstance, value: (ref: CellRef) => number | null | undefined): boolean | undefined {
  let left = 0;
  let right = 0;
  for (const ref of instance.left) {
    const v = value(ref);
    if (v === null || v === undefined) return undefined;
    left += v;
  }
  for (const ref of instance.right) {
    const v = value(ref);
    if (v === null || v === undefined) return undefined;
    right += v;
  }
  return left === right;
}
