/**
 * The mutation fuzzer, bounded (a fixed seed, a few hundred cases): mutate the
 * example drafts and the fixtures as clerks and pasting do, and hold every
 * invariant of test/fuzz/invariants.ts — nothing throws or hangs, every range
 * lies inside its line, every fix proves itself, fix-all never makes it worse
 * and is idempotent, converting keeps every number, line endings change
 * nothing. `npm run fuzz` runs the same for 100,000 cases.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseTexts } from '../fuzz/corpus';
import { checkText } from '../fuzz/invariants';
import { mutate } from '../fuzz/mutate';

const CASES = 240;
const SEED = 20261201;
/** A case that takes longer than this is a hang (speed itself is the benchmark's business). */
const HANG_MS = 20_000;

test(`${CASES} mutated drafts keep every invariant`, () => {
  const bases = baseTexts();
  const failures: string[] = [];
  for (let i = 0; i < CASES; i++) {
    const base = bases[i % bases.length];
    const { text, applied } = mutate(base.text, SEED + i);
    const result = checkText(text, { lineEndings: i % 4 === 0, maxFixes: 4 });
    const label = `${base.name} + ${applied.join(' + ')} (seed ${SEED + i})`;
    if (result.ms > HANG_MS) failures.push(`${label}: ${Math.round(result.ms)} ms`);
    for (const v of result.violations) failures.push(`${label}: ${v}`);
  }
  assert.deepEqual(failures, []);
});
