/**
 * The README's Neovim 0.7 setup, run as written in a headless Neovim (Debian's
 * 0.7.2): the diagnostics arrive where the CLI puts them, the .nianbaorc.json
 * beside the draft holds, and formatting aligns the tables as the formatter
 * does. Skipped, saying so, where nvim is not installed (.ci/run installs it).
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/engine/edits';
import { formatTables } from '../../server/src/features/format';
import { example, ROOT } from '../helpers';

const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const available = nvim.status === 0;

/** The README's block after `-- nianbao: Neovim 0.7`. */
function readmeRecipe(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const m = /```lua\n(-- nianbao: Neovim 0\.7\n[\s\S]*?)```/.exec(readme);
  assert.ok(m, 'the README has the Neovim 0.7 setup');
  return m[1];
}

/** What the probe does once the draft is open: wait for the diagnostics, write them, format, write the buffer. */
const PROBE = `
local out = io.open(os.getenv('PROBE_OUT'), 'w')
vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50)
for _, d in ipairs(vim.diagnostic.get(0)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
  out:write(string.format('%d\\t%d\\t%s\\n', d.lnum, d.col, code))
end
vim.lsp.buf.formatting_sync(nil, 10000)
out:close()
vim.cmd('write! ' .. os.getenv('PROBE_FORMATTED'))
vim.cmd('qa!')
`;

describe('Neovim 0.7 with the README’s setup', { skip: available ? false : 'nvim is not installed (apt-get install neovim)' }, () => {
  let dir: string;
  let lines: string[];
  let formatted: string;
  const draft = example('seed-001.md');

  before(() => {
    assert.match(nvim.stdout, /NVIM v0\.\d+/);
    dir = mkdtempSync(join(tmpdir(), 'nianbao-nvim-'));
    writeFileSync(join(dir, 'init.lua'), readmeRecipe());
    writeFileSync(join(dir, 'probe.lua'), PROBE);
    writeFileSync(join(dir, 'draft.md'), draft);
    writeFileSync(join(dir, '.nianbaorc.json'), '{ "rules": { "cell-blank": "off" } }');
    // The command the setup names, as `npm link` would put it on PATH.
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'nianbao-language-server'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist', 'server.js')}" "$@"\n`);
    chmodSync(join(bin, 'nianbao-language-server'), 0o755);
    const run = spawnSync('nvim', ['--headless', '-u', 'init.lua', '-c', 'luafile probe.lua', 'draft.md'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, PROBE_OUT: join(dir, 'out.tsv'), PROBE_FORMATTED: join(dir, 'formatted.md'), HOME: dir, XDG_CONFIG_HOME: dir, XDG_DATA_HOME: dir, XDG_STATE_HOME: dir },
    });
    assert.equal(run.status, 0, `nvim: ${run.stderr}`);
    lines = readFileSync(join(dir, 'out.tsv'), 'utf8').trim().split('\n');
    formatted = readFileSync(join(dir, 'formatted.md'), 'utf8');
  });

  it('shows the findings where the CLI puts them, under the .nianbaorc.json beside the draft', () => {
    const expected = analyzeText(draft, { check: { rules: { 'cell-blank': { severity: 'off' } } } }).findings.map((f) => {
      const before = draft.split('\n')[f.range.start.line].slice(0, f.range.start.character);
      return `${f.range.start.line}\t${Buffer.byteLength(before)}\t${f.code}`; // Neovim counts columns in bytes
    });
    assert.ok(expected.length > 3);
    assert.deepEqual(lines, expected);
    assert.ok(!lines.some((l) => l.endsWith('\tcell-blank')), 'switched off by the file');
  });

  it('formats the tables as the formatter does', () => {
    assert.equal(formatted.replace(/\n$/, ''), applyEdits(draft, formatTables(draft)).replace(/\n$/, ''));
    assert.notEqual(formatted, draft);
  });
});
