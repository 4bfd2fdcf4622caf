/**
 * The arithmetic of Tables 3 and 4, computed once per report and shared by the
 * total checks, the balance check, fix-all and hover.
 *
 * Totals are derived bottom-up: every row's 总计 from its six applicant
 * columns, then （七）总计's cells from the result rows, then Table 4's group
 * totals. Applying every correction in that order leaves no total wrong.
 */
import {
  T3_APPLICANT_COLUMNS,
  T3_COLUMNS,
  T3_ROWS,
  T3_TOTAL_COLUMN,
  T4_COLUMNS,
  T4_GROUPS,
  T4_TOTAL_COLUMN,
} from '../format/standard';
import type { Cell, ReadTable, Report, TableRow } from '../model/report';

export interface TotalIssue {
  rule: 't3-row-total' | 't3-result-total' | 't4-total';
  rowKey: string;
  column: number;
  cell: Cell;
  expected: number;
  actual: number;
  /** The cells that add up to the total. */
  terms: { label: string; cell: Cell }[];
}

export interface BalanceIssue {
  column: number;
  left: { newRequests: Cell; carried: Cell };
  right: { resultTotal: Cell; carryNext: Cell };
  leftSum: number;
  rightSum: number;
  /** A wrong total in this column whose correction makes the balance hold. */
  explainedBy?: TotalIssue;
}

export interface Arithmetic {
  totals: TotalIssue[];
  balance: BalanceIssue[];
}

const memo = new WeakMap<Report, Arithmetic>();

const isNumber = (cell: Cell | undefined): cell is Cell & { value: number } => !!cell && cell.state === 'number';

/** The rows whose values make up （七）总计: the leaves of 三, or the 2019 single （六） row. */
export function resultRows(table: ReadTable): TableRow[] {
  const rows: TableRow[] = [];
  for (const spec of T3_ROWS) {
    if (spec.role !== 'result') continue;
    const row = table.rows.get(spec.key);
    if (row) rows.push(row);
  }
  const single = table.rows.get('otherHandling');
  if (single && !T3_ROWS.some((r) => r.group === 'otherHandling' && table.rows.has(r.key))) rows.push(single);
  return rows;
}

const sum = (cells: Cell[]) => round(cells.reduce((acc, c) => acc + (c.value ?? 0), 0));
const round = (n: number) => Math.round(n * 10000) / 10000;

export function arithmetic(report: Report): Arithmetic {
  const cached = memo.get(report);
  if (cached) return cached;
  const totals: TotalIssue[] = [];
  const balance: BalanceIssue[] = [];
  const t3 = report.tables.t3;
  if (t3) {
    const results = resultRows(t3);
    // Row totals, every row but （七）总计 (whose total the result rule governs).
    for (const row of t3.rows.values()) {
      const issue = rowTotalIssue(row);
      if (issue && row.key !== 'resultTotal') totals.push(issue);
    }
    // （七）总计, per column, from the result rows.
    const resultTotal = t3.rows.get('resultTotal');
    if (resultTotal && results.length > 0) {
      for (let column = 0; column < T3_COLUMNS.length; column++) {
        const cell = resultTotal.cells[column];
        const terms = results.map((r) => r.cells[column]);
        if (!isNumber(cell) || !terms.every(isNumber)) continue;
        const expected = sum(terms);
        if (expected !== cell.value) {
          totals.push({
            rule: 't3-result-total',
            rowKey: 'resultTotal',
            column,
            cell,
            expected,
            actual: cell.value,
            terms: results.map((r) => ({ label: r.label.canonical, cell: r.cells[column] })),
          });
        }
      }
      // The row rule for （七） itself, unless its cells are already known wrong:
      // then its six would be the wrong terms to total.
      if (!totals.some((t) => t.rule === 't3-result-total')) {
        const issue = rowTotalIssue(resultTotal);
        if (issue) totals.push(issue);
      }
    }
    // Balance: 一 + 二 = （七） + 四, per column.
    const fixes = new Map(correctedTotals(report).map((c) => [c.cell, c.value]));
    const newRequests = t3.rows.get('new');
    const carried = t3.rows.get('carried');
    const carryNext = t3.rows.get('carryNext');
    if (newRequests && carried && resultTotal && carryNext) {
      for (let column = 0; column < T3_COLUMNS.length; column++) {
        const four = [newRequests.cells[column], carried.cells[column], resultTotal.cells[column], carryNext.cells[column]];
        if (!four.every(isNumber)) continue;
        const leftSum = round(four[0].value! + four[1].value!);
        const rightSum = round(four[2].value! + four[3].value!);
        if (leftSum === rightSum) continue;
        // Explained when the bottom-up corrections (fix-all) make the column balance:
        // then the wrong total is the one to report, on its own cell.
        const corrected = (cell: Cell) => fixes.get(cell) ?? cell.value!;
        const fixedLeft = round(corrected(four[0]) + corrected(four[1]));
        const fixedRight = round(corrected(four[2]) + corrected(four[3]));
        const explainedBy =
          fixedLeft === fixedRight
            ? (totals.find((t) => (four as Cell[]).includes(t.cell)) ?? totals.find((t) => t.column === column && t.rule !== 't4-total'))
            : undefined;
        balance.push({
          column,
          left: { newRequests: four[0], carried: four[1] },
          right: { resultTotal: four[2], carryNext: four[3] },
          leftSum,
          rightSum,
          explainedBy,
        });
      }
    }
  }
  const t4 = report.tables.t4;
  if (t4) {
    for (const group of T4_GROUPS) {
      const row = t4.rows.get(group.key);
      if (!row) continue;
      const cell = row.cells[T4_TOTAL_COLUMN];
      const parts = row.cells.slice(0, T4_TOTAL_COLUMN);
      if (!isNumber(cell) || !parts.every(isNumber)) continue;
      const expected = sum(parts);
      if (expected !== cell.value) {
        totals.push({
          rule: 't4-total',
          rowKey: group.key,
          column: T4_TOTAL_COLUMN,
          cell,
          expected,
          actual: cell.value,
          terms: parts.map((c, i) => ({ label: T4_COLUMNS[i].label, cell: c })),
        });
      }
    }
  }
  const result = { totals, balance };
  memo.set(report, result);
  return result;
}

