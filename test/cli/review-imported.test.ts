/**
 * `nianbao review` of a folder where 雷同 passages stand in a Word document
 * and a web page: their lines are those of the draft an import makes, which
 * mean nothing in the .docx or .html the reviewer opens. The web page links
 * such a file without a line and names the passage by its section and opening
 * words; JSON gives no line but the words; the workbook's 雷同 sheet gives the
 * words in the line's column. A Markdown draft's side keeps its line.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { wordFrom } from '../fixtures/docx/build';
import { asWebPage } from '../fixtures/review/generate';
import { asUnit, writeMaking } from '../helpers';
import { cli, ROOT } from './run';

const example = (name: string) => readFileSync(join(ROOT, 'examples', name), 'utf8');

/** 平武县人民政府办公室's real 2023 report; its 依申请公开 paragraph (line 17, in 一、总体情况) is copied by the two others. */
const PINGWU = example('seed-004.md');
const REQUESTS_LINE = 17;
const REQUESTS = PINGWU.split('\n')[REQUESTS_LINE - 1];
/** The paragraph as the others copied it into their section 五, figures changed. */
const copiedInto = (text: string, applications: number) => text.replace('## 六、', `${REQUESTS.replace('申请 7 件', `申请 ${applications} 件`)}\n\n## 六、`);
const PLACE_IN_OTHERS = '五、存在的主要问题及改进情况 · “畅通依申请公开线上、线下接收渠道……”';

interface Passage {
  text: string;
  line: number | null;
  where: string;
  other: { unit: string; file: string; line: number | null; where: string };
}
interface Row {
  file: string;
  unit: string;
  imported?: true;
  similarity: { passages: Passage[] } | null;
}
interface Pair {
  a: { file: string };
  b: { file: string };
  passages: { lineA: number | null; lineB: number | null; whereA: string; whereB: string }[];
}

let dir: string;
let rows: Row[];
let pairs: Pair[];
const FILES = { md: 'reports/平武县人民政府办公室.md', docx: 'reports/文水县人民政府办公室.docx', html: 'reports/绥中县人民政府办公室.html' };

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-review-imported-'));
  writeMaking(join(dir, FILES.md), PINGWU);
  writeMaking(join(dir, FILES.docx), Buffer.from(await wordFrom(copiedInto(asUnit(example('seed-000.md'), '文水县人民政府办公室'), 12))));
  writeMaking(join(dir, FILES.html), asWebPage(copiedInto(asUnit(example('seed-002.md'), '绥中县人民政府办公室'), 9)));
  mkdirSync(join(dir, 'out'));
  const run = cli(['review', 'reports', '--json', 'out/r.json', '--html', 'out/r.html', '--xlsx', 'out/r.xlsx'], { cwd: dir });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  ({ rows, pairs } = JSON.parse(readFileSync(join(dir, 'out/r.json'), 'utf8')) as { rows: Row[]; pairs: Pair[] });
});
after(() => rmSync(dir, { recursive: true, force: true }));

const rowOf = (file: string) => rows.find((r) => r.file === file)!;
const passageWith = (row: Row, other: string) => row.similarity!.passages.find((p) => p.other.file === other)!;

describe('nianbao review: 雷同 passages in a Word document and a web page', () => {
  test('JSON: no line on the imported side, its section and opening words instead; the draft’s side keeps its line, and only its line', () => {
    assert.deepEqual(rows.map((r) => [r.file, !!r.imported]).sort(), [[FILES.docx, true], [FILES.html, true], [FILES.md, false]].sort());
    for (const file of [FILES.docx, FILES.html]) {
      const here = passageWith(rowOf(file), FILES.md);
      assert.deepEqual([here.line, here.where], [null, PLACE_IN_OTHERS], file);
      // A draft's side is named by its line alone (a province's passages do not each keep their place in words).
      assert.deepEqual([here.other.line, here.other.where], [REQUESTS_LINE, undefined], file);
      const there = passageWith(rowOf(FILES.md), file);
      assert.deepEqual([there.line, there.other.line, there.other.where], [REQUESTS_LINE, null, PLACE_IN_OTHERS], file);
    }
    const pair = pairs.find((p) => [p.a.file, p.b.file].sort().join() === [FILES.md, FILES.docx].sort().join())!;
    const side = pair.a.file === FILES.md ? { md: 'A', docx: 'B' } : { md: 'B', docx: 'A' };
    const passage = pair.passages[0] as Record<string, unknown>;
    assert.deepEqual([passage[`line${side.md}`], passage[`line${side.docx}`], passage[`where${side.docx}`]], [REQUESTS_LINE, null, PLACE_IN_OTHERS]);
  });

  test('HTML: the Word document and the web page are linked without a line and named by the passage’s place', () => {
    const html = readFileSync(join(dir, 'out/r.html'), 'utf8');
    const link = (file: string) => `vscode://file${encodeURI(join(dir, file))}`;
    const unit = html.match(new RegExp(`<section id="unit-${rows.indexOf(rowOf(FILES.md)) + 1}">[\\s\\S]*?</section>`))![0];
    for (const file of [FILES.docx, FILES.html]) {
      assert.ok(unit.includes(`href="${link(file)}">${rowOf(file).unit} ${file} · ${PLACE_IN_OTHERS}</a>`), unit);
      assert.ok(!html.includes(`${link(file)}:`), file);
    }
    assert.ok(unit.includes(`href="${link(FILES.md)}:${REQUESTS_LINE}:1">${FILES.md}:${REQUESTS_LINE}</a>`), unit);
    const word = html.match(new RegExp(`<section id="unit-${rows.indexOf(rowOf(FILES.docx)) + 1}">[\\s\\S]*?</section>`))![0];
    assert.ok(word.includes(`href="${link(FILES.docx)}">${FILES.docx} · ${PLACE_IN_OTHERS}</a>`), word);
  });

  test('XLSX: the 雷同 sheet gives the imported side’s place in the line’s column, the draft’s side its line', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'out/r.xlsx'));
    const sheet: unknown[][] = [];
    book.getWorksheet('雷同')!.eachRow((r) => sheet.push((r.values as unknown[]).slice(1)));
    const [header, ...similar] = sheet;
    assert.deepEqual(header.slice(6, 8), ['甲的行', '乙的行']);
    for (const file of [FILES.docx, FILES.html]) {
      const row = similar.find((r) => [r[2], r[4]].includes(file) && [r[2], r[4]].includes(FILES.md))!;
      const [lineA, lineB] = [row[6], row[7]];
      assert.deepEqual(row[2] === FILES.md ? [lineA, lineB] : [lineB, lineA], [REQUESTS_LINE, PLACE_IN_OTHERS], file);
    }
  });
});
