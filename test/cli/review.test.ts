/**
 * `nianbao review` over the generated folder of a county's reports
 * (test/fixtures/review/generate.ts): every row against the ground truth, the
 * roster's results, each output (terminal table, CSV, JSON, XLSX read back
 * with exceljs, HTML in headless chromium), the files not read, Ctrl+C, and
 * the exit codes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import stringWidth from 'string-width';
import { encodeGbk } from '../helpers';
import { generateReviewFolder, type ReviewTruth, type TruthRow } from '../fixtures/review/generate';
import { CLI, cli, ROOT, type Run } from './run';

interface JsonRow {
  file: string;
  unit: string | null;
  year: number | null;
  format: string;
  scope: string;
  scopeDeclared: boolean;
  figures: Record<string, number | null>;
  counts: { error: number; warning: number; information: number };
  problems: { line: number; column: number; code: string; severity: string; where: string | null; message: string }[];
  cells: { table3?: Record<string, (number | null)[]> };
}
interface JsonReview {
  year: number;
  rows: JsonRow[];
  otherYears: { file: string; unit: string; year: number }[];
  unreadable: { file: string; why: string }[];
  roster: { missing: { name: string }[]; unknown: { unit: string; file: string; closest: string | null }[]; duplicates: { unit: string; files: string[] }[] };
  aggregation: unknown[];
}

let dir: string;
let truth: ReviewTruth;
let run: Run;
let json: JsonReview;
const OUTPUTS = ['--csv', 'out/units.csv', '--json', 'out/units.json', '--xlsx', 'out/units.xlsx', '--html', 'out/units.html'];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-review-'));
  truth = await generateReviewFolder(join(dir, 'reports'));
  mkdirSync(join(dir, 'out'));
  run = cli(['review', 'reports', '--roster', 'reports/名单.csv', ...OUTPUTS], { cwd: dir });
  json = JSON.parse(readFileSync(join(dir, 'out/units.json'), 'utf8'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** The truth's path as the run shows it (the folder was named `reports`). */
const shown = (file: string) => `reports/${file}`;
const thisYear = () => truth.rows.filter((r) => r.year === truth.year);
const rowOf = (t: TruthRow) => json.rows.find((r) => r.file === shown(t.file));

describe('nianbao review: the rows', () => {
  test('one row per report of the year, every report of last year apart', () => {
    assert.equal(json.year, truth.year);
    assert.deepEqual(json.rows.map((r) => r.file).sort(), thisYear().map((t) => shown(t.file)).sort());
    assert.deepEqual(json.otherYears.map((r) => r.file).sort(), truth.rows.filter((r) => r.year !== truth.year).map((t) => shown(t.file)).sort());
  });

  test('every row: unit, year, format and the key figures as the report has them', () => {
    for (const t of thisYear()) {
      const row = rowOf(t)!;
      assert.equal(row.unit, t.unit, t.file);
      assert.equal(row.year, t.year, t.file);
      assert.equal(row.format, '2021', t.file);
      assert.deepEqual(row.figures, t.figures, t.file);
    }
  });

  test('a seeded error is found where it was seeded; a clean report has no error and no warning', () => {
    for (const t of thisYear()) {
      const row = rowOf(t)!;
      if (t.seeded) assert.ok(row.problems.some((p) => p.code === t.seeded && p.where), `${t.file}: ${t.seeded} expected, found ${row.problems.map((p) => p.code)}`);
      else assert.deepEqual([row.counts.error, row.counts.warning], [0, 0], `${t.file}: ${row.problems.map((p) => `${p.code} ${p.message}`).join('; ')}`);
    }
  });

  test('last year’s report in the folder: 二 is compared with last year’s 四 (carry-over), right and wrong', () => {
    assert.ok(truth.lastYear.some((l) => !l.carryOverRight));
    for (const { unit, file, carryOverRight } of truth.lastYear) {
      const row = json.rows.find((r) => r.file === shown(file))!;
      assert.equal(row.problems.some((p) => p.code === 'carry-over'), !carryOverRight, unit);
    }
  });

  test('a problem names its place in the report’s words and its line', () => {
    const wrong = thisYear().find((t) => t.seeded === 't3-row-total')!;
    const problem = rowOf(wrong)!.problems.find((p) => p.code === 't3-row-total')!;
    assert.equal(problem.where, '表三 · 总计列 · 一、本年新收政府信息公开申请数量');
    const line = readFileSync(join(dir, 'reports', wrong.file), 'utf8').split('\n')[problem.line - 1];
    assert.match(line, /^\| 一、本年新收政府信息公开申请数量 /);
  });

  test('scope: a county government is guessed area-wide, a department its own organ, both shown as guesses', () => {
    const gov = json.rows.find((r) => r.unit === truth.sums[0].unit)!;
    const office = json.rows.find((r) => r.unit?.endsWith('教育局'))!;
    assert.deepEqual([gov.scope, gov.scopeDeclared, office.scope, office.scopeDeclared], ['area-wide', false, 'own-organ', false]);
    assert.ok(readFileSync(join(dir, 'out/units.csv'), 'utf8').includes(`\r\n${gov.unit},2024,2021,全地区（推测）,`));
  });

  test('the cells of the county report that is its units’ sum, and of the one that is not', () => {
    for (const sum of truth.sums) {
      const gov = json.rows.find((r) => r.file === shown(sum.file))!;
      const units = json.rows.filter((r) => sum.units.includes(r.unit!) && !r.file.includes('修改稿'));
      assert.equal(units.length, sum.units.length);
      const differing = Object.keys(gov.cells.table3!).flatMap((label) =>
        gov.cells.table3![label].flatMap((value, i) => {
          const total = units.reduce((s, u) => s + (u.cells.table3![label][i] ?? 0), 0);
          return value === total ? [] : [{ value, total }];
        }),
      );
      assert.deepEqual(differing, sum.differing.filter((d) => d.path.startsWith('t3/')).map((d) => ({ value: d.report, total: d.sum })), sum.unit);
    }
  });
});

