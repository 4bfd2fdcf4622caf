/**
 * npm run bench (part 4) — how long exporting takes: a seed-size draft
 * (examples/seed-000.md, 8.8 KB) written as a Word document and as a web page,
 * clean and as a review copy, from its analysis; beside a cold check of the
 * same draft, the reference in the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeText } from '../server/src/index';
import { forgetBlocks } from '../server/src/parse/blocks';
import { exportDocx } from '../server/src/export/docx';
import { exportHtml } from '../server/src/export/html';

const TIMES = 15;

async function median(run: () => unknown): Promise<number> {
  await run();
  const samples: number[] = [];
  for (let i = 0; i < TIMES; i++) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

(async () => {
  const markdown = readFileSync(join(__dirname, '..', 'examples', 'seed-000.md'), 'utf8');
  const analysis = analyzeText(markdown);
  const check = await median(() => {
    forgetBlocks();
    analyzeText(markdown);
  });
  const docxBytes = (await exportDocx(analysis)).length;
  const htmlBytes = Buffer.byteLength(exportHtml(analysis));
  const docx = await median(() => exportDocx(analysis));
  const review = await median(() => exportDocx(analysis, { annotate: true }));
  const html = await median(() => exportHtml(analysis));
  const ms = (t: number) => `${t.toFixed(1)} ms (${(t / check).toFixed(1)}×)`;
  console.log(
    `\nexport of seed-000.md (${(Buffer.byteLength(markdown) / 1024).toFixed(1)} KB; median of ${TIMES}; × a cold check of the draft, ${check.toFixed(1)} ms): ` +
      `.docx ${(docxBytes / 1024).toFixed(0)} KB ${ms(docx)}, review copy ${ms(review)}; .html ${(htmlBytes / 1024).toFixed(0)} KB ${ms(html)}`,
  );
})();
