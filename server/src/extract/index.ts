/**
 * Extract: the numbers read from Tables 2–4, as JSON and CSV — what reviewers
 * copy into spreadsheets. Pure functions from the report model; the CLI glue is
 * in ../cli/extract.ts. Every key and column name is derived from the format
 * data (../format/standard.ts).
 *
 * JSON per report:
 *   { file, year, unit, format: "2021" | "2019",
 *     table2: { "规章": [制发, 废止, 现行有效], …, "行政许可": n, … },
 *     table3: { "<canonical row label>": [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计], … },
 *     table4: [复议 ×5, 未经复议直接起诉 ×5, 复议后起诉 ×5] }
 * A blank or unreadable cell is null; a row not found is absent; a table not
 * found is absent. A 2019-format Table 2 is given with the 2019 rows and
 * columns (TABLE2_2019), since its columns mean other things.
 */
import {
  T3_COLUMNS,
  T3_GROUPS,
  T3_ROWS,
  T4_COLUMNS,
  T4_GROUPS,
  TABLE2,
  TABLE2_2019,
  T3_2019_SINGLE_ROW,
} from '../format/standard';
import type { Cell, ReadTable, Report } from '../model/report';

type Value = number | null;

export interface Extract {
  file: string;
  /** 1-based index of the report in its file, when the file holds several. */
  part?: number;
  year: number | null;
  unit: string | null;
  format: '2021' | '2019';
  table2?: Record<string, Value | Value[]>;
  table3?: Record<string, Value[]>;
  table4?: Value[];
}

/** A cell's value: the number read, or null when blank, missing or not a number. */
function cellValue(cell: Cell | undefined): Value {
  if (!cell || cell.value === null || cell.value === undefined) return null;
  if (cell.state === 'number') return cell.value;
  // Negative or fractional counts are invalid, but the number written is still what the draft says.
  if (cell.state === 'invalid' && cell.problem !== 'not-a-number') return cell.value;
  return null;
}

const values = (cells: Cell[], width: number): Value[] => Array.from({ length: width }, (_, i) => cellValue(cells[i]));

function table2Json(table: ReadTable): Record<string, Value | Value[]> {
  const out: Record<string, Value | Value[]> = {};
  const blocks = table.format === '2019' ? TABLE2_2019.blocks : TABLE2.blocks;
  for (const block of blocks) {
    for (const spec of block.rows) {
      const row = table.rows.get(spec.key);
      if (!row) continue;
      const width = block.columns.length;
      out[spec.label] = width === 1 ? cellValue(row.cells[0]) : values(row.cells, width);
    }
  }
  return out;
}

/** The Table 3 rows in order: the 2021 rows, with the 2019 single （六） row in place of its three items when read so. */
function table3Rows(table: ReadTable): { key: string; label: string }[] {
  const single = table.rows.has(T3_2019_SINGLE_ROW.key);
  const rows: { key: string; label: string }[] = [];
  for (const spec of T3_ROWS) {
    if (spec.group === T3_2019_SINGLE_ROW.replaces && single) {
      if (!rows.some((r) => r.key === T3_2019_SINGLE_ROW.key)) rows.push({ key: T3_2019_SINGLE_ROW.key, label: T3_2019_SINGLE_ROW.label });
      continue;
    }
    rows.push({ key: spec.key, label: spec.label });
  }
  return rows;
}

function table3Json(table: ReadTable): Record<string, Value[]> {
  const out: Record<string, Value[]> = {};
  for (const { key, label } of table3Rows(table)) {
    const row = table.rows.get(key);
    if (row) out[label] = values(row.cells, T3_COLUMNS.length);
  }
  return out;
}

function table4Json(table: ReadTable): Value[] {
  return T4_GROUPS.flatMap((group) => values(table.rows.get(group.key)?.cells ?? [], T4_COLUMNS.length));
}

