/**
 * 雷同 across a set of reports (the reviewer's folder): for each report, the
 * share of its prose sentences that another unit's report also has, or its own
 * last year's, after the unit's names, its area's names and every number are
 * made placeholders (parse/sentence-keys.ts); the unit it shares most with;
 * and, per pair of reports, the passages they share with their ranges in both.
 *
 * Numbers are placeholders on purpose: a neighbour's report copied with its
 * figures changed is still copied. Sentences shared by many units of the set
 * (BOILERPLATE_SHARE of them or BOILERPLATE_MAX_UNITS, and at least
 * BOILERPLATE_MIN_UNITS) are the area's boilerplate — a template the county
 * office handed out, a phrase of a provincial notice — not 雷同: they count in
 * a report's sentences but never as shared, and are listed apart.
 *
 * Scale: one index, normalised sentence (its 52-bit hash) → the reports having it. Each report
 * looks up its own sentences and meets only the reports that share one; a
 * boilerplate sentence is skipped before its reports are walked. A sentence
 * that is not boilerplate has fewer than BOILERPLATE_MAX_UNITS units' reports,
 * so the work is at most that many meetings per sentence: it grows with the
 * number of sentences, not with the pairs of reports. `comparisons` counts the
 * (sentence, other report) meetings.
 *
 * Reports of one unit (sameUnit) are never "another unit": its report for the
 * year before is compared apart (the copied-paragraph check marks the same in
 * the editor, word for word); two reports of one unit for one year are the
 * review's duplicates, not 雷同.
 */
import { SECTIONS, type Text } from '../format/standard';
import { inSection } from '../engine/locate';
import type { Range, Report } from '../model/report';
import { defineMessages, say } from '../checks/messages';
import { paragraphsOf, rangeOf, type Sentence } from '../parse/prose';
import { wideKeyHash } from '../parse/sentence-index';
import { BOILERPLATE_MIN_UNITS, comparableSentences } from '../parse/sentence-keys';
import { identityOf, sameUnit, unitKey } from '../parse/units';

/**
 * A sentence is the area's boilerplate when this share of the set's units has
 * it, or BOILERPLATE_MAX_UNITS of them (a template of a province's notice in a
 * province's folder), but never in fewer than BOILERPLATE_MIN_UNITS.
 */
export const BOILERPLATE_SHARE = 0.2;
export const BOILERPLATE_MAX_UNITS = 50;
/** A report's row says 雷同 when at least this share of its sentences is shared with other units, or with its last year's. */
export const SIMILAR_SHARE = 0.3;
/** Two reports are listed as a pair when they share at least this many sentences. */
export const MIN_PAIR_SENTENCES = 2;

const MESSAGES = defineMessages({
  fromOthers: {
    zh: '本报告有 {percent} 的语句（{shared}/{total} 句）与其他单位的报告相同（单位名称、年份和数字不计），与“{unit}”相同的最多（{count} 句）；请按本单位本年度的实际情况改写',
    en: '{percent} of this report’s sentences ({shared} of {total}) are the same as in other units’ reports (names, years and figures aside), most of them ({count}) as in “{unit}”; rewrite them for this unit and year',
  },
  fromLastYear: {
    zh: '本报告有 {percent} 的语句（{shared}/{total} 句）与本单位上年（{year} 年）报告相同（年份和数字不计）；请核实内容是否仍然适用，写出本年度的新情况',
    en: '{percent} of this report’s sentences ({shared} of {total}) are the same as in this unit’s report for {year} (years and figures aside); check they still hold and say what is new this year',
  },
  pairOthers: {
    zh: '“{a}”与“{b}”的报告有 {count} 句相同（单位名称、年份和数字不计）',
    en: 'The reports of “{a}” and “{b}” share {count} sentences (names, years and figures aside)',
  },
  pairLastYear: {
    zh: '“{a}”{year} 年报告有 {count} 句与上年报告相同（年份和数字不计）',
    en: 'The {year} report of “{a}” shares {count} sentences with last year’s (years and figures aside)',
  },
  passage: {
    zh: '这段文字与“{unit}”{year} 年报告中的一段相同（单位名称、年份和数字不计）',
    en: 'This text is the same as a passage of the {year} report of “{unit}” (names, years and figures aside)',
  },
  passageUndated: {
    zh: '这段文字与“{unit}”报告中的一段相同（单位名称、年份和数字不计）',
    en: 'This text is the same as a passage of the report of “{unit}” (names, years and figures aside)',
  },
});

