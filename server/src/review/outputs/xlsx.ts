/**
 * --xlsx: a real workbook, written with exceljs (loaded only here, when a
 * workbook is asked for, so that other commands do not pay for it): sheet 单位
 * (the row columns, header frozen, auto-filter), sheet 问题 (every finding:
 * file, line, unit, code, severity, where, message), one sheet per table
 * (表二, 表三, 表四: a row per report, a column per cell named in the report's
 * words, e.g. 一、本年新收政府信息公开申请数量/自然人), and a sheet of the lists
 * (files not read, roster results) when there is any.
 */
import type { Worksheet } from 'exceljs';
import { csvColumns, type Extract } from '../../extract';
import { TABLE_IDS, TABLES, type TableId } from '../../format/standard';
import { REVIEW } from '../messages';
import type { Review } from '../review';
import type { ReviewRow } from '../row';
import { fileOf, ROW_COLUMNS, type Locale } from './columns';
import { listings } from './lists';


/** A header row, bold, frozen, with an auto-filter over the columns. */
function header(sheet: Worksheet, names: readonly string[]): void {
  sheet.addRow([...names]).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: names.length } };
}

const extractOf = (r: ReviewRow): Extract => ({ file: r.file, year: r.year, unit: r.unit, format: r.format, ...r.cells });

/** The cells of one table, in the extract's order; the 2019 layout's own cells only when a 2019 report is there. */
function tableColumns(id: TableId, rows: readonly ReviewRow[]) {
  // The extract names a cell 表三/<row>/<column>, or 表三（2019年格式）/… for the 2019 layout's own.
  const short = TABLES[id].short.zh;
  const with2019 = rows.some((r) => r.format === '2019');
  return csvColumns()
    .filter((c) => c.name.startsWith(`${short}/`) || (with2019 && c.name.startsWith(`${short}（`)))
    .map((c) => ({ name: c.name.slice(c.name.indexOf('/') + 1) + (c.name.startsWith(`${short}（`) ? c.name.slice(short.length, c.name.indexOf('/')) : ''), get: c.get }));
}

export async function reviewXlsx(review: Review, locale: Locale): Promise<Buffer> {
  const { Workbook } = (await import('exceljs')).default;
  const book = new Workbook();
  book.creator = 'nianbao';

  const units = book.addWorksheet(REVIEW.unitsSheet[locale]);
  header(units, ROW_COLUMNS.map((c) => c.header[locale]));
  for (const r of review.rows) units.addRow(ROW_COLUMNS.map((c) => c.value(r, locale)));

  const problems = book.addWorksheet(REVIEW.problemsSheet[locale]);
  header(problems, [REVIEW.file, REVIEW.line, REVIEW.unit, REVIEW.code, REVIEW.severity, REVIEW.where, REVIEW.message].map((t) => t[locale]));
  for (const r of review.rows) {
    for (const p of r.problems) {
      problems.addRow([fileOf(r), p.place?.[locale] ?? p.line, r.unit, p.code, REVIEW[p.severity][locale], p.where?.[locale] ?? '', p.message[locale]]);
    }
  }

  for (const id of TABLE_IDS) {
    const sheet = book.addWorksheet(TABLES[id].short[locale]);
    const columns = tableColumns(id, review.rows);
    header(sheet, [REVIEW.unit[locale], REVIEW.file[locale], ...columns.map((c) => c.name)]);
    for (const r of review.rows) {
      const e = extractOf(r);
      sheet.addRow([r.unit, fileOf(r), ...columns.map((c) => c.get(e) ?? null)]);
    }
  }

  const lists = listings(review);
  if (lists.length) {
    const sheet = book.addWorksheet(REVIEW.listsSheet[locale]);
    for (const l of lists) {
      sheet.addRow([l.title[locale]]).font = { bold: true };
      for (const item of l.items) sheet.addRow(['', item[locale]]);
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
