/**
 * npm run bench (part 4) — the preview after a keystroke, for a seed-size
 * draft (examples/seed-004.md, the longest seed):
 *  - in the process: drawing the preview from the analysis already made (what
 *    a keystroke costs the preview once the diagnostics are out), beside the
 *    analysis of the keystroke itself, the reference in the same run;
 *  - over LSP (dist/server.js over stdio, as the editor speaks to it): a
 *    keystroke → nianbao/preview answered with that version's HTML, and the
 *    request alone once the diagnostics have come;
 *  - the Markdown preview plugin: markdown-it rendering the draft with the
 *    standard tables drawn merged, beside markdown-it alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import MarkdownIt from 'markdown-it';
import { Analyzer } from '../server/src/engine/analyze';
import { previewHtml } from '../server/src/features/preview';
import { extendMarkdownIt } from '../client/src/markdown-it';
import { Doc, TestClient } from '../test/lsp/client';

const root = join(__dirname, '..');
const FILE = 'seed-004.md';
const draft = readFileSync(join(root, 'examples', FILE), 'utf8');
const TIMES = 30;

function summary(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${sorted[Math.floor(sorted.length / 2)].toFixed(2)} ms (${sorted[0].toFixed(2)}–${sorted.at(-1)!.toFixed(2)})`;
}

/** The k-th keystroke: one more character at the start of the third line (a new text each time: no cache hit). */
const letter = (k: number) => String.fromCharCode(0x4e00 + k);
const typed = (k: number) => draft.replace(/^((?:.*\n){2})/, `$1${Array.from({ length: k + 1 }, (_, i) => letter(i)).reverse().join('')}`);

function inProcess(): void {
  const analyzer = new Analyzer();
  analyzer.analyze(draft);
  const analyse: number[] = [];
  const render: number[] = [];
  for (let k = 0; k < TIMES; k++) {
    let t = performance.now();
    const analysis = analyzer.analyze(typed(k));
    analyse.push(performance.now() - t);
    t = performance.now();
    previewHtml(analysis, 'zh');
    render.push(performance.now() - t);
  }
  console.log(`\npreview of ${FILE} (${(Buffer.byteLength(draft) / 1024).toFixed(1)} KB), median of ${TIMES}:`);
  console.log(`  drawn from the cached analysis: ${summary(render)}; the keystroke's analysis (the reference): ${summary(analyse)}`);
}

function markdownPreview(): void {
  const plain = new MarkdownIt();
  const merged = extendMarkdownIt(new MarkdownIt());
  const with_: number[] = [];
  const without: number[] = [];
  for (let k = 0; k < TIMES; k++) {
    // A new text each time, as after a keystroke: the plugin reads it again.
    const text = typed(k);
    let t = performance.now();
    merged.render(text);
    with_.push(performance.now() - t);
    t = performance.now();
    plain.render(text);
    without.push(performance.now() - t);
  }
  console.log(`  Markdown preview: markdown-it with the plugin ${summary(with_)}; markdown-it alone ${summary(without)}`);
}

async function overLsp(): Promise<void> {
  const client = await TestClient.start();
  client.config = { nianbao: { locale: 'zh-CN', debounceMs: 0 } };
  await client.initialize({});
  await client.initialized();
  const doc = new Doc(client, 'file:///bench/preview.md', draft);
  let since = client.mark();
  await doc.open();
  await client.waitForDiagnostics(doc.uri, (p) => p.version === doc.version, since, 60_000);
  const keystroke: number[] = [];
  const request: number[] = [];
  for (let k = 0; k < TIMES; k++) {
    const at = { line: 2, character: 0 };
    since = client.mark();
    let t = performance.now();
    const version = await doc.edit([{ range: { start: at, end: at }, newText: letter(k) }]);
    // The client asks as soon as the diagnostics of the version arrive (what the webview waits for).
    await client.waitForDiagnostics(doc.uri, (p) => p.version === version, since, 60_000);
    const preview = await client.request<{ version: number | null; html: string | null }>('nianbao/preview', { textDocument: { uri: doc.uri } });
    keystroke.push(performance.now() - t);
    if (preview.version !== version || !preview.html) throw new Error(`the preview of version ${version} was not drawn (${preview.version})`);
    t = performance.now();
    await client.request('nianbao/preview', { textDocument: { uri: doc.uri } });
    request.push(performance.now() - t);
  }
  console.log(`  LSP: keystroke → diagnostics → preview HTML of that version ${summary(keystroke)}; nianbao/preview alone ${summary(request)}`);
  await client.stop();
}

(async () => {
  inProcess();
  markdownPreview();
  await overLsp();
})();
