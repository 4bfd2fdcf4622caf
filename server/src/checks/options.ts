/**
 * What a user may set for a check (`rules.<code>` in .nianbaorc.json, the
 * setting nianbao.rules, `--rule` on the command line): its severity, or
 * "off", and the options the check declares. A check declares its options as
 * data; the JSON schema, the validation of a config file and the docs entry
 * all derive from that declaration.
 */
import type { Text } from '../format/standard';
import type { Severity } from '../model/report';

/** A day of the year, written "01-26" or "1月26日" in a config file. */
interface MonthDay {
  month: number;
  day: number;
}

export type OptionSpec =
  | { type: 'enum'; values: readonly string[]; default: string; docs: Text }
  | { type: 'integer'; minimum: number; maximum?: number; default: number; docs: Text }
  | { type: 'monthDay'; default: string; docs: Text }
  | { type: 'strings'; default: readonly string[]; docs: Text };

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

/** The value a check reads for an option of its declaration. */
type OptionValue<S extends OptionSpec> = S extends { type: 'enum'; values: readonly (infer V)[] }
  ? V
  : S extends { type: 'integer' }
    ? number
    : S extends { type: 'monthDay' }
      ? MonthDay
      : readonly string[];

export type OptionValues<O extends OptionSpecs> = { readonly [K in keyof O]: OptionValue<O[K]> };

/** How a rule is set after the layers are merged: plain data, so it crosses to a worker and keys a cache. */
export interface RuleSetting {
  severity?: Severity | 'off';
  options?: Readonly<Record<string, unknown>>;
}

export type RuleSettings = Readonly<Record<string, RuleSetting>>;

/** The severities a user writes: "info" is the short form of "information". */
export const SEVERITY_WORDS = ['off', 'info', 'warning', 'error'] as const;
export type SeverityWord = (typeof SEVERITY_WORDS)[number];

export const severityOfWord = (word: SeverityWord): Severity | 'off' => (word === 'info' ? 'information' : word);
export const wordOfSeverity = (severity: Severity | 'off'): SeverityWord | 'hint' => (severity === 'information' ? 'info' : severity);

const MONTH_DAY = /^\s*(\d{1,2})\s*(?:-|月)\s*(\d{1,2})\s*日?\s*$/;

/** "01-26" or "1月26日" → { month: 1, day: 26 }; undefined when it is no day of a year. */
function parseMonthDay(text: string): MonthDay | undefined {
  const m = MONTH_DAY.exec(text);
  if (!m) return undefined;
  const month = Number(m[1]);
  const day = Number(m[2]);
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return month >= 1 && month <= 12 && day >= 1 && day <= days[month - 1] ? { month, day } : undefined;
}

/**
 * Whether a value suits an option's declaration: undefined when it does,
 * else what is wrong, in both languages.
 */
export function optionProblem(spec: OptionSpec, value: unknown): Text | undefined {
  switch (spec.type) {
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? undefined : { zh: `应为 ${spec.values.join(' | ')} 之一`, en: `must be one of ${spec.values.join(' | ')}` };
    case 'integer':
      return Number.isInteger(value) && (value as number) >= spec.minimum && (spec.maximum === undefined || (value as number) <= spec.maximum)
        ? undefined
        : { zh: `应为不小于 ${spec.minimum} 的整数`, en: `must be a whole number from ${spec.minimum}` };
    case 'monthDay':
      return typeof value === 'string' && parseMonthDay(value) ? undefined : { zh: '应为日期，如 "01-26" 或 "1月26日"', en: 'must be a day such as "01-26" or "1月26日"' };
    case 'strings':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '') ? undefined : { zh: '应为非空文字的列表', en: 'must be a list of non-empty strings' };
  }
}

/** The wordings of one item of a list option: "政务新媒体/微信公众号" → both. */
export const alternatives = (item: string): string[] => item.split('/').map((w) => w.trim()).filter(Boolean);

/** The options a check runs with: its declared defaults, overridden by the valid values set for it. */
export function resolveOptions<O extends OptionSpecs>(specs: O, set: Readonly<Record<string, unknown>> | undefined): OptionValues<O> {
  const values: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const raw = set && name in set && !optionProblem(spec, set[name]) ? set[name] : spec.default;
    values[name] = spec.type === 'monthDay' ? parseMonthDay(raw as string) : raw;
  }
  return values as OptionValues<O>;
}
