/**
 * The `nianbao.*` settings as the server reads them, and the display locale.
 * Plain functions: the server passes in whatever the client sent (a
 * workspace/configuration answer, didChangeConfiguration settings or
 * initializationOptions); anything missing or malformed falls back to the default.
 */
import type { Text } from '../format/standard';
import type { EnableMode } from '../engine/analyze';
import type { CheckOptions } from '../checks';
import type { RuleSettings } from '../checks/options';
import { mergeRules, readRules, type ConfigProblem } from '../config/rules';

/** The language messages are shown in: a key of Text. */
export type Locale = keyof Text;

export type LocaleSetting = 'zh-CN' | 'en' | 'auto';
type PublisherSetting = 'auto' | 'department' | 'government';

export interface Settings {
  /** 'auto': check documents that look like an annual report; 'always'; 'never'. */
  enable: EnableMode;
  /** 'zh-CN' (default), 'en', or 'auto' (follow the editor's display language). */
  locale: LocaleSetting;
  /** Who publishes the report, for the deadline check (older setting; rules.deadline.publisher says the same). */
  publisher: PublisherSetting;
  /** Delay after the last keystroke before diagnostics are recomputed. */
  debounceMs: number;
  /** The checks' severities and options: the setting nianbao.rules, then (in the server) the .nianbaorc.json over it. */
  rules: RuleSettings;
  /** What was wrong in nianbao.rules (left out). */
  rulesProblems: readonly ConfigProblem[];
  /** The configuration file the rules include, when there is one. */
  configFile?: string;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enable: 'auto',
  locale: 'zh-CN',
  publisher: 'auto',
  debounceMs: 250,
  rules: {},
  rulesProblems: [],
});

const ENABLE: readonly EnableMode[] = ['auto', 'always', 'never'];
const LOCALES: readonly LocaleSetting[] = ['zh-CN', 'en', 'auto'];
const PUBLISHERS: readonly PublisherSetting[] = ['auto', 'department', 'government'];

const pick = <T extends string>(allowed: readonly T[], value: unknown, fallback: T): T =>
  typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;

/**
 * Read the `nianbao` section. Accepts the section object itself
 * (`{ enable, locale, … }`), an object holding it (`{ nianbao: { … } }`) or
 * flat dotted keys (`{ 'nianbao.locale': 'en' }`); `base` supplies what is absent.
 */
export function readSettings(raw: unknown, base: Readonly<Settings> = DEFAULT_SETTINGS): Settings {
  if (!raw || typeof raw !== 'object') return { ...base };
  let section = raw as Record<string, unknown>;
  if (section.nianbao && typeof section.nianbao === 'object') section = section.nianbao as Record<string, unknown>;
  const get = (key: string) => (key in section ? section[key] : section[`nianbao.${key}`]);
  const locale = get('locale');
  const rules = 'rules' in section || 'nianbao.rules' in section ? readRules(get('rules'), ['nianbao.rules']) : { rules: base.rules, problems: base.rulesProblems };
  const debounce = typeof get('debounceMs') === 'string' ? Number(get('debounceMs')) : get('debounceMs');
  return {
    enable: pick(ENABLE, get('enable'), base.enable),
    // 'zh', 'zh-cn', 'zh-Hans' are read as zh-CN.
    locale: typeof locale === 'string' && /^zh/i.test(locale) ? 'zh-CN' : pick(LOCALES, locale, base.locale),
    publisher: pick(PUBLISHERS, get('publisher'), base.publisher),
    debounceMs:
      typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 ? Math.min(Math.round(debounce), 10_000) : base.debounceMs,
    rules: rules.rules,
    rulesProblems: rules.problems,
  };
}

/** The display locale: the setting, or for 'auto' the client's locale (zh… → zh, else en). */
export function resolveLocale(setting: LocaleSetting, clientLocale?: string): Locale {
  if (setting === 'en') return 'en';
  if (setting === 'zh-CN') return 'zh';
  if (!clientLocale) return 'zh';
  return /^zh/i.test(clientLocale) ? 'zh' : 'en';
}

/** The check options the settings imply: the older publisher setting, under the rules. */
export function checkOptions(settings: Settings): CheckOptions {
  const publisher: RuleSettings = settings.publisher === 'auto' ? {} : { deadline: { options: { publisher: settings.publisher } } };
  return { rules: mergeRules(publisher, settings.rules) };
}
