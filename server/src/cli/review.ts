/**
 * nianbao review <文件夹…> — the reviewer's desk: every report of a folder
 * checked at once (on every core, the worker returning each report's small
 * row, never its text), one row per report, the roster's missing and unknown
 * units, and the outputs the reviewer asked for (review/outputs/), each
 * written atomically. Last year's reports in the folder are compared with
 * this year's as `check` compares them (checkAcrossYears).
 *
 * Ctrl+C stops the workers and writes no output file (exit 130).
 * Exit codes: 0 no errors, 1 an error finding or a file that could not be
 * read, 2 bad usage, configuration or roster.
 */
import { list, say } from '../checks/messages';
import { READ_FAILURES, WRITE_FAILURES } from '../files/messages';
import { FileReadError, readTextFile } from '../files/read';
import { collectTargets, TargetError } from '../files/walk';
import { FileWriteError, writeBinaryFile, writeTextFile, writeTextPieces } from '../files/write';
import { SECTIONS, TABLE_IDS, TABLES, type Text } from '../format/standard';
import { readReport } from '../import/read';
import { ImportError } from '../import/source';
import { parseReport } from '../parse/report';
import { splitReports } from '../parse/split';
import { areaSum, parentsOf, rosterUnitNamed, sumUnder, withSimilarity } from '../review/across';
import { breakdownSentences, summedMarkdown } from '../review/aggregate';
import { REVIEW } from '../review/messages';
import { assembleReview, type Review, type Unreadable } from '../review/review';
import { readRoster, RosterError, type RosterUnit } from '../review/roster';
import type { ReviewRow } from '../review/row';
import { reviewCsv } from '../review/outputs/csv';
import { reviewJson } from '../review/outputs/json';
import { reviewTable } from '../review/outputs/table';
import { reviewHtml } from '../review/outputs/html';
import { reviewXlsx } from '../review/outputs/xlsx';
import { UsageError } from './args';
import { checkAcrossYears, ConfigError, type PassOptions } from './check';
import type { FileTask } from './check-file';
import { ConfigResolver, describeProblems } from './config';
import { Output, type Locale } from './io';
import { CLI, TARGET_FAILURES } from './messages';
import { parseReviewArgs, REVIEW_USAGE, type ReviewArgs } from './review-args';
import { reviewFile, type AcrossUnits, type ReviewOutcome } from './review-file';

/** The name main.ts dispatches a review worker on. */
export const REVIEW_WORK = 'review';

/** The extensions read in a folder: drafts, pasted text, Word documents and web pages. */
const REVIEWED = /\.(md|markdown|txt|docx|html?)$/i;

class Interrupted extends Error {}

/** The roster's units; a roster that cannot be read or has no 单位 column stops the run (exit 2). */
async function rosterOf(path: string): Promise<RosterUnit[]> {
  try {
    return readRoster((await readTextFile(path)).text);
  } catch (error) {
    if (error instanceof FileReadError) throw new RosterError(say(REVIEW.rosterUnreadable, { why: READ_FAILURES[error.reason] }), path);
    if (error instanceof RosterError) throw new RosterError(error.why, path);
    throw error;
  }
}

/** A progress bar on stderr: redrawn in place on a terminal, at most every 100 ms; a line at a time when forced onto a pipe. */
class Progress {
  private shown = false;

  constructor(
    private readonly locale: Locale,
    private readonly tty: boolean,
  ) {}

  /** The job options of a pass: its bar. */
  readonly pass: PassOptions = (pass, total) => {
    let last = 0;
    return {
      onDone: (done) => {
        const now = Date.now();
        if (done !== 1 && done !== total && now - last < 100) return;
        last = now;
        const words = say(pass === 1 ? REVIEW.progress : REVIEW.progressAgain, { done, total })[this.locale];
        const filled = Math.round((done / Math.max(total, 1)) * 20);
        const bar = `[${'#'.repeat(filled)}${'.'.repeat(20 - filled)}] ${words}`;
        process.stderr.write(this.tty ? `\r${bar}\x1b[K` : `${bar}\n`);
        this.shown = true;
      },
    };
  };

  /** The bar wiped before the table is printed. */
  clear(): void {
    if (this.shown && this.tty) process.stderr.write('\r\x1b[K');
  }
}

