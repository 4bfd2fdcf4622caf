/**
 * The roster: the units that owe a report (a CSV with a 单位 column, optional
 * 上级 and 类型; headers in Chinese or English), matched with the reports
 * found. Names are compared after normalising: full/half-width, spaces,
 * 人民政府 = 政府, 办公室 = 办, and a short name (县教育局) for the full one
 * (某某县教育局) when only one roster unit ends so.
 */
import type { Text } from '../format/standard';
import { REVIEW } from './messages';

export interface RosterUnit {
  name: string;
  parent?: string;
  kind?: string;
}

export class RosterError extends Error {
  constructor(
    readonly why: Text,
    /** The roster's path, once the command knows it. */
    readonly path = '',
  ) {
    super(why.en);
  }
}

/** The fields of CSV text (RFC 4180: quotes, doubled quotes, commas and line breaks inside quotes). */
function csvRecords(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\t') record.push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      (record = []), (field = '');
    } else field += c;
  }
  if (field || record.length) record.push(field), records.push(record);
  return records.filter((r) => r.some((f) => f.trim()));
}

const HEADERS = {
  name: /^(?:单位|单位名称|单位全称|名称|unit|units?name|name)$/i,
  parent: /^(?:上级|上级单位|主管单位|所属|parent)$/i,
  kind: /^(?:类型|单位类型|类别|kind|type)$/i,
};

/** The units of a roster's text (already decoded: UTF-8 with or without BOM, GBK, by files/read). */
export function readRoster(text: string): RosterUnit[] {
  const [header, ...rows] = csvRecords(text.replace(/^\uFEFF/, ''));
  const column = (pattern: RegExp) => (header ?? []).findIndex((h) => pattern.test(h.normalize('NFKC').replace(/\s/g, '')));
  const name = column(HEADERS.name);
  if (name < 0) throw new RosterError(REVIEW.rosterNoHeader);
  const parent = column(HEADERS.parent);
  const kind = column(HEADERS.kind);
  const units = rows
    .map((r): RosterUnit => {
      const get = (i: number) => (i >= 0 ? r[i]?.trim() || undefined : undefined);
      return { name: get(name) ?? '', ...(get(parent) ? { parent: get(parent) } : {}), ...(get(kind) ? { kind: get(kind) } : {}) };
    })
    .filter((u) => u.name);
  if (!units.length) throw new RosterError(REVIEW.rosterEmpty);
  return units;
}

/** A unit name for matching: half-width, no spaces or Markdown, 人民政府 → 政府, 办公室 → 办. */
export function unitKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s#*·•]/g, '')
    .replace(/人民政府/g, '政府')
    .replace(/办公室/g, '办');
}

/** Edit distance of two short strings. */
function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return d[b.length];
}

/** The roster unit a report's unit is: the same key, else the one unit whose key ends with the other's (简称/全称). */
export function matchUnit(roster: readonly RosterUnit[], unit: string): RosterUnit | undefined {
  const key = unitKey(unit);
  const exact = roster.find((u) => unitKey(u.name) === key);
  if (exact) return exact;
  const ending = roster.filter((u) => {
    const k = unitKey(u.name);
    const [short, long] = k.length <= key.length ? [k, key] : [key, k];
    return short.length >= 3 && long.endsWith(short);
  });
  return ending.length === 1 ? ending[0] : undefined;
}

/** The roster name closest to a unit not on it (edit distance of the keys), if any is reasonably close. */
export function closestUnit(roster: readonly RosterUnit[], unit: string): RosterUnit | undefined {
  const key = unitKey(unit);
  let best: { unit: RosterUnit; d: number } | undefined;
  for (const u of roster) {
    const d = distance(key, unitKey(u.name));
    if (!best || d < best.d) best = { unit: u, d };
  }
  return best && best.d <= Math.max(2, Math.ceil(key.length / 2)) ? best.unit : undefined;
}

export interface RosterReport {
  unit: string | null;
  file: string;
}

export interface RosterResult {
  /** Roster units with no report for the year. */
  missing: RosterUnit[];
  /** Reports whose unit is not on the roster, with the closest roster unit. */
  unknown: { report: RosterReport; closest?: RosterUnit }[];
  /** Units with more than one report: the roster's name (or the report's) and the files. */
  duplicates: { unit: string; files: string[] }[];
}

/**
 * Match the year's reports with the roster (without one, only two reports
 * of one unit are found): the missing units, the reports not on it, the
 * units reported twice.
 */
export function matchRoster(roster: readonly RosterUnit[] | undefined, reports: readonly RosterReport[]): RosterResult {
  const byUnit = new Map<string, { unit: string; files: string[] }>();
  const unknown: RosterResult['unknown'] = [];
  for (const report of reports) {
    if (!report.unit) {
      if (roster) unknown.push({ report });
      continue;
    }
    const onRoster = roster ? matchUnit(roster, report.unit) : undefined;
    if (roster && !onRoster) {
      const closest = closestUnit(roster, report.unit);
      unknown.push({ report, ...(closest ? { closest } : {}) });
      continue;
    }
    const name = onRoster?.name ?? report.unit;
    const key = unitKey(name);
    const entry = byUnit.get(key) ?? { unit: name, files: [] };
    entry.files.push(report.file);
    byUnit.set(key, entry);
  }
  return {
    missing: (roster ?? []).filter((u) => !byUnit.has(unitKey(u.name))),
    unknown,
    duplicates: [...byUnit.values()].filter((e) => e.files.length > 1),
  };
}
