/**
 * Sentences as they are compared across reports for 雷同 (text copied from
 * another unit's report, or from one's own last year's): each prose sentence
 * of the six sections (the front matter before 一 left out, as copied-paragraph
 * leaves it out) as a key in which the report's own unit name and its short
 * forms, the names of its area, 本机关/我局…, and every number (so years,
 * dates and counts) are placeholders. A clerk who copies a neighbour's report
 * and changes its name and figures leaves the keys unchanged.
 *
 * Sentences every report shares by the format itself are not compared: the
 * short ones (a sub-heading, 无), and the standard statements (本报告根据《条例》…编制,
 * 统计期限为…, 本年度未收取信息处理费).
 */
import type { Report } from '../model/report';
import { saysNoFeeCollected } from './fees';
import { sentencesOf, type Sentence } from './prose';
import { sameUnit, unitKey } from './units';

/** A sentence shorter than this (characters of its key, placeholders and punctuation left out) is not compared. */
const MIN_SENTENCE_LENGTH = 15;

/** Copied text shorter than this (characters, whitespace and punctuation removed) is not reported by copied-paragraph. */
export const COPY_MIN_LENGTH = 40;

/**
 * A sentence that at least this many other units' reports have is the area's
 * boilerplate (a template handed out, a phrase of a notice), not 雷同: the
 * review (review/similarity.ts) and copied-paragraph in the editor skip it.
 */
export const BOILERPLATE_MIN_UNITS = 5;

/** The placeholders of a key. */
const UNIT = '〈单位〉';
const AREA = '〈地〉';
const SELF = '〈本〉';
const NUMBER = '#';

/** Statements of the format every report makes in the same words (besides the fee statement, parse/fees.ts). */
const STANDARD_STATEMENTS: readonly RegExp[] = [
  /^本(?:年度)?报告(?:是)?(?:根据|依据|按照)/, // 本报告根据《中华人民共和国政府信息公开条例》…编制
  /统计期限/, // 本报告所列数据的统计期限为…
  /电子版/, // 本报告电子版可在…网站查阅
  /如对本报告有/, // 如对本报告有任何疑问，请与…联系
];

/** One component of an area's name: 淮安市, 洪泽区, 示例县 (not the 市 of 市场监督管理局, nor the 县 of 旧县镇). */
const AREA_PART = /[^省市县区州旗盟\s]{1,8}?(?:自治区|自治州|自治县|省|市(?![场政民容])|州|盟|县|区|旗)(?![乡镇])/y;
/** A township's own name inside an organ's: 城关镇人民政府 → 城关镇. */
const TOWNSHIP = /^(.{2,8}?(?:乡|镇|街道))(?:人民政府|办事处)?$/;
/** How a report names itself without its name. */
const SELF_WORDS = /我(?:局|委|办|院|厅|部|中心|单位|县|区|市|镇|乡|街道)|本(?:机关|单位|部门|局|委|办)/g;
const NUMBERS = /\d+(?:[.,]\d+)*|[〇零一二三四五六七八九]{4}(?=年)/g;

