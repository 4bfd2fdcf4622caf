/**
 * Finding last year's report among the files of the workspace folders
 * (server/src/lsp/workspace-reports.ts), and placing related information in
 * a file of several reports (server/src/lsp/others.ts): without LSP, on
 * temporary folders.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkspaceReports, reportParts, uriToPath } from '../../server/src/lsp/workspace-reports';
import { readTextFile } from '../../server/src/files/read';
import { locate } from '../../server/src/lsp/others';
import { analyzeText } from '../../server/src/engine/analyze';
import { parseReport } from '../../server/src/parse/report';
import { CLEAN, LAST_2022, LAST_2023, otherUnit, t3Cell, textAt } from './drafts';
import { encodeGbk, writeMaking } from '../helpers';

const THIS_YEAR = parseReport(CLEAN);
const uriOf = (path: string) => pathToFileURL(path).href;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

let tmp: string;
before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'nianbao-workspace-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** A fresh folder under the temporary one, with files (path → text). */
function folder(name: string, files: Record<string, string | Buffer> = {}): string {
  const root = join(tmp, name);
  mkdirSync(root, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function reportsIn(root: string, options: ConstructorParameters<typeof WorkspaceReports>[0] = {}): WorkspaceReports {
  const reports = new WorkspaceReports(options);
  reports.setFolders([uriOf(root)]);
  return reports;
}

describe('listing the workspace folders', () => {
  it('lists *.md and *.markdown below the folder, skipping node_modules and dot-folders', async () => {
    const root = folder('listing', {
      'a.md': '# a',
      'b.markdown': '# b',
      'c.txt': 'c',
      'sub/deeper/d.MD': '# d',
      'node_modules/pkg/README.md': '# readme',
      '.git/e.md': '# e',
      '.history/2023.md': LAST_2023,
    });
    const files = await reportsIn(root).files();
    assert.deepEqual(files.map((f) => f.slice(root.length + 1)).sort(), ['a.md', 'b.markdown', join('sub', 'deeper', 'd.MD')]);
  });

  it('stops at the depth and file limits', async () => {
    const root = folder('limits', { 'x1.md': '', 'x2.md': '', 'x3.md': '', 'l1/l2/l3/deep.md': '' });
    assert.equal((await reportsIn(root, { maxFiles: 2 }).files()).length, 2);
    const shallow = await reportsIn(root, { maxDepth: 2 }).files();
    assert.ok(!shallow.some((f) => f.endsWith('deep.md')));
    assert.ok((await reportsIn(root, { maxDepth: 3 }).files()).some((f) => f.endsWith('deep.md')));
  });

  it('follows no link out of the folder, and reads no FIFO, dangling link or folder named .md', async () => {
    const outside = folder('outside', { '示例县2023年报.md': LAST_2023, 'dir/x.md': '' });
    const root = folder('links', { 'inner.md': '# inner' });
    symlinkSync(join(outside, '示例县2023年报.md'), join(root, 'link-out.md'));
    symlinkSync(join(outside, 'dir'), join(root, 'linked-dir'));
    symlinkSync(join(root, 'inner.md'), join(root, 'link-in.md'));
    symlinkSync(join(root, 'nowhere.md'), join(root, 'dangling.md'));
    mkdirSync(join(root, 'folder.md'));
    const fifo = spawnSync('mkfifo', [join(root, 'pipe.md')]);
    assert.equal(fifo.status, 0, 'mkfifo');
    const reports = reportsIn(root);
    const files = await reports.files();
    assert.deepEqual(files.map((f) => f.slice(root.length + 1)).sort(), ['inner.md', 'link-in.md']);
    // Last year's report is only reachable through the link out of the folder: not found.
    assert.deepEqual(await reports.lastYearReports([THIS_YEAR]), []);
  });
});

describe('last year’s report among the files', () => {
  it('is found by the title of its first KB; only files of the same unit are read in full', async () => {
    const root = folder('found', {
      '2024/示例县2024年报.md': CLEAN,
      '2023/示例县2023年报.md': LAST_2023,
      'others/样例县2023年报.md': otherUnit(LAST_2023),
      'others/样例县2024年报.md': otherUnit(CLEAN),
      'notes.md': '# 会议记录\n\n无关的笔记。\n',
    });
    const reports = reportsIn(root);
    const [found, ...more] = await reports.lastYearReports([THIS_YEAR]);
    assert.deepEqual(more, []);
    assert.equal(found.path, join(root, '2023', '示例县2023年报.md'));
    assert.equal(found.uri, uriOf(found.path));
    assert.equal(found.startLine, 0);
    assert.equal(found.report.title?.year, 2023);
    assert.equal(reports.stats.prefixReads, 5);
    assert.equal(reports.stats.fullReads, 1, 'only last year’s file is read in full');
    // Again: nothing read again, the same version.
    const [again] = await reports.lastYearReports([THIS_YEAR]);
    assert.equal(again.version, found.version);
    assert.equal(reports.stats.prefixReads, 5);
    assert.equal(reports.stats.fullReads, 1);
    // A report of 2023 asks for 2022: none.
    assert.deepEqual(await reports.lastYearReports([parseReport(LAST_2023)]), []);
  });

  it('leaves out files open in the editor: their text is the editor’s', async () => {
    const root = folder('open', { '示例县2023年报.md': LAST_2023 });
    const reports = reportsIn(root);
    assert.deepEqual(await reports.lastYearReports([THIS_YEAR], [uriOf(join(root, '示例县2023年报.md'))]), []);
    assert.equal((await reports.lastYearReports([THIS_YEAR])).length, 1);
  });

  it('takes the right report of a file of several, with the line it starts at', async () => {
    const compiled = `${otherUnit(LAST_2023)}\n${LAST_2023}`;
    const root = folder('compiled', { '2023年各单位年报汇编.md': compiled });
    const reports = reportsIn(root);
    // The file's first title is 样例县's: a report of 样例县 finds it at the top, one of 示例县 not at all
    // (files whose first report is of another unit are not read in full).
    const [sample] = await reports.lastYearReports([parseReport(otherUnit(CLEAN))]);
    assert.equal(sample.startLine, 0);
    assert.deepEqual(await reports.lastYearReports([THIS_YEAR]), []);
    // A file of one unit's reports over the years: the second part, at its line.
    const years = `${LAST_2022}\n${LAST_2023}`;
    const root2 = folder('years', { '示例县历年年报.md': years });
    const [found] = await reportsIn(root2).lastYearReports([THIS_YEAR]);
    assert.equal(found.startLine, lineOf(years, '# 示例县人民政府办公室2023年'));
    assert.equal(found.startLine, 90);
    assert.deepEqual(
      reportParts(years).map((p) => [p.startLine, p.report.title?.year]),
      [
        [0, 2022],
        [90, 2023],
      ],
    );
  });

  it('reads GB18030 files and files with a BOM', async () => {
    const root = folder('encodings', {
      'gbk/示例县2023年报.md': encodeGbk(LAST_2023),
    });
    const [found] = await reportsIn(root).lastYearReports([THIS_YEAR]);
    assert.ok(found, 'found in GB18030');
    assert.equal(found.report.title?.unit, '示例县人民政府办公室');
    const bom = folder('bom', { '示例县2023年报.md': '\uFEFF' + LAST_2023 });
    const [withBom] = await reportsIn(bom).lastYearReports([THIS_YEAR]);
    assert.equal(withBom.report.text, LAST_2023);
    // A prefix cut inside a character is read up to the character.
    const cut = folder('cut', { '示例县2023年报.md': LAST_2023 });
    const prefix = await readTextFile(join(cut, '示例县2023年报.md'), { limit: Buffer.from('# 示例县', 'utf8').length - 1 });
    assert.equal(prefix.text, '# 示例');
    assert.equal(prefix.encoding, 'utf-8');
  });

  it('reads a changed file again: by mtime when not told, at once when the client says so', async () => {
    const root = folder('changes', { '示例县2023年报.md': LAST_2023 });
    const path = join(root, '示例县2023年报.md');
    const unwatched = reportsIn(root, { rescanAfterMs: 0 });
    const [first] = await unwatched.lastYearReports([THIS_YEAR]);
    writeFileSync(path, LAST_2023.replace('| 四、结转下年度继续办理 | | 2 | 0 | 0 | 0 | 1 | 0 | 3 |', '| 四、结转下年度继续办理 | | 2 | 1 | 0 | 0 | 0 | 0 | 3 |'));
    utimesSync(path, new Date(), new Date(Date.now() + 5000));
    const [second] = await unwatched.lastYearReports([THIS_YEAR]);
    assert.notEqual(second.version, first.version);
    assert.equal(t3Cell(second.report.text, '四、结转下年度', '商业企业').text, '1');

    const watched = reportsIn(root);
    watched.watching = true;
    const [before] = await watched.lastYearReports([THIS_YEAR]);
    const listings = watched.stats.listings;
    writeFileSync(path, LAST_2023);
    // Not told: the file as it was read (no listing again).
    assert.equal((await watched.lastYearReports([THIS_YEAR]))[0].version, before.version);
    assert.equal(watched.stats.listings, listings);
    assert.equal(watched.filesChanged([{ uri: uriOf(path), type: 2 }]), true);
    const [after] = await watched.lastYearReports([THIS_YEAR]);
    assert.notEqual(after.version, before.version);
    assert.equal(t3Cell(after.report.text, '四、结转下年度', '商业企业').text, '0');
    assert.equal(watched.stats.listings, listings, 'a changed file is looked at alone');
    // Deleted, then created elsewhere in the folder.
    rmSync(path);
    assert.equal(watched.filesChanged([{ uri: uriOf(path), type: 3 }]), true);
    assert.deepEqual(await watched.lastYearReports([THIS_YEAR]), []);
    const moved = join(root, 'archive', '示例县2023年报.md');
    mkdirSync(join(root, 'archive'));
    writeFileSync(moved, LAST_2023);
    assert.equal(watched.filesChanged([{ uri: uriOf(moved), type: 1 }]), true);
    assert.equal((await watched.lastYearReports([THIS_YEAR]))[0].path, moved);
    // Changes the listing would not include are not its business.
    assert.equal(watched.filesChanged([{ uri: uriOf(join(root, 'node_modules', 'x.md')), type: 1 }, { uri: uriOf(join(tmp, 'elsewhere.md')), type: 1 }]), false);
  });

  it('follows the workspace folders as they are added and removed', async () => {
    const a = folder('folder-a', { 'x.md': '' });
    const b = folder('folder-b', { '示例县2023年报.md': LAST_2023 });
    const reports = reportsIn(a);
    reports.watching = true;
    assert.deepEqual(await reports.lastYearReports([THIS_YEAR]), []);
    reports.changeFolders([uriOf(b)], []);
    assert.equal((await reports.lastYearReports([THIS_YEAR])).length, 1);
    reports.changeFolders([], [uriOf(b)]);
    assert.deepEqual(await reports.lastYearReports([THIS_YEAR]), []);
    // Folders that are not file: URIs are not read.
    reports.setFolders(['vscode-vfs://github/nianbao/reports']);
    assert.deepEqual(reports.folderPaths, []);
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
  });
});

describe('reading the titles in the background', () => {
  it('answers a lookup from the titles read so far; reads them nearest the open documents first, each once, telling each unit', async () => {
    const others = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`区${i % 3}/单位${i}.md`, otherUnit(LAST_2023).replaceAll('样例县', `第${i}号县`)]));
    const root = folder('background', { ...others, '旧档/示例县2023年报.md': LAST_2023, '示例县/2024/草稿.md': CLEAN, '示例县/2023/笔记.md': '# 会议记录\n' });
    const reports = reportsIn(root);
    reports.near = () => [join(root, '示例县', '2024', '草稿.md')];
    const told: string[][] = [];
    reports.onChange = (units) => told.push(units);
    reports.start();
    // Nothing read yet: the lookup does not wait.
    assert.deepEqual(await reports.knownLastYearReports([THIS_YEAR]), []);
    assert.ok(reports.scanStats.scanning);
    await reports.prepare();
    assert.deepEqual(reports.scanStats, { listed: 33, titlesRead: 33, scanning: false });
    // The draft's own folder first, then its neighbour (a note: no unit to tell), then the others in listing order.
    assert.deepEqual(told[0], ['示例县人民政府办公室']);
    assert.deepEqual(told.at(-1), ['示例县人民政府办公室'], '旧档 is the farthest, and last listed');
    assert.equal(told.length, 32);
    const [found] = await reports.knownLastYearReports([THIS_YEAR]);
    assert.equal(found.path, join(root, '旧档', '示例县2023年报.md'));
    await reports.prepare();
    assert.equal(reports.stats.prefixReads, 33, 'no title read twice');
  });

  it('takes file events one by one: a file created or deleted is listed or dropped without listing the folder again', async () => {
    const root = folder('events', { 'a.md': otherUnit(LAST_2023) });
    const reports = reportsIn(root);
    reports.watching = true;
    await reports.prepare();
    const told: string[][] = [];
    reports.onChange = (units) => told.push(units);
    const path = writeMaking(join(root, '新建', '示例县2023年报.md'), LAST_2023);
    assert.equal(reports.filesChanged([{ uri: uriOf(path), type: 1 }]), true);
    await reports.prepare();
    assert.equal((await reports.knownLastYearReports([THIS_YEAR]))[0].path, path);
    assert.deepEqual(told, [['示例县人民政府办公室']]);
    rmSync(path);
    reports.filesChanged([{ uri: uriOf(join(root, '新建')), type: 3 }]);
    // Told at once: its folder deleted, the file is gone from the index.
    assert.deepEqual(told, [['示例县人民政府办公室'], ['示例县人民政府办公室']]);
    assert.deepEqual(await reports.knownLastYearReports([THIS_YEAR]), []);
    assert.equal(reports.stats.listings, 1);
    assert.equal(reports.stats.prefixReads, 2);
  });
});

