/**
 * The README's Emacs (eglot) setup, run as written in a batch Emacs (Debian's
 * Emacs 28.2 with eglot 1.9 and markdown-mode): the findings reach eglot,
 * and the settings shape it sends (eglot-workspace-configuration) is read.
 * Skipped, saying so, where Emacs or eglot is not installed (.ci/run installs them).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeText } from '../../server/src/engine/analyze';
import { example, ROOT } from '../helpers';

const emacs = spawnSync('emacs', ['--batch', '--eval', "(progn (package-initialize) (require 'eglot) (require 'markdown-mode) (princ emacs-version))"], { encoding: 'utf8' });
const available = emacs.status === 0;

/** The README's block after `;; nianbao: Emacs (eglot)`. */
function readmeRecipe(): string {
  const m = /```elisp\n(;; nianbao: Emacs \(eglot\)\n[\s\S]*?)```/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'));
  assert.ok(m, 'the README has the Emacs setup');
  return m[1];
}

/**
 * Open the draft, let eglot connect (batch Emacs has no command loop: what
 * eglot-ensure defers to the next command is run by hand, and flymake is
 * started), wait for the server's findings, and write them: line, code.
 */
const PROBE = `
(package-initialize)
(require 'markdown-mode)
(require 'eglot)
(load (expand-file-name "recipe.el"))
(find-file (expand-file-name "draft.md"))
(let ((n 0))
  (while (and (< n 300) (not (and (boundp 'eglot--diagnostics) eglot--diagnostics)))
    (run-hooks 'post-command-hook)
    (when (bound-and-true-p eglot--managed-mode) (flymake-start nil t))
    (accept-process-output nil 0.1)
    (setq n (1+ n))))
(let ((found (sort (copy-sequence eglot--diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
      (lines nil))
  (dolist (d found)
    (push (format "%d\\t%s" (1- (line-number-at-pos (flymake-diagnostic-beg d))) (flymake-diagnostic-text d)) lines))
  (with-temp-file (getenv "PROBE_OUT") (insert (mapconcat #'identity (nreverse lines) "\\n"))))
(kill-emacs 0)
`;

describe('Emacs with eglot and the README’s setup', { skip: available ? false : 'emacs with eglot and markdown-mode is not installed (apt-get install emacs-nox elpa-eglot elpa-markdown-mode)' }, () => {
  it('shows the findings where the CLI puts them, under the settings eglot sends', () => {
    const draft = example('seed-001.md');
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-emacs-'));
    // The setup as written, but switching off a check this draft has, to see the settings arrive.
    const recipe = readmeRecipe();
    assert.match(recipe, /:rules \(:copied-paragraph "off"\)/);
    writeFileSync(join(dir, 'recipe.el'), recipe.replace(':copied-paragraph "off"', ':cell-blank "off"'));
    writeFileSync(join(dir, 'probe.el'), PROBE);
    writeFileSync(join(dir, 'draft.md'), draft);
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'nianbao-language-server'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist', 'server.js')}" "$@"\n`);
    chmodSync(join(bin, 'nianbao-language-server'), 0o755);
    const run = spawnSync('emacs', ['--batch', '-l', 'probe.el'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, PROBE_OUT: join(dir, 'out.tsv'), HOME: dir },
    });
    assert.equal(run.status, 0, `emacs: ${run.stderr}`);
    const lines = readFileSync(join(dir, 'out.tsv'), 'utf8').trim().split('\n');
    const expected = analyzeText(draft, { check: { rules: { 'cell-blank': { severity: 'off' } } } }).findings.map((f) => `${f.range.start.line}\tnianbao [${f.code}]: ${f.message.zh}`);
    assert.ok(expected.length > 3);
    assert.deepEqual(lines, expected);
  });
});
