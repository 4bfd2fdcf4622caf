/**
 * Reading what a paste scrambled — glued digits, labels displaced from their
 * numbers, Table 4 runs out of order — by the table's own arithmetic, and
 * only when it makes the reading unique; otherwise the row is reported as
 * unreadable and no number is guessed.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeText, applyEdits } from '../../server/src/index';
import { parseReport } from '../../server/src/parse/report';
import { assignRuns, splitDigits, t3RowHolds, t4GroupsHold } from '../../server/src/parse/recover';
import { extractReport } from '../../server/src/extract';
import { convertToStandardTable } from '../../server/src/features/convert';
import { ORIGINALS } from '../helpers';

const ROOT = resolve(__dirname, '..', '..');
const LAYOUTS = join(ROOT, 'test', 'fixtures', 'drafts', 'layouts');
const layout = (name: string) => readFileSync(join(LAYOUTS, name), 'utf8');
const { notes: _notes, ...EXPECTED } = JSON.parse(layout('expected.json'));
const ARITHMETIC = ['t3-row-total', 't3-result-total', 't3-balance', 't4-total'];

/** The web-glued draft with Table 3's glued rows replaced (label → the digits written after it). */
function withT3(rows: Record<string, string>): string {
  let text = layout('web-glued.md');
  for (const [label, digits] of Object.entries(rows)) {
    const re = new RegExp(`^(.*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}) ?\\d+$`, 'm');
    assert.ok(re.test(text), `no row ${label}`);
    text = text.replace(re, `$1${digits}`);
  }
  return text;
}

describe('splitting glued digits', () => {
  test('713000074 splits one way only into a row whose 总计 is the sum of the six', () => {
    const r = splitDigits(['713000074'], 7, t3RowHolds);
    assert.deepEqual(r.candidates, [[71, 3, 0, 0, 0, 0, 74]]);
    assert.equal(r.exhausted, false);
  });

  test('no piece has a leading zero, except 0 itself', () => {
    const r = splitDigits(['0000000'], 7, t3RowHolds);
    assert.deepEqual(r.candidates, [[0, 0, 0, 0, 0, 0, 0]]);
    assert.ok(splitDigits(['1000001'], 7, () => true).candidates.every((c) => c.length === 7));
    assert.deepEqual(splitDigits(['0101'], 3, () => true).candidates, [[0, 10, 1]]);
  });

  test('101000011 is ambiguous by the row alone: 10 1 0 0 0 0 11 or 1 0 10 0 0 0 11', () => {
    const r = splitDigits(['101000011'], 7, t3RowHolds);
    assert.deepEqual(
      r.candidates.map((c) => c.join(' ')).sort(),
      ['1 0 10 0 0 0 11', '10 1 0 0 0 0 11'],
    );
  });

  test('1234567 has no split whose 总计 is the sum', () => {
    assert.deepEqual(splitDigits(['1234567'], 7, t3RowHolds).candidates, []);
  });

  test('several glued tokens: each gives at least one number', () => {
    const r = splitDigits(['713', '000074'], 7, t3RowHolds);
    assert.deepEqual(r.candidates, [[71, 3, 0, 0, 0, 0, 74]]);
  });

  test('Table 4: group totals prune the search', () => {
    const unique = splitDigits(['101020100100011'], 15, (v) => t4GroupsHold(v), (v) => t4GroupsHold(v, false));
    assert.deepEqual(unique.candidates, [[1, 0, 1, 0, 2, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1]]);
    const ambiguous = splitDigits(['10100110000000000'], 15, (v) => t4GroupsHold(v), (v) => t4GroupsHold(v, false));
    assert.equal(ambiguous.candidates.length, 2);
  });
});

