/**
 * The figures the prose states, read as claims about the tables: "收到申请 8
 * 件" refers to Table 3 一、本年新收 总计, "行政复议 1 件" to Table 4's 复议
 * total, and so on. The sentence patterns are data (CLAIM_PATTERNS): each names
 * the quantity, the wording that introduces it, and the cell or sum it refers
 * to. A pattern only matches when the number stands right after (or right
 * before) the words that name it, with a unit of count (件, not 条): dates,
 * counts of web posts, phone numbers, postcodes and document numbers never
 * match. Claims without a number (均获维持, 全部办结) are read too.
 *
 * Read once per report; the narrative-mismatch check and the hover on a prose
 * number both consume it.
 */
import { T3_GROUPS, T3_ROWS, T3_TOTAL_COLUMN, T4_GROUPS, T4_TOTAL_COLUMN, TABLE2, type Text } from '../format/standard';
import { isNumberCell as isNumber, type Cell, type Range, type Report } from '../model/report';
import { documentSpan, sentencesOf, type Sentence } from './prose';
import { formatNumber, readCount } from './text';
import { areaLevel, isGovernmentUnit, unitLevel } from './units';

/** A cell or a sum of cells of the standard tables. */
export type Ref =
  /** The 总计 column of Table 3, summed over rows (a group key stands for its items). */
  | { table: 't3'; rows: string[] }
  /** The 总计 of Table 4 groups, summed. */
  | { table: 't4'; groups: string[] }
  /** A Table 2 cell; row '@doc' is 规章 or 行政规范性文件, as the sentence says. */
  | { table: 't2'; row: string; column: number };