/** Check every file and make the rows; stopped by `signal`. */
async function reviewFiles(options: ReviewArgs, signal: AbortSignal, progress?: PassOptions): Promise<{ rows: ReviewRow[]; across: AcrossUnits[]; unreadable: Unreadable[]; notReports: string[] }> {
  const { targets, skipped } = await collectTargets(options.paths, REVIEWED);
  const resolver = new ConfigResolver(options.config, {});
  const tasks: FileTask[] = [];
  const problems = [];
  for (const target of targets) {
    const { rules, problems: found } = await resolver.rulesFor(target.absolute);
    problems.push(...found);
    tasks.push({ target, lastYear: [], fix: false, check: { rules }, strict: false, columns: 'utf16' });
  }
  if (problems.length) throw new ConfigError(describeProblems(problems));
  const outcomes = await checkAcrossYears<ReviewOutcome>(tasks, { fix: false, jobs: options.jobs }, reviewFile, (pass, total) => ({
    work: REVIEW_WORK,
    signal,
    ...(progress ? progress(pass, total) : {}),
  }));
  const rows: ReviewRow[] = [];
  const across: AcrossUnits[] = [];
  const unreadable: Unreadable[] = skipped.map((s) => ({ file: s.display, why: say(CLI[TARGET_FAILURES[s.reason]], { path: s.display }) }));
  const notReports: string[] = [];
  outcomes.forEach(({ result, summary }, i) => {
    const { display, absolute } = tasks[i].target;
    if (result.error) unreadable.push({ file: display, why: result.error });
    else if (!result.isReport || !summary) notReports.push(display);
    else
      for (const s of summary) {
        rows.push({ ...s.row, file: display, absolute });
        across.push(s.across);
      }
  });
  return { rows, across, unreadable, notReports };
}

/** A report of a file read again in the main thread: an area-wide report, for its cells' lines and words (a few per review). */
async function reportOf(row: ReviewRow) {
  let text: string;
  try {
    text = (await readReport(row.absolute)).text;
  } catch (error) {
    if (error instanceof FileReadError || error instanceof ImportError) return undefined; // gone since: its row says what was found
    throw error;
  }
  const part = splitReports(text)[(row.part ?? 1) - 1];
  return part && { row, report: parseReport(text.slice(part.startOffset, part.endOffset)), startLine: part.startLine };
}

/** 雷同 over every report, and the 汇总核对 of each area-wide report of the year (with a roster that has a 上级 column). */
async function acrossUnits(review: Review, found: { rows: ReviewRow[]; across: AcrossUnits[] }, roster: readonly RosterUnit[] | undefined): Promise<void> {
  review.pairs = withSimilarity(found.rows, found.across.map((a) => a.sentences), new Set(review.rows));
  const areas = review.rows.filter((r) => r.scope === 'area-wide');
  if (!areas.length) return;
  if (!roster || parentsOf(roster).size === 0) {
    review.aggregationNote = say(REVIEW.aggregationNeedsRoster, { count: areas.length });
    return;
  }
  const figures = found.across.map((a) => a.figures);
  for (const row of areas) {
    const area = await reportOf(row);
    if (area) review.aggregation.push(areaSum(area, figures, roster));
  }
}

/** --sum PARENT: the summed tables under their section headings and the breakdown sentences, after a line saying who is in the sum. */
function sumText(parent: string, review: Review, found: { across: AcrossUnits[] }, roster: readonly RosterUnit[], locale: Locale): string {
  const { sum, missing } = sumUnder(parent, found.across.map((a) => a.figures), roster, review.year);
  const and = { zh: '、', en: ', ' };
  const header = say(REVIEW.sumHeader, {
    parent,
    year: String(review.year ?? '?'),
    count: sum.units.length,
    units: sum.units.length ? list(sum.units, and) : REVIEW.none,
    missing: missing.length ? say(REVIEW.sumMissing, { units: list(missing, and) }) : REVIEW.sumNoneMissing,
  });
  const tables = summedMarkdown(sum);
  const sections = TABLE_IDS.map((id) => `## ${SECTIONS[TABLES[id].section - 1].heading}\n\n${tables[id]}`);
  const sentences = breakdownSentences(sum, parent).map((t) => t[locale]);
  return [header[locale], '', ...sections.flatMap((t) => [t, '']), sentences.join('')].join('\n') + '\n';
}

/** The pieces of an output, stopped between two of them once Ctrl+C is pressed (the file is then not written). */
function* untilStopped(pieces: Iterable<string>, signal: AbortSignal): Generator<string> {
  for (const piece of pieces) {
    if (signal.aborted) throw new Interrupted();
    yield piece;
  }
}

