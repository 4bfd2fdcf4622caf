/**
 * What must hold for any text, however mangled: the engine and every editor
 * feature answer without throwing, every range lies inside its line and the
 * document, every fix does what it says and only that, fix-all never makes
 * things worse and is idempotent, converting keeps every number, and the line
 * endings change nothing. Each check returns the violations it found, in words.
 */
import { Analyzer, type AnalyzeOptions, type DocumentAnalysis } from '../../server/src/engine/analyze';
import { fixAll, proveFix } from '../../server/src/engine/fix';
import { applyEdits } from '../../server/src/engine/edits';
import type { Position, Range } from '../../server/src/model/report';
import { LineIndex } from '../../server/src/parse/text';
import { codeActions, tableConversions } from '../../server/src/features/codeActions';
import { hoverAt } from '../../server/src/features/hover';
import { documentSymbols, type OutlineSymbol } from '../../server/src/features/symbols';
import { foldingRanges } from '../../server/src/features/folding';
import { completionsAt } from '../../server/src/features/completion';
import { extractReport } from '../../server/src/extract';
import { findingIds } from '../../server/src/engine/identity';

export interface CaseResult {
  violations: string[];
  /** How many fixes were proven. */
  fixes: number;
  /** Codes whose fixes were proven. */
  fixedCodes: Set<string>;
  ms: number;
}

const OPTIONS: AnalyzeOptions = { enable: 'always' };

function rangeProblems(index: LineIndex, range: Range, what: string): string[] {
  const out: string[] = [];
  const inside = (p: Position) => p.line >= 0 && p.line < index.lineCount && p.character >= 0 && p.character <= index.lineEnd(p.line) - index.lineStart(p.line);
  if (!inside(range.start) || !inside(range.end)) out.push(`${what}: range ${JSON.stringify(range)} outside its line or the document`);
  if (range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character)) out.push(`${what}: range ends before it starts`);
  return out;
}

function symbolRanges(symbols: OutlineSymbol[]): Range[] {
  return symbols.flatMap((s) => [s.range, s.selectionRange, ...symbolRanges(s.children)]);
}

/** The shape of the findings, to compare line-ending variants: codes, ids and ranges. */
const shape = (a: DocumentAnalysis) => JSON.stringify(a.findings.map((f) => [f.code, f.messageId, f.range]));

export interface CheckOptions {
  /** Fixes to prove at most per case (each costs an analysis). */
  maxFixes?: number;
  /** Also compare the LF, CRLF and CR versions. */
  lineEndings?: boolean;
}

