/**
 * The reports of the open documents, by year, kept per document version: a
 * cross-file check looks up last year's report of a unit here, instead of
 * reading every open document again on every keystroke. A document is read
 * for the index once per version (at its own check, or at the first lookup
 * after it changed), never again while it stays as it is.
 */
import type { DocumentAnalysis } from '../engine/analyze';
import type { Report } from '../model/report';
import { reportYear } from '../parse/dates';
import { lastYearReport } from '../parse/units';

export interface IndexedReport {
  uri: string;
  report: Report;
  startLine: number;
  year?: number;
}

interface Entry {
  version: number;
  settingsKey: string;
  reports: IndexedReport[];
}

/** A short stable name for a report's reading: the same text read once is the same Report. */
const reportIds = new WeakMap<Report, number>();
let nextReportId = 1;
export function reportId(report: Report): number {
  let id = reportIds.get(report);
  if (id === undefined) reportIds.set(report, (id = nextReportId++));
  return id;
}

export class OpenReportIndex {
  private readonly entries = new Map<string, Entry>();

  /** The document's reports at this version and settings, if indexed. */
  get(uri: string, version: number, settingsKey: string): IndexedReport[] | undefined {
    const entry = this.entries.get(uri);
    return entry && entry.version === version && entry.settingsKey === settingsKey ? entry.reports : undefined;
  }

  /** The document's reports as last indexed, whatever the version (none if never). */
  latest(uri: string): IndexedReport[] {
    return this.entries.get(uri)?.reports ?? [];
  }

  /** The reports of a document's analysis (none when it is no report). */
  set(uri: string, version: number, settingsKey: string, analysis: DocumentAnalysis): IndexedReport[] {
    const reports = analysis.isReport
      ? analysis.parts.map((part) => ({ uri, report: part.report, startLine: part.startLine, year: reportYear(part.report) }))
      : [];
    this.entries.set(uri, { version, settingsKey, reports });
    return reports;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  /** Last year's report of `report` among the indexed ones outside `exceptUri`. */
  lastYearOf(report: Report, exceptUri: string): IndexedReport | undefined {
    const year = reportYear(report);
    if (year === undefined) return undefined;
    const candidates: IndexedReport[] = [];
    for (const [uri, entry] of this.entries) {
      if (uri !== exceptUri) for (const r of entry.reports) if (r.year === year - 1) candidates.push(r);
    }
    const hit = lastYearReport(report, candidates);
    return hit && candidates.find((c) => c.report === hit.report && c.uri === hit.uri);
  }

  /** Documents with a report whose last year's report is in `uri` (as indexed now). */
  nextYearOf(uri: string): string[] {
    const own = this.entries.get(uri)?.reports ?? [];
    const nextYears = new Set(own.flatMap((r) => (r.year === undefined ? [] : [r.year + 1])));
    const out = new Set<string>();
    for (const [other, entry] of this.entries) {
      if (other === uri) continue;
      const follows = (r: IndexedReport) => r.year !== undefined && nextYears.has(r.year) && own.includes(this.lastYearOf(r.report, other)!);
      if (entry.reports.some(follows)) out.add(other);
    }
    return [...out];
  }
}
