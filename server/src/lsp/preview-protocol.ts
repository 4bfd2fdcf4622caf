/**
 * The preview's requests, their names and shapes, for the server (lsp/preview.ts)
 * and the VS Code client (client/src/preview.ts, report-context.ts) alike.
 */

export const PREVIEW_REQUEST = 'nianbao/preview';
/** Whether an open document is an annual report draft: the client shows the preview button on those only. */
export const IS_REPORT_REQUEST = 'nianbao/isReport';

export interface PreviewParams {
  textDocument: { uri: string };
}

export interface PreviewResult {
  uri: string;
  /** The version drawn: the client drops an answer older than one it has shown. */
  version: number | null;
  /** The body, or null when the document is not an annual report (or not open). */
  html: string | null;
  /** The source lines elements start at, ascending (scroll sync). */
  lines: number[];
  /** The report's title, for the panel's tab. */
  title: string | null;
}
