/**
 * The arithmetic of a report: the rules of format/rules.ts bound to the cells
 * read from its Tables 3 and 4, evaluated, and — when some do not hold — the
 * likely mistake located.
 *
 * Localisation looks for the smallest set of cells whose correction makes
 * every rule of the table hold at once, preferring one cell over two and two
 * over three. One such set is a diagnosis (those cells are the mistakes, and
 * their right values are known); several equally small sets are reported as
 * such (the leaf or the total: no preferred fix); none within MAX_CORRECTIONS
 * cells, or too many candidates to try, means the table is left unexplained.
 *
 * Cells without a valid number (blank, not a number, a row short of a cell, a
 * row not found) are unknowns: the rules may force their value ("derived").
 * Solving is propagation over the equations, each step forced by an equation
 * with one unknown left, in exact integer arithmetic: a value is only ever
 * one the rules leave no choice about.
 */
import { cellWords, t3Instances, t4Instances, type CellRef, type RuleInstance, type RuleTable, type T3Layout } from '../format/rules';
import { T3_2019_SINGLE_ROW, T3_ROWS } from '../format/standard';
import type { Text } from '../format/standard';
import type { Cell, ReadTable, Report } from './report';

/** Corrections of more cells than this are not looked for. */
const MAX_CORRECTIONS = 3;
/** Candidate sets tried at most per table (keeps a keystroke cheap on a garbled table). */
const SOLVE_BUDGET = 4000;

/** A cell as the arithmetic sees it. */
export interface ArithmeticCell {
  index: number;
  ref: CellRef;
  /** The cell as read; undefined when the table lacks its row. */
  cell?: Cell;
  /** Its value when it holds a valid number; null otherwise (an unknown). */
  value: number | null;
  /** Its row was read short of cells, or split from glued digits: which column each number is in was guessed. */
  guessed: boolean;
  /** The instances (indexes) it takes part in. */
  instances: number[];
}

export interface BoundInstance {
  index: number;
  instance: RuleInstance;
  left: ArithmeticCell[];
  right: ArithmeticCell[];
  total: ArithmeticCell;
  /** Evaluated when every cell holds a number; 'unknown' otherwise. */
  state: 'holds' | 'broken' | 'unknown';
  leftSum?: number;
  rightSum?: number;
}

export interface Correction {
  cell: ArithmeticCell;
  /** The value under which every rule holds. */
  value: number;
}

type Diagnosis =
  /** Every rule that can be evaluated holds, and the unknowns contradict nothing. */
  | { kind: 'consistent' }
  /** One smallest set of cells explains every broken rule. */
  | { kind: 'unique'; corrections: Correction[] }
  /** Several equally small sets do: the data cannot tell which. */
  | { kind: 'ambiguous'; alternatives: Correction[][] }
  /** No correction of up to MAX_CORRECTIONS cells makes the rules hold. */
  | { kind: 'unexplained' };

export interface TableArithmetic {
  table: RuleTable;
  read: ReadTable;
  cells: ArithmeticCell[];
  instances: BoundInstance[];
  broken: BoundInstance[];
  diagnosis: Diagnosis;
  /** Values the rules force on cells without a valid number, under the diagnosis (consistent or unique). */
  derived: Map<ArithmeticCell, number>;
  /** The arithmetic cell of a read cell. */
  of(cell: Cell): ArithmeticCell | undefined;
}

export interface ReportArithmetic {
  t3?: TableArithmetic;
  t4?: TableArithmetic;
}

const memo = new WeakMap<Report, ReportArithmetic>();

/** The arithmetic of a report's Tables 3 and 4, computed once per report. */
export function arithmetic(report: Report): ReportArithmetic {
  let result = memo.get(report);
  if (!result) {
    result = {};
    const { t3, t4 } = report.tables;
    if (t3) result.t3 = tableArithmetic('t3', t3, T3_INSTANCES[t3Layout(t3)]);
    if (t4) result.t4 = tableArithmetic('t4', t4, T4_INSTANCES);
    memo.set(report, result);
  }
  return result;
}

/** The rules' instances, bound to every report's cells (the format is fixed: listed once). */
const T3_INSTANCES: Record<T3Layout, readonly RuleInstance[]> = { '2021': t3Instances('2021'), '2019': t3Instances('2019') };
const T4_INSTANCES: readonly RuleInstance[] = t4Instances();

