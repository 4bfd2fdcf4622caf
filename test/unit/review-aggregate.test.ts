/**
 * Aggregation (server/src/review/aggregate.ts): a county's area-wide report
 * against the sum of its units' reports. The units are four real reports
 * (seeds 000, 002, 003, 004) filed under the county's departments, as a
 * reviewer's folder holds them; the county's report is clean-2024.md for 2023
 * with the summed tables pasted in, then with two cells retyped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, asUnit, example, setCell } from '../helpers';
import { parseReport } from '../../server/src/index';
import { isNumberCell } from '../../server/src/model/report';
import { aggregate, breakdownSentences, readFigures, sumTables, summedMarkdown, type UnitReport } from '../../server/src/review/aggregate';

const COUNTY = '示例县人民政府';
const unit = (uri: string, text: string): UnitReport => ({ uri, report: parseReport(text) });
const UNITS: UnitReport[] = [
  unit('教育局.md', asUnit(example('seed-000.md'), '示例县教育局')),
  unit('公安局.md', asUnit(example('seed-002.md'), '示例县公安局')),
  unit('城关镇.md', asUnit(example('seed-003.md'), '示例县城关镇人民政府')),
  unit('办公室.md', asUnit(example('seed-004.md'), '示例县人民政府办公室')),
];
/** The roster's 上级 column: the four, one unit with no report, and a unit of another county. */
const PARENTS = new Map([
  ['示例县教育局', COUNTY],
  ['示例县公安局', COUNTY],
  ['示例县城关镇人民政府', COUNTY],
  ['示例县人民政府办公室', COUNTY],
  ['示例县卫生健康局', COUNTY],
  ['邻县教育局', '邻县人民政府'],
]);
/** A report of 邻县教育局 for the same year: under another parent, never in the sum. */
const NEIGHBOUR = unit('邻县教育局.md', asUnit(example('seed-002.md'), '邻县教育局'));

/** Replace the GFM table under a section heading with `markdown`. */
function replaceTable(text: string, heading: string, markdown: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => l.includes(heading));
  const start = lines.findIndex((l, i) => i > at && l.startsWith('|'));
  let end = start;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  return [...lines.slice(0, start), markdown, ...lines.slice(end)].join('\n');
}

/** clean-2024.md as the county's own report for 2023, with `tables` in place of its own. */
function countyReport(tables: Record<'t2' | 't3' | 't4', string>): string {
  let text = asUnit(example('clean-2024.md'), COUNTY).replaceAll('2024', '2023').replaceAll('示例县人民政府办公室', COUNTY);
  text = replaceTable(text, '## 二、', tables.t2);
  text = replaceTable(text, '## 三、', tables.t3);
  return replaceTable(text, '## 四、', tables.t4);
}

test('the sum of four real reports, cell by cell; the summed Markdown read back gives the same numbers and adds up', () => {
  const sum = sumTables(UNITS);
  assert.deepEqual(sum.units, ['示例县教育局', '示例县公安局', '示例县城关镇人民政府', '示例县人民政府办公室']);
  assert.deepEqual(sum.gaps, []);
  // 一、本年新收 总计: 15 + 57 + 0 + 7.
  assert.equal(sum.values.get('t3/new/6'), 79);
  assert.equal(sum.values.get('t4/review/4'), 7);
  const own = (uri: string, path: string) => {
    const [table, row, column] = path.split('/');
    const cell = UNITS.find((u) => u.uri === uri)!.report.tables[table as 't3']!.rows.get(row)!.cells[Number(column)];
    return isNumberCell(cell) ? cell.value : 0;
  };
  for (const path of ['t2/licensing/0', 't2/penalty/0', 't2/normative/2', 't3/disclosed/0', 't3/carryNext/6', 't4/suitDirect/4']) {
    assert.equal(sum.values.get(path), UNITS.reduce((n, u) => n + own(u.uri, path), 0), path);
  }

  const draft = countyReport(summedMarkdown(sum));
  const read = parseReport(draft);
  for (const [path, value] of sum.values) {
    const [table, row, column] = path.split('/');
    const cell = read.tables[table as 't2' | 't3' | 't4']?.rows.get(row)?.cells[Number(column)];
    assert.ok(isNumberCell(cell), path);
    assert.equal(cell.value, value, path);
  }
  const arithmetic = analyze(draft).findings.filter((f) => /^t[34]-|cell-|table-read|missing-row|label-deviation/.test(f.code));
  assert.deepEqual(arithmetic.map((f) => `${f.code} ${f.message.zh}`), []);
});

test('an area report that is exactly the sum: no difference; the unit on the roster with no report is named', () => {
  const county = unit('示例县人民政府.md', countyReport(summedMarkdown(sumTables(UNITS))));
  const result = aggregate(county, [county, ...UNITS, NEIGHBOUR], PARENTS);
  assert.equal(result.area, COUNTY);
  assert.deepEqual(result.included.map((u) => u.uri), ['教育局.md', '公安局.md', '城关镇.md', '办公室.md']);
  assert.deepEqual(result.differences, []);
  assert.deepEqual(result.missing, ['示例县卫生健康局']);
  assert.equal(result.missingMessage?.zh, '名单上属于“示例县人民政府”的 1 个单位没有 2023 年报告，未计入汇总：示例县卫生健康局；请催报后重新汇总');
  assert.match(result.missingMessage!.en, /^Units under “示例县人民政府” on the roster with no report for 2023, not in the sum \(1\): 示例县卫生健康局/);
});

