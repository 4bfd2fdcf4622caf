/**
 * A document read by an importer (import/source.ts) → the project's
 * canonical Markdown draft: the title as `#`, the section headings as `##`,
 * every prose paragraph in order, and the three standard tables rendered from
 * the format data with every number of the original.
 *
 * 1. Each table is bound to Table 2, 3 or 4 by its content (the labels its
 *    cells hold), wherever it sits: under its section, or all together in an
 *    appendix (相关指标统计附表). A bound table is placed at the end of its
 *    section; a table that is none of the three stays where it was.
 * 2. The tables are first written as pipe rows of their full grid (a merged
 *    cell's text in its first position, the rest empty), which the report
 *    readers read like any pasted table, by their row labels.
 * 3. Each standard table read whole is then converted to the canonical table
 *    (features/convert.ts), which keeps every number as read; a table that
 *    could not be read in full is left as the grid, with the reason, so that
 *    nothing unread ever becomes a blank.
 *
 * `places` maps each line of the draft to where it stood in the original (第
 * 12 段, 第 2 个表格), so that `nianbao check report.docx` can say where a
 * finding is in the document the clerk has.
 */
import { SECTIONS, TABLES, TABLE_IDS, type TableId, type Text } from '../format/standard';
import { convertToStandardTable, conversionBlocker } from '../features/convert';
import { TABLE_LABELS, TABLE_LABELS_2019, matchLabel, matchSectionHeading, type LabelCandidate } from '../parse/labels';
import { isTitleText, parseReport } from '../parse/report';
import { applyEdits } from '../engine/edits';
import { LineIndex } from '../parse/text';
import type { SourceDocument, SourcePlace, SourceTable } from './source';

export interface ImportedDraft {
  /** The canonical Markdown draft. */
  text: string;
  /** Where each line of `text` stood in the original (undefined: a line the import added). */
  places: (SourcePlace | undefined)[];
  /** What the import could not do for sure: said, never guessed. */
  notes: Text[];
}

/** An appendix heading the tables were gathered under: dropped with them. */
const APPENDIX_TITLE = /^(?:附件\s*\d*[:：]?\s*)?(?:相关)?(?:指标)?(?:数据)?统计附表$|^附表\s*\d*$/;

const CANDIDATES: Readonly<Record<TableId, readonly LabelCandidate[]>> = {
  t2: [...TABLE_LABELS.t2, ...TABLE_LABELS_2019.t2],
  t3: TABLE_LABELS.t3,
  t4: TABLE_LABELS.t4,
};
/** A table is bound to a standard table when at least this many of its labels are found in it. */
const MIN_LABELS = 3;

/** Which standard table a grid is, by the distinct labels of each found in its cells. */
export function bindTable(table: SourceTable): TableId | undefined {
  let best: { id: TableId; found: number } | undefined;
  for (const id of TABLE_IDS) {
    const found = new Set<string>();
    for (const row of table.rows)
      for (const cell of row) {
        if (cell.covered || !cell.text.trim()) continue;
        const match = matchLabel(cellText(cell.text), CANDIDATES[id]);
        if (match) found.add(`${match.candidate.role}:${match.candidate.key}`);
      }
    if (found.size >= MIN_LABELS && (!best || found.size > best.found)) best = { id, found: found.size };
  }
  return best?.id;
}

/**
 * A cell's text on one line: a label split over lines is one label (商业\n企业);
 * two numbers on two lines of one cell (12\n3) stay two, joined by 、 so that
 * they read as what they are, a cell that is not one number, never as 123.
 */
function cellText(text: string): string {
  const join = (line: string, piece: string) => {
    if (/[\u3400-\u9fff（）“”]$/.test(line) && /^[\u3400-\u9fff（）“”]/.test(piece)) return line + piece;
    return /\d$/.test(line) && /^\d/.test(piece) ? `${line}、${piece}` : `${line} ${piece}`;
  };
  return text
    .split(/\n+/)
    .map((s) => s.trim())
    .filter(Boolean)
    .reduce((line, piece) => (line ? join(line, piece) : piece), '')
    .replace(/\|/g, '｜');
}

interface Line {
  text: string;
  place?: SourcePlace;
}

function gridLines(table: SourceTable): Line[] {
  const rows = table.rows.map((row) => ({ text: `|${row.map((c) => (c.covered || !c.text.trim() ? ' ' : ` ${cellText(c.text)} `)).join('|')}|`, place: table.where }));
  if (rows.length === 0) return [];
  const width = table.rows[0].length;
  return [rows[0], { text: `|${' --- |'.repeat(width)}`, place: table.where }, ...rows.slice(1)];
}