function rowTotalIssue(row: TableRow): TotalIssue | undefined {
  const cell = row.cells[T3_TOTAL_COLUMN];
  const parts = T3_APPLICANT_COLUMNS.map((i) => row.cells[i]);
  if (!isNumber(cell) || !parts.every(isNumber)) return undefined;
  const expected = sum(parts);
  if (expected === cell.value) return undefined;
  return {
    rule: 't3-row-total',
    rowKey: row.key,
    column: T3_TOTAL_COLUMN,
    cell,
    expected,
    actual: cell.value,
    terms: parts.map((c, i) => ({ label: T3_COLUMNS[i].label, cell: c })),
  };
}

/** Every total in the document, corrected bottom-up: the edits of fix-all. */
export function correctedTotals(report: Report): { cell: Cell; value: number }[] {
  const out: { cell: Cell; value: number }[] = [];
  const value = new Map<Cell, number>();
  const get = (cell: Cell | undefined) => (cell && value.has(cell) ? value.get(cell)! : cell?.value ?? null);
  const set = (cell: Cell | undefined, v: number) => {
    if (!cell || cell.state !== 'number' || !cell.span) return;
    value.set(cell, v);
    if (cell.value !== v) out.push({ cell, value: v });
  };
  const t3 = report.tables.t3;
  if (t3) {
    const results = resultRows(t3);
    for (const row of t3.rows.values()) {
      if (row.key === 'resultTotal') continue;
      const parts = T3_APPLICANT_COLUMNS.map((i) => get(row.cells[i]));
      if (parts.every((p) => p !== null)) set(row.cells[T3_TOTAL_COLUMN], round(parts.reduce((a, b) => a! + b!, 0)!));
    }
    const resultTotal = t3.rows.get('resultTotal');
    if (resultTotal && results.length > 0) {
      for (const column of T3_APPLICANT_COLUMNS) {
        const parts = results.map((r) => get(r.cells[column]));
        if (parts.every((p) => p !== null)) set(resultTotal.cells[column], round(parts.reduce((a, b) => a! + b!, 0)!));
      }
      const parts = T3_APPLICANT_COLUMNS.map((i) => get(resultTotal.cells[i]));
      if (parts.every((p) => p !== null)) set(resultTotal.cells[T3_TOTAL_COLUMN], round(parts.reduce((a, b) => a! + b!, 0)!));
    }
  }
  const t4 = report.tables.t4;
  if (t4) {
    for (const row of t4.rows.values()) {
      const parts = row.cells.slice(0, T4_TOTAL_COLUMN).map(get);
      if (parts.every((p) => p !== null)) set(row.cells[T4_TOTAL_COLUMN], round(parts.reduce((a, b) => a! + b!, 0)!));
    }
  }
  return out;
}
