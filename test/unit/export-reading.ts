/** What the round-trip tests of the exports compare: what a reader sees of a report, before the export and after importing it back. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/engine/analyze';
import { exportDocument } from '../../server/src/export/document';
import { extractReport } from '../../server/src/extract';
import { example, ROOT } from '../helpers';

/** The drafts exported and imported back: the clean example, the five real seeds, and a report in the 2019 trial layout. */
export const ROUND_TRIP_DRAFTS: readonly { name: string; text: string }[] = [
  ...['clean-2024.md', 'seed-000.md', 'seed-001.md', 'seed-002.md', 'seed-003.md', 'seed-004.md'].map((name) => ({ name, text: example(name) })),
  { name: 'old-format-2020.md (2019 layout)', text: readFileSync(join(ROOT, 'test', 'fixtures', 'drafts', 'layouts', 'old-format-2020.md'), 'utf8') },
];

/** A report's numbers, section headings, title, paragraphs (and subheadings) and 落款. */
export function reading(text: string) {
  const analysis = analyzeText(text);
  const report = analysis.parts[0].report;
  const { file: _file, ...numbers } = extractReport(report, '');
  const doc = exportDocument(analysis);
  return {
    numbers,
    headings: report.sections.map((s) => s.heading.canonical),
    // The importer writes the title without the spaces around its year (文水县 2023 年 → 文水县2023年).
    title: doc.title?.text.replace(/\s+/g, ''),
    paragraphs: doc.blocks.filter((b) => b.kind !== 'table').map((b) => ('text' in b ? b.text : '')),
    closing: doc.closing.map((c) => c.text),
  };
}