/** The names a unit goes by in its own report: the full name and short forms (the unit), and the names of its area. */
export function unitForms(unit: string | undefined): { unit: string[]; area: string[] } {
  if (!unit) return { unit: [], area: [] };
  const name = unit.normalize('NFKC').replace(/[\s#*]/g, '');
  const parts: string[] = [];
  AREA_PART.lastIndex = 0;
  let at = 0;
  for (let m = AREA_PART.exec(name); m; m = AREA_PART.exec(name)) {
    parts.push(m[0]);
    at = AREA_PART.lastIndex;
  }
  const organ = name.slice(at);
  const area = parts.length > 1 ? [parts.join(''), ...parts] : parts;
  const forms = new Set<string>([name, name.replace(/人民政府/, '政府')]);
  // A government's organ alone (人民政府) is the area itself; a department's (教育局) is a short form of the unit.
  if (organ && !/^(?:人民)?政府$/.test(organ)) {
    const areaWord = parts.length ? parts[parts.length - 1].slice(-1) : '';
    for (const o of new Set([organ, organ.replace(/人民政府/, '政府')])) {
      if (o.length >= 2) forms.add(o);
      if (areaWord) forms.add(areaWord + o);
    }
    const township = TOWNSHIP.exec(organ);
    if (township) forms.add(township[1]);
  }
  return { unit: [...forms].filter((f) => f.length >= 2 && !area.includes(f)), area: area.filter((a) => a.length >= 2) };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** How a report's sentences are made keys: its unit's names, its area's, 本机关/我局 and numbers replaced by placeholders (one pattern for all its sentences). */
function keyMaker(forms: { unit: string[]; area: string[] }): (text: string) => string {
  const names = [...forms.unit.map((f) => [f, UNIT]), ...forms.area.map((f) => [f, AREA])].sort((a, b) => b[0].length - a[0].length);
  const lookup = new Map(names.map(([f, p]) => [f, p]));
  const pattern = names.length ? new RegExp(names.map(([f]) => escape(f)).join('|'), 'g') : undefined;
  return (text) => (pattern ? text.replace(pattern, (m) => lookup.get(m)!) : text).replace(SELF_WORDS, SELF).replace(NUMBERS, NUMBER);
}

/** A sentence's text as compared: the unit's names, the area's, 本机关/我局 and numbers replaced by placeholders. */
export const sentenceKey = (text: string, forms: { unit: string[]; area: string[] }): string => keyMaker(forms)(text);

/** How long a key is in its own words: placeholders, numbers and punctuation left out. */
const ownLength = (key: string) => key.replace(/〈[^〉]*〉|#/g, '').replace(/[\p{P}\p{S}]/gu, '').length;

/**
 * A standard statement of the format, which every report makes alike: the
 * fee statement of section 六 in any words (未收取信息处理费; 严格落实《…信息处理费管理办法》，
 * 全年收取信息处理费0元), and the statements above.
 */
const isStandardStatement = (text: string) => saysNoFeeCollected(text) || /信息处理费/.test(text) || STANDARD_STATEMENTS.some((p) => p.test(text));

export interface KeyedSentence {
  sentence: Sentence;
  key: string;
}

/** The sentences of a report that are compared with other reports, with their keys. `unit` defaults to the title's. */
export function comparableSentences(report: Report, unit: string | undefined = report.title?.unit): KeyedSentence[] {
  const keyOf = keyMaker(unitForms(unit));
  const keyed: KeyedSentence[] = [];
  for (const sentence of sentencesOf(report)) {
    if (!sentence.block.section || isStandardStatement(sentence.text)) continue;
    const key = keyOf(sentence.text);
    if (ownLength(key) >= MIN_SENTENCE_LENGTH) keyed.push({ sentence, key });
  }
  return keyed;
}

/** Characters of copied text as COPY_MIN_LENGTH counts them: punctuation left out. */
export const copiedLength = (text: string): number => text.replace(/[。！？!?；;，,、]/g, '').length;

/** Where a compared sentence stands for a run of copied text: its block (numbered), and its start and end in copiedLength characters from the block's start. */
export interface RunPlace {
  block: number;
  start: number;
  end: number;
}

export function runPlaces(keyed: readonly KeyedSentence[]): RunPlace[] {
  const blocks = new Map<unknown, number>();
  return keyed.map(({ sentence }) => {
    if (!blocks.has(sentence.block)) blocks.set(sentence.block, blocks.size);
    const start = copiedLength(sentence.compact.text.slice(0, sentence.start));
    return { block: blocks.get(sentence.block)!, start, end: start + copiedLength(sentence.compact.text.slice(sentence.start, sentence.end)) };
  });
}

/** Consecutive compared sentences of one block, from `first` to `last`, that the file `uri` has each of; `length` in copiedLength characters. */
export interface CopiedRun {
  first: number;
  last: number;
  uri: string;
  length: number;
}

/**
 * The runs copied-paragraph reports, given the files each sentence is found
 * in: from a sentence, the following ones of its block while one file has
 * them all (the first such), when the run is COPY_MIN_LENGTH long; the next
 * run starts after it. cli/peers.ts asks the same of a folder's files.
 */
export function copiedRuns(places: readonly RunPlace[], filesOf: readonly (readonly string[])[]): CopiedRun[] {
  const runs: CopiedRun[] = [];
  let i = 0;
  while (i < places.length) {
    let files = new Set(filesOf[i]);
    let j = i;
    while (j + 1 < places.length && places[j + 1].block === places[i].block) {
      const common = new Set(filesOf[j + 1].filter((f) => files.has(f)));
      if (common.size === 0) break;
      files = common;
      j++;
    }
    const uri = [...files][0];
    const length = places[j].end - places[i].start;
    if (uri === undefined || length < COPY_MIN_LENGTH) {
      i++;
      continue;
    }
    runs.push({ first: i, last: j, uri, length });
    i = j + 1;
  }
  return runs;
}

/** Another report's sentence with the same key, and whose report it is. */
interface PeerOf {
  unit?: string;
  year?: number;
}

/**
 * The sentences of other units' reports of the same year among those having
 * a key (not the same unit's, whatever its file); none when they are the
 * area's boilerplate (BOILERPLATE_MIN_UNITS units or more).
 */
export function copiedFromPeers<P extends PeerOf>(unit: string, year: number, found: readonly P[]): (P & { unit: string })[] {
  const peers: (P & { unit: string })[] = [];
  const units = new Set<string>();
  for (const p of found) {
    if (p.year !== year || !p.unit || sameUnit(unit, p.unit)) continue;
    peers.push(p as P & { unit: string });
    units.add(unitKey(p.unit));
    // Boilerplate as soon as enough units share it: a compilation of thousands of reports is not gone through for each sentence.
    if (units.size >= BOILERPLATE_MIN_UNITS) return [];
  }
  return peers;
}
