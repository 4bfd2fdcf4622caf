/**
 * Matching written labels to the standard wording.
 *
 * A label matches its canonical text when they agree after normalisation
 * (full/half-width, spaces, quotes, `1、`/`1.`), or without their numbering, or
 * as a known variant (the variants the format data lists), or — for labels
 * long enough that it is safe — as a near-miss typo. Everything but an exact
 * match is a deviation that `label-deviation` reports. A note in brackets
 * after a label (a provincial template's 填报说明) is no part of it: the label
 * is matched without it, and the note is no deviation.
 */
import {
  SECTIONS,
  T2_HEADER,
  T3_COLUMNS,
  T3_CORNER_NOTE,
  T3_GROUPS,
  T3_HEADERS,
  T3_ROWS,
  T4_COLUMNS,
  T4_GROUPS,
  T4_LITIGATION,
  TABLE2,
  TABLE2_2019,
  type SectionSpec,
  type Table2Layout,
} from '../format/standard';
import { editDistance, normalizeLabel, rememberedByText, similarity, stripNumbering, withoutTrailingNotes } from './text';

type LabelRole = 'row' | 'group' | 'column' | 'article' | 'header' | 'note';

export interface LabelCandidate {
  role: LabelRole;
  /** Row key (T3_ROWS key, Table 2 row key, T4 group key) or column index as text. */
  key: string;
  canonical: string;
  /** Normalised canonical text and accepted variants. */
  forms: string[];
  /** The same without numbering. */
  bare: string[];
}

export interface LabelMatch {
  candidate: LabelCandidate;
  /** True when the written label is not the canonical text. */
  deviates: boolean;
}

function candidate(role: LabelRole, key: string, canonical: string, variants: readonly string[] = []): LabelCandidate {
  const forms = [...new Set([canonical, ...variants].map(normalizeLabel))];
  return { role, key, canonical, forms, bare: [...new Set(forms.map(stripNumbering))] };
}

