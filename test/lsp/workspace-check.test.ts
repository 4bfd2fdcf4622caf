/**
 * 检查工作区中的全部年报 over the real protocol (dist/server.js over stdio):
 * a temp workspace of unit reports made from the clean example (a few with
 * seeded errors, a .txt, a saved web page, a non-report README, a draft under
 * node_modules) is checked without opening a file; progress begins, reports
 * and ends on the client's token; the open file is checked first and never
 * pushed from disk; a file changed on disk is checked again, a deleted one
 * cleared, a closed one keeps its problems. Over 2,000 files, a keystroke in
 * the open draft gets its diagnostics while the run goes on, and cancelling
 * the request stops the run at the next file.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { Doc, TestClient, WORKSPACE_CLIENT } from './client';
import { asUnit, writeMaking } from '../helpers';
import { CLEAN, LAST_2023, ROOT, setT3, t3Cell } from './drafts';
import type { CheckWorkspaceResult, ReportSummaryParams } from '../../server/src/lsp/workspace-protocol';

const uriOf = (path: string) => pathToFileURL(path).href;
const UNITS = ['教育局', '财政局', '交通运输局', '卫生健康委员会', '市场监督管理局', '民政局', '司法局', '水利局', '农业农村局', '文化和旅游局'];
/** The clean example as another unit's report. */
const reportOf = (unit: string) => asUnit(CLEAN, `示例县${unit}`);
/** A clerk's slip: 本年新收 of natural persons one more, so Table 3's totals no longer add up. */
const withError = (text: string) => setT3(text, '一、本年新收政府信息公开申请数量', '自然人', Number(t3Cell(text, '一、本年新收政府信息公开申请数量', '自然人').text) + 1);
const errorsOf = (p: PublishDiagnosticsParams | undefined) => p?.diagnostics.filter((d) => d.severity === 1) ?? [];

const CLIENT = { ...WORKSPACE_CLIENT, window: { ...WORKSPACE_CLIENT.window, workDoneProgress: true } };

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nianbao-lsp-workspace-check-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A server over a workspace folder, recording the summaries it sends. */
async function startOver(root: string) {
  const client = await TestClient.start();
  client.config = { nianbao: { locale: 'zh-CN', debounceMs: 40 } };
  const summaries: ReportSummaryParams[] = [];
  let waiters: { predicate: (p: ReportSummaryParams) => boolean; resolve: () => void }[] = [];
  client.connection.onNotification('nianbao/reportSummary', (p: ReportSummaryParams) => {
    summaries.push(p);
    waiters = waiters.filter((w) => !(w.predicate(p) && (w.resolve(), true)));
  });
  /** The first summary from index `since` that satisfies the predicate. */
  const summaryArrives = (predicate: (p: ReportSummaryParams) => boolean, since: number) =>
    summaries.slice(since).some(predicate) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ predicate, resolve }));
  await client.initialize({ capabilities: CLIENT, workspaceFolders: [{ uri: uriOf(root), name: 'reports' }] });
  await client.initialized();
  await client.waitForRegistration('workspace/didChangeWatchedFiles');
  return { client, summaries, summaryArrives };
}

const lastFor = (client: TestClient, uri: string) => client.diagnostics.filter((p) => p.uri === uri).at(-1);

