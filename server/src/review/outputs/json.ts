/**
 * --json: the same data for scripts: the year, every row (figures, counts,
 * every problem with where and line, every cell), the other years' reports,
 * the files not read with the reason, the roster's results, the 雷同 pairs
 * and the 汇总核对 of each area-wide report. Words in the chosen language.
 * Written as JSON.stringify(data, null, 2) writes it, but a row (a pair) at a
 * time: a province's JSON is hundreds of MB, never held whole.
 */
import type { Text } from '../../format/standard';
import { totals, type Review } from '../review';
import type { ReviewRow } from '../row';
import { fileOf, firstProblems, scopeWords, type Locale } from './columns';

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
            line: r.imported ? null : p.line,
            ...(p.where ? { where: p.where[locale] } : {}),
            other: { unit: p.other.unit, file: fileOf(p.other), line: p.other.imported ? null : p.otherLine, ...(p.otherWhere ? { where: p.otherWhere[locale] } : {}) },
            lastYear: p.lastYear,
          })),
        }
      : null,
    cells: r.cells,
  };
}

/** A list written an item at a time: each item made when it is written. */
class Items<T> {
  constructor(
    readonly items: readonly T[],
    readonly make: (item: T) => unknown,
  ) {}
}

/** A value as JSON.stringify(value, null, 2) writes it `depth` levels deep. */
const indented = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);

/** JSON.stringify(data, null, 2) + '\n', piece by piece: each key's value, and the items of an Items one by one. */
function* prettyJson(data: Record<string, unknown>): Generator<string> {
  const keys = Object.keys(data).filter((k) => data[k] !== undefined);
  for (const [n, key] of keys.entries()) {
    yield `${n ? ',' : '{'}\n  ${JSON.stringify(key)}: `;
    const value = data[key];
    if (!(value instanceof Items)) {
      yield indented(value, 1);
      continue;
    }
    const { items, make } = value as Items<unknown>;
    for (let i = 0; i < items.length; i++) yield `${i ? ',' : '['}\n    ${indented(make(items[i]), 2)}`;
    yield items.length ? '\n  ]' : '[]';
  }
  yield keys.length ? '\n}\n' : '{}\n';
}

export function reviewJson(review: Review, locale: Locale): Generator<string> {
  const data = {
    year: review.year,
    totals: totals(review),
    rows: new Items(review.rows, (r) => rowJson(r, locale)),
    otherYears: review.otherYears.map((r) => ({ file: r.file, unit: r.unit, year: r.year })),
    unreadable: review.unreadable.map((u) => ({ file: u.file, why: u.why[locale] })),
    notReports: review.notReports,
    roster: {
      missing: review.roster.missing,
      unknown: review.roster.unknown.map((u) => ({ unit: u.report.unit, file: u.report.file, closest: u.closest?.name ?? null })),
      duplicates: review.roster.duplicates,
    },
    pairs: new Items(review.pairs, (p) => ({
      ...p,
      message: p.message[locale],
      passages: p.passages.map((s) => ({
        text: s.text,
        lineA: p.a.imported ? null : s.lineA,
        lineB: p.b.imported ? null : s.lineB,
        ...(s.whereA ? { whereA: s.whereA[locale] } : {}),
        ...(s.whereB ? { whereB: s.whereB[locale] } : {}),
      })),
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
  return prettyJson(data);
}
