/**
 * The lists apart from the table of reports, in words, for every output:
 * files that could not be read (with the reason), the roster's missing units,
 * reports not on it (with the closest name) and units reported twice.
 */
import { list, say } from '../../checks/messages';
import type { Text } from '../../format/standard';
import { REVIEW } from '../messages';
import { totals, type Review } from '../review';

export interface Listing {
  title: Text;
  items: Text[];
}

/** The lists that have something in them, in the order a reviewer acts on them. */
export function listings(review: Review): Listing[] {
  const { roster } = review;
  const all: Listing[] = [
    { title: REVIEW.unreadable, items: review.unreadable.map((u) => say({ zh: '{file}：{why}', en: '{file}: {why}' }, { file: u.file, why: u.why })) },
    { title: REVIEW.rosterMissing, items: roster.missing.map((u) => ({ zh: u.name, en: u.name })) },
    {
      title: REVIEW.rosterUnknown,
      items: roster.unknown.map(({ report, closest }) => {
        const unit = report.unit ?? REVIEW.noUnit;
        return closest ? say(REVIEW.rosterClosest, { unit, file: report.file, closest: closest.name }) : say(REVIEW.rosterNoClosest, { unit, file: report.file });
      }),
    },
    { title: REVIEW.duplicates, items: roster.duplicates.map((d) => say(REVIEW.duplicateOf, { unit: d.unit, files: list(d.files, { zh: '、', en: ', ' }) })) },
  ];
  return all.filter((l) => l.items.length);
}

/**
 * 汇总核对 in words, one list per area-wide report: whether it is its units'
 * sum, each differing cell (where, both values, file:line), the units missing
 * from the sum, the units whose cells are not all numbers.
 */
export function aggregationListings(review: Review): Listing[] {
  return review.aggregation.map((a) => ({
    title: say({ zh: '{title}：{of}', en: '{title}: {of}' }, { title: REVIEW.aggregation, of: say(REVIEW.aggregationOf, { unit: a.unit, file: a.file, count: a.included.length }) }),
    items: [
      ...(a.differences.length ? [] : [REVIEW.aggregationSame]),
      ...a.differences.map((d) => (a.imported ? say(REVIEW.inFile, { message: d.message, file: a.file }) : say(REVIEW.atLine, { message: d.message, file: a.file, line: d.line }))),
      ...(a.missingMessage ? [a.missingMessage] : []),
      ...a.gaps,
    ],
  }));
}

/** The lines under the lists: the totals, the other years' reports, the files skipped. */
export function footnotes(review: Review): Text[] {
  const t = totals(review);
  return [
    say(REVIEW.summary, { count: review.rows.length, errors: t.errors, warnings: t.warnings, notes: t.notes }),
    ...(review.otherYears.length ? [say(REVIEW.otherYears, { count: review.otherYears.length })] : []),
    ...(review.notReports.length ? [say(REVIEW.notReports, { count: review.notReports.length })] : []),
    ...(review.aggregationNote ? [review.aggregationNote] : []),
  ];
}

/** The review's title: the year and the number of reports. */
export const reviewTitle = (review: Review): Text =>
  review.year !== null ? say(REVIEW.titleOfYear, { year: String(review.year), count: review.rows.length }) : say(REVIEW.title, { count: review.rows.length });
