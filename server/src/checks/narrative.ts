/**
 * narrative-mismatch: numbers the prose states, compared with the table cell or
 * sum they refer to (正文称收到申请 8 件，表三“一、本年新收”总计为 15), and the
 * claims 均获维持 / 全部办结 checked against Tables 4 and 3.
 *
 * The prose is read as "compact" text: whitespace removed (PDF line breaks fall
 * in the middle of words), full-width digits made half-width, Markdown emphasis
 * dropped, with a map back to the document offsets so a finding sits exactly on
 * the digits. The sentence patterns are data (CLAIM_PATTERNS): each names the
 * quantity, the wording that introduces it, and the cell or sum it refers to.
 * A pattern only matches when the number stands right after (or right before)
 * the words that name it, with a unit of count (件, not 条): dates, counts of web
 * posts, phone numbers, postcodes and document numbers never match.
 */
import { T3_COLUMNS, T3_GROUPS, T3_ROWS, T3_TOTAL_COLUMN, T4_COLUMNS, T4_GROUPS, T4_TOTAL_COLUMN, TABLE2, type Text } from '../format/standard';
import type { Cell, Finding, ProseBlock, Range, RelatedInfo, Report } from '../model/report';
import { finding, formatNumber, type Check } from './check';

// ---------------------------------------------------------------------------
// Prose as compact text
// ---------------------------------------------------------------------------

export interface CompactText {
  /** The text without whitespace (one space kept between two digits), half-width digits, no `*`. */
  text: string;
  /** Document offset of each character of `text`. */
  offsets: number[];
}

const WHITESPACE = /[\s\u00a0\u3000]/;

/** Whitespace out, full-width ASCII (０-９, ：…) half-width, Markdown emphasis out; offsets kept. */
export function compactText(source: string, base: number): CompactText {
  let text = '';
  const offsets: number[] = [];
  let pendingSpace = false;
  for (let i = 0; i < source.length; i++) {
    let ch = source[i];
    if (WHITESPACE.test(ch)) {
      pendingSpace = true;
      continue;
    }
    if (ch === '*' || ch === '`') continue;
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e && !'（）；：，！？'.includes(ch)) ch = String.fromCharCode(code - 0xfee0);
    if (pendingSpace && /\d/.test(ch) && /\d$/.test(text)) {
      text += ' ';
      offsets.push(base + i - 1);
    }
    pendingSpace = false;
    text += ch;
    offsets.push(base + i);
  }
  return { text, offsets };
}

/** A sentence of the prose, in compact text: up to 。！？ or ；. */
export interface Sentence {
  block: ProseBlock;
  compact: CompactText;
  /** [start, end) in compact.text, the end punctuation excluded. */
  start: number;
  end: number;
  text: string;
  /** The whole sentence up to 。！？ (a ；-clause's sentence), for the words a quantity needs around it. */
  full: string;
  /** Where `full` starts in compact.text. */
  fullStart: number;
  /** The sentence opens a paragraph: the block starts here, or a line break precedes it. */
  paragraphStart: boolean;
}

const CLAUSE_END = /[；;]/;
const SENTENCE_END = /[。！？!?]/;
const sentenceMemo = new WeakMap<Report, Sentence[]>();

/** The sentences (；-clauses) of every prose block of a report, in document order. */
export function sentencesOf(report: Report): Sentence[] {
  const cached = sentenceMemo.get(report);
  if (cached) return cached;
  const sentences: Sentence[] = [];
  for (const block of report.prose) {
    const compact = compactText(block.span.text, block.span.start);
    const text = compact.text;
    let start = 0;
    let fullStart = 0;
    let pending: Sentence[] = [];
    const push = (end: number, strong: boolean) => {
      if (end > start) {
        const before = start === 0 ? '' : report.text.slice(compact.offsets[start - 1] + 1, compact.offsets[start]);
        pending.push({ block, compact, start, end, text: text.slice(start, end), full: '', fullStart: 0, paragraphStart: start === 0 || before.includes('\n') });
      }
      start = end + 1;
      if (strong) {
        for (const s of pending) {
          s.full = text.slice(fullStart, end);
          s.fullStart = fullStart;
        }
        sentences.push(...pending);
        pending = [];
        fullStart = end + 1;
      }
    };
    for (let i = 0; i < text.length; i++) {
      if (SENTENCE_END.test(text[i])) push(i, true);
      else if (CLAUSE_END.test(text[i])) push(i, false);
    }
    push(text.length, true);
  }
  sentenceMemo.set(report, sentences);
  return sentences;
}

/** Document offsets of [a, b) of a compact text. */
export function documentSpan(compact: CompactText, a: number, b: number): { start: number; end: number } {
  return { start: compact.offsets[a], end: compact.offsets[b - 1] + 1 };
}

