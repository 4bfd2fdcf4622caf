/**
 * The introduction of a report: the prose between the title and 一、总体情况,
 * where a report names its basis (the 条例, 国办公开办函〔2021〕30号), its
 * statistics period and its parts. A report without one says the same in the
 * first paragraph of 一, which then stands for it. Read for basis-citation and
 * section-count-claim.
 */
import type { DocumentNumber } from '../format/standard';
import type { Report } from '../model/report';
import { paragraphsOf, sentencesOf, type Sentence } from './prose';

export interface Introduction {
  sentences: Sentence[];
  /** False when the report has no introduction and the first paragraph of 一 stands for it. */
  separate: boolean;
}

/**
 * The sentences of the introduction: the prose after the title (a letterhead
 * or web page chrome above it is not the report's) and before the first
 * section; else the first paragraph of 一. Undefined when the report has no
 * section to stand before.
 */
export function introductionOf(report: Report): Introduction | undefined {
  const first = report.sections[0];
  if (!first) return undefined;
  const after = report.title?.span.end ?? 0;
  const sentences = sentencesOf(report);
  const intro = sentences.filter((s) => s.block.span.start >= after && s.block.span.start < first.start);
  if (intro.length > 0) return { sentences: intro, separate: true };
  const overview = report.sections.find((s) => s.spec.number === 1);
  const opening = overview ? paragraphsOf(report).find((p) => p.sentences[0].block.section === overview) : undefined;
  return { sentences: opening?.sentences ?? [], separate: false };
}

/**
 * A document number as compact prose writes it, its brackets of any kind
 * (〔2019〕, [2019], （2019）, 【2019】) and its prefix optional: group 1 is
 * the prefix when written, group 2 the year, number and 号.
 */
export const citationPattern = (d: DocumentNumber): RegExp => new RegExp(`(${d.prefix})?([〔[（(【]${d.year}[〕\\]）)】]第?${d.number}号)`, 'g');
