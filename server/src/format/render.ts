/**
 * The canonical Markdown of the standard tables and of a whole report skeleton,
 * rendered from the format data. Snippets, the insert-section fix and the
 * convert-to-standard-table action all use these; no table is written by hand.
 */
import {
  FORMAT_DOCUMENT,
  REGULATION,
  SECTIONS,
  T3_COLUMNS,
  T3_GROUPS,
  T3_ROWS,
  T4_COLUMNS,
  T4_GROUPS,
  TABLE2,
  type SectionSpec,
  type TableId,
} from './standard';

/**
 * How a number cell is written: a fixed value, or a snippet tab stop. The
 * callback receives a stable path for the cell (`t3/new/0`).
 */
export type CellWriter = (path: string, value: number | null | undefined) => string;

export const plainCells: CellWriter = (_path, value) => (value === null || value === undefined ? '0' : String(value));

/** A GFM row; an empty cell is written `| |`, as clerks and the examples write it. */
const row = (cells: string[]) => `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`;
const delimiter = (n: number) => row(new Array(n).fill('---'));

export type TableValues = Partial<Record<string, (number | null)[]>>;

export function renderTable2(values: TableValues = {}, cell: CellWriter = plainCells): string {
  const width = 1 + Math.max(...TABLE2.blocks.map((b) => b.columns.length));
  const pad = (cells: string[]) => [...cells, ...new Array(width - cells.length).fill('')];
  const lines: string[] = [];
  TABLE2.blocks.forEach((block, b) => {
    lines.push(row(pad([block.article])));
    if (b === 0) lines.push(delimiter(width));
    lines.push(row(pad(['信息内容', ...block.columns.map((c) => c.label)])));
    for (const r of block.rows) {
      const v = values[r.key] ?? [];
      lines.push(row(pad([r.label, ...block.columns.map((_, i) => cell(`t2/${r.key}/${i}`, v[i]))])));
    }
  });
  return lines.join('\n');
}

export function renderTable3(values: TableValues = {}, cell: CellWriter = plainCells): string {
  const width = 2 + T3_COLUMNS.length;
  const lines = [row(['本年度办理结果', '', ...T3_COLUMNS.map((c) => c.label)]), delimiter(width)];
  const groupLabel = (key: string | undefined) => T3_GROUPS.find((g) => g.key === key)?.label ?? '';
  let lastGroup: string | undefined;
  for (const r of T3_ROWS) {
    const v = values[r.key] ?? [];
    const numbers = T3_COLUMNS.map((_, i) => cell(`t3/${r.key}/${i}`, v[i]));
    if (r.group) {
      // The group label stands once, beside its first item.
      lines.push(row([r.group !== lastGroup ? groupLabel(r.group) : '', r.label, ...numbers]));
    } else {
      lines.push(row([r.label, '', ...numbers]));
    }
    lastGroup = r.group;
  }
  return lines.join('\n');
}

export function renderTable4(values: TableValues = {}, cell: CellWriter = plainCells): string {
  const n = T4_GROUPS.length * T4_COLUMNS.length;
  const blank = (k: number) => new Array(k).fill('');
  const lines = [
    row([T4_GROUPS[0].label, ...blank(T4_COLUMNS.length - 1), '行政诉讼', ...blank(n - T4_COLUMNS.length - 1)]),
    delimiter(n),
    row([
      ...blank(T4_COLUMNS.length),
      ...T4_GROUPS.slice(1).flatMap((g) => ['short' in g ? g.short : g.label, ...blank(T4_COLUMNS.length - 1)]),
    ]),
    row(T4_GROUPS.flatMap(() => T4_COLUMNS.map((c) => c.label))),
    row(T4_GROUPS.flatMap((g) => T4_COLUMNS.map((_, i) => cell(`t4/${g.key}/${i}`, values[g.key]?.[i])))),
  ];
  return lines.join('\n');
}

export const RENDERERS: Record<TableId, (values?: TableValues, cell?: CellWriter) => string> = {
  t2: renderTable2,
  t3: renderTable3,
  t4: renderTable4,
};

export function headingLine(spec: SectionSpec, depth: number | undefined): string {
  return depth ? `${'#'.repeat(depth)} ${spec.heading}` : spec.heading;
}

/** A section with its standard table (if it has one), as inserted by the missing-section fix. */
export function renderSection(spec: SectionSpec, depth: number | undefined, cell: CellWriter = plainCells): string {
  const parts = [headingLine(spec, depth)];
  if (spec.table) parts.push(RENDERERS[spec.table]({}, cell));
  return parts.join('\n\n');
}

/** A whole report skeleton: title, intro, the six sections and the three tables. */
export function renderSkeleton(options: { unit: string; year: string; cell?: CellWriter; text?: (name: string, value: string) => string }): string {
  const cell = options.cell ?? plainCells;
  const text = options.text ?? ((_n: string, v: string) => v);
  const lines = [
    `# ${options.unit}${options.year}年政府信息公开工作年度报告`,
    '',
    `本报告根据${REGULATION}和《关于印发中华人民共和国政府信息公开工作年度报告格式的通知》（${FORMAT_DOCUMENT}）编制。统计期限为${options.year}年1月1日至${options.year}年12月31日。`,
  ];
  for (const spec of SECTIONS) {
    lines.push('', `## ${spec.heading}`, '');
    if (spec.table) lines.push(RENDERERS[spec.table]({}, cell));
    else lines.push(text(`section${spec.number}`, spec.number === 6 ? '本年度未收取信息处理费。' : '（请填写）'));
  }
  return lines.join('\n') + '\n';
}
