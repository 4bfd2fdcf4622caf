/**
 * npm run bench, part 2 — the language server over the real protocol: a
 * separate client (test/lsp/client.ts, the protocol tests' own) starts
 * dist/server.js and speaks LSP over stdio, as an editor does. Medians, with
 * the min–max, each beside its reference measured in the same run:
 *  - a keystroke in a seed-size draft → its diagnostics, with 1 draft open
 *    (the reference) and with 100 open;
 *  - didOpen → diagnostics for drafts 1–10 (the reference) and 91–100;
 *  - 200 keystrokes 20 ms apart with debounceMs 0: how long after the last
 *    one its diagnostics come, and how many versions were published;
 *  - the server's memory (RSS) with 100 drafts open and after the burst;
 *  - a 20 MB compilation opened beside them: how long its check takes, and
 *    meanwhile, in turns, how long a hover on another draft waits and how
 *    long a keystroke in a third one takes to its diagnostics.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Doc, TestClient } from '../test/lsp/client';
import { asUnit } from '../test/helpers';
import { keystroke } from './keystroke';

const root = join(__dirname, '..');
const examples = readdirSync(join(root, 'examples'))
  .filter((f) => /^(clean|seed)-.*\.md$/.test(f))
  .sort()
  .map((f) => readFileSync(join(root, 'examples', f), 'utf8'));
/** Draft i: an example under its own unit name, so that no two drafts are the same text. */
const draftText = (i: number) => asUnit(examples[i % examples.length], `第${i + 1}号单位`);
const uri = (i: number) => `file:///bench/draft-${i}.md`;

interface Stats {
  rssBytes: number;
}

function summary(samples: number[]): { median: number; text: string } {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  return { median, text: `${median.toFixed(1)} ms (${sorted[0].toFixed(1)}–${sorted.at(-1)!.toFixed(1)})` };
}

async function start(): Promise<TestClient> {
  const client = await TestClient.start();
  client.config = { nianbao: { locale: 'zh-CN', debounceMs: 0 } };
  await client.initialize({});
  await client.initialized();
  return client;
}

/** Open drafts from..to-1; the time from each didOpen to its diagnostics. */
async function openDrafts(client: TestClient, from: number, to: number): Promise<{ docs: Doc[]; ms: number[] }> {
  const docs: Doc[] = [];
  const ms: number[] = [];
  for (let i = from; i < to; i++) {
    const doc = new Doc(client, uri(i), draftText(i));
    const since = client.mark();
    const t = performance.now();
    await doc.open();
    await client.waitForDiagnostics(doc.uri, (p) => p.version === doc.version, since, 60_000);
    ms.push(performance.now() - t);
    docs.push(doc);
  }
  return { docs, ms };
}

/** `times` keystrokes, one after the other. */
async function keystrokes(client: TestClient, doc: Doc, times: number): Promise<number[]> {
  const ms: number[] = [];
  for (let k = 0; k < times; k++) ms.push(await keystroke(client, doc, k));
  return ms;
}

async function main(): Promise<void> {
  const mb = (s: Stats) => `${(s.rssBytes / 1024 / 1024).toFixed(0)} MB`;

  const alone = await start();
  const one = await openDrafts(alone, 0, 1);
  await keystrokes(alone, one.docs[0], 30); // warm-up: the other server is warm from its 100 openings
  const keyAlone = summary(await keystrokes(alone, one.docs[0], 21));
  await alone.stop();

  const many = await start();
  const first10 = await openDrafts(many, 0, 10);
  await openDrafts(many, 10, 90);
  const last10 = await openDrafts(many, 90, 100);
  const openStats = await many.request<Stats>('nianbao/stats', null);
  const keyMany = summary(await keystrokes(many, first10.docs[3], 21));

  // A burst: 200 keystrokes 20 ms apart, debounceMs 0.
  const doc = first10.docs[5];
  const since = many.mark();
  let version = 0;
  for (let k = 0; k < 200; k++) {
    const at = { line: 2, character: k };
    version = await doc.edit([{ range: { start: at, end: at }, newText: '本' }]);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const lastEdit = performance.now();
  await many.waitForDiagnostics(doc.uri, (p) => p.version === version, since, 120_000);
  const burstLatency = performance.now() - lastEdit;
  const publishes = many.diagnostics.slice(since).filter((p) => p.uri === doc.uri).length;
  const burstStats = await many.request<Stats>('nianbao/stats', null);

  // A 20 MB compilation opened beside the 100 drafts: hovers on a draft and keystrokes in another meanwhile, and how long it takes.
  const compiled: string[] = [];
  for (let bytes = 0, i = 0; bytes < 20_000_000; i++) {
    const text = draftText(1000 + i);
    compiled.push(text);
    bytes += Buffer.byteLength(text, 'utf8') + 1;
  }
  const huge = new Doc(many, 'file:///bench/compilation.md', compiled.join('\n'));
  const hugeSince = many.mark();
  const opened = performance.now();
  await huge.open();
  const hugeDone = many.waitForDiagnostics(huge.uri, (p) => p.version === huge.version, hugeSince, 600_000).then(() => performance.now() - opened);
  let finished = false;
  void hugeDone.then(() => (finished = true));
  const hovers: number[] = [];
  const typed: number[] = [];
  while (!finished) {
    const t = performance.now();
    await many.request('textDocument/hover', { textDocument: { uri: first10.docs[0].uri }, position: { line: 0, character: 2 } });
    hovers.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (finished) break;
    typed.push(await keystroke(many, first10.docs[1], typed.length));
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const hugeMs = await hugeDone;
  const hugeStats = await many.request<Stats>('nianbao/stats', null);
  await many.stop();

  const ratio = (a: number, b: number) => (a / b).toFixed(2);
  console.log('\nLanguage server over stdio (dist/server.js), debounceMs 0:');
  console.log(`  keystroke → diagnostics, 1 draft open:     ${keyAlone.text}`);
  console.log(`  keystroke → diagnostics, 100 drafts open:  ${keyMany.text}, ratio ${ratio(keyMany.median, keyAlone.median)}`);
  const open1 = summary(first10.ms);
  const open100 = summary(last10.ms);
  console.log(`  didOpen → diagnostics, drafts 1–10:        ${open1.text}`);
  console.log(`  didOpen → diagnostics, drafts 91–100:      ${open100.text}, ratio ${ratio(open100.median, open1.median)}`);
  console.log(`  200 keystrokes 20 ms apart: last one's diagnostics ${burstLatency.toFixed(0)} ms after it, ${publishes} versions published`);
  console.log(`  server RSS: ${mb(openStats)} with 100 drafts open, ${mb(burstStats)} after the burst`);
  console.log(`  a 20 MB compilation of ${compiled.length} reports: diagnostics ${(hugeMs / 1000).toFixed(1)} s after didOpen; meanwhile ${hovers.length} hovers on another draft, ${summary(hovers).text}, and ${typed.length} keystrokes → diagnostics in a third, ${summary(typed).text}; RSS then ${mb(hugeStats)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
