/**
 * parseReport: a Markdown draft → the report model (title, sections, tables, prose).
 */
import { OLD_FORMAT_MARKERS, TABLE_IDS, type TableId } from '../format/standard';
import type { ProseBlock, ReadTable, Report, SectionRead, Span, TitleRead } from '../model/report';
import { matchSectionHeading } from './labels';
import { readLines, type Line } from './lines';
import { isTable2Of2019, readTable2, readTable3, readTable4 } from './tables/index';
import { LineIndex, normalizeLabel } from './text';
import { documentKind } from './kind';
import { unflatten } from './unflatten';

const TABLE_READERS: Record<TableId, (lines: Line[], index: LineIndex) => ReadTable | undefined> = {
  t2: readTable2,
  t3: readTable3,
  t4: readTable4,
};

/**
 * A reading copy of the text: the same length and line breaks, with what
 * Markdown would drop or choke on made harmless, so that every offset the
 * reader keeps is an offset of the document.
 *  - A byte order mark (one starts every report of `cat a.md b.md` of
 *    BOM-saved drafts) becomes a space: remark drops a leading one and would
 *    shift every position by one.
 *  - Nesting deeper than any report needs (a line opening with hundreds of `>`
 *    or list markers, runs of hundreds of `[`, `*`, `` ` ``) is flattened: remark
 *    takes quadratic time on it, and a report never has it.
 *  - A report flattened to a few very long lines has a line break put in
 *    place of the space before each heading and row label (parse/unflatten.ts).
 *  - An HTML comment (a note, text commented out, a nianbao-disable
 *    directive) becomes spaces: it is no part of the report, and a directive
 *    after a heading or a table row must not change how that line reads.
 */
function readingCopy(text: string): string {
  let copy = text.includes('\uFEFF') ? text.replace(/\uFEFF/g, ' ') : text;
  if (copy.includes('<!--')) copy = copy.replace(/<!--[\s\S]*?-->/g, (m) => m.replace(/[^\r\n]/g, ' '));
  if (DEEP_PREFIX.test(copy)) copy = copy.replace(DEEP_PREFIX_G, (m) => m.replace(/[^\s]/g, NEUTRAL));
  if (LONG_RUN.test(copy)) copy = copy.replace(LONG_RUN_G, (m) => m.slice(0, MAX_RUN) + NEUTRAL.repeat(m.length - MAX_RUN));
  return unflatten(copy);
}

