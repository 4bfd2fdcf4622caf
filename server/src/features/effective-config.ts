/**
 * "显示生效的配置": how every check is set for one document once the layers
 * are merged (defaults, the older publisher setting, nianbao.rules, the
 * .nianbaorc.json and what it extends), as the JSON a user would write.
 */
import { CHECKS } from '../checks';
import { wordOfSeverity } from '../checks/options';
import { effectiveRule } from '../config/rules';
import { checkOptions, type Settings } from './settings';

export interface EffectiveConfig {
  document: string | null;
  /** The configuration file the rules came from, when there is one. */
  configFile: string | null;
  /** The checks set otherwise than by default (first, for the reader). */
  changed: Record<string, RuleShown>;
  /** Each check: its severity word (off, info, warning, error) and its options. */
  rules: Record<string, RuleShown>;
}

type RuleShown = { severity: string; options?: Record<string, unknown> };

export function effectiveConfig(uri: string | undefined, settings: Settings): EffectiveConfig {
  const rules = checkOptions(settings).rules;
  const shown = (check: (typeof CHECKS)[number], set: typeof rules): RuleShown => {
    const { severity, options } = effectiveRule(check, set);
    return { severity: wordOfSeverity(severity), ...(Object.keys(options).length ? { options } : {}) };
  };
  const all = Object.fromEntries(CHECKS.map((check) => [check.code, shown(check, rules)]));
  const changed = Object.fromEntries(CHECKS.filter((check) => JSON.stringify(all[check.code]) !== JSON.stringify(shown(check, {}))).map((check) => [check.code, all[check.code]]));
  return { document: uri ?? null, configFile: settings.configFile ?? null, changed, rules: all };
}
