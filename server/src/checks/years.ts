/**
 * year-mismatch and deadline: the title year, the 统计期限, the report year the
 * prose uses and the issue date at the end agree, and the report was issued in
 * time (条例 第四十九条).
 */
import type { Finding, Range, Report, SectionRead, Span } from '../model/report';
import { finding, type Check, type CheckOptions } from './check';
import { readCount, sentencesOf, documentSpan, rangeOf, type Sentence } from './narrative';

// ---------------------------------------------------------------------------
// The statistics period
// ---------------------------------------------------------------------------

export interface PeriodDate {
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
const PLAN_CONTEXT = /将|计划|拟|下一步|今后|明年|来年/;

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
    let offset = block.span.start;
    for (const raw of block.span.text.split('\n')) {
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
      offset += raw.length + 1;
    }
  }
  return found;
}

function spanOf(report: Report, start: number, end: number): Span {
  return { text: report.text.slice(start, end), start, end, range: { start: report.positionAt(start), end: report.positionAt(end) } };
}

const showDate = (d: { year: number; month: number; day: number }) => `${d.year}年${d.month}月${d.day}日`;

// ---------------------------------------------------------------------------
// year-mismatch
// ---------------------------------------------------------------------------

const yearRange = (report: Report, start: number, end: number): Range => ({ start: report.positionAt(start), end: report.positionAt(end) });

export const yearMismatch: Check = {
  code: 'year-mismatch',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '年份不一致', en: 'Years disagree' },
  docs: {
    zh:
      '核对标题年份、统计期限（统计期限为/从 YYYY年1月1日至YYYY年12月31日）、正文中作为报告年度使用的年份（段落开头的“2022年，我县……”，或含“本年度”“全年”的句子），以及文末落款日期。' +
      '年份不一致通常是照搬去年报告后漏改的痕迹。正文中的文件清理期间（2013年1月1日至2022年12月31日期间）、“2025年我们将……”这类计划、文号中的年份都不算报告年度。落款日期应在报告年度结束之后。' +
      '统计期限中“年”“月”丢失而粘连的数字（202311日至20231231日）按能读出的部分核对，并提示补全。提示标在年份上。',
    en:
      'The title year, the statistics period (统计期限 YYYY年1月1日至YYYY年12月31日), the year the prose uses as the report year (a paragraph opening with “2022年，我县…”, or a sentence about 本年度/全年) and the issue date at the end must agree. ' +
      'A stale year is the classic sign of last year’s report copied over. Periods named in the prose (a document clean-up from 2013 to 2022), plans (“2025年我们将…”) and document numbers are not report years. The issue date must fall after the report year. ' +
      'A period whose 年/月 were lost (202311日至20231231日) is read as far as it can be, and flagged for completion. The finding sits on the year.',
  },
  run(report) {
    const findings: Finding[] = [];
    const titleYear = report.title?.year;
    const period = findPeriod(report);
    const year = reportYear(report);
    const titleRelated = report.title?.yearSpan
      ? [{ range: report.title.yearSpan.range, message: { zh: `标题年份：${titleYear}`, en: `Title year: ${titleYear}` } }]
      : [];

    if (period) {
      for (const date of period.dates) {
        if (titleYear !== undefined && date.year !== titleYear) {
          findings.push(
            finding(
              this,
              yearRange(report, date.yearStart, date.yearEnd),
              {
                zh: `统计期限写的是 ${date.year} 年，标题为 ${titleYear} 年`,
                en: `The statistics period says ${date.year}; the title says ${titleYear}`,
              },
              { related: titleRelated, data: { where: 'period', year: date.year, reportYear: titleYear } },
            ),
          );
        }
      }
      const glued = period.dates.filter((d) => d.glued);
      if (glued.length) {
        const first = glued[0].glued!;
        const last = glued[glued.length - 1].glued!;
        const readings = glued.map((d) => d.glued!.reading);
        const canFix = readings.every((r) => r);
        findings.push(
          finding(
            this,
            yearRange(report, first.start, last.end),
            {
              zh: `统计期限“${report.text.slice(first.start, last.end)}”缺少“年”“月”，${canFix ? `应为“${readings.join('至')}”` : '请写成“YYYY年M月D日至YYYY年M月D日”'}`,
              en: `The statistics period “${report.text.slice(first.start, last.end)}” has lost its 年/月${canFix ? `; it reads “${readings.join('至')}”` : '; write it as YYYY年M月D日至YYYY年M月D日'}`,
            },
            {
              severity: 'information',
              data: { where: 'period', glued: true },
              fixes: canFix
                ? glued.map((d, i) => ({
                    title: { zh: `改为“${readings[i]}”`, en: `Change to “${readings[i]}”` },
                    kind: 'quickfix' as const,
                    edits: [{ range: yearRange(report, d.glued!.start, d.glued!.end), newText: readings[i]! }],
                  }))
                : [],
            },
          ),
        );
      }
    }

    if (year !== undefined) {
      const source = titleYear !== undefined ? { zh: '标题', en: 'the title' } : { zh: '统计期限', en: 'the statistics period' };
      for (const py of proseYears(report)) {
        if (py.year === year) continue;
        const plan = py.year > year && (PLAN_CONTEXT.test(py.sentence.full) || py.sentence.block.section?.spec.number === 5);
        if (plan) continue;
        findings.push(
          finding(
            this,
            py.range,
            {
              zh: `正文以 ${py.year} 年为报告年度，${source.zh}为 ${year} 年：是否沿用了${py.year < year ? '往年' : '其他年份'}报告的文字？`,
              en: `The prose uses ${py.year} as the report year; ${source.en} says ${year}. Was this text carried over from ${py.year < year ? 'an earlier' : 'another'} report?`,
            },
            {
              related: titleRelated,
              data: { where: 'prose', year: py.year, reportYear: year },
              fixes: [{ title: { zh: `改为 ${year}`, en: `Change to ${year}` }, kind: 'quickfix', edits: [{ range: py.range, newText: String(year) }] }],
            },
          ),
        );
      }
      const issued = findIssueDate(report);
      if (issued && (issued.year <= year || issued.year > year + 1)) {
        const early = issued.year <= year;
        findings.push(
          finding(
            this,
            issued.yearSpan.range,
            early
              ? {
                  zh: `落款日期 ${showDate(issued)} 不在报告年度（${year} 年）结束之后：年度报告应在 ${year + 1} 年发布`,
                  en: `The issue date ${showDate(issued)} is not after the report year (${year}) ends; the report is issued in ${year + 1}`,
                }
              : {
                  zh: `落款日期为 ${issued.year} 年，报告年度为 ${year} 年，应在 ${year + 1} 年发布`,
                  en: `The issue date is in ${issued.year} but the report year is ${year}; it should be issued in ${year + 1}`,
                },
            { related: titleRelated, data: { where: 'issue-date', year: issued.year, reportYear: year } },
          ),
        );
      }
    }
    return findings;
  },
};

