/**
 * nianbao extract: the numbers of Tables 2–4 as JSON and CSV. The JSON of
 * each seed and corpus file is the hand-checked JSON (its `notes`/`source`
 * aside); the CSV has a BOM, a header derived from the format data, proper
 * quoting and one line per report; the CLI's exit codes.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseReport } from '../../server/src/parse/report';
import { csvColumns, csvField, extractReport, toCsv, toJson, type Extract } from '../../server/src/extract';
import { spawnSync } from 'node:child_process';
import { extractText } from '../../server/src/cli/extract';
import { encodeGbk, ORIGINALS } from '../helpers';
import { T3_ROWS, T4_GROUPS } from '../../server/src/format/standard';

const ROOT = resolve(__dirname, '..', '..');
const EXPECTED = join(ROOT, 'test', 'fixtures', 'expected');
const LAYOUTS = join(ROOT, 'test', 'fixtures', 'drafts', 'layouts');

const extractFile = (path: string) => extractReport(parseReport(readFileSync(path, 'utf8')), path);

/** Run the bundled CLI (`npm test` builds dist/ first): what it writes and its exit code. */
async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'extract', ...args], { encoding: 'utf8' });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Split one CSV line (RFC 4180 quoting). */
function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') out.push(field), (field = '');
    else field += ch;
  }
  out.push(field);
  return out;
}

describe('extract JSON equals the hand-checked values', () => {
  for (const [name, path] of Object.entries(ORIGINALS)) {
    test(name, () => {
      const { notes: _notes, source: _source, ...want } = JSON.parse(readFileSync(join(EXPECTED, `${name}.json`), 'utf8'));
      const { file, ...got } = extractFile(path);
      assert.equal(file, path);
      assert.deepEqual(got, want);
    });
  }
});

