/**
 * The engine: text in, findings out. Usable without LSP (the CLI and the tests
 * call it directly); the language server only wraps it.
 *
 * A document may hold several reports (a reviewer's file of 100 reports). It is
 * cut into one part per report, each parsed and checked on its own, and parts
 * whose text has not changed are taken from a cache: typing in one report of a
 * large document re-reads only that report.
 */
import { CHECKS, type Check, type CheckContext, type CheckOptions } from '../checks';
import { readsKind, severityUnder } from '../checks/check';
import type { Finding, Position, Report } from '../model/report';
import { parseReport } from '../parse/report';
import { splitReports } from '../parse/split';
import { performance } from 'node:perf_hooks';
import { compareFindings, shiftFinding } from './edits';
import { locate } from './locate';
import { applyDirectives } from './suppress';

export type EnableMode = 'auto' | 'always' | 'never';

/**
 * What happens when a check throws: 'throw' lets the exception through (tests,
 * `check --strict`); 'report' turns it into an internal-error finding that names
 * the check (the editor), so one faulty check never hides the others.
 */
export type CheckErrors = 'throw' | 'report';

export interface AnalyzeOptions {
  enable?: EnableMode;
  check?: CheckOptions;
  /** Other reports at hand, for checks across files. */
  others?: CheckContext['others'];
  /** Sentences of other units' reports at hand, by key (copied-paragraph). */
  peers?: CheckContext['peers'];
  uri?: string;
  /** Default: 'throw'. */
  checkErrors?: CheckErrors;
  /** The checks to run (default: all); for tests of the engine itself. */
  checks?: readonly Check[];
}

/** One report of a document, and where it starts. */
export interface Part {
  report: Report;
  /** Findings in the part's own coordinates. */
  findings: Finding[];
  startLine: number;
  startOffset: number;
  endOffset: number;
}

export interface DocumentAnalysis {
  text: string;
  parts: Part[];
  /** Findings in document coordinates. */
  findings: Finding[];
  /** Whether the document looks like an annual report (auto mode). */
  isReport: boolean;
}

/** The code of the finding a check that threw becomes. */
export const INTERNAL_ERROR = 'internal-error';

/** A report has a title naming 政府信息公开 and 年度报告/年报, or at least two standard headings. */
function looksLikeReport(report: Report): boolean {
  if (report.title) return true;
  return new Set(report.sections.map((s) => s.spec.number)).size >= 2;
}

/** Check one report. */
export function checkReport(report: Report, context: CheckContext, options: Pick<AnalyzeOptions, 'checkErrors' | 'checks'> = {}): Finding[] {
  const findings: Finding[] = [];
  for (const check of options.checks ?? CHECKS) {
    // Switched off, or set to another severity, by the configuration.
    const severity = severityUnder(check, context.options.rules);
    if (severity === 'off' || !readsKind(check, report.kind.kind)) continue;
    try {
      const found = check.run(report, context);
      // A severity set in the rules holds for every finding; by default a check may vary it per finding.
      const set = context.options.rules?.[check.code]?.severity;
      for (const f of found) findings.push({ ...f, ...(set ? { severity } : {}), where: locate(report, f.range) });
    } catch (error) {
      if (options.checkErrors !== 'report') throw error;
      findings.push(internalError(check, error));
    }
  }
  return findings.sort(compareFindings);
}

/** A check that failed on odd input says so, on the first line, under its own name. */
function internalError(check: Check, error: unknown): Finding {
  const why = error instanceof Error ? error.message : String(error);
  return {
    code: INTERNAL_ERROR,
    severity: 'warning',
    messageId: 'internalError',
    message: {
      zh: `检查 ${check.code}（${check.title.zh}）处理这份文本时出错，未能完成：${why}。请把这份文本报告给 Nianbao 的维护者`,
      en: `The check ${check.code} (${check.title.en}) failed on this text and did not finish: ${why}. Please report the text to Nianbao's maintainers`,
    },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    data: { check: check.code, error: why },
  };
}

/**
 * Analyses documents, reusing the parts of the last versions that did not change.
 * A part's report is cached by its text; its findings by text and check options,
 * except when other reports take part (cross-file checks), where the cached
 * report is checked again but never parsed again.
 */
export class Analyzer {
  private cache = new Map<string, { report: Report; findings: Map<string, Finding[]> }>();

