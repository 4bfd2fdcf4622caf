/**
 * A standard table as an HTML `<table>` in its official merged-cell layout
 * (format/layout.ts), filled with a report's numbers: for the preview, the
 * Markdown preview plugin and the HTML export. Headers and labels are `<th>`
 * with the scope they head, so a screen reader announces 表三's 自然人 column
 * and （一）予以公开 row with each number.
 */
import { officialTable, type LayoutCell } from '../format/layout';
import type { Cell, ReadTable } from '../model/report';
import type { TableId } from '../format/standard';

export const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Attributes a renderer adds to a cell: a class, a tooltip, data-* attributes. */
interface CellDecoration {
  className?: string;
  title?: string;
  data?: Record<string, string | number>;
  /** HTML put after the cell's text (the review copy's numbered markers), already escaped. */
  append?: string;
}

export interface TableHtmlOptions {
  /** A caption read by screen readers and printed above the table. */
  caption?: string;
  /** Extra attributes for a cell (the preview marks cells with findings and where they stand in the source). */
  decorate?: (cell: LayoutCell, read: Cell | undefined) => CellDecoration | undefined;
  /** The class of the `<table>` (default `nb-table`). */
  className?: string;
  /**
   * How the columns' widths are written: a `style` attribute (default), or a
   * `data-width` attribute for pages whose Content-Security-Policy forbids
   * inline styles (the preview's script applies them).
   */
  columnWidths?: 'style' | 'data';
  /** The id of the element that names the table for screen readers (`aria-labelledby`), when it has no caption. */
  labelledBy?: string;
}

/** What a number cell shows: the number as the clerk wrote it, trimmed; nothing when the row is missing. */
export function cellText(read: Cell | undefined): string {
  return read?.span?.text.trim() ?? '';
}

/** The report's cell a layout cell shows. */
export function readCell(table: ReadTable | undefined, cell: LayoutCell): Cell | undefined {
  if (cell.role !== 'number' || cell.row === undefined || cell.column === undefined) return undefined;
  return table?.rows.get(cell.row)?.cells[cell.column];
}

function attributes(cell: LayoutCell, decoration: CellDecoration | undefined): string {
  const parts: string[] = [];
  if (cell.colSpan > 1) parts.push(`colspan="${cell.colSpan}"`);
  if (cell.rowSpan > 1) parts.push(`rowspan="${cell.rowSpan}"`);
  if (cell.scope) parts.push(`scope="${cell.scope}"`);
  const classes = [`nb-${cell.role}`, decoration?.className].filter(Boolean).join(' ');
  parts.push(`class="${escapeHtml(classes)}"`);
  if (decoration?.title) parts.push(`title="${escapeHtml(decoration.title)}"`);
  for (const [name, value] of Object.entries(decoration?.data ?? {})) parts.push(`data-${name}="${escapeHtml(String(value))}"`);
  return parts.join(' ');
}

/**
 * The table `id` in the official layout, its numbers from `table` as read
 * from the draft (a table the draft lacks is drawn empty).
 */
export function tableHtml(id: TableId, table: ReadTable | undefined, options: TableHtmlOptions = {}): string {
  const layout = officialTable(id, { format: table?.format });
  const row = (cells: LayoutCell[]) =>
    `<tr>${cells
      .map((cell) => {
        const read = readCell(table, cell);
        const tag = cell.role === 'number' ? 'td' : 'th';
        const content = cell.role === 'number' ? cellText(read) : (cell.text ?? '');
        const decoration = options.decorate?.(cell, read);
        return `<${tag} ${attributes(cell, decoration)}>${escapeHtml(content)}${decoration?.append ?? ''}</${tag}>`;
      })
      .join('')}</tr>`;
  const widthAttribute = options.columnWidths === 'data' ? 'data-width="' : 'style="width:';
  const columns = layout.columnWidths.map((w) => `<col ${widthAttribute}${(w * 100).toFixed(2)}%">`).join('');
  const head = layout.rows.slice(0, layout.headerRows);
  const body = layout.rows.slice(layout.headerRows);
  return [
    `<table class="${escapeHtml(options.className ?? 'nb-table')} nb-${id}"${options.labelledBy ? ` aria-labelledby="${escapeHtml(options.labelledBy)}"` : ''}>`,
    options.caption ? `<caption>${escapeHtml(options.caption)}</caption>` : '',
    `<colgroup>${columns}</colgroup>`,
    head.length ? `<thead>${head.map(row).join('')}</thead>` : '',
    `<tbody>${body.map(row).join('')}</tbody>`,
    '</table>',
  ].join('');
}
