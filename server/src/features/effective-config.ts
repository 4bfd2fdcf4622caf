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
  /** Each check: its severity word (off, info, warning, error) and its options. */
  rules: Record<string, { severity: string; options?: Record<string, unknown> }>;
}

export function effectiveConfig(uri: string | undefined, settings: Settings): EffectiveConfig {
  const rules = checkOptions(settings).rules;
  return {
    document: uri ?? null,
    configFile: settings.configFile ?? null,
    rules: Object.fromEntries(
      CHECKS.map((check) => {
        const { severity, options } = effectiveRule(check, rules);
        return [check.code, { severity: wordOfSeverity(severity), ...(Object.keys(options).length ? { options } : {}) }];
      }),
    ),
  };
}
