/**
 * Many drafts open at once, as a reviewer opens them: a keystroke in one
 * re-reads that one only (counted by the server: request nianbao/stats), and
 * re-checks another draft only when it is that draft's last year's report.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Doc, FULL_CAPABILITIES, TestClient } from './client';
import { CLEAN, example, t3Cell } from './drafts';
import { asUnit } from '../helpers';

interface Stats {
  plainAnalyses: number;
  indexReads: number;
  slicesAhead: number;
  openDocuments: number;
  cachedParts: number;
  rssBytes: number;
}

const DRAFTS = 40;
/** Another unit's report: the clean draft under its own name. */
const unitDraft = (i: number) => CLEAN.replace('# 示例县人民政府办公室2024年', `# 第${i}号单位2024年`);
/** The clean draft's unit, a year earlier: the report the clean draft is compared with. */
const LAST_YEAR = CLEAN.replaceAll('2024年', '2023年').replace('2025年1月', '2024年1月');
const uri = (name: string) => `file:///drafts/${encodeURIComponent(name)}.md`;

describe('many drafts open (language server over stdio)', () => {
  let client: TestClient;
  const drafts: Doc[] = [];
  let mine: Doc;
  let lastYear: Doc;
  const stats = () => client.request<Stats>('nianbao/stats', null);

  before(async () => {
    client = await TestClient.start();
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 20 } };
    await client.initialize({ capabilities: { ...FULL_CAPABILITIES, window: { ...FULL_CAPABILITIES.window, workDoneProgress: true } } });
    await client.initialized();
    for (let i = 1; i <= DRAFTS; i++) drafts.push(new Doc(client, uri(`第${i}号单位2024年报`), unitDraft(i)));
    mine = new Doc(client, uri('示例县2024年报'), CLEAN);
    lastYear = new Doc(client, uri('示例县2023年报'), LAST_YEAR);
    const mark = client.mark();
    for (const d of [...drafts, lastYear, mine]) await d.open();
    for (const d of [...drafts, lastYear, mine]) await client.waitForDiagnostics(d.uri, (p) => p.version === d.version, mark);
    // The drafts opened first were compared with one another (copied-paragraph) until enough had the same text
    // to make it the area's boilerplate: they are checked again, and the tests start when that is done.
    await client.request('nianbao/stats', { settled: true });
  });
  // Shut down and wait for the server to exit (killed if it does not), so that nothing of it keeps this file running.
  after(async () => {
    await client?.stop().catch(() => client.kill());
  });

  it('a keystroke in one of 42 open drafts reads that draft only, and checks no other', async () => {
    const before = await stats();
    assert.equal(before.openDocuments, DRAFTS + 2);
    const since = client.mark();
    const typed = drafts[7];
    const version = await typed.edit([{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '本' }]);
    await client.waitForDiagnostics(typed.uri, (p) => p.version === version, since);
    const now = await stats();
    assert.equal(now.plainAnalyses - before.plainAnalyses, 1, 'one document read: the one typed in');
    assert.equal(now.indexReads - before.indexReads, 0, 'no other document read again');
    assert.equal(now.cachedParts, before.cachedParts, 'the superseded version’s reading is let go');
    assert.deepEqual([...new Set(client.diagnostics.slice(since).map((p) => p.uri))], [typed.uri]);
  });

  it('a keystroke in last year’s report checks this year’s again, and no other', async () => {
    const since = client.mark();
    const version = await lastYear.edit([{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '本' }]);
    await client.waitForDiagnostics(lastYear.uri, (p) => p.version === version, since);
    await client.waitForDiagnostics(mine.uri, () => true, since);
    assert.deepEqual([...new Set(client.diagnostics.slice(since).map((p) => p.uri))].sort(), [lastYear.uri, mine.uri].sort());
  });

  it('a document of 300 reports is read a report at a time: a hover and a keystroke’s diagnostics on another draft go first, with progress shown', async () => {
    const names = ['seed-000.md', 'seed-001.md', 'seed-002.md', 'seed-004.md'];
    const reports = Array.from({ length: 300 }, (_, i) => asUnit(example(names[i % names.length]), `第${i + 1}号汇编单位`));
    const big = new Doc(client, uri('汇编'), reports.join('\n'));
    const since = client.mark();
    const progressBefore = client.progress.length;
    await big.open();
    // Once the server is inside the big document, ask about another draft.
    await client.waitForProgress('begin', progressBefore, 30_000);
    const cell = t3Cell(mine.text, '一、本年新收', '总计');
    let hovered = -1;
    const hover = client
      .request('textDocument/hover', { textDocument: { uri: mine.uri }, position: { line: cell.line, character: cell.start } })
      .then((h) => ((hovered = client.diagnostics.length), h));
    // A keystroke in another draft meanwhile: its check compares with the open reports, but does not read the long one here.
    const statsBefore = await stats();
    const mineSince = client.mark();
    const typed = await mine.edit([{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: '本' }]);
    await client.waitForDiagnostics(mine.uri, (p) => p.version === typed, mineSince, 30_000);
    const statsAfter = await stats();
    assert.equal(statsAfter.indexReads - statsBefore.indexReads, 0, 'the long document is not read for the index while its own check runs');
    // The keystroke's check goes first: the long check waits between two of its slices until the draft's diagnostics are sent.
    assert.ok(!client.diagnostics.slice(since).some((p) => p.uri === big.uri), 'the draft’s diagnostics come while the long document is still being checked');
    assert.equal(statsAfter.slicesAhead - statsBefore.slicesAhead, 0, 'no slice of the long check runs while the draft’s check waits or runs');
    const published = await client.waitForDiagnostics(big.uri, (p) => p.version === big.version, since, 60_000);
    assert.ok(await hover, 'the hover is answered');
    assert.ok(hovered >= 0 && hovered <= client.diagnostics.indexOf(published), 'answered before the big document’s diagnostics');
    assert.ok(published.diagnostics.length > 300, 'every report of it checked');
    const kinds = client.progress.slice(progressBefore).map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.ok(kinds.includes('report'));
    assert.equal(kinds.at(-1), 'end');
    const open = await stats();
    assert.ok(open.cachedParts >= 300, `its reports are kept while it is open (${open.cachedParts})`);
    await big.close();
    const closed = await stats();
    assert.ok(closed.cachedParts <= open.cachedParts - 300, `a closed document's readings are let go (${open.cachedParts} → ${closed.cachedParts})`);
  });

  it('a request cancelled while it waits for a long check is answered RequestCancelled', async () => {
    const names = ['seed-000.md', 'seed-002.md'];
    const reports = Array.from({ length: 300 }, (_, i) => asUnit(example(names[i % names.length]), `第${i + 1}号另一汇编单位`));
    const big = new Doc(client, uri('另一汇编'), reports.join('\n'));
    const since = client.mark();
    const progressBefore = client.progress.length;
    await big.open();
    await client.waitForProgress('begin', progressBefore, 30_000);
    // Waits for the check under way: the cancellation arrives meanwhile.
    const { response, cancel } = client.cancellableRequest('textDocument/codeAction', {
      textDocument: { uri: big.uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [] },
    });
    cancel();
    await assert.rejects(response, (error: { code?: number }) => error.code === -32800);
    await client.waitForDiagnostics(big.uri, (p) => p.version === big.version, since, 60_000);
    await big.close();
  });
});
