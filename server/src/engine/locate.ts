/**
 * Where a finding is, in the report's own words: the table, column and row of
 * a cell (表三 · 自然人列 · （一）予以公开), a row's label, a section's heading,
 * or the section and the opening of the sentence (六、其他需要报告的事项 ·
 * “本年度未收取信息处理费……”). Reviewers find a problem by these words, not
 * by an internal field path; the CLI, JSON and SARIF give them beside the line.
 */
import { T3_GROUPS, T3_ROWS, TABLES, cellWords, type Text } from '../format/standard';
import type { Position, Range, ReadTable, Report } from '../model/report';
import { contains } from './edits';
import { sentencesOf } from '../parse/prose';


/** How many characters of a sentence the location quotes. */
const QUOTE_LENGTH = 16;

/** A Table 3 row as a reviewer names it: an item with its group (（四）无法提供 · 1.本机关不掌握相关政府信息). */
function rowName(table: ReadTable, key: string, label: string): string {
  if (table.id !== 't3') return label;
  const group = T3_ROWS.find((r) => r.key === key)?.group;
  const groupLabel = group && T3_GROUPS.find((g) => g.key === group)?.label;
  return groupLabel ? `${groupLabel} · ${label}` : label;
}

function inTable(table: ReadTable, p: Position): Text | undefined {
  const short = TABLES[table.id].short;
  for (const row of table.rows.values()) {
    for (let column = 0; column < row.cells.length; column++) {
      const span = row.cells[column].span;
      if (!span || !contains(span.range, p)) continue;
      const words = cellWords(table.id, row.key, column, table.format);
      const name = rowName(table, row.key, words.row.zh);
      // Table 4 reads group then column, as its two header rows do.
      if (table.id === 't4') return { zh: `${short.zh} · ${name} · ${words.column.zh}`, en: `${short.en} · ${name} · ${words.column.zh}` };
      return { zh: `${short.zh} · ${words.column.zh}列 · ${name}`, en: `${short.en} · column ${words.column.zh} · row ${name}` };
    }
  }
  const rowWords = (key: string, label: string): Text => {
    const name = rowName(table, key, label);
    return { zh: `${short.zh} · “${name}”行`, en: `${short.en} · row “${name}”` };
  };
  for (const row of table.rows.values()) if (contains(row.label.span.range, p)) return rowWords(row.key, cellWords(table.id, row.key, 0, table.format).row.zh);
  for (const label of table.labels)
    if (contains(label.span.range, p)) return { zh: `${short.zh} · 栏目“${label.canonical}”`, en: `${short.en} · header “${label.canonical}”` };
  // Elsewhere on a row's line: cells beyond the columns.
  for (const row of table.rows.values()) if (row.label.span.range.start.line === p.line) return rowWords(row.key, cellWords(table.id, row.key, 0, table.format).row.zh);
  return { zh: short.zh, en: short.en };
}

/** The opening words of a sentence, quoted. */
const quoted = (sentence: string) => `“${sentence.length > QUOTE_LENGTH ? `${sentence.slice(0, QUOTE_LENGTH)}……` : sentence}”`;

/** A sentence of a section in words, as a finding on it is located: 一、总体情况 · “畅通依申请公开线上、线下……” (review's 雷同 passages of a Word document). */
export const inSection = (heading: string, sentence: string): Text => ({ zh: `${heading} · ${quoted(sentence)}`, en: `${heading} · ${quoted(sentence)}` });

/** The opening words of the sentence at an offset, quoted. */
function sentenceAt(report: Report, offset: number): string | undefined {
  for (const s of sentencesOf(report)) {
    const first = s.compact.offsets[s.start];
    const last = s.compact.offsets[s.end - 1];
    if (first === undefined || last === undefined || offset < first || offset > last + 1) continue;
    return s.text;
  }
  return undefined;
}

/** Where a range lies in a report, in its own words. */
export function locate(report: Report, range: Range): Text {
  const p = range.start;
  for (const table of Object.values(report.tables)) if (table && contains(table.range, p)) return inTable(table, p)!;
  if (report.title && contains(report.title.span.range, p)) return { zh: '标题', en: 'title' };
  const offset = report.offsetAt(p);
  const section = [...report.sections].reverse().find((s) => s.start <= offset);
  const sentence = sentenceAt(report, offset);
  if (!section) return sentence !== undefined ? { zh: `开头 · ${quoted(sentence)}`, en: `opening · ${quoted(sentence)}` } : { zh: '开头', en: 'opening' };
  const heading = section.heading.canonical;
  if (contains(section.heading.span.range, p)) return { zh: `${heading} · 标题`, en: `${heading} · heading` };
  return sentence !== undefined ? inSection(heading, sentence) : { zh: heading, en: heading };
}
