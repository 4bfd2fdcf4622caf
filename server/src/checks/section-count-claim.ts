/**
 * section-count-claim: the introduction says how many parts the report has
 * (共六部分, 7个部分, 分为六个部分, 等6部分组成) and lists another number of
 * them, or the report has another number of sections.
 */
import { SECTIONS, type SectionSpec } from '../format/standard';
import type { Finding } from '../model/report';
import { introductionOf } from '../parse/intro';
import { sectionNamed } from '../parse/labels';
import { rangeOf, type Sentence } from '../parse/prose';
import { readCount } from '../parse/text';
import { defineCheck, finding, fix, silencing } from './check';
import { defineMessages, list, say } from './messages';

const CODE = 'section-count-claim';

const MESSAGES = defineMessages({
  listed: {
    zh: '引言说全文共“{claim}”，但列举的是 {listed} 个部分（{items}）；报告正文有 {actual} 个部分',
    en: 'The introduction says the report has “{claim}” but lists {listed} parts ({items}); the report has {actual} sections',
  },
  listedMissing: {
    zh: '引言说全文共“{claim}”，但只列举了 {listed} 个部分，没有列出{missing}；报告正文有 {actual} 个部分',
    en: 'The introduction says the report has “{claim}” but lists only {listed} parts, leaving out {missing}; the report has {actual} sections',
  },
  actual: {
    zh: '引言说全文共“{claim}”，但报告正文有 {actual} 个部分（{items}）',
    en: 'The introduction says the report has “{claim}”, but it has {actual} sections ({items})',
  },
  heading: { zh: '第{numeral}部分', en: 'Section {numeral}' },
  change: { zh: '改为“{count}”', en: 'Change to “{count}”' },
});

/**
 * A count of parts: 六部分, 6个部分, after 共/共计/分为/由/包括/等… or with 个.
 * Not 第六部分, not 一部分 (some).
 */
const CLAIM = /(?<![第\d一二两三四五六七八九十])([一二两三四五六七八九十]|\d{1,2})(个)?部分/g;
const CLAIM_LEAD = /[共计分为由括含等成]$/;
/** Where a list of parts splits: the enumeration comma, and the 和/及 that join its last items (or sit inside one: 行政复议和行政诉讼情况). */
const LIST_SPLIT = /、|以及|和|及/;
/** Fewer sections named than this is a mention (第一部分为总体情况，第六部分为…), not a list. */
const LIST_MIN = 3;
const CHINESE_DIGITS = '〇一二三四五六七八九';

/** The sections a sentence lists, in the order it names them. */
function sectionsListed(sentence: string): SectionSpec[] {
  const names = sentence.split(LIST_SPLIT).map(sectionNamed);
  return SECTIONS.filter((spec) => names.includes(spec)).sort((a, b) => names.indexOf(a) - names.indexOf(b));
}

/** A section as the introduction names it: its heading without the number, quoted (a heading may hold a 、 itself). */
const named = (spec: SectionSpec) => `“${spec.heading.slice(spec.numeral.length + 1)}”`;
const namedList = (specs: readonly SectionSpec[]) => list(specs.map(named), { zh: '、', en: ', ' });

interface Claim {
  sentence: Sentence;
  /** [start, end) of the number in the sentence's compact text. */
  at: number;
  end: number;
  written: string;
  stated: number;
  /** 六部分 / 7个部分, as the message quotes it. */
  claim: string;
}

function claimsOf(sentences: readonly Sentence[]): Claim[] {
  const claims: Claim[] = [];
  const seen = new Set<string>();
  for (const sentence of sentences) {
    const key = `${sentence.block.span.start}:${sentence.fullStart}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const m of sentence.full.matchAll(CLAIM)) {
      if (!m[2] && !CLAIM_LEAD.test(sentence.full.slice(0, m.index))) continue;
      const stated = readCount(m[1]);
      if (stated === undefined || stated === 0) continue;
      const at = sentence.fullStart + m.index!;
      claims.push({ sentence, at, end: at + m[1].length, written: m[1], stated, claim: m[0] });
    }
  }
  return claims;
}

export const sectionCountClaim = defineCheck({
  code: CODE,
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '引言所说的部分数不符', en: 'Introduction miscounts the parts' },
  docs: {
    zh: `引言（没有引言时为“一、总体情况”的第一段）说全文共几部分（“共六部分”“7个部分”“分为六个部分”“等6部分组成”），而同一句列举的部分数与之不同，或报告正文的章节数与之不同时，在所说的数字上警告，消息写明所说的、列举的和实有的部分数。“共六部分”而正文缺了某一部分，由 missing-section 提示，这里不重复。所说的数与正文的六个部分不符而列举也是六个（或没有列举）时，快速修复把数字改为六。“第一部分”“部分公开”“一部分”不算。依据：经验判断（标准格式共六个部分）。${silencing(CODE).zh}`,
    en: `The introduction (without one, the first paragraph of section I) says how many parts the report has (共六部分, 7个部分, 分为六个部分, 等6部分组成): when the sentence lists another number of parts, or the report has another number of sections, the stated number gets a warning naming the counts stated, listed and found. A report that says six and lacks a section is left to missing-section. When the report has the six sections and the sentence lists six (or none), the quick fix writes six over the number. 第一部分, 部分公开 and 一部分 (some) are no count. Basis: heuristic (the standard format has six parts). ${silencing(CODE).en}`,
  },
  messages: MESSAGES,
  fixes: ['change'],
  run(report) {
    const intro = introductionOf(report);
    if (!intro) return [];
    const found = SECTIONS.filter((spec) => report.sections.some((s) => s.spec === spec));
    const actual = found.length;
    const findings: Finding[] = [];
    for (const c of claimsOf(intro.sentences)) {
      const listed = sectionsListed(c.sentence.full);
      const hasList = listed.length >= LIST_MIN;
      const range = rangeOf(report, c.sentence.compact, c.at, c.end);
      const data = { stated: c.stated, listed: hasList ? listed.length : undefined, actual };
      const change = (count: string | undefined) =>
        count === undefined ? [] : [fix(this, 'change', { count: c.claim.replace(c.written, count) }, [{ range, newText: count }], { preferred: true })];
      if (hasList && listed.length !== c.stated) {
        const missing = SECTIONS.filter((spec) => !listed.includes(spec)).map(named);
        const id = listed.length < c.stated && missing.length > 0 ? 'listedMissing' : 'listed';
        findings.push(
          finding(this, range, id, { claim: c.claim, listed: listed.length, actual, items: namedList(listed), missing: list(missing) }, {
            data,
            fixes: change(rightCount(c, listed.length, actual)),
          }),
        );
      } else if (c.stated !== actual && c.stated !== SECTIONS.length) {
        findings.push(
          finding(this, range, 'actual', { claim: c.claim, actual, items: namedList(found) }, {
            data,
            related: report.sections.map((s) => ({ range: s.heading.span.range, message: say(MESSAGES.heading, { numeral: s.spec.numeral }) })),
            fixes: change(rightCount(c, hasList ? listed.length : actual, actual)),
          }),
        );
      }
    }
    return findings;
  },
});

/** Six to write over the number, when the report has the six sections and the sentence lists six or none: the count is then known. */
function rightCount(c: Claim, listed: number, actual: number): string | undefined {
  if (actual !== SECTIONS.length || listed !== actual) return undefined;
  return /\d/.test(c.written) ? String(actual) : CHINESE_DIGITS[actual];
}
