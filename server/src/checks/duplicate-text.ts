/**
 * duplicate-text: text repeated inside the report — a paragraph standing
 * twice word for word (the introduction again as the first paragraph of 一),
 * or an enumeration that repeats or skips an item (一是…三是…三是, 一是…三是).
 */
import type { Finding, Range, Report } from '../model/report';
import { paragraphsOf, rangeOf, type Paragraph } from '../parse/prose';
import { readCount } from '../parse/text';
import { defineCheck, finding, silencing } from './check';
import { defineMessages, say } from './messages';

const CODE = 'duplicate-text';
/** A paragraph of fewer Chinese characters than this (a heading, 无, a date, a signature) is not reported when repeated. */
const REPEAT_MIN_HAN = 20;

const MESSAGES = defineMessages({
  paragraph: {
    zh: '本段与{where}的一段逐字相同（{length} 字）：删去重复的一段，或改写',
    en: 'This paragraph is word for word the same as one in {where} ({length} characters): remove the repetition, or rewrite it',
  },
  intro: { zh: '引言', en: 'the introduction' },
  section: { zh: '“{heading}”', en: '“{heading}”' },
  first: { zh: '第一次出现的这一段', en: 'Where the paragraph first stands' },
  repeated: {
    zh: '列举中“{ordinal}”出现了两次：这一项应为“{expected}”',
    en: 'The enumeration has “{ordinal}” twice: this item would be “{expected}”',
  },
  skipped: {
    zh: '列举从“{previous}”跳到了“{ordinal}”，缺少“{expected}”',
    en: 'The enumeration jumps from “{previous}” to “{ordinal}”: “{expected}” is missing',
  },
  earlier: { zh: '前面的“{ordinal}”', en: 'The earlier “{ordinal}”' },
});

const NOT_HAN = /\P{Script=Han}/gu;
/** How many Chinese characters a text has: the characters left once the rest is taken out (no array of every character). */
function hanCount(text: string): number {
  const han = text.replace(NOT_HAN, '');
  let count = 0;
  // A character beyond the BMP (CJK extension B) is two code units: its low surrogate is not counted again.
  for (let i = 0; i < han.length; i++) if ((han.charCodeAt(i) & 0xfc00) !== 0xdc00) count++;
  return count;
}

/** Where a paragraph stands, as a message names it: the introduction or its section's heading. */
function placeOf(paragraph: Paragraph) {
  const section = paragraph.sentences[0].block.section;
  return section ? say(MESSAGES.section, { heading: section.heading.span.text.trim() }) : MESSAGES.intro;
}

const paragraphRange = (report: Report, p: Paragraph): Range => rangeOf(report, p.compact, p.start, p.end);

/** Each paragraph that stands a second time word for word, with its first occurrence. */
function repeatedParagraphs(report: Report): { paragraph: Paragraph; first: Paragraph }[] {
  const firstOf = new Map<string, Paragraph>();
  const repeated: { paragraph: Paragraph; first: Paragraph }[] = [];
  for (const paragraph of paragraphsOf(report)) {
    if (hanCount(paragraph.text) < REPEAT_MIN_HAN) continue;
    const first = firstOf.get(paragraph.text);
    if (first) repeated.push({ paragraph, first });
    else firstOf.set(paragraph.text, paragraph);
  }
  return repeated;
}

/**
 * An item of an enumeration: 一是, 二是 … 十二是, opening a sentence or a
 * clause (after punctuation), so that 统一是 or 第一是 is none.
 */
