/**
 * Fixes proven by re-checking. A fix is applied to the text and the text is
 * analysed again: the fix's finding must be gone, no finding may appear that
 * was not there (but those of the codes the fix declares it leaves), and no
 * number of the tables may change but those in the cells the fix edits.
 *
 * Fix-all applies every safe fix (`Fix.fixAll`) the findings carry, checks
 * again and repeats until nothing changes, a bounded number of rounds. A round
 * whose fixes together make the report worse is retried one fix at a time,
 * keeping only the fixes that prove themselves. The editor (source.fixAll, the
 * palette command) and `check --fix` both use this.
 */
import type { Text } from '../format/standard';
import type { Finding, Fix, Range, TextEdit } from '../model/report';
import { LineIndex } from '../parse/text';
import { Analyzer, type AnalyzeOptions, type DocumentAnalysis } from './analyze';
import { applyEdits, overlaps } from './edits';
import { addedFindings, countKeys, findingKey } from './identity';

export interface FixProof {
  ok: boolean;
  /** The finding the fix is for is gone. */
  gone: boolean;
  /** Findings that appeared (beyond the codes the fix declares it leaves). */
  added: Finding[];
  /** Table numbers that changed outside the cells the fix edits: `table/row/column: before → after`. */
  movedNumbers: string[];
  text: string;
  after: DocumentAnalysis;
}

/** Apply a fix's edits to a text. */
function applyFix(text: string, fix: Fix): string {
  const index = new LineIndex(text);
  return applyEdits(text, fix.edits, (p) => index.offsetAt(p));
}

/** Apply a fix and check again: does it do what it says, and only that? */
export function proveFix(
  before: DocumentAnalysis,
  finding: Finding,
  fix: Fix,
  options: AnalyzeOptions = {},
  analyzer: Analyzer = new Analyzer(),
): FixProof {
  const text = applyFix(before.text, fix);
  const after = analyzer.analyze(text, options);
  const key = findingKey(finding);
  const gone = (countKeys(after.findings).get(key) ?? 0) < (countKeys(before.findings).get(key) ?? 0);
  const added = addedFindings(before.findings, after.findings, fix.leaves);
  const movedNumbers = numbersMoved(before, after, fix.edits);
  return { ok: gone && added.length === 0 && movedNumbers.length === 0, gone, added, movedNumbers, text, after };
}

/** Every table number of a document, by report, table, row and column, with the range of its cell. */
function numbers(analysis: DocumentAnalysis): Map<string, { value: number | null; range?: Range }> {
  const out = new Map<string, { value: number | null; range?: Range }>();
  analysis.parts.forEach((part, p) => {
    for (const table of Object.values(part.report.tables)) {
      if (!table) continue;
      for (const row of table.rows.values())
        row.cells.forEach((cell, c) => {
          const range = cell.span ? shift(cell.span.range, part.startLine) : undefined;
          out.set(`${p}/${table.id}/${row.key}/${c}`, { value: cell.state === 'number' ? cell.value : null, ...(range ? { range } : {}) });
        });
    }
  });
  return out;
}

const shift = (r: Range, lines: number): Range => ({ start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } });

/**
 * The numbers that changed although the edits do not touch their cells. A
 * cell that held no number and is read now (a glued row the fix made
 * resolvable) loses nothing: only a number that changes or goes counts.
 */
function numbersMoved(before: DocumentAnalysis, after: DocumentAnalysis, edits: readonly TextEdit[]): string[] {
  const was = numbers(before);
  const now = numbers(after);
  const moved: string[] = [];
  for (const [key, b] of was) {
    const a = now.get(key);
    if (b.value === null || (a && a.value === b.value)) continue;
    const edited = b.range && edits.some((e) => overlaps(e, { range: b.range!, newText: '' }));
    if (!edited) moved.push(`${key}: ${b.value} → ${a?.value ?? 'gone'}`);
  }
  return moved;
}

export interface AppliedFix {
  code: string;
  title: Text;
  /** Where the finding was, in the text the fix was applied to. */
  range: Range;
}

export interface FixAllResult {
  text: string;
  before: DocumentAnalysis;
  after: DocumentAnalysis;
  /** The fixes applied, in the order they were. */
  applied: AppliedFix[];
  rounds: number;
}

/** Fix-all stops after this many rounds (each round re-reads the text). */
const MAX_ROUNDS = 50;

