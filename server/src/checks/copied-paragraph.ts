/**
 * copied-paragraph: text copied word for word from last year's report of the
 * same unit; and (context.peers: the editor's workspace, `nianbao check`'s
 * folder) runs of sentences that another unit's report of the same year has too, the unit's names and the
 * numbers aside (parse/sentence-keys.ts).
 */
import type { Finding, Range, Report } from '../model/report';
import { reportYear } from '../parse/dates';
import { documentSpan, rangeOf, sentencesOf } from '../parse/prose';
import { BOILERPLATE_MIN_UNITS, comparableSentences, COPY_MIN_LENGTH, copiedFromPeers, copiedLength, copiedRuns, runPlaces } from '../parse/sentence-keys';
import { lastYearReport } from '../parse/units';
import { defineCheck, finding, type CheckContext } from './check';
import { defineMessages, say } from './messages';

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
  peer: {
    zh: '这段文字（{length} 字）与“{unit}”的报告相同（单位名称和数字不计），请按本单位的实际情况改写',
    en: 'This text ({length} characters) is the same as in the report of “{unit}” (names and figures aside); rewrite it for this unit',
  },
  peerSource: { zh: '“{unit}”报告中的原文', en: 'The text in the report of “{unit}”' },
});


const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);

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
  title: { zh: '与上年报告或其他单位报告相同', en: 'Copied from last year or from another unit' },
  docs: {
    zh: `标出与同一单位上一年度报告逐字相同的段落或连续语句（去掉空白后不少于 ${COPY_MIN_LENGTH} 字），相关信息链接到上年报告中的原文。照搬去年的文字容易留下过时的情况和数字，请逐段核实。报告正文前的引言（编制依据、统计期限、联系方式等固定表述）不计。在编辑器中（以及用 \`nianbao check\` 检查文件夹或多个文件时），还标出与工作区（或所查文件）中其他单位同一年度报告相同的连续语句（单位名称、地名和数字不计，同样不少于 ${COPY_MIN_LENGTH} 字），相关信息链接到对方文件中的原文；各单位都写的标准表述（编制依据、统计期限、信息处理费等）和 ${BOILERPLATE_MIN_UNITS} 个以上其他单位都有的语句（本地区的通用表述）不计。确属应当相同的，可在该行上方写 \`<!-- nianbao-disable-next-line copied-paragraph -->\`，或在 .nianbaorc.json 中设 \`"copied-paragraph": "off"\` 关闭本检查。`,
    en: `Marks paragraphs or runs of sentences identical, word for word, to last year’s report of the same unit (at least ${COPY_MIN_LENGTH} characters, whitespace removed), linking the source. Text copied from last year tends to keep stale facts and figures. The front matter before section I (basis, period, contacts) is not considered. In the editor (and when \`nianbao check\` is given a folder or several files) it also marks runs of sentences the same as in another unit’s report of the same year among the workspace’s (or the checked) files (unit and place names and numbers aside, at least ${COPY_MIN_LENGTH} characters too), linking the other file’s text; the statements every report makes (basis, period, the fee statement…) and sentences ${BOILERPLATE_MIN_UNITS} or more other units have (the area’s boilerplate) are not. Where the text must be the same, write \`<!-- nianbao-disable-next-line copied-paragraph -->\` above the line, or set \`"copied-paragraph": "off"\` in .nianbaorc.json.`,
  },
  messages: MESSAGES,
  fixes: [],
  run(report, context) {
    return [...fromLastYear(this, report, context), ...fromPeers(this, report, context)];
  },
});

type Self = Parameters<typeof finding>[0];

/** Runs of sentences found word for word in last year's report of the same unit. */
function fromLastYear(check: Self, report: Report, context: CheckContext): Finding[] {
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
      if (j < i || copiedLength(run) < COPY_MIN_LENGTH) {
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
        finding(check, { start: report.positionAt(here.start), end: report.positionAt(here.end) }, whole ? 'paragraph' : 'passage', { year: last.year, length: run.length }, {
          related: [{ range: { start: last.report.positionAt(from), end: last.report.positionAt(to) }, uri: last.uri, message: say(MESSAGES.source, { year: last.year }) }],
          data: { length: run.length, lastYear: last.year, lastUri: last.uri, whole },
        }),
      );
      i = j + 1;
    }
    return findings;
}

/**
 * Runs of consecutive comparable sentences of one paragraph that another
 * unit's report of the same year has too (one file for the whole run). A
 * sentence BOILERPLATE_MIN_UNITS other units have is the area's, not copied.
 */
function fromPeers(check: Self, report: Report, context: CheckContext): Finding[] {
  const unit = report.title?.unit;
  const year = reportYear(report);
  if (!context.peers || !unit || year === undefined) return [];
  const keyed = comparableSentences(report, unit);
  const matches = keyed.map(({ key }) => copiedFromPeers(unit, year, context.peers!(key).filter((p) => p.uri !== context.uri)));
  return copiedRuns(runPlaces(keyed), matches.map((m) => m.map((p) => p.uri))).map(({ first: i, last: j, uri, length }) => {
    const first = keyed[i].sentence;
    const last = keyed[j].sentence;
    // The other file's text: from its first sentence of the run to its last.
    const from = matches[i].find((p) => p.uri === uri)!;
    const to = matches[j].find((p) => p.uri === uri)!;
    const source = { start: from.range.start, end: before(from.range.end, to.range.end) ? to.range.end : from.range.end };
    return finding(check, rangeOf(report, first.compact, first.start, last.end), 'peer', { unit: from.unit, length }, {
      related: [{ range: source, uri, message: say(MESSAGES.peerSource, { unit: from.unit }) }],
      data: { length, peerUri: uri, peerUnit: from.unit },
    });
  });
}