/** A report of the set: `unit` and `year` default to what the report says of itself (title, period). */
export interface ReportInput {
  uri: string;
  report: Report;
  unit?: string;
  year?: number;
}

interface Counterpart {
  uri: string;
  unit?: string;
  year?: number;
  /** How many sentences the two share. */
  sentences: number;
}

interface ReportSimilarity {
  uri: string;
  unit?: string;
  year?: number;
  /** Sentences compared (distinct, the format's standard ones and short ones left out). */
  sentences: number;
  /** Of these, the area's boilerplate (never counted as shared). */
  boilerplate: number;
  /** Shared with other units' reports: how many, the share of `sentences`, and the report it shares most with. */
  others: { sentences: number; share: number; closest?: Counterpart };
  /** Shared with the same unit's report for the year before. */
  lastYear?: Counterpart & { share: number };
  /** What the row says: 雷同 with other units, with last year, when a share reaches SIMILAR_SHARE. */
  messages: Text[];
}

/** Text two reports share: consecutive sentences of one paragraph in each. */
interface Passage {
  /** Range in report `a`, and in report `b`. */
  a: Range;
  b: Range;
  /** Where it is in `a` and in `b`, in words: its section and opening words. */
  where: { a: Text; b: Text };
  sentences: number;
  /** The text in `a`. */
  text: string;
  /** Said at `a`, naming `b`'s report. */
  message: Text;
}

interface SimilarPair {
  /** Another unit's report, or `b` is `a`'s unit's report for the year before. */
  kind: 'other-unit' | 'last-year';
  a: string;
  b: string;
  sentences: number;
  passages: Passage[];
  message: Text;
}

export interface SimilarityResult {
  /** One per input, in input order. */
  reports: ReportSimilarity[];
  /** Pairs sharing at least MIN_PAIR_SENTENCES sentences, most shared first. */
  pairs: SimilarPair[];
  /** The area's boilerplate: sentences (the text of the first report having each) and how many units have each, most first. */
  boilerplate: { text: string; units: number }[];
  /** How many times a sentence of one report met another report having it: the work done. */
  comparisons: number;
}

/**
 * A sentence as the comparison keeps it: plain data (a worker thread reads the
 * report and posts this back), kept for every report of a province's folder
 * until the end, so small: its key as a hash (wideKeyHash), never the key
 * itself; its range as four numbers; its text, for the passages shown (a few
 * hundred characters a report: reading the files again instead would parse
 * again nearly every report of a folder where most share a passage).
 */
interface KeptSentence {
  key: number;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  text: string;
  /** The punctuation that ends it in the text (。 ；), if any. */
  end: string;
  /** Its paragraph, and its place among the report's sentences: whether two sentences follow one another. */
  paragraph: number;
  index: number;
  /** The number of its section (1–6). */
  section: number;
}

/** What the comparison keeps of a report: who and when, and its compared sentences. */
export interface ReportSentences {
  uri: string;
  unit?: string;
  year?: number;
  sentences: KeptSentence[];
}

/** A report's compared sentences, with their ranges: all the comparison needs of it, so the report itself need not be kept. */
export function readSentences(input: ReportInput): ReportSentences {
  const { report } = input;
  const identity = identityOf(report);
  const unit = input.unit ?? identity.unit;
  const places = new Map<Sentence, { paragraph: number; index: number }>();
  let index = 0;
  paragraphsOf(report).forEach((p, paragraph) => p.sentences.forEach((s) => places.set(s, { paragraph, index: index++ })));
  const sentences = comparableSentences(report, unit).map(({ sentence, key }): KeptSentence => {
    const { start, end } = rangeOf(report, sentence.compact, sentence.start, sentence.end);
    return {
      key: wideKeyHash(key),
      line: start.line,
      character: start.character,
      endLine: end.line,
      endCharacter: end.character,
      text: sentence.text,
      end: sentence.compact.text[sentence.end] ?? '',
      ...places.get(sentence)!,
      section: sentence.block.section!.spec.number,
    };
  });
  return { uri: input.uri, unit, year: input.year ?? identity.year, sentences };
}