export function rangeOf(report: Report, compact: CompactText, a: number, b: number): Range {
  const { start, end } = documentSpan(compact, a, b);
  return { start: report.positionAt(start), end: report.positionAt(end) };
}

// ---------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 8, 3,119, 十五, 一百零二 → the number; undefined when unreadable. */
export function readCount(raw: string): number | undefined {
  const text = raw.replace(/[\s,，]/g, '');
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[零〇一二两三四五六七八九十百千]+$/.test(text)) return undefined;
  let total = 0;
  let digit = -1;
  for (const ch of text) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch];
    else {
      total += (digit < 0 ? 1 : digit) * CN_UNITS[ch];
      digit = -1;
    }
  }
  return total + (digit > 0 ? digit : 0);
}

// ---------------------------------------------------------------------------
// What a number refers to
// ---------------------------------------------------------------------------

/** A cell or a sum of cells of the standard tables. */
export type Ref =
  /** The 总计 column of Table 3, summed over rows (a group key stands for its items). */
  | { table: 't3'; rows: string[] }
  /** The 总计 of Table 4 groups, summed. */
  | { table: 't4'; groups: string[] }
  /** A Table 2 cell; row '@doc' is 规章 or 行政规范性文件, as the sentence says. */
  | { table: 't2'; row: string; column: number };

export interface ClaimPattern {
  id: string;
  /** What the number counts, as the message names it (正文称收到申请 8 件). */
  name: Text;
  /**
   * The wording, on compact text. `{N}` is the number, `{U}` a unit of count
   * (件 个 宗 例 份), `{F}` filler words (共 为 达 累计 …). A named group `doc`
   * (规范性文件/规章) picks the Table 2 row for '@doc'.
   */
  pattern: string;
  /** The sentence must also match this (the quantity is about 申请, about 政府信息公开 …). */
  context?: string;
  /**
   * The context words must stand before the number (因政府信息公开被申请行政复议 N 件),
   * not after it (应诉行政诉讼案件 20 件，其中政府信息公开类 3 件). Prose in the
   * section whose subject they are (section number) needs no context words.
   */
  contextBefore?: { section: number };
  refers: Ref;
  /** Other figures the number may equal without being wrong, when the sentence says so. */
  alsoAccept?: { when: string; refers: Ref }[];
}

const APP = '(?:政府信息公开|依申请公开|信息公开)';
/** The sentence is about requests for disclosure. */
const ABOUT_REQUESTS = '申请';
/** The sentence is about disclosure (复议/诉讼 of the body's own cases are other matters). */
const ABOUT_DISCLOSURE = '信息公开|依申请|公开申请';
/** Review and litigation figures stand in section 四 or after words naming disclosure. */
const DISCLOSURE_CASES = { section: 4 };

/**
 * The quantities the prose states, in the order they are tried: a number is
 * claimed by the first pattern that matches it.
 */
