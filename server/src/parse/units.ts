/**
 * Who a report is by: unit names compared across reports (last year's report
 * of the same unit), and whether a unit is a county-or-higher government.
 */
import type { Report } from '../model/report';
import { reportYear } from './dates';

/** Unit names seen and their keys: a folder's thousands of titles are compared with every report checked. */
const unitKeys = new Map<string, string>();
const MAX_UNIT_KEYS = 20_000;

/** A unit name for comparison: no spaces or Markdown, half-width, without a trailing 人民政府. */
export function unitKey(unit: string): string {
  let key = unitKeys.get(unit);
  if (key === undefined) {
    key = unit
      .normalize('NFKC')
      .replace(/[\s#*]/g, '')
      .replace(/人民政府$/, '');
    if (unitKeys.size >= MAX_UNIT_KEYS) unitKeys.clear();
    unitKeys.set(unit, key);
  }
  return key;
}

/** Same unit: one name ends with the other (洪泽区人民政府 / 淮安市洪泽区人民政府; 文水县 / 文水县人民政府). */
export function sameUnit(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const ka = unitKey(a);
  const kb = unitKey(b);
  const [short, long] = ka.length <= kb.length ? [ka, kb] : [kb, ka];
  return short.length >= 2 && long.endsWith(short);
}

/**
 * The bucket of a unit name in an index by unit: names of one unit end alike
 * (sameUnit), so only the names whose key ends with the same two characters
 * need be compared.
 */
export const unitBucket = (unit: string): string => unitKey(unit).slice(-2);

/** Items by unit, found as sameUnit finds them without walking them all (unitBucket). */
export function unitIndex<T>(items: readonly T[], unitOf: (item: T) => string | undefined): (unit: string | undefined) => T[] {
  const buckets = new Map<string, T[]>();
  for (const item of items) {
    const unit = unitOf(item);
    if (!unit) continue;
    const bucket = buckets.get(unitBucket(unit));
    if (bucket) bucket.push(item);
    else buckets.set(unitBucket(unit), [item]);
  }
  return (unit) => (unit ? (buckets.get(unitBucket(unit)) ?? []).filter((item) => sameUnit(unitOf(item), unit)) : []);
}

/** The last character of a county-or-higher area's name: 省 市 县 区 州 旗 盟. */
const AREA = '[省市县区州旗盟]';

/** A county-or-higher government's own report (…人民政府, not 办公室, not a township), or a bare place name (文水县). */
export function isGovernmentUnit(unit: string): boolean {
  const name = unit.normalize('NFKC').replace(/[\s#*]/g, '');
  if (/人民政府$/.test(name)) return !/(乡|镇|街道|苏木)人民政府$/.test(name);
  return new RegExp(`${AREA}$`).test(name) && !/(政府|办公室|局|委|院|厅|部|中心|公司)/.test(name);
}

/** The kind of area a government's unit governs, as its name ends (洪泽区人民政府 → 区), if it says. */
export const areaWord = (unit: string): string | undefined => new RegExp(`(${AREA})(?:人民)?政府$|(${AREA})$`).exec(unit)?.slice(1).find(Boolean);

export interface LastYear {
  uri: string;
  report: Report;
  year: number;
}

/** Who a report is by and for which year: what says whether one report is another's last year's. */
export interface ReportIdentity {
  unit?: string;
  year?: number;
}

export const identityOf = (report: Report): ReportIdentity => ({ unit: report.title?.unit, year: reportYear(report) });

/** `last` is the report of the same unit for the year before `report`'s. */
export function isLastYearOf(last: ReportIdentity, report: ReportIdentity): boolean {
  return report.year !== undefined && !!report.unit && last.year === report.year - 1 && sameUnit(report.unit, last.unit);
}

/** Last year's report of the same unit among the others, if any. */
export function lastYearReport(report: Report, others: readonly { uri: string; report: Report }[] | undefined): LastYear | undefined {
  const identity = identityOf(report);
  for (const other of others ?? []) {
    if (other.report === report) continue;
    if (isLastYearOf(identityOf(other.report), identity)) return { uri: other.uri, report: other.report, year: identity.year! - 1 };
  }
  return undefined;
}

/**
 * Administrative levels, highest first, as unit names and area words name
 * them: 全国; 省 (全省, 省级); 市/州/盟 (全市, 市级); 县/区/旗 (全县, 区级);
 * 乡/镇/街道.
 */
const LEVELS: readonly { unit: RegExp; area: RegExp }[] = [
  { unit: /国务院|国家/, area: /全国|国家级|中央/ },
  { unit: /省|自治区/, area: /全省|省级|省本级|省直/ },
  // 市 but not 市场 / 市政 / 市民; 州 but not 自治州's own 州 twice.
  { unit: /市(?![场政民容])|州|盟/, area: /全市|市级|市本级|市直|全州|州级/ },
  { unit: /县|(?<![社园景城片辖小矿])区|旗/, area: /全县|县级|县本级|县直|全区|区级|区本级|全旗/ },
  { unit: /乡|镇|街道/, area: /全乡|全镇|乡级|镇级|全街道/ },
];

/** The level of a unit (0 national … 4 township): the lowest level its name names (淮安市洪泽区人民政府 → 区). */
export function unitLevel(unit: string | undefined): number | undefined {
  if (!unit) return undefined;
  const name = unit.normalize('NFKC').replace(/[\s#*]/g, '');
  let level: number | undefined;
  LEVELS.forEach((l, i) => {
    if (l.unit.test(name)) level = i;
  });
  return level;
}

/** The level an area word in a text names (全省 → 1, 市级 → 2), the first one found. */
export function areaLevel(text: string): number | undefined {
  let first: { at: number; level: number } | undefined;
  LEVELS.forEach((l, level) => {
    const m = l.area.exec(text);
    if (m && (!first || m.index < first.at)) first = { at: m.index, level };
  });
  return first?.level;
}
