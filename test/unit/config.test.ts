/**
 * The configuration's rules and its schema, both made from the registry of
 * checks: what the schema accepts, the reader accepts, and the reverse.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { CHECKS } from '../../server/src/checks';
import { configSchema } from '../../server/src/config/schema';
import { mergeRules, readRuleFlags, readRules } from '../../server/src/config/rules';
import { ROOT } from '../helpers';

const validate = new Ajv({ strict: false }).compile(configSchema());

const SAMPLES: { config: unknown; valid: boolean }[] = [
  { config: { rules: { 'copied-paragraph': 'off', 't3-balance': 'error', deadline: 'info' } }, valid: true },
  { config: { extends: ['../a.json'], rules: { deadline: { severity: 'warning', publisher: 'department', departmentDeadline: '1月26日' } } }, valid: true },
  { config: { rules: { deadline: { governmentDeadline: '02-20' } } }, valid: true },
  { config: { rules: { 'copied-paragrap': 'off' } }, valid: false },
  { config: { rules: { 't3-balance': 'loud' } }, valid: false },
  { config: { rules: { deadline: { publisher: 'county' } } }, valid: false },
  { config: { rules: { 'fee-statement': { maxChars: 3 } } }, valid: false },
  { config: { rules: { deadline: { departmentDeadline: 'soon' } } }, valid: false },
  { config: { colour: true }, valid: false },
];

test('the schema and the reader agree on what a configuration may say', () => {
  for (const { config, valid } of SAMPLES) {
    assert.equal(validate(config), valid, `schema: ${JSON.stringify(config)}`);
    const rules = (config as { rules?: unknown }).rules;
    if ('colour' in (config as object)) continue; // top-level keys are the file reader's (config/file.ts)
    assert.equal(readRules(rules).problems.length === 0, valid, `reader: ${JSON.stringify(config)}`);
  }
});

test('the schema names every check, with its default severity, and the committed copy is what VS Code validates with', () => {
  const properties = (configSchema().properties as { rules: { properties: Record<string, { default: string }> } }).rules.properties;
  assert.deepEqual(Object.keys(properties), CHECKS.map((c) => c.code));
  assert.equal(properties['copied-paragraph'].default, 'info');
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: ['.nianbaorc.json'], url: './schemas/nianbaorc.schema.json' }]);
  assert.deepEqual(Object.keys(manifest.contributes.configuration.properties['nianbao.rules'].properties), CHECKS.map((c) => c.code));
});

test('layers merge: a later severity replaces, options are laid over', () => {
  const merged = mergeRules(
    { deadline: { severity: 'warning', options: { publisher: 'department', departmentDeadline: '01-26' } } },
    { deadline: { options: { departmentDeadline: '01-20' } } },
    { 'copied-paragraph': { severity: 'off' } },
  );
  assert.deepEqual(merged, {
    deadline: { severity: 'warning', options: { publisher: 'department', departmentDeadline: '01-20' } },
    'copied-paragraph': { severity: 'off' },
  });
});

test('--rule values: severity, option, and what is wrong', () => {
  assert.deepEqual(readRuleFlags(['copied-paragraph=off', 'deadline.departmentDeadline=01-26']).rules, {
    'copied-paragraph': { severity: 'off' },
    deadline: { options: { departmentDeadline: '01-26' } },
  });
  assert.equal(readRuleFlags(['copied-paragraph']).problems.length, 1);
  assert.match(readRuleFlags(['cel-blank=off']).problems[0].zh, /是否指“cell-blank”/);
});
