/**
 * Wording the reader meets: labels and headings that depart from the standard
 * (label-deviation and its fix), and the 2019 trial format (old-format, and
 * reading a 2019/2020 report with the 2019 rows).
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeText, applyEdits, LineIndex, type Finding } from '../../server/src/index';
import { parseReport } from '../../server/src/parse/report';
import { matchLabel, matchSectionHeading, TABLE_LABELS } from '../../server/src/parse/labels';
import { T3_CORNER_NOTE } from '../../server/src/format/standard';
import { extractReport } from '../../server/src/extract';

import { ORIGINALS } from '../helpers';
const ROOT = resolve(__dirname, '..', '..');
const LAYOUTS = join(ROOT, 'test', 'fixtures', 'drafts', 'layouts');
const layout = (name: string) => readFileSync(join(LAYOUTS, name), 'utf8');

/** The findings other than label-deviation, ranges aside. */
const others = (findings: Finding[]) =>
  findings
    .filter((f) => f.code !== 'label-deviation')
    .map((f) => JSON.stringify([f.code, f.severity, f.message.zh.replace(/\d+:\d+/g, ''), f.data ?? {}]))
    .sort();

describe('label-deviation', () => {
  const canonical = layout('gfm-canonical.md');
  const DEVIATIONS: [from: string, to: string, canonical: string][] = [
    ['## 四、政府信息公开行政复议、行政诉讼情况', '## 四、因政府信息公开工作被申请行政复议、提起行政诉讼情况', '四、政府信息公开行政复议、行政诉讼情况'],
    ['## 三、收到和处理政府信息公开申请情况', '## 三、收到和处理政府信息公开申情况', '三、收到和处理政府信息公开申请情况'],
    ['## 五、存在的主要问题及改进情况', '## **五、存在问题及改进情况**', '五、存在的主要问题及改进情况'],
    ['| 本年废止件数 |', '| 本年度止件数 |', '本年废止件数'],
    ['| 社会公益组织 |', '| 社会团体 |', '社会公益组织'],
    ['| | 2.其他法律行政法规禁止公开 |', '| | 2.其他法律行政止公开 |', '2.其他法律行政法规禁止公开'],
    ['| 行政复议 | |', '| 行政法复议 | |', '行政复议'],
    ['| | 5.要求行政机关确认或重新出具已获取信息 |', '| | 5.要求行政机关确认或重复出具已获取信息 |', '5.要求行政机关确认或重新出具已获取信息'],
  ];
  let text = canonical;
  for (const [from, to] of DEVIATIONS) {
    assert.ok(text.includes(from), from);
    text = text.replace(from, to);
  }

  test('each typo and variant is found, and still read as its standard label', () => {
    const findings = analyzeText(text).findings;
    const labels = findings.filter((f) => f.code === 'label-deviation');
    assert.deepEqual(labels.map((f) => f.data?.canonical).sort(), DEVIATIONS.map((d) => d[2]).sort());
    assert.ok(labels.every((f) => f.severity === 'warning'));
    // Read as the standard labels: no section missing, no row missing, the same numbers.
    assert.deepEqual(findings.filter((f) => /^missing-/.test(f.code)), []);
    const { file: _a, ...got } = extractReport(parseReport(text), 'x');
    const { file: _b, ...want } = extractReport(parseReport(canonical), 'x');
    assert.deepEqual(got, want);
  });

  test('each fix writes the canonical text over the label only, and removes its finding', () => {
    const findings = analyzeText(text).findings;
    const before = others(findings);
    for (const f of findings.filter((x) => x.code === 'label-deviation')) {
      const fix = f.fixes?.[0];
      assert.ok(fix, `a fix for ${f.data?.canonical}`);
      assert.equal(fix.edits.length, 1);
      const edit = fix.edits[0];
      assert.equal(edit.newText, f.data?.canonical);
      const index = new LineIndex(text);
      const fixed = applyEdits(text, fix.edits, (p) => index.offsetAt(p));
      // Nothing else changed: the text outside the edit is the same.
      const start = index.offsetAt(edit.range.start);
      const end = index.offsetAt(edit.range.end);
      assert.equal(fixed.slice(0, start), text.slice(0, start));
      assert.equal(fixed.slice(start + edit.newText.length), text.slice(end));
      const after = analyzeText(fixed).findings;
      assert.ok(!after.some((x) => x.code === 'label-deviation' && x.data?.canonical === f.data?.canonical), `${f.data?.canonical} fixed`);
      assert.equal(after.filter((x) => x.code === 'label-deviation').length, findings.filter((x) => x.code === 'label-deviation').length - 1);
      assert.deepEqual(others(after), before, `fixing ${f.data?.canonical} changes no other finding`);
    }
  });

  test('in a Markdown heading only the text after `## ` (and inside bold marks) is replaced', () => {
    const findings = analyzeText(text).findings.filter((f) => f.code === 'label-deviation');
    const lines = text.split('\n');
    const four = findings.find((f) => f.data?.canonical === '四、政府信息公开行政复议、行政诉讼情况')!;
    assert.equal(four.fixes![0].edits[0].range.start.character, 3);
    const index = new LineIndex(text);
    let fixed = applyEdits(text, four.fixes![0].edits, (p) => index.offsetAt(p));
    assert.ok(fixed.split('\n').includes('## 四、政府信息公开行政复议、行政诉讼情况'));
    const five = findings.find((f) => f.data?.canonical === '五、存在的主要问题及改进情况')!;
    assert.equal(lines[five.range.start.line], '## **五、存在问题及改进情况**');
    const index2 = new LineIndex(fixed);
    const five2 = analyzeText(fixed).findings.find((f) => f.data?.canonical === '五、存在的主要问题及改进情况')!;
    fixed = applyEdits(fixed, five2.fixes![0].edits, (p) => index2.offsetAt(p));
    assert.ok(fixed.split('\n').includes('## **五、存在的主要问题及改进情况**'));
  });

  test('a label pieced together from several lines (wrapped in a PDF) gets no fix that would swallow the text between', () => {
    const pdf = readFileSync(ORIGINALS['pdf-002'], 'utf8').replace('（二）部分公开（区分处理的，只计这一情 形，不', '（二）部分公开（区分处理的，只记这一情 形，不');
    const f = analyzeText(pdf).findings.find((x) => x.code === 'label-deviation' && String(x.data?.canonical).startsWith('（二）'));
    assert.ok(f, 'the wrapped typo is found');
    assert.equal(f.fixes, undefined);
  });
});

