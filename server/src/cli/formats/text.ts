/**
 * The text output, one line per finding:
 *
 *   path:line:column  severity  code  message  [where, in the report's words]
 *
 * Lines and columns count from 1; a column counts UTF-16 code units (as VS
 * Code and LSP do) unless --columns says characters or UTF-8 bytes. A finding
 * compared with another file of the run (last year's report, another unit's
 * text copied) names it on the next line:
 *
 *     ↳ path:line  what is there (a Word document or web page: no line)
 *
 * Then what
 * --fix changed (or --fix-dry-run's diff), then one summary line. Colour only
 * when asked for (cli/check-args.ts decides: a terminal, NO_COLOR, FORCE_COLOR).
 */
import { say } from '../../checks/messages';
import type { Severity } from '../../model/report';
import { isImportable } from '../../import/read';
import type { FileResult } from '../check-file';
import type { Locale } from '../io';
import { CLI } from '../messages';

function colorize(enabled: boolean) {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\x1b[${open}m${s}\x1b[${close}m` : s);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), green: wrap(32, 39) };
}

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);

/** A unified diff, its added and removed lines coloured. */
function paintDiff(diff: string, c: ReturnType<typeof colorize>): string[] {
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .filter((line) => !/^={3,}$/.test(line) && !line.startsWith('Index: '))
    .map((line) => (line.startsWith('+') && !line.startsWith('+++') ? c.green(line) : line.startsWith('-') && !line.startsWith('---') ? c.red(line) : line.startsWith('@@') ? c.blue(line) : line));
}

/**
 * `files`: the run's files by URI, as each is named in the output (the
 * related information of a finding names its file by URI).
 */
export function formatText(results: readonly FileResult[], locale: Locale, color: boolean, files: ReadonlyMap<string, string> = new Map()): string {
  const c = colorize(color);
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, information: c.blue, hint: c.dim };
  const lines: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let checked = 0;
  let skipped = 0;
  let failed = 0;
  for (const r of results) {
    if (r.error) {
      failed++;
      lines.push(c.red(r.error[locale]));
    }
    if (!r.isReport) {
      if (!r.error) skipped++;
      continue;
    }
    checked++;
    if (r.diff !== undefined) {
      if (r.diff === '') lines.push(c.dim(say(CLI.nothingFixed, { path: r.file })[locale]));
      else lines.push(c.green(say(CLI.wouldFix, { path: r.file, count: r.fixed?.length ?? 0 })[locale]), ...paintDiff(r.diff, c));
    } else if (r.fixed) {
      if (r.fixed.length === 0) lines.push(c.dim(say(CLI.nothingFixed, { path: r.file })[locale]));
      else {
        lines.push(c.green(say(CLI.fixed, { path: r.file, count: r.fixed.length })[locale]));
        for (const f of r.fixed) lines.push(c.green(say(CLI.fixedItem, { line: f.range.start.line + 1, code: f.code, title: f.title })[locale]));
      }
    }
    r.findings.forEach((f, i) => {
      counts[f.severity]++;
      // A Word document or web page has no lines to point at: where the finding stood in it (第 12 段).
      const source = r.places?.[i];
      const where = r.places ? `${r.file}${source ? `（${source[locale]}）` : ''}` : `${r.file}:${f.range.start.line + 1}:${r.columns?.[i] ?? f.range.start.character + 1}`;
      // Then where it is in the report's own words (表三 · 自然人列 · （一）予以公开), for a reviewer reading the report, not the file.
      const place = f.where ? `  ${c.dim(`[${f.where[locale]}]`)}` : '';
      lines.push(`${c.bold(where)}  ${paint[f.severity](f.severity)}  ${c.dim(f.code)}  ${f.message[locale]}${place}`);
      for (const rel of f.related ?? []) {
        const other = rel.uri && files.get(rel.uri);
        if (!other || other === r.file) continue;
        lines.push(c.dim(`    ↳ ${isImportable(other) ? other : `${other}:${rel.range.start.line + 1}`}  ${rel.message[locale]}`));
      }
    });
  }
  const notes = counts.information + counts.hint;
  const words = { files: checked, filesWord: plural(checked, 'file'), errors: counts.error, errorsWord: plural(counts.error, 'error'), warnings: counts.warning, warningsWord: plural(counts.warning, 'warning') };
  let summary = say(CLI.summary, words)[locale];
  if (notes) summary += say(CLI.notes, { notes, notesWord: plural(notes, 'note') })[locale];
  if (skipped) summary += say(CLI.skippedNotReports, { count: skipped, filesWord: plural(skipped, 'file') })[locale];
  if (failed) summary += say(CLI.failedFiles, { count: failed, filesWord: plural(failed, 'file') })[locale];
  if (lines.length) lines.push('');
  lines.push(counts.error || failed ? c.red(summary) : counts.warning ? c.yellow(summary) : c.green(summary));
  return lines.join('\n') + '\n';
}
