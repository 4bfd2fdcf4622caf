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
import { generateReviewFolder, type ReviewTruth, type TruthRow } from '../fixtures/review/generate';
import { CLI, cli, ROOT, type Run } from './run';
import { parseReport } from '../../server/src/index';
import { RULES } from '../../server/src/format/rules';
import { readFigures } from '../../server/src/review/aggregate';
import { analyze, encodeGbk } from '../helpers';

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
  similarity: {
    share: number;
    unit: string | null;
    file: string | null;
    lastYearShare: number | null;
    messages: string[];
    passages: { text: string; line: number; other: { unit: string | null; file: string; line: number }; lastYear: boolean }[];
  } | null;
}
interface JsonSum {
  unit: string;
  file: string;
  included: string[];
  missing: string[];
  differences: { path: string; where: string; line: number; area: number; sum: number; message: string }[];
}
interface JsonReview {
  year: number;
  rows: JsonRow[];
  otherYears: { file: string; unit: string; year: number }[];
  unreadable: { file: string; why: string }[];
  roster: { missing: { name: string }[]; unknown: { unit: string; file: string; closest: string | null }[]; duplicates: { unit: string; files: string[] }[] };
  pairs: { kind: string; a: { unit: string; file: string }; b: { unit: string; file: string }; sentences: number }[];
  aggregation: JsonSum[];
  aggregationNote: string | null;
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
  test('the run says nothing on stderr but the review itself: no warning of a library (exceljs)', () => {
    assert.doesNotMatch(run.stderr, /DeprecationWarning|\(node:\d+\)/);
  });

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
    assert.equal(header, ROW_HEADERS.join(','));
    const rows = rest.slice(0, rest.indexOf(''));
    assert.equal(rows.length, json.rows.length);
    const wrong = rows.find((r) => r.startsWith(`${thisYear().find((t) => t.seeded === 't3-row-total')!.unit},`))!;
    assert.match(wrong, /,2024,2021,本机关（推测）,7,/);
    assert.match(wrong, /表三 · 总计列 · 一、本年新收政府信息公开申请数量：/);
  });

  test('XLSX: 单位 with frozen header and filter, 问题 with every finding, 表二/表三/表四 with every cell', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'out/units.xlsx'));
    assert.deepEqual(book.worksheets.map((s) => s.name), ['单位', '问题', '表二', '表三', '表四', '雷同', '汇总核对', '名单与未读文件']);
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
      // 雷同比例 sorts by the share, not by its words: the four copied reports first, most shared first.
      const share = ROW_HEADERS.indexOf('雷同比例') + 1;
      await page.click(`#units thead th:nth-child(${share}) button`);
      await page.click(`#units thead th:nth-child(${share}) button`);
      const byShare = [...json.rows].sort((a, b) => (b.similarity?.share ?? -1) - (a.similarity?.share ?? -1));
      assert.deepEqual(new Set((await visibleUnits()).slice(0, 4)), new Set(byShare.slice(0, 4).map((r) => r.unit)));
      assert.deepEqual(new Set(byShare.slice(0, 4).map((r) => r.unit)), new Set(json.rows.filter((r) => r.similarity?.unit).map((r) => r.unit)));
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

/** The year's row of a unit named as the roster names it (a township's title may leave out its county). */
const rowOfUnit = (name: string) => json.rows.find((r) => r.unit && (name === r.unit || name.endsWith(r.unit)) && !r.file.includes('修改稿'))!;
/** The codes of the arithmetic checks (format/rules.ts, and the mistyped cell). */
const ARITHMETIC = new Set([...Object.keys(RULES), 'cell-mistyped']);

