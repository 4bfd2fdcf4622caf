/**
 * Hover: on a number cell, every rule it takes part in, as a formula with the
 * numbers (✓ when the table agrees, ✗ with the written value when it does
 * not), and what the diagnosis says of it (the likely mistake and its right
 * value); on a label or a section heading, its canonical wording and English
 * name; on a number in the prose, the table figure it was compared with.
 *
 * Every formula is derived from the rule declarations (format/rules.ts) bound
 * to the report's cells (model/arithmetic.ts); nothing is spelled out here.
 */
import { RULES, type RuleInstance, type RuleTag } from '../format/rules';
import { SECTIONS, T3_COLUMNS, T3_GROUPS, T3_ROWS, T4_COLUMNS, T4_GROUPS, TABLE2, TABLE2_2019, TABLES, cellWords, type TableId, type Text } from '../format/standard';
import { arithmetic, instancesOf, type ArithmeticCell, type BoundInstance, type TableArithmetic } from '../model/arithmetic';
import type { Cell, LabelRead, Position, Range, ReadTable, Report, TableRow } from '../model/report';
import { partAt, type DocumentAnalysis } from '../engine/analyze';
import { contains, shiftRange } from '../engine/edits';
import { formatNumber } from '../parse/text';
import { proseHoverAt } from './prose-hover';
import type { Locale } from './settings';

export interface HoverResult {
  /** Markdown. */
  markdown: string;
  /** What the hover is about, in the coordinates of the position given (absent for prose). */
  range?: Range;
}

/** Hover at a document position (any report of a multi-report document). */
export function hoverAt(analysis: DocumentAnalysis, position: Position, locale: Locale): HoverResult | undefined {
  const at = partAt(analysis, position);
  if (!at) return undefined;
  const result = reportHover(at.part.report, at.local, locale);
  if (!result) return undefined;
  return result.range ? { ...result, range: shiftRange(result.range, at.part.startLine) } : result;
}

/** Hover at a position of one report (report coordinates). */
function reportHover(report: Report, position: Position, locale: Locale): HoverResult | undefined {
  const hit = cellAt(report, position);
  if (hit) {
    const markdown = cellHover(report, hit, locale);
    return markdown ? { markdown, range: hit.cell.span!.range } : undefined;
  }
  const label = labelAt(report, position);
  if (label) return { markdown: labelHover(label.label, label.en, locale), range: label.label.span.range };
  // A number in the prose: the table figure it was compared with.
  const prose = proseHoverAt(report, report.offsetAt(position));
  return prose ? { markdown: prose[locale] } : undefined;
}

// ---------------------------------------------------------------------------
// Finding what is under the cursor
// ---------------------------------------------------------------------------

interface CellHit {
  table: ReadTable;
  row: TableRow;
  column: number;
  cell: Cell;
}

function cellAt(report: Report, position: Position): CellHit | undefined {
  for (const table of Object.values(report.tables)) {
    if (!table || !contains(table.range, position)) continue;
    for (const row of table.rows.values()) {
      for (let column = 0; column < row.cells.length; column++) {
        const cell = row.cells[column];
        if (cell.span && contains(cell.span.range, position)) return { table, row, column, cell };
      }
    }
  }
  return undefined;
}

/** English names of every canonical label, from the format data. */
const ENGLISH: ReadonlyMap<string, string> = new Map<string, string>([
  ...SECTIONS.map((s) => [s.heading, s.en] as [string, string]),
  ...TABLE2.blocks.flatMap((b) => [...b.columns, ...b.rows].map((x) => [x.label, x.en] as [string, string])),
  ...T3_COLUMNS.map((c) => [c.label, c.en] as [string, string]),
  ...T3_GROUPS.map((g) => [g.label, g.en] as [string, string]),
  ...T3_ROWS.map((r) => [r.label, r.en] as [string, string]),
  ...T4_COLUMNS.map((c) => [c.label, c.en] as [string, string]),
  ...T4_GROUPS.flatMap((g) => [[g.label, g.en] as [string, string], ...('short' in g ? [[g.short, g.en] as [string, string]] : [])]),
]);

function englishName(canonical: string): string | undefined {
  return ENGLISH.get(canonical);
}

