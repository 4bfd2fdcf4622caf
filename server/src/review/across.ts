/**
 * The work across units of a review, in the main thread once every report is
 * read, on the plain data the workers posted back (cli/review-file.ts):
 * 雷同 (similarity.ts) over the year's reports and the other years', each
 * row given its share and the unit it shares most with; and the 汇总核对
 * (aggregate.ts) of each area-wide report against its units by the roster's
 * 上级 column.
 *
 * Units are named as the roster names them before they are summed: a report
 * whose title says 县市场监管局 is the roster's 县市场监督管理局 (its closest
 * name, which the roster list shows the reviewer), and a unit that sent two
 * reports (a draft and the final one) is summed once, from its first file.
 */
import type { Text } from '../format/standard';
import type { Range, Report } from '../model/report';
import { aggregate, sumTables, type SummedTables, type UnitFigures } from './aggregate';
import { closestUnit, matchUnit, unitKey, type RosterUnit } from './roster';
import type { ReviewRow } from './row';
import { SIMILAR_SHARE, similarity, type ReportSentences } from './similarity';

/**
/**
 * A passage of a report found in another report: its text and line here, the
 * other report's row and line. Kept for every passage of every pair until the
 * outputs are written, so it holds few words of its own: the text is the
 * pair's (one string for both sides), the other report its row. A side in a
 * Word document or web page (its row `imported`: its lines are the draft's)
 * keeps its place in words instead, to be named by.
 */
interface SharedPassage {
  text: string;
  line: number;
  /** Its place in words, when this report is imported. */
  where?: Text;
  other: ReviewRow;
  otherLine: number;
  /** The other report's place in words, when it is imported. */
  otherWhere?: Text;
  /** The other report is the unit's own for the year before. */
  lastYear: boolean;
}

/** What a row says of 雷同. */
export interface RowSimilarity {
  /** The share of the report's sentences found in other units' reports. */
  share: number;
  /** The unit it shares most with, named when the share reaches SIMILAR_SHARE (then it is 雷同). */
  unit?: string;
  file?: string;
  /** The share found in the unit's own report for the year before, when that is in the folder. */
  lastYearShare?: number;
  messages: Text[];
  passages: SharedPassage[];
}

/** Two reports sharing passages, for the 雷同 sheet. */
export interface ReviewPair {
  kind: 'other-unit' | 'last-year';
  /** `imported`: a Word document or web page (its passages named by where, not by line). */
  a: { unit: string | null; file: string; imported?: true };
  b: { unit: string | null; file: string; imported?: true };
  sentences: number;
  message: Text;
  /** whereA, whereB: the place in words of a side that is imported. */
  passages: { text: string; lineA: number; lineB: number; whereA?: Text; whereB?: Text }[];
}

/** A cell where an area-wide report differs from the sum of its units'. */
interface SumDifference {
  /** The renderer's path of the cell: t3/new/0. */
  path: string;
  where: Text;
  line: number;
  column: number;
  area: number;
  sum: number;
  message: Text;
}

/** An area-wide report against the sum of its units. */
export interface AreaSum {
  unit: string;
  file: string;
  absolute: string;
  /** A Word document or web page: the differing cells are named by where (their lines are the draft's). */
  imported?: true;
  /** The units summed, as the roster names them. */
  included: string[];
  missing: string[];
  missingMessage?: Text;
  differences: SumDifference[];
  /** Units whose cells are not all numbers, in words. */
  gaps: Text[];
}

/** Where a row's report is, as similarity and the sums name it: its file, and its number when the file holds several. */
const uriOf = (row: Pick<ReviewRow, 'file' | 'part'>): string => (row.part ? `${row.file}#${row.part}` : row.file);

const lineOf = (range: Range) => range.start.line + 1;

/** A side's place in words, kept only when its report is a Word document or web page: a draft is named by its lines. */
const placeIf = (row: ReviewRow, where: Text): Text | undefined => (row.imported ? where : undefined);

/**
 * 雷同 over every row (this year's and the other years'), `sentences[i]` being
 * row i's: sets the reviewed rows' `similarity` and returns the pairs.
 */