describe('a note in brackets after a label (a provincial template’s 填报说明) is stripped before matching', () => {
  const row = (written: string, table: 't2' | 't3' = 't3') => {
    const m = matchLabel(written, TABLE_LABELS[table]);
    return m && [m.candidate.canonical, m.deviates];
  };
  test('the label without its note, no deviation', () => {
    assert.deepEqual(row('（一）予以公开（填报本年度予以公开的申请数）'), ['（一）予以公开', false]);
    assert.deepEqual(row('现行有效件数(截至本年底)', 't2'), ['现行有效件数', false]);
    assert.deepEqual(row('（七）总计（等于（一）至（六）之和）'), ['（七）总计', false]);
    assert.deepEqual(row('四、结转下年度继续办理（截至本年12月31日未办结的）'), ['四、结转下年度继续办理', false]);
  });
  test('a bracket that is the standard label’s own is matched as written, and a note after it is stripped', () => {
    const partial = '（二）部分公开（区分处理的，只计这一情形，不计其他情形）';
    assert.deepEqual(row(`${partial}（填报区分处理的申请数）`), [partial, false]);
    assert.deepEqual(row('本年收费金额（单位：万元）（保留两位小数）', 't2'), ['本年收费金额（单位：万元）', false]);
    // The standard bracket with a typo (seed-003) is a deviation, not a note to strip.
    assert.deepEqual(row('(二) 部分公开(区分处理的, 只记这一情形, 不计其他情形)'), [partial, true]);
    // Without its own bracket the label is not silently taken for （二）部分公开 either.
    assert.notDeepEqual(row('（二）部分公开（填报区分处理的申请数）'), [partial, false]);
    assert.deepEqual(row(T3_CORNER_NOTE), [T3_CORNER_NOTE, false]);
  });
});

