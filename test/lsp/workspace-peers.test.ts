/**
 * copied-paragraph across units in the editor: a neighbour unit's report of
 * the same year is a file of the workspace folder, not open; the bundled
 * server (dist/server.js) indexes its sentences in the background, marks the
 * draft's paragraph the neighbour has too (its name and figures changed),
 * links it to the neighbour's file, and drops the finding when the file on
 * disk no longer has it (workspace/didChangeWatchedFiles).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { Doc, TestClient, WORKSPACE_CLIENT } from './client';
import { writeMaking } from '../helpers';
import { example } from './drafts';

const uriOf = (path: string) => pathToFileURL(path).href;
const copied = (p: PublishDiagnosticsParams) => p.diagnostics.filter((d) => d.code === 'copied-paragraph');

/** 平武县人民政府办公室's 2023 report; its 依申请公开 paragraph, which the neighbour copied. */
const DRAFT = example('seed-004.md');
const REQUESTS_LINE = 16;
const REQUESTS = DRAFT.split('\n')[REQUESTS_LINE];
/** 文水县's real 2023 report under an organ's name, with the paragraph copied into section 五 and its figures changed. */
const NEIGHBOUR_OWN = example('seed-000.md').replace(/^# 文水县 ?/m, '# 文水县人民政府办公室');
const NEIGHBOUR = NEIGHBOUR_OWN.replace('## 六、', `${REQUESTS.replace('申请 7 件', '申请 12 件')}\n\n## 六、`);

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nianbao-lsp-peers-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A server over a workspace folder holding the neighbour's report and the draft, neither open. */
async function twoUnits(folder: string) {
  const root = join(tmp, folder);
  const neighbourPath = writeMaking(join(root, '文水县', '2023年报.md'), NEIGHBOUR);
  const draftPath = writeMaking(join(root, '平武县', '2023年报（草稿）.md'), DRAFT);
  const client = await TestClient.start();
  client.config = { nianbao: { locale: 'zh-CN', debounceMs: 40 } };
  await client.initialize({ capabilities: WORKSPACE_CLIENT, workspaceFolders: [{ uri: uriOf(root), name: folder }] });
  await client.initialized();
  return { client, neighbourPath, draftPath };
}

describe('another unit’s report in the workspace folder (not open)', () => {
  let client: TestClient;
  let neighbourPath: string;
  let draft: Doc;

  before(async () => {
    let draftPath: string;
    ({ client, neighbourPath, draftPath } = await twoUnits('县政务公开'));
    draft = new Doc(client, uriOf(draftPath), DRAFT);
  });
  after(() => client?.kill());

  it('marks the paragraph the neighbour has too, linked to the neighbour’s file', async () => {
    const since = client.mark();
    await draft.open();
    const found = await client.waitForDiagnostics(draft.uri, (p) => copied(p).length > 0, since);
    const [finding] = copied(found);
    assert.equal(copied(found).length, 1);
    assert.equal(finding.range.start.line, REQUESTS_LINE);
    assert.match(finding.message as string, /与“文水县人民政府办公室”的报告相同/);
    const related = finding.relatedInformation![0];
    assert.equal(related.location.uri, uriOf(neighbourPath));
    assert.equal(related.location.range.start.line, NEIGHBOUR.split('\n').findIndex((l) => l.startsWith('畅通依申请公开线上')));
  });

  it('drops the finding when the neighbour’s file no longer has the paragraph', async () => {
    writeFileSync(neighbourPath, NEIGHBOUR_OWN);
    const since = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(neighbourPath), type: 2 }] });
    const again = await client.waitForDiagnostics(draft.uri, (p) => copied(p).length === 0, since);
    assert.deepEqual(copied(again), []);
  });

  it('takes the neighbour’s editor text while it is open, and its file again once closed', async () => {
    writeFileSync(neighbourPath, NEIGHBOUR);
    let since = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(neighbourPath), type: 2 }] });
    await client.waitForDiagnostics(draft.uri, (p) => copied(p).length === 1, since);
    // Opened, the paragraph deleted in the editor but not saved: the finding goes.
    const open = new Doc(client, uriOf(neighbourPath), NEIGHBOUR_OWN);
    since = client.mark();
    await open.open();
    await client.waitForDiagnostics(draft.uri, (p) => copied(p).length === 0, since);
    // Closed without saving: the file on disk still has it.
    since = client.mark();
    await open.close();
    await client.waitForDiagnostics(draft.uri, (p) => copied(p).length === 1, since);
  });

  it('drops the finding when the neighbour’s file is deleted', async () => {
    rmSync(neighbourPath);
    const since = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(neighbourPath), type: 3 }] });
    await client.waitForDiagnostics(draft.uri, (p) => copied(p).length === 0, since);
  });
});

