/** What the round-trip tests of the exports compare: what a reader sees of a report, before the export and after importing it back. */
import { analyzeText } from '../../server/src/engine/analyze';
import { exportDocument } from '../../server/src/export/document';
import { extractReport } from '../../server/src/extract';

/** The drafts exported and imported back: the clean example and the five real seeds. */
export const ROUND_TRIP_EXAMPLES = ['clean-2024.md', 'seed-000.md', 'seed-001.md', 'seed-002.md', 'seed-003.md', 'seed-004.md'];

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
