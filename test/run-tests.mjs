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
// --test-force-exit: a file whose tests have all finished ends then, even if a handle (a
// disposed connection to a killed server, seen now and then under load) keeps its
// event loop alive; --test-timeout turns a test that hangs into a failure, not a stalled CI.
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-force-exit', '--test-timeout=300000', '--test-reporter=spec', ...selected],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
