/**
 * The 落款 of a report: the issuing unit and the date that close it, which an
 * official document sets right-aligned. The exports and the preview lay it
 * out apart from the paragraphs.
 */
import type { Report } from '../model/report';
import { findIssueDate } from './dates';

/** A line of the 落款: its text and [start, end) as offsets of the report. */
export interface ClosingLine {
  text: string;
  start: number;
  end: number;
}

/** The 落款: the date line that ends the report and, before it on its line or the line above, the issuing unit. */
export function closingLines(report: Report): ClosingLine[] {
  const date = findIssueDate(report);
  const last = report.prose.at(-1);
  // The date must close the report: it is in the last prose, and no table follows.
  if (!date || !last || date.span.start < last.span.start || Object.values(report.tables).some((t) => t.start > date.span.end)) return [];
  const dateLine = { text: date.span.text.trim(), start: date.span.start, end: date.span.end };
  if (!date.issuer) return [dateLine];
  // The unit: before the date on its line, on the line above, or in the block before.
  const previous = report.prose.at(-2);
  const from = previous && date.span.start === last.span.start ? previous.span.start : last.span.start;
  const at = report.text.lastIndexOf(date.issuer, date.span.start);
  if (at < from || report.text.slice(at + date.issuer.length, date.span.start).trim()) return [dateLine];
  return [{ text: date.issuer, start: at, end: at + date.issuer.length }, dateLine];
}
