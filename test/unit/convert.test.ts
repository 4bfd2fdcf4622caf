/**
 * 转换为标准表格: the canonical GFM table, over exactly the table's lines,
 * idempotent, and with the document's numeric findings the same before and
 * after — on every seed, corpus file, example and layout draft.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeText, applyEdits, type Finding } from '../../server/src/index';
import { parseReport } from '../../server/src/parse/report';
import { conversionBlocker, convertToStandardTable } from '../../server/src/features/convert';
import { renderTable } from '../../server/src/format/render';
import { extractReport } from '../../server/src/extract';
import type { TableId } from '../../server/src/format/standard';
import { writer } from '../helpers';

const ROOT = resolve(__dirname, '..', '..');
const SHARED = join(ROOT, 'test', 'fixtures', 'originals');
const LAYOUTS = join(ROOT, 'test', 'fixtures', 'drafts', 'layouts');

const FILES: Record<string, string> = {
  ...Object.fromEntries(readdirSync(join(SHARED, 'seeds')).filter((f) => f.endsWith('.txt')).sort().map((f) => [`seeds/${f}`, join(SHARED, 'seeds', f)])),
  ...Object.fromEntries(['pdf-001', 'pdf-002', 'pdf-003'].map((f) => [`corpus/${f}`, join(SHARED, 'corpus', `${f}.txt`)])),
  ...Object.fromEntries(readdirSync(join(ROOT, 'examples')).filter((f) => /^(seed|clean).*\.md$/.test(f)).map((f) => [`examples/${f}`, join(ROOT, 'examples', f)])),
  ...Object.fromEntries(readdirSync(LAYOUTS).filter((f) => f.endsWith('.md') && f !== 'README.md').map((f) => [`layouts/${f}`, join(LAYOUTS, f)])),
};

/** Text compared with its padding squashed: `| |` and `|  |` are the same cell. */
const sq = (s: string) => s.replace(/[ \t]+/g, ' ');

const NUMERIC = /^(t3-|t4-total$|cell-blank$|cell-invalid$|missing-row$)/;
/** The numeric findings, without their ranges: code, severity and data. */
const numeric = (text: string) =>
  analyzeText(text)
    .findings.filter((f: Finding) => NUMERIC.test(f.code))
    .map((f) => JSON.stringify([f.code, f.severity, f.data ?? {}]))
    .sort();

function convert(text: string, id: TableId): string | undefined {
  const report = parseReport(text);
  const edit = convertToStandardTable(report, id);
  return edit ? applyEdits(text, [edit], report.offsetAt) : undefined;
}

describe('on every real and sample report', () => {
  for (const [name, path] of Object.entries(FILES)) {
    test(name, () => {
      const original = readFileSync(path, 'utf8');
      const before = numeric(original);
      const numbersBefore = extractReport(parseReport(original), name);
      let text = original;
      for (const id of ['t4', 't3', 't2'] as TableId[]) {
        const report = parseReport(text);
        const table = report.tables[id];
        const edit = convertToStandardTable(report, id);
        if (!edit) continue;
        // Exactly the table's lines: after the section heading, and the line after the edit is no table line.
        const section = report.sections.find((s) => s.spec.table === id)!;
        assert.ok(edit.range.start.line > section.heading.span.range.start.line, `${id}: the heading is not replaced`);
        assert.equal(edit.range.start.character, 0);
        assert.ok(edit.range.end.line >= table!.range.end.line);
        const lines = text.split('\n');
        assert.equal(edit.range.end.character, lines[edit.range.end.line].replace(/\r$/, '').length, `${id}: whole lines`);
        text = applyEdits(text, [edit], report.offsetAt);
        assert.equal(convertToStandardTable(parseReport(text), id), undefined, `${id}: converting again changes nothing`);
      }
      assert.deepEqual(numeric(text), before, 'the numeric findings are the same');
      const numbersAfter = extractReport(parseReport(text), name);
      assert.deepEqual(numbersAfter.table2, numbersBefore.table2);
      assert.deepEqual(numbersAfter.table3, numbersBefore.table3);
      assert.deepEqual(numbersAfter.table4, numbersBefore.table4);
      // Every section is still found where it was.
      assert.deepEqual(
        parseReport(text).sections.map((s) => s.spec.number),
        parseReport(original).sections.map((s) => s.spec.number),
      );
    });
  }
});