function labelAt(report: Report, position: Position): { label: LabelRead; en?: string } | undefined {
  for (const section of report.sections) {
    if (contains(section.heading.span.range, position)) return { label: section.heading, en: section.spec.en };
  }
  for (const table of Object.values(report.tables)) {
    if (!table) continue;
    const labels = [...table.labels, ...[...table.rows.values()].map((r) => r.label)];
    for (const label of labels) {
      if (contains(label.span.range, position)) return { label, en: englishName(label.canonical) };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------

const TAG: Record<RuleTag, Text> = {
  official: { zh: '格式规定', en: 'official' },
  derived: { zh: '由表格结构推出', en: 'derived' },
  heuristic: { zh: '经验判断', en: 'heuristic' },
};

const show = (c: ArithmeticCell) => (c.value === null ? '?' : formatNumber(c.value));
const numbering = (label: string) => /^([一二三四五六七八九十]+(?=、)|[（(][一二三四五六七八九十]+[）)])/.exec(label)?.[0] ?? label;

/** A term's name in a formula: its column in a row's sum, its row's numbering in a column's. */
function termName(t: TableArithmetic, instance: RuleInstance, c: ArithmeticCell): string {
  if (t.table === 't4' || instance.rule === 't3-row-total') return cellWords(t.table, c.ref.row, c.ref.column).column.zh;
  const row = T3_ROWS.find((r) => r.key === c.ref.row);
  return numbering(row?.label ?? T3_GROUPS.find((g) => g.key === c.ref.row)?.label ?? c.ref.row);
}

/**
 * The terms of （七）总计 gathered by group: （一） + （二） + （三）1–8 + …, with
 * each group's subtotal, so the formula reads like the table.
 */
function grouped(t: TableArithmetic, instance: RuleInstance, cells: ArithmeticCell[]): { name: string; value: number | null; items?: ArithmeticCell[] }[] {
  if (instance.rule !== 't3-result-total') return cells.map((c) => ({ name: termName(t, instance, c), value: c.value }));
  const out: { name: string; value: number | null; items?: ArithmeticCell[] }[] = [];
  for (const c of cells) {
    const group = T3_ROWS.find((r) => r.key === c.ref.row)?.group;
    const last = out[out.length - 1];
    if (group && last?.items && T3_ROWS.find((r) => r.key === last.items![0].ref.row)?.group === group) {
      last.items.push(c);
      last.value = last.value === null || c.value === null ? null : last.value + c.value;
      continue;
    }
    const label = group ? T3_GROUPS.find((g) => g.key === group)!.label : (T3_ROWS.find((r) => r.key === c.ref.row)?.label ?? c.ref.row);
    out.push({ name: numbering(label), value: c.value, ...(group ? { items: [c] } : {}) });
  }
  for (const g of out)
    if (g.items && g.items.length > 1) {
      const first = /^\d+/.exec(cellWords('t3', g.items[0].ref.row, 0).row.zh)?.[0];
      const last = /^\d+/.exec(cellWords('t3', g.items[g.items.length - 1].ref.row, 0).row.zh)?.[0];
      if (first && last) g.name = `${g.name}${first}–${last}`;
    }
  return out;
}

/** One instance as a formula: `**总计** = 自然人 + … = 38 + 5 + … = **47** ✓`. */
function formula(t: TableArithmetic, bound: BoundInstance, locale: Locale): string {
  const { instance } = bound;
  const name = (cells: ArithmeticCell[]) => cells.map((c) => termName(t, instance, c)).join(' + ');
  const unknown = locale === 'zh' ? '无法核算：参与求和的格中有空白或无效的数' : 'cannot be checked: a cell in the sum is blank or not a valid number';
  if (instance.rule === 't3-balance') {
    const head = `**${name(bound.left)} = ${name(bound.right)}**（${cellWords('t3', bound.total.ref.row, bound.total.ref.column).column[locale]}）`;
    if (bound.state === 'unknown') return `${head}：${[...bound.left, ...bound.right].map(show).join(' / ')} → ${unknown}`;
    const mark = bound.state === 'holds' ? '=' : '≠';
    return `${head}：${bound.left.map(show).join(' + ')} = ${formatNumber(bound.leftSum!)} ${mark} ${bound.right.map(show).join(' + ')} = ${formatNumber(bound.rightSum!)} ${bound.state === 'holds' ? '✓' : '✗'}`;
  }
  const total = bound.total;
  const terms = grouped(t, instance, bound.right);
  const words = cellWords(t.table, total.ref.row, total.ref.column);
  const title = instance.rule === 't3-row-total' ? words.column[locale] : `${words.row[locale]}·${words.column[locale]}`;
  const head = `**${title}** = ${terms.map((g) => g.name).join(' + ')} = ${terms.map((g) => (g.value === null ? '?' : formatNumber(g.value))).join(' + ')}`;
  const lines = [];
  if (terms.some((g) => g.value === null)) lines.push(`${head} → ${unknown}`);
  else {
    const expected = terms.reduce((a, g) => a + g.value!, 0);
    const verdict =
      total.value === null
        ? locale === 'zh'
          ? '✗ 表中此格为空或不是有效数字'
          : '✗ the cell is blank or not a valid number'
        : total.value === expected
          ? '✓'
          : locale === 'zh'
            ? `✗ 表中为 ${formatNumber(total.value)}`
            : `✗ the table says ${formatNumber(total.value)}`;
    lines.push(`${head} = **${formatNumber(expected)}** ${verdict}`);
  }
  for (const g of terms) if (g.items && g.items.length > 1) lines.push(`- ${T3_GROUPS.find((x) => numbering(x.label) === g.name.replace(/\d.*$/, ''))?.label ?? g.name}：${g.items.map(show).join(' + ')} = ${g.value === null ? '?' : formatNumber(g.value)}`);
  return lines.join('\n');
}

function ruleLine(instance: RuleInstance, locale: Locale): string {
  const rule = RULES[instance.rule];
  const word = locale === 'zh' ? '规则' : 'Rule';
  return `*${word} \`${rule.id}\`（${TAG[rule.tag][locale]}）：${rule.statement[locale]}*`;
}

/** What the diagnosis says of a cell: the likely mistake and its value, or the value the rules force on a blank. */
function diagnosisLine(t: TableArithmetic, cell: ArithmeticCell, locale: Locale): string | undefined {
  const d = t.diagnosis;
  const correction = d.kind === 'unique' ? d.corrections.find((c) => c.cell === cell) : undefined;
  if (correction)
    return locale === 'zh'
      ? `**此格很可能填错**：若为 ${formatNumber(correction.value)}，表中所有规则都成立`
      : `**This cell is likely the mistake**: with ${formatNumber(correction.value)}, every rule of the table holds`;
  const derived = t.derived.get(cell);
  if (derived !== undefined)
    return locale === 'zh' ? `按表中其他数字推算，此格应为 **${formatNumber(derived)}**` : `The table's other numbers make this cell **${formatNumber(derived)}**`;
  if (d.kind === 'ambiguous' && d.alternatives.some((a) => a.some((c) => c.cell === cell)))
    return locale === 'zh' ? '此格可能填错，但也可能是别处填错：无法确定' : 'This cell may be the mistake, or another may: it cannot be told';
  return undefined;
}

/** A cell's row and column in English, from the format data. */
function englishOf(table: TableId, row: string, column: number, format: '2021' | '2019'): string {
  if (table === 't2') {
    const block = (format === '2019' ? TABLE2_2019 : TABLE2).blocks.find((b) => b.rows.some((r) => r.key === row));
    return `${block?.rows.find((r) => r.key === row)?.en ?? row} · ${block?.columns[column]?.en ?? column}`;
  }
  if (table === 't4') return `${T4_GROUPS.find((g) => g.key === row)?.en ?? row} · ${T4_COLUMNS[column]?.en ?? column}`;
  return `${T3_ROWS.find((r) => r.key === row)?.en ?? T3_GROUPS.find((g) => g.key === row)?.en ?? row} · ${T3_COLUMNS[column]?.en ?? column}`;
}

function cellHover(report: Report, hit: CellHit, locale: Locale): string | undefined {
  const { table, row, column } = hit;
  const words = cellWords(table.id, row.key, column, table.format);
  const where = `${TABLES[table.id].short[locale]} · ${words.row[locale]} · ${words.column[locale]}`;
  if (table.id === 't2') {
    const block = (table.format === '2019' ? undefined : TABLE2.blocks.find((b) => b.rows.some((r) => r.key === row.key)));
    return [`**${words.row.zh}** · **${words.column.zh}** — ${englishOf(table.id, row.key, column, table.format)}`, block ? `${where} · ${block.article}` : where].join('\n\n');
  }
  const t = arithmetic(report)[table.id];
  const cell = t?.of(hit.cell);
  if (!t || !cell) return undefined;
  const parts: string[] = [];
  const instances = instancesOf(t, cell);
  // The rules this cell is the total of come first.
  for (const bound of [...instances.filter((b) => b.total === cell), ...instances.filter((b) => b.total !== cell)]) {
    parts.push(formula(t, bound, locale), ruleLine(bound.instance, locale));
  }
  if (instances.every((b) => b.total !== cell)) parts.unshift(`**${words.row.zh}** · **${words.column.zh}** — ${englishOf(table.id, row.key, column, table.format)}`);
  const diagnosis = diagnosisLine(t, cell, locale);
  if (diagnosis) parts.unshift(diagnosis);
  parts.push(where);
  return parts.join('\n\n');
}

function labelHover(label: LabelRead, en: string | undefined, locale: Locale): string {
  const lines = [`**${label.canonical}**${en ? ` — ${en}` : ''}`];
  if (label.deviates) {
    lines.push(
      locale === 'zh'
        ? `标准写法为“${label.canonical}”，此处写作“${label.span.text}”`
        : `The standard wording is “${label.canonical}”; written here as “${label.span.text}”`,
    );
  }
  return lines.join('\n\n');
}
