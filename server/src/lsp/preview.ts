/**
 * The `nianbao/preview` request: the preview of an open document at its
 * current version (features/preview.ts), drawn from the analysis the
 * diagnostics were made from (Analyses.reportOf), so that a keystroke costs
 * one render, not another check. A document that is not a report answers
 * `html: null`, for the client to say so.
 */
import { previewHtml } from '../features/preview';
import type { Analyses } from './analyses';
import type { PreviewResult } from './preview-protocol';

export async function previewOf(analyses: Analyses, uri: string): Promise<PreviewResult> {
  const found = await analyses.reportOf(uri);
  if (!found) return { uri, version: null, html: null, lines: [], title: null };
  const { html, lines } = previewHtml(found.analysis, found.locale);
  const title = found.analysis.parts[0]?.report.title?.span.text.trim() ?? null;
  return { uri, version: found.document.version, html, lines, title };
}

export async function isReport(analyses: Analyses, uri: string): Promise<boolean> {
  return (await analyses.reportOf(uri)) !== undefined;
}
