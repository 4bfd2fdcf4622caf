/** Running the bundled CLI (dist/cli.js) as a user does, for the CLI's test files. */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = join(ROOT, 'dist', 'cli.js');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment without the colour variables of the one running the tests. */
const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, ...PLAIN_ENV } = process.env;

export function cli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string | Buffer } = {}): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...PLAIN_ENV, ...options.env },
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `path:line:col  severity  code  message` */
export const LINE = /^(.+):(\d+):(\d+) {2}(error|warning|information|hint) {2}([a-z0-9-]+) {2}(.+)$/;
export const findingLines = (stdout: string) => stdout.split('\n').filter((l) => LINE.test(l));
export const summaryLine = (stdout: string) => stdout.trimEnd().split('\n').at(-1) ?? '';
