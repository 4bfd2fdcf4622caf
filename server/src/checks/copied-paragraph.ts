/** copied-paragraph: text copied word for word from last year's report of the same unit. */
import type { Finding, Report } from '../model/report';
import { documentSpan, sentencesOf } from '../parse/prose';
import { lastYearReport } from '../parse/units';
import { defineCheck, finding } from './check';
import { defineMessages, say } from './messages';

/** Copied text shorter than this (characters, whitespace removed) is not reported. */
const COPY_MIN_LENGTH = 40;

const MESSAGES = defineMessages({
  paragraph: {
    zh: '本段与上年（{year} 年）报告逐字相同（{length} 字），请核实内容是否仍然适用',
    en: 'This paragraph is word for word the same as last year’s ({year}) report ({length} characters); check it still holds',
  },
  passage: {
    zh: '这段文字（{length} 字）与上年（{year} 年）报告逐字相同，请核实内容是否仍然适用',
    en: 'This text ({length} characters) is word for word the same as last year’s ({year}) report; check it still holds',
  },
  source: { zh: '{year} 年报告中的原文', en: 'The text in the {year} report' },
});

interface Corpus {
  text: string;
  /** Document offset of each character of text (-1 at block separators). */
  offsets: number[];
}

function corpusOf(report: Report): Corpus {
  let text = '';
  const offsets: number[] = [];
  const seen = new Set<unknown>();
  for (const s of sentencesOf(report)) {
    if (seen.has(s.compact)) continue;
    seen.add(s.compact);
    text += s.compact.text + '\u0000';
    offsets.push(...s.compact.offsets, -1);
  }
  return { text, offsets };
}

export const copiedParagraph = defineCheck({
  code: 'copied-paragraph',
  severity: 'information',
  tag: 'heuristic',
  title: { zh: '与上年报告逐字相同', en: 'Copied from last year' },
  docs: {
    zh: `标出与同一单位上一年度报告逐字相同的段落或连续语句（去掉空白后不少于 ${COPY_MIN_LENGTH} 字），相关信息链接到上年报告中的原文。照搬去年的文字容易留下过时的情况和数字，请逐段核实。报告正文前的引言（编制依据、统计期限、联系方式等固定表述）不计。`,
    en: `Marks paragraphs or runs of sentences identical, word for word, to last year’s report of the same unit (at least ${COPY_MIN_LENGTH} characters, whitespace removed), linking the source. Text copied from last year tends to keep stale facts and figures. The front matter before section I (basis, period, contacts) is not considered.`,
  },
  messages: MESSAGES,
  fixes: [],
  run(report, context) {
    const last = lastYearReport(report, context.others);
    if (!last) return [];
    const corpus = corpusOf(last.report);
    const findings: Finding[] = [];
    const sentences = sentencesOf(report).filter((s) => s.block.section);
    let i = 0;
    while (i < sentences.length) {
      const first = sentences[i];
      let j = i - 1;
      let run = '';
      // Extend the run while it still occurs in last year's text (within one block).
      while (j + 1 < sentences.length && sentences[j + 1].block === first.block) {
        const candidate = first.compact.text.slice(first.start, Math.min(sentences[j + 1].end + 1, first.compact.text.length));
        if (!corpus.text.includes(candidate)) break;
        run = candidate;
        j++;
      }
      if (j < i || run.replace(/[。！？!?；;，,、]/g, '').length < COPY_MIN_LENGTH) {
        i++;
        continue;
      }
      const a = first.start;
      const b = a + run.length;
      const here = documentSpan(first.compact, a, b);
      const at = corpus.text.indexOf(run);
      const from = corpus.offsets[at];
      const to = corpus.offsets[at + run.length - 1] + 1;
      const whole = a === 0 && b >= first.compact.text.length;
      findings.push(
        finding(this, { start: report.positionAt(here.start), end: report.positionAt(here.end) }, whole ? 'paragraph' : 'passage', { year: last.year, length: run.length }, {
          related: [{ range: { start: last.report.positionAt(from), end: last.report.positionAt(to) }, uri: last.uri, message: say(MESSAGES.source, { year: last.year }) }],
          data: { length: run.length, lastYear: last.year, lastUri: last.uri, whole },
        }),
      );
      i = j + 1;
    }
    return findings;
  },
});