interface ClaimPattern {
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
const CLAIM_PATTERNS: readonly ClaimPattern[] = [
  {
    id: 'carried',
    name: { zh: '上年结转申请', en: 'requests carried over from last year' },
    pattern: `(?:(?:上一?年度?|去年)结转(?:的|下来的|来的)?|结转上一?年度?(?:办理|的)*)${APP}?(?:的)?(?:申请)?(?:件数|数量)?{F}{N}{U}`,
    refers: { table: 't3', rows: ['carried'] },
  },
  {
    id: 'carry-next',
    name: { zh: '结转下年度办理', en: 'requests carried over to next year' },
    pattern: `(?:结转|转结)(?:至|到)?下一?年度?(?:继续)?(?:办理|处理|答复)?(?:的)?(?:申请)?{F}{N}{U}`,
    refers: { table: 't3', rows: ['carryNext'] },
  },
  {
    id: 'carry-next-after',
    name: { zh: '结转下年度办理', en: 'requests carried over to next year' },
    pattern: `{N}{U}(?:申请)?(?:结转|转结|顺延|转入)(?:到|至)?下一?年度?`,
    refers: { table: 't3', rows: ['carryNext'] },
  },
  {
    // 7件正在办理中 / 正在办理的申请7件: still open at the year's end, carried over (四).
    id: 'in-progress-after',
    name: { zh: '正在办理', en: 'requests still being handled' },
    pattern: `{N}{U}(?:申请)?(?:正在|仍在|尚在)(?:办理|处理)`,
    context: ABOUT_REQUESTS,
    refers: { table: 't3', rows: ['carryNext'] },
  },
  {
    id: 'in-progress',
    name: { zh: '正在办理', en: 'requests still being handled' },
    pattern: `(?:正在|仍在|尚在)(?:办理|处理)(?:中)?(?:的)?(?:申请)?{F}{N}{U}`,
    context: ABOUT_REQUESTS,
    refers: { table: 't3', rows: ['carryNext'] },
  },
  {
    // 收办 and 共办理 count the requests on hand: new and carried over (一+二).
    id: 'on-hand',
    name: { zh: '收办申请', en: 'requests on hand' },
    pattern: `(?<!结转[^，,]{0,4})收办[^，,。；;：:（）()\\d]{0,8}?(?:${APP}(?:的)?)?申请(?:件数|数量)?{F}{N}{U}`,
    refers: { table: 't3', rows: ['new', 'carried'] },
    alsoAccept: [
      { when: '', refers: { table: 't3', rows: ['new'] } },
      { when: '', refers: { table: 't3', rows: ['resultTotal'] } },
    ],
  },
  {
    id: 'handled-all',
    name: { zh: '共办理申请', en: 'requests handled in all' },
    pattern: `(?<!结转[^，,]{0,4})(?:共办理|共计办理|累计办理)[^，,。；;：:（）()\\d]{0,8}?(?:${APP}(?:的)?)?申请(?:件数|数量)?{F}{N}{U}`,
    refers: { table: 't3', rows: ['new', 'carried'] },
    alsoAccept: [
      { when: '', refers: { table: 't3', rows: ['new'] } },
      { when: '', refers: { table: 't3', rows: ['resultTotal'] } },
    ],
  },
  {
    id: 'on-hand-short',
    name: { zh: '收办申请', en: 'requests on hand' },
    pattern: `收办{F}{N}{U}`,
    context: ABOUT_DISCLOSURE,
    refers: { table: 't3', rows: ['new', 'carried'] },
    alsoAccept: [{ when: '', refers: { table: 't3', rows: ['new'] } }],
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
    pattern: `(?<!予以)(?:办结|答复|已?回复|办理完毕|处理完毕)(?:了)?${APP}?(?:的)?(?:申请)?{F}{N}{U}`,
    context: ABOUT_REQUESTS,
    refers: { table: 't3', rows: ['resultTotal'] },
  },
  {
    // 予以公开和部分公开 19 件: both results, （一）+（二）.
    id: 'disclosed-or-partial',
    name: { zh: '予以公开和部分公开', en: 'disclosed in full or in part' },
    pattern: `(?:予以公开(?:和|及|、|或|与)部分公开|部分公开(?:和|及|、|或|与)予以公开|公开[（(]含部分公开[)）])(?:的)?(?:申请)?{F}{N}{U}`,
    context: ABOUT_REQUESTS,
    refers: { table: 't3', rows: ['disclosed', 'partial'] },
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
interface StatementPattern {
  id: 'all-upheld' | 'all-closed' | 'no-cases';
  name: Text;
  pattern: string;
  context: string;
  /** Prose in the section whose subject the statement is (section number) needs no context words. */
  section?: number;
}

const STATEMENT_PATTERNS: readonly StatementPattern[] = [
  { id: 'all-upheld', name: { zh: '均获维持', en: 'all upheld' }, pattern: '(?:均|全部|都|皆)(?:已)?(?:被|获|得到|予以)?维持', context: '复议|诉讼' },
  {
    id: 'all-closed',
    name: { zh: '全部办结', en: 'all closed' },
    pattern: '(?:已?全部|均已?|都已?|全部已)(?:按时|按期|依法|如期)?办结',
    context: ABOUT_REQUESTS,
  },
  {
    // 未发生因政府信息公开申请行政复议、提起行政诉讼的情况; not 无行政复议案件被纠错 (an outcome).
    id: 'no-cases',
    name: { zh: '无行政复议、行政诉讼', en: 'no reconsideration or lawsuit' },
    pattern:
      '(?:未发生|没有发生|未出现|未有|没有|无)(?:因?(?:政府)?信息公开(?:工作)?(?:申请)?(?:的)?)?(?:被)?(?:申请|提起)?(?<cases>行政复议(?:[、和及或与]|以及)(?:被)?(?:提起)?行政诉讼|行政复议|行政诉讼)(?![^，。；]{0,8}(?:被纠正|被纠错|纠错|败诉|被撤销|被确认违法|结果))',
    context: ABOUT_DISCLOSURE,
    section: DISCLOSURE_CASES.section,
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

const contexts = new Map<string, RegExp>();
/** Whether a text has the words a context pattern asks for (each pattern compiled once, not once per sentence). */
function holds(context: string, text: string): boolean {
  let re = contexts.get(context);
  if (!re) contexts.set(context, (re = new RegExp(context)));
  return re.test(text);
}

// ---------------------------------------------------------------------------
// Table values
// ---------------------------------------------------------------------------

export const t3Label = (key: string) => {
  const row = T3_ROWS.find((r) => r.key === key);
  if (row) return row.label.replace(/政府信息公开申请数量$/, '').replace(/（区分处理.*$/, '');
  return T3_GROUPS.find((g) => g.key === key)?.label ?? key;
};
const t3En = (key: string) => T3_ROWS.find((r) => r.key === key)?.en ?? T3_GROUPS.find((g) => g.key === key)?.en ?? key;
export const t4Group = (key: string) => T4_GROUPS.find((g) => g.key === key)!;
/** The Table 2 rows whose counts the prose may state. */
export const T2_COUNT_ROWS = ['rules', 'normative', 'licensing', 'penalty', 'coercion'];
export const t2Row = (key: string) => TABLE2.blocks.flatMap((b) => b.rows.map((r) => ({ row: r, block: b }))).find((x) => x.row.key === key);

/** The rows whose 总计 make up a Table 3 key: the key itself, or a group's items. */
export function t3Rows(key: string): string[] {
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
    // （七）总计 is a total already: “（七）总计”, not “（七）总计”总计.
    const ofTotal = single && t3Label(ref.rows[0]).endsWith('总计');
    const label: Text =
      ref.rows.length > 1
        ? { zh: `表三${names.join('与')}总计之和`, en: `the sum of Table 3 ${names.join(' and ')} totals` }
        : single
          ? { zh: `表三${names[0]}${ofTotal ? '' : '总计'}`, en: `Table 3 ${names[0]}${ofTotal ? '' : ' total'}` }
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
  const row = table.rows.get(rowKey);
  const cell = row?.cells[ref.column];
  // A row not read in full (three counts glued into one number) says nothing sure of any of its cells.
  if (!spec || !isNumber(cell) || row!.cells.some((c) => c.state === 'missing')) return undefined;
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
  /** 'office': the sentence gives the office's own figure in a government's report (scope-mismatch reads it). */
  scope?: 'office';
}

export interface Statement {
  pattern: StatementPattern;
  /** For 'no-cases': the Table 4 groups the sentence says there were none of. */
  groups?: string[];
  start: number;
  end: number;
  range: Range;
  sentence: Sentence;
  text: string;
}

/**
 * Words in the clause before a number that make it another count than the
 * table's: cases filed for record (备案, a different count from Table 4), a
 * change on last year (同比, 较上年, 增加…), a share (占), an estimate (约).
 */
const NOT_THE_COUNT = /备案|同比|环比|[较比](?:上一?年|去年)|增长|下降|增加|减少|上升|提高|占|约(?![定束谈请])/;
/** Right after the number and its unit: an estimate (50件以上, 50件左右). */
const ESTIMATE_AFTER = /^(?:以上|左右|上下|多)/;
/** A number about the government's office (区政府办代表区政府受理…), in a government's report whose tables may count the whole area. */
const OFFICE_SCOPE = /代表[^，,]{0,8}政府|政府办(?:公室)?|办公室/;

/** Where the clause holding a position starts: after the last comma before it. */
const clauseStart = (text: string, at: number) => Math.max(text.lastIndexOf('，', at), text.lastIndexOf(',', at)) + 1;

/** A claim about the same quantity (the same cells) in the same sentence. */
const sameQuantityInSentence = (claim: Claim, sentence: Sentence, pattern: ClaimPattern) =>
  claim.sentence.compact === sentence.compact && claim.sentence.fullStart === sentence.fullStart && JSON.stringify(claim.pattern.refers) === JSON.stringify(pattern.refers);

/**
 * How a matched number reads: as the table's count; as another count ('other':
 * its clause says it is a 备案 count, a change, a share or an estimate, or it
 * is another level's figure, 全省 in a county's report); or as a part ('part':
 * it follows 其中, after a total of the same quantity in the sentence).
 */
function readingOf(
  report: Report,
  sentence: Sentence,
  text: string,
  match: RegExpExecArray,
  numberAt: number,
  pattern: ClaimPattern,
  earlier: readonly Claim[],
): 'count' | 'other' | 'part' {
  const clause = text.slice(clauseStart(text, match.index), numberAt);
  if (NOT_THE_COUNT.test(clause) || ESTIMATE_AFTER.test(text.slice(match.index + match[0].length))) return 'other';
  const own = unitLevel(report.title?.unit);
  const area = areaLevel(clause);
  if (own !== undefined && area !== undefined && area !== own) return 'other';
  const before = sentence.compact.text.slice(sentence.fullStart, sentence.start + match.index);
  if (before.includes('其中')) {
    if (earlier.some((c) => sameQuantityInSentence(c, sentence, pattern))) return 'part';
  }
  return 'count';
}

/**
 * A part after 其中 that equals the table while the whole before it does not
 * (全县各级行政机关共收到申请 3607 件，其中本机关收到 47 件, Table 3 一 = 47):
 * the whole is a wider area's figure, not this report's count.
 */
function widerWhole(part: Claim, earlier: readonly Claim[]): Claim | undefined {
  if (!part.expected || part.expected.value !== part.stated) return undefined;
  return earlier.find((c) => sameQuantityInSentence(c, part.sentence, part.pattern) && isMismatch(c));
}

/** 'office' when the clause gives the office's own figure (区政府办代表区政府受理…) in a government's report. */
function scopeOf(report: Report, text: string, match: RegExpExecArray): Claim['scope'] {
  const unit = report.title?.unit;
  if (!unit || !isGovernmentUnit(unit)) return undefined;
  return OFFICE_SCOPE.test(text.slice(clauseStart(text, match.index), match.index + match[0].length)) ? 'office' : undefined;
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
    if (!/\d|[零〇一二两三四五六七八九十]|维持|办结|行政复议|行政诉讼/.test(text)) continue;
    const taken = new Set<number>();
    for (const pattern of CLAIM_PATTERNS) {
      if (pattern.context && !holds(pattern.context, sentence.full)) continue;
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
          if (!holds(ABOUT_DISCLOSURE, before)) continue;
        }
        if (stated === undefined || taken.has(local)) continue;
        taken.add(local);
        const reading = readingOf(report, sentence, text, m, local, pattern, claims);
        if (reading === 'other') continue;
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
        const scope = pattern.refers.table === 't3' ? scopeOf(report, text, m) : undefined;
        if (scope) claim.scope = scope;
        if (reading === 'part') {
          // A part of a total stated before it is not the table's count; but when it is, the total is a wider area's.
          const whole = widerWhole(claim, claims);
          if (whole) claims.splice(claims.indexOf(whole), 1);
          continue;
        }
        if (claim.expected && claim.expected.value !== stated)
          for (const alt of pattern.alsoAccept ?? []) {
            if (!holds(alt.when, sentence.full)) continue;
            const other = resolve(report, alt.refers, doc);
            if (other && other.value === stated) claim.acceptedAs = other;
          }
        claims.push(claim);
      }
    }
    for (const pattern of STATEMENT_PATTERNS) {
      const inItsSection = pattern.section !== undefined && sentence.block.section?.spec.number === pattern.section;
      if (!inItsSection && !holds(pattern.context, sentence.full)) continue;
      const re = compile(pattern.pattern);
      for (let m = re.exec(text); m; m = re.exec(text)) {
        const a = sentence.start + m.index;
        const { start, end } = documentSpan(sentence.compact, a, a + m[0].length);
        const cases = m.groups?.cases;
        const groups = cases === undefined ? undefined : [...(/复议(?!后)/.test(cases) ? ['review'] : []), ...(/诉讼/.test(cases) ? ['suitDirect', 'suitAfterReview'] : [])];
        statements.push({ pattern, start, end, range: { start: report.positionAt(start), end: report.positionAt(end) }, sentence, text: m[0], ...(groups ? { groups } : {}) });
      }
    }
  }
  claims.sort((x, y) => x.start - y.start);
  const result = { claims, statements };
  claimMemo.set(report, result);
  return result;
}

/** A claim whose number differs from its figure. */
export function isMismatch(claim: Claim): boolean {
  const expected = claim.expected;
  return !!expected && expected.value !== claim.stated && expected.parts !== claim.stated && !claim.acceptedAs;
}

/** The cells a reference adds up, whatever they hold (blank, invalid): what a claim is about. */
function referencedCells(report: Report, ref: Ref, doc?: string): Cell[] {
  if (ref.table === 't3') {
    const table = report.tables.t3;
    if (!table) return [];
    return ref.rows.flatMap((key) => {
      let rows = t3Rows(key).map((k) => table.rows.get(k));
      if (key === 'otherHandling' && rows.every((r) => !r)) rows = [table.rows.get('otherHandling')];
      return rows.flatMap((row) => (row ? [row.cells[T3_TOTAL_COLUMN]] : []));
    });
  }
  if (ref.table === 't4') return ref.groups.flatMap((key) => report.tables.t4?.rows.get(key)?.cells[T4_TOTAL_COLUMN] ?? []);
  const rowKey = ref.row === '@doc' ? doc : ref.row;
  const cell = rowKey ? report.tables.t2?.rows.get(rowKey)?.cells[ref.column] : undefined;
  return cell ? [cell] : [];
}

/** A claim of the prose about a cell: what it states, and the other cells its figure adds up. */
export interface ClaimOnCell {
  claim: Claim;
  /** The cells the claim's figure is the sum of (the cell among them). */
  cells: Cell[];
}

/** The prose's claims whose figure includes this cell. */
export function claimsOn(report: Report, cell: Cell): ClaimOnCell[] {
  return readClaims(report)
    .claims.map((claim) => ({ claim, cells: referencedCells(report, claim.pattern.refers, claim.doc) }))
    .filter((c) => c.cells.includes(cell));
}

/**
 * Would giving these cells these values make a claim of the prose that holds
 * now contradict the table, or leave one that does not? The claims that would
 * newly disagree.
 */
export function claimsBrokenBy(report: Report, values: ReadonlyMap<Cell, number>): Claim[] {
  const broken: Claim[] = [];
  const seen = new Set<Claim>();
  for (const cell of values.keys())
    for (const { claim, cells } of claimsOn(report, cell)) {
      if (seen.has(claim)) continue;
      seen.add(claim);
      const figure = (v: (c: Cell) => number | null) => cells.reduce<number | null>((sum, c) => (sum === null || v(c) === null ? null : sum + v(c)!), 0);
      const now = figure((c) => (isNumber(c) ? c.value : null));
      const then = figure((c) => (values.has(c) ? values.get(c)! : isNumber(c) ? c.value : null));
      if (then !== null && then !== claim.stated && (now === null || now === claim.stated || !isMismatch(claim))) broken.push(claim);
    }
  return broken;
}