describe('nianbao review: the roster', () => {
  test('units with no report, reports not on the roster with the closest name, two reports of one unit', () => {
    const closest = truth.notOnRoster.map((n) => n.closest);
    assert.deepEqual(json.roster.missing.map((u) => u.name).sort(), [...truth.missing, ...closest].sort());
    assert.deepEqual(
      json.roster.unknown.map((u) => ({ unit: u.unit, file: u.file, closest: u.closest })),
      truth.notOnRoster.map((n) => ({ unit: n.unit, file: shown(n.file), closest: n.closest })),
    );
    assert.deepEqual(json.roster.duplicates, [{ unit: truth.duplicate.unit, files: truth.duplicate.files.map(shown) }]);
  });

  test('a roster saved in GBK, with English headers, gives the same results', () => {
    const csv = readFileSync(truth.roster, 'utf8').replace(/^\uFEFF/, '').replace('单位,上级,类型', 'Unit,Parent,Kind');
    writeFileSync(join(dir, 'roster-gbk.csv'), encodeGbk(csv));
    const again = cli(['review', 'reports', '--roster', 'roster-gbk.csv', '--json', 'out/gbk.json'], { cwd: dir });
    assert.equal(again.status, 1, again.stderr);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'out/gbk.json'), 'utf8')).roster, json.roster);
  });

  test('a roster without a 单位 column stops the run: exit 2, nothing written', () => {
    writeFileSync(join(dir, 'bad.csv'), '名称甲,上级\n青河县教育局,青河县人民政府\n');
    const bad = cli(['review', 'reports', '--roster', 'bad.csv', '--csv', 'out/bad.csv'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /名单 bad\.csv 有误：第一行应为表头/);
    assert.equal(existsSync(join(dir, 'out/bad.csv')), false);
  });
});

