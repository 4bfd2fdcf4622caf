/**
 * The dates a report gives: the 统计期限 (statistics period), the years the
 * prose uses as the report year, and the issue date at the end. Read from the
 * report model; the year-mismatch, deadline and empty-section checks and the
 * cross-file checks consume them.
 */
import type { Range, Report, SectionRead, Span } from '../model/report';
import { documentSpan, rangeOf, sentencesOf, type Sentence } from './prose';
import { linesAt, readCount } from './text';

// ---------------------------------------------------------------------------
// The statistics period
// ---------------------------------------------------------------------------

interface PeriodDate {
  year: number;
  month?: number;
  day?: number;
  /** Document offsets of the four digits of the year. */
  yearStart: number;
  yearEnd: number;
  /** Digits glued together (202311日): 年/月 lost. */
  glued?: { start: number; end: number; text: string; reading?: string };
}

export interface Period {
  sentence: Sentence;
  dates: PeriodDate[];
}

const PERIOD_KEYWORD = /统计(?:期限|时限|期间|区间|时段|时间|周期)/;
const FULL_DATE = /(?<!\d)((?:19|20)\d{2})年(\d{1,2})月(?:(\d{1,2})日)?/g;
const GLUED_DATE = /(?<!\d)((?:19|20)\d{2})(\d{2,4})日/g;

/** The ways a glued MDD/MMDD string reads as a month and a day. */
function splitMonthDay(digits: string): { month: number; day: number }[] {
  const out: { month: number; day: number }[] = [];
  for (let cut = 1; cut < digits.length; cut++) {
    if (cut > 2 || digits.length - cut > 2) continue;
    const month = Number(digits.slice(0, cut));
    const day = Number(digits.slice(cut));
    if (digits[cut] === '0' && digits.length - cut === 1) continue;
    if (month >= 1 && month <= 12 && day >= 1 && day <= 31) out.push({ month, day });
  }
  return out;
}

/** The 统计期限 sentence and the dates it gives (read what can be read). */
export function findPeriod(report: Report): Period | undefined {
  for (const sentence of sentencesOf(report)) {
    const k = PERIOD_KEYWORD.exec(sentence.text);
    if (!k) continue;
    const rest = sentence.text.slice(k.index);
    const base = sentence.start + k.index;
    const dates: PeriodDate[] = [];
    for (const m of rest.matchAll(FULL_DATE)) {
      const { start, end } = documentSpan(sentence.compact, base + m.index!, base + m.index! + 4);
      dates.push({ year: Number(m[1]), month: Number(m[2]), day: m[3] ? Number(m[3]) : undefined, yearStart: start, yearEnd: end });
    }
    if (dates.length === 0)
      for (const m of rest.matchAll(GLUED_DATE)) {
        const split = splitMonthDay(m[2]);
        const year = documentSpan(sentence.compact, base + m.index!, base + m.index! + 4);
        const whole = documentSpan(sentence.compact, base + m.index!, base + m.index! + m[0].length);
        const reading = split.length === 1 ? `${m[1]}年${split[0].month}月${split[0].day}日` : undefined;
        dates.push({
          year: Number(m[1]),
          month: split.length === 1 ? split[0].month : undefined,
          day: split.length === 1 ? split[0].day : undefined,
          yearStart: year.start,
          yearEnd: year.end,
          glued: { ...whole, text: m[0], reading },
        });
      }
    if (dates.length) return { sentence, dates: dates.slice(0, 2) };
  }
  return undefined;
}

/** The year the report is about: the title's, else the 统计期限's. */
export function reportYear(report: Report): number | undefined {
  return report.title?.year ?? findPeriod(report)?.dates[0]?.year;
}

// ---------------------------------------------------------------------------
// The report year in the prose
// ---------------------------------------------------------------------------

/** A year that opens a sentence as its time frame: 2023年，… / 2023年度，… / 2023年我县… */
const YEAR_OPENING =
  /^(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、是]|\d{1,2}[.、．])?((?:19|20)\d{2})年度?(?=[，,、]|我|全)/;
const THIS_YEAR_CONTEXT = /本年|全年|今年/;
export const PLAN_CONTEXT = /将|计划|拟|下一步|今后|明年|来年/;

export interface ProseYear {
  year: number;
  start: number;
  end: number;
  range: Range;
  sentence: Sentence;
}

