/**
 * npm run bench — the reviewer's desk across units (server/src/review/): 雷同,
 * aggregation and year over year over a folder of 200 and of 2,000 reports.
 *
 * The folder: the examples under distinct unit names, half of them for 2024
 * and half the same units for 2023, every sentence given words of its own unit
 * (so the reports are distinct, as real ones are), except that one unit in 50
 * copies its neighbour's text. One area report per 50 units is summed: a
 * unit's own report stands in for it, so nearly every cell differs and is
 * located (the worst case). Reading (parsing)
 * is timed apart: the review reads each file once for its checks anyway.
 * Times are the median of 3 runs (reading: one run); `comparisons` is the
 * similarity index's work. The first run of similarity also reads each
 * report's sentences (memoised per report), so the median is of warm runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { parseReport, type Report } from '../server/src/index';
import { aggregate, breakdownSentences, summedMarkdown, sumTables } from '../server/src/review/aggregate';
import { similarity } from '../server/src/review/similarity';
import { yearOverYear } from '../server/src/review/year-over-year';
import { asUnit } from '../test/helpers';

const root = join(__dirname, '..');
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => /^(clean|seed)-.*\.md$/.test(f))
  .sort()
  .map((f) => readFileSync(join(root, 'examples', f), 'utf8'));

/** Words for a number, so that texts differ in words (numbers are placeholders when comparing). */
const words = (n: number) => [...String(n)].map((d) => '甲乙丙丁戊己庚辛壬癸'[Number(d)]).join('');
const unitName = (n: number) => `测试县第${words(n)}局`;

/** Unit n's report for a year: an example under its name, each 。-sentence given the unit's own words. */
function reportText(n: number, year: number): string {
  // One unit in 50 copies its neighbour's report.
  const own = n % 50 === 49 ? n - 1 : n;
  const text = asUnit(examples[own % examples.length], unitName(n)).replace(/^(# .*?)\d{4}( ?年)/m, `$1${year}$2`);
  return text.replace(/[。；]/g, (end) => `，${words(own)}${year % 2 ? '乙' : '甲'}专项推进${end}`);
}

function median(run: () => void): number {
  const samples = [0, 1, 2].map(() => {
    const t = performance.now();
    run();
    return performance.now() - t;
  });
  return samples.sort((a, b) => a - b)[1];
}

const ms = (n: number) => n.toFixed(n < 10 ? 2 : 0).padStart(8);
console.log('reports    read ms  similarity ms  comparisons  aggregate ms  year-over-year ms');
for (const count of [200, 2000]) {
  const units = count / 2;
  const texts = [...Array.from({ length: units }, (_, n) => reportText(n, 2024)), ...Array.from({ length: units }, (_, n) => reportText(n, 2023))];
  // Read once: the other measures reuse the reports (their sentences are read once per report too).
  const t = performance.now();
  const reports: { uri: string; report: Report }[] = texts.map((text, i) => ({ uri: `r${i}.md`, report: parseReport(text) }));
  const read = performance.now() - t;
  let comparisons = 0;
  const similar = median(() => {
    comparisons = similarity(reports).comparisons;
  });
  // One area per 50 units: its report is the first unit's 2024 report, standing in for the county's.
  const parents = new Map(Array.from({ length: units }, (_, n) => [unitName(n), unitName(n - (n % 50))]));
  const areas = reports.slice(0, units).filter((_, n) => n % 50 === 0);
  const summed = median(() => {
    for (const area of areas) {
      const result = aggregate(area, reports, parents);
      summedMarkdown(result.sum);
      breakdownSentences(result.sum, result.area);
    }
    sumTables(reports);
  });
  const yoy = median(() => yearOverYear(reports));
  console.log(`${String(count).padStart(7)}  ${ms(read)}  ${ms(similar).padStart(13)}  ${String(comparisons).padStart(11)}  ${ms(summed).padStart(12)}  ${ms(yoy).padStart(17)}`);
}
console.log(`node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} cores (one used: these run in the main thread)`);