describe('nianbao review: the outputs', () => {
  test('exit 1 (errors found); the terminal table fits 100 columns, cut with …', () => {
    assert.equal(run.status, 1, run.stderr);
    const lines = run.stdout.trimEnd().split('\n');
    assert.ok(lines.every((l) => stringWidth(l) <= 100), lines.find((l) => stringWidth(l) > 100));
    assert.ok(lines.some((l) => l.includes('…')));
    assert.match(run.stdout, /^2024 年度报告审核：\d+ 份报告/);
    for (const t of thisYear()) assert.ok(run.stdout.includes(t.unit.slice(0, 8)), t.unit);
  });

  test('files that could not be read are listed apart, with the reason, in every output', () => {
    const [file] = truth.unreadable.map(shown);
    assert.deepEqual(json.unreadable.map((u) => u.file), [file]);
    assert.match(json.unreadable[0].why, /无法导入/);
    assert.match(run.stdout, /无法读取的文件\n {2}reports\/2024\/青河县\/青河县城关镇人民政府（扫描件）\.docx：无法导入/);
    assert.ok(readFileSync(join(dir, 'out/units.csv'), 'utf8').includes(file));
    assert.ok(readFileSync(join(dir, 'out/units.html'), 'utf8').includes(file));
  });

  test('CSV: UTF-8 with BOM, CRLF, the columns, one row per report', () => {
    const bytes = readFileSync(join(dir, 'out/units.csv'));
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    assert.ok(!/[^\r]\n/.test(text), 'every line ends in CRLF');
    const [header, ...rest] = text.split('\r\n');
    assert.equal(header, '单位,年度,格式,范围,本年新收,上年结转,办理总计,结转下年,行政复议,行政诉讼,规范性文件现行有效,信息处理费（元）,错误,警告,提示,雷同最多的单位,雷同比例,首要问题,文件');
    const rows = rest.slice(0, rest.indexOf(''));
    assert.equal(rows.length, json.rows.length);
    const wrong = rows.find((r) => r.startsWith(`${thisYear().find((t) => t.seeded === 't3-row-total')!.unit},`))!;
    assert.match(wrong, /,2024,2021,本机关（推测）,7,/);
    assert.match(wrong, /表三 · 总计列 · 一、本年新收政府信息公开申请数量：/);
  });

  test('XLSX: 单位 with frozen header and filter, 问题 with every finding, 表二/表三/表四 with every cell', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'out/units.xlsx'));
    assert.deepEqual(book.worksheets.map((s) => s.name), ['单位', '问题', '表二', '表三', '表四', '名单与未读文件']);
    const units = book.getWorksheet('单位')!;
    const view = units.views[0] as { state: string; ySplit: number };
    assert.deepEqual([view.state, view.ySplit], ['frozen', 1]);
    assert.ok(units.autoFilter, 'auto-filter');
    const header = (units.getRow(1).values as unknown[]).slice(1);
    assert.equal(header[0], '单位');
    assert.equal(units.rowCount, json.rows.length + 1);
    json.rows.forEach((row, i) => {
      const cells = (units.getRow(i + 2).values as unknown[]).slice(1);
      assert.equal(cells[0], row.unit);
      assert.equal(cells[1], row.year);
      header.forEach((name, c) => {
        const key = ['本年新收', '上年结转', '办理总计', '结转下年', '行政复议', '行政诉讼', '规范性文件现行有效', '信息处理费（元）'].indexOf(name as string);
        if (key >= 0) assert.equal(cells[c] ?? null, Object.values(row.figures)[key], `${row.unit} ${name}`);
      });
    });
    const problems = book.getWorksheet('问题')!;
    assert.equal(problems.rowCount - 1, json.rows.reduce((n, r) => n + r.problems.length, 0));
    assert.deepEqual((problems.getRow(1).values as unknown[]).slice(1), ['文件', '行', '单位', '代码', '级别', '位置', '问题']);
    const t3 = book.getWorksheet('表三')!;
    const t3Header = (t3.getRow(1).values as unknown[]).slice(1) as string[];
    assert.equal(t3Header[2], '一、本年新收政府信息公开申请数量/自然人');
    assert.equal(t3Header.length, 2 + 25 * 7);
    json.rows.forEach((row, i) => {
      const cells = (t3.getRow(i + 2).values as unknown[]).slice(1);
      assert.equal(cells[0], row.unit);
      t3Header.slice(2).forEach((name, c) => {
        const [label, column] = name.split('/');
        const index = ['自然人', '商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他', '总计'].indexOf(column);
        assert.equal(cells[c + 2] ?? null, row.cells.table3![label][index], `${row.unit} ${name}`);
      });
    });
    assert.equal(book.getWorksheet('表四')!.getRow(1).getCell(3).value, '行政复议/结果维持');
    const lists: string[] = [];
    book.getWorksheet('名单与未读文件')!.eachRow((row) => lists.push((row.values as unknown[]).filter(Boolean).join(' ')));
    assert.equal(lists[0], '无法读取的文件');
    assert.ok(lists[1].startsWith(`${shown(truth.unreadable[0])}：无法导入`), lists[1]);
  });

  test('HTML: sorted by a click on a header, filtered by typing and by severity (headless chromium)', async (t) => {
    const playwright = loadPlaywright();
    if (!playwright || !existsSync(CHROMIUM)) return t.skip(`chromium or playwright-core not installed (${CHROMIUM}, .e2e/node_modules): run bash .ci/e2e-setup.sh`);
    const browser = await playwright.chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${join(dir, 'out/units.html')}`);
      const visibleUnits = () => page.$$eval('#units tbody tr:not([hidden]) th', (cells) => cells.map((c) => c.textContent));
      const column = (name: string) => page.$$eval(`#units tbody tr:not([hidden])`, (rows, n) => rows.map((r) => r.cells[n].textContent), name === '本年新收' ? 4 : 12);
      assert.equal((await visibleUnits()).length, json.rows.length);
      await page.click('#units thead th:nth-child(5) button');
      const up = (await column('本年新收')).map(Number);
      assert.deepEqual(up, [...up].sort((a, b) => a - b));
      assert.equal(await page.getAttribute('#units thead th:nth-child(5)', 'aria-sort'), 'ascending');
      await page.click('#units thead th:nth-child(5) button');
      const down = (await column('本年新收')).map(Number);
      assert.deepEqual(down, [...up].sort((a, b) => b - a));
      await page.fill('#filter', '龙泉镇');
      assert.deepEqual(await visibleUnits(), ['龙泉镇人民政府']);
      // A problem's words find its unit too.
      await page.fill('#filter', '缺少第五部分');
      assert.deepEqual(await visibleUnits(), json.rows.filter((r) => r.problems.some((p) => p.message.includes('缺少第五部分'))).map((r) => r.unit));
      await page.fill('#filter', '');
      await page.check('.controls input[value=error]');
      const withErrors = json.rows.filter((r) => r.counts.error > 0).map((r) => r.unit);
      assert.deepEqual((await visibleUnits()).sort(), withErrors.sort());
      // Its problems link to the line in VS Code.
      const first = json.rows.findIndex((r) => r.counts.error > 0);
      const problem = json.rows[first].problems[0];
      const link = await page.getAttribute(`#unit-${first + 1} li a`, 'href');
      assert.equal(link, `vscode://file${encodeURI(join(dir, json.rows[first].file))}:${problem.line}:${problem.column}`);
    } finally {
      await browser.close();
    }
  });

  test('HTML without its script: the whole table, static; print style; row headers', () => {
    const html = readFileSync(join(dir, 'out/units.html'), 'utf8');
    assert.equal((html.match(/<tr id="row-/g) ?? []).length, json.rows.length);
    assert.match(html, /@media print/);
    assert.match(html, /<th scope="col"/);
    assert.match(html, /<th scope="row">/);
    assert.ok(!/<(link|script) [^>]*src=/.test(html), 'nothing fetched');
  });
});

describe('nianbao review: running', () => {
  test('Ctrl+C once progress has started: exit 130, no output file', async () => {
    const out = join(dir, 'interrupted.csv');
    const child = spawn(process.execPath, [CLI, 'review', 'reports', '--progress', '--jobs', '1', '--csv', out], { cwd: dir });
    let stderr = '';
    const code = await new Promise<number | null>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        if (/审核 \d+\/\d+/.test(stderr) && !child.killed) child.kill('SIGINT');
      });
      child.on('exit', (status) => resolve(status));
    });
    assert.equal(code, 130, stderr);
    assert.match(stderr, /已中断，未写入任何输出文件/);
    assert.equal(existsSync(out), false);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('.tmp')), []);
  });

  test('no progress on a pipe; a clean folder exits 0; bad usage exits 2', () => {
    assert.doesNotMatch(run.stderr, /审核 \d+\/\d+/);
    const clean = cli(['review', join(ROOT, 'examples', 'clean-2024.md')]);
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(cli(['review']).status, 2);
    assert.equal(cli(['review', 'reports', '--bogus'], { cwd: dir }).status, 2);
    assert.equal(cli(['review', 'no-such-folder'], { cwd: dir }).status, 2);
  });

  test('--help; --locale en', () => {
    const help = cli(['review', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--roster/);
    const en = cli(['review', 'reports', '--locale', 'en', '--year', '2024'], { cwd: dir });
    assert.match(en.stdout, /^Review of the 2024 annual reports/);
    assert.match(en.stdout, /Unit +Year +New requests/);
  });
});

const CHROMIUM = '/usr/bin/chromium';

/** An element in the page, as the test reads it (no DOM types here). */
interface DomElement {
  textContent: string | null;
  cells: DomElement[];
}

/** What the test uses of a page (playwright-core has no types in this repository's node_modules). */
interface Page {
  goto(url: string): Promise<unknown>;
  click(selector: string): Promise<void>;
  fill(selector: string, text: string): Promise<void>;
  check(selector: string): Promise<void>;
  getAttribute(selector: string, name: string): Promise<string | null>;
  $$eval<R, A>(selector: string, f: (elements: DomElement[], arg: A) => R, arg?: A): Promise<R>;
}
interface Playwright {
  chromium: { launch(options: { executablePath: string; args: string[] }): Promise<{ newPage(): Promise<Page>; close(): Promise<void> }> };
}

/** playwright-core, from the e2e tools (.e2e/node_modules, installed by .ci/e2e-setup.sh), if there. */
function loadPlaywright(): Playwright | undefined {
  try {
    return createRequire(join(ROOT, '.e2e', 'package.json'))('playwright-core');
  } catch {
    return undefined;
  }
}