export const CLAIM_PATTERNS: readonly ClaimPattern[] = [
  {
    id: 'carried',
    name: { zh: '上年结转申请', en: 'requests carried over from last year' },
    pattern: `(?:(?:上一?年度?|去年)结转(?:的|下来的|来的)?|结转上一?年度?(?:办理|的)*)${APP}?(?:的)?(?:申请)?(?:件数|数量)?{F}{N}{U}`,
    refers: { table: 't3', rows: ['carried'] },
  },
  {
    id: 'carry-next',
    name: { zh: '结转下年度办理', en: 'requests carried over to next year' },
    pattern: `结转(?:至|到)?下一?年度?(?:继续)?(?:办理|处理|答复)?(?:的)?(?:申请)?{F}{N}{U}`,
    refers: { table: 't3', rows: ['carryNext'] },
  },
  {
    id: 'carry-next-after',
    name: { zh: '结转下年度办理', en: 'requests carried over to next year' },
    pattern: `{N}{U}(?:申请)?(?:结转|顺延|转入)(?:到|至)?下一?年度?`,
    refers: { table: 't3', rows: ['carryNext'] },
  },
  {
    id: 'received',
    name: { zh: '收到申请', en: 'requests received' },
    pattern: `(?<!结转[^，,]{0,4})(?:收到|受理|新收|接收|接到|收)(?:和|及|并|与)?(?:处理|办理|受理|答复)?[^，,。；;：:（）()\\d]{0,8}?${APP}(?:的)?(?:申请)?(?:件数|数量|事项)?{F}{N}{U}`,
    refers: { table: 't3', rows: ['new'] },
    alsoAccept: [{ when: '(?:上一?年度?|去年)结转|结转上一?年', refers: { table: 't3', rows: ['new', 'carried'] } }],
  },
  {
    // 办理 alone may mean the requests received, all requests on hand (一+二) or those answered (（七）).
    id: 'handled',
    name: { zh: '办理申请', en: 'requests handled' },
    pattern: `(?<!结转[^，,]{0,4})(?:办理|处理)[^，,。；;：:（）()\\d]{0,8}?${APP}(?:的)?(?:申请)?(?:件数|数量|事项)?{F}{N}{U}`,
    refers: { table: 't3', rows: ['new'] },
    alsoAccept: [
      { when: '', refers: { table: 't3', rows: ['new', 'carried'] } },
      { when: '', refers: { table: 't3', rows: ['resultTotal'] } },
    ],
  },
  {
    id: 'closed',
    name: { zh: '办结申请', en: 'requests answered' },
    pattern: `(?<!予以)(?:办结|答复|办理完毕|处理完毕)(?:了)?${APP}?(?:的)?(?:申请)?{F}{N}{U}`,
    context: ABOUT_REQUESTS,
    refers: { table: 't3', rows: ['resultTotal'] },
  },
  {
    id: 'disclosed',
    name: { zh: '予以公开', en: 'disclosed' },
    pattern: `(?<![不部分])(?:予以公开|同意公开)(?:的)?(?:申请)?{F}{N}{U}`,
    context: ABOUT_REQUESTS,
    refers: { table: 't3', rows: ['disclosed'] },
  },
  {
    id: 'partial',
    name: { zh: '部分公开', en: 'partly disclosed' },
    pattern: `部分公开(?:的)?(?:申请)?{F}{N}{U}`,
    context: ABOUT_REQUESTS,
    refers: { table: 't3', rows: ['partial'] },
  },
  {
    id: 'refused',
    name: { zh: '不予公开', en: 'refused' },
    pattern: `不予公开(?:的)?(?:申请)?{F}{N}{U}`,
    context: ABOUT_REQUESTS,
    refers: { table: 't3', rows: ['refused'] },
  },
  {
    id: 'unable',
    name: { zh: '无法提供', en: 'unable to provide' },
    pattern: `无法提供(?:的)?(?:申请)?{F}{N}{U}`,
    context: ABOUT_REQUESTS,
    refers: { table: 't3', rows: ['unable'] },
  },
  {
    id: 'not-handled',
    name: { zh: '不予处理', en: 'not processed' },
    pattern: `不予处理(?:的)?(?:申请)?{F}{N}{U}`,
    context: ABOUT_REQUESTS,
    refers: { table: 't3', rows: ['notHandled'] },
  },
  {
    id: 'suit-direct',
    name: { zh: '未经复议直接起诉', en: 'suits without prior reconsideration' },
    pattern: `未经复议直接(?:提起)?(?:行政)?(?:起诉|诉讼)(?:案件)?(?:的)?{F}{N}{U}`,
    contextBefore: DISCLOSURE_CASES,
    refers: { table: 't4', groups: ['suitDirect'] },
  },
  {
    id: 'suit-after-review',
    name: { zh: '复议后起诉', en: 'suits after reconsideration' },
    pattern: `(?<!未经)复议后(?:提起)?(?:行政)?(?:起诉|诉讼)(?:案件)?(?:的)?{F}{N}{U}`,
    contextBefore: DISCLOSURE_CASES,
    refers: { table: 't4', groups: ['suitAfterReview'] },
  },
  {
    id: 'review',
    name: { zh: '行政复议', en: 'administrative reconsiderations' },
    // Not the cases a government hears as 复议机关 (办理/受理/审理…行政复议案件).
    pattern: `(?<!(?:诉讼|起诉)(?:案件)?(?:和|及|、|或|与|以及))(?<!(?:办理|受理|审理|审结|复议机关)[^，,。；;]{0,10})行政复议(?:案件|申请)?(?:的)?{F}{N}{U}`,
    contextBefore: DISCLOSURE_CASES,
    refers: { table: 't4', groups: ['review'] },
  },
  {
    id: 'suits',
    name: { zh: '行政诉讼', en: 'lawsuits' },
    pattern: `(?<!复议(?:案件)?(?:和|及|、|或|与|以及))行政诉讼(?:案件)?(?:的)?{F}{N}{U}`,
    contextBefore: DISCLOSURE_CASES,
    refers: { table: 't4', groups: ['suitDirect', 'suitAfterReview'] },
  },
  {
    id: 'licensing',
    name: { zh: '行政许可', en: 'licensing decisions' },
    pattern: `行政许可(?:决定|处理决定|案件)?{F}{N}(?:件|宗|起|个)`,
    refers: { table: 't2', row: 'licensing', column: 0 },
  },
  {
    id: 'penalty',
    name: { zh: '行政处罚', en: 'penalty decisions' },
    pattern: `行政处罚(?:决定|处理决定|案件)?{F}{N}(?:件|宗|起|个)`,
    refers: { table: 't2', row: 'penalty', column: 0 },
  },
  {
    id: 'coercion',
    name: { zh: '行政强制', en: 'coercion decisions' },
    pattern: `行政强制(?:决定|处理决定|措施|案件)?{F}{N}(?:件|宗|起|个)`,
    refers: { table: 't2', row: 'coercion', column: 0 },
  },
  {
    id: 'issued',
    name: { zh: '制发', en: 'issued' },
    pattern: `(?:制发|印发|出台|制定|发布)(?:了)?(?<doc>(?:行政)?规范性文件|(?:政府)?规章){F}{N}件`,
    refers: { table: 't2', row: '@doc', column: 0 },
  },
  {
    id: 'repealed',
    name: { zh: '废止', en: 'repealed' },
    pattern: `废止(?:了)?(?<doc>(?:行政)?规范性文件|(?:政府)?规章|文件)?{F}{N}件`,
    refers: { table: 't2', row: '@doc', column: 1 },
  },
  {
    id: 'in-force',
    name: { zh: '现行有效', en: 'in force' },
    pattern: `现行有效(?:的)?(?<doc>(?:行政)?规范性文件|(?:政府)?规章|文件)?{F}{N}件`,
    refers: { table: 't2', row: '@doc', column: 2 },
  },
];

