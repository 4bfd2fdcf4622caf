/**
 * nianbao import, and check/extract on a Word document: the draft written
 * beside the original and never over a file, every number of the document
 * in it, findings placed by paragraph or table of the original, and each file
 * that cannot be imported refused with a clear message and exit 2.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from './run';
import { example, setCell } from '../helpers';
import { appendixTables, encryptedDocx, legacyDoc, wordFrom, wordLike, wpsLike, zipBomb, corruptZip } from '../fixtures/docx/build';

const CLEAN = example('clean-2024.md');
const folder = () => mkdtempSync(join(tmpdir(), 'nianbao-import-'));
const numbersOf = (path: string) => (JSON.parse(cli(['extract', path]).stdout) as Record<string, unknown>[]).map(({ file: _f, ...figures }) => figures);

test('import: the draft beside the original, its numbers those of the document; never over a file', async () => {
  const dir = folder();
  const docx = join(dir, '示例县2024年报.docx');
  writeFileSync(docx, await wordLike());
  const r = cli(['import', docx]);
  assert.equal(r.status, 0, r.stderr);
  const draft = join(dir, '示例县2024年报.md');
  assert.match(r.stderr, /已导入 .*示例县2024年报\.docx → .*示例县2024年报\.md（0 条提示）/);
  assert.deepEqual(numbersOf(draft), numbersOf(join('examples', 'clean-2024.md')));
  assert.deepEqual(numbersOf(docx), numbersOf(draft), 'extract reads the Word document itself');
  // Again: the draft is there, so nothing is written.
  const before = readFileSync(draft, 'utf8');
  const again = cli(['import', docx]);
  assert.equal(again.status, 2);
  assert.match(again.stderr, /无法写出草稿 .*：文件已存在，不覆盖；可用 -o 指定另一个文件名/);
  assert.equal(readFileSync(draft, 'utf8'), before);
  // -o - writes it to standard output, the same draft: importing twice gives the same draft.
  assert.equal(cli(['import', docx, '-o', '-']).stdout, before);
});

test('WPS and an appendix of tables give the same draft numbers as Word', async () => {
  const dir = folder();
  for (const [name, build] of [['wps.docx', wpsLike], ['appendix.docx', appendixTables]] as const) {
    writeFileSync(join(dir, name), await build());
    assert.deepEqual(numbersOf(join(dir, name)), numbersOf(join('examples', 'clean-2024.md')), name);
  }
});

test('check report.docx: the findings of the same draft in Markdown, placed in the document and in its words', async () => {
  const dir = folder();
  const wrong = setCell(CLEAN, '（一）予以公开', 3, '16');
  writeFileSync(join(dir, 'wrong.docx'), await wordFrom(wrong));
  writeFileSync(join(dir, 'wrong.md'), wrong);
  const docx = cli(['check', '--format', 'json', join(dir, 'wrong.docx')]);
  const md = cli(['check', '--format', 'json', join(dir, 'wrong.md')]);
  assert.equal(docx.status, 1);
  const of = (stdout: string) => (JSON.parse(stdout)[0].findings as { code: string; message: string; where: string; place?: string }[]);
  assert.deepEqual(of(docx.stdout).map((f) => [f.code, f.message, f.where]), of(md.stdout).map((f) => [f.code, f.message, f.where]));
  assert.deepEqual(of(docx.stdout).map((f) => f.place), ['第 2 个表格']);
  const text = cli(['check', join(dir, 'wrong.docx')]).stdout;
  assert.match(text, /wrong\.docx（第 2 个表格）  error  cell-mistyped  .*\[表三 · 自然人列 · （一）予以公开\]/);
  // SARIF: no lines and columns in a Word document (they would be the converted draft's); the place in the report's words.
  const sarif = JSON.parse(cli(['check', '--format', 'sarif', join(dir, 'wrong.docx')]).stdout);
  const [location] = sarif.runs[0].results[0].locations;
  assert.equal(location.physicalLocation.region, undefined);
  assert.match(location.physicalLocation.artifactLocation.uri, /wrong\.docx$/);
  assert.equal(location.logicalLocations[0].name, '表三 · 自然人列 · （一）予以公开');
  const draft = JSON.parse(cli(['check', '--format', 'sarif', join(dir, 'wrong.md')]).stdout);
  assert.equal(draft.runs[0].results[0].locations[0].physicalLocation.region.startLine, wrong.split('\n').findIndex((l) => l.includes('（一）予以公开')) + 1);
  // --fix cannot write into a Word document: said, nothing written.
  const fix = cli(['check', '--fix', join(dir, 'wrong.docx')]);
  assert.equal(fix.status, 2);
  assert.match(fix.stderr + fix.stdout, /不是 Markdown 草稿，不能 --fix：先用 nianbao import/);
});

test('files that cannot be imported: a clear message, exit 2, no draft', async () => {
  const dir = folder();
  for (const [name, bytes, words] of [
    ['old.doc', await legacyDoc(), /另存为/],
    ['secret.docx', await encryptedDocx(), /密码/],
    ['broken.docx', await corruptZip(), /损坏|无法读取|不完整/],
    ['bomb.docx', await zipBomb(), /超过 \d+ MB/],
  ] as const) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    const r = cli(['import', path]);
    assert.equal(r.status, 2, `${name}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`无法导入 .*${name.replace('.', '\\.')}：`), name);
    assert.match(r.stderr, words, name);
    assert.ok(!existsSync(path.replace(/\.docx?$/, '.md')), `${name}: no draft`);
    assert.equal(cli(['check', path]).status, 2, `check ${name}`);
  }
  const txt = join(dir, 'notes.txt');
  writeFileSync(txt, 'x');
  const usage = cli(['import', txt]);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /不能导入 .*notes\.txt：请用 \.docx（Word\/WPS）或 \.html（网页）文件/);
});