describe('glued rows in a report', () => {
  test('unique splits are read, and reported as information with the values', () => {
    const text = layout('web-glued.md');
    const { file: _f, ...got } = extractReport(parseReport(text), 'x');
    assert.deepEqual(got, EXPECTED);
    const findings = analyzeText(text).findings;
    assert.deepEqual(findings.filter((f) => ARITHMETIC.includes(f.code)), []);
    const first = findings.find((f) => f.code === 'table-read' && f.data?.row === 'new')!;
    assert.equal(first.severity, 'information');
    assert.equal(first.data?.kind, 'glued-digits');
    assert.deepEqual(first.data?.recovered, [71, 3, 0, 0, 0, 0, 74]);
    assert.match(first.message.zh, /713000074/);
    assert.match(first.message.zh, /71、3、0、0、0、0、74/);
  });

  test('a row ambiguous by itself is settled by the column rules', () => {
    const report = parseReport(layout('web-glued.md'));
    const problem = report.tables.t3!.problems.find((p) => p.rowKey === 'unable.notHeld')!;
    assert.deepEqual(problem.recovered, [10, 1, 0, 0, 0, 0, 11]);
    assert.equal(problem.reason, 'gluedByColumns');
  });

  test('rows the column rules cannot settle are reported unreadable, and no number is guessed', () => {
    // （四）1 and （四）2 both read 101000011: 10 1 0 … 11 and 1 0 10 … 11 can swap between them.
    const text = withT3({
      '（四）无法提供1.本机关不掌握相关政府信息': '101000011',
      '2.没有现成信息需要另行制作': '101000011',
      '（七）总计': '7031000083',
      '一、本年新收政府信息公开申请数量': '7031000083',
    });
    const report = parseReport(text);
    const t3 = report.tables.t3!;
    for (const key of ['unable.notHeld', 'unable.mustCreate']) {
      assert.ok(t3.rows.get(key)!.cells.every((c) => c.value === null), key);
      const p = t3.problems.find((x) => x.rowKey === key)!;
      assert.equal(p.kind, 'glued-digits');
      assert.equal(p.recovered, undefined);
      assert.equal(p.reason, 'gluedSeveral');
      assert.equal(p.args.count, 2);
    }
    assert.deepEqual(t3.rows.get('resultTotal')!.cells.map((c) => c.value), [70, 3, 10, 0, 0, 0, 83]);
    const findings = analyzeText(text).findings;
    assert.deepEqual(findings.filter((f) => ARITHMETIC.includes(f.code)), [], 'an unread row gives no arithmetic finding');
    const unreadable = findings.filter((f) => f.code === 'table-read' && !f.data?.recovered);
    assert.equal(unreadable.length, 2);
    assert.ok(unreadable.every((f) => f.severity === 'warning'));
    const e = extractReport(report, 'x');
    assert.deepEqual(e.table3!['1.本机关不掌握相关政府信息'], [null, null, null, null, null, null, null]);
  });

  test('a glued row no split can satisfy is reported unreadable', () => {
    const text = withT3({ '2.重复申请': '1234567' });
    const report = parseReport(text);
    const p = report.tables.t3!.problems.find((x) => x.rowKey === 'notHandled.repeat')!;
    assert.equal(p.kind, 'glued-digits');
    assert.equal(p.reason, 'gluedNoSplit');
    assert.ok(report.tables.t3!.rows.get('notHandled.repeat')!.cells.every((c) => c.value === null));
  });

  test('six separate zeros are a row short of a cell, not glued digits', () => {
    const text = withT3({ '2.重复申请': '0 0 0 0 0 0' }).replace('2.重复申请0 0', '2.重复申请 0 0');
    const p = parseReport(text).tables.t3!.problems.find((x) => x.rowKey === 'notHandled.repeat')!;
    assert.equal(p.kind, 'cell-count');
  });

  test('Table 4 glued beyond recovery is reported and not read', () => {
    const text = layout('web-glued.md').replace('101020100100011', '10100110000000000');
    const t4 = parseReport(text).tables.t4!;
    assert.ok([...t4.rows.values()].every((r) => r.cells.every((c) => c.value === null)));
    assert.equal(t4.problems[0].kind, 'glued-digits');
    assert.equal(t4.problems[0].reason, 't4GluedSeveral');
    assert.equal(t4.problems[0].args.count, 2);
  });

  test('converting writes the split numbers out', () => {
    let text = layout('web-glued.md');
    for (const id of ['t4', 't3'] as const) {
      const report = parseReport(text);
      text = applyEdits(text, [convertToStandardTable(report, id)!], report.offsetAt);
    }
    assert.match(text.replace(/[ \t]+/g, ' '), /\| 一、本年新收政府信息公开申请数量 \| \| \| 71 \| 3 \| 0 \| 0 \| 0 \| 0 \| 74 \|/);
    const after = analyzeText(text).findings;
    assert.deepEqual(after.filter((f) => f.code === 'table-read'), []);
    const { file: _f, ...got } = extractReport(parseReport(text), 'x');
    assert.deepEqual(got, EXPECTED);
  });
});