/** Claims without a number: 均获维持 against Table 4, 全部办结 against 四、结转下年度. */
export interface StatementPattern {
  id: 'all-upheld' | 'all-closed';
  name: Text;
  pattern: string;
  context: string;
}

export const STATEMENT_PATTERNS: readonly StatementPattern[] = [
  { id: 'all-upheld', name: { zh: '均获维持', en: 'all upheld' }, pattern: '(?:均|全部|都|皆)(?:已)?(?:被|获|得到|予以)?维持', context: '复议|诉讼' },
  {
    id: 'all-closed',
    name: { zh: '全部办结', en: 'all closed' },
    pattern: '(?:已?全部|均已?|都已?|全部已)(?:按时|按期|依法|如期)?办结',
    context: ABOUT_REQUESTS,
  },
];

const NUMBER = '(?<![\\d.,])(?<n>\\d{1,3}(?:,\\d{3})+|\\d+|[零〇一二两三四五六七八九十百千]{1,6})';
const FILLER = '(?:共计|合计|总计|累计|总数|共|为|是|达|计|了)*[:：]?';
const UNIT = '(?:件|个|宗|例|份)';

const compiled = new Map<string, RegExp>();
function compile(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(source.replace('{N}', NUMBER).replace(/\{F\}/g, FILLER).replace(/\{U\}/g, UNIT), 'gd');
    compiled.set(source, re);
  }
  re.lastIndex = 0;
  return re;
}

// ---------------------------------------------------------------------------
// Table values
// ---------------------------------------------------------------------------

const t3Label = (key: string) => {
  const row = T3_ROWS.find((r) => r.key === key);
  if (row) return row.label.replace(/政府信息公开申请数量$/, '').replace(/（区分处理.*$/, '');
  return T3_GROUPS.find((g) => g.key === key)?.label ?? key;
};
const t3En = (key: string) => T3_ROWS.find((r) => r.key === key)?.en ?? T3_GROUPS.find((g) => g.key === key)?.en ?? key;
const t4Group = (key: string) => T4_GROUPS.find((g) => g.key === key)!;
/** The Table 2 rows whose counts the prose may state. */
const T2_COUNT_ROWS = ['rules', 'normative', 'licensing', 'penalty', 'coercion'];
const t2Row = (key: string) => TABLE2.blocks.flatMap((b) => b.rows.map((r) => ({ row: r, block: b }))).find((x) => x.row.key === key);

/** The rows whose 总计 make up a Table 3 key: the key itself, or a group's items. */
function t3Rows(key: string): string[] {
  const items = T3_ROWS.filter((r) => r.group === key).map((r) => r.key);
  return items.length ? items : [key];
}

export interface Resolved {
  value: number;
  cells: { cell: Cell; label: Text }[];
  /** “表三“一、本年新收”总计” */
  label: Text;
  /**
   * The same figure added up from the parts of each total (the applicant
   * columns, the four Table 4 results), when that differs: a wrong total is the
   * arithmetic checks' business, and prose that agrees with the parts is right.
   */
  parts?: number;
}

/** Sum of cells, undefined unless every one is a number. */
function sumOf(cells: (Cell | undefined)[]): number | undefined {
  let total = 0;
  for (const cell of cells) {
    if (!isNumber(cell)) return undefined;
    total += cell.value;
  }
  return total;
}
const partsOrUndefined = (parts: (number | undefined)[], value: number) =>
  parts.every((p) => p !== undefined) && parts.reduce((a, p) => a! + p!, 0) !== value ? (parts.reduce((a, p) => a! + p!, 0) as number) : undefined;

