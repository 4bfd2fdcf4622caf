/**
 * npm run bench (part 3) — how long importing takes: a typical report as a
 * Word document (clean-2024 as Word lays it out, built by the test fixtures)
 * and as a saved web page (test/fixtures/html/trs-zoom.html), read and made
 * the canonical draft; beside a cold check of the same report in Markdown,
 * the reference in the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeText } from '../server/src/index';
import { forgetBlocks } from '../server/src/parse/blocks';
import { readDocx } from '../server/src/import/docx';
import { readHtml } from '../server/src/import/html';
import { draftFromSource } from '../server/src/import/draft';
import { wordLike } from '../test/fixtures/docx/build';

const root = join(__dirname, '..');

function median(run: () => void, times: number): number {
  run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = performance.now();
    run();
    samples.push(performance.now() - t);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

(async () => {
  const docx = await wordLike();
  const html = readFileSync(join(root, 'test', 'fixtures', 'html', 'trs-zoom.html'), 'utf8');
  const markdown = readFileSync(join(root, 'examples', 'clean-2024.md'), 'utf8');
  const check = median(() => {
    forgetBlocks();
    analyzeText(markdown);
  }, 15);
  const word = median(() => draftFromSource(readDocx(docx)), 15);
  const page = median(() => draftFromSource(readHtml(html)), 15);
  console.log(`\nimport → draft (median of 15): ${(docx.length / 1024).toFixed(0)} KB .docx ${word.toFixed(1)} ms (${(word / check).toFixed(1)}× a cold check of the draft, ${check.toFixed(1)} ms); ${(Buffer.byteLength(html) / 1024).toFixed(0)} KB .html ${page.toFixed(1)} ms (${(page / check).toFixed(1)}×)`);
})();