interface Doc {
  read: ReportSentences;
  unitId: number;
  /** Each key, with its sentences in document order. */
  keys: Map<number, KeptSentence[]>;
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

/** 雷同 across a set of reports, given as reports or as what readSentences keeps of them. */
export function similarity(inputs: readonly (ReportInput | ReportSentences)[]): SimilarityResult {
  const unitIds = new Map<string, number>();
  const docs: Doc[] = inputs.map((input, i) => {
    const read = 'report' in input ? readSentences(input) : input;
    const keys = new Map<number, KeptSentence[]>();
    for (const sentence of read.sentences) {
      const list = keys.get(sentence.key);
      if (list) list.push(sentence);
      else keys.set(sentence.key, [sentence]);
    }
    // A report without a unit is a unit of its own.
    const name = read.unit ? unitKey(read.unit) : `\u0000${i}`;
    if (!unitIds.has(name)) unitIds.set(name, unitIds.size);
    return { read, unitId: unitIds.get(name)!, keys };
  });

  const index = new Map<number, number[]>();
  docs.forEach((doc, i) => {
    for (const key of doc.keys.keys()) {
      const list = index.get(key);
      if (list) list.push(i);
      else index.set(key, [i]);
    }
  });

  const threshold = Math.max(BOILERPLATE_MIN_UNITS, Math.min(BOILERPLATE_MAX_UNITS, Math.ceil(BOILERPLATE_SHARE * unitIds.size)));
  const boilerplate = new Map<number, number>();
  const isBoilerplate = (key: number, holders: number[]) => {
    if (holders.length < threshold) return false;
    if (!boilerplate.has(key)) boilerplate.set(key, new Set(holders.map((j) => docs[j].unitId)).size);
    return boilerplate.get(key)! >= threshold;
  };

  // Whether two reports are by one unit, asked once per pair of units.
  const same = new Map<string, boolean>();
  const sameUnitOf = (a: Doc, b: Doc) => {
    if (a.unitId === b.unitId) return true;
    const key = a.unitId < b.unitId ? `${a.unitId},${b.unitId}` : `${b.unitId},${a.unitId}`;
    if (!same.has(key)) same.set(key, sameUnit(a.read.unit, b.read.unit));
    return same.get(key)!;
  };

  let comparisons = 0;
  const reports: ReportSimilarity[] = [];
  const pairs: SimilarPair[] = [];
  docs.forEach((doc, i) => {
    const others = new Map<number, number[]>();
    const lastYears = new Map<number, number[]>();
    let sharedOthers = 0;
    let areaBoilerplate = 0;
    for (const key of doc.keys.keys()) {
      const holders = index.get(key)!;
      if (holders.length === 1) continue;
      if (isBoilerplate(key, holders)) {
        areaBoilerplate++;
        continue;
      }
      let withOthers = false;
      for (const j of holders) {
        if (j === i) continue;
        comparisons++;
        const other = docs[j];
        if (!sameUnitOf(doc, other)) {
          withOthers = true;
          push(others, j, key);
        } else if (doc.read.year !== undefined && other.read.year === doc.read.year - 1) push(lastYears, j, key);
      }
      if (withOthers) sharedOthers++;
    }
    const total = doc.keys.size;
    const share = (n: number) => (total ? n / total : 0);
    const closest = mostShared(others);
    const last = mostShared(lastYears);
    const counterpart = (j: number, n: number): Counterpart => ({ uri: docs[j].read.uri, unit: docs[j].read.unit, year: docs[j].read.year, sentences: n });
    const row: ReportSimilarity = {
      uri: doc.read.uri,
      unit: doc.read.unit,
      year: doc.read.year,
      sentences: total,
      boilerplate: areaBoilerplate,
      others: { sentences: sharedOthers, share: share(sharedOthers), ...(closest ? { closest: counterpart(closest.j, closest.keys.length) } : {}) },
      ...(last ? { lastYear: { ...counterpart(last.j, last.keys.length), share: share(last.keys.length) } } : {}),
      messages: [],
    };
    if (closest && row.others.share >= SIMILAR_SHARE) {
      row.messages.push(say(MESSAGES.fromOthers, { percent: percent(row.others.share), shared: sharedOthers, total, unit: nameOf(docs[closest.j]), count: closest.keys.length }));
    }
    if (last && row.lastYear!.share >= SIMILAR_SHARE) {
      row.messages.push(say(MESSAGES.fromLastYear, { percent: percent(row.lastYear!.share), shared: last.keys.length, total, year: docs[last.j].read.year! }));
    }
    reports.push(row);
    // Each pair of units once (from its first report); last year's pair from this year's report.
    for (const [j, keys] of others) if (j > i && keys.length >= MIN_PAIR_SENTENCES) pairs.push(pairOf('other-unit', doc, docs[j], keys));
    for (const [j, keys] of lastYears) if (keys.length >= MIN_PAIR_SENTENCES) pairs.push(pairOf('last-year', doc, docs[j], keys));
  });
  pairs.sort((a, b) => b.sentences - a.sentences);
  return {
    reports,
    pairs,
    boilerplate: [...boilerplate]
      .filter(([, units]) => units >= threshold)
      .map(([key, units]) => ({ text: docs[index.get(key)![0]].keys.get(key)![0].text, units }))
      .sort((a, b) => b.units - a.units),
    comparisons,
  };
}

function push(map: Map<number, number[]>, j: number, key: number) {
  const list = map.get(j);
  if (list) list.push(key);
  else map.set(j, [key]);
}

/** The report sharing most keys (the first in the set on a tie). */
function mostShared(map: Map<number, number[]>): { j: number; keys: number[] } | undefined {
  let best: { j: number; keys: number[] } | undefined;
  for (const [j, keys] of map) if (!best || keys.length > best.keys.length || (keys.length === best.keys.length && j < best.j)) best = { j, keys };
  return best;
}

const nameOf = (doc: Doc) => doc.read.unit ?? doc.read.uri;

function pairOf(kind: SimilarPair['kind'], a: Doc, b: Doc, keys: number[]): SimilarPair {
  const message =
    kind === 'other-unit'
      ? say(MESSAGES.pairOthers, { a: nameOf(a), b: nameOf(b), count: keys.length })
      : say(MESSAGES.pairLastYear, { a: nameOf(a), year: a.read.year!, count: keys.length });
  return { kind, a: a.read.uri, b: b.read.uri, sentences: keys.length, passages: passages(a, b, new Set(keys)), message };
}

/** Where a passage starting with this sentence is, in the report's words (its section, its opening words): a Word document has no lines. */
const placeOf = (first: KeptSentence): Text => inSection(SECTIONS[first.section - 1].heading, first.text);

/** `next` follows `previous` in the same paragraph, with no sentence between. */
const follows = (previous: KeptSentence, next: KeptSentence) => previous.paragraph === next.paragraph && next.index === previous.index + 1;

/**
 * The shared sentences of `a` in document order, each with the first sentence of `b`
 * having its key, joined into passages while on both sides each sentence follows the last in one paragraph.
 */
const startOf = (s: KeptSentence) => ({ line: s.line, character: s.character });
const endOf = (s: KeptSentence) => ({ line: s.endLine, character: s.endCharacter });

function passages(a: Doc, b: Doc, keys: Set<number>): Passage[] {
  const matched: { here: KeptSentence; there: KeptSentence }[] = [];
  for (const [key, sentences] of a.keys) if (keys.has(key)) for (const here of sentences) matched.push({ here, there: b.keys.get(key)![0] });
  matched.sort((x, y) => x.here.index - y.here.index);
  const result: Passage[] = [];
  let run: typeof matched = [];
  // One message for every passage of the pair (a province's folder has hundreds of thousands of passages).
  const message = b.read.year === undefined ? say(MESSAGES.passageUndated, { unit: nameOf(b) }) : say(MESSAGES.passage, { unit: nameOf(b), year: b.read.year });
  const flush = () => {
    if (run.length === 0) return;
    const first = run[0];
    const last = run[run.length - 1];
    result.push({
      a: { start: startOf(first.here), end: endOf(last.here) },
      b: { start: startOf(first.there), end: endOf(last.there) },
      where: { a: placeOf(first.here), b: placeOf(first.there) },
      sentences: run.length,
      text: run.map((m, i) => m.here.text + (i < run.length - 1 ? m.here.end : '')).join(''),
      message,
    });
    run = [];
  };
  for (const m of matched) {
    const previous = run[run.length - 1];
    if (!previous || !follows(previous.here, m.here) || !follows(previous.there, m.there)) flush();
    run.push(m);
  }
  flush();
  return result;
}