describe('检查工作区中的全部年报: the same files, none opened', () => {
  let client: TestClient;
  let neighbourPath: string;
  let draftPath: string;

  before(async () => {
    ({ client, neighbourPath, draftPath } = await twoUnits('县政务公开（后台）'));
  });
  after(() => client?.kill());

  it('shows the copied paragraph in both files as the editor does when the draft is open', async () => {
    const since = client.mark();
    const result = await client.request<{ reports: number }>('nianbao/checkWorkspace', {});
    assert.equal(result.reports, 2);
    const pushed = (path: string) => client.diagnostics.slice(since).filter((p) => p.uri === uriOf(path)).at(-1)!;
    const [inDraft] = copied(pushed(draftPath));
    assert.equal(copied(pushed(draftPath)).length, 1);
    assert.equal(inDraft.range.start.line, REQUESTS_LINE);
    assert.equal(inDraft.relatedInformation![0].location.uri, uriOf(neighbourPath));
    const [inNeighbour] = copied(pushed(neighbourPath));
    assert.match(inNeighbour.message as string, /与“平武县人民政府办公室”的报告相同/);
    assert.equal(inNeighbour.relatedInformation![0].location.uri, uriOf(draftPath));
    // Opened: the editor's check finds the same.
    const draft = new Doc(client, uriOf(draftPath), DRAFT);
    const opened = client.mark();
    await draft.open();
    const found = await client.waitForDiagnostics(draft.uri, (p) => p.version === draft.version && copied(p).length > 0, opened);
    assert.deepEqual(copied(found).map((d) => [d.range, d.message, d.relatedInformation]), [[inDraft.range, inDraft.message, inDraft.relatedInformation]]);
  });
});

describe('a workspace of 300 other units’ reports', () => {
  let client: TestClient;
  let draft: Doc;

  before(async () => {
    const root = join(tmp, '市政务公开');
    const seeds = [example('seed-000.md'), example('seed-002.md')];
    for (let i = 1; i <= 300; i++) writeMaking(join(root, `单位${i}`, '2023年报.md'), seeds[i % 2].replace(/^# .*?(\d{4}) ?年/m, `# 第${i}号单位$1年`));
    writeMaking(join(root, '文水县', '2023年报.md'), NEIGHBOUR);
    client = await TestClient.start();
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 40 } };
    await client.initialize({ capabilities: WORKSPACE_CLIENT, workspaceFolders: [{ uri: uriOf(root), name: '市政务公开' }] });
    await client.initialized();
    draft = new Doc(client, uriOf(join(root, '平武县', '2023年报（草稿）.md')), DRAFT);
  });
  after(() => client?.kill());

  it('indexes them in the background: a hover on the draft is answered while the files are read', async () => {
    const since = client.mark();
    await draft.open();
    await client.waitForDiagnostics(draft.uri, (p) => p.version === draft.version, since);
    // Asked while the files are read: answered meanwhile, not once they all are.
    const hover = client.request('textDocument/hover', { textDocument: { uri: draft.uri }, position: { line: REQUESTS_LINE, character: 2 } });
    const stats = client.request<{ indexedFiles: number }>('nianbao/stats', null);
    await hover;
    const { indexedFiles } = await stats;
    assert.ok(indexedFiles < 302, `the hover is answered while the files are read (${indexedFiles} of 302 indexed)`);
    const found = await client.waitForDiagnostics(draft.uri, (p) => copied(p).length > 0, since, 60_000);
    assert.equal((await client.request<{ indexedFiles: number }>('nianbao/stats', null)).indexedFiles, 302, 'the 301 files and the open draft');
    assert.equal(copied(found).length, 1, 'only the neighbour’s paragraph: the 300 reports share nothing else with the draft');
    assert.match(copied(found)[0].relatedInformation![0].location.uri, /%E6%96%87%E6%B0%B4%E5%8E%BF/); // 文水县
  });
});
