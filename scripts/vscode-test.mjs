// npm run test:vscode — the extension in a real VS Code (test/vscode/suite.ts).
//
// Desktop VS Code (@vscode/test-electron). It cannot download VS Code on this
// machine, so the suite runs only against a VS Code you point at:
//   VSCODE_EXECUTABLE=/path/to/code npm run test:vscode
// (on a Linux machine without a display, under xvfb-run). Without it, the script
// says so and exits 0.
//
// code-server (npm run test:vscode:code-server, i.e. --code-server): the same
// suite in code-server's extension host, against the packaged .vsix. Needs the
// tools of `bash .ci/e2e-setup.sh` (.e2e/: Node 24, code-server, playwright-core;
// /usr/bin/chromium). The suite is wrapped in a throwaway harness extension that
// starts on onStartupFinished, runs it and writes the result to a file.
//
// Both modes: build, bundle the suite to .vscode-test/suite/suite.js (CommonJS,
// for the extension host), write a temporary workspace, run, exit 0 when every
// scenario passed. Option: --no-build (use dist/ or the .vsix as they are).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const executable = process.env.VSCODE_EXECUTABLE;
const codeServer = process.argv.includes('--code-server');
const build = !process.argv.includes('--no-build');

if (!executable && !codeServer) {
  console.log('test:vscode skipped: no VS Code available (set VSCODE_EXECUTABLE; @vscode/test-electron cannot download VS Code on this machine)');
  process.exit(0);
}
if (executable && !codeServer && !existsSync(executable)) {
  console.error(`test:vscode: VSCODE_EXECUTABLE does not exist: ${executable}`);
  process.exit(2);
}

function run(command, args) {
  const r = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The suite, bundled for the extension host (which loads CommonJS; `vscode` is provided).
async function bundleSuite(outfile) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [join(ROOT, 'test', 'vscode', 'suite.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node18',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode'],
    logLevel: 'warning',
  });
}

/** The workspace: see test/vscode/suite.ts for what each file is for. */
function writeWorkspace(workspace) {
  const clean = readFileSync(join(ROOT, 'examples', 'clean-2024.md'), 'utf8');
  const row = '| 一、本年新收政府信息公开申请数量 | | | 38 | 5 | 1 | 0 | 2 | 1 | 47 |';
  if (!clean.includes(row)) throw new Error('examples/clean-2024.md changed: row 一 not found');
  mkdirSync(workspace, { recursive: true });
  writeFileSync(join(workspace, 'report.md'), clean.replace(row, row.replace('| 47 |', '| 48 |')));
  writeFileSync(join(workspace, 'outline.md'), clean.replace(/^## ([一二三四五六]、)/gm, '$1'));
  writeFileSync(join(workspace, 'README.md'), '# 使用说明\n\n这是一个普通的说明文件，不是年度报告。\n\n- 第一条\n- 第二条\n');
}

const SETTINGS = {
  'nianbao.locale': 'zh-CN',
  'nianbao.enable': 'auto',
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
};

const work = mkdtempSync(join(tmpdir(), 'nianbao-vscode-'));
let status = 1;
try {
  status = codeServer ? await runInCodeServer() : await runInDesktop();
} catch (error) {
  console.error(`test:vscode failed: ${error?.stack ?? error}`);
  if (!codeServer && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error('(no display: run it under xvfb-run, e.g. xvfb-run -a npm run test:vscode)');
  }
  status = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(status);

// ---------------------------------------------------------------------------

async function runInDesktop() {
  if (build) run(process.execPath, ['esbuild.mjs']);
  const suite = join(ROOT, '.vscode-test', 'suite', 'suite.js');
  await bundleSuite(suite);
  const workspace = join(work, 'workspace');
  const userData = join(work, 'user-data');
  writeWorkspace(workspace);
  mkdirSync(join(userData, 'User'), { recursive: true });
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(SETTINGS, null, 2));
  const { runTests } = await import('@vscode/test-electron');
  // Resolves with 0, rejects (TestRunFailedError) on a failure.
  return runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: suite,
    launchArgs: [workspace, '--disable-extensions', '--user-data-dir', userData, '--disable-gpu'],
  });
}