/** '2019' when Table 3 was read with the single （六）其他处理 row of the 2019 layout. */
export function t3Layout(table: ReadTable): T3Layout {
  const items = T3_ROWS.filter((r) => r.group === T3_2019_SINGLE_ROW.replaces);
  return table.rows.has(T3_2019_SINGLE_ROW.key) && !items.some((r) => table.rows.has(r.key)) ? '2019' : '2021';
}

/** A cell can be corrected when it holds a number, its text is in the document and its column is certain. */
const editable = (c: ArithmeticCell) => c.value !== null && !!c.cell?.span && !c.guessed;

function tableArithmetic(table: RuleTable, read: ReadTable, declared: readonly RuleInstance[]): TableArithmetic {
  const cells: ArithmeticCell[] = [];
  /** By row key, then column. */
  const byRef = new Map<string, ArithmeticCell[]>();
  /** Whether a row's columns were guessed: read short of cells, or with a problem. */
  const guessedRows = new Map<string, boolean>();
  const cellAt = (ref: CellRef): ArithmeticCell => {
    let rowCells = byRef.get(ref.row);
    if (!rowCells) byRef.set(ref.row, (rowCells = []));
    let c = rowCells[ref.column];
    if (!c) {
      const row = read.rows.get(ref.row);
      const cell = row?.cells[ref.column];
      let guessed = guessedRows.get(ref.row);
      if (guessed === undefined) {
        guessed = !!row && (row.cells.some((x) => x.state === 'missing') || read.problems.some((p) => p.rowKey === row.key));
        guessedRows.set(ref.row, guessed);
      }
      c = { index: cells.length, ref, cell, value: cell?.state === 'number' && cell.value !== null ? cell.value : null, guessed, instances: [] };
      cells.push(c);
      rowCells[ref.column] = c;
    }
    return c;
  };
  const instances: BoundInstance[] = declared.map((instance, index) => {
    const left = instance.left.map(cellAt);
    const right = instance.right.map(cellAt);
    for (const c of left) c.instances.push(index);
    for (const c of right) c.instances.push(index);
    const bound: BoundInstance = { index, instance, left, right, total: cellAt(instance.total), state: 'unknown' };
    if (left.every((c) => c.value !== null) && right.every((c) => c.value !== null)) {
      bound.leftSum = sum(left.map((c) => c.value!));
      bound.rightSum = sum(right.map((c) => c.value!));
      bound.state = bound.leftSum === bound.rightSum ? 'holds' : 'broken';
    }
    return bound;
  });
  const broken = instances.filter((i) => i.state === 'broken');
  const solver = new Solver(cells, instances);
  const { diagnosis, derived } = diagnose(solver, cells, instances, broken);
  const byCell = new Map<Cell, ArithmeticCell>();
  for (const c of cells) if (c.cell) byCell.set(c.cell, c);
  return { table, read, cells, instances, broken, diagnosis, derived, of: (cell) => byCell.get(cell) };
}

/** Sums of cell values: integers read from the text, kept below 2^53 by the reader. */
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

// ---------------------------------------------------------------------------
// Solving
// ---------------------------------------------------------------------------

interface Solution {
  ok: boolean;
  /** Values assigned to the variables (the corrected cells and the unknowns the rules force). */
  values: Map<number, number>;
}

/** Propagation over the equations, with a set of cells taken as unknown besides those without a number. */
class Solver {
  /** Each instance as terms: +1 for a left cell, −1 for a right one. */
  private readonly terms: { cell: number; sign: 1 | -1 }[][];
  solves = 0;

  constructor(
    private readonly cells: ArithmeticCell[],
    instances: BoundInstance[],
  ) {
    this.terms = instances.map((i) => [...i.left.map((c) => ({ cell: c.index, sign: 1 as const })), ...i.right.map((c) => ({ cell: c.index, sign: -1 as const }))]);
  }