const isNumber = (cell: Cell | undefined): cell is Cell & { value: number } => !!cell && cell.state === 'number' && cell.value !== null;

/** The value of a reference in a report; undefined when a cell is missing or not a number. */
export function resolve(report: Report, ref: Ref, doc?: string): Resolved | undefined {
  if (ref.table === 't3') {
    const table = report.tables.t3;
    if (!table) return undefined;
    const cells: Resolved['cells'] = [];
    const parts: (number | undefined)[] = [];
    for (const key of ref.rows) {
      let rows = t3Rows(key).map((k) => table.rows.get(k));
      // The 2019 layout's single （六） row stands for its three items.
      if (key === 'otherHandling' && rows.every((r) => !r)) rows = [table.rows.get('otherHandling')];
      for (const row of rows) {
        const cell = row?.cells[T3_TOTAL_COLUMN];
        if (!row || !isNumber(cell)) return undefined;
        parts.push(sumOf(row.cells.slice(0, T3_TOTAL_COLUMN)));
        cells.push({ cell, label: { zh: `${t3Label(row.key)}：${formatNumber(cell.value)}`, en: `${t3En(row.key)}: ${formatNumber(cell.value)}` } });
      }
    }
    const value = cells.reduce((a, c) => a + (c.cell.value ?? 0), 0);
    const names = ref.rows.map((k) => `“${t3Label(k)}”`);
    const single = ref.rows.length === 1 && t3Rows(ref.rows[0]).length === 1;
    const label: Text =
      ref.rows.length > 1
        ? { zh: `表三${names.join('与')}总计之和`, en: `the sum of Table 3 ${names.join(' and ')} totals` }
        : single
          ? { zh: `表三${names[0]}总计`, en: `Table 3 ${names[0]} total` }
          : { zh: `表三${names[0]}各项总计之和`, en: `the sum of the Table 3 ${names[0]} items` };
    return { value, cells, label, parts: partsOrUndefined(parts, value) };
  }
  if (ref.table === 't4') {
    const table = report.tables.t4;
    if (!table) return undefined;
    const cells: Resolved['cells'] = [];
    const parts: (number | undefined)[] = [];
    for (const key of ref.groups) {
      const cell = table.rows.get(key)?.cells[T4_TOTAL_COLUMN];
      if (!isNumber(cell)) return undefined;
      parts.push(sumOf(table.rows.get(key)!.cells.slice(0, T4_TOTAL_COLUMN)));
      const g = t4Group(key);
      cells.push({ cell, label: { zh: `${g.label}总计：${formatNumber(cell.value)}`, en: `${g.en} total: ${formatNumber(cell.value)}` } });
    }
    const value = cells.reduce((a, c) => a + (c.cell.value ?? 0), 0);
    const label: Text =
      ref.groups.length > 1
        ? { zh: `表四“未经复议直接起诉”与“复议后起诉”总计之和`, en: 'the sum of the two Table 4 litigation totals' }
        : { zh: `表四“${t4Group(ref.groups[0]).label}”总计`, en: `Table 4 “${t4Group(ref.groups[0]).label}” total` };
    return { value, cells, label, parts: partsOrUndefined(parts, value) };
  }
  const table = report.tables.t2;
  if (!table || table.format === '2019') return undefined;
  const rowKey = ref.row === '@doc' ? doc : ref.row;
  if (!rowKey) return undefined;
  const spec = t2Row(rowKey);
  const cell = table.rows.get(rowKey)?.cells[ref.column];
  if (!spec || !isNumber(cell)) return undefined;
  const column = spec.block.columns[ref.column];
  const label = {
    zh: spec.block.columns.length > 1 ? `表二“${spec.row.label}”的“${column.label}”` : `表二“${spec.row.label}”${column.label}`,
    en: `Table 2 “${spec.row.label}”, ${column.en}`,
  };
  return { value: cell.value, cells: [{ cell, label: { zh: `${label.zh}：${formatNumber(cell.value)}`, en: `${label.en}: ${formatNumber(cell.value)}` } }], label };
}

// ---------------------------------------------------------------------------
// Reading the claims
// ---------------------------------------------------------------------------

export interface Claim {
  pattern: ClaimPattern;
  stated: number;
  /** The digits in the document. */
  start: number;
  end: number;
  range: Range;
  sentence: Sentence;
  /** The figure the number is compared with (undefined: the table lacks it). */
  expected?: Resolved;
  /** An accepted other figure the number equals. */
  acceptedAs?: Resolved;
  /** The Table 2 row a '@doc' claim refers to. */
  doc?: string;
}

export interface Statement {
  pattern: StatementPattern;
  start: number;
  end: number;
  range: Range;
  sentence: Sentence;
  text: string;
}

const claimMemo = new WeakMap<Report, { claims: Claim[]; statements: Statement[] }>();

