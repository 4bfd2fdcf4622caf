/**
 * The `rules` of a configuration, from whichever layer (a .nianbaorc.json,
 * the setting nianbao.rules, --rule), checked against the registry of checks,
 * and the layers merged: a later layer's severity replaces an earlier one's,
 * its options are laid over the earlier ones.
 *
 *   "copied-paragraph": "off"
 *   "deadline": { "severity": "info", "publisher": "department", "departmentDeadline": "01-26" }
 */
import { CHECKS, type Check } from '../checks';
import { severityUnder } from '../checks/check';
import { say } from '../checks/messages';
import { optionProblem, SEVERITY_WORDS, severityOfWord, type RuleSetting, type RuleSettings, type SeverityWord } from '../checks/options';
import type { Text } from '../format/standard';
import { editDistance } from '../parse/text';
import { CONFIG } from './messages';

/** Where in a configuration's JSON something is wrong, and what. */
export interface ConfigProblem {
  /** The JSON path of the value at fault: ['rules', 'deadline', 'publisher']. */
  path: (string | number)[];
  message: Text;
  /** The name is wrong (an unknown code or option): the key is what to change, not its value. */
  atKey?: true;
}

const BY_CODE = new Map(CHECKS.map((c) => [c.code, c]));

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

const isSeverityWord = (value: unknown): value is SeverityWord => typeof value === 'string' && (SEVERITY_WORDS as readonly string[]).includes(value);

/** The closest check code to a mistyped one, when it is close. */
export function closestCode(code: string): string | undefined {
  let best: { code: string; distance: number } | undefined;
  for (const c of BY_CODE.keys()) {
    const distance = editDistance(code, c, 4);
    if (distance <= Math.max(2, Math.floor(c.length / 4)) && (!best || distance < best.distance)) best = { code: c, distance };
  }
  return best?.code;
}

/** One check's setting, read and checked; what is wrong is left out and reported. */
function readRule(check: Check, raw: unknown, path: (string | number)[], problems: ConfigProblem[]): RuleSetting | undefined {
  const code = check.code;
  if (isSeverityWord(raw)) return { severity: severityOfWord(raw) };
  if (!isObject(raw)) {
    problems.push({ path, message: say(CONFIG.badSeverity, { code }) });
    return undefined;
  }
  const setting: { severity?: RuleSetting['severity']; options?: Record<string, unknown> } = {};
  const specs = check.options ?? {};
  const names = Object.keys(specs);
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'severity') {
      if (isSeverityWord(value)) setting.severity = severityOfWord(value);
      else problems.push({ path: [...path, key], message: say(CONFIG.badSeverity, { code }) });
      continue;
    }
    const spec = specs[key];
    if (!spec) {
      const message = names.length ? say(CONFIG.unknownOption, { code, option: key, allowed: names.join(', ') }) : say(CONFIG.noOptions, { code });
      problems.push({ path: [...path, key], message, atKey: true });
      continue;
    }
    const why = optionProblem(spec, value);
    if (why) problems.push({ path: [...path, key], message: say(CONFIG.badOption, { code, option: key, why }) });
    else (setting.options ??= {})[key] = value;
  }
  return setting;
}

/** A `rules` object read and checked: the settings that are right, and a problem for each that is not. */
export function readRules(raw: unknown, path: (string | number)[] = ['rules']): { rules: RuleSettings; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const rules: Record<string, RuleSetting> = {};
  if (raw === undefined || raw === null) return { rules, problems };
  if (!isObject(raw)) return { rules, problems: [{ path, message: say(CONFIG.rulesNotObject) }] };
  for (const [code, value] of Object.entries(raw)) {
    const check = BY_CODE.get(code);
    if (!check) {
      const near = closestCode(code);
      problems.push({ path: [...path, code], message: say(CONFIG.unknownRule, { code, hint: near ? say(CONFIG.didYouMean, { code: near }) : '' }), atKey: true });
      continue;
    }
    const setting = readRule(check, value, [...path, code], problems);
    if (setting) rules[code] = setting;
  }
  return { rules, problems };
}

/** Layers merged, the later over the earlier. */
export function mergeRules(...layers: (RuleSettings | undefined)[]): RuleSettings {
  const merged: Record<string, RuleSetting> = {};
  for (const layer of layers) {
    for (const [code, setting] of Object.entries(layer ?? {})) {
      const before = merged[code] ?? {};
      const options = before.options || setting.options ? { ...before.options, ...setting.options } : undefined;
      merged[code] = { ...(setting.severity ?? before.severity ? { severity: setting.severity ?? before.severity } : {}), ...(options ? { options } : {}) };
    }
  }
  return merged;
}

/**
 * `--rule` values: `code=severity` or `code.option=value` (a number when it
 * reads as one, a list when it holds commas and the option takes one).
 */
export function readRuleFlags(flags: readonly string[]): { rules: RuleSettings; problems: Text[] } {
  const raw: Record<string, Record<string, unknown>> = {};
  const problems: Text[] = [];
  for (const flag of flags) {
    const m = /^([a-z0-9-]+)(?:\.([A-Za-z]+))?=(.+)$/.exec(flag.trim());
    if (!m) {
      problems.push(say(CONFIG.badRuleFlag, { value: flag }));
      continue;
    }
    const [, code, option, value] = m;
    const entry = (raw[code] ??= {});
    if (!option) entry.severity = value;
    else {
      const spec = BY_CODE.get(code)?.options?.[option];
      entry[option] = spec?.type === 'integer' && /^\d+$/.test(value) ? Number(value) : spec?.type === 'strings' ? value.split(/[,，、]/).map((v) => v.trim()) : value;
    }
  }
  const { rules, problems: invalid } = readRules(raw, []);
  return { rules, problems: [...problems, ...invalid.map((p) => p.message)] };
}

/** How a check ends up set by the merged rules: its severity ("off" when switched off) and its options. */
export function effectiveRule(check: Check, rules: RuleSettings | undefined): { severity: ReturnType<typeof severityUnder>; options: Record<string, unknown> } {
  const set = rules?.[check.code];
  const severity = severityUnder(check, rules);
  const options: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(check.options ?? {})) options[name] = set?.options && name in set.options ? set.options[name] : spec.default;
  return { severity, options };
}