/** What a flattened marker becomes: one UTF-16 unit, no Markdown meaning. */
const NEUTRAL = '\u00b7';
/** A line opening with more block markers (quotes, list bullets) than any report nests. */
const DEEP_PREFIX = /^[ \t]*(?:[>*+-][ \t]*){16,}/m;
const DEEP_PREFIX_G = new RegExp(DEEP_PREFIX.source, 'gm');
/** A run of one inline marker longer than any report writes. */
const MAX_RUN = 32;
const LONG_RUN = /([[\]()*_`~<>])\1{32,}/;
const LONG_RUN_G = new RegExp(LONG_RUN.source, 'g');

export function parseReport(source: string): Report {
  const text = readingCopy(source);
  const index = new LineIndex(text);
  const lines = readLines(text, index);
  const sections = findSections(lines, index, text.length);
  const title = findTitle(lines, sections, index);

  const tables: Report['tables'] = {};
  for (const section of sections) {
    const tableId = section.spec.table;
    if (!tableId || tables[tableId]) continue;
    const body = lines.filter((l) => l.span.start > section.heading.span.end && l.span.start < section.end);
    const table = tableId === 't2' && isTable2Of2019(body) ? readTable2(body, index, '2019') : TABLE_READERS[tableId](body, index);
    if (table) tables[tableId] = table;
  }
  // A table pasted without its section heading is still read, from the whole text.
  if (sections.length === 0) {
    for (const id of TABLE_IDS) {
      if (id === 't4') continue; // bare numbers alone are too weak a sign of Table 4
      const table = TABLE_READERS[id](lines, index);
      if (table && table.rows.size >= 2) tables[id] = table;
    }
  }

  const prose = collectProse(lines, sections, tables, title, index);
  const oldFormatMarkers = findOldFormatMarkers(text, index);
  const format = oldFormatMarkers.length > 0 ? '2019' : '2021';
  // Table 2 knows its own layout; the others take the report's.
  for (const table of Object.values(tables)) if (table && table.id !== 't2') table.format = format;

  return {
    text,
    title,
    sections,
    tables,
    prose,
    format,
    oldFormatMarkers,
    kind: documentKind(lines, title, sections, tables),
    eol: index.eol,
    positionAt: (offset) => index.positionAt(offset),
    offsetAt: (position) => index.offsetAt(position),
    lineEnd: (line) => index.lineEndPosition(line),
    lineText: (line) => index.lineText(line),
  };
}

function findSections(lines: Line[], index: LineIndex, textLength: number): SectionRead[] {
  const found: SectionRead[] = [];
  for (const line of lines) {
    // A heading is a line of its own: a table row (several cells) never is.
    if (line.kind === 'table-row' || line.tokens.length !== 1) continue;
    const match = matchSectionHeading(line.span.text);
    if (!match) continue;
    found.push({
      spec: match.spec,
      heading: { span: line.span, canonical: match.spec.heading, deviates: match.deviates },
      markdownHeading: line.kind === 'heading',
      depth: line.depth,
      start: line.span.start,
      end: textLength,
      range: index.range(line.span.start, textLength),
    });
  }
  for (let i = 0; i < found.length; i++) {
    const end = i + 1 < found.length ? lastLineEndBefore(lines, found[i + 1].start, found[i].start) : textLength;
    found[i].end = end;
    found[i].range = index.range(found[i].start, end);
  }
  return found;
}

/** The end of the last line that starts before `limit` (so a section's range stops at its own text). */
function lastLineEndBefore(lines: Line[], limit: number, floor: number): number {
  let end = floor;
  for (const line of lines) {
    if (line.span.start >= limit) break;
    if (line.span.end > end) end = line.span.end;
  }
  return end;
}

const TITLE_PATTERN = /政府信息公开/;
/** The title ends with the kind of document (a line that only mentions it is prose). */
const TITLE_KIND = /(年度报告|年报)[\s#*]*$/;
/** The longest title a report has. */
export const MAX_TITLE_LENGTH = 80;

/** A line that is this report's title (…政府信息公开工作年度报告), not a sentence that names it (本报告根据…编制). */
export const isTitleText = (text: string): boolean => text.length <= MAX_TITLE_LENGTH && TITLE_PATTERN.test(text) && TITLE_KIND.test(text) && !/根据|编制|统计/.test(text);

function findTitle(lines: Line[], sections: SectionRead[], index: LineIndex): TitleRead | undefined {
  const firstSection = sections[0]?.start ?? Infinity;
  const candidates = lines.filter((l) => l.span.start < firstSection && l.span.text.length <= MAX_TITLE_LENGTH);
  const at = candidates.findIndex((l) => isTitleText(l.span.text) && !/^([-*+>|]|\d+\.)\s/.test(l.span.text));
  if (at < 0) return undefined;
  const line = candidates[at];
  const span = line.span;
  const yearMatch = /(\d{4})\s*年/.exec(span.text);
  let unit = yearMatch ? span.text.slice(0, yearMatch.index) : span.text.split('政府信息公开')[0];
  unit = unit.replace(/[#*\s]/g, '');
  if (!unit && at > 0) {
    // The unit on the line above: 平武县人民政府办公室 / 2023 年政府信息公开工作年度报告.
    const above = candidates[at - 1];
    if (above.span.text.length <= 40 && !/[。，]/.test(above.span.text)) unit = above.span.text.replace(/[#*\s]/g, '');
  }
  const title: TitleRead = { span, unit: unit || undefined };
  if (yearMatch) {
    title.year = Number(yearMatch[1]);
    const s = span.start + yearMatch.index;
    title.yearSpan = index.span(s, s + 4);
  }
  return title;
}

function collectProse(
  lines: Line[],
  sections: SectionRead[],
  tables: Report['tables'],
  title: TitleRead | undefined,
  index: LineIndex,
): ProseBlock[] {
  const tableRanges = Object.values(tables).map((t) => [t!.start, t!.end] as const);
  const inTable = (l: Line) => tableRanges.some(([s, e]) => l.span.start <= e && l.span.end >= s);
  const headingStarts = new Set(sections.map((s) => s.start));
  const prose: ProseBlock[] = [];
  let current: { block: number; first: Line; last: Line } | undefined;
  const flush = () => {
    if (!current) return;
    const span = index.span(current.first.span.start, current.last.span.end);
    prose.push({ span, section: sectionAt(sections, span.start) });
    current = undefined;
  };
  for (const line of lines) {
    if (line.kind === 'table-row' || inTable(line) || headingStarts.has(line.span.start) || line.span === title?.span) {
      flush();
      continue;
    }
    if (current && current.block === line.block) current.last = line;
    else {
      flush();
      current = { block: line.block, first: line, last: line };
    }
  }
  flush();
  return prose;
}

function sectionAt(sections: SectionRead[], offset: number): SectionRead | undefined {
  let found: SectionRead | undefined;
  for (const s of sections) if (s.start <= offset && offset <= s.end) found = s;
  return found;
}

/** The old format's markers as patterns: short and distinctive, searched in the raw text with flexible spaces and brackets. */
const OLD_FORMAT_PATTERNS = OLD_FORMAT_MARKERS.map(
  (marker) =>
    new RegExp(
      [...normalizeLabel(marker.text)].map((ch) => (ch === '(' ? '[（(]' : ch === ')' ? '[）)]' : ch.replace(/[.*+?^${}|[\]\\/]/g, '\\$&'))).join('\\s*'),
      'g',
    ),
);

function findOldFormatMarkers(text: string, index: LineIndex): Span[] {
  const spans: Span[] = [];
  for (const pattern of OLD_FORMAT_PATTERNS) {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) spans.push(index.span(m.index, m.index + m[0].length));
  }
  return spans.sort((a, b) => a.start - b.start);
}

