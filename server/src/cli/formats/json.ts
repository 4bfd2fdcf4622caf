/**
 * The JSON output: an array, one object per file:
 * `{ file, isReport, encoding?, error?, fixed?, diff?, findings: [{ code, severity, messageId, message, where, range, data }] }`;
 * `where` names the place in the report's own words (表三 · 自然人列 · （一）予以公开).
 * Ranges are 0-based LSP ranges (UTF-16 columns), messages in the chosen language.
 */
import type { FileResult } from '../check-file';
import type { Locale } from '../io';

export function formatJson(results: readonly FileResult[], locale: Locale): string {
  const out = results.map((r) => ({
    file: r.file,
    isReport: r.isReport,
    ...(r.encoding ? { encoding: r.encoding } : {}),
    ...(r.error ? { error: r.error[locale] } : {}),
    ...(r.fixed !== undefined ? { fixed: r.fixed.map((f) => ({ code: f.code, title: f.title[locale], range: f.range })) } : {}),
    ...(r.diff !== undefined ? { diff: r.diff } : {}),
    findings: r.findings.map((f, i) => ({
      code: f.code,
      severity: f.severity,
      messageId: f.messageId,
      message: f.message[locale],
      where: f.where?.[locale] ?? null,
      // A Word document or web page: where the finding stood in it; the range is then in the draft `nianbao import` makes.
      ...(r.places ? { place: r.places[i]?.[locale] ?? null } : {}),
      range: f.range,
      data: f.data ?? null,
    })),
  }));
  return JSON.stringify(out, null, 2) + '\n';
}
