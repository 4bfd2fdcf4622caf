/**
 * Who a report is by: unit names compared across reports (last year's report
 * of the same unit), and whether a unit is a county-or-higher government.
 */
import type { Report } from '../model/report';
import { reportYear } from './dates';

/** A unit name for comparison: no spaces or Markdown, half-width, without a trailing 人民政府. */
function unitKey(unit: string): string {
  return unit
    .normalize('NFKC')
    .replace(/[\s#*]/g, '')
    .replace(/人民政府$/, '');
}

/** Same unit: one name ends with the other (洪泽区人民政府 / 淮安市洪泽区人民政府; 文水县 / 文水县人民政府). */
export function sameUnit(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const ka = unitKey(a);
  const kb = unitKey(b);
  const [short, long] = ka.length <= kb.length ? [ka, kb] : [kb, ka];
  return short.length >= 2 && long.endsWith(short);
}

/** A county-or-higher government's own report (…人民政府, not 办公室, not a township), or a bare place name (文水县). */
export function isGovernmentUnit(unit: string): boolean {
  const name = unit.normalize('NFKC').replace(/[\s#*]/g, '');
  if (/人民政府$/.test(name)) return !/(乡|镇|街道|苏木)人民政府$/.test(name);
  return /[省市县区州旗盟]$/.test(name) && !/(政府|办公室|局|委|院|厅|部|中心|公司)/.test(name);
}

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
