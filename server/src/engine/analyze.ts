/**
 * The engine: text in, findings out. Usable without LSP (the CLI and the tests
 * call it directly); the language server only wraps it.
 *
 * A document may hold several reports (a reviewer's file of 100 reports). It is
 * cut into one part per report, each parsed and checked on its own, and parts
 * whose text has not changed are taken from a cache: typing in one report of a
 * large document re-reads only that report.
 */
import { CHECKS, type CheckContext, type CheckOptions } from '../checks';
import type { Finding, Position, Range, Report, TextEdit } from '../model/report';
import { parseReport } from '../parse/report';
import { matchSectionHeading } from '../parse/labels';
import { correctedTotals } from '../checks/arithmetic';
import { setCellEdit } from '../checks/check';

export type EnableMode = 'auto' | 'always' | 'never';

export interface AnalyzeOptions {
  enable?: EnableMode;
  check?: CheckOptions;
  /** Other reports at hand, for checks across files. */
  others?: CheckContext['others'];
  uri?: string;
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

/** A report has a title naming 政府信息公开 and 年度报告/年报, or at least two standard headings. */
export function looksLikeReport(report: Report): boolean {
  if (report.title) return true;
  return new Set(report.sections.map((s) => s.spec.number)).size >= 2;
}

/** Parse and check one report's text. */
export function checkReport(report: Report, context: CheckContext): Finding[] {
  const findings: Finding[] = [];
  for (const check of CHECKS) {
    try {
      findings.push(...check.run(report, context));
    } catch (error) {
      // A check that fails on odd input says so; it never takes the others down.
      findings.push({
        code: 'internal-error',
        severity: 'warning',
        message: {
          zh: `检查 ${check.code} 无法处理这份文本：${(error as Error).message}`,
          en: `Check ${check.code} could not process this text: ${(error as Error).message}`,
        },
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      });
    }
  }
  return findings.sort(compareFindings);
}

function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code);
}

const TITLE_LINE = /^[#\s]*\S.{0,60}政府信息公开.{0,12}(年度报告|年报)\s*#*\s*$/;

/**
 * Where each report of a document starts: at a title line that follows a
 * report's sections (so the first report starts at 0).
 */
export function splitReports(text: string): number[] {
  const starts = [0];
  let sectionsSinceStart = 0;
  let offset = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed && trimmed.length <= 80) {
      if (TITLE_LINE.test(trimmed) && !/根据|编制|统计/.test(trimmed)) {
        if (sectionsSinceStart >= 2) {
          starts.push(offset);
          sectionsSinceStart = 0;
        }
      } else if (/^[#\s]*[一二三四五六][、.．]/.test(trimmed) && matchSectionHeading(trimmed.replace(/^#+\s*/, ''))) {
        sectionsSinceStart++;
      }
    }
    offset += line.length + 1;
  }
  return starts;
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
    const starts = splitReports(text);
    const parts: Part[] = [];
    const context: CheckContext = { options: options.check ?? {}, others: options.others, uri: options.uri };
    const optionsKey = JSON.stringify(options.check ?? {});
    const crossFile = !!options.others?.length;
    let line = 0;
    let lastOffset = 0;
    for (let i = 0; i < starts.length; i++) {
      const startOffset = starts[i];
      const endOffset = i + 1 < starts.length ? starts[i + 1] : text.length;
      line += countLines(text, lastOffset, startOffset);
      lastOffset = startOffset;
      const entry = this.entry(text.slice(startOffset, endOffset));
      let findings = crossFile ? undefined : entry.findings.get(optionsKey);
      if (!findings) {
        findings = checkReport(entry.report, context);
        if (!crossFile) entry.findings.set(optionsKey, findings);
      }
      parts.push({ report: entry.report, findings, startLine: line, startOffset, endOffset });
    }
    const isReport = options.enable === 'always' || (options.enable !== 'never' && parts.some((p) => looksLikeReport(p.report)));
    const findings =
      options.enable === 'never' || !isReport
        ? []
        : parts.flatMap((p) => (p.startLine === 0 ? p.findings : p.findings.map((f) => shiftFinding(f, p.startLine))));
    return { text, parts, findings, isReport };
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

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

export function shiftRange(range: Range, lines: number): Range {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

function shiftFinding(f: Finding, lines: number): Finding {
  return {
    ...f,
    range: shiftRange(f.range, lines),
    related: f.related?.map((r) => ({ ...r, range: shiftRange(r.range, lines) })),
    fixes: f.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, lines) })) })),
  };
}

/** The part holding a document position, and the position inside it. */
export function partAt(analysis: DocumentAnalysis, position: Position): { part: Part; local: Position } | undefined {
  let found: Part | undefined;
  for (const part of analysis.parts) if (part.startLine <= position.line) found = part;
  if (!found) return undefined;
  return { part: found, local: { line: position.line - found.startLine, character: position.character } };
}

/** Every total in the document set to its computed value: one pass leaves none wrong. */
export function fixAllEdits(analysis: DocumentAnalysis): TextEdit[] {
  return analysis.parts.flatMap((part) =>
    correctedTotals(part.report)
      .map(({ cell, value }) => setCellEdit(cell, value))
      .filter((e): e is TextEdit => !!e)
      .map((e) => ({ ...e, range: shiftRange(e.range, part.startLine) })),
  );
}

/** Apply non-overlapping edits to a text (for the CLI and tests). */
export function applyEdits(text: string, edits: readonly TextEdit[], offsetAt: (p: Position) => number): string {
  const sorted = edits
    .map((e) => ({ start: offsetAt(e.range.start), end: offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const e of sorted) {
    if (e.end > limit) throw new Error('overlapping edits');
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
    limit = e.start;
  }
  return out;
}

/** Convenience: analyse a text once, without a cache. */
export function analyzeText(text: string, options: AnalyzeOptions = {}): DocumentAnalysis {
  return new Analyzer().analyze(text, options);
}
