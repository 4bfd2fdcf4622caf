/**
 * Formatting (features/format.ts): the pipe tables aligned by display width,
 * only whitespace changed, every finding and every number as before, and a
 * second run changes nothing; on the examples, the seeds as clerks pasted
 * them, and the drafts of the fixtures.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { applyEdits } from '../../server/src/engine/edits';
import { formatTables } from '../../server/src/features/format';
import { plainSnippet, snippetSpecs } from '../../server/src/features/snippets';
import { analyze, example, ORIGINALS, ROOT } from '../helpers';

const format = (text: string) => applyEdits(text, formatTables(text));
const findings = (text: string) => analyze(text).findings.map((f) => `${f.code}|${f.range.start.line}|${f.message.zh}`);
const numbers = (text: string) =>
  analyze(text).parts.map((p) => Object.values(p.report.tables).flatMap((t) => [...(t?.rows.values() ?? [])].flatMap((r) => r.cells.map((c) => c.value ?? null))));

const DRAFTS: [string, string][] = [
  ...['clean-2024.md', 'seed-000.md', 'seed-001.md', 'seed-002.md', 'seed-003.md', 'seed-004.md'].map((n): [string, string] => [n, example(n)]),
  ...Object.entries(ORIGINALS),
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'drafts'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md'))
    .map((e): [string, string] => [e.name, readFileSync(join(e.parentPath, e.name), 'utf8')]),
];

test('only whitespace changes, findings and numbers stay, a second run changes nothing', () => {
  let formatted = 0;
  for (const [name, text] of DRAFTS) {
    const once = format(text);
    if (once !== text) formatted++;
    assert.equal(once.replace(/\s/g, ''), text.replace(/\s/g, ''), `${name}: only whitespace`);
    assert.equal(once.split(/\r\n|\r|\n/).length, text.split(/\r\n|\r|\n/).length, `${name}: the same lines`);
    assert.deepEqual(findings(once), findings(text), `${name}: the same findings`);
    assert.deepEqual(numbers(once), numbers(text), `${name}: the same numbers`);
    assert.deepEqual(formatTables(once), [], `${name}: idempotent`);
  }
  assert.ok(formatted >= 6, `formatted ${formatted} of ${DRAFTS.length}`);
});

test('pipes line up by display width: a Chinese character is two columns', () => {
  const table = ['| 项目 | 本年制发件数 | 现行有效件数 |', '|---|---:|:---:|', '| 规章 | 0 | 12 |', '| 行政规范性文件 | 3 | 25 |'].join('\n');
  const out = format(table);
  const rows = out.split('\n');
  const pipes = (row: string) => [...row].reduce<number[]>((at, ch, i, all) => (ch === '|' ? [...at, stringWidth(all.slice(0, i).join(''))] : at), []);
  for (const row of rows) assert.deepEqual(pipes(row), pipes(rows[0]), row);
  assert.equal(rows[2], '| 规章           |            0 |      12      |', 'right and centre alignment from the delimiter row');
  assert.equal(rows[1], '| ---            | ---:         | :---:        |', 'the delimiter keeps its dashes');
});

test('what formatting leaves alone: a table without its outer pipes, an escaped pipe, text outside the range', () => {
  const noPipes = '项目 | 件数\n---|---\n规章 | 0\n';
  assert.deepEqual(formatTables(noPipes), []);
  const escaped = '| 名称 | 说明 |\n|---|---|\n| a \\| b | 12 |\n';
  assert.equal(format(escaped), '| 名称   | 说明 |\n| ---    | ---  |\n| a \\| b | 12   |\n');
  const clean = example('clean-2024.md');
  const lines = clean.split('\n');
  const t4 = lines.findIndex((l) => l.startsWith('| 行政复议'));
  const edits = formatTables(clean, { start: { line: t4, character: 0 }, end: { line: t4, character: 0 } });
  assert.ok(edits.length > 0 && edits.every((e) => e.range.start.line >= t4 && e.range.start.line < t4 + 6), 'only Table 4');
});

test('the snippets insert tables the formatter would not change', () => {
  for (const spec of snippetSpecs()) assert.deepEqual(formatTables(plainSnippet(spec.body)), [], spec.prefix);
});
