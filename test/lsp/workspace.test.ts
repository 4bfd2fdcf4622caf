/**
 * Last year's report as a file in the workspace folder, not open in the
 * editor: the bundled server (dist/server.js) over stdio finds it from the
 * workspace folders (or rootUri), compares this year's draft with it
 * (carry-over, in-force-count, copied-paragraph), links the findings to the
 * right lines of that file, and follows changes on disk and to the folders.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, DocumentSymbol, InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { Doc, TestClient, WORKSPACE_CLIENT } from './client';
import { writeMaking } from '../helpers';
import { CLEAN, LAST_2022, LAST_2023, otherUnit, t3Cell, textAt } from './drafts';

const CROSS_CODES = ['carry-over', 'in-force-count', 'copied-paragraph'];
const uriOf = (path: string) => pathToFileURL(path).href;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
const compact = (s: string) => s.replace(/\s/g, '');
const ofCode = (p: PublishDiagnosticsParams, code: string) => p.diagnostics.filter((d) => d.code === code);
const crossCodes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code)).filter((c) => CROSS_CODES.includes(c));
const message = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : '');
const cellRange = (cell: { line: number; start: number; end: number }) => ({ start: { line: cell.line, character: cell.start }, end: { line: cell.line, character: cell.end } });
/** Errors the server logged (it logs every caught error as `nianbao: …`). */
const errors = (client: TestClient) => client.logs.filter((l) => l.startsWith('nianbao:'));

