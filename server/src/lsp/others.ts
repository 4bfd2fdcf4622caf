/**
 * Last year's reports handed to the engine (AnalyzeOptions.others) when they
 * are parts of other documents, and the findings' related information put
 * back at the right file and line.
 *
 * The engine's ranges in another report are relative to that report's text,
 * which starts at line `startLine` of its file when the file holds several
 * reports; and the engine shifts all related ranges of a finding by the
 * checked report's own start line. So each part is given to the engine under a
 * uri of its own, and `place` maps that uri back to the file and each range to
 * the file's lines. Pure functions, no LSP.
 */
import type { DocumentAnalysis, Part } from '../engine/analyze';
import { shiftRange } from '../engine/edits';
import type { Finding, RelatedInfo, Report } from '../model/report';

/** A report of another file, and where it starts in that file. */
export interface LocatedReport {
  uri: string;
  report: Report;
  startLine: number;
}

export interface Located {
  /** For AnalyzeOptions.others. */
  others: { uri: string; report: Report }[];
  /** The analysis with related information in the other files at their files' uris and lines. */
  place(analysis: DocumentAnalysis): DocumentAnalysis;
}

export function locate(found: readonly LocatedReport[]): Located {
  const where = new Map<string, { uri: string; startLine: number }>();
  const others = found.map((f) => {
    // A report at the top of its file keeps the file's uri; any other part gets an alias.
    const alias = f.startLine === 0 ? f.uri : `${f.uri}#nianbao-part-${f.startLine}`;
    where.set(alias, { uri: f.uri, startLine: f.startLine });
    return { uri: alias, report: f.report };
  });

  /** A related item of a part's finding (in the part's coordinates): in another file, placed there; else undefined. */
  const placed = (r: RelatedInfo): RelatedInfo | undefined => {
    const at = r.uri !== undefined ? where.get(r.uri) : undefined;
    return at ? { ...r, uri: at.uri, range: shiftRange(r.range, at.startLine) } : undefined;
  };
  const placeData = (data: Finding['data']): Finding['data'] => {
    if (!data || typeof data.lastUri !== 'string' || !where.has(data.lastUri)) return data;
    return { ...data, lastUri: where.get(data.lastUri)!.uri };
  };
  const touches = (f: Finding) => !!f.related?.some((r) => r.uri !== undefined && where.has(r.uri));

  function place(analysis: DocumentAnalysis): DocumentAnalysis {
    if (where.size === 0) return analysis;
    const parts: Part[] = analysis.parts.map((part) => ({
      ...part,
      findings: part.findings.map((f) =>
        touches(f) ? { ...f, related: f.related!.map((r) => placed(r) ?? r), data: placeData(f.data) } : f,
      ),
    }));
    // Document findings are the parts' findings in order, shifted by each part's start line
    // (Analyzer.analyze); related items in other files take the placed ranges instead.
    const local = analysis.parts.flatMap((part) => part.findings);
    let findings = analysis.findings;
    if (local.length === analysis.findings.length) {
      findings = analysis.findings.map((f, i) => {
        const source = local[i];
        if (!touches(source) || source.related?.length !== f.related?.length) return f;
        return { ...f, related: f.related!.map((r, j) => placed(source.related![j]) ?? r), data: placeData(f.data) };
      });
    }
    return { ...analysis, parts, findings };
  }

  return { others, place };
}