/** Each output asked for, written atomically, the texts piece by piece as they are made; the first that fails stops (exit 2). */
async function writeOutputs(review: Review, options: ReviewArgs, out: Output, signal: AbortSignal): Promise<void> {
  const outputs: [string | undefined, () => Promise<Iterable<string> | Buffer>][] = [
    [options.csv, async () => reviewCsv(review, options.locale)],
    [options.json, async () => reviewJson(review, options.locale)],
    [options.xlsx, () => reviewXlsx(review, options.locale)],
    [options.html, async () => reviewHtml(review, options.locale)],
  ];
  for (const [path, make] of outputs) {
    if (!path) continue;
    const content = await make();
    if (signal.aborted) throw new Interrupted();
    if (Buffer.isBuffer(content)) await writeBinaryFile(path, content, { create: true });
    else await writeTextPieces(path, untilStopped(content, signal), { create: true });
    out.error(say(REVIEW.written, { path }), 'nianbao review');
  }
}

export async function runReview(args: string[]): Promise<number> {
  const out = new Output('zh');
  const stop = new AbortController();
  const interrupt = () => stop.abort(new Interrupted());
  process.once('SIGINT', interrupt);
  let bar: Progress | undefined;
  try {
    const options = parseReviewArgs(args);
    if (options === 'help') {
      await out.write(REVIEW_USAGE);
      return 0;
    }
    out.locale = options.locale;
    const roster = options.roster ? await rosterOf(options.roster) : undefined;
    const sumParent = options.sum === undefined ? undefined : sumParentOf(options.sum, roster);
    bar = options.progress ? new Progress(options.locale, !!process.stderr.isTTY) : undefined;
    const found = await reviewFiles(options, stop.signal, bar?.pass);
    bar?.clear();
    const review = assembleReview(found.rows, found, roster, options.year);
    await acrossUnits(review, found, roster);
    if (sumParent !== undefined) {
      const text = sumText(sumParent, review, found, roster!, options.locale);
      if (stop.signal.aborted) throw new Interrupted();
      if (!options.sumOut) {
        await out.write(text);
        return 0;
      }
      await writeTextFile(options.sumOut, text, 'utf-8', false, options.overwrite ? { create: true } : { exclusive: true });
      out.error(say(REVIEW.written, { path: options.sumOut }), 'nianbao review');
    }
    await writeOutputs(review, options, out, stop.signal);
    await out.write(reviewTable(review, options.locale));
    return review.rows.some((r) => r.counts.error > 0) || review.unreadable.length ? 1 : 0;
  } catch (error) {
    bar?.clear();
    if (error instanceof Interrupted || stop.signal.aborted) {
      out.error(say(REVIEW.interrupted), 'nianbao review');
      return 130;
    }
    return failure(error, out);
  } finally {
    process.removeListener('SIGINT', interrupt);
  }
}

/** --sum PARENT: the roster's name of PARENT; a usage error (exit 2) without a roster with 上级, or for a name not on it. */
function sumParentOf(name: string, roster: readonly RosterUnit[] | undefined): string {
  if (!roster || parentsOf(roster).size === 0) throw new UsageError(REVIEW.sumNeedsRoster);
  const named = rosterUnitNamed(roster, name);
  if ('unit' in named) return named.unit;
  throw new UsageError(named.closest ? say(REVIEW.sumClosest, { name, closest: named.closest }) : say(REVIEW.sumUnknown, { name }));
}

/** The exit code and the line of a run that could not finish. */
function failure(error: unknown, out: Output): number {
  const tell = (text: Text) => out.error(text, 'nianbao review');
  if (error instanceof UsageError) out.usage(error.text, 'review');
  else if (error instanceof TargetError) out.usage(say(CLI[TARGET_FAILURES[error.reason]], { path: error.path }), 'review');
  else if (error instanceof RosterError) tell(say(REVIEW.badRoster, { path: error.path, why: error.why }));
  else if (error instanceof ConfigError) tell({ zh: [CLI.badConfig.zh, ...error.lines.map((l) => `  ${l.zh}`)].join('\n'), en: [CLI.badConfig.en, ...error.lines.map((l) => `  ${l.en}`)].join('\n') });
  else if (error instanceof FileWriteError) tell(say(CLI.outputFailed, { path: error.path, why: WRITE_FAILURES[error.reason] }));
  else throw error;
  return 2;
}
