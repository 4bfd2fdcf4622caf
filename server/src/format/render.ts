/**
 * The canonical Markdown of the standard tables and of a whole report skeleton.
 * Snippets, the insert-section and insert-table fixes, the convert-to-standard-
 * table action and the review's summed tables all use these; no table is
 * written by hand.
 *
 * A table is the official merged-cell layout (format/layout.ts, the one grid
 * the preview and the exports draw too) written as GFM. A GFM table cannot
 * merge cells, so a merged cell is written once, in its first grid cell, and
 * the cells it covers are left empty: Table 3 has its three label columns and
 * its real header rows (the corner note, 申请人情况, then 自然人 · 法人或其他组织
 * · 总计, then the five kinds of organisation).
 */
import { officialTable, placedCells, type OfficialTable } from './layout';
import { FORMAT_DOCUMENT, REGULATION, SECTIONS, type SectionSpec, type TableId } from './standard';

/**
 * How a number cell is written: a fixed value, a snippet tab stop, or nothing
 * (a table inserted to be filled in). The callback receives a stable path for
 * the cell (`t3/new/0`).
 */
export type CellWriter = (path: string) => string;

/** Every number left blank: a table inserted for the clerk to fill in. */
const blankCells: CellWriter = () => '';

/** A GFM row; an empty cell is written `| |`, as clerks and the examples write it. */
const gfmRow = (cells: string[]) => `|${cells.map((c) => (c === '' ? ' ' : ` ${c} `)).join('|')}|`;
const delimiter = (n: number) => gfmRow(new Array(n).fill('---'));

export interface RenderOptions {
  /** The 2019 trial layout: its Table 2, or Table 3's single （六）其他处理 row. */
  format?: '2021' | '2019';
  /** Rows to leave out (a table converted keeps only the rows it has). */
  omit?: ReadonlySet<string>;
}

/**
 * The official layout written as GFM: each merged cell once, in the first grid
 * cell of it that is shown, the cells it covers left empty. A row left out
 * (`omit`) takes its labels' text down to the next row they cover.
 */
function gfmTable(table: OfficialTable, cell: CellWriter, options: RenderOptions): string {
  const shown = table.rows.map((cells, row) =>
    row < table.headerRows || !cells.some((c) => c.role === 'number' && options.omit?.has(c.row!)),
  );
  const grid = table.rows.map(() => new Array<string>(table.width).fill(''));
  for (const { cell: c, row, column } of placedCells(table)) {
    let first = row;
    while (first < row + c.rowSpan && !shown[first]) first++;
    if (first === row + c.rowSpan) continue;
    grid[first][column] = c.role === 'number' ? cell(`${table.id}/${c.row}/${c.column}`) : (c.text ?? '');
  }
  const lines = grid.filter((_, row) => shown[row]).map(gfmRow);
  lines.splice(1, 0, delimiter(table.width));
  return lines.join('\n');
}

/** A standard table, its numbers written by `cell` (blank by default: to be filled in). */
export function renderTable(id: TableId, cell: CellWriter = blankCells, options: RenderOptions = {}): string {
  return gfmTable(officialTable(id, { format: options.format }), cell, options);
}

function headingLine(spec: SectionSpec, depth: number | undefined): string {
  return depth ? `${'#'.repeat(depth)} ${spec.heading}` : spec.heading;
}

/** A section with its standard table (if it has one, its numbers blank), as inserted by the missing-section fix. */
export function renderSection(spec: SectionSpec, depth: number | undefined): string {
  const parts = [headingLine(spec, depth)];
  if (spec.table) parts.push(renderTable(spec.table));
  return parts.join('\n\n');
}

/** A whole report skeleton: title, intro, the six sections and the three tables. */
export function renderSkeleton(options: { unit: string; year: string; cell: CellWriter; text?: (name: string, value: string) => string }): string {
  const text = options.text ?? ((_n: string, v: string) => v);
  const lines = [
    `# ${options.unit}${options.year}年政府信息公开工作年度报告`,
    '',
    `本报告根据${REGULATION}和《关于印发中华人民共和国政府信息公开工作年度报告格式的通知》（${FORMAT_DOCUMENT}）编制。统计期限为${options.year}年1月1日至${options.year}年12月31日。`,
  ];
  for (const spec of SECTIONS) {
    lines.push('', `## ${spec.heading}`, '');
    if (spec.table) lines.push(renderTable(spec.table, options.cell));
    else lines.push(text(`section${spec.number}`, spec.number === 6 ? '本年度未收取信息处理费。' : '（请填写）'));
  }
  return lines.join('\n') + '\n';
}