describe('related information in a file of several reports', () => {
  it('points at the lines of the right report in the other file, from the right report of this one', () => {
    // This document: 样例县 2024, then 示例县 2024. The other: 示例县 2023, then 样例县 2023.
    const thisText = `${otherUnit(CLEAN)}\n${CLEAN}`;
    const otherText = `${LAST_2023}\n${otherUnit(LAST_2023)}`;
    const otherUri = 'file:///reports/2023.md';
    const own = analyzeText(thisText);
    const otherParts = reportParts(otherText);
    assert.deepEqual(
      own.parts.map((p) => p.startLine),
      [0, CLEAN.split('\n').length],
    );
    assert.deepEqual(
      otherParts.map((p) => p.startLine),
      [0, LAST_2023.split('\n').length],
    );
    const located = locate(otherParts.map((p) => ({ uri: otherUri, report: p.report, startLine: p.startLine })));
    const analysis = located.place(analyzeText(thisText, { others: located.others, uri: 'file:///reports/2024.md' }));
    const carry = analysis.findings.filter((f) => f.code === 'carry-over');
    // One finding a report, each relating the differing cells of the right report of the other file.
    assert.equal(carry.length, 2);
    for (const f of carry) {
      assert.equal(f.data?.lastUri, otherUri);
      f.related!.forEach((r, i) => {
        assert.equal(r.uri, otherUri);
        // This year's cell is 1 or 0 where last year's is 0 or 1: the value at the related range in the other file.
        assert.equal(textAt(otherText, r.range), String((f.data?.expected as number[])[i]));
      });
      assert.equal(textAt(thisText, f.range), String((f.data?.actual as number[])[0]));
    }
    // 样例县 2024 is compared with 样例县 2023 (the other file's second report), 示例县 2024 with 示例县 2023 (its first).
    const lastRow = lineOf(LAST_2023, '四、结转下年度继续办理');
    const carried = lineOf(CLEAN, '二、上年结转');
    const second = own.parts[1].startLine;
    const otherSecond = otherParts[1].startLine;
    assert.deepEqual(
      carry.map((f) => [f.range.start.line, f.related![0].range.start.line]),
      [
        [carried, otherSecond + lastRow],
        [second + carried, lastRow],
      ],
    );
    // Copied paragraphs link to the same words in the other file.
    const copied = analysis.findings.filter((f) => f.code === 'copied-paragraph');
    assert.equal(copied.length, 10);
    for (const f of copied) {
      const here = textAt(thisText, f.range).replace(/\s/g, '');
      assert.equal(textAt(otherText, f.related![0].range).replace(/\s/g, ''), here);
      assert.equal(f.related![0].uri, otherUri);
    }
    // The parts' own findings (report coordinates here) point into the other file too.
    const partCarry = analysis.parts[1].findings.find((f) => f.code === 'carry-over')!;
    assert.deepEqual(partCarry.related![0].range.start.line, lastRow);
    assert.equal(partCarry.range.start.line, carried);
  });
});

