/**
 * The real reports, opened as they are (the pasted .txt read as Markdown):
 * every number of Tables 2, 3 and 4 against the hand-checked values in
 * test/fixtures/expected/*.json, the findings a reviewer expects
 * (test/fixtures/expected/FINDINGS.md), and the examples/seed-00N.md drafts
 * reading to the same numbers as the originals.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeText, type Finding } from '../../server/src/index';
import { parseReport } from '../../server/src/parse/report';
import { ORIGINALS } from '../helpers';
import { extractReport } from '../../server/src/extract';

const ROOT = resolve(__dirname, '..', '..');
const EXPECTED = join(ROOT, 'test', 'fixtures', 'expected');

const expected = (name: string) => JSON.parse(readFileSync(join(EXPECTED, `${name}.json`), 'utf8'));
const read = (path: string) => readFileSync(path, 'utf8');

/** Every cell of the expected tables, as [where, expected value, value read]. */
function cells(want: any, got: any): [string, unknown, unknown][] {
  const out: [string, unknown, unknown][] = [];
  const walk = (where: string, e: any, g: any) => {
    if (Array.isArray(e)) e.forEach((v, i) => walk(`${where}[${i}]`, v, Array.isArray(g) ? g[i] : undefined));
    else if (e !== null && typeof e === 'object') for (const k of Object.keys(e)) walk(`${where}.${k}`, e[k], g?.[k]);
    else out.push([where, e, g]);
  };
  walk('table2', want.table2, got.table2);
  walk('table3', want.table3, got.table3);
  walk('table4', want.table4, got.table4);
  return out;
}

/** 1-based lines that carry a finding (the numbering of FINDINGS.md). */
const linesOf = (findings: Finding[]) => new Set(findings.map((f) => f.range.start.line + 1));
const near = (findings: Finding[], line: number, slack = 0) => findings.filter((f) => Math.abs(f.range.start.line + 1 - line) <= slack);
const byCode = (findings: Finding[], ...codes: string[]) => findings.filter((f) => codes.includes(f.code));
const ARITHMETIC = ['t3-row-total', 't3-result-total', 't3-balance', 't4-total'];

describe('every number of every seed and corpus file is read right', () => {
  let total = 0;
  for (const [name, path] of Object.entries(ORIGINALS)) {
    test(`${name}: every cell of Tables 2, 3 and 4`, () => {
      const want = expected(name);
      const got = extractReport(parseReport(read(path)), path);
      const all = cells(want, got);
      const wrong = all.filter(([, e, g]) => e !== g);
      assert.deepEqual(wrong, [], `${wrong.length} of ${all.length} cells differ`);
      // Nothing read that the hand check does not have (a row read twice, a stray key).
      assert.deepEqual(Object.keys(got.table3 ?? {}).sort(), Object.keys(want.table3).sort());
      assert.deepEqual(Object.keys(got.table2 ?? {}).sort(), Object.keys(want.table2).sort());
      assert.equal(got.year, want.year);
      assert.equal(got.unit, want.unit);
      assert.equal(got.format, want.format);
      total += all.length;
    });
  }
  test('the count of cells checked', () => {
    // 5 seeds × 200 cells, pdf-001 200, pdf-002 and pdf-003 186 (a single （六） row).
    assert.equal(total, 5 * 200 + 200 + 2 * 186);
  });
});

describe('the examples/seed-00N.md drafts read to the same numbers as the originals', () => {
  for (let i = 0; i < 5; i++) {
    const name = `seed-00${i}`;
    test(name, () => {
      const original = extractReport(parseReport(read(ORIGINALS[name])), name);
      const draft = extractReport(parseReport(read(join(ROOT, 'examples', `${name}.md`))), name);
      assert.deepEqual(draft.table2, original.table2);
      assert.deepEqual(draft.table3, original.table3);
      assert.deepEqual(draft.table4, original.table4);
      const want = expected(name);
      assert.deepEqual(cells(want, draft).filter(([, e, g]) => e !== g), []);
    });
  }
});