/** Which Table 2 row a 废止/现行有效 number is about: the words at the match, else the last named before it. */
function docRow(named: string | undefined, before: string): string | undefined {
  const pick = (s: string) => (/规范性文件/.test(s) ? 'normative' : /规章/.test(s) ? 'rules' : undefined);
  const direct = named ? pick(named) : undefined;
  if (direct) return direct;
  const lastNormative = before.lastIndexOf('规范性文件');
  const lastRules = before.lastIndexOf('规章');
  if (lastNormative < 0 && lastRules < 0) return undefined;
  return lastNormative > lastRules ? 'normative' : 'rules';
}

/** Every number the prose states about a table quantity, and every 均获维持/全部办结 claim. */
export function readClaims(report: Report): { claims: Claim[]; statements: Statement[] } {
  const cached = claimMemo.get(report);
  if (cached) return cached;
  const claims: Claim[] = [];
  const statements: Statement[] = [];
  for (const sentence of sentencesOf(report)) {
    const text = sentence.text;
    if (!/\d|[零〇一二两三四五六七八九十]|维持|办结/.test(text)) continue;
    const taken = new Set<number>();
    for (const pattern of CLAIM_PATTERNS) {
      if (pattern.context && !new RegExp(pattern.context).test(sentence.full)) continue;
      const re = compile(pattern.pattern);
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        const digits = m.groups!.n;
        const stated = readCount(digits);
        const local = m.indices!.groups!.n![0];
        if (pattern.contextBefore && sentence.block.section?.spec.number !== pattern.contextBefore.section) {
          const before = sentence.compact.text.slice(sentence.fullStart, sentence.start + m.index);
          if (!new RegExp(ABOUT_DISCLOSURE).test(before)) continue;
        }
        if (stated === undefined || taken.has(local)) continue;
        taken.add(local);
        const a = sentence.start + local;
        const b = a + digits.length;
        const { start, end } = documentSpan(sentence.compact, a, b);
        let doc: string | undefined;
        if (pattern.refers.table === 't2' && pattern.refers.row === '@doc') {
          doc = docRow(m.groups!.doc, text.slice(0, m.index));
          if (!doc) continue;
        }
        const claim: Claim = {
          pattern,
          stated,
          start,
          end,
          range: { start: report.positionAt(start), end: report.positionAt(end) },
          sentence,
          expected: resolve(report, pattern.refers, doc),
          doc,
        };
        if (claim.expected && claim.expected.value !== stated)
          for (const alt of pattern.alsoAccept ?? []) {
            if (!new RegExp(alt.when).test(sentence.full)) continue;
            const other = resolve(report, alt.refers, doc);
            if (other && other.value === stated) claim.acceptedAs = other;
          }
        claims.push(claim);
      }
    }
    for (const pattern of STATEMENT_PATTERNS) {
      if (!new RegExp(pattern.context).test(sentence.full)) continue;
      const re = compile(pattern.pattern);
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const a = sentence.start + m.index;
        const { start, end } = documentSpan(sentence.compact, a, a + m[0].length);
        statements.push({ pattern, start, end, range: { start: report.positionAt(start), end: report.positionAt(end) }, sentence, text: m[0] });
      }
    }
  }
  claims.sort((x, y) => x.start - y.start);
  const result = { claims, statements };
  claimMemo.set(report, result);
  return result;
}

// ---------------------------------------------------------------------------
// What a wrong number is instead
// ---------------------------------------------------------------------------

interface Candidate {
  value: number;
  what: Text;
}

const columnName = (i: number) => T3_COLUMNS[i].label;

