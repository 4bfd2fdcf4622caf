/**
 * A whole review: the rows of the year's reports, what else was found (other
 * years' reports, files that could not be read, files that are not reports)
 * and the roster's results. Plain data: every output (review/outputs/) is a
 * function of it.
 */
import type { Text } from '../format/standard';
import type { AreaSum, ReviewPair } from './across';
import { matchRoster, type RosterResult, type RosterUnit } from './roster';
import type { ReviewRow } from './row';

export interface Unreadable {
  file: string;
  why: Text;
}

export interface Review {
  /** The year reviewed: --year, else the year most reports are for. */
  year: number | null;
  /** The reports of that year (those whose year is unknown too), in the order of the files. */
  rows: ReviewRow[];
  /** Reports of other years (last year's): compared with, not reviewed. */
  otherYears: ReviewRow[];
  unreadable: Unreadable[];
  /** Files in the folders that do not look like a report. */
  notReports: string[];
  /** With --roster: missing units, reports not on it; always: units reported twice. */
  roster: RosterResult;
  /** 雷同: the pairs of reports sharing passages (review/across.ts), most shared first. */
  pairs: ReviewPair[];
  /** 汇总核对: each area-wide report of the year against the sum of its units by the roster's 上级 column. */
  aggregation: AreaSum[];
  /** Why there is no 汇总核对 though there are area-wide reports (no roster with 上级). */
  aggregationNote?: Text;
}

/** The year most reports are for (the latest of equals). */
function commonYear(rows: readonly ReviewRow[]): number | null {
  const counts = new Map<number, number>();
  for (const r of rows) if (r.year !== null) counts.set(r.year, (counts.get(r.year) ?? 0) + 1);
  let best: number | null = null;
  for (const [year, n] of counts) if (best === null || n > counts.get(best)! || (n === counts.get(best)! && year > best)) best = year;
  return best;
}

export function assembleReview(all: readonly ReviewRow[], found: { unreadable: Unreadable[]; notReports: string[] }, roster: readonly RosterUnit[] | undefined, year?: number): Review {
  const reviewed = year ?? commonYear(all);
  const rows = all.filter((r) => r.year === null || reviewed === null || r.year === reviewed);
  return {
    year: reviewed,
    rows,
    otherYears: all.filter((r) => !rows.includes(r)),
    unreadable: found.unreadable,
    notReports: found.notReports,
    roster: matchRoster(roster, rows.map((r) => ({ unit: r.unit, file: r.file }))),
    pairs: [],
    aggregation: [],
  };
}

/** The number of errors, warnings and notes of the reviewed rows. */
export function totals(review: Review): { errors: number; warnings: number; notes: number } {
  const sum = (k: 'error' | 'warning' | 'information') => review.rows.reduce((n, r) => n + r.counts[k], 0);
  return { errors: sum('error'), warnings: sum('warning'), notes: sum('information') };
}