describe('the findings of each original (FINDINGS.md)', () => {
  const findingsOf = (name: string) => analyzeText(read(ORIGINALS[name])).findings;
  const common = (findings: Finding[]) => {
    assert.deepEqual(byCode(findings, 'missing-section', 'missing-table', 'missing-row', 'section-order', 'internal-error'), []);
  };

  test('seed-000: no arithmetic error; prose 8 ≠ 15; 本年度止件数', () => {
    const f = findingsOf('seed-000');
    common(f);
    assert.deepEqual(byCode(f, ...ARITHMETIC), []);
    assert.deepEqual(byCode(f, 'cell-blank', 'cell-invalid', 'table-read', 'old-format'), []);
    const labels = byCode(f, 'label-deviation');
    assert.deepEqual(labels.map((l) => [l.range.start.line + 1, l.data?.canonical]), [[28, '本年废止件数']]);
    assert.ok(near(f, 15).length > 0, 'the prose figure of 8 applications (line 15) is reported');
  });

  test('seed-001: no arithmetic error; 16 rows short of a cell reported, none invented; 本年度止件数, 社会团体; 六 = 无', () => {
    const f = findingsOf('seed-001');
    common(f);
    assert.deepEqual(byCode(f, ...ARITHMETIC), []);
    assert.deepEqual(byCode(f, 'cell-blank', 'cell-invalid', 'old-format'), []);
    const short = byCode(f, 'table-read');
    assert.equal(short.length, 16);
    assert.ok(short.every((s) => s.data?.kind === 'cell-count' && s.severity === 'warning'));
    assert.deepEqual(
      short.map((s) => s.range.start.line + 1),
      [65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79, 81],
    );
    assert.deepEqual(
      byCode(f, 'label-deviation').map((l) => l.data?.canonical),
      ['本年废止件数', '社会公益组织'],
    );
    assert.ok(near(f, 19).length > 0, 'the prose figure of 1 application (line 19) is reported');
    assert.ok(f.some((x) => x.range.start.line + 1 >= 104 && x.range.start.line + 1 <= 106), 'section 六 = 无 is reported');
  });

  test('seed-002: no arithmetic error; glued statistics period; 本年发件, 现行有效件', () => {
    const f = findingsOf('seed-002');
    common(f);
    assert.deepEqual(byCode(f, ...ARITHMETIC), []);
    assert.deepEqual(byCode(f, 'cell-blank', 'cell-invalid', 'table-read', 'old-format'), []);
    assert.deepEqual(byCode(f, 'label-deviation').map((l) => l.data?.canonical), ['本年制发件数', '现行有效件数']);
    assert.ok(near(f, 9).length > 0, 'the glued statistics period (line 9) is reported');
  });

  test('seed-003: all zero; 只记, 重复出具; stray cells reported and dropped; issue date before the year ends', () => {
    const f = findingsOf('seed-003');
    common(f);
    assert.deepEqual(byCode(f, ...ARITHMETIC), []);
    assert.deepEqual(byCode(f, 'cell-blank', 'cell-invalid', 'old-format'), []);
    assert.deepEqual(
      byCode(f, 'label-deviation').map((l) => [l.range.start.line + 1, l.data?.canonical]),
      [
        [38, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）'],
        [54, '5.要求行政机关确认或重新出具已获取信息'],
      ],
    );
    const stray = byCode(f, 'table-read');
    assert.deepEqual(stray.map((s) => [s.range.start.line + 1, s.data?.table, s.data?.kind]), [
      [23, 't2', 'cell-count'],
      [24, 't2', 'cell-count'],
      [27, 't2', 'cell-count'],
      [70, 't4', 'cell-count'],
    ]);
    assert.ok(near(f, 116).length > 0, 'the issue date 2023年12月21日 (line 116) is reported');
    assert.deepEqual(byCode(f, 'basis-citation').map((b) => [b.range.start.line + 1, b.severity]), [[9, 'information']], 'no intro: the first paragraph of 一 names no basis');
  });

  test('seed-004: nearly clean — nothing wrong is reported, and the traps are not flagged', () => {
    const f = findingsOf('seed-004');
    common(f);
    assert.deepEqual(
      f.filter((x) => x.severity === 'error' || x.severity === 'warning'),
      [],
    );
    const lines = linesOf(f);
    for (const trap of [17, 27]) assert.ok(!lines.has(trap), `line ${trap} must not be flagged`);
  });

  test('pdf-001: the displaced labels are put back and reported as information; nothing silently wrong', () => {
    const f = findingsOf('pdf-001');
    common(f);
    assert.deepEqual(byCode(f, ...ARITHMETIC), []);
    assert.deepEqual(byCode(f, 'cell-blank', 'cell-invalid', 'old-format', 'label-deviation'), []);
    const read = byCode(f, 'table-read');
    // Six Table 3 rows whose labels the extraction printed after their numbers, and Table 4's interleaved runs.
    assert.equal(read.length, 7);
    assert.ok(read.every((r) => r.severity === 'information' && Array.isArray(r.data?.recovered)));
    assert.deepEqual(
      read.filter((r) => r.data?.table === 't3').map((r) => r.data?.row),
      ['disclosed', 'partial', 'notHandled.confirm', 'otherHandling.noCorrection', 'otherHandling.feeUnpaid', 'otherHandling.other'],
    );
    assert.deepEqual(read.find((r) => r.data?.table === 't4')?.data?.recovered, expected('pdf-001').table4);
    const lines = linesOf(f);
    for (const trap of [20, 21]) assert.ok(!lines.has(trap), `line ${trap} (政策性文件 11 件) must not be flagged`);
  });

  test('pdf-002: t4-total fails twice; the single （六） row; 其他法律行政止公开', () => {
    const f = findingsOf('pdf-002');
    common(f);
    const t4 = byCode(f, ...ARITHMETIC);
    assert.deepEqual(
      t4.map((x) => [x.code, x.range.start.line + 1, x.data?.row, x.data?.expected, x.data?.actual]),
      [
        ['t4-total', 152, 'review', 11, 0],
        ['t4-total', 152, 'suitAfterReview', 5, 0],
      ],
    );
    assert.deepEqual(byCode(f, 'cell-blank', 'cell-invalid', 'table-read'), []);
    assert.deepEqual(byCode(f, 'label-deviation').map((l) => [l.range.start.line + 1, l.data?.canonical]), [[111, '2.其他法律行政法规禁止公开']]);
    const old = byCode(f, 'old-format');
    assert.equal(old.length, 1);
    assert.match(old[0].message.zh, /（六）其他处理/);
  });

  test('pdf-003: no arithmetic error; prose 17 ≠ 95; the single （六） row; 其他法律行政止公开', () => {
    const f = findingsOf('pdf-003');
    common(f);
    assert.deepEqual(byCode(f, ...ARITHMETIC), []);
    assert.deepEqual(byCode(f, 'cell-blank', 'cell-invalid', 'table-read'), []);
    assert.deepEqual(byCode(f, 'label-deviation').map((l) => [l.range.start.line + 1, l.data?.canonical]), [[101, '2.其他法律行政法规禁止公开']]);
    assert.equal(byCode(f, 'old-format').length, 1);
    assert.deepEqual(
      byCode(f, 'scope-mismatch', 'narrative-mismatch').map((x) => [x.code, x.range.start.line + 1]),
      [['scope-mismatch', 33]],
      'the office’s 17 applications against the district’s 95 is reported once, as a difference of scope',
    );
  });

  test('no original has a 2019-format text marker', () => {
    for (const path of Object.values(ORIGINALS)) assert.deepEqual(parseReport(read(path)).oldFormatMarkers, []);
  });
});