/** Years the prose uses as the report year: opening a paragraph, or a sentence about this year. */
export function proseYears(report: Report): ProseYear[] {
  const out: ProseYear[] = [];
  const sentences = sentencesOf(report);
  sentences.forEach((sentence, i) => {
    const m = YEAR_OPENING.exec(sentence.text);
    if (!m) return;
    const previous = sentences[i - 1];
    // A short bold lead-in (1. **持续规范政府信息公开申请。**2023 年，…) still opens the paragraph.
    const afterLeadIn = !!previous && previous.block === sentence.block && previous.start === 0 && previous.text.length <= 30;
    if (!sentence.paragraphStart && !afterLeadIn && !THIS_YEAR_CONTEXT.test(sentence.full)) return;
    const at = sentence.start + m.index + m[0].indexOf(m[1]);
    const { start, end } = documentSpan(sentence.compact, at, at + 4);
    out.push({ year: Number(m[1]), start, end, range: rangeOf(report, sentence.compact, at, at + 4), sentence });
  });
  return out;
}

// ---------------------------------------------------------------------------
// The issue date
// ---------------------------------------------------------------------------

export interface IssueDate {
  year: number;
  month: number;
  day: number;
  /** The whole date. */
  span: Span;
  /** The year's text. */
  yearSpan: Span;
  /** The line above, when it names the issuing body. */
  issuer?: string;
}

const CN_YEAR_DIGITS: Record<string, string> = { 〇: '0', 零: '0', '○': '0', Ｏ: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
/** A line holding only a date, or the issuing body and the date (文水县人民政府办公室 2024年1月29日). */
const DATE_LINE =
  /^[\s\u3000]*(?:[^\s\u3000。，；：:]{2,30}?(?:政府|办公室|局|委员会|委|院|厅|部|处|中心|镇|乡)[\s\u3000]+)?(\d{4}|[〇零○Ｏ一二三四五六七八九]{4})[\s\u3000]*年[\s\u3000]*(\d{1,2}|[一二三四五六七八九十]{1,3})[\s\u3000]*月[\s\u3000]*(\d{1,2}|[一二三四五六七八九十]{1,3})[\s\u3000]*日[\s\u3000]*$/;

/** Full-width digits half-width, keeping the length (offsets stay valid). */
const halfWidthDigits = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

function lastSection(report: Report): SectionRead | undefined {
  return report.sections.find((s) => s.spec.number === 6) ?? report.sections[report.sections.length - 1];
}

/** The date line at the end (after section 六, possibly under the issuing body's line). */
export function findIssueDate(report: Report): IssueDate | undefined {
  const section = lastSection(report);
  if (!section) return undefined;
  let found: IssueDate | undefined;
  let previousLine = '';
  for (const block of report.prose) {
    if (block.span.start < section.start) continue;
    for (const { text: raw, start: offset } of linesAt(block.span.text, block.span.start)) {
      const line = halfWidthDigits(raw);
      const m = DATE_LINE.exec(line);
      if (m) {
        const year = /^\d+$/.test(m[1]) ? Number(m[1]) : Number([...m[1]].map((c) => CN_YEAR_DIGITS[c]).join(''));
        const month = readCount(m[2]);
        const day = readCount(m[3]);
        if (month && day && month <= 12 && day <= 31) {
          const start = offset + line.indexOf(m[1]);
          const end = offset + line.trimEnd().length;
          const yearStart = start;
          const named = line.slice(0, line.indexOf(m[1])).trim();
          const issuer = named || previousLine.trim();
          found = {
            year,
            month,
            day,
            span: spanOf(report, start, end),
            yearSpan: spanOf(report, yearStart, yearStart + m[1].length),
            ...(issuer && issuer.length <= 40 && !/[。，；]/.test(issuer) ? { issuer } : {}),
          };
        }
      }
      if (raw.trim()) previousLine = raw;
    }
  }
  return found;
}

function spanOf(report: Report, start: number, end: number): Span {
  return { text: report.text.slice(start, end), start, end, range: { start: report.positionAt(start), end: report.positionAt(end) } };
}

/** A date as reports write it: 2025年1月20日. */
export const formatDate = (d: { year: number; month: number; day: number }) => `${d.year}年${d.month}月${d.day}日`;