describe('nianbao review: across units', () => {
  test('雷同: the copied reports name their source unit, in every output; no other report names one', () => {
    const copied = new Map(truth.copiedPairs.flatMap(([from, to]) => [[rowOfUnit(from), rowOfUnit(to)], [rowOfUnit(to), rowOfUnit(from)]]));
    assert.equal(copied.size, 4);
    const csv = readFileSync(join(dir, 'out/units.csv'), 'utf8').split('\r\n');
    for (const row of json.rows) {
      const source = copied.get(row);
      assert.equal(row.similarity?.unit ?? null, source?.unit ?? null, row.file);
      const line = csv.find((l) => l.endsWith(`,${row.file}`))!;
      if (!source) continue;
      assert.ok(row.similarity!.share >= 0.3, row.file);
      assert.match(row.similarity!.messages[0], new RegExp(`与“${source.unit}”相同的最多`));
      assert.ok(line.includes(`,${source.unit},${Math.round(row.similarity!.share * 100)}%,`), line);
      // Its passages name the other report's file and line, and the text is on both lines.
      assert.ok(row.similarity!.passages.length > 0);
      for (const p of row.similarity!.passages) {
        assert.equal(p.other.file, source.file);
        const here = readFileSync(join(dir, row.file), 'utf8').split('\n')[p.line - 1];
        const there = readFileSync(join(dir, source.file), 'utf8').split('\n')[p.other.line - 1];
        const core = p.text.replace(/^\d+年，\S+?局|^\d+年，\S+?政府/, '').slice(-10);
        assert.ok(here.includes(core) && there.includes(core), `${row.file}:${p.line} ${p.text}`);
      }
    }
    // The terminal's 雷同 column: the share and the source unit, for the four and no other.
    const marked = run.stdout.split('\n').filter((l) => /\d+% \S/.test(l));
    assert.equal(marked.length, 4, marked.join('\n'));
    for (const [row, source] of copied) assert.ok(marked.some((l) => l.startsWith(row.unit!.slice(0, 8)) && l.includes(source.unit!.slice(0, 6))), row.unit!);
  });

  test('汇总核对: the county report that is not its units’ sum, each differing cell with both values and where; the one that is, none; the missing unit', () => {
    assert.equal(json.aggregation.length, truth.sums.length);
    for (const sum of truth.sums) {
      const found = json.aggregation.find((a) => a.file === shown(sum.file))!;
      assert.deepEqual(found.differences.map((d) => ({ path: d.path, report: d.area, sum: d.sum })), sum.differing, sum.unit);
      assert.deepEqual(found.missing, sum.missing, sum.unit);
      assert.equal(found.included.length, sum.units.length, sum.unit);
      for (const d of found.differences) {
        const line = readFileSync(join(dir, 'reports', sum.file), 'utf8').split('\n')[d.line - 1];
        assert.ok(line.includes(`| ${d.where.split(' · ').at(-1)} |`) && line.includes(`| ${d.area} |`), `${d.where}: ${line}`);
        assert.ok(d.message.includes(`本报告为 ${d.area}`) && d.message.includes(`之和为 ${d.sum}`), d.message);
      }
    }
    const notSum = json.aggregation.find((a) => a.differences.length)!;
    assert.deepEqual(notSum.differences.map((d) => d.where).slice(0, 2), ['表三 · 自然人列 · 一、本年新收政府信息公开申请数量', '表三 · 总计列 · 一、本年新收政府信息公开申请数量']);
    assert.match(run.stdout, /汇总核对：白石县人民政府（reports\/2024\/白石县\/白石县人民政府\.md）/);
    assert.match(run.stdout, /各单元格与所属单位报告之和一致\n {2}名单上属于“青河县人民政府”的 1 个单位没有 2024 年报告，未计入汇总：青河县统计局/);
  });

  test('year over year: a figure more than 5× or under 1/5 of last year’s is a note with both values; carry-over is reported once', () => {
    const last = (unit: string) => truth.rows.find((r) => r.year === truth.year - 1 && r.unit === unit);
    let jumps = 0;
    for (const t of thisYear()) {
      const row = rowOf(t)!;
      const was = last(t.unit);
      const jump = row.problems.find((p) => p.code === 'year-over-year-jump' && p.where === '表三 · 总计列 · 一、本年新收政府信息公开申请数量');
      const expected = !!was && Math.max(t.figures.received, was.figures.received) >= 20 && (t.figures.received > 5 * was.figures.received || 5 * t.figures.received < was.figures.received);
      assert.equal(!!jump, expected, `${t.file}: ${t.figures.received} / ${was?.figures.received}`);
      if (jump) {
        jumps++;
        assert.equal(jump.severity, 'information');
        assert.ok(jump.message.includes(`本年为 ${t.figures.received}，上年（${truth.year - 1} 年）为 ${was!.figures.received}`), jump.message);
      }
      if (!was) assert.ok(!row.problems.some((p) => p.code === 'year-over-year-jump'), t.file);
      assert.ok(row.problems.filter((p) => p.code === 'carry-over').length <= 1, t.file);
      assert.equal(row.counts.information, row.problems.filter((p) => p.severity === 'information' || p.severity === 'hint').length);
    }
    assert.ok(jumps > 0, 'the folder has a jump of 一 本年新收');
  });

  test('--sum PARENT: the summed tables read back are the county report’s (the sum), add up, and the breakdown names the units', () => {
    const sum = truth.sums.find((s) => !s.differing.length)!;
    const summed = cli(['review', 'reports', '--roster', 'reports/名单.csv', '--sum', '青河县政府'], { cwd: dir });
    assert.equal(summed.status, 0, summed.stderr);
    const [header] = summed.stdout.split('\n');
    assert.match(header, new RegExp(`^<!-- ${sum.unit} 2024 年所属 ${sum.units.length} 个单位报告之和：.*未报送、未计入：${sum.missing.join('、')}。 -->$`));
    const figures = (text: string) => readFigures({ uri: '', report: parseReport(text) }).values;
    const own = figures(readFileSync(join(dir, 'reports', sum.file), 'utf8'));
    const back = figures(summed.stdout);
    assert.equal(Object.keys(back).length, 200);
    for (const [path, value] of Object.entries(back)) assert.equal(value, own[path], path);
    const found = analyze(summed.stdout).findings.filter((f) => ARITHMETIC.has(f.code));
    assert.deepEqual(found.map((f) => f.code), []);
    const gov = thisYear().find((t) => t.unit === sum.unit)!;
    assert.match(summed.stdout, new RegExp(`全县共收到政府信息公开申请 ${gov.figures.received} 件，其中`));
  });

  test('--sum-out writes the file once; again without --overwrite it is kept (exit 2); an unknown PARENT exits 2 with the closest name', () => {
    const args = ['review', 'reports', '--roster', 'reports/名单.csv', '--sum', '白石县人民政府', '--sum-out', 'out/sum.md'];
    assert.equal(cli(args, { cwd: dir }).status, 1);
    const first = readFileSync(join(dir, 'out/sum.md'), 'utf8');
    assert.match(first, /^<!-- 白石县人民政府 2024 年所属 6 个单位报告之和/);
    writeFileSync(join(dir, 'out/sum.md'), 'kept');
    assert.equal(cli(args, { cwd: dir }).status, 2);
    assert.equal(readFileSync(join(dir, 'out/sum.md'), 'utf8'), 'kept');
    assert.equal(cli([...args, '--overwrite'], { cwd: dir }).status, 1);
    assert.equal(readFileSync(join(dir, 'out/sum.md'), 'utf8'), first);
    const unknown = cli(['review', 'reports', '--roster', 'reports/名单.csv', '--sum', '青河政府'], { cwd: dir });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /名单中没有“青河政府”，最接近的是“青河县人民政府”/);
    assert.match(cli(['review', 'reports', '--sum', '青河县人民政府'], { cwd: dir }).stderr, /--sum 需要含“上级”列的单位名单/);
  });

  test('without a roster: the review says the sums need one with 上级, and checks none', () => {
    const plain = cli(['review', 'reports', '--json', 'out/plain.json'], { cwd: dir });
    const data = JSON.parse(readFileSync(join(dir, 'out/plain.json'), 'utf8')) as JsonReview;
    assert.deepEqual(data.aggregation, []);
    assert.equal(data.aggregationNote, '有 2 份全地区报告，但未提供含“上级”列的单位名单（--roster），未做汇总核对');
    assert.ok(plain.stdout.includes(data.aggregationNote!));
  });

  test('XLSX: the 雷同 sheet has the copied pairs with their passages, the 汇总核对 sheet every differing cell with both values', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'out/units.xlsx'));
    const rows = (name: string) => {
      const all: unknown[][] = [];
      book.getWorksheet(name)!.eachRow((r) => all.push((r.values as unknown[]).slice(1)));
      return all;
    };
    const [header, ...similar] = rows('雷同');
    assert.deepEqual(header, ['类别', '报告甲', '甲的文件', '报告乙', '乙的文件', '相同语句数', '甲的行', '乙的行', '相同的文字']);
    for (const [from, to] of truth.copiedPairs) {
      const units = [rowOfUnit(from).unit, rowOfUnit(to).unit].sort();
      const passages = similar.filter((r) => [r[1], r[3]].sort().join() === units.join());
      assert.ok(passages.length > 0, units.join());
      assert.ok(passages.every((r) => r[0] === '其他单位' && typeof r[6] === 'number' && String(r[8]).length > 5));
    }
    assert.equal(similar.length, json.pairs.reduce((n, p) => n + (p as unknown as { passages: unknown[] }).passages.length, 0));
    const [sumHeader, ...sums] = rows('汇总核对');
    assert.deepEqual(sumHeader, ['单位', '文件', '位置', '行', '本报告', '各单位之和', '问题']);
    const notSum = truth.sums.find((s) => s.differing.length)!;
    const json2 = json.aggregation.find((a) => a.file === shown(notSum.file))!;
    assert.deepEqual(
      sums.filter((r) => r[0] === notSum.unit).map((r) => [r[2], r[3], r[4], r[5]]),
      json2.differences.map((d) => [d.where, d.line, d.area, d.sum]),
    );
    assert.ok(sums.some((r) => r[2] === '未计入汇总的单位' && String(r[6]).includes('青河县统计局')));
  });

  test('HTML: an 汇总核对 section per area report with the differing cells; a copied unit’s passages linked to the other report’s line', () => {
    const html = readFileSync(join(dir, 'out/units.html'), 'utf8');
    const sections = html.match(/<section class="aggregation">[\s\S]*?<\/section>/g) ?? [];
    assert.equal(sections.length, truth.sums.length);
    for (const sum of truth.sums) {
      const section = sections.find((s) => s.includes(`${sum.unit}（${shown(sum.file)}）`))!;
      assert.deepEqual([...section.matchAll(/data-path="([^"]+)"/g)].map((m) => m[1]), sum.differing.map((d) => d.path));
      for (const d of sum.differing) assert.match(section, new RegExp(`data-path="${d.path}"><th scope="row">[^<]+</th><td class="num">${d.report}</td><td class="num">${d.sum}</td>`));
      if (sum.missing.length) assert.ok(section.includes(`未计入汇总的单位：${sum.missing.join('、')}`));
    }
    const [from, to] = truth.copiedPairs[0];
    const copied = rowOfUnit(to);
    const i = json.rows.indexOf(copied);
    const unit = html.match(new RegExp(`<section id="unit-${i + 1}">[\\s\\S]*?</section>`))![0];
    const passage = copied.similarity!.passages[0];
    assert.ok(unit.includes('<h4>雷同的段落</h4>'));
    assert.ok(unit.includes(`href="vscode://file${encodeURI(join(dir, rowOfUnit(from).file))}:${passage.other.line}:1"`), unit.slice(0, 2000));
  });
});

