/**
 * The long run of the mutation fuzzer, before a release:
 *   npm run fuzz -- [--cases 100000] [--seed 1] [--line-endings]
 * Mutates the example drafts and the test fixtures (test/fuzz/mutate.ts),
 * checks every invariant on each (test/fuzz/invariants.ts), and prints the
 * figures: cases, violations by kind, fixes proven, slowest cases. Exit 1 when
 * anything was violated; the first cases of each kind are printed to reproduce.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { mutate } from '../test/fuzz/mutate';
import { checkText } from '../test/fuzz/invariants';

export const ROOT = join(__dirname, '..');

/** The texts mutations start from: the examples, the layout and cross drafts, the originals. */
export function baseTexts(): { name: string; text: string }[] {
  const dir = (d: string, ext: RegExp) =>
    readdirSync(join(ROOT, d))
      .filter((f) => ext.test(f) && f !== 'README.md')
      .sort()
      .map((f) => ({ name: `${d}/${f}`, text: readFileSync(join(ROOT, d, f), 'utf8') }));
  return [
    ...dir('examples', /\.md$/),
    ...dir('test/fixtures/drafts/layouts', /\.md$/),
    ...dir('test/fixtures/drafts/cross', /\.md$/),
    ...dir('test/fixtures/originals/seeds', /\.txt$/),
    ...dir('test/fixtures/originals/corpus', /\.txt$/),
  ];
}

if (require.main === module) {
  const { values } = parseArgs({ options: { cases: { type: 'string' }, seed: { type: 'string' }, 'line-endings': { type: 'boolean' } } });
  const cases = Number(values.cases ?? 100_000);
  const seed = Number(values.seed ?? 1);
  const bases = baseTexts();
  const kinds = new Map<string, { count: number; example: string }>();
  let fixes = 0;
  const slow: { ms: number; label: string }[] = [];
  const started = Date.now();
  for (let i = 0; i < cases; i++) {
    const base = bases[i % bases.length];
    const { text, applied } = mutate(base.text, seed * 1_000_003 + i);
    const label = `case ${i}: ${base.name} + ${applied.join(' + ')} (seed ${seed * 1_000_003 + i})`;
    const result = checkText(text, { lineEndings: !!values['line-endings'] });
    fixes += result.fixes;
    slow.push({ ms: result.ms, label });
    slow.sort((a, b) => b.ms - a.ms).splice(5);
    for (const v of result.violations) {
      const kind = v.replace(/\d+/g, 'N').replace(/“[^”]*”/g, '“…”').slice(0, 90);
      const k = kinds.get(kind) ?? { count: 0, example: `${label}\n    ${v}` };
      k.count++;
      kinds.set(kind, k);
    }
    if ((i + 1) % 1000 === 0) process.stderr.write(`${i + 1} cases, ${[...kinds.values()].reduce((n, k) => n + k.count, 0)} violations, ${Math.round((Date.now() - started) / 1000)} s\n`);
  }
  console.log(`${cases} cases from ${bases.length} drafts in ${Math.round((Date.now() - started) / 1000)} s; ${fixes} fixes proven one by one`);
  console.log(kinds.size === 0 ? 'no violation' : `${[...kinds.values()].reduce((n, k) => n + k.count, 0)} violations of ${kinds.size} kinds:`);
  for (const [kind, k] of [...kinds].sort((a, b) => b[1].count - a[1].count)) console.log(`  ${k.count}× ${kind}\n    e.g. ${k.example}`);
  console.log('slowest cases:');
  for (const s of slow) console.log(`  ${Math.round(s.ms)} ms  ${s.label}`);
  process.exitCode = kinds.size ? 1 : 0;
}