describe('section headings: matched by number and key words', () => {
  const cases: [string, number, boolean][] = [
    ['一、总体情况', 1, false],
    ['一、 总体情况', 1, false],
    ['一.总体情况', 1, false],
    ['二、主动公开政府信息清况', 2, true],
    ['三、收到和处理政府信息公开申请情况', 3, false],
    ['三、收到和处理政府信息公开申情况', 3, true],
    ['四、因政府信息公开工作被申请行政复议、提起行政诉讼情况', 4, true],
    ['四、政府信息公开行政法复议、行政诉讼情况', 4, true],
    ['五、政府信息公开工作存在的主要问题及改进情况', 5, true],
    ['五、存在问题及改进情况', 5, true],
    ['六、其他需要报告事项', 6, true],
    ['六、其它需要报告的事项', 6, true],
    // Variants seen in published reports (standard-format.md section 7).
    ['六、其他事项', 6, true],
    ['六、其他报告的事项', 6, true],
    ['五、存在的主要问题及改进措施', 5, true],
  ];
  for (const [heading, number, deviates] of cases) {
    test(heading, () => {
      const m = matchSectionHeading(heading);
      assert.ok(m, 'recognised');
      assert.equal(m.spec.number, number);
      assert.equal(m.deviates, deviates);
    });
  }
  test('a short variant is its section only under its own number: 三、其他事项 inside a section is an item', () => {
    assert.equal(matchSectionHeading('三、其他事项'), undefined);
    assert.equal(matchSectionHeading('四、其他报告的事项'), undefined);
    // A long variant numbered otherwise is still its section, misnumbered.
    assert.equal(matchSectionHeading('四、存在的主要问题及改进措施')?.spec.number, 5);
  });
  test('六、其他事项 and 五、存在的主要问题及改进措施: read as sections 六 and 五, the canonical heading suggested and fixed', () => {
    const text = layout('gfm-canonical.md')
      .replace('## 五、存在的主要问题及改进情况', '## 五、存在的主要问题及改进措施')
      .replace('## 六、其他需要报告的事项', '## 六、其他事项');
    const findings = analyzeText(text).findings;
    assert.deepEqual(findings.filter((f) => /^missing-|section-order|empty-section|fee-statement/.test(f.code)).map((f) => f.code), []);
    const labels = findings.filter((f) => f.code === 'label-deviation');
    assert.deepEqual(labels.map((f) => [f.message.zh, f.fixes?.[0].edits[0].newText]), [
      ['“进措施”应为“进情况”：“五、存在的主要问题及改进措施”应写作“五、存在的主要问题及改进情况”', '五、存在的主要问题及改进情况'],
      ['“六、其他事项”应写作“六、其他需要报告的事项”', '六、其他需要报告的事项'],
    ]);
  });
  test('a variant or typo never makes a section count as missing', () => {
    let text = layout('gfm-canonical.md');
    for (const [heading, number] of cases.filter((c) => c[2])) {
      const spec = parseReport(text).sections.find((s) => s.spec.number === number)!;
      text = text.replace(`## ${spec.heading.span.text}`, `## ${heading}`);
      const findings = analyzeText(text).findings;
      assert.deepEqual(findings.filter((f) => f.code === 'missing-section' || f.code === 'missing-table' || f.code === 'section-order'), [], heading);
      assert.ok(findings.some((f) => f.code === 'label-deviation' && f.data?.canonical === spec.spec.heading), heading);
    }
  });
});

describe('old-format: the 2019 trial format', () => {
  const NUMERIC_AND_LABELS = ['missing-row', 'missing-table', 'missing-section', 'label-deviation', 'cell-invalid', 'cell-blank', 't3-row-total', 't3-result-total', 't3-balance', 't4-total', 'table-read'];

  test('a 2020 report in the 2019 format is read with the 2019 rows and checked, not flagged', () => {
    const text = layout('old-format-2020.md');
    const report = parseReport(text);
    assert.equal(report.format, '2019');
    assert.equal(report.tables.t2!.format, '2019');
    assert.deepEqual([...report.tables.t2!.rows.keys()], ['rules', 'normative', 'licensing', 'otherServices', 'penalty', 'coercion', 'fees', 'procurement']);
    assert.ok(report.tables.t3!.rows.has('otherHandling'));
    const findings = analyzeText(text).findings;
    assert.deepEqual(findings.filter((f) => f.code === 'old-format'), []);
    assert.deepEqual(findings.filter((f) => NUMERIC_AND_LABELS.includes(f.code)).map((f) => f.message.zh), []);
  });

  test('…and its arithmetic is checked (the single （六） row counts in （七）)', () => {
    const text = layout('old-format-2020.md').replace('| （六）其他处理 | | 1 | 0 | 0 | 0 | 0 | 0 | 1 |', '| （六）其他处理 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |');
    const codes = analyzeText(text).findings.map((f) => f.code);
    assert.ok(codes.includes('t3-result-total'), codes.join());
  });

  test('the same tables in a 2022 report are flagged once, listing the markers found', () => {
    const findings = analyzeText(layout('old-format-2022.md')).findings;
    const old = findings.filter((f) => f.code === 'old-format');
    assert.equal(old.length, 1);
    assert.equal(old[0].severity, 'warning');
    for (const marker of ['本年新制作数量', '对外公开总数量', '上一年项目数量', '本年增/减', '其他对外管理服务事项', '第二十条第（九）项', '（六）其他处理']) {
      assert.ok(old[0].message.zh.includes(marker), marker);
    }
    assert.match(old[0].message.zh, /2022年度/);
    assert.match(old[0].message.zh, /国办公开办函〔2021〕30号/);
    // Read all the same: no spurious missing-row or label finding on top of old-format.
    assert.deepEqual(findings.filter((f) => NUMERIC_AND_LABELS.includes(f.code)).map((f) => f.message.zh), []);
  });

  test('a 2021-format report is not read as 2019 because a row is spelled 规范性文件', () => {
    const text = layout('gfm-canonical.md').replace('| 行政规范性文件 |', '| 规范性文件 |');
    const report = parseReport(text);
    assert.equal(report.tables.t2!.format, '2021');
    assert.ok(analyzeText(text).findings.some((f) => f.code === 'label-deviation' && f.data?.canonical === '行政规范性文件'));
  });
});
