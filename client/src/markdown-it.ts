/**
 * The markdown-it plugin of VS Code's built-in Markdown preview
 * (contributes "markdown.markdownItPlugins"): a pipe table the project's
 * reader reads as 表二, 表三 or 表四 is drawn in the official merged-cell
 * layout (export/table-html.ts) instead of the flat grid a pipe table can
 * only be. Other tables render as before.
 *
 * It reads the whole document once per render (the preview renders the same
 * text again on scroll and theme changes: the last reading is kept), and
 * replaces the table tokens whose lines a standard table was read from. The
 * drawn table carries the preview's `code-line` class and `data-line`, so the
 * preview's scroll sync and double-click-to-edit still find it.
 */
import type MarkdownIt from 'markdown-it';
import { tableHtml } from '../../server/src/export/table-html';
import { TABLE_IDS, tableTitle, type TableId } from '../../server/src/format/standard';
import type { ReadTable } from '../../server/src/model/report';
import { parseReport } from '../../server/src/parse/report';
import { splitReports } from '../../server/src/parse/split';

/** A standard table of the document, with its first and last line in the document. */
interface PlacedTable {
  id: TableId;
  table: ReadTable;
  startLine: number;
  endLine: number;
}

/** The standard tables read as GFM tables, in every report of the document. */
function standardTables(text: string): PlacedTable[] {
  // Nothing to draw without a pipe table (the reader is not run on every Markdown file's preview).
  if (!/^\s*\|.*\|/m.test(text)) return [];
  return splitReports(text).flatMap((part) => {
    const report = parseReport(text.slice(part.startOffset, part.endOffset));
    return TABLE_IDS.flatMap((id) => {
      const table = report.tables[id];
      if (!table || table.layout !== 'gfm') return [];
      return [{ id, table, startLine: table.range.start.line + part.startLine, endLine: table.range.end.line + part.startLine }];
    });
  });
}

export function extendMarkdownIt(md: MarkdownIt): MarkdownIt {
  let last: { text: string; tables: PlacedTable[] } | undefined;
  md.core.ruler.push('nianbao_official_tables', (state) => {
    if (last?.text !== state.src) last = { text: state.src, tables: standardTables(state.src) };
    const tables = last.tables;
    if (tables.length === 0) return;
    const tokens = state.tokens;
    const drawn = new Set<PlacedTable>();
    for (let i = 0; i < tokens.length; i++) {
      const open = tokens[i];
      if (open.type !== 'table_open' || !open.map) continue;
      const [first, end] = open.map;
      const table = tables.find((t) => t.startLine < end && t.endLine >= first);
      if (!table) continue;
      let close = i;
      while (close < tokens.length && tokens[close].type !== 'table_close') close++;
      // A standard table written as several pipe tables is drawn once, at its first.
      const replacement: InstanceType<typeof state.Token>[] = [];
      if (!drawn.has(table)) {
        drawn.add(table);
        const html = new state.Token('html_block', '', 0);
        html.block = true;
        html.map = [first, Math.max(end, table.endLine + 1)];
        html.content = `<div class="nianbao-official-table code-line" data-line="${first}">${tableHtml(table.id, table.table, { caption: tableTitle(table.id).zh })}</div>\n`;
        replacement.push(html);
      }
      tokens.splice(i, close - i + 1, ...replacement);
      i += replacement.length - 1;
    }
  });
  return md;
}