describe('nianbao review: a Word document’s and a web page’s places', () => {
  const imported = () => json.rows.filter((r) => /\.(docx|html)$/.test(r.file));

  test('JSON: their problems have no line (the draft’s would point nowhere in the file), their place in words instead', () => {
    assert.deepEqual(imported().map((r) => r.file.replace(/^.*\./, '')).sort(), ['docx', 'html']);
    const word = imported().find((r) => r.file.endsWith('.docx'))!;
    assert.ok(word.problems.length > 0);
    for (const p of word.problems) {
      assert.deepEqual([p.line, p.column], [null, null], JSON.stringify(p));
      assert.match(p.where!, /^表二 · /);
      assert.equal((p as { place?: string }).place, '第 1 个表格');
    }
    // A draft's problems keep their lines.
    assert.ok(json.rows.filter((r) => r.file.endsWith('.md')).every((r) => r.problems.every((p) => typeof p.line === 'number')));
  });

  test('HTML: a Word document’s problems link the file without a line and name the place; a draft’s link the line', () => {
    const html = readFileSync(join(dir, 'out/units.html'), 'utf8');
    const word = imported().find((r) => r.file.endsWith('.docx'))!;
    const link = `href="vscode://file${encodeURI(join(dir, word.file))}"`;
    const unit = html.match(new RegExp(`<section id="unit-${json.rows.indexOf(word) + 1}">[\\s\\S]*?</section>`))![0];
    assert.equal(unit.split(link).length - 1, word.problems.length, unit);
    assert.ok(unit.includes(`>${word.file} · 第 1 个表格</a>`), unit);
    assert.ok(!new RegExp(`${encodeURI(join(dir, word.file)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d`).test(html));
    const draft = json.rows.find((r) => r.file.endsWith('.md') && r.problems.length)!;
    assert.ok(html.includes(`href="vscode://file${encodeURI(join(dir, draft.file))}:${draft.problems[0].line}:${draft.problems[0].column}"`));
  });

  test('XLSX: the 问题 sheet gives a Word document’s place, never a line', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'out/units.xlsx'));
    const word = imported().find((r) => r.file.endsWith('.docx'))!;
    const lines: unknown[] = [];
    book.getWorksheet('问题')!.eachRow((r) => {
      const values = (r.values as unknown[]).slice(1);
      if (values[0] === word.file) lines.push(values[1]);
    });
    assert.deepEqual(lines, word.problems.map(() => '第 1 个表格'));
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
    for (const option of ['--sum 单位', '--sum-out 文件', '--overwrite']) assert.ok(help.stdout.includes(`  ${option} `), option);
    assert.match(help.stdout, /雷同：/);
    assert.match(help.stdout, /汇总核对：/);
    const en = cli(['review', 'reports', '--locale', 'en', '--year', '2024'], { cwd: dir });
    assert.match(en.stdout, /^Review of the 2024 annual reports/);
    assert.match(en.stdout, /Unit +Year +New requests/);
  });
});

const CHROMIUM = '/usr/bin/chromium';
/** The columns of a report's row, in the CSV and the page. */
const ROW_HEADERS = '单位,年度,格式,范围,本年新收,上年结转,办理总计,结转下年,行政复议,行政诉讼,规范性文件现行有效,信息处理费（元）,错误,警告,提示,雷同最多的单位,雷同比例,与上年雷同比例,首要问题,文件'.split(',');

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
