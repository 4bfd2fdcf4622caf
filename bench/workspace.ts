/**
 * npm run bench, part 4 — 检查工作区中的全部年报 over the real protocol: a
 * workspace folder of 2,000 distinct report files (the examples, each under
 * its own unit name) checked by dist/server.js over stdio, with one draft
 * open in the editor. Measured in one run:
 *  - keystroke → diagnostics in the open draft during the workspace run,
 *    and idle after it (the reference);
 *  - the run's wall time, files per second, and the server's RSS before and after.
 * The files are fresh (no cache holds them) and every one is read from disk.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Doc, TestClient, WORKSPACE_CLIENT } from '../test/lsp/client';
import { asUnit, writeMaking } from '../test/helpers';

const FILES = 2000;
const root = join(__dirname, '..');
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => /^(clean|seed)-.*\.md$/.test(f))
  .sort()
  .map((f) => readFileSync(join(root, 'examples', f), 'utf8'));

function summary(samples: number[]): { median: number; text: string } {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { median, text: `${median.toFixed(0)} ms (${sorted[0].toFixed(0)}–${sorted.at(-1)!.toFixed(0)})` };
}

/** One keystroke at the start of line 3 (typed, or the one typed deleted) → its diagnostics. */
async function keystroke(client: TestClient, doc: Doc, k: number): Promise<number> {
  const at = { line: 2, character: 0 };
  const typed = k % 2 === 0;
  const since = client.mark();
  const t = performance.now();
  const version = await doc.edit([{ range: typed ? { start: at, end: at } : { start: at, end: { line: 2, character: 1 } }, newText: typed ? '本' : '' }]);
  await client.waitForDiagnostics(doc.uri, (p) => p.version === version, since, 120_000);
  return performance.now() - t;
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'nianbao-bench-workspace-'));
  try {
    const paths = Array.from({ length: FILES }, (_, i) => writeMaking(join(folder, `区${i % 20}`, `单位${i}.md`), asUnit(examples[i % examples.length], `第${i + 1}号单位`)));
    const client = await TestClient.start();
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 0 } };
    await client.initialize({ capabilities: { ...WORKSPACE_CLIENT, window: { workDoneProgress: true } }, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'bench' }] });
    await client.initialized();
    const doc = new Doc(client, pathToFileURL(paths[0]).href, readFileSync(paths[0], 'utf8'));
    let since = client.mark();
    await doc.open();
    await client.waitForDiagnostics(doc.uri, (p) => p.version === 1, since, 60_000);
    const before = await client.request<{ rssBytes: number }>('nianbao/stats', null);

    const progressFrom = client.progress.length;
    const t = performance.now();
    let ended = false;
    const run = client.request<{ checked: number; reports: number }>('nianbao/checkWorkspace', { first: doc.uri, workDoneToken: 'bench' }).finally(() => (ended = true));
    const during: number[] = [];
    // Keystrokes a few hundred ms apart while the run goes on.
    while (!ended && during.length < 20) {
      await new Promise((resolve) => setTimeout(resolve, 300));
      if (!ended) during.push(await keystroke(client, doc, during.length));
    }
    const result = await run;
    const wall = performance.now() - t;
    since = client.mark();
    const after = await client.request<{ rssBytes: number }>('nianbao/stats', null);
    // The reference, once the run is over (and the server has read the folder's titles:
    // until then a check waits up to 3 s for them, whatever the run).
    const idle: number[] = [];
    for (let k = 0; k < 10; k++) idle.push(await keystroke(client, doc, during.length + k));
    const reports = client.progress.slice(progressFrom).filter((p) => p.token === 'bench').length;
    client.kill();

    const mb = (s: { rssBytes: number }) => `${(s.rssBytes / 1024 / 1024).toFixed(0)} MB`;
    const key = summary(idle);
    const busy = summary(during);
    console.log(`\n检查工作区中的全部年报 over ${FILES} report files (server over stdio, ${cpus().length} cores, the server on one):`);
    console.log(`  run: ${(wall / 1000).toFixed(1)} s wall, ${result.checked} files (${((1000 * result.checked) / wall).toFixed(0)}/s), ${result.reports} reports, ${reports} progress notifications`);
    console.log(`  keystroke → diagnostics, idle (after it): ${key.text}`);
    console.log(`  keystroke → diagnostics, during the run:  ${busy.text} over ${during.length} keystrokes, ratio ${(busy.median / key.median).toFixed(2)}×`);
    console.log(`  server RSS: ${mb(before)} before the run, ${mb(after)} after it`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