/** Last year's report with its 四、结转下年度继续办理 row as this year's 二、上年结转 (2 1 0 0 0 0 3). */
const LAST_2023_AGREEING = LAST_2023.replace(
  '| 四、结转下年度继续办理 | | 2 | 0 | 0 | 0 | 1 | 0 | 3 |',
  '| 四、结转下年度继续办理 | | 2 | 1 | 0 | 0 | 0 | 0 | 3 |',
);

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nianbao-lsp-workspace-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('last year’s report in the workspace folder (not open)', () => {
  let client: TestClient;
  let init: InitializeResult;
  let root: string;
  let lastPath: string;
  let lastUri: string;
  let draft: Doc;
  let first: PublishDiagnosticsParams;

  before(async () => {
    root = join(tmp, '示例县政务公开');
    // The clerk's folder: last year's published report, and this year's draft (also on disk, and open).
    lastPath = writeMaking(join(root, '2023', '示例县2023年政府信息公开工作年度报告.md'), LAST_2023);
    lastUri = uriOf(lastPath);
    const draftPath = writeMaking(join(root, '2024', '示例县2024年报（草稿）.md'), CLEAN);
    writeMaking(join(root, 'README.md'), '# 政务公开资料\n\n历年报告和草稿。\n');
    client = await TestClient.start();
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 40 } };
    init = await client.initialize({ capabilities: WORKSPACE_CLIENT, workspaceFolders: [{ uri: uriOf(root), name: '示例县政务公开' }] });
    await client.initialized();
    // The folder's titles are read before the clerk opens the draft (workspace-startup.test.ts opens it during the reading).
    await client.request('nianbao/stats', { settled: true });
    draft = new Doc(client, uriOf(draftPath), CLEAN);
  });
  after(() => client?.kill());

  it('takes workspace folder changes, and watches Markdown files', async () => {
    assert.deepEqual(init.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
    const registration = await client.waitForRegistration('workspace/didChangeWatchedFiles');
    const globs = (registration.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
    assert.deepEqual(globs, ['**/*.md', '**/*.markdown', '**/*.json', '**/*.txt', '**/*.docx', '**/*.html', '**/*.htm']);
  });

  it('reports 二、上年结转 that differs from last year’s 四、结转下年度继续办理, linked to the cell in last year’s file', async () => {
    const since = client.mark();
    await draft.open();
    first = await client.waitForDiagnostics(draft.uri, (p) => p.version === 1, since);
    const carry = ofCode(first, 'carry-over');
    // The clerk put last year's 1 under 商业企业 instead of 法律服务机构: two columns differ, the totals agree. One row: one finding.
    assert.equal(carry.length, 1, JSON.stringify(first.diagnostics.map((d) => d.code)));
    const columns = ['商业企业', '法律服务机构'];
    const [d] = carry;
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, cellRange(t3Cell(CLEAN, '二、上年结转', columns[0])));
    assert.equal(d.relatedInformation?.length, 2);
    d.relatedInformation!.forEach((related, i) => {
      assert.deepEqual(related.location, { uri: lastUri, range: cellRange(t3Cell(LAST_2023, '四、结转下年度', columns[i])) });
      assert.equal(related.message, `2023 年报告“四、结转下年度继续办理”${columns[i]}：${i === 0 ? 0 : 1}`);
    });
    assert.match(message(d), /^“二、上年结转”与上年（2023 年）报告的“四、结转下年度继续办理”不一致：商业企业列本年为 1，上年为 0；法律服务机构列本年为 0，上年为 1/);
    // The link is to last year's row 四 in the file: line 64, as the clerk's editor shows it.
    assert.equal(d.relatedInformation![0].location.range.start.line, lineOf(LAST_2023, '四、结转下年度继续办理'));
    // In force: 24 last year + 3 − 1 ≠ 25, linked to last year's 行政规范性文件 row.
    const [inForce] = ofCode(first, 'in-force-count');
    assert.equal(inForce.relatedInformation![0].location.uri, lastUri);
    assert.equal(inForce.relatedInformation![0].location.range.start.line, lineOf(LAST_2023, '| 行政规范性文件 |'));
  });

  it('marks paragraphs copied word for word from last year’s report as information, linking the source paragraph', () => {
    const copied = ofCode(first, 'copied-paragraph');
    assert.deepEqual(
      copied.map((d) => d.range.start.line),
      [12, 14, 16, 80, 82],
    );
    for (const d of copied) {
      assert.equal(d.severity, 3 /* Information */);
      assert.match(message(d), /^本段与上年（2023 年）报告逐字相同/);
      const [source] = d.relatedInformation!;
      assert.equal(source.location.uri, lastUri);
      assert.equal(source.message, '2023 年报告中的原文');
      assert.equal(compact(textAt(LAST_2023, source.location.range)), compact(textAt(CLEAN, d.range)));
    }
    assert.equal(copied[0].relatedInformation![0].location.range.start.line, lineOf(LAST_2023, '（三）政府信息管理'));
  });

  it('offers no quick fix when last year’s figures would break this year’s balance', async () => {
    const [d] = ofCode(first, 'carry-over');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: draft.uri },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    });
    assert.deepEqual(actions, []);
    assert.match(message(d), /照上年改正后本年表三的勾稽关系将不成立/);
  });

  it('checks again when last year’s file changes on disk (workspace/didChangeWatchedFiles)', async () => {
    writeFileSync(lastPath, LAST_2023_AGREEING);
    const since = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: lastUri, type: 2 }] });
    const again = await client.waitForDiagnostics(draft.uri, (p) => ofCode(p, 'carry-over').length === 0, since);
    assert.equal(again.version, 1);
    // The carry-over now agrees; the copied paragraphs are still there, still linked.
    assert.deepEqual([...new Set(crossCodes(again))].sort(), ['copied-paragraph', 'in-force-count']);
    assert.equal(ofCode(again, 'copied-paragraph')[0].relatedInformation![0].location.uri, lastUri);
  });

  let compiledPath: string;
  let compiled: string;

  it('finds last year’s report in a file of several years’ reports, and links the right lines of it', async () => {
    // The clerk replaces the single report by a file of the unit's reports: 2022, then 2023.
    rmSync(lastPath);
    compiled = `${LAST_2022}\n${LAST_2023}`;
    compiledPath = writeMaking(join(root, '历年', '示例县2022—2023年报.md'), compiled);
    const start = lineOf(compiled, '# 示例县人民政府办公室2023年');
    assert.equal(start, LAST_2022.split('\n').length);
    const since = client.mark();
    await client.notify('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: lastUri, type: 3 },
        { uri: uriOf(compiledPath), type: 1 },
      ],
    });
    const found = await client.waitForDiagnostics(draft.uri, (p) => ofCode(p, 'carry-over').length > 0, since);
    const carry = ofCode(found, 'carry-over');
    assert.equal(carry.length, 1);
    assert.deepEqual(carry[0].relatedInformation![0].location, {
      uri: uriOf(compiledPath),
      range: cellRange({ ...t3Cell(LAST_2023, '四、结转下年度', '商业企业'), line: start + lineOf(LAST_2023, '四、结转下年度继续办理') }),
    });
    assert.equal(textAt(compiled, carry[0].relatedInformation![0].location.range), '0');
    for (const d of ofCode(found, 'copied-paragraph')) {
      const source = d.relatedInformation![0].location;
      assert.equal(source.uri, uriOf(compiledPath));
      assert.ok(source.range.start.line > start, `in the 2023 report: line ${source.range.start.line}`);
      assert.equal(compact(textAt(compiled, source.range)), compact(textAt(CLEAN, d.range)));
    }
  });

  it('prefers the text of the file open in the editor over the file on disk', async () => {
    // Opened, and its 2023 row 四 corrected in the editor (not saved): no carry-over finding.
    const open = new Doc(client, uriOf(compiledPath), compiled.replace(LAST_2023, LAST_2023_AGREEING));
    let since = client.mark();
    await open.open();
    const edited = await client.waitForDiagnostics(draft.uri, (p) => ofCode(p, 'carry-over').length === 0, since);
    assert.ok(ofCode(edited, 'copied-paragraph').every((d) => d.relatedInformation![0].location.uri === open.uri));
    // Closed without saving: the file on disk again.
    since = client.mark();
    await open.close();
    const disk = await client.waitForDiagnostics(draft.uri, (p) => ofCode(p, 'carry-over').length === 1, since);
    assert.equal(ofCode(disk, 'carry-over')[0].relatedInformation![0].location.uri, uriOf(compiledPath));
  });

  it('uses the right report of an open document of several units’ reports', async () => {
    // A reviewer's file of 2023 reports, not on disk: 样例县's first, then 示例县's.
    const text = `${otherUnit(LAST_2023)}\n${LAST_2023_AGREEING.replace('| 四、结转下年度继续办理 | | 2 | 1 | 0 | 0 | 0 | 0 | 3 |', '| 四、结转下年度继续办理 | | 2 | 1 | 0 | 0 | 0 | 1 | 4 |')}`;
    const reviewer = new Doc(client, 'untitled:2023年各单位年报', text);
    let since = client.mark();
    await reviewer.open();
    const compared = await client.waitForDiagnostics(
      draft.uri,
      (p) => ofCode(p, 'carry-over').some((d) => d.relatedInformation?.[0].location.uri === reviewer.uri),
      since,
    );
    // 其他 and 总计 differ now; both linked to the reviewer's file, in its second report.
    const [carry] = ofCode(compared, 'carry-over');
    const second = otherUnit(LAST_2023).split('\n').length;
    assert.equal(carry.range.start.character, t3Cell(CLEAN, '二、上年结转', '其他').start);
    assert.deepEqual(
      carry.relatedInformation!.map((r) => [textAt(text, r.location.range), r.location.range.start.line]),
      [
        ['1', second + lineOf(LAST_2023, '四、结转下年度继续办理')],
        ['4', second + lineOf(LAST_2023, '四、结转下年度继续办理')],
      ],
    );
    since = client.mark();
    await reviewer.close();
    await client.waitForDiagnostics(draft.uri, (p) => ofCode(p, 'carry-over').some((d) => d.relatedInformation?.[0].location.uri === uriOf(compiledPath)), since);
  });

  it('follows the workspace folders: removed, no comparison; added again, compared again', async () => {
    let since = client.mark();
    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [{ uri: uriOf(root), name: '示例县政务公开' }] } });
    const alone = await client.waitForDiagnostics(draft.uri, (p) => crossCodes(p).length === 0, since);
    assert.deepEqual(alone.diagnostics, []);
    since = client.mark();
    await client.notify('workspace/didChangeWorkspaceFolders', { event: { added: [{ uri: uriOf(root), name: '示例县政务公开' }], removed: [] } });
    const back = await client.waitForDiagnostics(draft.uri, (p) => ofCode(p, 'carry-over').length === 1, since);
    assert.ok(ofCode(back, 'copied-paragraph').length > 0);
  });

  it('logged no error, and shuts down cleanly', async () => {
    assert.deepEqual(errors(client), []);
    await draft.close();
    assert.equal(await client.stop(), 0);
  });
});

