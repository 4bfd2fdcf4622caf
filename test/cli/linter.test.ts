/**
 * The CLI as linters work: configuration files (lookup, extends, precedence,
 * errors), --rule, --quiet, --max-warnings, SARIF checked against the 2.1.0
 * schema, standard input, globs, --fix-dry-run, --columns, colours, -o,
 * --version, and the language server's own command line.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { CHECKS } from '../../server/src/checks';
import { cli, findingLines, LINE, ROOT, summaryLine } from './run';

const SEED_001 = readFileSync(join(ROOT, 'examples', 'seed-001.md'), 'utf8');
const CLEAN = readFileSync(join(ROOT, 'examples', 'clean-2024.md'), 'utf8');
/** clean-2024.md with its Table 3 row 一 total written 48 for 47: one error with a certain fix. */
const ROW = '| 一、本年新收政府信息公开申请数量 | | | 38 | 5 | 1 | 0 | 2 | 1 | 47 |';
const WRONG = CLEAN.replace(ROW, ROW.replace('| 47 |', '| 48 |'));

let tmp: string;
before(() => {
  assert.notEqual(WRONG, CLEAN);
  tmp = mkdtempSync(join(tmpdir(), 'nianbao-linter-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Files under a fresh folder of tmp; the CLI runs there, so configuration lookup stops there. */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmp, 'case-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const codes = (stdout: string) => findingLines(stdout).map((l) => LINE.exec(l)![5]);
const severities = (stdout: string, code: string) => findingLines(stdout).filter((l) => LINE.exec(l)![5] === code).map((l) => LINE.exec(l)![4]);

describe('configuration files', () => {
  test('the nearest .nianbaorc.json above a draft applies; a folder beside it is not affected', () => {
    const dir = folder({
      '.nianbaorc.json': '{ "rules": { "label-deviation": "off" } }',
      'county/a/seed-001.md': SEED_001,
      'county/b/.nianbaorc.json': '{ /* 本单位 */ "rules": { "cell-blank": "error", }, }',
      'county/b/seed-001.md': SEED_001,
    });
    const plain = cli(['check', join(ROOT, 'examples', 'seed-001.md')]);
    assert.ok(codes(plain.stdout).includes('label-deviation'), 'seed-001 has label-deviation findings by default');
    const a = cli(['check', 'county/a'], { cwd: dir });
    assert.ok(!codes(a.stdout).includes('label-deviation'), a.stdout);
    assert.equal(a.status, 0);
    // The nearest file wins outright: b's own file does not switch label-deviation off.
    const b = cli(['check', 'county/b'], { cwd: dir });
    assert.ok(codes(b.stdout).includes('label-deviation'), b.stdout);
    assert.deepEqual([...new Set(severities(b.stdout, 'cell-blank'))], ['error']);
    assert.equal(b.status, 1, 'cell-blank set to error makes the run fail');
  });

  test('extends: the named file first, the file itself over it; --rule over both; --config instead of the lookup', () => {
    const dir = folder({
      '全市/统一.json': '{ "rules": { "label-deviation": "off", "cell-blank": "info" } }',
      'unit/.nianbaorc.json': '{ "extends": "../全市/统一.json", "rules": { "cell-blank": "error" } }',
      'unit/seed-001.md': SEED_001,
    });
    const r = cli(['check', 'unit'], { cwd: dir });
    assert.ok(!codes(r.stdout).includes('label-deviation'), 'from the extended file');
    assert.deepEqual([...new Set(severities(r.stdout, 'cell-blank'))], ['error'], 'the file over what it extends');
    const flagged = cli(['check', 'unit', '--rule', 'cell-blank=warning', '--rule', 'label-deviation=info'], { cwd: dir });
    assert.deepEqual([...new Set(severities(flagged.stdout, 'cell-blank'))], ['warning'], '--rule over the file');
    assert.deepEqual([...new Set(severities(flagged.stdout, 'label-deviation'))], ['information']);
    const explicit = cli(['check', 'unit', '--config', '全市/统一.json'], { cwd: dir });
    assert.deepEqual([...new Set(severities(explicit.stdout, 'cell-blank'))], ['information'], '--config replaces the lookup');
  });

  test('a check option from the file: a local deadline', () => {
    const late = CLEAN.replace('2025年1月20日', '2025年1月28日');
    const dir = folder({ 'draft.md': late, '.nianbaorc.json': '{ "rules": { "deadline": { "severity": "warning", "departmentDeadline": "1月26日" } } }' });
    assert.ok(!codes(cli(['check', '-'], { input: late, cwd: tmp }).stdout).includes('deadline'), 'on time under the national rule');
    const r = cli(['check', 'draft.md'], { cwd: dir });
    assert.deepEqual(severities(r.stdout, 'deadline'), ['warning'], r.stdout);
    assert.match(r.stdout, /发布期限 2025年1月26日/);
  });

  test('a wrong configuration: every problem at its line and column, nothing checked, exit 2', () => {
    const config = ['{', '  "rules": {', '    "copied-paragrap": "off",', '    "deadline": { "publisher": "county" },', '    "t3-balance": "loud"', '  },', '  "colour": true', '}'].join('\n');
    const dir = folder({ '.nianbaorc.json': config, 'draft.md': WRONG });
    const r = cli(['check', 'draft.md'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '', 'nothing is checked');
    const lines = r.stderr.trim().split('\n');
    assert.match(lines[0], /配置有误，未检查/);
    assert.match(r.stderr, /\.nianbaorc\.json:3:5：没有代码为“copied-paragrap”的检查，是否指“copied-paragraph”？/);
    assert.match(r.stderr, /\.nianbaorc\.json:4:32：“deadline”的选项“publisher”应为 auto \| department \| government 之一/);
    assert.match(r.stderr, /\.nianbaorc\.json:5:19：“t3-balance”的级别应为 off、info、warning 或 error/);
    assert.match(r.stderr, /\.nianbaorc\.json:7:3：未知的配置项“colour”/);
    const en = cli(['check', 'draft.md', '--locale', 'en'], { cwd: dir });
    assert.match(en.stderr, /No check has the code “copied-paragrap”; did you mean “copied-paragraph”\?/);
  });

  test('broken JSON, a missing extends and a circle of extends are each said, exit 2', () => {
    const broken = folder({ '.nianbaorc.json': '{ "rules": { "cell-blank": "off" }', 'draft.md': CLEAN });
    const r = cli(['check', 'draft.md'], { cwd: broken });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /不是有效的 JSON（可含注释）：缺少右花括号 }/);
    const missing = folder({ '.nianbaorc.json': '{ "extends": "./nowhere.json" }', 'draft.md': CLEAN });
    assert.match(cli(['check', 'draft.md'], { cwd: missing }).stderr, /1:14："extends" 指向的文件不存在：\.\/nowhere\.json/);
    const circle = folder({ '.nianbaorc.json': '{ "extends": "./b.json" }', 'b.json': '{ "extends": "./.nianbaorc.json" }', 'draft.md': CLEAN });
    const c = cli(['check', 'draft.md'], { cwd: circle });
    assert.equal(c.status, 2);
    assert.match(c.stderr, /b\.json:1:14："extends" 循环引用/);
  });

  test('--rule that names no check, or an option wrongly, is bad usage', () => {
    const r = cli(['check', 'examples/clean-2024.md', '--rule', 'cel-blank=off']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /没有代码为“cel-blank”的检查，是否指“cell-blank”？/);
    assert.equal(cli(['check', 'examples/clean-2024.md', '--rule', 'cell-blank']).status, 2);
    assert.match(cli(['check', 'examples/clean-2024.md', '--rule', 'deadline.departmentDeadline=2月30日']).stderr, /应为日期/);
  });
});

describe('what is reported, and the exit code', () => {
  test('--quiet reports errors only; --max-warnings N fails a run with more warnings', () => {
    const seed = join('examples', 'seed-001.md');
    const all = cli(['check', seed]);
    const warnings = findingLines(all.stdout).filter((l) => l.includes('  warning  ')).length;
    assert.ok(warnings > 0);
    assert.equal(all.status, 0);
    const quiet = cli(['check', seed, '--quiet']);
    assert.equal(findingLines(quiet.stdout).length, 0, quiet.stdout);
    assert.equal(cli(['check', seed, '--max-warnings', String(warnings)]).status, 0);
    const over = cli(['check', seed, '--max-warnings', String(warnings - 1)]);
    assert.equal(over.status, 1);
    assert.match(over.stderr, new RegExp(`警告 ${warnings} 个，超过 --max-warnings ${warnings - 1}`));
    assert.equal(cli(['check', seed, '--max-warnings', '-1']).status, 2);
  });

  test('SARIF 2.1.0: valid against the schema, every check a rule with its docs link, results located relative to the folder', () => {
    const dir = folder({ 'reports/draft.md': WRONG, 'reports/seed-001.md': SEED_001 });
    const r = cli(['check', 'reports', '--format', 'sarif'], { cwd: dir });
    assert.equal(r.status, 1);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: unknown; region: unknown } }[] }[]; columnKind: string }[] };
    const ajv = new Ajv({ strict: false, unicodeRegExp: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')));
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const run = log.runs[0];
    assert.deepEqual(run.tool.driver.rules.map((rule) => rule.id), CHECKS.map((c) => c.code));
    assert.match(run.tool.driver.rules[0].helpUri, /docs\/checks\.md#missing-section$/);
    const error = run.results.find((x) => x.ruleId === 't3-row-total')!;
    assert.equal(error.level, 'error');
    assert.deepEqual(error.locations[0].physicalLocation.artifactLocation, { uri: 'reports/draft.md', uriBaseId: '%SRCROOT%' });
    const row = CLEAN.split('\n').indexOf(ROW);
    assert.deepEqual(error.locations[0].physicalLocation.region, { startLine: row + 1, startColumn: ROW.indexOf('47') + 1, endLine: row + 1, endColumn: ROW.indexOf('47') + 3 });
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.ok(run.results.some((x) => x.level === 'warning'));
  });

  test('-o writes the report to a file, stdout stays empty', () => {
    const dir = folder({ 'draft.md': WRONG });
    const r = cli(['check', 'draft.md', '--format', 'json', '-o', 'out/result.json'], { cwd: dir });
    assert.equal(r.status, 2, 'the folder out/ does not exist');
    mkdirSync(join(dir, 'out'));
    const ok = cli(['check', 'draft.md', '--format', 'json', '-o', 'out/result.json'], { cwd: dir });
    assert.equal(ok.status, 1);
    assert.equal(ok.stdout, '');
    assert.equal(JSON.parse(readFileSync(join(dir, 'out/result.json'), 'utf8'))[0].findings[0].code, 't3-row-total');
  });
});

describe('inputs: standard input and globs', () => {
  test('check - reads standard input; --stdin-filename names it and finds its configuration', () => {
    const r = cli(['check', '-'], { input: WRONG });
    assert.equal(r.status, 1);
    assert.match(findingLines(r.stdout)[0], /^<stdin>:\d+:\d+ {2}error {2}t3-row-total/);
    const dir = folder({ 'unit/.nianbaorc.json': '{ "rules": { "t3-row-total": "warning" } }' });
    const named = cli(['check', '-', '--stdin-filename', 'unit/草稿.md'], { input: WRONG, cwd: dir });
    assert.match(findingLines(named.stdout)[0], /^unit\/草稿\.md:\d+:\d+ {2}warning {2}t3-row-total/);
    assert.equal(cli(['check', '-', '--fix'], { input: WRONG }).status, 2);
    // GBK on standard input is decoded as a file is.
    assert.equal(cli(['check', '-'], { input: CLEAN }).status, 0);
  });

  test('a quoted glob is expanded by the CLI; one that matches nothing is bad usage', () => {
    const dir = folder({ '2024/a.md': WRONG, '2024/sub/b.md': CLEAN, '2024/README.md': '# 说明\n\n普通文件。\n', '2023/c.md': WRONG });
    const r = cli(['check', '2024/**/*.md'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.deepEqual([...new Set(findingLines(r.stdout).map((l) => LINE.exec(l)![1]))], ['2024/a.md']);
    assert.match(summaryLine(r.stdout), /^2 个文件，1 个错误.*另有 1 个文件不像年度报告/);
    const none = cli(['check', '2025/*.md'], { cwd: dir });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /没有文件与 2025\/\*\.md 匹配/);
  });
});

describe('--fix-dry-run, --columns, colours, --version', () => {
  test('--fix-dry-run prints a unified diff of the certain fixes and writes nothing', () => {
    const dir = folder({ 'draft.md': WRONG });
    const r = cli(['check', 'draft.md', '--fix-dry-run'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'draft.md'), 'utf8'), WRONG, 'not written');
    assert.match(r.stdout, /draft\.md：可修复 1 处（--fix-dry-run，未写入）/);
    assert.match(r.stdout, /^--- draft\.md/m);
    assert.ok(r.stdout.includes(`\n-${ROW.replace('| 47 |', '| 48 |')}\n+${ROW}\n`), r.stdout);
    assert.equal(r.status, 0, 'the findings that would remain: none');
    const json = JSON.parse(cli(['check', 'draft.md', '--fix-dry-run', '--format', 'json'], { cwd: dir }).stdout);
    assert.match(json[0].diff, /^@@ /m);
    assert.equal(cli(['check', 'draft.md', '--fix', '--fix-dry-run'], { cwd: dir }).status, 2);
  });

  test('--columns: UTF-16 units by default, characters or UTF-8 bytes when asked', () => {
    const dir = folder({ 'draft.md': WRONG });
    const column = (unit?: string) => Number(LINE.exec(findingLines(cli(['check', 'draft.md', ...(unit ? ['--columns', unit] : [])], { cwd: dir }).stdout)[0])![3]);
    const before = ROW.slice(0, ROW.indexOf('47'));
    assert.equal(column(), before.length + 1);
    assert.equal(column('codepoint'), [...before].length + 1);
    assert.equal(column('byte'), Buffer.byteLength(before) + 1);
    assert.notEqual(column('byte'), column());
  });

  test('colours: never on a pipe unless FORCE_COLOR; NO_COLOR and --no-color turn them off', () => {
    const seed = join('examples', 'seed-001.md');
    assert.doesNotMatch(cli(['check', seed]).stdout, /\x1b\[/);
    assert.match(cli(['check', seed], { env: { FORCE_COLOR: '1' } }).stdout, /\x1b\[33mwarning/);
    assert.doesNotMatch(cli(['check', seed], { env: { FORCE_COLOR: '0' } }).stdout, /\x1b\[/);
    assert.doesNotMatch(cli(['check', seed], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }).stdout, /\x1b\[/);
    assert.doesNotMatch(cli(['check', seed, '--no-color'], { env: { FORCE_COLOR: '1' } }).stdout, /\x1b\[/);
  });

  test('--version and help: the package version; every option of check in its help', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
    assert.equal(cli(['--version']).stdout, `${version}\n`);
    assert.equal(cli(['check', '--version']).stdout, `${version}\n`);
    const help = cli(['check', '--help']).stdout;
    for (const option of ['--format', '--config', '--rule', '--quiet', '--max-warnings', '--columns', '--fix-dry-run', '--stdin-filename', '-o, --output', '--jobs', '--version']) assert.ok(help.includes(option), option);
  });
});

describe('the language server by hand', () => {
  const server = join(ROOT, 'dist', 'server.js');
  test('node dist/server.js without a transport prints its usage and exits 2; --help and --version answer', () => {
    const bare = spawnSync(process.execPath, [server], { encoding: 'utf8', timeout: 10_000 });
    assert.equal(bare.status, 2);
    assert.match(bare.stderr, /nianbao lsp/);
    assert.ok(bare.stderr.length < 1000, 'a usage, not the bundle');
    assert.match(spawnSync(process.execPath, [server, '--help'], { encoding: 'utf8' }).stdout, /--stdio/);
    assert.match(spawnSync(process.execPath, [server, '--version'], { encoding: 'utf8' }).stdout, /^\d+\.\d+\.\d+\n$/);
    assert.match(cli(['lsp', '--help']).stdout, /language server/);
  });

  test('nianbao lsp speaks LSP on stdio', () => {
    const initialize = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    const shutdown = JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'shutdown' });
    const exit = JSON.stringify({ jsonrpc: '2.0', method: 'exit' });
    const frame = (body: string) => `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    const r = cli(['lsp'], { input: frame(initialize) + frame(shutdown) + frame(exit) });
    assert.match(r.stdout, /"serverInfo":\{"name":"nianbao"/);
  });
});
