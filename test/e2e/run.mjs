#!/usr/bin/env node
// End-to-end UI test: the packaged extension in real VS Code (code-server),
// driven through headless Chromium the way a clerk would use it.
//
//   bash .ci/e2e-setup.sh                 # once: Node 24, code-server, playwright-core, chromium
//   node test/e2e/run.mjs [path/to/x.vsix] [--only name,name] [--scenarios file.mjs]
//                         [--workspace dir] [--expect overrides.json] [--keep]
//
// Without a .vsix argument the newest nianbao-*.vsix at the repository root is used.
// Screenshots: test-results/NN-name.png (one per step, NN-name.png = final state).
// Prints "N passed, N failed" as its last line; exits 1 on any failure.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as cs from './codeserver.mjs';
import { Workbench } from './vscode-ui.mjs';

const T0 = Date.now();
const secs = () => ((Date.now() - T0) / 1000).toFixed(1);
const log = (...a) => console.log(`[e2e ${secs().padStart(5)}s]`, ...a);

const { values: opts, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    only: { type: 'string' },
    scenarios: { type: 'string' },
    workspace: { type: 'string' },
    expect: { type: 'string' },
    keep: { type: 'boolean', default: false },
    headed: { type: 'boolean', default: false },
  },
});

const TOTAL_TIMEOUT_MS = Number(process.env.E2E_TOTAL_TIMEOUT_S || 900) * 1000;
const SCENARIO_TIMEOUT_MS = Number(process.env.E2E_SCENARIO_TIMEOUT_S || 150) * 1000;
const RESULTS = path.join(cs.REPO_ROOT, 'test-results');

// ---------------------------------------------------------------- cleanup on any exit
const cleanups = [];
let cleaning = null;
function cleanup() {
  if (!cleaning) {
    cleaning = (async () => {
      for (const fn of cleanups.reverse()) {
        try { await Promise.race([fn(), new Promise((r) => setTimeout(r, 10_000))]); } catch {}
      }
    })();
  }
  return cleaning;
}
let summaryPrinted = false;
function printSummary(passed, failed) {
  if (summaryPrinted) return;
  summaryPrinted = true;
  console.log(`${passed} passed, ${failed} failed`);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, async () => {
    log(`got ${sig}, stopping`);
    await cleanup();
    printSummary(results.filter((r) => r.ok).length, results.filter((r) => !r.ok).length + 1);
    process.exit(1);
  });
}
const results = [];
let aborted = false;
let current = null; // { name, ui } of the scenario running now
const guard = setTimeout(async () => {
  aborted = true;
  console.log(`\n[e2e] overall time limit of ${TOTAL_TIMEOUT_MS / 1000}s reached${current ? ` during "${current.name}"` : ''}; stopping code-server and chromium`);
  if (current) {
    console.log('    --- what the screen shows ---');
    console.log(indent(await withTimeout(current.ui.describeScreen(), 5000, 'reading the screen').catch((e) => `(${e.message})`), '    '));
  }
  await cleanup();
  printSummary(results.filter((r) => r.ok).length, results.filter((r) => !r.ok).length + 1);
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

// ---------------------------------------------------------------- inputs
function findVsix() {
  if (positionals[0]) {
    const p = path.resolve(positionals[0]);
    if (!fs.existsSync(p)) throw new Error(`no such .vsix: ${p}`);
    return p;
  }
  const cands = fs.readdirSync(cs.REPO_ROOT)
    .filter((f) => /^nianbao-.*\.vsix$/.test(f))
    .map((f) => path.join(cs.REPO_ROOT, f))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!cands.length) throw new Error('no .vsix given and no nianbao-*.vsix at the repository root (run: npm run package)');
  return cands[0];
}

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, rej) => { t = setTimeout(() => rej(new Error(`${what} took longer than ${ms / 1000}s`)), ms); }),
  ]).finally(() => clearTimeout(t));
}

function slug(s) {
  return String(s).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'step';
}

