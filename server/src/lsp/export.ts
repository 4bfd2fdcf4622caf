/**
 * 导出为 Word 文档 / 导出为网页: the server renders the open draft's analysis
 * (export/docx.ts, export/html.ts) and returns the file's bytes, base64, with
 * the number of errors in the report exported; the client asks the clerk
 * before exporting a report with errors, and writes the file beside the draft
 * (client/src/export.ts).
 */
import type { DocumentAnalysis } from '../engine/analyze';
import { exportHtml } from '../export/html';
import { fontsFrom } from '../export/fonts';

export type ExportResult = { base64: string; errors: number; reports: number };

/** `fonts`: the client's setting nianbao.export.fonts, as it was sent (only known kinds with a name are used). */
export async function exportForClient(analysis: DocumentAnalysis, format: unknown, annotate: boolean, locale: 'zh' | 'en', fonts?: unknown): Promise<ExportResult> {
  // The Word writer (and the docx library under it) is loaded on the first export, not at the server's start.
  const bytes =
    format === 'html' ? new TextEncoder().encode(exportHtml(analysis, { annotate, locale })) : await (await import('../export/docx')).exportDocx(analysis, { annotate, locale, fonts: fontsFrom(fonts) });
  const errors = analysis.parts[0]?.findings.filter((f) => f.severity === 'error').length ?? 0;
  return { base64: Buffer.from(bytes).toString('base64'), errors, reports: analysis.parts.length };
}