async function runInCodeServer() {
  const cs = await import(pathToFileURL(join(ROOT, 'test', 'e2e', 'codeserver.mjs')).href);
  cs.checkTools();
  const vsce = join(ROOT, 'node_modules', '.bin', 'vsce');

  // The extension as users get it.
  const vsix = join(work, 'nianbao.vsix');
  if (build) run(process.execPath, ['esbuild.mjs', '--production']);
  run(vsce, ['package', '--no-dependencies', '--out', vsix]);

  // The harness: runs the suite once the workbench is up, reports to a file.
  const harness = join(work, 'harness');
  const result = join(work, 'result.log');
  await bundleSuite(join(harness, 'suite.js'));
  writeFileSync(
    join(harness, 'package.json'),
    JSON.stringify({
      name: 'nianbao-test-harness',
      publisher: 'nianbao',
      version: '0.0.0',
      license: 'MIT',
      engines: { vscode: '^1.91.0' },
      main: './extension.js',
      activationEvents: ['onStartupFinished'],
    }),
  );
  writeFileSync(
    join(harness, 'extension.js'),
    `const fs = require('fs');
const out = ${JSON.stringify(result)};
exports.activate = () => {
  const write = (line) => fs.appendFileSync(out, line + '\\n');
  require('./suite.js').run({ log: write }).then(
    () => write('@@done ok'),
    (error) => write('@@done failed: ' + ((error && error.message) || error)),
  );
};
`,
  );
  writeFileSync(join(harness, 'LICENSE'), 'MIT');
  writeFileSync(join(harness, 'README.md'), 'Runs test/vscode/suite.ts in code-server.');
  const harnessVsix = join(work, 'harness.vsix');
  const packed = spawnSync(vsce, ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', harnessVsix], { cwd: harness, encoding: 'utf8' });
  if (packed.status !== 0) throw new Error(`packaging the harness failed:\n${packed.stdout}${packed.stderr}`);

  const dirs = { userDataDir: join(work, 'user-data'), extensionsDir: join(work, 'extensions'), configFile: join(work, 'config.yaml') };
  await cs.installExtension({ ...dirs, vsix });
  await cs.installExtension({ ...dirs, vsix: harnessVsix });
  cs.writeUserSettings(dirs.userDataDir, { ...cs.userSettings(), ...SETTINGS });
  const workspace = join(work, 'workspace');
  writeWorkspace(workspace);

  const logFile = join(work, 'code-server.log');
  const server = await cs.startCodeServer({ ...dirs, logFile });
  let browser;
  try {
    const { chromium } = cs.loadPlaywright();
    browser = await chromium.launch({ executablePath: cs.CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'], timeout: 60_000 });
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    // Waits on the harness's result file (fs.watch), bounded by a time limit.
    const finished = new Promise((resolveDone, rejectDone) => {
      writeFileSync(result, '');
      let printed = 0;
      const check = () => {
        const text = readFileSync(result, 'utf8');
        const lines = text.split('\n').slice(0, -1);
        for (const line of lines.slice(printed)) if (!line.startsWith('@@done')) console.log(line);
        printed = lines.length;
        const done = lines.find((l) => l.startsWith('@@done'));
        if (done) {
          watcher.close();
          clearTimeout(timer);
          resolveDone(done === '@@done ok' ? 0 : 1);
        }
      };
      const watcher = watch(result, check);
      const timer = setTimeout(() => {
        watcher.close();
        rejectDone(new Error(`no result from the suite within 300 s\n--- code-server log ---\n${cs.tail(logFile, 30)}`));
      }, 300_000);
    });
    await page.goto(`${server.url}?folder=${encodeURIComponent(workspace)}`);
    const code = await finished;
    if (code !== 0) printExtensionLogs(dirs.userDataDir);
    return code;
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

/** On a failure: what the extension and its language server logged (the output channel "Nianbao …"). */
function printExtensionLogs(userDataDir) {
  const found = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/nianbao/i.test(path) && entry.name.endsWith('.log')) found.push(path);
    }
  };
  try {
    walk(join(userDataDir, 'logs'));
  } catch {
    return;
  }
  for (const path of found) {
    const text = readFileSync(path, 'utf8').trim();
    console.log(`--- ${path.slice(userDataDir.length + 1)} ---\n${text ? text.split('\n').slice(-60).join('\n') : '(empty)'}`);
  }
}
