/**
 * npm run bench — how long checking takes, beside the floor of bare remark parsing.
 *
 * For each example draft and a generated ~1 MB document (reports one after
 * another, every one distinct: asserted): the median time of a full check
 * (read + all checks, caches cold: a new Analyzer and no remembered blocks) and of bare
 * remark-parse + remark-gfm on the same text, and their ratio. The examples are
 * measured after a warm-up (each checked and parsed five times), the check and the
 * parse in turns (21 of each), so that both meet the same load; the reader's
 * process-wide memos of label and cell texts stay warm, as in a server or a CLI
 * run past its first report (cold, a check costs about a tenth more). Then the cost of
 * a keystroke in the 1 MB document with the server's cache warm: only the report
 * typed in is read again. Sizes are UTF-8 bytes. Last, the CLI over a folder of
 * 200 distinct drafts, beside markdownlint-cli2 on the same files (wall time,
 * whole processes, median of 3).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { Analyzer, analyzeText } from '../server/src/index';
import { forgetBlocks } from '../server/src/parse/blocks';
import { asUnit } from '../test/helpers';

/** A check with every cache cold: a new Analyzer, and no remembered Markdown blocks. */
const coldCheck = (text: string) => {
  forgetBlocks();
  analyzeText(text);
};

const root = join(__dirname, '..');
const remark = unified().use(remarkParse).use(remarkGfm);

function median(run: () => void, times: number): number {
  return medians(run, times).wall;
}

interface Samples {
  walls: number[];
  cpus: number[];
}

/** One run's wall time and the process's CPU time (every thread: the garbage collector's helpers too). */
function measure(run: () => void, into: Samples): void {
  const cpu = process.cpuUsage();
  const t = performance.now();
  run();
  into.walls.push(performance.now() - t);
  const used = process.cpuUsage(cpu);
  into.cpus.push((used.user + used.system) / 1000);
}

const mid = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const summary = (s: Samples) => ({ wall: mid(s.walls), cpu: mid(s.cpus) });

/**
 * Medians of the wall time and of the process's CPU time of `run`. On a
 * machine other work shares, the CPU time is the steadier measure of the work done.
 */
function medians(run: () => void, times: number): { wall: number; cpu: number } {
  run(); // warm up
  const samples: Samples = { walls: [], cpus: [] };
  for (let i = 0; i < times; i++) measure(run, samples);
  return summary(samples);
}

/** Medians of two runs measured in turns (a, b, then b, a, …), each turn's conditions shared by both. */
function pairedMedians(a: () => void, b: () => void, times: number): { a: { wall: number; cpu: number }; b: { wall: number; cpu: number } } {
  a();
  b();
  const sa: Samples = { walls: [], cpus: [] };
  const sb: Samples = { walls: [], cpus: [] };
  for (let i = 0; i < times; i++) {
    if (i % 2 === 0) {
      measure(a, sa);
      measure(b, sb);
    } else {
      measure(b, sb);
      measure(a, sa);
    }
  }
  return { a: summary(sa), b: summary(sb) };
}

const kb = (text: string) => `${(Buffer.byteLength(text, 'utf8') / 1024).toFixed(text.length > 100_000 ? 0 : 1)} KB`;
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n.toFixed(1)).padStart(8);
const rows: string[][] = [];

const examples = readdirSync(join(root, 'examples'))
  .filter((f) => /^(clean|seed)-.*\.md$/.test(f))
  .sort();
const cpuRatios: number[] = [];
const exampleTexts = examples.map((name) => readFileSync(join(root, 'examples', name), 'utf8'));
// Warm-up: every example checked and parsed a few times, so that both are measured with their code
// compiled by the JIT, as in a server or a CLI run past its first reports (the first example was
// otherwise measured half interpreted).
for (let i = 0; i < 5; i++)
  for (const text of exampleTexts) {
    coldCheck(text);
    remark.parse(text);
  }
for (const [i, name] of examples.entries()) {
  const text = exampleTexts[i];
  // Interleaved, a check then a parse (then the other way round), so that both meet the same load.
  const { a: check, b: bare } = pairedMedians(() => coldCheck(text), () => remark.parse(text), 21);
  cpuRatios.push(check.cpu / bare.cpu);
  rows.push([name, kb(text), ms(check.wall), ms(bare.wall), (check.wall / bare.wall).toFixed(2), (check.cpu / bare.cpu).toFixed(2)]);
}
const geometricMean = (xs: number[]) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);