const ORDINAL = /(?<=^|[，,；;。：:、！？!?（(“"])([一二三四五六七八九十]{1,3})是/g;
const CHINESE_NUMBERS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const ordinalText = (n: number) => `${n <= 10 ? CHINESE_NUMBERS[n] : `十${CHINESE_NUMBERS[n - 10]}`}是`;

interface Item {
  n: number;
  range: Range;
}

interface Slip {
  item: Item;
  /** The item it repeats, or the last before the gap. */
  earlier: Item;
  repeated: boolean;
  /** The item it would be: the one after the last. */
  expected: number;
}

/**
 * Each enumeration runs from 一是 to the next 一是 or the end of its
 * paragraph; it goes on into the next paragraph only when that one opens with
 * an item (one item a paragraph). An item that repeats one before it, or
 * skips the next, is a slip.
 */
function enumerationSlips(report: Report): Slip[] {
  const slips: Slip[] = [];
  let items: Item[] = [];
  for (const paragraph of paragraphsOf(report)) {
    const found = [...paragraph.text.matchAll(ORDINAL)];
    if (found[0]?.index !== 0) items = [];
    for (const m of found) {
      const n = readCount(m[1]);
      if (n === undefined || n === 0) continue;
      const at = paragraph.start + m.index!;
      const item = { n, range: rangeOf(report, paragraph.compact, at, at + m[0].length) };
      if (n === 1) {
        items = [item];
        continue;
      }
      // No 一是 before it: not an enumeration this check can follow.
      if (items.length === 0) continue;
      const last = items[items.length - 1];
      const same = items.find((i) => i.n === n);
      if (same) slips.push({ item, earlier: same, repeated: true, expected: last.n + 1 });
      else if (n > last.n + 1) slips.push({ item, earlier: last, repeated: false, expected: last.n + 1 });
      // A repeated item stands in the place of the next (三是 for 四是): the items after it follow from there.
      items.push(same ? { ...item, n: last.n + 1 } : item);
    }
  }
  return slips;
}

export const duplicateText = defineCheck({
  code: CODE,
  severity: 'information',
  tag: 'heuristic',
  title: { zh: '报告内重复的文字', en: 'Text repeated in the report' },
  docs: {
    zh: `同一份报告里逐字重复的段落（如引言又原样作为“一、总体情况”的第一段；不少于 ${REPEAT_MIN_HAN} 个汉字，标题、表格、“无”、落款不算），提示标在第二次出现处，相关信息指向第一次；以及列举中重复或跳过的序号（“一是…二是…三是…三是”“一是…三是”），提示标在出错的序号上。一个列举从“一是”起，到下一个“一是”或本段结束；下一段以序号开头时接着算。与上年报告相同的文字由 copied-paragraph 提示。依据：经验判断（评议中常见的粘贴错误）。${silencing(CODE).zh}`,
    en: `Paragraphs repeated word for word inside one report (the introduction again as the first paragraph of section I, say; at least ${REPEAT_MIN_HAN} Chinese characters — headings, tables, 无 and the signature never count), marked where they stand the second time with the first as related information; and enumerations that repeat or skip an item (一是…二是…三是…三是, 一是…三是), marked on the wrong item. An enumeration runs from 一是 to the next 一是 or the end of its paragraph, and goes on into the next paragraph when that opens with an item. Text the same as last year’s report is copied-paragraph’s. Basis: heuristic (a slip of copy and paste reviewers often find). ${silencing(CODE).en}`,
  },
  messages: MESSAGES,
  fixes: [],
  run(report) {
    const findings: Finding[] = repeatedParagraphs(report).map(({ paragraph, first }) =>
      finding(this, paragraphRange(report, paragraph), 'paragraph', { where: placeOf(first), length: paragraph.text.length }, {
        related: [{ range: paragraphRange(report, first), message: MESSAGES.first }],
        data: { length: paragraph.text.length },
      }),
    );
    for (const { item, earlier, repeated, expected } of enumerationSlips(report)) {
      const args = { ordinal: ordinalText(item.n), previous: ordinalText(earlier.n), expected: ordinalText(expected) };
      findings.push(
        finding(this, item.range, repeated ? 'repeated' : 'skipped', args, {
          related: [{ range: earlier.range, message: say(MESSAGES.earlier, { ordinal: args.previous }) }],
          data: { ordinal: item.n, expected },
        }),
      );
    }
    return findings;
  },
});