// ---------------------------------------------------------------------------
// deadline
// ---------------------------------------------------------------------------

/** A county-or-higher government's own report (…人民政府, not 办公室, not a township), or a bare place name (文水县). */
export function isGovernmentUnit(unit: string): boolean {
  const name = unit.normalize('NFKC').replace(/[\s#*]/g, '');
  if (/人民政府$/.test(name)) return !/(乡|镇|街道|苏木)人民政府$/.test(name);
  return /[省市县区州旗盟]$/.test(name) && !/(政府|办公室|局|委|院|厅|部|中心|公司)/.test(name);
}

/** Who publishes the report: the option, or in 'auto' the unit name. */
export function publisherOf(report: Report, options: CheckOptions, issuer?: string): 'department' | 'government' | undefined {
  const setting = options.publisher ?? 'auto';
  if (setting !== 'auto') return setting;
  const unit = report.title?.unit ?? issuer;
  if (!unit) return undefined;
  return isGovernmentUnit(unit) ? 'government' : 'department';
}

export const deadline: Check = {
  code: 'deadline',
  severity: 'information',
  tag: 'official',
  title: { zh: '发布晚于法定期限', en: 'Issued after the deadline' },
  docs: {
    zh:
      '条例第四十九条：政府部门应在每年1月31日前公布上一年度的年度报告，县级以上人民政府（本级政府的报告）应在3月31日前公布。落款日期晚于期限时提示，消息给出日期和期限。' +
      '发布主体由设置 nianbao.publisher 决定：department（部门）、government（县级以上人民政府）或 auto（默认）。auto 按标题中的单位名称判断：以“人民政府”结尾（不含办公室、乡镇人民政府）或只写地名（如“文水县”）的按人民政府，其余按部门。',
    en:
      'Article 49 of the Regulations: departments publish last year’s report by 31 January, a county-or-higher government its own report by 31 March. An issue date after the deadline is reported with the date and the deadline. ' +
      'The setting nianbao.publisher decides who publishes: department, government, or auto (default), which reads the unit in the title: a name ending in 人民政府 (not an office, not a township) or a bare place name (文水县) is a government, anything else a department.',
  },
  run(report, context) {
    const year = reportYear(report);
    const issued = findIssueDate(report);
    if (year === undefined || !issued || issued.year !== year + 1) return [];
    const publisher = publisherOf(report, context.options, issued.issuer);
    if (!publisher) return [];
    const limit = publisher === 'government' ? { month: 3, day: 31 } : { month: 1, day: 31 };
    if (issued.month < limit.month || (issued.month === limit.month && issued.day <= limit.day)) return [];
    const who = publisher === 'government' ? { zh: '县级以上人民政府的年度报告', en: 'a county-or-higher government’s report' } : { zh: '政府部门的年度报告', en: 'a department’s report' };
    const due = `${year + 1}年${limit.month}月${limit.day}日`;
    return [
      finding(
        this,
        issued.span.range,
        {
          zh: `落款日期 ${showDate(issued)} 晚于发布期限 ${due}（${who.zh}，条例第四十九条）`,
          en: `The issue date ${showDate(issued)} is after the deadline ${due} (${who.en}, Article 49)`,
        },
        { data: { date: showDate(issued), deadline: due, publisher } },
      ),
    ];
  },
};
