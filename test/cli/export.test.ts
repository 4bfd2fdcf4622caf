/**
 * nianbao export: the file written beside the draft, never over an existing
 * one unless --overwrite; a draft with errors still exported, its errors on
 * stderr, exit 1 unless --force; -o - to standard output; a Word document
 * exported again as a web page; usage mistakes exit 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { cli } from './run';
import { example, setCell } from '../helpers';

const CLEAN = example('clean-2024.md');
const folder = () => mkdtempSync(join(tmpdir(), 'nianbao-export-cli-'));
const numbersOf = (path: string) => (JSON.parse(cli(['extract', path]).stdout) as Record<string, unknown>[]).map(({ file: _f, ...figures }) => figures);

test('export: a Word document beside the draft with every number; never over a file unless --overwrite', () => {
  const dir = folder();
  const draft = join(dir, '示例县2024年报.md');
  writeFileSync(draft, CLEAN);
  const r = cli(['export', draft, '--to', 'docx']);
  assert.equal(r.status, 0, r.stderr);
  const docx = join(dir, '示例县2024年报.docx');
  assert.match(r.stderr, /已导出 .*示例县2024年报\.md → .*示例县2024年报\.docx/);
  assert.ok(unzipSync(readFileSync(docx))['word/document.xml']);
  assert.deepEqual(numbersOf(docx), numbersOf(draft), 'the Word document reads back with the draft’s numbers');
  // Again: the file is there, so nothing is written and the exit code is 2.
  const before = statSync(docx).mtimeMs;
  const again = cli(['export', draft, '--to', 'docx']);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /示例县2024年报\.docx 已存在，未导出：用 -o 指定另一个文件名，或加 --overwrite 替换它/);
  assert.equal(statSync(docx).mtimeMs, before);
  assert.equal(cli(['export', draft, '--to', 'docx', '--overwrite']).status, 0);
  // The Word document itself exported as a web page (read as import reads it), but never onto itself.
  assert.equal(cli(['export', docx, '--to', 'html']).status, 0);
  assert.deepEqual(numbersOf(join(dir, '示例县2024年报.html')), numbersOf(draft));
  const self = cli(['export', docx, '--to', 'docx', '--overwrite']);
  assert.equal(self.status, 2);
  assert.match(self.stderr, /导出文件不能是原文件/);
});

test('export: a draft with errors is written, its errors listed on stderr, exit 1; --force exits 0', () => {
  const dir = folder();
  const draft = join(dir, 'wrong.md');
  writeFileSync(draft, setCell(CLEAN, '（七）总计', 6, '47'));
  const r = cli(['export', draft, '--to', 'html']);
  assert.equal(r.status, 1);
  assert.ok(existsSync(join(dir, 'wrong.html')));
  assert.match(r.stderr, /报告中有 1 处错误，导出的文件仍已写出/);
  assert.match(r.stderr, /第 \d+ 行 {2}表三 · 社会公益组织列 · （七）总计：/);
  const forced = cli(['export', draft, '-o', join(dir, 'review.html'), '--annotate', '--force']);
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(forced.stderr, /已导出审查版 .* → .*review\.html（标出 1 处问题）/);
  assert.match(readFileSync(join(dir, 'review.html'), 'utf8'), /<li id="nb-finding-1" class="nb-severity-error">表三 · 社会公益组织列 · （七）总计 · /);
  // In English.
  const english = cli(['export', draft, '-o', '-', '--to', 'html', '--locale', 'en']);
  assert.equal(english.status, 1);
  assert.match(english.stderr, /Errors in the report: 1; the file was written all the same/);
});

test('export: -o - writes to standard output; -o names the format by its extension; several reports export the first', () => {
  const dir = folder();
  const draft = join(dir, 'two.md');
  writeFileSync(draft, `${CLEAN}\n${CLEAN.replace('示例县', '样例县')}`);
  const r = cli(['export', draft, '-o', '-', '--to', 'html']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^<!DOCTYPE html>/);
  assert.equal(r.stdout.match(/<h1>/g)?.length, 1);
  assert.match(r.stderr, /two\.md 中有 2 份报告，只导出了第一份/);
  assert.equal(cli(['export', draft, '-o', join(dir, 'named.docx')]).status, 0);
  assert.ok(unzipSync(readFileSync(join(dir, 'named.docx')))['word/document.xml']);
});

test('export: usage mistakes exit 2 with one line and the way to --help', () => {
  const dir = folder();
  const draft = join(dir, 'draft.md');
  writeFileSync(draft, CLEAN);
  for (const [args, message] of [
    [[draft], /请用 --to docx 或 --to html 指定导出格式/],
    [[draft, '--to', 'pdf'], /--to 只能是 docx \| html：pdf/],
    [[], /没有指定要处理的文件或文件夹/],
    [[draft, draft, '--to', 'html'], /一次只能导出一个文件/],
    [[join(dir, 'missing.md'), '--to', 'html'], /无法读取 .*missing\.md/],
  ] as const) {
    const r = cli(['export', ...args]);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
  }
  const help = cli(['export', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /--annotate/);
  assert.match(cli(['--help']).stdout, /nianbao export <草稿\.md> --to docx\|html/);
});
