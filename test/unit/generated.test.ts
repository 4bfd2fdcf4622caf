/**
 * Snippets, grammar and the checks' docs are generated from the format data.
 * These tests keep the committed copies current, and check that what the
 * snippets insert reads back as the standard tables.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generate } from '../../scripts/generate';
import { snippetSpecs } from '../../server/src/features/snippets';
import { analyze, FOUNDATION_CODES, ROOT } from '../helpers';
import { T3_ROWS } from '../../server/src/format/standard';

test('committed snippets, grammar, config schema and docs are what the generator makes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-gen-'));
  generate(dir);
  for (const file of ['snippets/markdown.json', 'syntaxes/nianbao.injection.tmLanguage.json', 'schemas/nianbaorc.schema.json', 'docs/checks.md', 'README.md', 'package.json']) {
    assert.equal(readFileSync(join(ROOT, file), 'utf8'), readFileSync(join(dir, file), 'utf8'), `${file} is stale: run npm run generate`);
  }
});

/** Expand a snippet as an editor would, taking every default. */
const expand = (body: string) => body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '2024');

test('each table snippet inserts a standard table that reads back whole and clean', () => {
  const specs = snippetSpecs();
  const skeleton = expand(specs.find((s) => s.prefix === 'nb-report')!.body);
  const a = analyze(skeleton);
  const report = a.parts[0].report;
  assert.equal(report.sections.length, 6);
  assert.equal(report.tables.t2?.rows.size, 6);
  assert.equal(report.tables.t3?.rows.size, T3_ROWS.length);
  assert.equal(report.tables.t4?.rows.size, 3);
  // Filled with its defaults, the skeleton has every section and table, and they add up.
  assert.deepEqual(a.findings.filter((f) => FOUNDATION_CODES.has(f.code)).map((f) => f.code), []);
  // Every number of a table snippet is a tab stop defaulting to 0.
  const t3 = specs.find((s) => s.prefix === 'nb-table3')!.body;
  assert.equal((t3.match(/\$\{\d+:0\}/g) ?? []).length, T3_ROWS.length * 7);
  assert.equal((specs.find((s) => s.prefix === 'nb-table2')!.body.match(/\$\{\d+:0\}/g) ?? []).length, 10);
  assert.equal((specs.find((s) => s.prefix === 'nb-table4')!.body.match(/\$\{\d+:0\}/g) ?? []).length, 15);
});

test('the grammar marks section headings, block labels and document numbers, and not table rows', () => {
  const grammar = JSON.parse(readFileSync(join(ROOT, 'syntaxes/nianbao.injection.tmLanguage.json'), 'utf8'));
  const heading = new RegExp(grammar.repository['section-heading'].match);
  assert.ok(heading.test('## 二、主动公开政府信息情况'));
  assert.ok(heading.test('二、主动公开政府信息情况'));
  assert.ok(heading.test('四、因政府信息公开工作被申请行政复议、提起行政诉讼情况'));
  assert.ok(!heading.test('二、上年结转政府信息公开申请数量'));
  const block = new RegExp(grammar.repository['table-block'].match);
  assert.ok(block.test('| 第二十条第（一）项 | | |'));
  assert.ok(block.test('第二十条第(五)项'));
  const docNumber = new RegExp(grammar.repository['document-number'].match);
  for (const s of ['国办公开办函〔2021〕30号', '国办公开办函〔2021〕30 号', '国务院令第711号', '国令第 711 号', '川办便函〔2022〕318 号']) assert.ok(docNumber.test(s), s);
  assert.ok(!docNumber.test('2023年1月1日'));
});