  constructor(private readonly maxCachedParts = 400) {}

  analyze(text: string, options: AnalyzeOptions = {}): DocumentAnalysis {
    const run = this.run(text, options);
    for (const slice of run.slices) slice();
    return run.result();
  }

  /**
   * The same analysis, a report at a time, giving the event loop back every
   * `budgetMs` (the language server keeps answering while a 20 MB document is
   * read). Undefined when `stop` says the text is no longer wanted (the
   * document moved on); `progress` hears how far it got; `pause` gives the
   * event loop back between slices (default: one turn).
   */
  async analyzeInSlices(
    text: string,
    options: AnalyzeOptions,
    control: { budgetMs?: number; stop?: () => boolean; progress?: (done: number, total: number) => void; pause?: () => Promise<void> } = {},
  ): Promise<DocumentAnalysis | undefined> {
    const run = this.run(text, options);
    const budget = control.budgetMs ?? 20;
    let since = performance.now();
    for (let i = 0; i < run.slices.length; i++) {
      if (performance.now() - since >= budget) {
        control.progress?.(i, run.slices.length);
        await (control.pause ? control.pause() : new Promise((resolve) => setImmediate(resolve)));
        if (control.stop?.()) return undefined;
        since = performance.now();
      }
      run.slices[i]();
    }
    return run.result();
  }

  /** The work of an analysis as one step per report, and its result once every step ran. */
  private run(text: string, options: AnalyzeOptions): { slices: (() => void)[]; result: () => DocumentAnalysis } {
    const parts: Part[] = [];
    const context: CheckContext = { options: options.check ?? {}, others: options.others, peers: options.peers, uri: options.uri };
    const optionsKey = JSON.stringify([options.check ?? {}, options.checkErrors ?? 'throw', options.checks?.map((c) => c.code) ?? null]);
    const crossFile = !!options.others?.length || !!options.peers;
    const slices = splitReports(text).map(({ startOffset, endOffset, startLine }) => () => {
      const entry = this.entry(text.slice(startOffset, endOffset));
      let findings = crossFile ? undefined : entry.findings.get(optionsKey);
      if (!findings) {
        findings = checkReport(entry.report, context, options);
        if (!crossFile) entry.findings.set(optionsKey, findings);
      }
      parts.push({ report: entry.report, findings, startLine, startOffset, endOffset });
    });
    const result = (): DocumentAnalysis => {
      const isReport = options.enable === 'always' || (options.enable !== 'never' && parts.some((p) => looksLikeReport(p.report)));
      // The nianbao-disable comments silence what they name, and say so when they silence nothing.
      const kept = applyDirectives(text, parts, context.options.rules);
      const findings = options.enable === 'never' || !isReport ? [] : kept.flatMap((p) => p.findings.map((f) => shiftFinding(f, p.startLine)));
      return { text, parts: kept, findings, isReport };
    };
    return { slices, result };
  }

  /** Forget the readings of these part texts (a closed document's, a superseded version's). */
  evict(partTexts: Iterable<string>): void {
    for (const text of partTexts) this.cache.delete(text);
  }

  /** How many part readings are kept. */
  get cachedParts(): number {
    return this.cache.size;
  }

  /** The cached reading of a part's text, parsed once. */
  private entry(partText: string): { report: Report; findings: Map<string, Finding[]> } {
    let entry = this.cache.get(partText);
    if (entry) this.cache.delete(partText); // re-inserted below: most recently used last
    else entry = { report: parseReport(partText), findings: new Map() };
    this.cache.set(partText, entry);
    if (this.cache.size > this.maxCachedParts) this.cache.delete(this.cache.keys().next().value!);
    return entry;
  }
}

/** The part holding a document position, and the position inside it. */
export function partAt(analysis: DocumentAnalysis, position: Position): { part: Part; local: Position } | undefined {
  let found: Part | undefined;
  for (const part of analysis.parts) if (part.startLine <= position.line) found = part;
  if (!found) return undefined;
  return { part: found, local: { line: position.line - found.startLine, character: position.character } };
}

/** Convenience: analyse a text once, without a cache. */
export function analyzeText(text: string, options: AnalyzeOptions = {}): DocumentAnalysis {
  return new Analyzer().analyze(text, options);
}