/** A label that stands several times (本年处理决定数量) keeps one candidate. */
function dedupe(cands: LabelCandidate[]): LabelCandidate[] {
  const seen = new Set<string>();
  return cands.filter((c) => {
    const id = `${c.role}:${c.canonical}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function table2Labels(layout: Table2Layout): LabelCandidate[] {
  return dedupe([
    ...layout.blocks.flatMap((block) => [
      candidate('article', block.article, block.article),
      ...block.columns.map((c) => candidate('column', c.label, c.label, c.variants)),
      ...block.rows.map((r) => candidate('row', r.key, r.label, r.variants)),
    ]),
    candidate('header', T2_HEADER, T2_HEADER),
  ]);
}

/** The labels that can stand in each table, derived from the format data. */
export const TABLE_LABELS: Readonly<Record<'t2' | 't3' | 't4', readonly LabelCandidate[]>> = {
  t2: table2Labels(TABLE2),
  t3: [
    ...T3_ROWS.map((r) => candidate('row', r.key, r.label, r.variants)),
    ...T3_GROUPS.map((g) => candidate('group', g.key, g.label)),
    ...T3_COLUMNS.map((c, i) => candidate('column', String(i), c.label, c.variants)),
    candidate('header', T3_HEADERS.applicants, T3_HEADERS.applicants),
    candidate('header', T3_HEADERS.organisations, T3_HEADERS.organisations),
    candidate('note', 'corner', T3_CORNER_NOTE),
  ],
  t4: [
    ...T4_GROUPS.map((g) => candidate('group', g.key, 'short' in g ? g.short : g.label, 'variants' in g ? g.variants : [])),
    candidate('header', T4_LITIGATION, T4_LITIGATION),
    ...T4_COLUMNS.map((c, i) => candidate('column', String(i), c.label)),
  ],
};

/** Table 2's labels in the 2019 trial format (the 2019 rows, columns and blocks). */
export const TABLE_LABELS_2019 = { t2: table2Labels(TABLE2_2019) };

/** Labels shorter than this are matched exactly only: 规章, 其他, 总计. */
const FUZZY_MIN_LENGTH = 5;
const FUZZY_THRESHOLD = 0.75;
/** The longest standard label is 43 characters. */
const FUZZY_MAX_LENGTH = 60;

/**
 * Match one written label against a set of candidates. Returns undefined when
 * nothing matches well enough; ties between fuzzy candidates match nothing.
 */
export function matchLabel(written: string, candidates: readonly LabelCandidate[]): LabelMatch | undefined {
  // The same cells are matched again and again (a row's label against each reading, wrapped labels piece by
  // piece, every report's standard labels): each text once per set of candidates.
  return perCandidates(labelMatches, candidates, frozenMatch)(written);
}

function frozenMatch(written: string, candidates: readonly LabelCandidate[]): LabelMatch | undefined {
  const match = matchLabelUncached(written, candidates);
  return match && Object.freeze(match);
}

/** A function of a text and a set of candidates, remembered by text for each set. */
function perCandidates<T>(
  memos: WeakMap<readonly LabelCandidate[], (text: string) => T>,
  candidates: readonly LabelCandidate[],
  work: (text: string, candidates: readonly LabelCandidate[]) => T,
): (text: string) => T {
  let memo = memos.get(candidates);
  if (!memo) memos.set(candidates, (memo = rememberedByText((text) => work(text, candidates), MAX_REMEMBERED_LABELS)));
  return memo;
}

const labelMatches = new WeakMap<readonly LabelCandidate[], (text: string) => LabelMatch | undefined>();
/** Texts whose answer is kept, per set of candidates. */
const MAX_REMEMBERED_LABELS = 5000;

function matchLabelUncached(written: string, candidates: readonly LabelCandidate[]): LabelMatch | undefined {
  const norm = normalizeLabel(written);
  if (!norm) return undefined;
  for (const c of candidates) {
    if (c.forms[0] === norm) return { candidate: c, deviates: false };
  }
  for (const c of candidates) {
    if (c.forms.includes(norm)) return { candidate: c, deviates: true };
  }
  const bare = stripNumbering(norm);
  for (const c of candidates) {
    // Without numbering: `属于国家秘密`, `（三） 不予公开` are the same row; a missing
    // number is style, not a deviation, but other wording is.
    if (c.bare[0] === bare && bare.length >= 2) return { candidate: c, deviates: false };
  }
  for (const c of candidates) {
    if (c.bare.includes(bare) && bare.length >= 2) return { candidate: c, deviates: true };
  }
  const noted = withoutNote(norm, candidates) ?? gluedHeader(norm, candidates);
  if (noted) return noted;
  // Digits beyond the numbering mean prose (`结转下年度继续办理0件`), not a typo;
  // so does text far longer than any label.
  if (bare.length < FUZZY_MIN_LENGTH || bare.length > FUZZY_MAX_LENGTH || /\d/.test(bare)) return undefined;
  let best: LabelCandidate | undefined;
  let bestScore = 0;
  let tie = false;
  for (const c of candidates) {
    if (c.bare[0].length < FUZZY_MIN_LENGTH) continue;
    const score = Math.max(...c.bare.map((b) => similarity(bare, b)));
    if (score > bestScore + 1e-9) {
      best = c;
      bestScore = score;
      tie = false;
    } else if (Math.abs(score - bestScore) < 1e-9) tie = true;
  }
  if (best && !tie && bestScore >= FUZZY_THRESHOLD) return { candidate: best, deviates: true };
  return undefined;
}

/**
 * Two header cells glued together, as a flattened table gives them
 * (信息内容本年收费金额（单位：万元）): the column the text ends with, after a
 * header of the same table — the standard wording, glued, not a deviation.
 */
function gluedHeader(norm: string, candidates: readonly LabelCandidate[]): LabelMatch | undefined {
  for (const header of candidates) {
    if (header.role !== 'header') continue;
    const form = header.forms.find((f) => norm.length > f.length && norm.startsWith(f));
    const rest = form && norm.slice(form.length);
    const column = rest ? candidates.find((c) => c.role === 'column' && c.forms.includes(rest)) : undefined;
    if (column) return { candidate: column, deviates: false };
  }
  return undefined;
}

/**
 * A label followed by a note in brackets (a provincial template's 填报说明:
 * `（一）予以公开（填报本年度予以公开的申请数）`, `现行有效件数（截至本年底）`):
 * the label it is, matched without the note. The note is the template's, not
 * a deviation. A bracket that is part of the standard label itself
 * (（二）部分公开（区分处理的…）, 本年收费金额（单位：万元）) is no note: the
 * label with it was matched first, and the label cut short of it matches
 * that label only as a deviation.
 */
function withoutNote(norm: string, candidates: readonly LabelCandidate[]): LabelMatch | undefined {
  for (const label of withoutTrailingNotes(norm)) {
    const match = matchLabel(label, candidates);
    if (match) return match;
  }
  return undefined;
}

/**
 * True when the written text is the beginning of some label, cut short as
 * labels wrapped across lines are (`（二）部分公开（区分处理的，只计这一情 形，不`).
 */
export function isLabelPrefix(written: string, candidates: readonly LabelCandidate[]): boolean {
  return perCandidates(labelPrefixes, candidates, isLabelPrefixUncached)(written);
}

const labelPrefixes = new WeakMap<readonly LabelCandidate[], (text: string) => boolean>();

function isLabelPrefixUncached(written: string, candidates: readonly LabelCandidate[]): boolean {
  const bare = stripNumbering(normalizeLabel(written));
  if (bare.length < 2) return false;
  if (candidates.some((c) => c.bare.some((b) => b.length > bare.length && b.startsWith(bare)))) return true;
  // A typo in the first piece (只记 for 只计) must not stop the joining: a long
  // piece within an edit or two of a label's beginning counts.
  if (bare.length < FUZZY_MIN_LENGTH * 2 || /\d/.test(bare)) return false;
  const allowed = Math.max(1, Math.floor(bare.length / 10));
  return candidates.some((c) => c.bare.some((b) => b.length > bare.length && editDistance(bare, b.slice(0, bare.length), allowed) <= allowed));
}

// ---------------------------------------------------------------------------
// Section headings
// ---------------------------------------------------------------------------

export interface HeadingMatch {
  spec: SectionSpec;
  deviates: boolean;
}

const NUMERALS = '一二三四五六七八九十';
const HEADING_PATTERN = /^([一二三四五六七八九十])\s*[、.．,，]\s*(\S.*)$/;

/**
 * Recognise a section heading by its number and key words, so that a variant
 * or a typo never makes a section count as missing.
 */
export function matchSectionHeading(text: string): HeadingMatch | undefined {
  // Every line that may be a heading is asked about on every keystroke: remembered by its text.
  return headingMatches(text);
}

const headingMatches = rememberedByText(matchHeadingUncached, 5000);
/** Each section's heading and variants as compared: without numbering, normalised. */
const HEADING_FORMS = new Map(SECTIONS.map((spec) => [spec, [spec.heading, ...spec.variants].map((h) => stripNumbering(normalizeLabel(h)))]));
/**
 * A variant shorter than this (其他事项) is taken for its section only under
 * its own number: `三、其他事项` is as likely an item inside a section as
 * section 六 misnumbered.
 */
const MISNUMBERED_VARIANT_MIN_LENGTH = 8;
/** The forms a heading numbered otherwise is compared with: the canonical wording and the longer variants. */
const MISNUMBERED_FORMS = new Map([...HEADING_FORMS].map(([spec, forms]) => [spec, forms.filter((f, i) => i === 0 || f.length >= MISNUMBERED_VARIANT_MIN_LENGTH)]));

/**
 * The section a phrase of prose names (`主动公开政府信息情况`, `其他需要报告的事项`,
 * as an introduction lists the parts): the one whose key words it holds, the
 * closest in wording when it holds several sections' key words (被申请行政复议
 * holds 申请 and 复议).
 */
export function sectionNamed(phrase: string): SectionSpec | undefined {
  const text = normalizeLabel(phrase);
  let best: SectionSpec | undefined;
  let bestScore = -1;
  for (const spec of SECTIONS) {
    if (!spec.keywords.every((k) => text.includes(k))) continue;
    const score = Math.max(...HEADING_FORMS.get(spec)!.map((f) => similarity(text, f)));
    if (score > bestScore) {
      best = spec;
      bestScore = score;
    }
  }
  return best;
}

function matchHeadingUncached(text: string): HeadingMatch | undefined {
  const norm = normalizeLabel(text).replace(/^#+/, '');
  if (norm.length > 40) return undefined;
  const m = HEADING_PATTERN.exec(norm.replace(/^(\d)\./, '$1、'));
  if (!m) return undefined;
  const numeral = m[1];
  const rest = m[2];
  const number = NUMERALS.indexOf(numeral) + 1;
  // The standard heading under its own number: no need to weigh the others.
  const standard = SECTIONS.find((spec) => spec.number === number);
  if (standard && HEADING_FORMS.get(standard)![0] === rest) return { spec: standard, deviates: false };
  let best: HeadingMatch | undefined;
  let bestScore = 0;
  for (const spec of SECTIONS) {
    const own = spec.number === number;
    const forms = (own ? HEADING_FORMS : MISNUMBERED_FORMS).get(spec)!;
    const exact = forms[0] === rest;
    const score = Math.max(...forms.map((f) => similarity(rest, f)));
    const keywords = spec.keywords.every((k) => rest.includes(k));
    if (own) {
      // The numbering punctuation (一、 一. 一．) is style, not wording.
      if (exact) return { spec, deviates: false };
      if (keywords || score >= 0.6) {
        if (score + 1 > bestScore) {
          best = { spec, deviates: true };
          bestScore = score + 1;
        }
      }
    } else if (score >= 0.85 && score > bestScore) {
      // A heading worded as section N but numbered otherwise.
      best = { spec, deviates: true };
      bestScore = score;
    }
  }
  return best;
}