/** The draft of an imported document. */
export function draftFromSource(doc: SourceDocument): ImportedDraft {
  const notes: Text[] = doc.problems.map((p) => ({ zh: `${p.where.zh}：${p.message.zh}`, en: `${p.where.en}: ${p.message.en}` }));
  // Sections in order, each a list of blocks (lines); tables bound to a section wait for its end.
  const out: Line[][] = [];
  const tablesOf = new Map<number, Line[][]>();
  /** Where each section heading stands in `out`, and its number. */
  const sectionAt: { at: number; number: number }[] = [];
  let titled = false;
  let current = 0;
  const paragraph = (text: string, place: SourcePlace): Line[] => text.split(/\n+/).filter((l) => l.trim()).map((l) => ({ text: escapeLine(l.trim()), place }));
  for (const block of doc.blocks) {
    if (block.kind === 'paragraph') {
      const text = block.text.trim();
      if (!text || APPENDIX_TITLE.test(text.replace(/\s/g, ''))) continue;
      const section = text.length <= 60 ? matchSectionHeading(text) : undefined;
      if (section) {
        current = section.spec.number;
        out.push([{ text: `## ${text.replace(/\s+/g, ' ')}`, place: block.where }]);
        sectionAt.push({ at: out.length - 1, number: current });
        continue;
      }
      if (!titled && current === 0 && isTitleText(text)) {
        titled = true;
        out.push([{ text: `# ${text.replace(/\s+/g, '')}`, place: block.where }]);
        continue;
      }
      out.push(paragraph(text, block.where));
      continue;
    }
    const id = bindTable(block);
    if (!id) {
      out.push(gridLines(block));
      continue;
    }
    const number = TABLES[id].section;
    tablesOf.set(number, [...(tablesOf.get(number) ?? []), gridLines(block)]);
    // Its caption goes with it (附表2：收到和处理政府信息公开申请情况): the table now stands under its section.
    const last = out[out.length - 1];
    if (last?.length === 1 && isCaption(last[0].text, id)) out.pop();
  }
  // Each bound table at the end of its section; a section the document lacks is added for it, and said.
  const ends = new Map<number, number>();
  sectionAt.forEach(({ number }, i) => {
    if (!ends.has(number)) ends.set(number, i + 1 < sectionAt.length ? sectionAt[i + 1].at : out.length);
  });
  const insertions: { at: number; blocks: Line[][] }[] = [];
  for (const [number, tables] of tablesOf) {
    const end = ends.get(number);
    if (end !== undefined) insertions.push({ at: end, blocks: tables });
    else {
      const spec = SECTIONS.find((s) => s.number === number)!;
      notes.push({ zh: `原文没有“${spec.heading}”的标题，已在文末补上该标题并放入其表格，请移到正确位置`, en: `The original has no heading “${spec.heading}”; it was added at the end with its table — move it into place` });
      insertions.push({ at: out.length, blocks: [[{ text: `## ${spec.heading}` }], ...tables] });
    }
  }
  for (const { at, blocks } of insertions.sort((a, b) => b.at - a.at)) out.splice(at, 0, ...blocks);

  const lines = out.flatMap((block, i) => (i === 0 ? block : [{ text: '' }, ...block]));
  const grid = lines.map((l) => l.text).join('\n') + '\n';
  return canonical(grid, lines.map((l) => l.place).concat([undefined]), notes);
}

/** A table's caption: 附表2, 表三, or its name (收到和处理政府信息公开申请情况), on a short line of its own. */
function isCaption(line: string, id: TableId): boolean {
  const text = line.replace(/\s/g, '');
  return text.length <= 40 && (/^(?:附)?表\s*[0-9一二三四]+[:：、.．]?/.test(text) || text.includes(TABLES[id].name.zh)) && !matchSectionHeading(text);
}

/** A paragraph line that Markdown would read as something else (#, >, a table row) is escaped. */
const escapeLine = (line: string) => line.replace(/^([#>|])/, '\\$1');

/** The grid draft with each standard table read whole turned into the canonical table. */
function canonical(text: string, places: (SourcePlace | undefined)[], notes: Text[]): ImportedDraft {
  let draft = text;
  let map = places;
  // One table at a time, the last first, so the line numbers of the others stay put.
  const report = parseReport(draft);
  const edits = TABLE_IDS.flatMap((id) => {
    const table = report.tables[id];
    if (!table) return [];
    const blocker = conversionBlocker(report, id);
    if (blocker) {
      notes.push({ zh: `${TABLES[id].short.zh}没有转换为标准表格：${blocker.zh}`, en: `${TABLES[id].short.en} was not converted to the standard table: ${blocker.en}` });
      return [];
    }
    const edit = convertToStandardTable(report, id);
    return edit ? [{ edit, place: map[edit.range.start.line] }] : [];
  });
  for (const { edit, place } of edits.sort((a, b) => b.edit.range.start.line - a.edit.range.start.line)) {
    const index = new LineIndex(draft);
    const before = draft;
    draft = applyEdits(before, [edit], (p) => index.offsetAt(p));
    const added = edit.newText.split('\n').length;
    map = [...map.slice(0, edit.range.start.line), ...Array<SourcePlace | undefined>(added).fill(place), ...map.slice(edit.range.end.line + 1)];
  }
  return { text: draft, places: map, notes };
}
