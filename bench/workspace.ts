/**
 * npm run bench, part 4 — a workspace of 2,000 distinct report files (the
 * examples, each under its own unit name) over the real protocol
 * (dist/server.js over stdio). Measured in one run:
 *  - startup: a fresh server per round, a draft opened as soon as the server
 *    is initialized, while it reads the folder's titles: didOpen → first
 *    diagnostics, beside the same in a fresh server without folders (the
 *    reference), and keystroke → diagnostics just after, beside the same
 *    keystroke once the titles are read (the reference);
 *  - 检查工作区中的全部年报 with one draft open: keystroke → diagnostics in
 *    the open draft during the workspace run, and idle after it (the
 *    reference); the run's wall time, files per second, and the server's RSS
 *    before and after.
 * The files are fresh (no cache holds them) and every one is read from disk.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Doc, TestClient, WORKSPACE_CLIENT } from '../test/lsp/client';
import { asUnit, writeMaking } from '../test/helpers';
import { keystroke } from './keystroke';

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

interface Stats {
  rssBytes: number;
  /** Titles of the folder's files read so far, and files listed (absent before the scan fed them file by file). */
  workspace?: { listed: number; titlesRead: number; scanning: boolean };
}

/** Rounds of the startup measure: each a fresh server reading the folder's titles. */
const STARTUP_ROUNDS = 5;
/** Keystrokes measured in each round just after the first diagnostics. */
const STARTUP_KEYSTROKES = 3;

/**
 * A fresh server on the folder, the draft opened at once after `initialized`:
 * didOpen → diagnostics and keystrokes while it reads the folder's titles,
 * then the same keystrokes once they are read.
 */
async function startup(folder: string, draftPath: string): Promise<void> {
  const opened: number[] = [];
  const early: number[] = [];
  const late: number[] = [];
  const readWhenOpened: string[] = [];
  const alone: number[] = [];
  for (let round = 0; round < STARTUP_ROUNDS; round++) {
    // The reference: the same draft opened in a fresh server without a workspace folder.
    const bare = await TestClient.start();
    bare.config = { nianbao: { locale: 'zh-CN', debounceMs: 0 } };
    await bare.initialize({ capabilities: { ...WORKSPACE_CLIENT } });
    await bare.initialized();
    const single = new Doc(bare, pathToFileURL(draftPath).href, readFileSync(draftPath, 'utf8'));
    const t0 = performance.now();
    await single.open();
    await bare.waitForDiagnostics(single.uri, (p) => p.version === 1, 0, 120_000);
    alone.push(performance.now() - t0);
    bare.kill();

    const client = await TestClient.start();
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 0 } };
    await client.initialize({ capabilities: { ...WORKSPACE_CLIENT }, workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'bench' }] });
    await client.initialized();
    const doc = new Doc(client, pathToFileURL(draftPath).href, readFileSync(draftPath, 'utf8'));
    const since = client.mark();
    const t = performance.now();
    await doc.open();
    await client.waitForDiagnostics(doc.uri, (p) => p.version === 1, since, 120_000);
    opened.push(performance.now() - t);
    const { workspace } = await client.request<Stats>('nianbao/stats', null);
    if (workspace) readWhenOpened.push(workspace.listed ? `${workspace.titlesRead}/${workspace.listed}` : 'still listing');
    for (let k = 0; k < STARTUP_KEYSTROKES; k++) early.push(await keystroke(client, doc, k));
    await client.request('nianbao/stats', { settled: true });
    for (let k = 0; k < STARTUP_KEYSTROKES; k++) late.push(await keystroke(client, doc, STARTUP_KEYSTROKES + k));
    client.kill();
  }
  const reference = summary(late);
  console.log(`\nA workspace of ${FILES} report files, the draft opened as soon as the server is initialized (${STARTUP_ROUNDS} fresh servers, ${cpus().length} cores):`);
  console.log(`  didOpen → first diagnostics:                ${summary(opened).text}${readWhenOpened.length ? `; titles read by then: ${readWhenOpened.join(', ')}` : ''}`);
  console.log(`  the same, a fresh server without folders:   ${summary(alone).text}, ratio ${(summary(opened).median / summary(alone).median).toFixed(2)}×`);
  console.log(`  keystroke → diagnostics, just after:        ${summary(early).text} over ${early.length} keystrokes`);
  console.log(`  keystroke → diagnostics, titles all read:   ${reference.text}, ratio ${(summary(early).median / reference.median).toFixed(2)}×`);
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'nianbao-bench-workspace-'));
  try {
    const paths = Array.from({ length: FILES }, (_, i) => writeMaking(join(folder, `区${i % 20}`, `单位${i}.md`), asUnit(examples[i % examples.length], `第${i + 1}号单位`)));
    await startup(folder, paths[0]);
    if (process.argv.includes('--startup')) return;
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
    // The reference, once the run is over.
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
