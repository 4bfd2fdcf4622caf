/**
 * What a report says of fees: whether the 信息处理费 measures apply to its year,
 * the Table 3 figure that shows fee notices, and in the prose the amounts in
 * 元/万元, the 信息处理费 collected or not collected, and the per-unit list
 * after 其中 in section 六. Read from the compact prose (parse/prose.ts); the
 * fee checks consume it.
 */
import { FEE_MEASURES, T3_TOTAL_COLUMN } from '../format/standard';
import { isNumberCell, type Cell, type Report } from '../model/report';
import { reportYear } from './dates';
import { rangeOf, sentencesOf, type CompactText } from './prose';
import { readCount } from './text';

/** Whether the 信息处理费 measures apply to the report's year (from 2021; a report whose year is unknown is held to them). */
export function feesApply(report: Report): boolean {
  const year = reportYear(report);
  return year === undefined || year >= FEE_MEASURES.firstYear;
}

/** Table 3 （六）2: requests dropped because the fee notice was not paid. */
export const FEE_NOTICE_ROW = 'otherHandling.feeUnpaid';
/** Table 2 行政事业性收费: its one cell is the fees collected this year, in 万元. */
export const T2_FEES_ROW = 'fees';

/**
 * The Table 3 （六）2 cell that shows fee notices were issued: its total when
 * above 0, or, when the total cannot be read (glued or mistyped digits), the
 * first column above 0.
 */
export function feeNoticesShown(report: Report): { cell: Cell & { value: number }; column: number } | undefined {
  const cells = report.tables.t3?.rows.get(FEE_NOTICE_ROW)?.cells ?? [];
  const column = isNumberCell(cells[T3_TOTAL_COLUMN]) ? T3_TOTAL_COLUMN : cells.findIndex((c, i) => i !== T3_TOTAL_COLUMN && isNumberCell(c) && c.value > 0);
  const cell = cells[column];
  return isNumberCell(cell) && cell.value > 0 ? { cell, column } : undefined;
}

/** The unit a column label gives its amounts in: 本年收费金额（单位：万元） → 万元. */
export function amountUnit(label: string): '万元' | '元' | undefined {
  return /单位[:：]?(万元|元)/.exec(label.replace(/\s/g, ''))?.[1] as '万元' | '元' | undefined;
}

// ---------------------------------------------------------------------------
// Numbers with their unit, in compact prose
// ---------------------------------------------------------------------------

type Unit = '件' | '份' | '元' | '万元';

export interface Quantity {
  compact: CompactText;
  value: number;
  unit: Unit;
  /** The number as written (1,250 / 0.012345 / 十五). */
  written: string;
  /** [start, end) of the number in compact.text (the unit excluded). */
  start: number;
  end: number;
  /** Where the words that go with the number begin (after the previous ，、；：): A单位3件. */
  itemStart: number;
}

/** A number and its unit: counts (件, 份) and amounts (元, 万元); not a rate (100元/件). */
const QUANTITY = /(?<![\d.,零〇一二两三四五六七八九十百千])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千]{1,6})(万元|元|件|份)(?![/／每])/g;
const SEPARATOR = /[，,；;、：:。！？]/;

export const isCount = (q: Quantity) => q.unit === '件' || q.unit === '份';
export const isAmount = (q: Quantity) => q.unit === '元' || q.unit === '万元';
/** How many 元 an amount unit is. */
export const YUAN_PER: Readonly<Record<'元' | '万元', number>> = { 元: 1, 万元: 10000 };
/** An amount in 元. */
export const inYuan = (q: Quantity) => q.value * YUAN_PER[q.unit as '元' | '万元'];

