/**
 * npm run bench (part 4) — `nianbao review` over a province's folder: 200 and
 * 2,000 generated reports (test/fixtures/review/generate.ts, every one
 * distinct), wall time, peak memory of the whole process (its worker threads
 * share it: maxRSS covers them), the cores it kept busy (CPU time / wall time,
 * beside the cores the machine has), and the ratio to `nianbao check` over the
 * same folder. `node --import tsx bench/review.ts 200 2000 10000` measures other sizes;
 * each size after the first also prints how much the peak grew per report
 * added (the memory the run keeps per report: what a province's folder costs).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateManyReports } from '../test/fixtures/review/generate';

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'cli.js');
const work = mkdtempSync(join(tmpdir(), 'nianbao-bench-review-'));
/** Loaded before the CLI: on exit, its peak memory and CPU time, for the run as a whole. */
const probe = join(work, 'probe.cjs');
writeFileSync(
  probe,
  "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeFileSync(process.env.NIANBAO_BENCH_USAGE, JSON.stringify({ maxRSS: u.maxRSS, cpu: u.userCPUTime + u.systemCPUTime })); });\n",
);

interface Measure {
  ms: number;
  maxRssMb: number;
  cores: number;
}

function measure(args: string[], folder: string): Measure {
  const usage = join(work, 'usage.json');
  const start = performance.now();
  const r = spawnSync(process.execPath, ['--require', probe, cli, ...args], { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NIANBAO_BENCH_USAGE: usage } });
  const ms = performance.now() - start;
  if (r.status !== 0 && r.status !== 1) throw new Error(`nianbao ${args[0]} failed (${r.status}): ${r.stderr}`);
  const { maxRSS, cpu } = JSON.parse(readFileSync(usage, 'utf8')) as { maxRSS: number; cpu: number };
  return { ms, maxRssMb: maxRSS / 1024, cores: cpu / 1000 / ms };
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const cores = availableParallelism();
console.log(`\nnianbao review over generated reports (${cores} cores):`);
console.log('  reports   review wall   per report   peak RSS   growth/report   cores busy   check wall   review/check');
let previous: { count: number; maxRssMb: number } | undefined;
try {
  for (const count of sizes.length ? sizes : [200, 2000]) {
    const folder = join(work, String(count));
    generateManyReports(folder, count);
    const review = measure(['review', '.', '--csv', join(work, 'out.csv'), '--xlsx', join(work, 'out.xlsx'), '--html', join(work, 'out.html')], folder);
    const check = measure(['check', '.'], folder);
    // The peak's growth per report since the previous size, in KB.
    const growth = previous ? `${(((review.maxRssMb - previous.maxRssMb) * 1024) / (count - previous.count)).toFixed(1).padStart(8)} KB` : '       –   ';
    previous = { count, maxRssMb: review.maxRssMb };
    console.log(
      `  ${String(count).padStart(7)}   ${(review.ms / 1000).toFixed(1).padStart(9)} s   ${(review.ms / count).toFixed(1).padStart(7)} ms   ${review.maxRssMb.toFixed(0).padStart(5)} MB   ${growth}   ${review.cores.toFixed(2).padStart(10)}   ${(check.ms / 1000).toFixed(1).padStart(8)} s   ${(review.ms / check.ms).toFixed(2).padStart(12)}`,
    );
    rmSync(folder, { recursive: true, force: true });
  }
  console.log('  review writes the CSV, the workbook and the web page as well; check prints its text report. Peak RSS: the whole process, workers included.');
} finally {
  rmSync(work, { recursive: true, force: true });
}
