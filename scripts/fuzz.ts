/**
 * The long run of the mutation fuzzer, before a release:
 *   npm run fuzz -- [--cases 100000] [--seed 1] [--line-endings] [--workers N]
 *   npm run fuzz -- --seed 1 --case 4145 [--save case.md]   (one case again: its text and violations)
 * Mutates the example drafts and the test fixtures (test/fuzz/mutate.ts),
 * checks every invariant on each (test/fuzz/invariants.ts), on every core,
 * and prints the figures: cases, violations by kind with a case to reproduce
 * each, fixes proven, the slowest cases. Exit 1 when anything was violated.
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { baseTexts } from '../test/fuzz/corpus';
import { checkText } from '../test/fuzz/invariants';
import { mutate } from '../test/fuzz/mutate';

interface Summary {
  cases: number;
  fixes: number;
  kinds: Record<string, { count: number; example: string }>;
  slow: { ms: number; label: string }[];
}

const { values } = parseArgs({
  options: {
    cases: { type: 'string' },
    seed: { type: 'string' },
    'line-endings': { type: 'boolean' },
    workers: { type: 'string' },
    shard: { type: 'string' },
    case: { type: 'string' },
    save: { type: 'string' },
  },
});
const cases = Number(values.cases ?? 100_000);
const seed = Number(values.seed ?? 1);

/** Case `i` of the run: which draft, mutated how. */
function fuzzCase(i: number, bases = baseTexts()) {
  const base = bases[i % bases.length];
  const caseSeed = seed * 1_000_003 + i;
  const { text, applied } = mutate(base.text, caseSeed);
  return { text, label: `case ${i}: ${base.name} + ${applied.join(' + ')} (seed ${caseSeed})` };
}

/** Run the cases of one shard (every `of`-th case from `shard`). */
function run(shard: number, of: number): Summary {
  const bases = baseTexts();
  const summary: Summary = { cases: 0, fixes: 0, kinds: {}, slow: [] };
  for (let i = shard; i < cases; i += of) {
    const { text, label } = fuzzCase(i, bases);
    const result = checkText(text, { lineEndings: !!values['line-endings'] });
    summary.cases++;
    summary.fixes += result.fixes;
    summary.slow.push({ ms: result.ms, label });
    summary.slow.sort((a, b) => b.ms - a.ms).splice(5);
    for (const v of result.violations) {
      const kind = v.replace(/\d+/g, 'N').replace(/“[^”]*”/g, '“…”').slice(0, 90);
      summary.kinds[kind] ??= { count: 0, example: `${label}\n      ${v.slice(0, 400)}` };
      summary.kinds[kind].count++;
    }
    if (summary.cases % 500 === 0) process.stderr.write(`shard ${shard}: ${summary.cases} cases\n`);
  }
  return summary;
}

function merge(parts: Summary[]): Summary {
  const out: Summary = { cases: 0, fixes: 0, kinds: {}, slow: [] };
  for (const p of parts) {
    out.cases += p.cases;
    out.fixes += p.fixes;
    for (const [k, v] of Object.entries(p.kinds)) {
      out.kinds[k] ??= { count: 0, example: v.example };
      out.kinds[k].count += v.count;
    }
    out.slow.push(...p.slow);
  }
  out.slow.sort((a, b) => b.ms - a.ms).splice(5);
  return out;
}

function report(s: Summary, seconds: number): number {
  const violations = Object.values(s.kinds).reduce((n, k) => n + k.count, 0);
  console.log(`${s.cases} cases from ${baseTexts().length} drafts in ${seconds} s; ${s.fixes} fixes proven one by one`);
  console.log(violations === 0 ? 'no violation' : `${violations} violations of ${Object.keys(s.kinds).length} kinds:`);
  for (const [kind, k] of Object.entries(s.kinds).sort((a, b) => b[1].count - a[1].count)) console.log(`  ${k.count}× ${kind}\n    e.g. ${k.example}`);
  console.log('slowest cases:');
  for (const c of s.slow) console.log(`  ${Math.round(c.ms)} ms  ${c.label}`);
  return violations ? 1 : 0;
}

if (values.case !== undefined) {
  const { text, label } = fuzzCase(Number(values.case));
  if (values.save) writeFileSync(values.save, text);
  const result = checkText(text, { lineEndings: !!values['line-endings'] });
  console.log(`${label}: ${Math.round(result.ms)} ms, ${result.fixes} fixes proven`);
  for (const v of result.violations) console.log(`  ${v}`);
  process.exitCode = result.violations.length ? 1 : 0;
} else if (values.shard !== undefined) {
  const [shard, of] = values.shard.split('/').map(Number);
  process.send!(run(shard, of));
} else {
  const workers = Number(values.workers ?? cpus().length);
  const started = Date.now();
  const args = process.argv.slice(2).filter((a, i, all) => a !== '--workers' && all[i - 1] !== '--workers');
  Promise.all(
    Array.from(
      { length: workers },
      (_, shard) =>
        new Promise<Summary>((resolve, reject) => {
          const child = fork(__filename, [...args, '--shard', `${shard}/${workers}`], { execArgv: process.execArgv });
          child.once('message', (m) => resolve(m as Summary));
          child.once('exit', (code) => code !== 0 && reject(new Error(`shard ${shard} exited with ${code}`)));
        }),
    ),
  ).then(
    (parts) => (process.exitCode = report(merge(parts), Math.round((Date.now() - started) / 1000))),
    (error) => {
      console.error(error);
      process.exitCode = 2;
    },
  );
}
