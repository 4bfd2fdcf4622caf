/**
 * 转换为标准表格 / Convert to the standard table: rewrite the region a table was
 * read from as the canonical GFM table, with the same numbers and the canonical
 * labels. Converting a canonical table gives it back unchanged.
 */
import { RENDERERS, type TableValues } from '../format/render';
import type { TableId } from '../format/standard';
import type { ReadTable, Report, TextEdit } from '../model/report';

/** The numbers read from a table, by row key; a blank or unreadable cell stays empty. */
export function tableValues(table: ReadTable): TableValues {
  const values: TableValues = {};
  for (const row of table.rows.values()) values[row.key] = row.cells.map((c) => (c.state === 'number' ? c.value : null));
  return values;
}

/** The edit that replaces the table's lines with the canonical table. */
export function convertToStandardTable(report: Report, id: TableId): TextEdit | undefined {
  const table = report.tables[id];
  if (!table) return undefined;
  const startLine = table.range.start.line;
  const endLine = table.range.end.line;
  const endOffset = report.text.indexOf('\n', report.offsetAt({ line: endLine, character: 0 }));
  const values = tableValues(table);
  const rendered = RENDERERS[id](values, (_path, value) => (value === null || value === undefined ? '' : String(value)));
  return {
    range: { start: { line: startLine, character: 0 }, end: report.positionAt(endOffset < 0 ? report.text.length : endOffset) },
    newText: rendered,
  };
}