  solve(corrected: ReadonlySet<number>): Solution {
    this.solves++;
    const values = new Map<number, number>();
    const isVariable = (i: number) => corrected.has(i) || this.cells[i].value === null;
    const known = (i: number) => (isVariable(i) ? values.get(i) : this.cells[i].value!);
    const touched = new Set<number>();
    for (let i = 0; i < this.cells.length; i++) if (isVariable(i)) for (const e of this.cells[i].instances) touched.add(e);
    // Propagate: an equation with one unknown left forces it.
    let progress = true;
    while (progress) {
      progress = false;
      for (const e of touched) {
        let open = -1;
        let openSign = 1;
        let count = 0;
        let total = 0;
        for (const t of this.terms[e]) {
          const v = known(t.cell);
          if (v === undefined) {
            count++;
            open = t.cell;
            openSign = t.sign;
          } else total += t.sign * v;
        }
        if (count !== 1) continue;
        const value = -total * openSign;
        // Counts are whole and not negative; a rule that would need otherwise cannot be met so.
        if (value < 0 || !Number.isSafeInteger(value)) return { ok: false, values };
        values.set(open, value);
        progress = true;
      }
    }
    for (const e of touched) {
      let total = 0;
      let complete = true;
      for (const t of this.terms[e]) {
        const v = known(t.cell);
        if (v === undefined) complete = false;
        else total += t.sign * v;
      }
      if (complete && total !== 0) return { ok: false, values };
    }
    for (const i of corrected) {
      const v = values.get(i);
      // A corrected cell must be forced, and to another value than it holds.
      if (v === undefined || v === this.cells[i].value) return { ok: false, values };
    }
    return { ok: true, values };
  }
}

function diagnose(
  solver: Solver,
  cells: ArithmeticCell[],
  instances: BoundInstance[],
  broken: BoundInstance[],
): { diagnosis: Diagnosis; derived: Map<ArithmeticCell, number> } {
  const derivedOf = (solution: Solution) => {
    const derived = new Map<ArithmeticCell, number>();
    for (const [i, v] of solution.values) if (cells[i].value === null) derived.set(cells[i], v);
    return derived;
  };
  const base = solver.solve(new Set());
  if (base.ok && broken.length === 0) return { diagnosis: { kind: 'consistent' }, derived: derivedOf(base) };

  // Where to start: the cells of the broken rules, and of the rules that tie the unknowns.
  const seed = new Set<number>();
  for (const b of broken) for (const c of [...b.left, ...b.right]) if (editable(c)) seed.add(c.index);
  if (broken.length === 0)
    for (const c of cells) if (c.value === null) for (const e of c.instances) for (const d of [...instances[e].left, ...instances[e].right]) if (editable(d)) seed.add(d.index);
  const brokenSets = broken.map((b) => new Set([...b.left, ...b.right].map((c) => c.index)));
  const neighbours = (i: number) => {
    const out: number[] = [];
    for (const e of cells[i].instances) for (const d of [...instances[e].left, ...instances[e].right]) if (d.index !== i && editable(d)) out.push(d.index);
    return out;
  };

  for (let size = 1; size <= MAX_CORRECTIONS; size++) {
    const found: Map<number, number>[] = [];
    const visited = new Set<string>();
    let exhausted = false;
    // Sets built cell by cell, each new cell a seed or a neighbour of one already in: a smallest
    // correction is connected through its rules to the broken ones, or a part of it could go.
    const grow = (chosen: number[]): void => {
      if (exhausted) return;
      if (chosen.length === size) {
        // Every broken rule keeps its values unless one of its cells changes.
        if (!brokenSets.every((s) => chosen.some((i) => s.has(i)))) return;
        if (solver.solves >= SOLVE_BUDGET) {
          exhausted = true;
          return;
        }
        const solution = solver.solve(new Set(chosen));
        if (solution.ok) found.push(solution.values);
        return;
      }
      const candidates = new Set(seed);
      for (const i of chosen) for (const n of neighbours(i)) candidates.add(n);
      for (const c of candidates) {
        if (chosen.includes(c)) continue;
        const next = [...chosen, c].sort((a, b) => a - b);
        const key = next.join(',');
        if (visited.has(key)) continue;
        visited.add(key);
        // The last cell must complete the hitting of every broken rule.
        if (next.length === size && !brokenSets.every((s) => next.some((i) => s.has(i)))) continue;
        grow(next);
      }
    };
    grow([]);
    if (exhausted) return { diagnosis: { kind: 'unexplained' }, derived: new Map() };
    if (found.length === 0) continue;
    const asCorrections = (values: Map<number, number>) =>
      [...values].filter(([i]) => cells[i].value !== null).map(([i, value]) => ({ cell: cells[i], value }));
    if (found.length === 1) return { diagnosis: { kind: 'unique', corrections: asCorrections(found[0]) }, derived: derivedOf({ ok: true, values: found[0] }) };
    return { diagnosis: { kind: 'ambiguous', alternatives: found.map(asCorrections) }, derived: new Map() };
  }
  return { diagnosis: { kind: 'unexplained' }, derived: new Map() };
}

