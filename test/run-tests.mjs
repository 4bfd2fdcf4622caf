// Runs every test file under test/ (except the VS Code suites) with Node's test runner.
// TypeScript is loaded through tsx; the protocol tests use the bundle in dist/.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const skip = new Set(['e2e', 'vscode', 'fixtures']);
function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skip.has(name) ? [] : find(path);
    return /\.test\.(ts|mjs)$/.test(name) ? [path] : [];
  });
}
const files = find('test').sort();
const only = process.argv.slice(2);
const selected = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
// --test-timeout turns a test that hangs into a failure; the whole run is stopped after 15
// minutes (it takes about 1.5), so that a file that never ends fails the run instead of
// stalling CI. (Not --test-force-exit: it ends a file before all its tests have run.)
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-timeout=300000', '--test-reporter=spec', ...selected], {
  stdio: 'inherit',
  timeout: 15 * 60_000,
  killSignal: 'SIGKILL',
});
if (result.error) console.error(`test/run-tests.mjs: ${result.error.message} (the run was stopped)`);
process.exit(result.status ?? 1);
