/**
 * The review's texts written piece by piece (files/write.ts writeTextPieces):
 * the file holds exactly the pieces, in UTF-8, replaced atomically; what
 * making the pieces throws (Ctrl+C) leaves no file and no temporary file and
 * is thrown as it is. And the JSON written a row at a time is what
 * JSON.stringify(data, null, 2) writes of the same review.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, example } from '../helpers';
import { FileWriteError, writeTextPieces } from '../../server/src/files/write';
import { summarise } from '../../server/src/review/row';
import { assembleReview } from '../../server/src/review/review';
import { reviewJson } from '../../server/src/review/outputs/json';
import { reviewXlsx } from '../../server/src/review/outputs/xlsx';

const folder = () => mkdtempSync(join(tmpdir(), 'nianbao-pieces-'));

describe('review outputs written piece by piece', () => {
  test('the file holds the pieces, in UTF-8 with the byte order mark given, across many batches', async () => {
    const dir = folder();
    try {
      const path = join(dir, 'units.csv');
      // 70,000 lines: more than one batch; a CJK line and an emoji (two UTF-16 units) in each.
      const lines = Array.from({ length: 70_000 }, (_, i) => `示例县第${i}局,😀,${i}\r\n`);
      await writeTextPieces(path, ['\uFEFF', ...lines], { create: true });
      const bytes = readFileSync(path);
      assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
      assert.equal(bytes.toString('utf8'), '\uFEFF' + lines.join(''));
      assert.deepEqual(readdirSync(dir), ['units.csv']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a stop while the pieces are made leaves the old file as it was and no temporary file; the stop is thrown as it is', async () => {
    const dir = folder();
    try {
      const path = join(dir, 'review.html');
      writeFileSync(path, 'last run');
      class Stop extends Error {}
      function* pieces() {
        for (let i = 0; i < 50_000; i++) yield `<tr><td>${i}</td></tr>\n`;
        throw new Stop();
      }
      await assert.rejects(writeTextPieces(path, pieces(), { create: true }), Stop);
      assert.equal(readFileSync(path, 'utf8'), 'last run');
      assert.deepEqual(readdirSync(dir), ['review.html']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a folder that does not exist is a write failure, as for a whole text', async () => {
    await assert.rejects(writeTextPieces(join(tmpdir(), 'nianbao-no-such-folder', 'out.json'), ['{}'], { create: true }), FileWriteError);
  });

  test('the JSON of a review, a row at a time, is JSON.stringify(…, null, 2) of it', () => {
    const files = ['clean-2024.md', 'seed-001.md', 'seed-002.md'];
    const rows = files.flatMap((name) => {
      const text = example(name);
      return summarise(analyze(text).parts, text, {}).map((s) => ({ ...s, file: name, absolute: `/reports/${name}` }));
    });
    const review = assembleReview(rows, { unreadable: [{ file: 'broken.docx', why: { zh: '无法读取', en: 'unreadable' } }], notReports: ['notes.md'] }, undefined);
    const streamed = [...reviewJson(review, 'zh')].join('');
    const data = JSON.parse(streamed) as Record<string, unknown>;
    assert.equal(streamed, JSON.stringify(data, null, 2) + '\n');
    // The seeds are of other years than the example's: rows and other years' reports both.
    assert.equal((data.rows as unknown[]).length, review.rows.length);
    assert.ok(review.rows.length > 0 && review.otherYears.length > 0);
    // Empty lists too: no rows, no pairs.
    const empty = [...reviewJson(assembleReview([], { unreadable: [], notReports: [] }, undefined), 'en')].join('');
    assert.equal(empty, JSON.stringify(JSON.parse(empty), null, 2) + '\n');
    assert.match(empty, /"rows": \[\],/);
  });

  test('the workbook of a province: its rows wait for the zip, never all queued uncompressed', async () => {
    // 100,000 shared passages (a province's 雷同 sheet): some 45 MB of sheet XML.
    const review = assembleReview([], { unreadable: [], notReports: [] }, undefined);
    const text = '全年本机关制发行政规范性文件3件，废止1件，截至年底现行有效行政规范性文件25件，均已在政府门户网站行政规范性文件专栏集中公开';
    for (let i = 0; i < 20_000; i++) {
      const passages = Array.from({ length: 5 }, (_, k) => ({ text: `${text}${i}-${k}`, lineA: 10 + k, lineB: 20 + k }));
      review.pairs.push({ kind: 'other-unit', a: { unit: `第${i}县教育局`, file: `a${i}.md` }, b: { unit: `第${i}县卫健委`, file: `b${i}.md` }, sentences: 5, message: { zh: '', en: '' }, passages });
    }
    let most = 0;
    const look = setInterval(() => (most = Math.max(most, process.memoryUsage().arrayBuffers)), 50);
    try {
      const bytes = await reviewXlsx(review, 'zh');
      assert.ok(bytes.length > 1_000_000);
    } finally {
      clearInterval(look);
    }
    // The zipped workbook is some 5 MB; queued whole, the XML was 70 MB.
    assert.ok(most < 30 * 1024 * 1024, `${(most / 1048576).toFixed(1)} MB of buffers at once`);
  });
});
