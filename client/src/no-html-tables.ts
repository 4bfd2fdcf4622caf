/**
 * Stands in for the reader's HTML table reader (server/src/parse/html.ts) in
 * the client bundle (esbuild.mjs): the Markdown preview plugin draws only pipe
 * tables (an HTML table in a draft is shown by the preview as written), and
 * the HTML parser would more than double the client's size.
 */
import type { PlacedTable } from '../../server/src/parse/html';

export function tablesInHtml(): PlacedTable[] {
  return [];
}