describe('labels displaced from their numbers (PDF extraction)', () => {
  const pdf001 = readFileSync(ORIGINALS['pdf-001'], 'utf8');

  test('put back in the standard order when the arithmetic holds', () => {
    const t3 = parseReport(pdf001).tables.t3!;
    assert.deepEqual(t3.rows.get('disclosed')!.cells.map((c) => c.value), [1288, 21, 0, 0, 50, 3, 1362]);
    assert.deepEqual(t3.rows.get('otherHandling.other')!.cells.map((c) => c.value), [108, 2, 0, 0, 0, 0, 110]);
  });

  test('not put back when the arithmetic fails: reported, and the rows stay unread', () => {
    // One number of the unlabelled （一） group changed: its row total no longer holds.
    const text = pdf001.replace(/\n1288\n/, '\n1289\n');
    const report = parseReport(text);
    const t3 = report.tables.t3!;
    assert.ok(t3.rows.get('disclosed')!.cells.every((c) => c.value === null));
    assert.ok(t3.rows.get('partial')!.cells.every((c) => c.value === null));
    const p = t3.problems.find((x) => x.kind === 'unreadable-row' && !x.rowKey)!;
    assert.equal(p.reason, 'orphans');
    assert.equal(p.args.count, 14);
    // The other displaced group (（五）5, （六）1–3) is still put back.
    assert.deepEqual(t3.rows.get('otherHandling.other')!.cells.map((c) => c.value), [108, 2, 0, 0, 0, 0, 110]);
    const findings = analyzeText(text).findings;
    assert.deepEqual(findings.filter((f) => ARITHMETIC.includes(f.code)), []);
    assert.ok(findings.some((f) => f.code === 'table-read' && f.severity === 'warning' && f.messageId === 'orphans' && /14 个数/.test(f.message.zh)));
  });
});

describe('Table 4 runs out of column order (PDF extraction)', () => {
  test('assignRuns: one assignment fits the group totals', () => {
    const runs = [[72, 64, 178, 37], [12, 1, 1, 6], [351], [13, 4, 8, 1, 26], [20]];
    assert.deepEqual(assignRuns(runs), [[72, 64, 178, 37, 351, 12, 1, 1, 6, 20, 13, 4, 8, 1, 26]]);
  });

  test('assignRuns: none fits', () => {
    assert.deepEqual(assignRuns([[1, 0, 0, 0], [2, 0, 0, 0], [5], [0, 0, 0, 0, 0], [7]]), []);
  });

  test('in a report: no order fits → reported unreadable, Table 4 not read, no t4-total guessed', () => {
    const lines = ['行政复议', '行政诉讼', '结果', '维持', '1', '0', '0', '0', '结果', '纠正', '2', '0', '0', '0', '总计', '5', '未经复议', '0', '0', '0', '0', '0', '复议后起诉', '7'];
    const base = layout('cell-per-line.md');
    const start = base.indexOf('行政复议\n');
    const end = base.indexOf('\n\n## 五、');
    const text = base.slice(0, start) + lines.join('\n') + base.slice(end);
    const report = parseReport(text);
    const t4 = report.tables.t4!;
    assert.ok([...t4.rows.values()].every((r) => r.cells.every((c) => c.value === null)));
    assert.equal(t4.problems[0].kind, 'unreadable-row');
    assert.equal(t4.problems[0].reason, 't4InterleavedNone');
    const findings = analyzeText(text).findings;
    assert.deepEqual(findings.filter((f) => f.code === 't4-total'), []);
    assert.equal(extractReport(report, 'x').table4!.every((v) => v === null), true);
  });
});