describe('检查工作区中的全部年报: every report of the workspace, none opened', () => {
  let root: string;
  let client: TestClient;
  let summaries: ReportSummaryParams[];
  let summaryArrives: (predicate: (p: ReportSummaryParams) => boolean, since: number) => Promise<void>;
  const paths: string[] = [];
  let txtPath: string;
  let lastPath: string;
  let htmlPath: string;
  let readmePath: string;
  let hiddenPath: string;
  let editing: Doc;
  let result: CheckWorkspaceResult;

  before(async () => {
    root = join(tmp, '示例县政务公开办');
    UNITS.forEach((unit, i) => {
      const text = i === 2 || i === 6 ? withError(reportOf(unit)) : reportOf(unit);
      paths.push(writeMaking(join(root, '2024', `${String(i + 1).padStart(2, '0')}-${unit}.md`), text));
    });
    // Last year's report of the first unit: its 四、结转 is not this year's 二、上年结转.
    lastPath = writeMaking(join(root, '2023', `01-${UNITS[0]}.md`), asUnit(LAST_2023, `示例县${UNITS[0]}`));
    txtPath = writeMaking(join(root, '收到的', '示例县档案馆.txt'), withError(reportOf('档案馆')));
    // A saved web page whose Table 3 total of 本年新收 was mistyped (47 → 48).
    const page = readFileSync(join(ROOT, 'test', 'fixtures', 'html', 'hanweb-ucap.html'), 'utf8');
    htmlPath = writeMaking(join(root, '收到的', '示例县人民政府办公室.html'), page.replace(/(本年新收政府信息公开申请数量.*?)>47</, '$1>48<'));
    readmePath = writeMaking(join(root, 'README.md'), '# 政务公开资料\n\n各单位报送的年报。\n');
    hiddenPath = writeMaking(join(root, 'node_modules', 'pkg', '示例县统计局.md'), reportOf('统计局'));
    ({ client, summaries, summaryArrives } = await startOver(root));
    // The last of the folder's files is open in the editor.
    editing = new Doc(client, uriOf(paths[9]), readFileSync(paths[9], 'utf8'));
    const since = client.mark();
    await editing.open();
    await client.waitForDiagnostics(editing.uri, (p) => p.version === 1, since);
  });
  after(() => client?.kill());

  it('checks every report file, the open one first, with progress on the client’s token', async () => {
    const progressFrom = client.progress.length;
    result = await client.request<CheckWorkspaceResult>('nianbao/checkWorkspace', { first: editing.uri, workDoneToken: 'check-1' });
    assert.deepEqual(result, { files: 14, checked: 14, reports: 13, errors: result.errors, warnings: result.warnings, cancelled: false });
    assert.ok(result.errors >= 3, `errors: ${result.errors}`);
    const kinds = client.progress.slice(progressFrom).filter((p) => p.token === 'check-1').map((p) => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(kinds.at(-1), 'end');
    assert.ok(kinds.includes('report'), kinds.join(','));
    // The editor's file first.
    assert.equal(summaries[0].uri, editing.uri);
  });

  it('without a token of the client’s, creates the progress itself; cancelling that progress stops the run', async () => {
    const progressFrom = client.progress.length;
    const response = client.request<CheckWorkspaceResult>('nianbao/checkWorkspace', {});
    await client.waitForProgress('begin', progressFrom);
    const begin = client.progress.slice(progressFrom).find((p) => p.value.kind === 'begin')!;
    assert.notEqual(begin.token, 'check-1');
    assert.equal((begin.value as { cancellable?: boolean }).cancellable, true);
    await client.notify('window/workDoneProgress/cancel', { token: begin.token });
    const stopped = await response;
    assert.equal(stopped.cancelled, true);
    assert.ok(stopped.checked < stopped.files, `checked ${stopped.checked} of ${stopped.files}`);
  });

  it('pushes the findings of every unopened report, the seeded errors where they are', () => {
    for (const path of [...paths.slice(0, 9), txtPath, htmlPath]) assert.ok(lastFor(client, uriOf(path)), `no diagnostics for ${path}`);
    const slipped = lastFor(client, uriOf(paths[2]))!;
    const cell = t3Cell(readFileSync(paths[2], 'utf8'), '一、本年新收政府信息公开申请数量', '自然人');
    assert.ok(errorsOf(slipped).length > 0, JSON.stringify(slipped.diagnostics.map((d) => d.code)));
    assert.ok(slipped.diagnostics.some((d) => d.range.start.line === cell.line || d.relatedInformation?.some((r) => r.location.range.start.line === cell.line)));
    // Pushed from disk: no version (the editor's pushes carry the document's).
    assert.equal(slipped.version, undefined);
    assert.ok(errorsOf(lastFor(client, uriOf(txtPath))).length > 0);
    assert.equal(errorsOf(lastFor(client, uriOf(paths[1]))).length, 0);
    assert.equal(lastFor(client, uriOf(paths[1]))!.diagnostics.length, 0);
  });

  it('compares a unit’s report with last year’s file in the folder, as the editor does', () => {
    const compared = lastFor(client, uriOf(paths[0]))!;
    const carry = compared.diagnostics.find((d) => d.code === 'carry-over');
    assert.ok(carry, JSON.stringify(compared.diagnostics.map((d) => d.code)));
    assert.equal(carry.relatedInformation?.[0].location.uri, uriOf(lastPath));
  });

  it('points a web page’s findings at its first line, saying where in words', () => {
    const page = lastFor(client, uriOf(htmlPath))!;
    for (const d of page.diagnostics) assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    const summary = summaries.filter((s) => s.uri === uriOf(htmlPath)).at(-1)!.summary!;
    assert.equal(summary.imported, true);
    assert.equal(summary.unit, '示例县人民政府办公室');
    const words = (d: { message: string | { value: string } }) => (typeof d.message === 'string' ? d.message : d.message.value);
    assert.ok(errorsOf(page).length > 0);
    for (const d of page.diagnostics) assert.match(words(d), /^【.+】/);
    assert.match(words(errorsOf(page)[0]), /^【表三 · 总计列 · 一、本年新收政府信息公开申请数量】/);
  });

  it('leaves alone what is not a report, and node_modules', () => {
    for (const path of [readmePath, hiddenPath]) {
      assert.equal(lastFor(client, uriOf(path)), undefined, path);
      assert.ok(!summaries.some((s) => s.uri === uriOf(path) && s.summary), path);
    }
  });

  it('sends one summary per report: unit, year, counts and the first problems in words', () => {
    const of = (path: string) => summaries.filter((s) => s.uri === uriOf(path)).at(-1)!.summary!;
    const slipped = of(paths[2]);
    assert.equal(slipped.unit, `示例县${UNITS[2]}`);
    assert.equal(slipped.year, 2024);
    assert.equal(slipped.errors, errorsOf(lastFor(client, uriOf(paths[2]))).length);
    assert.ok(slipped.problems.length > 0 && slipped.problems.length <= 5);
    assert.equal(slipped.problems[0].severity, 'error');
    assert.match(slipped.problems[0].where ?? '', /^表三 · /);
    assert.deepEqual({ errors: of(paths[1]).errors, warnings: of(paths[1]).warnings, problems: of(paths[1]).problems }, { errors: 0, warnings: 0, problems: [] });
  });

  it('never pushes the open file from disk: its problems are the editor’s', () => {
    const pushes = client.diagnostics.filter((p) => p.uri === editing.uri);
    assert.ok(pushes.every((p) => p.version !== undefined), JSON.stringify(pushes.map((p) => p.version)));
  });

  it('checks again a file changed on disk', async () => {
    writeFileSync(paths[4], withError(reportOf(UNITS[4])));
    const since = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(paths[4]), type: 2 }] });
    const again = await client.waitForDiagnostics(uriOf(paths[4]), (p) => errorsOf(p).length > 0, since);
    assert.equal(again.version, undefined);
  });

  it('clears a deleted file’s problems and its row', async () => {
    const uri = uriOf(paths[6]);
    assert.ok(errorsOf(lastFor(client, uri)).length > 0);
    unlinkSync(paths[6]);
    const since = client.mark();
    const told = summaries.length;
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri, type: 3 }] });
    await client.waitForDiagnostics(uri, (p) => p.diagnostics.length === 0, since);
    await summaryArrives((s) => s.uri === uri && s.summary === null, told);
  });

  it('keeps a file’s problems when it is opened and closed again, one set at a time', async () => {
    const uri = uriOf(paths[2]);
    const fromDisk = lastFor(client, uri)!.diagnostics.map((d) => d.code).sort();
    const doc = new Doc(client, uri, readFileSync(paths[2], 'utf8'));
    let since = client.mark();
    await doc.open();
    const opened = await client.waitForDiagnostics(uri, (p) => p.version === 1, since);
    assert.deepEqual(opened.diagnostics.map((d) => d.code).sort(), fromDisk);
    since = client.mark();
    await doc.close();
    // The editor clears its set; the file's own comes back (not none, not two).
    const back = await client.waitForDiagnostics(uri, (p) => p.version === undefined && p.diagnostics.length > 0, since);
    assert.deepEqual(back.diagnostics.map((d) => d.code).sort(), fromDisk);
    assert.deepEqual(lastFor(client, uri)!.diagnostics.map((d) => d.code).sort(), fromDisk);
  });
});