/** The quantities in [from, to) of a compact text; those in brackets (a remark, a sub-list) left out unless asked for. */
function quantitiesIn(compact: CompactText, from: number, to: number, { bracketed = false } = {}): Quantity[] {
  const text = compact.text.slice(0, to);
  const out: Quantity[] = [];
  QUANTITY.lastIndex = from;
  for (let m = QUANTITY.exec(text); m; m = QUANTITY.exec(text)) {
    const start = m.index;
    if (!bracketed && insideBrackets(compact.text, from, start)) continue;
    const unit = m[2] as Unit;
    const digits = /\d/.test(m[1]);
    const value = digits ? Number(m[1].replace(/,/g, '')) : readCount(m[1]);
    if (value === undefined || (!Number.isInteger(value) && (unit === '件' || unit === '份'))) continue;
    let itemStart = start;
    while (itemStart > from && !SEPARATOR.test(text[itemStart - 1])) itemStart--;
    out.push({ compact, value, unit, written: m[1], start, end: start + m[1].length, itemStart });
  }
  return out;
}

function insideBrackets(text: string, from: number, at: number): boolean {
  let depth = 0;
  for (let i = from; i < at; i++) {
    if (text[i] === '（' || text[i] === '(') depth++;
    else if ((text[i] === '）' || text[i] === ')') && depth > 0) depth--;
  }
  return depth > 0;
}

/** The distinct compact texts (one per prose block) of the report, or of one section. */
function compactsOf(report: Report, section?: number): CompactText[] {
  const seen = new Set<CompactText>();
  for (const s of sentencesOf(report)) if (section === undefined || s.block.section?.spec.number === section) seen.add(s.compact);
  return [...seen];
}

const SENTENCE_END = /[。！？!?]/;
const CLAUSE_END = /[，,；;。！？!?：:]/;

function sentenceStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && !SENTENCE_END.test(text[i - 1])) i--;
  return i;
}

function sentenceEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && !SENTENCE_END.test(text[i])) i++;
  return i;
}

/** The clause (between ，；。：) a quantity stands in. */
function clauseOf(q: Quantity): string {
  const text = q.compact.text;
  let a = q.start;
  while (a > 0 && !CLAUSE_END.test(text[a - 1])) a--;
  let b = q.end;
  while (b < text.length && !CLAUSE_END.test(text[b])) b++;
  return text.slice(a, b);
}

/** Where a quantity of a compact text stands in the document. */
export const quantityRange = (report: Report, q: Quantity) => rangeOf(report, q.compact, q.start, q.end);
/** Where a quantity with its words (A单位3件) stands in the document. */
export const itemRange = (report: Report, q: Quantity) => rangeOf(report, q.compact, q.itemStart, q.end + q.unit.length);
/** A quantity with its words, as written: A单位3件. */
export const itemText = (q: Quantity) => q.compact.text.slice(q.itemStart, q.end + q.unit.length);

/** Every amount in 万元 the prose gives (any subject). */
export function amountsInWan(report: Report): Quantity[] {
  return compactsOf(report).flatMap((c) => quantitiesIn(c, 0, c.text.length, { bracketed: true }).filter((q) => q.unit === '万元'));
}

// ---------------------------------------------------------------------------
// 信息处理费 collected, or not
// ---------------------------------------------------------------------------

const FEE = /信息处理费|处理费/;
const COLLECTING = /收取|收缴|实收|缴纳|收到|收费/;
/** A clause that says the fee was waived, refunded or not collected. */
const NOT_COLLECTED = /未|没有|不曾|免收|免于|减免|退还|退费|退回/;

/** Amounts the prose says were collected as 信息处理费 (0 included): a clause naming the fee and its collection, not its waiver or refund. */
export function feesCollected(report: Report): Quantity[] {
  return compactsOf(report).flatMap((c) =>
    quantitiesIn(c, 0, c.text.length).filter((q) => {
      if (!isAmount(q)) return false;
      const clause = clauseOf(q);
      return FEE.test(clause) && COLLECTING.test(clause) && !NOT_COLLECTED.test(clause);
    }),
  );
}

/** 未收取信息处理费, 无收取信息处理费相关情况, 没有产生费用. */
const NO_FEE_COLLECTED = /(?:未|没有|无|不曾|均未|并未|不存在)(?:向申请人)?(?:收取|收缴|收|产生|发生)[^。；，,]{0,15}?(?:信息处理费|处理费|费用|费)/g;

