/**
 * The columns of a report's row, declared once for every output: the terminal
 * table, the CSV, the workbook's 单位 sheet and the web page. Each has its
 * header (zh, en) and its value in a language.
 */
import { say } from '../../checks/messages';
import type { Text } from '../../format/standard';
import { REVIEW } from '../messages';
import { FIGURES, type ReviewProblem, type ReviewRow } from '../row';
import { SIMILAR_SHARE } from '../similarity';

export type Locale = keyof Text;
type Value = string | number | null;

export interface Column {
  key: string;
  header: Text;
  value: (row: ReviewRow, locale: Locale) => Value;
  numeric?: boolean;
  /** What a numeric column sorts by when its value is words (45%). */
  sortBy?: (row: ReviewRow) => number | null;
}

/** How many problems the row's 首要问题 names. */
const FIRST_PROBLEMS = 3;

export const scopeWords = (row: Pick<ReviewRow, 'scope' | 'scopeDeclared'>): Text => {
  const scope = row.scope === 'area-wide' ? REVIEW.areaWide : REVIEW.ownOrgan;
  return row.scopeDeclared ? scope : say(REVIEW.guessed, { scope });
};

/** The file a row is of, with the report's number when the file holds several. */
export const fileOf = (row: Pick<ReviewRow, 'file' | 'part'>): string => (row.part ? `${row.file}#${row.part}` : row.file);

/**
 * Where a problem is in its file, as the outputs print it: the line of a
 * draft; in a Word document or web page its place in the original (第 12 段,
 * 第 1 个表格), else nothing. The draft's line would point nowhere in a file
 * the reviewer opens in Word or a browser, where the quoted words (the
 * problem's where) are what can be searched for.
 */
export const problemLine = (row: Pick<ReviewRow, 'imported'>, problem: ReviewProblem, locale: Locale): string | number | null =>
  row.imported ? (problem.place?.[locale] ?? null) : problem.line;

/** A shared passage's side as the sheets print its line: the line of a draft; in a Word document or web page, its section and opening words. */
export const passageLine = (side: { line: number; where?: Text; imported?: true }, locale: Locale): string | number => (side.imported ? (side.where?.[locale] ?? '') : side.line);

/** A problem in words: where, what, file:line (or the place in a Word document or web page). */
function problemWords(row: Pick<ReviewRow, 'imported'>, problem: ReviewProblem, file: string): Text {
  const where = problem.where ?? { zh: '', en: '' };
  if (row.imported && !problem.place) return say(REVIEW.problemInFile, { where, message: problem.message, file });
  const line = problem.place ?? { zh: String(problem.line), en: String(problem.line) };
  return say(REVIEW.problemAt, { where, message: problem.message, file, line });
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/**
 * The terminal's one 雷同 column: the share and the unit shared most with when
 * the report is 雷同 with another unit's (45% 县教育局), else the share with its
 * own last year's when that is (上年 60%), else nothing.
 */
export function similarWords(row: ReviewRow, locale: Locale): string {
  const s = row.similarity;
  if (s?.unit) return `${percent(s.share)} ${s.unit}`;
  if (s?.lastYearShare !== undefined && s.lastYearShare >= SIMILAR_SHARE) return say(REVIEW.similarLastYear, { percent: percent(s.lastYearShare) })[locale];
  return '';
}

export const firstProblems = (row: ReviewRow, locale: Locale): string =>
  row.problems
    .filter((p) => p.severity !== 'hint')
    .slice(0, FIRST_PROBLEMS)
    .map((p) => problemWords(row, p, fileOf(row))[locale])
    .join(locale === 'zh' ? '；' : '; ');

export const ROW_COLUMNS: readonly Column[] = [
  { key: 'unit', header: REVIEW.unit, value: (r, l) => r.unit ?? REVIEW.noUnit[l] },
  { key: 'year', header: REVIEW.year, value: (r) => r.year, numeric: true },
  { key: 'format', header: REVIEW.format, value: (r) => r.format },
  { key: 'scope', header: REVIEW.scope, value: (r, l) => scopeWords(r)[l] },
  ...FIGURES.map((f): Column => ({ key: f.key, header: f.header, value: (r) => r.figures[f.key], numeric: true })),
  { key: 'errors', header: REVIEW.errors, value: (r) => r.counts.error, numeric: true },
  { key: 'warnings', header: REVIEW.warnings, value: (r) => r.counts.warning, numeric: true },
  { key: 'notes', header: REVIEW.notes, value: (r) => r.counts.information, numeric: true },
  { key: 'sharesMost', header: REVIEW.sharesMost, value: (r) => r.similarity?.unit ?? null },
  { key: 'sharedShare', header: REVIEW.sharedShare, value: (r) => (r.similarity ? percent(r.similarity.share) : null), numeric: true, sortBy: (r) => r.similarity?.share ?? null },
  { key: 'lastYearShare', header: REVIEW.lastYearShare, value: (r) => (r.similarity?.lastYearShare !== undefined ? percent(r.similarity.lastYearShare) : null),
    numeric: true,
    sortBy: (r) => r.similarity?.lastYearShare ?? null,
  },
  { key: 'firstProblems', header: REVIEW.firstProblems, value: firstProblems },
  { key: 'file', header: REVIEW.file, value: (r) => fileOf(r) },
];