describe('the region and the result', () => {
  const base = readFileSync(join(LAYOUTS, 'tsv.md'), 'utf8');

  test('not the heading, not the prose before or after; the canonical table with the same numbers', () => {
    const text = base
      .replace('三、收到和处理政府信息公开申请情况\n\n', '三、收到和处理政府信息公开申请情况\n\n本年度收到和处理申请情况如下：\n\n')
      .replace('\n\n四、政府信息公开行政复议', '\n\n以上数据均已核实。\n\n四、政府信息公开行政复议');
    const report = parseReport(text);
    const edit = convertToStandardTable(report, 't3')!;
    const after = applyEdits(text, [edit], report.offsetAt);
    assert.ok(sq(after).includes(sq('三、收到和处理政府信息公开申请情况\n\n本年度收到和处理申请情况如下：\n\n')));
    assert.ok(sq(after).includes(sq('\n\n以上数据均已核实。\n\n四、政府信息公开行政复议')));
    const values = Object.fromEntries([...report.tables.t3!.rows.values()].map((r) => [r.key, r.cells.map((c) => c.value)]));
    assert.ok(sq(after).includes(sq(renderTable('t3', writer(values)))), 'the rendered canonical table');
    assert.ok(sq(after).includes(sq('| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | | | 申请人情况 |')), 'under its real header rows');
  });

  test('Tables 2 and 4: the canonical tables', () => {
    let text = convert(base, 't2')!;
    const r2 = parseReport(base).tables.t2!;
    const v2 = Object.fromEntries([...r2.rows.values()].map((r) => [r.key, r.cells.map((c) => c.value)]));
    assert.ok(sq(text).includes(sq(renderTable('t2', writer(v2)))));
    text = convert(text, 't4')!;
    assert.ok(sq(text).includes(sq(renderTable('t4', writer({ review: [1, 0, 1, 0, 2], suitDirect: [0, 1, 0, 0, 1], suitAfterReview: [0, 0, 0, 1, 1] })))));
  });

  test('a canonical table gives no edit; neither does one that differs only in padding', () => {
    const canonical = readFileSync(join(LAYOUTS, 'gfm-canonical.md'), 'utf8');
    for (const id of ['t2', 't3', 't4'] as TableId[]) {
      assert.equal(convertToStandardTable(parseReport(canonical), id), undefined);
      assert.equal(convertToStandardTable(parseReport(canonical.replace(/\| \|/g, '|  |')), id), undefined);
    }
  });

  test('labels become canonical, numbers plain digits', () => {
    const clerk = readFileSync(join(LAYOUTS, 'gfm-clerk.md'), 'utf8');
    const after = convert(convert(clerk, 't3')!, 't2')!;
    assert.ok(sq(after).includes(sq('| 行政许可 | 12608 |')));
    assert.ok(sq(after).includes(sq('| 一、本年新收政府信息公开申请数量 | | | 71 | 3 | 0 | 0 | 0 | 0 | 74 |')));
    assert.ok(sq(after).includes(sq('| | | 3.危及“三安全一稳定” |')));
    assert.ok(!sq(after).includes(sq('１')));
    assert.deepEqual(analyzeText(after).findings.filter((f) => f.code === 'label-deviation'), []);
  });

  test('a table with cells that could not be read is not converted, and says why', () => {
    const seed001 = readFileSync(FILES['seeds/001_32486a727a531b6f.txt'], 'utf8');
    const report = parseReport(seed001);
    assert.equal(convertToStandardTable(report, 't3'), undefined);
    const why = conversionBlocker(report, 't3')!;
    assert.match(why.zh, /有 16 行的数字没有读全/);
    assert.match(why.en, /16 rows/);
    assert.ok(convertToStandardTable(report, 't2'));
  });

  test('blank and invalid cells stay blank and invalid, placeholders as written', () => {
    const text = base.replace('行政强制\t37', '行政强制\t/').replace('2.重复申请\t1', '2.重复申请\t1件');
    const after = convert(convert(text, 't2')!, 't3')!;
    assert.ok(sq(after).includes(sq('| 行政强制 | / |')));
    assert.ok(sq(after).includes(sq('| 2.重复申请 | 1件 |')));
    assert.deepEqual(numeric(after), numeric(text));
  });

  test('a row the table lacks stays lacking (the missing-row finding stays)', () => {
    const text = base.replace(/^\t2\.重复申请.*\n/m, '');
    assert.ok(numeric(text).some((f) => f.includes('missing-row')));
    const after = convert(text, 't3')!;
    assert.ok(!sq(after).includes(sq('2.重复申请')));
    assert.deepEqual(numeric(after), numeric(text));
  });

  test('the 2019 layout stays the 2019 layout', () => {
    const old = readFileSync(join(LAYOUTS, 'old-format-2020.md'), 'utf8');
    const messy = old.replace('| 行政许可 | 128 | -3 | 2,316 |', '行政许可 | 128 | -3 | 2,316').replace('| 规范性文件 | 6 | 6 | 41 |', '| 规范性文件 | ６ | 6 | 41 | |');
    const after = convert(convert(messy, 't2')!, 't3');
    const text = after ?? convert(messy, 't2')!;
    assert.ok(sq(text).includes(sq('| 行政许可 | 128 | -3 | 2316 |')));
    assert.ok(sq(text).includes(sq('| 第二十条第（九）项 | | | |')));
    assert.ok(sq(text).includes(sq('| 政府集中采购 | 14 | 356.8 | |')));
    const report = parseReport(text);
    assert.equal(report.tables.t2!.format, '2019');
    assert.deepEqual(extractReport(report, 'x').table2, extractReport(parseReport(old), 'x').table2);
    const pdf002 = readFileSync(FILES['corpus/pdf-002'], 'utf8');
    const converted = convert(pdf002, 't3')!;
    assert.ok(sq(converted).includes(sq('| | （六）其他处理 | | 0 | 0 | 0 | 0 | 0 | 0 | 0 |')));
    assert.ok(!sq(converted).includes(sq('3.其他 |')));
  });

  test('a table right under a plain heading line gets blank lines around it', () => {
    const pdf003 = readFileSync(FILES['corpus/pdf-003'], 'utf8');
    const after = convert(pdf003, 't3')!;
    assert.match(after, /三、收到和处理政府信息公开申请情况\n\n\| （本列数据/);
    assert.match(after, /\| 四、结转下年度继续办理 \|[^\n]*\n\n四、政府信息公开行政复议/);
    assert.deepEqual(parseReport(after).sections.map((s) => s.spec.number), [1, 2, 3, 4, 5, 6]);
  });
});
