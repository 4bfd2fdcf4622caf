/**
 * The JSON schema of .nianbaorc.json, made from the registry of checks: one
 * property per check code, its severities, and the options the check
 * declares. `npm run generate` writes it to schemas/nianbaorc.schema.json,
 * which package.json contributes (jsonValidation) so that VS Code completes
 * and validates the file.
 */
import { CHECKS, type Check } from '../checks';
import { SEVERITY_WORDS, wordOfSeverity, type OptionSpec } from '../checks/options';
import type { Text } from '../format/standard';

const both = (text: Text) => `${text.zh} / ${text.en}`;

const SEVERITY_DOCS: Record<(typeof SEVERITY_WORDS)[number], Text> = {
  off: { zh: '关闭此项检查', en: 'switch the check off' },
  info: { zh: '提示', en: 'information' },
  warning: { zh: '警告', en: 'warning' },
  error: { zh: '错误', en: 'error' },
};

const severitySchema = { type: 'string', enum: [...SEVERITY_WORDS], markdownEnumDescriptions: SEVERITY_WORDS.map((w) => both(SEVERITY_DOCS[w])) };

function optionSchema(spec: OptionSpec): Record<string, unknown> {
  const description = both(spec.docs);
  switch (spec.type) {
    case 'enum':
      return { type: 'string', enum: [...spec.values], default: spec.default, description };
    case 'integer':
      return { type: 'integer', minimum: spec.minimum, ...(spec.maximum !== undefined ? { maximum: spec.maximum } : {}), default: spec.default, description };
    case 'monthDay':
      return { type: 'string', pattern: '^\\s*\\d{1,2}\\s*(-|月)\\s*\\d{1,2}\\s*日?\\s*$', default: spec.default, description, examples: ['01-26', '1月26日'] };
    case 'strings':
      return { type: 'array', items: { type: 'string', minLength: 1 }, default: [...spec.default], description };
  }
}

function ruleSchema(check: Check): Record<string, unknown> {
  const defaultWord = check.optional ? 'off' : wordOfSeverity(check.severity);
  const description = `${check.title.zh} / ${check.title.en}（${check.optional ? '默认关闭 off by default' : `默认 default: ${defaultWord}`}）`;
  const options = Object.fromEntries(Object.entries(check.options ?? {}).map(([name, spec]) => [name, optionSchema(spec)]));
  return {
    description,
    default: defaultWord,
    oneOf: [
      severitySchema,
      { type: 'object', properties: { severity: severitySchema, ...options }, additionalProperties: false },
    ],
  };
}

export function configSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Nianbao .nianbaorc.json',
    description: '年报校验的配置：每项检查的级别（off / info / warning / error）和选项 / Nianbao configuration: each check’s severity and options',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      extends: {
        description: '先读取的其他配置文件（相对于本文件的路径），本文件的设定覆盖它们 / Files read first (relative paths); this file’s settings override them',
        oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
      },
      rules: {
        description: '按检查代码设定 / Settings by check code',
        type: 'object',
        properties: Object.fromEntries(CHECKS.map((c) => [c.code, ruleSchema(c)])),
        additionalProperties: false,
      },
    },
    additionalProperties: false,
  };
}
