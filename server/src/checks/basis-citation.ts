/**
 * basis-citation: the introduction names the basis of the report — the 条例
 * and the format notice — and, for a report of 2021 or later, the notice in
 * force (国办公开办函〔2021〕30号), not the 2019 trial format's 〔2019〕60号.
 */
import { citation, FORMAT_2021_FIRST_YEAR, FORMAT_NOTICE, FORMAT_NOTICE_2019, REGULATION } from '../format/standard';
import type { Range, Report } from '../model/report';
import { reportYear } from '../parse/dates';
import { citationPattern, introductionOf, type Introduction } from '../parse/intro';
import { documentSpan, rangeOf } from '../parse/prose';
import { defineCheck, finding, fix, silencing } from './check';
import { defineMessages } from './messages';

const CODE = 'basis-citation';
const CURRENT = citation(FORMAT_NOTICE);
const SUPERSEDED = citation(FORMAT_NOTICE_2019);
/** The number alone, as the fix writes it over the old one: 〔2021〕30号. */
const CURRENT_NUMBER = CURRENT.slice(FORMAT_NOTICE.prefix.length);

const MESSAGES = defineMessages({
  superseded: {
    zh: `引言以${SUPERSEDED}（2019、2020 年度使用的试行格式）为依据；{year}年度报告应依据${CURRENT}编制`,
    en: `The introduction cites ${SUPERSEDED} (the trial format of the 2019 and 2020 reports); a {year} report is drawn up under ${CURRENT}`,
  },
  alongside: {
    zh: `引言在${CURRENT}之外还引用了已被取代的${SUPERSEDED}（2019、2020 年度的试行格式），{year}年度报告不应再以它为依据，请删去`,
    en: `Besides ${CURRENT}, the introduction cites the superseded ${SUPERSEDED} (the 2019 and 2020 trial format); a {year} report is not drawn up under it: remove it`,
  },
  none: {
    zh: `引言没有写明报告的编制依据：应写明根据${REGULATION}和${CURRENT}编制`,
    en: `The introduction does not name the report’s basis: it should say the report is drawn up under ${REGULATION} and ${CURRENT}`,
  },
  noneInOverview: {
    zh: `报告没有引言，“一、总体情况”的第一段也没有写明编制依据：应写明根据${REGULATION}和${CURRENT}编制`,
    en: `The report has no introduction, and the first paragraph of section I does not name the basis either: it should say the report is drawn up under ${REGULATION} and ${CURRENT}`,
  },
  replace: { zh: `改为“${CURRENT_NUMBER}”`, en: `Change to “${CURRENT_NUMBER}”` },
});

/** What names a basis: the 条例 (《条例》, 《中华人民共和国政府信息公开条例》), the format notice by its number or its title. */
const BASIS = new RegExp(`条例|${FORMAT_NOTICE.prefix}|年度报告格式`);

/** Where the introduction cites 〔2019〕60号 as the notice (the number, without its prefix), and the text cited. */
function supersededCitations(report: Report, intro: Introduction): { range: Range; cited: string }[] {
  const out: { range: Range; cited: string }[] = [];
  for (const sentence of intro.sentences) {
    for (const m of sentence.text.matchAll(citationPattern(FORMAT_NOTICE_2019))) {
      // Without its prefix, a number is the notice's only where the sentence names the notice.
      if (!m[1] && !/年度报告(?:格式|有关事项)/.test(sentence.full)) continue;
      const a = sentence.start + m.index! + (m[1]?.length ?? 0);
      const b = a + m[2].length;
      const { start, end } = documentSpan(sentence.compact, a, b);
      out.push({ range: rangeOf(report, sentence.compact, a, b), cited: report.text.slice(start, end) });
    }
  }
  return out;
}

export const basisCitation = defineCheck({
  code: CODE,
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '引言的编制依据', en: 'Basis named in the introduction' },
  docs: {
    zh: `看报告的引言（标题之后、“一、总体情况”之前的文字；没有引言时看“一、总体情况”的第一段）：2021 年及以后的年度报告以${SUPERSEDED}（2019 年试行格式）为依据时，在文号上警告，快速修复把“〔2019〕60号”改为“${CURRENT_NUMBER}”（引言已同时引用${CURRENT}时只提示删去旧文号，不给修复）；2019、2020 年度的报告引用它是对的，不提示。引言中既没有${REGULATION}（《条例》）也没有格式通知时，在引言第一行提示（提示级别）。引言以外提到〔2019〕60号（如回顾往年工作）不算。依据：经验判断（国办公开办函〔2021〕30号起施行新格式）。${silencing(CODE).zh}`,
    en: `Reads the introduction (the text after the title and before section I; without one, the first paragraph of section I). A report for 2021 or later that cites ${SUPERSEDED} (the 2019 trial format) as its basis gets a warning on the number, with a fix that writes “${CURRENT_NUMBER}” over “〔2019〕60号” (when the introduction also cites ${CURRENT}, the message asks to remove the old number and offers no fix); 2019 and 2020 reports rightly cite it and get nothing. An introduction that names neither the 条例 nor the format notice gets a note (information) on its first line. A mention of 〔2019〕60号 outside the introduction does not count. Basis: heuristic (the 2021 format applies from the 2021 reports). ${silencing(CODE).en}`,
  },
  messages: MESSAGES,
  fixes: ['replace'],
  run(report) {
    const intro = introductionOf(report);
    if (!intro || intro.sentences.length === 0) return [];
    if (!intro.sentences.some((s) => BASIS.test(s.text))) {
      const first = intro.sentences[0];
      const start = report.positionAt(first.compact.offsets[first.start]);
      const range = { start, end: report.lineEnd(start.line) };
      return [finding(this, range, intro.separate ? 'none' : 'noneInOverview', {}, { severity: 'information', data: { separate: intro.separate } })];
    }
    const year = reportYear(report);
    if (year === undefined || year < FORMAT_2021_FIRST_YEAR) return [];
    const citesCurrent = intro.sentences.some((s) => citationPattern(FORMAT_NOTICE).test(s.text));
    return supersededCitations(report, intro).map(({ range, cited }) =>
      finding(this, range, citesCurrent ? 'alongside' : 'superseded', { year }, {
        data: { cited, year },
        fixes: citesCurrent ? [] : [fix(this, 'replace', {}, [{ range, newText: CURRENT_NUMBER }], { preferred: true })],
      }),
    );
  },
});