describe('a workspace folder without last year’s report (rootUri, no file watching)', () => {
  let client: TestClient;
  after(() => client?.kill());

  it('finds nothing across files, and neither hangs nor fails on files it cannot read', async () => {
    const root = join(tmp, '无上年报告');
    const outside = join(tmp, '文件夹外');
    const draftPath = writeMaking(join(root, '示例县2024年报.md'), CLEAN);
    // Reports that are not last year's of this unit: another county's, and this unit's of two years ago.
    writeMaking(join(root, '样例县2023年报.md'), otherUnit(LAST_2023));
    writeMaking(join(root, '示例县2022年报.md'), LAST_2022);
    // Last year's report outside the folder, reachable only through a link: not followed.
    writeMaking(join(outside, '示例县2023年报.md'), LAST_2023);
    symlinkSync(join(outside, '示例县2023年报.md'), join(root, '链接-2023.md'));
    // And what a folder may hold that cannot be read as a report.
    const locked = writeMaking(join(root, '加密.md'), otherUnit(CLEAN));
    chmodSync(locked, 0o000);
    assert.equal(spawnSync('mkfifo', [join(root, '管道.md')]).status, 0, 'mkfifo');
    symlinkSync(join(root, '不存在.md'), join(root, '失效链接.md'));
    mkdirSync(join(root, '目录.md'));
    writeMaking(join(root, '乱码.md'), Buffer.from(Array.from({ length: 9000 }, (_, i) => (i * 7919) % 256)));
    writeMaking(join(root, '.git', '示例县2023年报.md'), LAST_2023);
    writeMaking(join(root, 'node_modules', 'x', '示例县2023年报.md'), LAST_2023);

    client = await TestClient.start();
    client.config = { nianbao: { locale: 'zh-CN', debounceMs: 40 } };
    const init = await client.initialize({ rootUri: uriOf(root) });
    assert.equal(init.capabilities.workspace, undefined, 'no workspace folder events for a client without them');
    await client.initialized();
    const draft = new Doc(client, uriOf(draftPath), CLEAN);
    const since = client.mark();
    await draft.open();
    const published = await client.waitForDiagnostics(draft.uri, (p) => p.version === 1, since);
    assert.deepEqual(published.diagnostics, []);
    // Still answering.
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: draft.uri } });
    assert.equal(symbols[0]?.name, '示例县人民政府办公室2024年政府信息公开工作年度报告');
    assert.deepEqual(errors(client), []);
    await draft.close();
    assert.equal(await client.stop(), 0);
  });
});
