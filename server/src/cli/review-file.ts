/**
 * The work of `nianbao review` on one file, as a worker thread does it: the
 * check of `check` (cli/check-file.ts), and the rows of its reports
 * (review/row.ts). The findings travel inside the rows, so the file's result
 * comes back without them: a worker returns the small rows, never the text.
 *
 * Besides the row, each report's plain data for the work across units, done
 * in the main thread once every file is read: its compared sentences (雷同,
 * review/similarity.ts) and its cells (汇总, review/aggregate.ts). The jumps
 * from last year's figures (review/year-over-year.ts) are found here, where
 * last year's report is at hand, and join the row's problems as notes.
 */
import type { Part } from '../engine/analyze';
import type { Finding, Report } from '../model/report';
import { forgetBlocks } from '../parse/blocks';
import { lastYearReport } from '../parse/units';
import { readFigures, type UnitFigures } from '../review/aggregate';
import { summarise, type ReportSummary } from '../review/row';
import { readSentences, type ReportSentences } from '../review/similarity';
import { jumps } from '../review/year-over-year';
import { checkFile, type FileOutcome, type FileTask } from './check-file';

/** The code a jump from last year's figure is listed under in a row. */
const JUMP_CODE = 'year-over-year-jump';

/** What the main thread compares across units of one report: its sentences and its cells. */
export interface AcrossUnits {
  sentences: ReportSentences;
  figures: UnitFigures;
}

export type ReviewOutcome = FileOutcome & { summary?: { row: ReportSummary; across: AcrossUnits }[] };

/** A report's jumps from last year's, as findings of the report (information, last year's cell related). */
function jumpFindings(report: Report, others: readonly { uri: string; report: Report }[]): Finding[] {
  const last = lastYearReport(report, others);
  if (!last) return [];
  return jumps(report, last, last.year).map((j) => ({
    code: JUMP_CODE,
    severity: 'information',
    messageId: 'jump',
    message: j.message,
    range: j.range,
    where: j.where,
    ...(j.lastRange ? { related: [{ uri: j.lastUri, range: j.lastRange, message: j.lastMessage }] } : {}),
  }));
}

/** A part's sentences with their lines in the whole file (a file may hold several reports). */
function sentencesOf(part: Part, uri: string): ReportSentences {
  const read = readSentences({ uri, report: part.report });
  return { ...read, sentences: read.sentences.map((s) => ({ ...s, line: s.line + part.startLine, endLine: s.endLine + part.startLine })) };
}

export async function reviewFile(task: FileTask): Promise<ReviewOutcome> {
  const outcome = await checkFile(task, (analysis, file, others) => {
    const parts = analysis.parts.map((p) => ({ ...p, findings: [...p.findings, ...jumpFindings(p.report, others)] }));
    const rows = summarise(parts, file.text, task.check.rules, file.imported?.places);
    return rows.map((row, i) => {
      const uri = row.part ? `${task.target.display}#${row.part}` : task.target.display;
      return { row, across: { sentences: sentencesOf(parts[i], uri), figures: readFigures({ uri, report: parts[i].report }) } };
    });
  });
  // The parser remembers the blocks of 20,000 chunks for the editor's keystrokes; a folder's files are read once each,
  // so a thread that kept them would hold tens of MB of other files' blocks (main thread and workers alike).
  forgetBlocks();
  return { ...outcome, result: { ...outcome.result, findings: [], places: undefined, columns: undefined } };
}
