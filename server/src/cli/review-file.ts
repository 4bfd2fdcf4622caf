/**
 * The work of `nianbao review` on one file, as a worker thread does it: the
 * check of `check` (cli/check-file.ts), and the rows of its reports
 * (review/row.ts). The findings travel inside the rows, so the file's result
 * comes back without them: a worker returns the small rows, never the text.
 */
import { summarise, type ReportSummary } from '../review/row';
import { checkFile, type FileOutcome, type FileTask } from './check-file';

export type ReviewOutcome = FileOutcome & { summary?: ReportSummary[] };

export async function reviewFile(task: FileTask): Promise<ReviewOutcome> {
  const outcome = await checkFile(task, (analysis, file) => {
    return summarise(analysis.parts, file.text, task.check.rules, file.imported?.places);
  });
  return { ...outcome, result: { ...outcome.result, findings: [], places: undefined, columns: undefined } };
}