/** A sentence says no fee was collected (本年度未收取信息处理费): the standard statement of section 六. */
export const saysNoFeeCollected = (text: string): boolean => new RegExp(NO_FEE_COLLECTED.source).test(text);

export interface ProsePhrase {
  compact: CompactText;
  start: number;
  end: number;
}

/** Where section 六 says no fee was collected: in words (未收取信息处理费) or as 0 元. */
export function noFeeCollected(report: Report): ProsePhrase[] {
  const said: ProsePhrase[] = [];
  for (const s of sentencesOf(report)) {
    if (s.block.section?.spec.number !== 6) continue;
    for (const m of s.text.matchAll(NO_FEE_COLLECTED)) said.push({ compact: s.compact, start: s.start + m.index!, end: s.start + m.index! + m[0].length });
  }
  for (const q of feesCollected(report)) {
    if (q.value === 0 && compactsOf(report, 6).includes(q.compact)) said.push({ compact: q.compact, start: q.start, end: q.end + q.unit.length });
  }
  return said.sort((a, b) => a.compact.offsets[a.start] - b.compact.offsets[b.start]);
}

/** The prose speaks of fee notices (发出收费通知2件, 2件申请因逾期未按收费通知要求缴费而终止处理). */
export const mentionsFeeNotices = (report: Report): boolean => sentencesOf(report).some((s) => /(?:收费|缴费)通知/.test(s.text));

// ---------------------------------------------------------------------------
// The per-unit list: 共发出收费通知8件，收取信息处理费1250元。其中，A单位3件，收取500元；…
// ---------------------------------------------------------------------------

export interface FeeBreakdown {
  /** The totals the words before 其中 state: the fee notices (件), the amount (元/万元). */
  count?: Quantity;
  amount?: Quantity;
  /** The other quantities of those words: the list may break down one of them. */
  others: Quantity[];
  /** The quantities of the list. */
  items: Quantity[];
  /** The list ends with 等: it names some units, not all. */
  partial: boolean;
}

const LIST_OPENING = /其中|具体为|具体是|具体如下/g;
const ABOUT_FEES = /收费通知|缴费通知|信息处理费|处理费|收费/;
const ABOUT_NOTICES = /通知/;
const ABOUT_AMOUNT = /信息处理费|处理费|收取|收费|缴纳|合计|共计|总计|共/;
const PARTIAL = /[件份元]等|等(?:单位|部门|机关|\d)/;

/** The only element, or none. */
const single = <T>(xs: T[]): T | undefined => (xs.length === 1 ? xs[0] : undefined);

/** The lists after 其中 in section 六 whose preceding words are about fee notices or 信息处理费. */
export function feeBreakdowns(report: Report): FeeBreakdown[] {
  const out: FeeBreakdown[] = [];
  for (const compact of compactsOf(report, 6)) {
    const text = compact.text;
    for (const m of text.matchAll(LIST_OPENING)) {
      const at = m.index!;
      // 其中 inside the sentence breaks down what comes before it; opening a sentence, the sentence before.
      let headStart = sentenceStart(text, at);
      let headEnd = at;
      if (!/[^，,：:]/.test(text.slice(headStart, at))) {
        if (headStart === 0) continue;
        headEnd = headStart - 1;
        headStart = sentenceStart(text, headEnd);
      }
      if (!ABOUT_FEES.test(text.slice(headStart, headEnd))) continue;
      const head = quantitiesIn(compact, headStart, headEnd);
      const count = single(head.filter((q) => isCount(q) && ABOUT_NOTICES.test(clauseOf(q))));
      const amount = single(head.filter((q) => isAmount(q) && ABOUT_AMOUNT.test(clauseOf(q))));
      const end = sentenceEnd(text, at);
      const items = quantitiesIn(compact, at + m[0].length, end);
      out.push({ count, amount, others: head.filter((q) => q !== count && q !== amount), items, partial: PARTIAL.test(text.slice(at, end)) });
    }
  }
  return out;
}