async function main() {
  cs.checkTools();
  const vsix = findVsix();
  const scenariosFile = path.resolve(opts.scenarios ?? path.join(cs.REPO_ROOT, 'test', 'e2e', 'scenarios.mjs'));
  const mod = await import(pathToFileURL(scenariosFile).href);
  if (opts.expect) mod.applyExpectOverrides?.(JSON.parse(fs.readFileSync(opts.expect, 'utf8')));
  let scenarios = mod.scenarios;
  if (opts.only) {
    const want = opts.only.split(',').map((s) => s.trim());
    scenarios = scenarios.filter((s) => want.some((w) => s.name === w || s.name.includes(w)));
  }
  if (!scenarios.length) throw new Error('no scenarios selected');

  fs.mkdirSync(RESULTS, { recursive: true });
  for (const f of fs.readdirSync(RESULTS)) {
    if (/^\d\d-.*\.png$/.test(f) || f === 'code-server.log' || f === 'browser-console.log') fs.rmSync(path.join(RESULTS, f));
  }

  // Fresh profile for every run, under the git-ignored .e2e/.
  const runDir = fs.mkdtempSync(path.join(cs.E2E_DIR, 'run-'));
  if (!opts.keep) cleanups.push(async () => fs.rmSync(runDir, { recursive: true, force: true }));
  const dirs = {
    userDataDir: path.join(runDir, 'user-data'),
    extensionsDir: path.join(runDir, 'extensions'),
    configFile: path.join(runDir, 'config.yaml'),
  };
  log(`vsix: ${path.relative(cs.REPO_ROOT, vsix) || vsix}`);
  log(await cs.installExtension({ ...dirs, vsix }).then((o) => o.split('\n').pop()));
  const installed = await cs.listExtensions(dirs);
  log(`installed extensions: ${installed.join(', ')}`);

  // The workspace the clerk opens: a fresh copy per scenario (temp folder).
  const wsRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-ws-'));
  cleanups.push(async () => { if (!opts.keep) fs.rmSync(wsRoot, { recursive: true, force: true }); });
  let wsCount = 0;
  const makeWorkspace = () => {
    const dir = path.join(wsRoot, `ws${++wsCount}`);
    fs.mkdirSync(dir, { recursive: true });
    mod.prepareWorkspace(dir, { repoRoot: cs.REPO_ROOT, source: opts.workspace && path.resolve(opts.workspace) });
    return dir;
  };

  let trustMode = null;
  const setTrust = (mode) => {
    if (mode === trustMode) return;
    cs.writeUserSettings(dirs.userDataDir, cs.userSettings({ trust: mode }));
    trustMode = mode;
  };
  setTrust('off');

  const logFile = path.join(RESULTS, 'code-server.log');
  const server = await cs.startCodeServer({ ...dirs, logFile });
  cleanups.push(() => server.stop());
  log(`code-server at ${server.url} (pid ${server.pid})`);

  const { chromium } = cs.loadPlaywright();
  const browser = await chromium.launch({
    executablePath: cs.CHROMIUM,
    headless: !opts.headed,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    timeout: 60_000,
  });
  cleanups.push(() => browser.close());
  log(`chromium ${browser.version()}`);
  const consoleLog = fs.createWriteStream(path.join(RESULTS, 'browser-console.log'));
  cleanups.push(() => new Promise((r) => consoleLog.end(r)));

  let n = 0;
  for (const sc of scenarios) {
    n++;
    const NN = String(n).padStart(2, '0');
    const base = `${NN}-${slug(sc.name)}`;
    const t = Date.now();
    setTrust(sc.trust ?? 'off');
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleLog.write(`[${base}] ${m.type()}: ${m.text()}\n`); });
    page.on('pageerror', (e) => consoleLog.write(`[${base}] pageerror: ${e.message}\n`));
    // A "leave page?" prompt (dirty editors) must never block closing.
    page.on('dialog', (d) => d.accept().catch(() => {}));
    const ui = new Workbench(page);
    current = { name: sc.name, ui };
    let stepNo = 0;
    const shot = async (label) => {
      const file = path.join(RESULTS, label ? `${base}-${String(++stepNo).padStart(2, '0')}-${slug(label)}.png` : `${base}.png`);
      const ts = Date.now();
      await page.screenshot({ path: file }).catch((e) => log(`screenshot failed: ${e.message}`));
      if (process.env.E2E_TRACE) console.log(`      [trace] screenshot ${Date.now() - ts} ms`);
      return file;
    };
    let currentStep = '(opening the workspace)';
    const ctx = {
      ui,
      page,
      expect: mod.EXPECT,
      log: (...a) => log(`  ${sc.name}:`, ...a),
      /** Runs one step of a scenario; saves a screenshot after it (also on failure). */
      step: async (label, fn) => {
        currentStep = label;
        const ts = Date.now();
        try {
          return await fn();
        } finally {
          await shot(label);
          if (process.env.E2E_VERBOSE) log(`  ${sc.name} / ${label}: ${((Date.now() - ts) / 1000).toFixed(1)}s`);
        }
      },
      shot,
    };
    let ok = false;
    let error;
    try {
      await withTimeout((async () => {
        const ws = makeWorkspace();
        ctx.workspace = ws;
        await page.goto(`${server.url}?folder=${encodeURIComponent(ws)}`);
        await ui.waitReady();
        currentStep = '(scenario)';
        await sc.run(ctx);
      })(), SCENARIO_TIMEOUT_MS, `scenario "${sc.name}"`);
      ok = true;
    } catch (e) {
      error = e;
    }
    if (aborted) break;
    await shot(null);
    const dt = ((Date.now() - t) / 1000).toFixed(1);
    if (ok) {
      log(`PASS ${NN} ${sc.name} (${dt}s)`);
    } else {
      log(`FAIL ${NN} ${sc.name} (${dt}s) at step: ${currentStep}`);
      console.log(indent(String(error?.stack ?? error), '    '));
      console.log('    --- what the screen shows ---');
      console.log(indent(await withTimeout(ui.describeScreen(), 15_000, 'reading the screen').catch((e) => `(${e.message})`), '    '));
      console.log(`    screenshot: ${path.relative(cs.REPO_ROOT, path.join(RESULTS, `${base}.png`))}`);
    }
    results.push({ name: sc.name, ok });
    current = null;
    await context.close().catch(() => {});
  }

  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    log(`failed: ${failed.map((r) => r.name).join(', ')}`);
    log(`code-server log: ${path.relative(cs.REPO_ROOT, logFile)}`);
  }
  log(`total ${secs()}s`);
  return results;
}

function indent(s, pre) {
  return String(s).split('\n').map((l) => pre + l).join('\n');
}

let exitCode = 1;
try {
  await main();
  exitCode = results.length && results.every((r) => r.ok) ? 0 : 1;
} catch (e) {
  if (!aborted) {
    console.log(`[e2e] ${e.stack ?? e}`);
    results.push({ name: '(setup)', ok: false });
  }
} finally {
  // After the overall time limit the guard reports and exits; wait for it.
  if (aborted) await new Promise(() => {});
  await cleanup();
  clearTimeout(guard);
  printSummary(results.filter((r) => r.ok).length, results.filter((r) => !r.ok).length);
  process.exit(exitCode);
}
