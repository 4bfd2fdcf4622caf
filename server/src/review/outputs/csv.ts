/**
 * --csv: one row per report (the columns of columns.ts), then, after an empty
 * line, the lists (files not read, roster results) as two columns. UTF-8
 * with a byte order mark and CRLF, so that Excel and WPS open it right.
 */
import { csvField } from '../../extract';
import type { Review } from '../review';
import { ROW_COLUMNS, type Locale } from './columns';
import { aggregationListings, listings } from './lists';

export function reviewCsv(review: Review, locale: Locale): string {
  const line = (fields: readonly unknown[]) => fields.map(csvField).join(',');
  const lines = [line(ROW_COLUMNS.map((c) => c.header[locale])), ...review.rows.map((r) => line(ROW_COLUMNS.map((c) => c.value(r, locale))))];
  for (const l of [...listings(review), ...aggregationListings(review)]) lines.push('', line([l.title[locale]]), ...l.items.map((i) => line(['', i[locale]])));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