// ~1 MB: the examples repeated, each copy under its own unit name (titles write
// the year as 2024年 or 2021 年), so that no report is read from the cache.
const parts: string[] = [];
for (let i = 0; Buffer.byteLength(parts.join('\n'), 'utf8') < 1_000_000; i++) {
  const name = examples[i % examples.length];
  parts.push(asUnit(readFileSync(join(root, 'examples', name), 'utf8'), `第${i + 1}号单位`));
}
assert.equal(new Set(parts).size, parts.length, 'every report of the large document is distinct');
const big = parts.join('\n');
const bigCheck = median(() => coldCheck(big), 3);
const bigBare = median(() => remark.parse(big), 3);
rows.push([`${parts.length} reports`, kb(big), ms(bigCheck), ms(bigBare), (bigCheck / bigBare).toFixed(2), '']);
// Its reports repeat the examples' paragraphs and tables, which the block cache parses once:
// measured again with nothing remembered, as for reports that share no text.
const bigUncached = median(() => {
  forgetBlocks(false);
  analyzeText(big);
}, 3);
forgetBlocks(true);
rows.push([`${parts.length} reports, no block reused`, kb(big), ms(bigUncached), ms(bigBare), (bigUncached / bigBare).toFixed(2), '']);

// A keystroke in the middle of the 1 MB document, with the cache warm.
const analyzer = new Analyzer();
analyzer.analyze(big);
const middle = big.indexOf('一、总体情况', Math.floor(big.length / 2));
let flip = false;
const keystroke = median(() => {
  flip = !flip;
  const typed = big.slice(0, middle) + (flip ? '年' : '') + big.slice(middle);
  analyzer.analyze(typed);
}, 9);

// Typing in one seed-size draft, caches warm: a character at a time in a paragraph and in a table cell.
function typing(name: string, needle: string, from = 0): number {
  const text = readFileSync(join(root, 'examples', name), 'utf8');
  const at = text.indexOf(needle, from) + (needle.startsWith('|') ? 2 : 0);
  assert.ok(at > 2, `${needle} in ${name}`);
  const typer = new Analyzer();
  typer.analyze(text);
  let typed = 0;
  return median(() => {
    typed++;
    typer.analyze(text.slice(0, at) + '1'.repeat(typed) + text.slice(at));
  }, 41);
}
const typingProse = typing('seed-000.md', '（一）', 1500);
const typingCell = typing('clean-2024.md', '| 规章 |');

const header = ['document', 'size', 'check ms', 'remark ms', 'ratio', 'CPU ratio'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].trim().length)));
const line = (cells: string[]) => cells.map((c, i) => c.trim().padStart(widths[i])).join('  ');
console.log(line(header));
for (const r of rows) console.log(line(r));
console.log('\ncheck: cache cold (every report read and checked); remark: remark-parse + remark-gfm, nothing else');
console.log(`one report, cold check / bare remark parse, geometric mean over the examples: CPU time ${geometricMean(cpuRatios).toFixed(2)}`);
console.log(`keystroke in seed-000.md (cache warm): ${typingProse.toFixed(1)} ms median in a paragraph; in a Table 2 label cell of clean-2024.md: ${typingCell.toFixed(1)} ms`);
console.log(`keystroke in the ${kb(big)} document (cache warm): ${keystroke.toFixed(1)} ms median (full check: ${bigCheck.toFixed(0)} ms)`);

// The CLI over 200 drafts, beside markdownlint-cli2 (the linter reviewers know) on the same folder.
const folder = mkdtempSync(join(tmpdir(), 'nianbao-bench-'));
for (let i = 0; i < 200; i++) {
  const name = examples[i % examples.length];
  writeFileSync(join(folder, `draft-${i}.md`), asUnit(readFileSync(join(root, 'examples', name), 'utf8'), `第${i + 1}号单位`));
}
const wall = (args: string[]) =>
  median(() => {
    spawnSync(process.execPath, args, { cwd: folder, stdio: 'ignore' });
  }, 3);
const markdownlint = wall([join(root, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), '*.md']);
const cores = availableParallelism();
const cliRows = [1, ...(cores > 1 ? [cores] : [])].map((jobs) => ({ jobs, ms: wall([join(root, 'dist', 'cli.js'), 'check', '--jobs', String(jobs), '.']) }));
rmSync(folder, { recursive: true, force: true });
console.log(`\nCLI over 200 drafts (wall, median of 3): markdownlint-cli2 ${markdownlint.toFixed(0)} ms`);
for (const r of cliRows) console.log(`  nianbao check --jobs ${r.jobs}: ${r.ms.toFixed(0)} ms, ratio ${(r.ms / markdownlint).toFixed(2)}`);
console.log(`node ${process.version}, ${process.platform} ${process.arch}, ${cores} cores`);