/** The numbers of one report. */
export function extractReport(report: Report, file: string, part?: number): Extract {
  const out: Extract = {
    file,
    ...(part !== undefined ? { part } : {}),
    year: report.title?.year ?? null,
    unit: report.title?.unit ?? null,
    format: report.tables.t2?.format === '2019' ? '2019' : report.format,
  };
  const { t2, t3, t4 } = report.tables;
  if (t2) out.table2 = table2Json(t2);
  if (t3) out.table3 = table3Json(t3);
  if (t4) out.table4 = table4Json(t4);
  return out;
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

interface Column {
  name: string;
  get: (e: Extract) => Value | string | number | null | undefined;
}

const at = (v: Value | Value[] | undefined, i: number): Value | undefined => (Array.isArray(v) ? v[i] : i === 0 ? v : undefined);

/**
 * The CSV columns, derived from the format data: the file and report, then
 * every cell of Tables 2, 3 and 4 in the 2021 layout (e.g.
 * `表三/一、本年新收政府信息公开申请数量/自然人`), then the cells only the 2019
 * layout has (Table 2 in 2019 columns, the single （六）其他处理 row). The
 * columns are the same whatever the files, so several runs paste into one sheet.
 */
export function csvColumns(): Column[] {
  const columns: Column[] = [
    { name: '文件', get: (e) => e.file },
    { name: '文件内序号', get: (e) => e.part ?? 1 },
    { name: '年度', get: (e) => e.year },
    { name: '单位', get: (e) => e.unit },
    { name: '格式', get: (e) => e.format },
  ];
  for (const block of TABLE2.blocks) {
    for (const row of block.rows) {
      block.columns.forEach((column, i) => {
        columns.push({
          name: `表二/${row.label}/${column.label}`,
          get: (e) => (e.format === '2019' ? undefined : at(e.table2?.[row.label], i)),
        });
      });
    }
  }
  for (const row of T3_ROWS) {
    T3_COLUMNS.forEach((column, i) => {
      columns.push({ name: `表三/${row.label}/${column.label}`, get: (e) => e.table3?.[row.label]?.[i] });
    });
  }
  T4_GROUPS.forEach((group, g) => {
    T4_COLUMNS.forEach((column, i) => {
      columns.push({ name: `表四/${group.label}/${column.label}`, get: (e) => e.table4?.[g * T4_COLUMNS.length + i] });
    });
  });
  const single = T3_GROUPS.find((g) => g.key === T3_2019_SINGLE_ROW.key)!.label;
  T3_COLUMNS.forEach((column, i) => {
    columns.push({ name: `表三（2019年格式）/${single}/${column.label}`, get: (e) => e.table3?.[single]?.[i] });
  });
  for (const block of TABLE2_2019.blocks) {
    for (const row of block.rows) {
      block.columns.forEach((column, i) => {
        columns.push({
          name: `表二（2019年格式）/${row.label}/${column.label}`,
          get: (e) => (e.format === '2019' ? at(e.table2?.[row.label], i) : undefined),
        });
      });
    }
  }
  return columns;
}

/** One CSV field, quoted when it must be (RFC 4180). */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The CSV of several reports: a header row, then one line per report.
 * It starts with a UTF-8 byte order mark: without it Excel opens the file in
 * the system code page and the Chinese labels come out garbled. Lines end in
 * CRLF, as RFC 4180 and Excel expect.
 */
export function toCsv(extracts: readonly Extract[]): string {
  const columns = csvColumns();
  const lines = [columns.map((c) => csvField(c.name)).join(',')];
  for (const e of extracts) lines.push(columns.map((c) => csvField(c.get(e))).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The JSON of several reports: an array, one object per report; a row's numbers on one line. */
export function toJson(extracts: readonly Extract[]): string {
  const NUMBER = '(?:-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?|null)';
  const numberArray = new RegExp(`\\[\\n\\s+(${NUMBER}(?:,\\n\\s+${NUMBER})*)\\n\\s+\\]`, 'g');
  return JSON.stringify(extracts, null, 2).replace(numberArray, (_m, inner: string) => `[${inner.replace(/,\s+/g, ', ')}]`) + '\n';
}