describe('检查工作区中的全部年报 over 2,000 files', () => {
  const FILES = 2000;
  let root: string;
  let client: TestClient;
  let summaries: ReportSummaryParams[];
  let editing: Doc;

  before(async () => {
    root = join(tmp, '全市');
    for (let i = 0; i < FILES; i++) {
      const unit = `${UNITS[i % UNITS.length]}第${i}分局`;
      writeMaking(join(root, `区${i % 20}`, `${i}-${unit}.md`), i % 7 === 3 ? withError(reportOf(unit)) : reportOf(unit));
    }
    ({ client, summaries } = await startOver(root));
    const editingPath = join(root, '区0', `0-${UNITS[0]}第0分局.md`);
    editing = new Doc(client, uriOf(editingPath), readFileSync(editingPath, 'utf8'));
    const since = client.mark();
    await editing.open();
    await client.waitForDiagnostics(editing.uri, (p) => p.version === 1, since);
  });
  after(() => client?.kill());

  it('answers a keystroke in the open draft while it checks, and stops when cancelled', async (t) => {
    const progressFrom = client.progress.length;
    const run = client.cancellableRequest<CheckWorkspaceResult>('nianbao/checkWorkspace', { first: editing.uri, workDoneToken: 'check-big' });
    const ofRun = () => client.progress.slice(progressFrom).filter((p) => p.token === 'check-big');
    // Under way: the folder's titles read, some files checked.
    while (!ofRun().some((p) => p.value.kind === 'report' && (p.value.percentage ?? 0) >= 1)) await client.waitForProgress('report', client.progress.length, 60_000);
    const since = client.mark();
    const typedAt = performance.now();
    const cell = t3Cell(editing.text, '一、本年新收政府信息公开申请数量', '自然人');
    const version = await editing.edit([{ range: { start: { line: cell.line, character: cell.start }, end: { line: cell.line, character: cell.end } }, newText: String(Number(cell.text) + 1) }]);
    const typed = await client.waitForDiagnostics(editing.uri, (p) => p.version === version, since, 30_000);
    const latency = performance.now() - typedAt;
    // The keystroke did not wait for the run: the run was still going.
    assert.ok(!ofRun().some((p) => p.value.kind === 'end'), 'the run ended before the keystroke’s diagnostics');
    assert.ok(errorsOf(typed).length > 0);
    t.diagnostic(`keystroke → diagnostics during the 2,000-file run: ${latency.toFixed(0)} ms (debounce 40 ms)`);
    run.cancel();
    const result = await run.response;
    assert.equal(result.cancelled, true);
    assert.equal(result.files, FILES);
    assert.ok(result.checked > 0 && result.checked < FILES, `checked ${result.checked}`);
    await client.waitForProgress('end', progressFrom);
    // Every file checked before the stop has its summary, and no other.
    const told = new Set(summaries.filter((s) => s.summary).map((s) => s.uri));
    assert.ok(told.size >= result.checked && told.size <= result.checked + 1, `${told.size} summaries for ${result.checked} files`);
  });
});
