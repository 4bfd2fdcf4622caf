/**
 * The canonical Markdown of the standard tables and of a whole report skeleton,
 * rendered from the format data. Snippets, the insert-section and insert-table
 * fixes and the convert-to-standard-table action all use these; no table is
 * written by hand.
 *
 * Table 3 follows the official grid (国办公开办函〔2021〕30号): three label
 * columns and seven number columns, under its real header rows — the corner
 * note, 申请人情况, then 自然人 · 法人或其他组织 · 总计, then the five kinds of
 * organisation. A GFM table cannot merge cells, so a merged cell is written
 * once, in its first grid cell, and the cells it covers are left empty.
 */
import {
  FORMAT_DOCUMENT,
  REGULATION,
  SECTIONS,
  T2_HEADER,
  T3_COLUMNS,
  T3_CORNER_NOTE,
  T3_GROUPS,
  T3_HEADERS,
  T3_ORGANISATION_COLUMNS,
  T3_ROWS,
  T3_TOTAL_COLUMN,
  T3_2019_SINGLE_ROW,
  T4_COLUMNS,
  T4_GROUPS,
  T4_LITIGATION,
  TABLE2,
  type SectionSpec,
  type Table2Layout,
  type TableId,
} from './standard';

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
  /** Table 2 in the 2019 layout. */
  table2?: Table2Layout;
  /** Table 3 with the single （六）其他处理 row of the 2019 layout. */
  singleOtherHandling?: boolean;
  /** Rows to leave out (a table converted keeps only the rows it has). */
  omit?: ReadonlySet<string>;
  /** Table 3 without its header rows (the corner note …): for a table converted that had none. */
  noHeaders?: boolean;
}

export function renderTable2(cell: CellWriter = blankCells, options: RenderOptions = {}): string {
  const layout = options.table2 ?? TABLE2;
  const width = 1 + Math.max(...layout.blocks.map((b) => b.columns.length));
  const pad = (cells: string[]) => [...cells, ...new Array(width - cells.length).fill('')];
  const lines: string[] = [];
  layout.blocks.forEach((block, b) => {
    lines.push(gfmRow(pad([block.article])));
    if (b === 0) lines.push(delimiter(width));
    lines.push(gfmRow(pad([T2_HEADER, ...block.columns.map((c) => c.label)])));
    for (const r of block.rows) {
      if (options.omit?.has(r.key)) continue;
      lines.push(gfmRow(pad([r.label, ...block.columns.map((_, i) => cell(`t2/${r.key}/${i}`))])));
    }
  });
  return lines.join('\n');
}

/** Table 3's grid: three label columns (三、本年度办理结果 · the group · the item), then the seven numbers. */
const T3_LABEL_COLUMNS = 3;

export function renderTable3(cell: CellWriter = blankCells, options: RenderOptions = {}): string {
  const width = T3_LABEL_COLUMNS + T3_COLUMNS.length;
  const blank = (n: number) => new Array<string>(n).fill('');
  const headerRow = (numbers: string[]) => gfmRow([...blank(T3_LABEL_COLUMNS), ...numbers]);
  const organisations = T3_ORGANISATION_COLUMNS.map((i) => T3_COLUMNS[i].label);
  const lines = options.noHeaders
    ? [gfmRow([...blank(T3_LABEL_COLUMNS), ...T3_COLUMNS.map((c) => c.label)]), delimiter(width)]
    : [
        gfmRow([T3_CORNER_NOTE, ...blank(T3_LABEL_COLUMNS - 1), T3_HEADERS.applicants, ...blank(T3_COLUMNS.length - 1)]),
        delimiter(width),
        headerRow([T3_COLUMNS[0].label, T3_HEADERS.organisations, ...blank(organisations.length - 1), T3_COLUMNS[T3_TOTAL_COLUMN].label]),
        headerRow(['', ...organisations, '']),
      ];
  const results = T3_GROUPS.find((g) => g.key === 'results')!.label;
  const groupLabel = (key: string | undefined) => T3_GROUPS.find((g) => g.key === key)?.label ?? '';
  let resultsShown = false;
  let lastGroup: string | undefined;
  const numbers = (key: string) => T3_COLUMNS.map((_, i) => cell(`t3/${key}/${i}`));
  for (const r of T3_ROWS) {
    if (options.singleOtherHandling && r.group === T3_2019_SINGLE_ROW.replaces) {
      if (lastGroup !== r.group) lines.push(gfmRow(['', T3_2019_SINGLE_ROW.label, '', ...numbers(T3_2019_SINGLE_ROW.key)]));
      lastGroup = r.group;
      continue;
    }
    if (options.omit?.has(r.key)) continue;
    const inResults = r.role === 'result' || r.role === 'resultTotal';
    // 三、本年度办理结果 stands once, beside the first result row; a group label once, beside its first item.
    const first = inResults && !resultsShown ? results : '';
    if (inResults) resultsShown = true;
    if (r.group) {
      lines.push(gfmRow([first, r.group !== lastGroup ? groupLabel(r.group) : '', r.label, ...numbers(r.key)]));
    } else if (inResults) {
      lines.push(gfmRow([first, r.label, '', ...numbers(r.key)]));
    } else {
      lines.push(gfmRow([r.label, '', '', ...numbers(r.key)]));
    }
    lastGroup = r.group;
  }
  return lines.join('\n');
}

export function renderTable4(cell: CellWriter = blankCells): string {
  const n = T4_GROUPS.length * T4_COLUMNS.length;
  const blank = (k: number) => new Array<string>(k).fill('');
  const lines = [
    gfmRow([T4_GROUPS[0].label, ...blank(T4_COLUMNS.length - 1), T4_LITIGATION, ...blank(n - T4_COLUMNS.length - 1)]),
    delimiter(n),
    gfmRow([...blank(T4_COLUMNS.length), ...T4_GROUPS.slice(1).flatMap((g) => ['short' in g ? g.short : g.label, ...blank(T4_COLUMNS.length - 1)])]),
    gfmRow(T4_GROUPS.flatMap(() => T4_COLUMNS.map((c) => c.label))),
    gfmRow(T4_GROUPS.flatMap((g) => T4_COLUMNS.map((_, i) => cell(`t4/${g.key}/${i}`)))),
  ];
  return lines.join('\n');
}

/** A standard table, its numbers written by `cell` (blank by default: to be filled in). */
export function renderTable(id: TableId, cell: CellWriter = blankCells, options: RenderOptions = {}): string {
  if (id === 't2') return renderTable2(cell, options);
  if (id === 't3') return renderTable3(cell, options);
  return renderTable4(cell);
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
