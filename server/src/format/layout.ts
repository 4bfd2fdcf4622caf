/**
 * The three standard tables in their official merged-cell layout
 * (国办公开办函〔2021〕30号, as the Word template and government web pages lay
 * them out), derived from the format data. The preview, the Markdown preview
 * plugin and the Word and HTML exports all draw the tables from this one grid;
 * none of them spells out a row, a label or a merge.
 *
 * A table is a list of rows; a row lists the cells that start in it, left to
 * right, each with its span (as HTML's colspan/rowspan and Word's gridSpan /
 * vMerge count them). A number cell names the report cell it shows.
 */
import {
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
  TABLE2_2019,
  type TableId,
} from './standard';

export interface LayoutCell {
  /**
   * corner: Table 3's note; header: a column heading; label: a row's or a
   * group's label; number: a cell of the report.
   */
  role: 'corner' | 'header' | 'label' | 'number';
  /** The words shown (headers and labels). */
  text?: string;
  rowSpan: number;
  colSpan: number;
  /**
   * For a header or label: what it heads, as HTML's `<th scope>` says it — a
   * column, a group of columns, a row or a group of rows.
   */
  scope?: 'col' | 'colgroup' | 'row' | 'rowgroup';
  /** For a label: the key of its row or group in the format data. For a number: its row. */
  row?: string;
  /** For a number: its column in the report's row (0-based, as ReadTable cells count). */
  column?: number;
}

export interface OfficialTable {
  id: TableId;
  /** Grid columns. */
  width: number;
  /** The first rows are the header (`<thead>`). */
  headerRows: number;
  rows: LayoutCell[][];
  /**
   * Relative column widths (they sum to 1), as the Word template sets them:
   * Table 3's label columns wide, its seven number columns equal.
   */
  columnWidths: number[];
}

export interface LayoutOptions {
  /** The 2019 trial layout: its Table 2, and Table 3's single （六）其他处理 row. */
  format?: '2021' | '2019';
}

const one = { rowSpan: 1, colSpan: 1 } as const;
const equalWidths = (n: number) => new Array<number>(n).fill(1 / n);

function table2(format: '2021' | '2019'): OfficialTable {
  const layout = format === '2019' ? TABLE2_2019 : TABLE2;
  const width = 1 + Math.max(...layout.blocks.map((b) => b.columns.length));
  const rows: LayoutCell[][] = [];
  for (const block of layout.blocks) {
    // The article heads the block across the whole width; a block with fewer
    // columns lets its last column take the rest (label + one cell spanning 3).
    rows.push([{ role: 'header', text: block.article, rowSpan: 1, colSpan: width, scope: 'colgroup' }]);
    const span = (i: number) => (i === block.columns.length - 1 ? width - block.columns.length : 1);
    rows.push([
      { role: 'header', text: T2_HEADER, ...one, scope: 'col' },
      ...block.columns.map((c, i): LayoutCell => ({ role: 'header', text: c.label, rowSpan: 1, colSpan: span(i), scope: 'col' })),
    ]);
    for (const r of block.rows) {
      rows.push([
        { role: 'label', text: r.label, ...one, scope: 'row', row: r.key },
        ...block.columns.map((_, i): LayoutCell => ({ role: 'number', rowSpan: 1, colSpan: span(i), row: r.key, column: i })),
      ]);
    }
  }
  // Table 2 has no header rows of its own: each block carries its own.
  return { id: 't2', width, headerRows: 0, rows, columnWidths: [0.4, ...equalWidths(width - 1).map((w) => w * 0.6)] };
}

/** Table 3's grid: three label columns (三、本年度办理结果 · the group · the item), then the seven numbers. */
const T3_LABEL_COLUMNS = 3;

