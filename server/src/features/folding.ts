/**
 * Folding ranges: each section (heading line to its last line before the next
 * section), each standard table, and each report of a multi-report document.
 */
import type { DocumentAnalysis } from '../engine/analyze';
import type { Report } from '../model/report';
import { trimmedEnd } from './symbols';

export interface Fold {
  startLine: number;
  endLine: number;
}

export function foldingRanges(analysis: DocumentAnalysis): Fold[] {
  const several = analysis.parts.length > 1;
  const folds = analysis.parts.flatMap((part) => {
    const local = reportFolds(part.report);
    if (several) {
      const last = part.report.positionAt(trimmedEnd(part.report.text, part.report.text.length, 0)).line;
      local.unshift({ startLine: 0, endLine: last });
    }
    return local.map((f) => ({ startLine: f.startLine + part.startLine, endLine: f.endLine + part.startLine }));
  });
  const seen = new Set<string>();
  return folds
    .filter((f) => f.endLine > f.startLine)
    .filter((f) => {
      const key = `${f.startLine}:${f.endLine}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
}

function reportFolds(report: Report): Fold[] {
  const folds: Fold[] = [];
  for (const section of report.sections) {
    const end = report.positionAt(trimmedEnd(report.text, section.end, section.start));
    folds.push({ startLine: section.range.start.line, endLine: end.line });
  }
  for (const table of Object.values(report.tables)) {
    if (table) folds.push({ startLine: table.range.start.line, endLine: table.range.end.line });
  }
  return folds.filter((f) => f.endLine > f.startLine);
}
