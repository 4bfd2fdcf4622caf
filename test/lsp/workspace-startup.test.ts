/**
 * Startup in a large workspace: the bundled server (dist/server.js) over
 * stdio, a folder of about 2,000 report files, a draft opened as soon as the
 * server is initialized. The draft's check never waits for the folder's
 * titles to be read: its diagnostics, and a keystroke's, come while they are
 * being read (the server's own counts say so: request nianbao/stats, never a
 * clock). Last year's report of the same unit, a file read last, is found
 * when its title is read: the draft is checked again then, without a
 * keystroke, and no other draft is. Each title is read once, and once again
 * when the client says the file changed.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { Doc, TestClient, WORKSPACE_CLIENT } from './client';
import { asUnit, writeMaking } from '../helpers';
import { CLEAN, LAST_2023, example } from './drafts';

interface Stats {
  plainAnalyses: number;
  indexReads: number;
  /** Files and documents in the index of the workspace's sentences: read in full after the titles. */
  indexedFiles: number;
  workspace: { listed: number; titlesRead: number; scanning: boolean };
}

/** Other units' reports in the folder (the examples under their own names), spread over 20 folders. */
const OTHER_FILES = 1990;
const EXAMPLES = ['clean-2024.md', 'seed-000.md', 'seed-001.md', 'seed-002.md', 'seed-003.md', 'seed-004.md'].map(example);
const uriOf = (path: string) => pathToFileURL(path).href;
const carryOver = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'carry-over');
/** Enter pressed at the end of a draft: a new version, the same sentences and findings. */
const endOf = (doc: Doc) => {
  const lines = doc.text.split('\n');
  return { line: lines.length - 1, character: lines.at(-1)!.length };
};

describe('a draft opened while the server reads the titles of 2,000 report files', () => {
  let tmp: string;
  let client: TestClient;
  let lastYearPath: string;
  let draft: Doc;
  let other: Doc;
  const stats = (settled = false) => client.request<Stats>('nianbao/stats', settled ? { settled: true } : null);

  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'nianbao-lsp-startup-'));
    for (let i = 0; i < OTHER_FILES; i++) writeMaking(join(tmp, `区${i % 20}`, `单位${i}.md`), asUnit(EXAMPLES[i % EXAMPLES.length], `第${i + 1}号单位`));
    // Last year's report of the draft's unit, in a folder listed after the 20 others (旧 sorts after 区), far from the draft.
    lastYearPath = writeMaking(join(tmp, '旧档', '示例县2023年报.md'), LAST_2023);
    // The clerk's draft, and another unit's draft, both on disk and open.
    const draftPath = writeMaking(join(tmp, '示例县', '2024', '示例县2024年报（草稿）.md'), CLEAN);
    const otherText = asUnit(EXAMPLES[5], '样例县人民政府办公室');
    const otherPath = writeMaking(join(tmp, '样例县', '样例县2023年报.md'), otherText);
    client = await TestClient.start();
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 20 } };
    await client.initialize({ capabilities: WORKSPACE_CLIENT, workspaceFolders: [{ uri: uriOf(tmp), name: '年报' }] });
    await client.initialized();
    draft = new Doc(client, uriOf(draftPath), CLEAN);
    other = new Doc(client, uriOf(otherPath), otherText);
  });
  after(async () => {
    await client?.stop().catch(() => client.kill());
    rmSync(tmp, { recursive: true, force: true });
  });

  let opened: PublishDiagnosticsParams;

  it('publishes the draft’s diagnostics at once, before the titles are read', async () => {
    const since = client.mark();
    await draft.open();
    await other.open();
    opened = await client.waitForDiagnostics(draft.uri, (p) => p.version === 1, since, 60_000);
    await client.waitForDiagnostics(other.uri, (p) => p.version === 1, since, 60_000);
    const { workspace } = await stats();
    assert.ok(workspace.scanning, 'still reading the folder');
    assert.ok(workspace.titlesRead < OTHER_FILES / 2, `published when ${workspace.titlesRead} of the titles were read`);
    // Last year's file is not known yet: no comparison with it.
    assert.deepEqual(carryOver(opened), []);
  });

  let typed: number;
  let beforeFound: Stats;
  let foundSince: number;

  it('answers a keystroke in the draft while the titles are read', async () => {
    const since = client.mark();
    const at = endOf(draft);
    typed = await draft.edit([{ range: { start: at, end: at }, newText: '\n' }]);
    const published = await client.waitForDiagnostics(draft.uri, (p) => p.version === typed, since, 60_000);
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      opened.diagnostics.map((d) => d.code),
    );
    foundSince = client.mark();
    beforeFound = await stats();
    assert.ok(beforeFound.workspace.scanning, 'still reading the folder');
    assert.ok(beforeFound.workspace.titlesRead < OTHER_FILES, `answered when ${beforeFound.workspace.titlesRead} of the titles were read`);
  });

  it('compares the draft with last year’s file once its title is read, without a keystroke, and checks no other draft', async () => {
    const found = await client.waitForDiagnostics(draft.uri, (p) => carryOver(p).length > 0, foundSince, 120_000);
    assert.equal(found.version, typed, 'the same version, checked again');
    assert.equal(carryOver(found)[0].relatedInformation?.[0].location.uri, uriOf(lastYearPath));
    // Found by its title, not when the files are read in full for their sentences (after the titles, file by file).
    const { indexedFiles } = await stats();
    assert.ok(indexedFiles < OTHER_FILES / 2, `found with ${indexedFiles} files' sentences read`);
    const settled = await stats(true);
    assert.equal(settled.workspace.scanning, false);
    // Every title read once: the files listed, the two drafts' included.
    assert.equal(settled.workspace.listed, OTHER_FILES + 3);
    assert.equal(settled.workspace.titlesRead, settled.workspace.listed);
    // One check since the keystroke's: the draft's, when its last year's report was found.
    assert.equal(settled.plainAnalyses - beforeFound.plainAnalyses, 1);
    assert.equal(settled.indexReads - beforeFound.indexReads, 0);
    assert.deepEqual(
      client.diagnostics.slice(foundSince).map((p) => [p.uri, p.version]),
      [[draft.uri, typed]],
    );
  });

  it('reads a title again only when the client says its file changed, and checks again only the draft of its unit', async () => {
    const before = await stats(true);
    writeFileSync(lastYearPath, LAST_2023.replace('| 四、结转下年度继续办理 | | 2 | 0 | 0 | 0 | 1 | 0 | 3 |', '| 四、结转下年度继续办理 | | 2 | 1 | 0 | 0 | 0 | 0 | 3 |'));
    const since = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(lastYearPath), type: 2 }] });
    const agreeing = await client.waitForDiagnostics(draft.uri, (p) => carryOver(p).length === 0, since, 60_000);
    assert.equal(agreeing.version, typed);
    const after = await stats(true);
    assert.equal(after.workspace.titlesRead - before.workspace.titlesRead, 1, 'that file’s title, once');
    assert.equal(after.plainAnalyses - before.plainAnalyses, 1);
    assert.deepEqual([...new Set(client.diagnostics.slice(since).map((p) => p.uri))], [draft.uri]);
    assert.deepEqual(
      client.logs.filter((l) => l.startsWith('nianbao:')),
      [],
    );
  });
});
