/**
 * --xlsx: a real workbook, written with exceljs (loaded only here, when a
 * workbook is asked for, so that other commands do not pay for it): sheet 单位
 * (the row columns, header frozen, auto-filter), sheet 问题 (every finding:
 * file, line, unit, code, severity, where, message), one sheet per table
 * (表二, 表三, 表四: a row per report, a column per cell named in the report's
 * words, e.g. 一、本年新收政府信息公开申请数量/自然人), and a sheet of the lists
 * (files not read, roster results) when there is any. Written with exceljs's
 * streaming writer, each row committed as it is added: a province's 10,000
 * reports × 200 cells would otherwise hold gigabytes of cell objects; and
 * every ROWS_PER_TURN rows waiting for the zip to take them (zipQueueOf).
 * Only the zipped bytes are kept, for files/write.ts to write atomically. When there
 * are any: sheet 雷同 (a row per shared passage of two reports: both units,
 * files and lines, the text) and sheet 汇总核对 (a row per cell where an
 * area-wide report differs from its units' sum, with both values; its
 * missing units).
 */
import { once, type EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { stream } from 'exceljs';
import { csvColumns, type Extract } from '../../extract';
import { TABLE_IDS, TABLES, type TableId } from '../../format/standard';
import { REVIEW } from '../messages';
import type { Review } from '../review';
import type { ReviewRow } from '../row';
import { fileOf, passageLine, problemLine, ROW_COLUMNS, type Locale } from './columns';
import { listings } from './lists';


type Book = stream.xlsx.WorkbookWriter;

type Sheet = ReturnType<Book['addWorksheet']>;

/** Rows added between two looks at the zip's queue (zipQueueOf). */
const ROWS_PER_TURN = 100;

/**
 * The stream a sheet's rows wait in to be compressed (exceljs 4 internals:
 * the sheet's buffer is piped into the zip through it). exceljs writes into
 * it without waiting, and a loop of rows never lets the compression run: a
 * province's 雷同 sheet (hundreds of MB of XML) would wait there whole. The
 * rows wait for it to drain instead.
 */
const zipQueueOf = (sheet: Sheet): ZipQueue | undefined => (sheet as unknown as { stream?: { pipes?: ZipQueue[] } }).stream?.pipes?.[0];

/** archiver's PassThrough (readable-stream 2: no writableNeedDrain, its state says it). */
type ZipQueue = EventEmitter & { _writableState?: { needDrain?: boolean } };

/** A sheet whose header row is bold and frozen, with an auto-filter over its columns. */
function sheetWithHeader(book: Book, name: string, names: readonly string[]): Sheet {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: names.length } };
  const row = sheet.addRow([...names]);
  row.font = { bold: true };
  row.commit();
  return sheet;
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

/**
 * exceljs's zip dependencies still call `new Buffer()`, which Node reports
 * with a DeprecationWarning on stderr: a line that tells a reviewer nothing.
 * Node's deprecation warnings are silenced while the workbook is written.
 */
export async function reviewXlsx(review: Review, locale: Locale): Promise<Buffer> {
  const warned = process.noDeprecation;
  process.noDeprecation = true;
  try {
    return await writeWorkbook(review, locale);
  } finally {
    process.noDeprecation = warned;
  }
}

async function writeWorkbook(review: Review, locale: Locale): Promise<Buffer> {
  const { stream: streaming } = (await import('exceljs')).default;
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const book = new streaming.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  book.creator = 'nianbao';
  let added = 0;
  const add = async (sheet: Sheet, values: unknown[]) => {
    sheet.addRow(values).commit();
    if (++added % ROWS_PER_TURN !== 0) return;
    const queue = zipQueueOf(sheet);
    if (queue?._writableState?.needDrain) await once(queue, 'drain');
  };

  const units = sheetWithHeader(book, REVIEW.unitsSheet[locale], ROW_COLUMNS.map((c) => c.header[locale]));
  for (const r of review.rows) await add(units, ROW_COLUMNS.map((c) => c.value(r, locale)));
  units.commit();

  const headers = [REVIEW.file, REVIEW.line, REVIEW.unit, REVIEW.code, REVIEW.severity, REVIEW.where, REVIEW.message].map((t) => t[locale]);
  const problems = sheetWithHeader(book, REVIEW.problemsSheet[locale], headers);
  for (const r of review.rows) {
    for (const p of r.problems) await add(problems, [fileOf(r), problemLine(r, p, locale), r.unit, p.code, REVIEW[p.severity][locale], p.where?.[locale] ?? '', p.message[locale]]);
  }
  problems.commit();

  for (const id of TABLE_IDS) {
    const columns = tableColumns(id, review.rows);
    const sheet = sheetWithHeader(book, TABLES[id].short[locale], [REVIEW.unit[locale], REVIEW.file[locale], ...columns.map((c) => c.name)]);
    for (const r of review.rows) {
      const e = extractOf(r);
      await add(sheet, [r.unit, fileOf(r), ...columns.map((c) => c.get(e) ?? null)]);
    }
    sheet.commit();
  }

  if (review.pairs.length) {
    const names = [REVIEW.kind, REVIEW.reportA, REVIEW.fileA, REVIEW.reportB, REVIEW.fileB, REVIEW.sentences, REVIEW.lineA, REVIEW.lineB, REVIEW.passageText];
    const sheet = sheetWithHeader(book, REVIEW.similarSheet[locale], names.map((t) => t[locale]));
    for (const pair of review.pairs) {
      const kind = (pair.kind === 'last-year' ? REVIEW.ownLastYear : REVIEW.otherUnit)[locale];
      for (const p of pair.passages) {
        const [a, b] = [passageLine({ line: p.lineA, where: p.whereA, ...pair.a }, locale), passageLine({ line: p.lineB, where: p.whereB, ...pair.b }, locale)];
        await add(sheet, [kind, pair.a.unit, pair.a.file, pair.b.unit, pair.b.file, pair.sentences, a, b, p.text]);
      }
    }
    sheet.commit();
  }

  if (review.aggregation.length) {
    const names = [REVIEW.unit, REVIEW.file, REVIEW.where, REVIEW.line, REVIEW.areaValue, REVIEW.sumValue, REVIEW.message];
    const sheet = sheetWithHeader(book, REVIEW.aggregationSheet[locale], names.map((t) => t[locale]));
    for (const a of review.aggregation) {
      for (const d of a.differences) await add(sheet, [a.unit, a.file, d.where[locale], a.imported ? null : d.line, d.area, d.sum, d.message[locale]]);
      if (a.missingMessage) await add(sheet, [a.unit, a.file, REVIEW.missingUnits[locale], null, null, null, a.missingMessage[locale]]);
      if (!a.differences.length) await add(sheet, [a.unit, a.file, null, null, null, null, REVIEW.aggregationSame[locale]]);
    }
    sheet.commit();
  }

  const lists = listings(review);
  if (lists.length) {
    const sheet = book.addWorksheet(REVIEW.listsSheet[locale]);
    for (const l of lists) {
      const title = sheet.addRow([l.title[locale]]);
      title.font = { bold: true };
      title.commit();
      for (const item of l.items) await add(sheet, ['', item[locale]]);
    }
    sheet.commit();
  }
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await book.commit();
  await ended;
  return Buffer.concat(chunks);
}
