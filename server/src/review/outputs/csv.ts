/**
 * --csv: one row per report (the columns of columns.ts), then, after an empty
 * line, the lists (files not read, roster results) as two columns. UTF-8
 * with a byte order mark and CRLF, so that Excel and WPS open it right.
 * Made a line at a time, as it is written.
 */
import { csvField } from '../../extract';
import type { Review } from '../review';
import { ROW_COLUMNS, type Locale } from './columns';
import { aggregationListings, listings } from './lists';

export function* reviewCsv(review: Review, locale: Locale): Generator<string> {
  const line = (fields: readonly unknown[]) => fields.map(csvField).join(',') + '\r\n';
  yield '\uFEFF' + line(ROW_COLUMNS.map((c) => c.header[locale]));
  for (const r of review.rows) yield line(ROW_COLUMNS.map((c) => c.value(r, locale)));
  for (const l of [...listings(review), ...aggregationListings(review)]) yield ['\r\n', line([l.title[locale]]), ...l.items.map((i) => line(['', i[locale]]))].join('');
}