// ---------------------------------------------------------------------------
// Questions the checks and the hover ask
// ---------------------------------------------------------------------------

/** The instances a cell takes part in. */
export function instancesOf(t: TableArithmetic, cell: ArithmeticCell): BoundInstance[] {
  return cell.instances.map((i) => t.instances[i]);
}

/** Would setting this cell to `value` break a rule that holds now (the other cells as they are)? */
export function breaksARule(t: TableArithmetic, cell: ArithmeticCell, value: number): boolean {
  for (const bound of instancesOf(t, cell)) {
    const all = [...bound.left, ...bound.right];
    if (all.some((c) => c !== cell && c.value === null)) continue;
    const v = (c: ArithmeticCell) => (c === cell ? value : c.value!);
    if (sum(bound.left.map(v)) !== sum(bound.right.map(v))) return true;
  }
  return false;
}

/**
 * Do the rules that can be evaluated hold once these cells take these values
 * (the other cells as they are)? Only the instances the changed cells take part in are looked at.
 */
export function holdsWith(t: TableArithmetic, changes: ReadonlyMap<ArithmeticCell, number>): boolean {
  const v = (c: ArithmeticCell) => (changes.has(c) ? changes.get(c)! : c.value);
  const seen = new Set<number>();
  for (const cell of changes.keys())
    for (const bound of instancesOf(t, cell)) {
      if (seen.has(bound.index)) continue;
      seen.add(bound.index);
      const all = [...bound.left, ...bound.right];
      if (all.some((c) => v(c) === null)) continue;
      if (sum(bound.left.map((c) => v(c)!)) !== sum(bound.right.map((c) => v(c)!))) return false;
    }
  return true;
}

/** The value an instance's total would have from its other cells (undefined when one is unknown). */
export function computedTotal(bound: BoundInstance): number | undefined {
  const total = bound.total;
  const leftOthers = bound.left.filter((c) => c !== total);
  const others = [...leftOthers, ...bound.right.filter((c) => c !== total)];
  if (others.some((c) => c.value === null)) return undefined;
  const onLeft = bound.left.includes(total);
  const rightSum = sum(bound.right.filter((c) => c !== total).map((c) => c.value!));
  const leftSum = sum(leftOthers.map((c) => c.value!));
  return onLeft ? rightSum - leftSum : leftSum - rightSum;
}

/**
 * A cell's value once the diagnosis's corrections are made: the corrected
 * value when the cell is one of a unique correction, its own otherwise.
 */
export function correctedValue(report: Report, cell: Cell): number | null {
  const a = arithmetic(report);
  for (const t of [a.t3, a.t4]) {
    const c = t?.of(cell);
    if (!t || !c) continue;
    if (t.diagnosis.kind === 'unique') {
      const correction = t.diagnosis.corrections.find((x) => x.cell === c);
      if (correction) return correction.value;
    }
    return c.value;
  }
  return cell.state === 'number' ? cell.value : null;
}

/** Whether a cell takes part in a rule that does not hold (its value is then in doubt). */
export function inDoubt(report: Report, cell: Cell): boolean {
  const a = arithmetic(report);
  for (const t of [a.t3, a.t4]) {
    const c = t?.of(cell);
    if (t && c) return instancesOf(t, c).some((b) => b.state === 'broken') || (t.diagnosis.kind !== 'consistent' && t.diagnosis.kind !== 'unique');
  }
  return false;
}

/** The words naming a cell, for messages: its row and its column. */
export function wordsOf(t: TableArithmetic, cell: ArithmeticCell): { row: Text; column: Text } {
  return cellWords(t.table, cell.ref);
}