/** The safe fixes of a set of findings, the first of each finding, none overlapping another. */
function safeFixes(findings: readonly Finding[], refused: ReadonlySet<string>): { finding: Finding; fix: Fix }[] {
  const chosen: { finding: Finding; fix: Fix }[] = [];
  for (const finding of findings) {
    const fix = finding.fixes?.find((f) => f.fixAll);
    if (!fix || refused.has(fixKey(finding, fix))) continue;
    if (chosen.some((c) => c.fix.edits.some((a) => fix.edits.some((b) => overlaps(a, b))))) continue;
    chosen.push({ finding, fix });
  }
  return chosen;
}

/** A fix by what it is for and what it writes, not by where (edits elsewhere move it). */
const fixKey = (finding: Finding, fix: Fix) => `${findingKey(finding)}→${fix.edits.map((e) => e.newText).join('|')}`;

/**
 * Apply every safe fix, check again, repeat while anything changes. Never
 * leaves more findings than it found, and a second run changes nothing.
 * The safe fixes of a round are applied together when that makes nothing
 * worse; otherwise one at a time, each proven, the text read again after each.
 */
export function fixAll(text: string, options: AnalyzeOptions = {}, analyzer: Analyzer = new Analyzer()): FixAllResult {
  const before = analyzer.analyze(text, options);
  let analysis = before;
  const applied: AppliedFix[] = [];
  /** Safe fixes that failed their proof: not tried again. */
  const refused = new Set<string>();
  let rounds = 0;
  while (rounds < MAX_ROUNDS && analysis.isReport) {
    const fixes = safeFixes(analysis.findings, refused);
    if (fixes.length === 0) break;
    rounds++;
    if (fixes.length > 1) {
      const together: Fix = { id: 'fixAll', title: { zh: '', en: '' }, kind: 'quickfix', edits: fixes.flatMap((f) => f.fix.edits), leaves: fixes.flatMap((f) => f.fix.leaves ?? []) };
      const next = applyFix(analysis.text, together);
      const nextAnalysis = analyzer.analyze(next, options);
      const worse = addedFindings(analysis.findings, nextAnalysis.findings, together.leaves).length > 0 || nextAnalysis.findings.length > analysis.findings.length;
      if (!worse && next !== analysis.text) {
        applied.push(...fixes.map(({ finding, fix }) => ({ code: finding.code, title: fix.title, range: finding.range })));
        analysis = nextAnalysis;
        continue;
      }
    }
    // One at a time: the first that proves itself, then the text is read again.
    let progressed = false;
    for (const { finding, fix } of fixes) {
      const proof = proveFix(analysis, finding, fix, options, analyzer);
      if (!proof.ok || proof.after.findings.length > analysis.findings.length) {
        refused.add(fixKey(finding, fix));
        continue;
      }
      applied.push({ code: finding.code, title: fix.title, range: finding.range });
      analysis = proof.after;
      progressed = true;
      break;
    }
    if (!progressed) break;
  }
  return { text: analysis.text, before, after: analysis, applied, rounds };
}

/** The safe fixes' edits for a document, proven together: what the editor's source.fixAll applies in one edit. */
export function fixAllEdits(analysis: DocumentAnalysis, options: AnalyzeOptions = {}, analyzer?: Analyzer): TextEdit[] {
  const result = fixAll(analysis.text, options, analyzer);
  if (result.text === analysis.text) return [];
  return [wholeTextEdit(analysis.text, result.text)];
}

/**
 * One edit that turns `from` into `to`: the whole lines between their common
 * beginning and end, so the editor keeps the cursor and the undo step is one.
 */
function wholeTextEdit(from: string, to: string): TextEdit {
  let prefix = 0;
  while (prefix < from.length && prefix < to.length && from[prefix] === to[prefix]) prefix++;
  let suffix = 0;
  while (suffix < from.length - prefix && suffix < to.length - prefix && from[from.length - 1 - suffix] === to[to.length - 1 - suffix]) suffix++;
  const index = new LineIndex(from);
  const start = index.lineStart(index.positionAt(prefix).line);
  const end = index.lineEnd(index.positionAt(from.length - suffix).line);
  return { range: { start: index.positionAt(start), end: index.positionAt(end) }, newText: to.slice(start, to.length - (from.length - end)) };
}
