/**
 * The terminal table on stdout: the main columns of each row, fitting
 * `width` columns (100 by default; a CJK character is two wide, measured with
 * string-width), a cell too long cut with …; then the lists and the totals.
 */
import stringWidth from 'string-width';
import type { Review } from '../review';
import type { ReviewRow } from '../row';
import { REVIEW } from '../messages';
import { ROW_COLUMNS, similarWords, type Column, type Locale } from './columns';

/** The worst problem of a row, where and what, for the narrow terminal. */
const firstProblem = (r: ReviewRow, locale: Locale): string => {
  const p = r.problems[0];
  return p ? `${p.where ? p.where[locale] + (locale === 'zh' ? '：' : ': ') : ''}${p.message[locale]}` : '';
};
import { aggregationListings, footnotes, listings, reviewTitle } from './lists';

/** The columns the terminal shows, in order; the last (the first problem) takes what width is left. The files hold the rest. */
const SHOWN = ['unit', 'year', 'received', 'resultTotal', 'errors', 'warnings', 'notes', 'similar', 'firstProblems'];
const SIMILAR_MAX = 18;
const UNIT_MAX = 20;
const GAP = '  ';

/** A text cut to `width` columns, ending in … when cut. */
export function truncate(text: string, width: number): string {
  if (stringWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (stringWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}

const pad = (text: string, width: number, right: boolean) => {
  const space = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return right ? space + text : text + space;
};

export function reviewTable(review: Review, locale: Locale, width = 100): string {
  const similar: Column = { key: 'similar', header: REVIEW.similar, value: similarWords };
  const columns = SHOWN.map((key) => (key === 'similar' ? similar : ROW_COLUMNS.find((c) => c.key === key)!));
  const cells = review.rows.map((r) => columns.map((c) => (c.key === 'firstProblems' ? firstProblem(r, locale) : String(c.value(r, locale) ?? ''))));
  const headers = columns.map((c) => c.header[locale]);
  const widths = columns.map((c: Column, i) => {
    const widest = Math.max(stringWidth(headers[i]), ...cells.map((row) => stringWidth(row[i])));
    return c.key === 'unit' ? Math.min(widest, UNIT_MAX) : c.key === 'similar' ? Math.min(widest, SIMILAR_MAX) : widest;
  });
  const last = columns.length - 1;
  widths[last] = Math.max(8, width - widths.slice(0, last).reduce((a, b) => a + b + GAP.length, 0));
  const line = (row: string[]) =>
    row
      .map((text, i) => pad(truncate(text, widths[i]), i === last ? 0 : widths[i], !!columns[i].numeric))
      .join(GAP)
      .trimEnd();
  const out = [truncate(reviewTitle(review)[locale], width), '', line(headers), ...cells.map(line)];
  for (const l of [...listings(review), ...aggregationListings(review)]) out.push('', truncate(l.title[locale], width), ...l.items.map((i) => truncate(`  ${i[locale]}`, width)));
  out.push('', ...footnotes(review).map((t) => truncate(t[locale], width)));
  return out.join('\n') + '\n';
}