function table3(format: '2021' | '2019'): OfficialTable {
  const numbers = (row: string): LayoutCell[] => T3_COLUMNS.map((_, column) => ({ role: 'number', ...one, row, column }));
  const organisations = T3_ORGANISATION_COLUMNS.map((i) => T3_COLUMNS[i].label);
  const rows: LayoutCell[][] = [
    [
      { role: 'corner', text: T3_CORNER_NOTE, rowSpan: 3, colSpan: T3_LABEL_COLUMNS },
      { role: 'header', text: T3_HEADERS.applicants, rowSpan: 1, colSpan: T3_COLUMNS.length, scope: 'colgroup' },
    ],
    [
      { role: 'header', text: T3_COLUMNS[0].label, rowSpan: 2, colSpan: 1, scope: 'col' },
      { role: 'header', text: T3_HEADERS.organisations, rowSpan: 1, colSpan: organisations.length, scope: 'colgroup' },
      { role: 'header', text: T3_COLUMNS[T3_TOTAL_COLUMN].label, rowSpan: 2, colSpan: 1, scope: 'col' },
    ],
    organisations.map((text): LayoutCell => ({ role: 'header', text, ...one, scope: 'col' })),
  ];

  // The body rows as the format lists them, with the 2019 layout's single
  // （六）其他处理 row standing for its three items.
  const body: { key: string; label: string; group?: string; inResults: boolean }[] = [];
  for (const r of T3_ROWS) {
    const inResults = r.role === 'result' || r.role === 'resultTotal';
    if (format === '2019' && r.group === T3_2019_SINGLE_ROW.replaces) {
      if (!body.some((b) => b.key === T3_2019_SINGLE_ROW.key)) body.push({ key: T3_2019_SINGLE_ROW.key, label: T3_2019_SINGLE_ROW.label, inResults });
      continue;
    }
    body.push({ key: r.key, label: r.label, group: r.group, inResults });
  }
  const resultsSpan = body.filter((b) => b.inResults).length;
  const groupSpan = (group: string) => body.filter((b) => b.group === group).length;
  const results = T3_GROUPS.find((g) => g.key === 'results')!;
  let resultsShown = false;
  let lastGroup: string | undefined;
  for (const b of body) {
    const cells: LayoutCell[] = [];
    if (b.inResults && !resultsShown) {
      cells.push({ role: 'label', text: results.label, rowSpan: resultsSpan, colSpan: 1, scope: 'rowgroup', row: results.key });
      resultsShown = true;
    }
    if (b.group) {
      if (b.group !== lastGroup) {
        const group = T3_GROUPS.find((g) => g.key === b.group)!;
        cells.push({ role: 'label', text: group.label, rowSpan: groupSpan(b.group), colSpan: 1, scope: 'rowgroup', row: group.key });
      }
      cells.push({ role: 'label', text: b.label, ...one, scope: 'row', row: b.key });
    } else {
      cells.push({ role: 'label', text: b.label, rowSpan: 1, colSpan: b.inResults ? 2 : T3_LABEL_COLUMNS, scope: 'row', row: b.key });
    }
    rows.push([...cells, ...numbers(b.key)]);
    lastGroup = b.group;
  }
  // The template's widths: 754 | 921 | 3271 | 7 × 685 twips.
  const twips = [754, 921, 3271, ...new Array<number>(T3_COLUMNS.length).fill(685)];
  const sum = twips.reduce((a, b) => a + b, 0);
  return { id: 't3', width: T3_LABEL_COLUMNS + T3_COLUMNS.length, headerRows: 3, rows, columnWidths: twips.map((t) => t / sum) };
}

function table4(): OfficialTable {
  const n = T4_COLUMNS.length;
  const [review, ...suits] = T4_GROUPS;
  const columnLabels = (rowSpan: number): LayoutCell[] => T4_COLUMNS.map((c) => ({ role: 'header', text: c.label, rowSpan, colSpan: 1, scope: 'col' }));
  const rows: LayoutCell[][] = [
    [
      { role: 'header', text: review.label, rowSpan: 1, colSpan: n, scope: 'colgroup' },
      { role: 'header', text: T4_LITIGATION, rowSpan: 1, colSpan: n * suits.length, scope: 'colgroup' },
    ],
    [...columnLabels(2), ...suits.map((g): LayoutCell => ({ role: 'header', text: g.short, rowSpan: 1, colSpan: n, scope: 'colgroup' }))],
    suits.flatMap(() => columnLabels(1)),
    T4_GROUPS.flatMap((g) => T4_COLUMNS.map((_, column): LayoutCell => ({ role: 'number', ...one, row: g.key, column }))),
  ];
  return { id: 't4', width: n * T4_GROUPS.length, headerRows: 3, rows, columnWidths: equalWidths(n * T4_GROUPS.length) };
}

/** A standard table in its official merged-cell layout. */
export function officialTable(id: TableId, options: LayoutOptions = {}): OfficialTable {
  const format = options.format ?? '2021';
  if (id === 't2') return table2(format);
  if (id === 't3') return table3(format);
  return table4();
}

/** Each cell of a layout with the grid row and column it starts at. */
export function placedCells(table: OfficialTable): { cell: LayoutCell; row: number; column: number }[] {
  const taken: boolean[][] = table.rows.map(() => new Array<boolean>(table.width).fill(false));
  const placed: { cell: LayoutCell; row: number; column: number }[] = [];
  table.rows.forEach((cells, row) => {
    let column = 0;
    for (const cell of cells) {
      while (taken[row][column]) column++;
      for (let r = row; r < row + cell.rowSpan; r++) for (let c = column; c < column + cell.colSpan; c++) taken[r][c] = true;
      placed.push({ cell, row, column });
      column += cell.colSpan;
    }
  });
  return placed;
}
