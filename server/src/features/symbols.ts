/**
 * The outline: one root per report (named by its title) when the document has
 * a title or holds several reports, the sections under it (or at the top when
 * there is neither), and the standard tables inside their sections.
 */
import { TABLES, type TableId } from '../format/standard';
import type { Range, ReadTable, Report } from '../model/report';
import type { DocumentAnalysis } from '../engine/analyze';
import { shiftRange } from '../engine/edits';
import { contains } from '../engine/edits';
import type { Locale } from './settings';

/** Mapped by the server to LSP SymbolKind: Namespace, Module, Struct. */
export type OutlineKind = 'report' | 'section' | 'table';

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: OutlineKind;
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

export function documentSymbols(analysis: DocumentAnalysis, locale: Locale): OutlineSymbol[] {
  const several = analysis.parts.length > 1;
  return analysis.parts.flatMap((part, i) => {
    const symbols = reportSymbols(part.report, locale, several ? i + 1 : undefined);
    return part.startLine === 0 ? symbols : symbols.map((s) => shift(s, part.startLine));
  });
}

/** The outline of one report; `ordinal` names an untitled report of several. */
function reportSymbols(report: Report, locale: Locale, ordinal?: number): OutlineSymbol[] {
  const tables = (Object.entries(report.tables) as [TableId, ReadTable | undefined][]).filter((e): e is [TableId, ReadTable] => !!e[1]);
  const placed = new Set<TableId>();
  const sections: OutlineSymbol[] = report.sections.map((section) => {
    const end = report.positionAt(trimmedEnd(report.text, section.end, section.start));
    const range = { start: { line: section.range.start.line, character: 0 }, end };
    const children = tables
      .filter(([id, t]) => !placed.has(id) && contains(range, t.range.start))
      .map(([id, t]) => {
        placed.add(id);
        return tableSymbol(report, id, t, locale);
      });
    const { spec, heading } = section;
    const detail = locale === 'en' ? spec.en : heading.deviates ? `标准标题：${spec.heading}` : undefined;
    return { name: heading.span.text, ...(detail ? { detail } : {}), kind: 'section' as const, range, selectionRange: heading.span.range, children };
  });
  const loose = tables.filter(([id]) => !placed.has(id)).map(([id, t]) => tableSymbol(report, id, t, locale));
  const top = [...sections, ...loose].sort((a, b) => a.range.start.line - b.range.start.line);
  if (!report.title && ordinal === undefined) return top;
  if (top.length === 0 && !report.title) return [];
  const whole: Range = { start: { line: 0, character: 0 }, end: report.positionAt(trimmedEnd(report.text, report.text.length, 0)) };
  const name = report.title?.span.text ?? (locale === 'zh' ? `年度报告（第 ${ordinal} 份）` : `Annual report #${ordinal}`);
  const detail = report.title?.year ? (locale === 'zh' ? `${report.title.year} 年度` : `report year ${report.title.year}`) : undefined;
  return [
    {
      name,
      ...(detail ? { detail } : {}),
      kind: 'report',
      range: whole,
      selectionRange: report.title?.span.range ?? { start: whole.start, end: whole.start },
      children: top,
    },
  ];
}

function tableSymbol(report: Report, id: TableId, table: ReadTable, locale: Locale): OutlineSymbol {
  const spec = TABLES[id];
  const name = spec.short.zh;
  const detail = locale === 'zh' ? spec.name.zh : `${spec.short.en} (${spec.name.en})`;
  const start = { line: table.range.start.line, character: 0 };
  const lineEnd = report.lineEnd(table.range.start.line);
  const firstLineEnd = report.offsetAt(lineEnd) > table.end ? table.range.end : lineEnd;
  return {
    name,
    detail,
    kind: 'table',
    range: { start, end: table.range.end },
    selectionRange: { start, end: firstLineEnd },
    children: [],
  };
}

/** Back over trailing white space, but not before `floor`. */
export function trimmedEnd(text: string, end: number, floor: number): number {
  let e = Math.min(end, text.length);
  while (e > floor && /\s/.test(text[e - 1])) e--;
  return e;
}

function shift(symbol: OutlineSymbol, lines: number): OutlineSymbol {
  return {
    ...symbol,
    range: shiftRange(symbol.range, lines),
    selectionRange: shiftRange(symbol.selectionRange, lines),
    children: symbol.children.map((c) => shift(c, lines)),
  };
}
