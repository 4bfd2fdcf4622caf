/**
 * Hover: on a total cell, the formula it must satisfy with the numbers it adds
 * up and the computed value (✓ when the table agrees, ✗ with the written value
 * when it does not); on other number cells, which row and column they are; on
 * a label or a section heading, its canonical wording and English name.
 *
 * Every formula is derived from the format data (T3_COLUMNS, T3_ROWS, T3_GROUPS,
 * T4_COLUMNS, T4_GROUPS and the RULES statements); nothing is spelled out here.
 */
import {
  RULES,
  SECTIONS,
  T3_APPLICANT_COLUMNS,
  T3_COLUMNS,
  T3_GROUPS,
  T3_ROWS,
  T3_TOTAL_COLUMN,
  T4_COLUMNS,
  T4_GROUPS,
  T4_TOTAL_COLUMN,
  TABLE2,
  type RuleSpec,
  type Text,
} from '../format/standard';
import type { Cell, LabelRead, Position, Range, ReadTable, Report, TableRow } from '../model/report';
import { partAt, shiftRange, type DocumentAnalysis } from '../engine/analyze';
import { resultRows } from '../checks/arithmetic';
import { formatNumber } from '../checks/check';
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
export function reportHover(report: Report, position: Position, locale: Locale): HoverResult | undefined {
  const hit = cellAt(report, position);
  if (hit) {
    const markdown = cellHover(hit, locale);
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

export function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

export interface CellHit {
  table: ReadTable;
  row: TableRow;
  column: number;
  cell: Cell;
}

export function cellAt(report: Report, position: Position): CellHit | undefined {
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

export function englishName(canonical: string): string | undefined {
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

const TAG: Record<RuleSpec['tag'], Text> = {
  official: { zh: '格式规定', en: 'official' },
  derived: { zh: '由表格结构推出', en: 'derived' },
  heuristic: { zh: '经验判断', en: 'heuristic' },
};

const round = (n: number) => Math.round(n * 10000) / 10000;
const isNumber = (cell: Cell | undefined): cell is Cell & { value: number } => !!cell && cell.state === 'number' && cell.value !== null;

interface Term {
  label: string;
  /** The value, or null when a cell is blank, invalid or missing. */
  value: number | null;
}

/** One formula: `**name** = a + b = 1 + 2 = **3** ✓`. */
function formula(name: string, terms: Term[], written: Cell, locale: Locale, termLabels = terms.map((t) => t.label)): string {
  const values = terms.map((t) => (t.value === null ? '?' : formatNumber(t.value)));
  const head = `**${name}** = ${termLabels.join(' + ')} = ${values.join(' + ')}`;
  if (terms.some((t) => t.value === null)) {
    return `${head} → ${locale === 'zh' ? '无法核算：参与求和的格中有空白或无效的数' : 'cannot be checked: a cell in the sum is blank or not a valid number'}`;
  }
  const expected = round(terms.reduce((acc, t) => acc + t.value!, 0));
  const verdict = !isNumber(written)
    ? written.state === 'blank' || written.state === 'missing'
      ? locale === 'zh'
        ? '✗ 表中此格为空'
        : '✗ the cell is blank'
      : locale === 'zh'
        ? '✗ 表中此格不是有效数字'
        : '✗ the cell is not a valid number'
    : written.value === expected
      ? '✓'
      : locale === 'zh'
        ? `✗ 表中为 ${formatNumber(written.value)}`
        : `✗ the table says ${formatNumber(written.value)}`;
  return `${head} = **${formatNumber(expected)}** ${verdict}`;
}

function ruleLine(rule: RuleSpec, locale: Locale): string {
  const word = locale === 'zh' ? '规则' : 'Rule';
  return `*${word} \`${rule.id}\`（${TAG[rule.tag][locale]}）：${rule.statement[locale]}*`;
}

const valueOf = (cell: Cell | undefined): number | null => (isNumber(cell) ? cell.value : null);

/** In every row: 总计 = the six applicant columns. */
function rowTotalFormula(row: TableRow, locale: Locale): string {
  const terms = T3_APPLICANT_COLUMNS.map((i) => ({ label: T3_COLUMNS[i].label, value: valueOf(row.cells[i]) }));
  return formula(T3_COLUMNS[T3_TOTAL_COLUMN].label, terms, row.cells[T3_TOTAL_COLUMN], locale);
}

/** The numbering of a label: `（三）` of `（三）不予公开`. */
const numbering = (label: string) => /^[（(][一二三四五六七八九十]+[）)]/.exec(label)?.[0] ?? label;

/**
 * In every column: （七）总计 = the result rows, shown by group: （一） + （二） +
 * （三）1–8 + … with each group's subtotal, and the items of each group below.
 */
function resultTotalFormula(table: ReadTable, column: number, locale: Locale): string {
  const rows = resultRows(table);
  if (rows.length === 0) return locale === 'zh' ? '表中读不到办理结果各行，无法核算（七）总计' : 'No result rows were read, so （七）总计 cannot be checked';
  const groups: { label: string; name: string; rows: TableRow[] }[] = [];
  for (const row of rows) {
    const spec = T3_ROWS.find((r) => r.key === row.key);
    const groupKey = spec?.group ?? row.key;
    let group = groups.find((g) => g.rows.length && (T3_ROWS.find((r) => r.key === g.rows[0].key)?.group ?? g.rows[0].key) === groupKey);
    if (!group) {
      const groupSpec = spec?.group ? T3_GROUPS.find((g) => g.key === spec.group) : undefined;
      const name = groupSpec?.label ?? row.label.canonical;
      group = { label: numbering(name), name, rows: [] };
      groups.push(group);
    }
    group.rows.push(row);
  }
  const sumOf = (g: (typeof groups)[number]) => {
    const values = g.rows.map((r) => valueOf(r.cells[column]));
    return values.some((v) => v === null) ? null : round(values.reduce((a, b) => a! + b!, 0)!);
  };
  const itemRange = (g: (typeof groups)[number]) => {
    if (g.rows.length < 2) return g.label;
    const first = /^\d+/.exec(g.rows[0].label.canonical)?.[0];
    const last = /^\d+/.exec(g.rows[g.rows.length - 1].label.canonical)?.[0];
    return first && last ? `${g.label}${first}–${last}` : g.label;
  };
  const resultTotal = table.rows.get('resultTotal')!;
  const name = `${T3_ROWS.find((r) => r.role === 'resultTotal')!.label}·${T3_COLUMNS[column].label}`;
  const terms = groups.map((g) => ({ label: g.label, value: sumOf(g) }));
  const lines = [formula(name, terms, resultTotal.cells[column], locale, groups.map(itemRange))];
  const details = groups
    .filter((g) => g.rows.length > 1)
    .map((g) => {
      const values = g.rows.map((r) => valueOf(r.cells[column]));
      const sum = sumOf(g);
      return `- ${g.name}：${values.map((v) => (v === null ? '?' : formatNumber(v))).join(' + ')} = ${sum === null ? '?' : formatNumber(sum)}`;
    });
  if (details.length) lines.push('', ...details);
  return lines.join('\n');
}

/** 一 + 二 = （七） + 四 in one column. */
function balanceLine(table: ReadTable, column: number, locale: Locale): string | undefined {
  const byRole = (role: string) => {
    const spec = T3_ROWS.find((r) => r.role === role)!;
    return { spec, row: table.rows.get(spec.key) };
  };
  const [a, b, c, d] = ['new', 'carried', 'resultTotal', 'carryNext'].map(byRole);
  if (!a.row || !b.row || !c.row || !d.row) return undefined;
  const short = (label: string) => /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])/.exec(label)?.[0].replace(/、$/, '') ?? label;
  const va = valueOf(a.row.cells[column]);
  const vb = valueOf(b.row.cells[column]);
  const vc = valueOf(c.row.cells[column]);
  const vd = valueOf(d.row.cells[column]);
  const show = (v: number | null) => (v === null ? '?' : formatNumber(v));
  const head = `**${short(a.spec.label)} + ${short(b.spec.label)} = ${short(c.spec.label)} + ${short(d.spec.label)}**（${T3_COLUMNS[column].label}）：${show(va)} + ${show(vb)}`;
  if ([va, vb, vc, vd].some((v) => v === null)) return `${head} = ? ${locale === 'zh' ? '无法核算' : 'cannot be checked'}`;
  const left = round(va! + vb!);
  const right = round(vc! + vd!);
  const mark = left === right ? '=' : '≠';
  return `${head} = ${formatNumber(left)} ${mark} ${show(vc)} + ${show(vd)} = ${formatNumber(right)} ${left === right ? '✓' : '✗'}`;
}

const BALANCE_ROWS = new Set(T3_ROWS.filter((r) => ['new', 'carried', 'resultTotal', 'carryNext'].includes(r.role)).map((r) => r.key));

function cellHover(hit: CellHit, locale: Locale): string | undefined {
  const { table, row, column } = hit;
  const parts: string[] = [];
  if (table.id === 't3') {
    const spec = T3_ROWS.find((r) => r.key === row.key);
    const columnSpec = T3_COLUMNS[column];
    if (!columnSpec) return undefined;
    const where = `${locale === 'zh' ? '表三' : 'Table 3'} · ${row.label.canonical} · ${columnSpec.label}`;
    if (row.key === 'resultTotal') {
      parts.push(resultTotalFormula(table, column, locale), ruleLine(RULES.t3ResultTotal, locale));
      if (column === T3_TOTAL_COLUMN) parts.push(rowTotalFormula(row, locale), ruleLine(RULES.t3RowTotal, locale));
    } else if (column === T3_TOTAL_COLUMN) {
      parts.push(rowTotalFormula(row, locale), ruleLine(RULES.t3RowTotal, locale));
    } else {
      parts.push(`**${row.label.canonical}** · **${columnSpec.label}**${spec ? ` — ${spec.en} · ${columnSpec.en}` : ''}`);
    }
    if (BALANCE_ROWS.has(row.key)) {
      const balance = balanceLine(table, column, locale);
      if (balance) parts.push(balance, ruleLine(RULES.t3Balance, locale));
    }
    parts.push(where);
  } else if (table.id === 't4') {
    const group = T4_GROUPS.find((g) => g.key === row.key);
    const columnSpec = T4_COLUMNS[column];
    if (!group || !columnSpec) return undefined;
    if (column === T4_TOTAL_COLUMN) {
      const terms = T4_COLUMNS.slice(0, T4_TOTAL_COLUMN).map((c, i) => ({ label: c.label, value: valueOf(row.cells[i]) }));
      parts.push(formula(`${group.label}·${columnSpec.label}`, terms, row.cells[column], locale), ruleLine(RULES.t4Total, locale));
    } else {
      parts.push(`**${group.label}** · **${columnSpec.label}** — ${group.en} · ${columnSpec.en}`);
    }
    parts.push(locale === 'zh' ? '表四' : 'Table 4');
  } else {
    const block = TABLE2.blocks.find((b) => b.rows.some((r) => r.key === row.key));
    const rowSpec = block?.rows.find((r) => r.key === row.key);
    const columnSpec = block?.columns[column];
    if (!block || !rowSpec || !columnSpec) return undefined;
    parts.push(`**${rowSpec.label}** · **${columnSpec.label}** — ${rowSpec.en} · ${columnSpec.en}`);
    parts.push(`${locale === 'zh' ? '表二' : 'Table 2'} · ${block.article}`);
  }
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