describe('extract JSON shape', () => {
  test('a blank cell is null, a row not found is absent, a table not found is absent', () => {
    const text = readFileSync(join(LAYOUTS, 'gfm-canonical.md'), 'utf8')
      .replace('| 行政强制 | 37 |', '| 行政强制 | |')
      .replace(/\| 2\.重复申请 \|[^\n]*\n/, '')
      .replace(/## 四、政府信息公开行政复议、行政诉讼情况[\s\S]*?## 五/, '## 四、政府信息公开行政复议、行政诉讼情况\n\n无。\n\n## 五');
    const e = extractReport(parseReport(text), 'x.md');
    assert.equal(e.table2?.['行政强制'], null);
    assert.ok(!('2.重复申请' in e.table3!));
    assert.equal(Object.keys(e.table3!).length, 24);
    assert.equal(e.table4, undefined);
    assert.equal(e.year, 2023);
    assert.equal(e.unit, '示例县人民政府办公室');
  });

  test('a 2019-format Table 2 is given in its own rows and columns', () => {
    const e = extractFile(join(LAYOUTS, 'old-format-2020.md'));
    assert.equal(e.format, '2019');
    assert.deepEqual(e.table2, {
      规章: [0, 0, 3],
      规范性文件: [6, 6, 41],
      行政许可: [128, -3, 2316],
      其他对外管理服务事项: [15, 0, 87],
      行政处罚: [412, 5, 260],
      行政强制: [36, 0, 11],
      行政事业性收费: [9, -1],
      政府集中采购: [14, 356.8],
    });
    assert.deepEqual(e.table3?.['（六）其他处理'], [1, 0, 0, 0, 0, 0, 1]);
    assert.ok(!('3.其他' in e.table3!));
  });

  test('a file holding several reports gives one entry each, numbered', () => {
    const one = readFileSync(join(LAYOUTS, 'gfm-canonical.md'), 'utf8');
    const two = one + '\n' + one.replace(/2023/g, '2022').replace(/2024年/g, '2023年');
    const entries = extractText(two, 'both.md');
    assert.equal(entries.length, 2);
    assert.deepEqual(entries.map((e) => [e.part, e.year]), [[1, 2023], [2, 2022]]);
    assert.deepEqual(entries[0].table3, entries[1].table3);
    assert.equal(extractText(one, 'one.md')[0].part, undefined);
  });

  test('toJson is an array of the entries', () => {
    const e = extractFile(ORIGINALS['seed-004']);
    assert.deepEqual(JSON.parse(toJson([e])), [JSON.parse(JSON.stringify(e))]);
  });
});

describe('extract CSV', () => {
  const extracts: Extract[] = Object.values(ORIGINALS).map(extractFile);
  const csv = toCsv(extracts);

  test('UTF-8 with a BOM, CRLF lines, a header and one line per report', () => {
    assert.ok(csv.startsWith('\uFEFF'));
    const lines = csv.slice(1).split('\r\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, 1 + extracts.length);
    const header = parseCsvLine(lines[0]);
    assert.equal(header.length, csvColumns().length);
    for (const line of lines) assert.equal(parseCsvLine(line).length, header.length);
  });

  test('column names come from the format data', () => {
    const header = parseCsvLine(csv.slice(1).split('\r\n')[0]);
    assert.deepEqual(header.slice(0, 5), ['文件', '文件内序号', '年度', '单位', '格式']);
    assert.ok(header.includes('表二/规章/本年制发件数'));
    assert.ok(header.includes('表二/行政事业性收费/本年收费金额（单位：万元）'));
    assert.ok(header.includes('表三/一、本年新收政府信息公开申请数量/自然人'));
    assert.ok(header.includes('表三/四、结转下年度继续办理/总计'));
    assert.ok(header.includes(`表四/${T4_GROUPS[2].label}/总计`));
    assert.equal(header.filter((h) => h.startsWith('表三/') && !h.startsWith('表三（')).length, T3_ROWS.length * 7);
    assert.equal(header.filter((h) => h.startsWith('表四/')).length, 15);
    assert.ok(header.includes('表三（2019年格式）/（六）其他处理/总计'));
    assert.ok(header.includes('表二（2019年格式）/政府集中采购/采购总金额'));
  });

  test('the cells are the numbers read; blanks are empty', () => {
    const lines = csv.slice(1).split('\r\n');
    const header = parseCsvLine(lines[0]);
    const row = (name: string) => {
      const values = parseCsvLine(lines[1 + Object.keys(ORIGINALS).indexOf(name)]);
      return (column: string) => values[header.indexOf(column)];
    };
    const s0 = row('seed-000');
    assert.equal(s0('年度'), '2023');
    assert.equal(s0('单位'), '文水县');
    assert.equal(s0('表二/行政许可/本年处理决定数量'), '12608');
    assert.equal(s0('表三/一、本年新收政府信息公开申请数量/总计'), '15');
    assert.equal(s0(`表四/${T4_GROUPS[0].label}/总计`), '5');
    assert.equal(s0('表三（2019年格式）/（六）其他处理/总计'), '');
    const s1 = row('seed-001');
    assert.equal(s1('表二/行政事业性收费/本年收费金额（单位：万元）'), '33.85');
    assert.equal(s1('表三/四、结转下年度继续办理/总计'), '', 'a cell not read is empty, never 0');
    const p2 = row('pdf-002');
    assert.equal(p2('表三（2019年格式）/（六）其他处理/自然人'), '0');
    assert.equal(p2('表三/3.其他/自然人'), '');
  });

  test('fields with commas, quotes, line breaks or edge spaces are quoted', () => {
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('说"明"'), '"说""明"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(' x'), '" x"');
    assert.equal(csvField(12.5), '12.5');
    assert.equal(csvField(null), '');
    assert.equal(csvField(undefined), '');
    const e: Extract = { file: 'dir, with comma/报告.md', year: 2023, unit: '某"县"', format: '2021' };
    const line = toCsv([e]).slice(1).split('\r\n')[1];
    assert.deepEqual(parseCsvLine(line).slice(0, 5), ['dir, with comma/报告.md', '1', '2023', '某"县"', '2021']);
  });
});

describe('nianbao extract (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nianbao-extract-'));
  const a = join(dir, 'a.md');
  const b = join(dir, 'b.txt');
  writeFileSync(a, readFileSync(join(LAYOUTS, 'gfm-canonical.md'), 'utf8'));
  writeFileSync(b, readFileSync(ORIGINALS['seed-000'], 'utf8'));

  test('JSON by default, one object per file, exit 0', async () => {
    const r = await run([a, b]);
    assert.equal(r.code, 0);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(out.map((e: Extract) => [e.file, e.year]), [[a, 2023], [b, 2023]]);
    assert.equal(out[1].table3['一、本年新收政府信息公开申请数量'][6], 15);
  });

  test('--format csv and --format=csv', async () => {
    for (const args of [['--format', 'csv', a, b], [a, '--format=csv', b]]) {
      const r = await run(args);
      assert.equal(r.code, 0);
      assert.ok(r.stdout.startsWith('\uFEFF文件,'));
      assert.equal(r.stdout.trimEnd().split('\r\n').length, 3);
    }
  });

  test('a folder gives its Markdown and text files, and leaves out what is not a report', async () => {
    writeFileSync(join(dir, 'README.md'), '# 说明\n\n本文件夹存放年报草稿。\n');
    const r = await run([dir]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout).map((e: Extract) => e.file), [a, b]);
    rmSync(join(dir, 'README.md'));
  });

  test('a GBK-saved draft is read as check reads it', async () => {
    const gbk = join(dir, 'gbk', 'draft.md');
    mkdirSync(dirname(gbk), { recursive: true });
    writeFileSync(gbk, encodeGbk(readFileSync(join(LAYOUTS, 'gfm-canonical.md'), 'utf8')));
    const [utf8] = JSON.parse((await run([a])).stdout) as Extract[];
    const [fromGbk] = JSON.parse((await run([gbk])).stdout) as Extract[];
    assert.deepEqual({ ...fromGbk, file: a }, utf8);
    rmSync(dirname(gbk), { recursive: true });
  });

  test('bad usage: exit 2 with a bilingual message', async () => {
    for (const args of [[], ['--format', 'xml', a], ['--format'], ['--bogus', a], [join(dir, 'missing.md')]]) {
      const r = await run(args);
      assert.equal(r.code, 2, `args ${JSON.stringify(args)}`);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /[\u4e00-\u9fa5]/);
      assert.match(r.stderr, /usage|Usage/);
    }
  });

  test('--help', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /extract/);
  });

  test('clean up', () => rmSync(dir, { recursive: true, force: true }));
});