/** Figures of the tables a stated number may have been taken from, most telling first. */
function candidates(report: Report, ref: Ref, doc: string | undefined): Candidate[] {
  const out: Candidate[] = [];
  const add = (value: number | undefined, what: Text) => {
    if (value !== undefined) out.push({ value, what });
  };
  const t3 = report.tables.t3;
  const total = (key: string) => resolve(report, { table: 't3', rows: [key] })?.value;
  if (ref.table === 't3' && t3) {
    // One applicant column of the same row.
    if (ref.rows.length === 1 && t3Rows(ref.rows[0]).length === 1) {
      const row = t3.rows.get(ref.rows[0]);
      row?.cells.slice(0, T3_TOTAL_COLUMN).forEach((cell, i) => {
        if (isNumber(cell)) add(cell.value, { zh: `“${columnName(i)}”一列的数`, en: `the ${T3_COLUMNS[i].en} column alone` });
      });
    }
    // One item of a group.
    for (const key of ref.rows)
      if (t3Rows(key).length > 1)
        for (const item of t3Rows(key)) add(total(item), { zh: `其中“${t3Label(item)}”一项的数`, en: `the item “${t3Label(item)}” alone` });
    const refKey = ref.rows.join('+');
    const named: [string, Text][] = [
      ['new+carried', { zh: '一+二之和（含上年结转）', en: 'new + carried over (一+二)' }],
      ['resultTotal', { zh: '“（七）总计”', en: '（七）总计' }],
      ['new', { zh: '“一、本年新收”总计', en: 'the 一、本年新收 total' }],
      ['carried', { zh: '“二、上年结转”总计', en: 'the 二、上年结转 total' }],
      ['carryNext', { zh: '“四、结转下年度继续办理”总计', en: 'the 四、结转下年度 total' }],
      ['disclosed', { zh: '“（一）予以公开”总计', en: 'the （一）予以公开 total' }],
    ];
    for (const [key, what] of named) {
      if (key === refKey) continue;
      add(resolve(report, { table: 't3', rows: key.split('+') })?.value, what);
    }
    for (const row of T3_ROWS)
      if (row.role === 'result' && row.key !== refKey && !ref.rows.includes(row.group ?? ''))
        add(total(row.key), { zh: `“${row.group ? `${t3Label(row.group)}${row.label}` : t3Label(row.key)}”一行的总计`, en: `the total of row “${row.label}”` });
  }
  if (ref.table === 't4') {
    const key = ref.groups.join('+');
    for (const g of T4_GROUPS)
      if (g.key !== key) add(resolve(report, { table: 't4', groups: [g.key] })?.value, { zh: `表四“${g.label}”总计`, en: `the Table 4 “${g.label}” total` });
    if (ref.groups.length > 1)
      for (const g of ref.groups) {
        const row = report.tables.t4?.rows.get(g);
        row?.cells.slice(0, T4_TOTAL_COLUMN).forEach((cell, i) => {
          if (isNumber(cell)) add(cell.value, { zh: `表四“${t4Group(g).label}”的“${T4_COLUMNS[i].label}”`, en: `Table 4 “${t4Group(g).label}”, ${T4_COLUMNS[i].en}` });
        });
      }
  }
  if (ref.table === 't2') {
    const rowKey = ref.row === '@doc' ? doc : ref.row;
    for (const key of T2_COUNT_ROWS) {
      const spec = t2Row(key);
      if (!spec) continue;
      spec.block.columns.forEach((column, i) => {
        if (key === rowKey && i === ref.column) return;
        add(resolve(report, { table: 't2', row: key, column: i })?.value, {
          zh: spec.block.columns.length > 1 ? `表二“${spec.row.label}”的“${column.label}”` : `表二“${spec.row.label}”的数`,
          en: `Table 2 “${spec.row.label}”, ${column.en}`,
        });
      });
    }
  }
  return out;
}

/** What the stated number equals instead, if anything telling (never for 0). */
export function explain(report: Report, claim: Claim): Candidate | undefined {
  if (claim.stated === 0) return undefined;
  return candidates(report, claim.pattern.refers, claim.doc).find((c) => c.value === claim.stated);
}

// ---------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------

/** A claim whose number differs from its figure. */
export function isMismatch(claim: Claim): boolean {
  const expected = claim.expected;
  return !!expected && expected.value !== claim.stated && expected.parts !== claim.stated && !claim.acceptedAs;
}

function related(resolved: Resolved): RelatedInfo[] {
  return resolved.cells.filter((c) => c.cell.span).map((c) => ({ range: c.cell.span!.range, message: c.label }));
}

/** The Table 4 groups a 均获维持 sentence is about. */
function upheldGroups(sentence: Sentence): string[] {
  for (const text of [sentence.text, sentence.full]) {
    const review = /复议/.test(text.replace(/未经复议|复议后/g, ''));
    const suits = /诉讼|起诉/.test(text);
    if (review && !suits) return ['review'];
    if (suits && !review) return ['suitDirect', 'suitAfterReview'];
    if (review && suits) break;
  }
  return ['review', 'suitDirect', 'suitAfterReview'];
}