test('an area report differing in two cells: each with both values, where in the report’s own words, on the cell; 现行有效 above the sum is not a difference', () => {
  let text = countyReport(summedMarkdown(sumTables(UNITS)));
  const read = parseReport(text).tables;
  const disclosed = (read.t3!.rows.get('disclosed')!.cells[0].value ?? 0) + 2;
  const licensing = (read.t2!.rows.get('licensing')!.cells[0].value ?? 0) - 100;
  const inForce = (read.t2!.rows.get('normative')!.cells[2].value ?? 0) + 30;
  text = setCell(text, '（一）予以公开', 3, String(disclosed));
  text = setCell(text, '| 行政许可', 1, String(licensing));
  // The government's own 规范性文件 are in no department's report: more than the sum is expected.
  text = setCell(text, '| 行政规范性文件', 3, String(inForce));
  const county = unit('示例县人民政府.md', text);
  const result = aggregate(county, [county, ...UNITS, NEIGHBOUR], PARENTS);
  assert.deepEqual(result.missing, ['示例县卫生健康局']);
  assert.deepEqual(
    result.differences.map((d) => [d.where.zh, d.area, d.sum]),
    [
      ['表二 · 本年处理决定数量列 · 行政许可', licensing, licensing + 100],
      ['表三 · 自然人列 · （一）予以公开', disclosed, disclosed - 2],
    ],
  );
  const cell = result.differences.find((d) => d.table === 't3')!;
  assert.equal(text.split('\n')[cell.range.start.line].slice(cell.range.start.character, cell.range.end.character), String(disclosed));
  assert.equal(
    cell.message.zh,
    `表三 · 自然人列 · （一）予以公开：本报告为 ${disclosed}，所属 4 个单位报告之和为 ${disclosed - 2}（相差 +2）；请核对汇总，或补齐未汇总的单位`,
  );
  assert.match(cell.message.en, /^Table 3 · column 自然人 · row （一）予以公开: this report has \d+, the sum of its 4 units’ reports is \d+ \(a difference of \+2\)/);

  // 现行有效 below the units' sum is reported, as a count that must include theirs.
  const below = setCell(text, '| 行政规范性文件', 3, String(inForce - 31));
  const lower = aggregate(unit('示例县人民政府.md', below), UNITS, PARENTS).differences.find((d) => d.table === 't2' && d.row === 'normative')!;
  assert.match(lower.message.zh, /^表二 · 现行有效件数列 · 行政规范性文件：本报告为 \d+，少于所属 4 个单位报告之和 \d+（相差 −1）/);
});

test('the breakdown sentences: units by count, most first, the ones with none summed as 其余', () => {
  const [requests, reviews, suits] = breakdownSentences(sumTables(UNITS), COUNTY);
  assert.equal(requests.zh, '全县共收到政府信息公开申请 79 件，其中示例县公安局 57 件、示例县教育局 15 件、示例县人民政府办公室 7 件、其余 1 个单位 0 件。');
  assert.equal(requests.en, 'All units under 示例县人民政府 received 79 requests for government information, of which 示例县公安局 57, 示例县教育局 15, 示例县人民政府办公室 7, the rest (1) none.');
  assert.equal(reviews.zh, '全县共发生政府信息公开行政复议 7 件，其中示例县教育局 5 件、示例县公安局 1 件、示例县人民政府办公室 1 件、其余 1 个单位 0 件。');
  assert.equal(suits.zh, '全县共发生政府信息公开行政诉讼 2 件，其中示例县人民政府办公室 2 件、其余 3 个单位 0 件。');
  // No unit with any: the total alone.
  const [none] = breakdownSentences(sumTables(UNITS.slice(2, 3)), COUNTY);
  assert.equal(none.zh, '全县共收到政府信息公开申请 0 件。');
});

test('a unit whose table has blank cells adds nothing to them, and is named as a gap', () => {
  const blanks = unit('交城县.md', example('seed-001.md'));
  const sum = sumTables([UNITS[0], blanks]);
  assert.deepEqual(
    sum.gaps.map((g) => [g.unit, g.table, g.cells]),
    [['交城县', 't3', 16]],
  );
  assert.equal(sum.gaps[0].message.zh, '“交城县”的表三有 16 个单元格不是数字（空白、无法读取或缺表），汇总时未计入');
});

test('fees in 万元 add up to the 0.0001, and are written so in the summed table', () => {
  const clean = example('clean-2024.md');
  const fees = (uri: string, name: string, amount: string) => unit(uri, setCell(asUnit(clean, name), '| 行政事业性收费', 1, amount));
  const sum = sumTables([fees('a.md', '示例县教育局', '0.1'), fees('b.md', '示例县公安局', '0.2')]);
  assert.equal(sum.values.get('t2/fees/0'), 0.3);
  assert.match(summedMarkdown(sum).t2, /^\| 行政事业性收费 \| 0\.3 \|/m);
});

test('what the sum keeps of a report is plain data: posted from a worker thread (cloned), it sums and compares the same', () => {
  const kept = structuredClone(UNITS.map(readFigures));
  assert.deepEqual(kept[1].values['t3/new/6'], 57);
  // seed-001's blank cells are absent, not 0.
  assert.equal(Object.keys(readFigures(unit('交城县.md', example('seed-001.md'))).values).filter((p) => p.startsWith('t3/')).length, 175 - 16);
  const county = unit('示例县人民政府.md', setCell(countyReport(summedMarkdown(sumTables(kept))), '（一）予以公开', 3, '0'));
  const fromReports = aggregate(county, UNITS, PARENTS);
  const fromKept = aggregate(county, kept, PARENTS);
  assert.deepEqual(fromKept.differences, fromReports.differences);
  assert.equal(fromKept.differences.length, 1);
  assert.deepEqual(fromKept.missing, ['示例县卫生健康局']);
  assert.deepEqual(breakdownSentences(fromKept.sum, COUNTY), breakdownSentences(fromReports.sum, COUNTY));
});