/** Check every invariant on one text. */
export function checkText(text: string, options: CheckOptions = {}): CaseResult {
  const started = process.hrtime.bigint();
  const violations: string[] = [];
  const fixedCodes = new Set<string>();
  let fixes = 0;
  const guard = <T>(what: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (error) {
      violations.push(`${what} threw: ${(error as Error).stack?.split('\n').slice(0, 3).join(' ') ?? error}`);
      return undefined;
    }
  };
  const analyzer = new Analyzer();
  const a = guard('analyze', () => analyzer.analyze(text, OPTIONS));
  if (!a) return { violations, fixes, fixedCodes, ms: 0 };
  const index = new LineIndex(text);

  // Ranges.
  for (const f of a.findings) {
    violations.push(...rangeProblems(index, f.range, `${f.code} finding`));
    for (const r of f.related ?? []) if (!r.uri) violations.push(...rangeProblems(index, r.range, `${f.code} related`));
    for (const fix of f.fixes ?? []) for (const e of fix.edits) violations.push(...rangeProblems(index, e.range, `${f.code} fix edit`));
    for (const s of [f.message.zh, f.message.en]) if (/Infinity|NaN|undefined|\{\w+\}/.test(s)) violations.push(`${f.code}: message says “${s}”`);
  }

  // Features.
  const symbols = guard('outline', () => documentSymbols(a, 'zh'));
  for (const r of symbolRanges(symbols ?? [])) violations.push(...rangeProblems(index, r, 'outline'));
  for (const fold of guard('folding', () => foldingRanges(a)) ?? [])
    if (fold.startLine < 0 || fold.endLine >= index.lineCount || fold.endLine < fold.startLine) violations.push(`folding ${JSON.stringify(fold)} outside the document`);
  const ids = findingIds(a.findings);
  const diagnostics = a.findings.map((f, i) => ({ code: f.code, source: 'nianbao', range: f.range, data: { id: ids[i] } }));
  const probes: Position[] = [...a.findings.slice(0, 8).map((f) => f.range.start), { line: 0, character: 0 }, { line: index.lineCount - 1, character: 0 }];
  for (const p of probes) {
    const hover = guard('hover', () => hoverAt(a, p, 'zh'));
    if (hover?.range) violations.push(...rangeProblems(index, hover.range, 'hover'));
    const actions = guard('code actions', () => codeActions(a, { range: { start: p, end: p }, diagnostics: diagnostics.filter((d) => d.range.start.line === p.line) }, 'zh', { analyzer, options: OPTIONS }));
    for (const action of actions ?? []) for (const e of action.edits) violations.push(...rangeProblems(index, e.range, `code action ${action.title}`));
    const line = text.split(/\r\n|\r|\n/)[p.line] ?? '';
    guard('completion', () => completionsAt(line, { line: p.line, character: Math.min(p.character, line.length) }, 'zh'));
  }

  // Each fix alone: its finding gone, nothing new (but what it declares it leaves), no other number changed.
  const maxFixes = options.maxFixes ?? 6;
  for (const f of a.findings) {
    for (const fix of f.fixes ?? []) {
      if (fixes >= maxFixes) break;
      const proof = guard(`proving ${f.code} fix “${fix.title.zh}”`, () => proveFix(a, f, fix, OPTIONS, analyzer));
      if (!proof) continue;
      fixes++;
      if (!proof.gone) violations.push(`${f.code} fix “${fix.title.zh}” leaves its finding: ${f.message.zh}`);
      for (const added of proof.added) violations.push(`${f.code} fix “${fix.title.zh}” adds ${added.code}: ${added.message.zh}`);
      for (const moved of proof.movedNumbers) violations.push(`${f.code} fix “${fix.title.zh}” changes a number it does not claim: ${moved}`);
      if (proof.ok) fixedCodes.add(f.code);
    }
  }

  // Fix-all: never more findings, idempotent, no safe fix left.
  const all = guard('fix-all', () => fixAll(text, OPTIONS, analyzer));
  if (all) {
    if (all.after.findings.length > all.before.findings.length) violations.push(`fix-all: ${all.before.findings.length} findings became ${all.after.findings.length}`);
    const again = guard('fix-all twice', () => fixAll(all.text, OPTIONS, analyzer));
    if (again && again.text !== all.text) violations.push('fix-all is not idempotent: a second run changed the text');
    const left = all.after.findings.filter((f) => f.fixes?.some((x) => x.fixAll));
    if (left.length) violations.push(`fix-all left safe fixes: ${left.map((f) => f.code).join(', ')}`);
  }

  // Converting keeps every number, and converting twice changes nothing.
  // (The first few: each costs an analysis of the whole text.)
  for (const c of (guard('conversions', () => tableConversions(a)) ?? []).slice(0, 6)) {
    const converted = guard('convert', () => applyEdits(text, [c.edit]));
    if (converted === undefined) continue;
    const after = guard('analyze converted', () => analyzer.analyze(converted, OPTIONS));
    const part = a.parts[c.part];
    const before = extractReport(part.report, 'x');
    const afterPart = after?.parts[c.part];
    if (!afterPart) {
      violations.push(`convert ${c.id}: the report is gone`);
      continue;
    }
    const key = c.id === 't2' ? 'table2' : c.id === 't3' ? 'table3' : 'table4';
    const was = JSON.stringify(before[key]);
    const now = JSON.stringify(extractReport(afterPart.report, 'x')[key]);
    if (was !== now) violations.push(`convert ${c.id} changed the numbers: ${was} → ${now}`);
    const twice = tableConversions(after!).filter((x) => x.id === c.id && x.part === c.part);
    if (twice.length) violations.push(`convert ${c.id} twice changes the text again`);
  }

  // Line endings change nothing.
  if (options.lineEndings) {
    const lf = text.replace(/\r\n?/g, '\n');
    const base = guard('analyze LF', () => analyzer.analyze(lf, OPTIONS));
    for (const [name, variant] of [['CRLF', lf.replace(/\n/g, '\r\n')], ['CR', lf.replace(/\n/g, '\r')]] as const) {
      const v = guard(`analyze ${name}`, () => analyzer.analyze(variant, OPTIONS));
      if (base && v && shape(base) !== shape(v)) violations.push(`${name} gives other findings than LF`);
    }
  }
  return { violations, fixes, fixedCodes, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}