export const narrativeMismatch: Check = {
  code: 'narrative-mismatch',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '正文数字与表格不符', en: 'Prose contradicts the tables' },
  docs: {
    zh:
      '核对正文里明确点名的数字与它所指的表格数据：收到申请（表三“一、本年新收”总计；句中写明含上年结转时也可为一+二）、上年结转、予以公开、部分公开、不予公开、无法提供、不予处理、办结/答复（（七）总计）、结转下年度、行政复议 N 件（表四行政复议总计）、行政诉讼 N 件（两项行政诉讼总计之和）、未经复议直接起诉/复议后起诉、行政许可/行政处罚/行政强制 N 件（表二）、规范性文件制发/废止/现行有效 N 件（表二）。' +
      '提示标在正文的数字上，消息给出正文的数和表格的数；若正文的数恰好等于另一个格或另一种合计（只计了自然人一列、只计了一项、一+二、（七）总计），一并指出。“均获维持”“全部维持”对照表四的纠正、其他结果和尚未审结；“全部办结”“均已办结”对照表三“四、结转下年度继续办理”（应为 0）。' +
      '只在句子清楚点名数量时才核对：日期、网站发布信息条数、电话、邮编、文号（〔2021〕30号、国务院令第711号）、会议和培训次数、百分比都不会被当作表格数据。把鼠标停在核对过的数字上可看到对应的表格数据。',
    en:
      'Numbers the prose names explicitly are compared with the table figure they refer to: requests received (Table 3 一 total, or 一+二 when the sentence says it includes carried-over requests), carried over, disclosed, partly disclosed, refused, unable to provide, not processed, answered (（七）总计), carried to next year, reconsiderations (Table 4), lawsuits (sum of both litigation totals), licensing/penalty/coercion decisions and normative documents issued/repealed/in force (Table 2). ' +
      'The finding sits on the number in the prose and gives both figures; when the stated number equals another cell or sum (only the natural-person column, one item, 一+二, （七）总计) it says which. “均获维持” is checked against Table 4 (corrected, other, pending) and “全部办结” against 四、结转下年度继续办理 (must be 0). ' +
      'Only sentences that clearly name the quantity are compared: dates, counts of web posts, phone numbers, postcodes, document numbers, meetings and percentages are never read as table figures. Hovering a checked number shows the table figure.',
  },
  run(report) {
    const findings: Finding[] = [];
    const { claims, statements } = readClaims(report);
    for (const claim of claims) {
      if (!isMismatch(claim)) continue;
      const expected = claim.expected!;
      const other = explain(report, claim);
      const n = formatNumber(claim.stated);
      const v = formatNumber(expected.value);
      findings.push(
        finding(
          this,
          claim.range,
          {
            zh: `正文称${claim.pattern.name.zh} ${n} 件，${expected.label.zh}为 ${v}${other ? `；${n} 恰是${other.what.zh}` : ''}`,
            en: `The text says ${n} (${claim.pattern.name.en}); ${expected.label.en} is ${v}${other ? `; ${n} is ${other.what.en}` : ''}`,
          },
          {
            related: related(expected),
            data: { claim: claim.pattern.id, stated: claim.stated, expected: expected.value, ...(other ? { equals: other.what.zh } : {}) },
            fixes: [
              {
                title: { zh: `将正文的 ${n} 改为 ${v}`, en: `Change ${n} in the text to ${v}` },
                kind: 'quickfix',
                edits: [{ range: claim.range, newText: v }],
              },
            ],
          },
        ),
      );
    }
    for (const statement of statements) {
      if (statement.pattern.id === 'all-closed') {
        const next = resolve(report, { table: 't3', rows: ['carryNext'] });
        if (!next || next.value === 0) continue;
        findings.push(
          finding(
            this,
            statement.range,
            {
              zh: `正文称“${statement.text}”，但表三“四、结转下年度继续办理”总计为 ${formatNumber(next.value)}`,
              en: `The text says all requests were closed (“${statement.text}”), but Table 3 四、结转下年度继续办理 total is ${formatNumber(next.value)}`,
            },
            { related: related(next), data: { claim: 'all-closed', expected: 0, actual: next.value } },
          ),
        );
        continue;
      }
      const t4 = report.tables.t4;
      if (!t4) continue;
      const groups = upheldGroups(statement.sentence);
      const problems: { zh: string; en: string; cell: Cell }[] = [];
      let total = 0;
      for (const key of groups) {
        const row = t4.rows.get(key);
        if (!row) continue;
        const totalCell = row.cells[T4_TOTAL_COLUMN];
        if (isNumber(totalCell)) total += totalCell.value;
        for (const i of [1, 2, 3]) {
          const cell = row.cells[i];
          if (isNumber(cell) && cell.value > 0)
            problems.push({
              zh: `${t4Group(key).label}${T4_COLUMNS[i].label} ${formatNumber(cell.value)} 件`,
              en: `${t4Group(key).en}: ${T4_COLUMNS[i].en} ${formatNumber(cell.value)}`,
              cell,
            });
        }
      }
      if (problems.length === 0 || total === 0) continue;
      findings.push(
        finding(
          this,
          statement.range,
          {
            zh: `正文称“${statement.text}”，但表四有${problems.map((p) => p.zh).join('、')}`,
            en: `The text says all were upheld (“${statement.text}”), but Table 4 has ${problems.map((p) => p.en).join(', ')}`,
          },
          {
            related: problems.filter((p) => p.cell.span).map((p) => ({ range: p.cell.span!.range, message: { zh: p.zh, en: p.en } })),
            data: { claim: 'all-upheld' },
          },
        ),
      );
    }
    return findings;
  },
};
