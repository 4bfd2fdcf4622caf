/**
 * What the cell checks share: the cells of a table with their row and column
 * words, and the value the table's rules force on a cell that holds none.
 */
import { cellWords, type Text } from '../format/standard';
import { arithmetic, breaksARule } from './arithmetic';
import type { Cell, ReadTable, Report, TableRow } from './report';

export interface TableCell {
  table: ReadTable;
  row: TableRow;
  column: number;
  cell: Cell;
  words: Readonly<{ row: Readonly<Text>; column: Readonly<Text> }>;
}

const cellsMemo = new WeakMap<ReadTable, readonly TableCell[]>();

/** The cells of a table, row by row (worked out once per table: several checks go through them). */
export function cellsOf(table: ReadTable): readonly TableCell[] {
  let cells = cellsMemo.get(table);
  if (!cells) {
    const all: TableCell[] = [];
    for (const row of table.rows.values()) row.cells.forEach((cell, column) => all.push({ table, row, column, cell, words: cellWords(table.id, row.key, column, table.format) }));
    cellsMemo.set(table, (cells = Object.freeze(all)));
  }
  return cells;
}

/** A table whose every cell is blank was left unfilled: one finding, not one per cell. */
export function isUnfilled(table: ReadTable): boolean {
  const cells = cellsOf(table).filter((c) => c.cell.state !== 'missing');
  return cells.length > 0 && cells.every((c) => c.cell.state === 'blank');
}

/**
 * What the rules say of a cell without a valid number: the value they force
 * (`forced`), or whether 0 would break a rule that holds (`zeroBreaks`).
 * Table 2 has no rules: nothing is forced and 0 breaks nothing. In a row read
 * short of cells (`guessed`) the cell's column is a guess: nothing is forced,
 * and its text must not be edited, since an edit changes how the row is read.
 */
export function ruleValue(report: Report, cell: Cell): { forced?: number; zeroBreaks: boolean; guessed?: boolean } {
  const a = arithmetic(report);
  for (const t of [a.t3, a.t4]) {
    const c = t?.of(cell);
    if (!t || !c) continue;
    if (c.guessed) return { zeroBreaks: false, guessed: true };
    return { forced: t.derived.get(c), zeroBreaks: breaksARule(t, c, 0) };
  }
  return { zeroBreaks: false };
}
