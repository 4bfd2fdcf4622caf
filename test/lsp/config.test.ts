/**
 * Configuration in the language server, over stdio: the .nianbaorc.json above a
 * draft over the setting nianbao.rules over the defaults; a wrong file is a
 * diagnostic on that file (never silently ignored), and a change on disk
 * (workspace/didChangeWatchedFiles) re-checks the open drafts; the server
 * command behind "显示生效的配置" answers with the merged result.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { Doc, TestClient, WORKSPACE_CLIENT } from './client';
import { writeMaking } from '../helpers';
import { example, WRONG_ROW_TOTAL } from './drafts';

const uriOf = (path: string) => pathToFileURL(path).href;
const severityOf = (p: PublishDiagnosticsParams, code: string) => [...new Set(p.diagnostics.filter((d) => d.code === code).map((d) => d.severity))];
const codes = (p: PublishDiagnosticsParams) => new Set(p.diagnostics.map((d) => String(d.code)));

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nianbao-lsp-config-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('.nianbaorc.json in the language server', () => {
  let client: TestClient;
  let root: string;
  let configPath: string;
  let seed: Doc;
  let wrong: Doc;

  before(async () => {
    root = join(tmp, '示例县');
    configPath = writeMaking(join(root, '.nianbaorc.json'), '{\n  // 全县统一\n  "rules": { "label-deviation": "off", "cell-blank": "error" }\n}\n');
    client = await TestClient.start();
    // The setting: t3-row-total as information (the file says nothing of it); cell-blank as information (the file wins).
    client.config = { nianbao: { debounceMs: 20, rules: { 't3-row-total': 'info', 'cell-blank': 'info' } } };
    await client.initialize({ capabilities: WORKSPACE_CLIENT, workspaceFolders: [{ uri: uriOf(root), name: '示例县' }] });
    await client.initialized();
    seed = new Doc(client, uriOf(writeMaking(join(root, '2024', 'seed-001.md'), example('seed-001.md'))), example('seed-001.md'));
    wrong = new Doc(client, uriOf(writeMaking(join(root, '2024', 'wrong.md'), WRONG_ROW_TOTAL)), WRONG_ROW_TOTAL);
  });
  after(() => client?.kill());

  it('the file over the setting over the defaults', async () => {
    const since = client.mark();
    await seed.open();
    await wrong.open();
    const s = await client.waitForDiagnostics(seed.uri, () => true, since);
    assert.ok(!codes(s).has('label-deviation'), 'switched off by the file');
    assert.deepEqual(severityOf(s, 'cell-blank'), [1], 'error from the file, not information from the setting');
    const w = await client.waitForDiagnostics(wrong.uri, () => true, since);
    assert.deepEqual(severityOf(w, 't3-row-total'), [3], 'information from the setting');
  });

  it('answers 显示生效的配置 with the merged rules and the file they came from', async () => {
    type Shown = Record<string, { severity: string; options?: Record<string, unknown> }>;
    const result = await client.request<{ configFile: string; changed: Shown; rules: Shown }>('workspace/executeCommand', {
      command: 'nianbao.server.effectiveConfig',
      arguments: [seed.uri],
    });
    assert.equal(result.configFile, configPath);
    assert.deepEqual(result.rules['label-deviation'], { severity: 'off' });
    assert.deepEqual(result.rules['cell-blank'], { severity: 'error' });
    assert.deepEqual(result.rules['t3-row-total'], { severity: 'info' });
    // What differs from the defaults, first.
    assert.deepEqual(Object.keys(result.changed), ['t3-row-total', 'cell-blank', 'label-deviation']);
    assert.deepEqual(result.rules.deadline, { severity: 'info', options: { publisher: 'auto', departmentDeadline: '01-31', governmentDeadline: '03-31' } });
  });

  it('a wrong file: a diagnostic on it at the mistake; corrected on disk, it is cleared and the drafts re-checked', async () => {
    let since = client.mark();
    writeMaking(configPath, '{\n  "rules": {\n    "label-deviaton": "off",\n    "cell-blank": "loud"\n  }\n}\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(configPath), type: 2 }] });
    const problems = await client.waitForDiagnostics(uriOf(configPath), (p) => p.diagnostics.length > 0, since);
    assert.deepEqual(
      problems.diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.severity, d.message]),
      [
        [2, 4, 1, '没有代码为“label-deviaton”的检查，是否指“label-deviation”？'],
        [3, 18, 1, '“cell-blank”的级别应为 off、info、warning 或 error，或 { "severity": …, 选项 }'],
      ],
    );
    // What is wrong is left out; the rest holds: label-deviation is on again (its "off" named no check).
    const s = await client.waitForDiagnostics(seed.uri, (p) => codes(p).has('label-deviation'), since);
    assert.deepEqual(severityOf(s, 'cell-blank'), [3], 'the setting, the file’s value being wrong');
    since = client.mark();
    writeMaking(configPath, '{ "rules": { "label-deviation": "off" } }\n');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(configPath), type: 2 }] });
    await client.waitForDiagnostics(uriOf(configPath), (p) => p.diagnostics.length === 0, since);
    await client.waitForDiagnostics(seed.uri, (p) => !codes(p).has('label-deviation'), since);
  });

  it('a new .nianbaorc.json in a subfolder is found when created', async () => {
    const since = client.mark();
    const nested = writeMaking(join(root, '2024', '.nianbaorc.json'), '{ "rules": { "t3-row-total": "off" } }');
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(nested), type: 1 }] });
    const w = await client.waitForDiagnostics(wrong.uri, (p) => !codes(p).has('t3-row-total'), since);
    assert.ok(!codes(w).has('t3-row-total'));
  });
});