export function withSimilarity(rows: readonly ReviewRow[], sentences: readonly ReportSentences[], reviewed: ReadonlySet<ReviewRow>): ReviewPair[] {
  const result = similarity(sentences);
  const byUri = new Map(rows.map((r) => [uriOf(r), r]));
  // One object per report for all its pairs.
  const whos = new Map<string, ReviewPair['a']>();
  const who = (uri: string) => {
    let named = whos.get(uri);
    if (!named) whos.set(uri, (named = { unit: byUri.get(uri)?.unit ?? null, file: uri, ...(byUri.get(uri)?.imported ? { imported: true as const } : {}) }));
    return named;
  };
  rows.forEach((row, i) => {
    if (!reviewed.has(row)) return;
    const own = result.reports[i];
    const closest = own.others.closest;
    const copied = closest && own.others.share >= SIMILAR_SHARE ? byUri.get(closest.uri) : undefined;
    row.similarity = {
      share: own.others.share,
      ...(copied ? { unit: copied.unit ?? closest!.uri, file: uriOf(copied) } : {}),
      ...(own.lastYear ? { lastYearShare: own.lastYear.share } : {}),
      messages: own.messages,
      passages: [],
    };
  });
  const pairs: ReviewPair[] = [];
  // Each pair goes once it is converted (in order: popped from the reversed list): a province's 220,000 pairs
  // and their passages are not held in both forms at once.
  const found = result.pairs.reverse();
  for (let pair = found.pop(); pair; pair = found.pop()) {
    const [a, b] = [byUri.get(pair.a)!, byUri.get(pair.b)!];
    // Each side lists the passages with the other's line; last year's report is not reviewed, so only this year's side.
    for (const p of pair.passages) {
      const lastYear = pair.kind === 'last-year';
      const [whereA, whereB] = [placeIf(a, p.where.a), placeIf(b, p.where.b)];
      a.similarity?.passages.push({ text: p.text, line: lineOf(p.a), where: whereA, other: b, otherLine: lineOf(p.b), otherWhere: whereB, lastYear });
      if (!lastYear) b.similarity?.passages.push({ text: p.text, line: lineOf(p.b), where: whereB, other: a, otherLine: lineOf(p.a), otherWhere: whereA, lastYear });
    }
    pairs.push({
      kind: pair.kind,
      a: who(pair.a),
      b: who(pair.b),
      sentences: pair.sentences,
      message: pair.message,
      passages: pair.passages.map((p) => ({ text: p.text, lineA: lineOf(p.a), lineB: lineOf(p.b), whereA: placeIf(a, p.where.a), whereB: placeIf(b, p.where.b) })),
    });
  }
  for (const row of reviewed) row.similarity?.passages.sort((x, y) => x.line - y.line);
  return pairs;
}

/** The roster's name of a unit: its own entry, else the closest (as the roster list shows it). */
const rosterName = (roster: readonly RosterUnit[], unit: string) => (matchUnit(roster, unit) ?? closestUnit(roster, unit))?.name ?? unit;

/** The roster's 上级 column: unit → the unit above it. */
export const parentsOf = (roster: readonly RosterUnit[]): Map<string, string> => new Map(roster.flatMap((u) => (u.parent ? [[u.name, u.parent] as [string, string]] : [])));

/** Each unit's figures once, named as the roster names it (the first report of a unit that sent two). */
function unitsOnRoster(figures: readonly UnitFigures[], roster: readonly RosterUnit[]): UnitFigures[] {
  const seen = new Set<string>();
  return figures.flatMap((f) => {
    const unit = rosterName(roster, f.unit);
    const key = `${unitKey(unit)}\u0000${f.year}`;
    if (seen.has(key)) return [];
    seen.add(key);
    return [{ ...f, unit }];
  });
}

/** An area-wide report against the sum of its units: the report read again (for its cells' lines and words), every row's figures. */
export function areaSum(area: { row: ReviewRow; report: Report; startLine: number }, figures: readonly UnitFigures[], roster: readonly RosterUnit[]): AreaSum {
  const unit = rosterName(roster, area.row.unit ?? '');
  const units = unitsOnRoster(figures, roster).filter((f) => f.uri !== uriOf(area.row));
  const result = aggregate({ uri: uriOf(area.row), report: area.report, unit, ...(area.row.year !== null ? { year: area.row.year } : {}) }, units, parentsOf(roster));
  return {
    unit,
    file: uriOf(area.row),
    absolute: area.row.absolute,
    ...(area.row.imported ? { imported: true as const } : {}),
    included: result.included.map((u) => u.unit),
    missing: result.missing,
    ...(result.missingMessage ? { missingMessage: result.missingMessage } : {}),
    differences: result.differences.map((d) => ({
      path: `${d.table}/${d.row}/${d.column}`,
      where: d.where,
      line: d.range.start.line + area.startLine + 1,
      column: d.range.start.character + 1,
      area: d.area,
      sum: d.sum,
      message: d.message,
    })),
    gaps: result.sum.gaps.map((g) => g.message),
  };
}

/** `--sum PARENT`: the unit of the roster (or the 上级 of one) it names, else the closest such name. */
export function rosterUnitNamed(roster: readonly RosterUnit[], name: string): { unit: string } | { closest?: string } {
  const names: RosterUnit[] = [...new Set(roster.flatMap((u) => [u.name, ...(u.parent ? [u.parent] : [])]))].map((n) => ({ name: n }));
  const unit = matchUnit(names, name);
  return unit ? { unit: unit.name } : { closest: closestUnit(names, name)?.name };
}

/** `--sum PARENT`: the tables of the units under PARENT on the roster for `year`, and the units under it with no report. */
export function sumUnder(parent: string, figures: readonly UnitFigures[], roster: readonly RosterUnit[], year: number | null): { sum: SummedTables; missing: string[] } {
  const children = roster.filter((u) => u.parent && unitKey(u.parent) === unitKey(parent)).map((u) => u.name);
  const keys = new Set(children.map(unitKey));
  const units = unitsOnRoster(figures, roster).filter((f) => keys.has(unitKey(f.unit)) && (year === null || f.year === year));
  const summed = new Set(units.map((u) => unitKey(u.unit)));
  return { sum: sumTables(units), missing: children.filter((c) => !summed.has(unitKey(c))) };
}
