/**
 * --json: the same data for scripts: the year, every row (figures, counts,
 * every problem with where and line, every cell), the other years' reports,
 * the files not read with the reason, the roster's results, the 雷同 pairs
 * and the 汇总核对 of each area-wide report. Words in the chosen language.
 */
import type { Text } from '../../format/standard';
import { totals, type Review } from '../review';
import type { ReviewRow } from '../row';
import { firstProblems, scopeWords, type Locale } from './columns';

function rowJson(r: ReviewRow, locale: Locale) {
  const words = (t: Text | undefined) => t?.[locale] ?? null;
  return {
    file: r.file,
    ...(r.part ? { part: r.part } : {}),
    unit: r.unit,
    year: r.year,
    format: r.format,
    scope: r.scope,
    scopeDeclared: r.scopeDeclared,
    scopeWords: scopeWords(r)[locale],
    figures: r.figures,
    counts: r.counts,
    firstProblems: firstProblems(r, locale),
    // A Word document or web page: no line (the draft's would point nowhere in it), its place in words instead.
    ...(r.imported ? { imported: true } : {}),
    problems: r.problems.map((p) => ({ line: r.imported ? null : p.line, column: r.imported ? null : p.column, code: p.code, severity: p.severity, where: words(p.where), message: p.message[locale], ...(p.place ? { place: p.place[locale] } : {}) })),
    similarity: r.similarity
      ? {
          share: r.similarity.share,
          unit: r.similarity.unit ?? null,
          file: r.similarity.file ?? null,
          lastYearShare: r.similarity.lastYearShare ?? null,
          messages: r.similarity.messages.map((m) => m[locale]),
          passages: r.similarity.passages.map((p) => ({
            text: p.text,
            line: p.imported ? null : p.line,
            where: p.where[locale],
            other: { unit: p.other.unit, file: p.other.file, line: p.other.imported ? null : p.other.line, where: p.other.where[locale] },
            lastYear: p.lastYear,
          })),
        }
      : null,
    cells: r.cells,
  };
}

export function reviewJson(review: Review, locale: Locale): string {
  const data = {
    year: review.year,
    totals: totals(review),
    rows: review.rows.map((r) => rowJson(r, locale)),
    otherYears: review.otherYears.map((r) => ({ file: r.file, unit: r.unit, year: r.year })),
    unreadable: review.unreadable.map((u) => ({ file: u.file, why: u.why[locale] })),
    notReports: review.notReports,
    roster: {
      missing: review.roster.missing,
      unknown: review.roster.unknown.map((u) => ({ unit: u.report.unit, file: u.report.file, closest: u.closest?.name ?? null })),
      duplicates: review.roster.duplicates,
    },
    pairs: review.pairs.map((p) => ({
      ...p,
      message: p.message[locale],
      passages: p.passages.map((s) => ({ text: s.text, lineA: p.a.imported ? null : s.lineA, lineB: p.b.imported ? null : s.lineB, whereA: s.whereA[locale], whereB: s.whereB[locale] })),
    })),
    aggregation: review.aggregation.map((a) => ({
      unit: a.unit,
      file: a.file,
      included: a.included,
      missing: a.missing,
      missingMessage: a.missingMessage?.[locale] ?? null,
      differences: a.differences.map((d) => ({ path: d.path, where: d.where[locale], line: a.imported ? null : d.line, column: a.imported ? null : d.column, area: d.area, sum: d.sum, message: d.message[locale] })),
      gaps: a.gaps.map((g) => g[locale]),
    })),
    aggregationNote: review.aggregationNote?.[locale] ?? null,
  };
  return JSON.stringify(data, null, 2) + '\n';
}
