/**
 * What kind of document a text is: a report from before 2019 (the 2008 条例
 * era) and a document that is not this report each get one finding, not a
 * cascade of missing sections and tables; every real report stays a report.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '../../server/src/parse/report';
import { analyze, example, ORIGINALS, ROOT } from '../helpers';

const kind = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'drafts', 'kinds', name), 'utf8');

test('a 2017 report in the format of its time: one note on the title, naming its parts, nothing else', () => {
  const text = kind('pre-2019-2017.md');
  const { findings } = analyze(text);
  assert.equal(findings.length, 1, findings.map((f) => `${f.code} ${f.message.zh}`).join('\n'));
  const [note] = findings;
  assert.equal(note.code, 'old-format');
  assert.equal(note.severity, 'information');
  assert.equal(note.range.start.line, 0);
  assert.match(note.message.zh, /^这是 2017 年度的报告，用的是当年（2008 年《政府信息公开条例》时期）的格式：“概述”、“依申请公开政府信息情况”、“政府信息公开的收费及减免情况”/);
  assert.deepEqual(
    note.related?.map((r) => text.split('\n')[r.range.start.line]),
    ['一、概述', '三、依申请公开政府信息情况', '四、政府信息公开的收费及减免情况'],
  );
});

test('a 2023 report written in the pre-2019 layout: one warning that names the format it must use', () => {
  const { findings } = analyze(kind('pre-2019-layout-2023.md'));
  assert.deepEqual(
    findings.map((f) => [f.code, f.severity]),
    [['old-format', 'warning']],
  );
  assert.match(findings[0].message.zh, /^2023年度报告应使用国办公开办函〔2021〕30号格式，但用的是 2019 年以前/);
  assert.match(findings[0].message.zh, /“咨询处理情况”/);
});

test('another document (a 政府网站工作年度报表, a 法治政府建设年度报告): one note on its title', () => {
  for (const [name, title] of [
    ['website-report-2023.md', '青溪县人民政府门户网站2023年政府网站工作年度报表'],
    ['rule-of-law-2023.md', '青溪县2023年法治政府建设年度报告'],
  ]) {
    const { findings, isReport } = analyze(kind(name));
    assert.ok(isReport, `${name}: shown, not skipped silently`);
    assert.deepEqual(findings.map((f) => f.code), ['other-document'], name);
    assert.equal(findings[0].message.zh.split('”')[0], `这份文件是“${title}`);
    assert.equal(findings[0].range.start.line, 0);
  }
});

test('every real report and example stays an annual report, checked in full', () => {
  const texts = { ...Object.fromEntries(Object.entries(ORIGINALS).map(([n, path]) => [n, readFileSync(path, 'utf8')])), ...Object.fromEntries(['clean-2024.md', 'seed-000.md', 'seed-001.md', 'seed-002.md', 'seed-003.md', 'seed-004.md'].map((n) => [n, example(n)])) };
  for (const [name, text] of Object.entries(texts)) assert.equal(parseReport(text).kind.kind, 'annual-report', name);
});

test('what must not make a report another document or a pre-2019 one', () => {
  const clean = example('clean-2024.md');
  // 政务公开 in the title, the annual report all the same.
  const merged = clean.replace(/^# (.*)政府信息公开工作年度报告/m, '# $1政务公开工作年度报告');
  assert.notEqual(merged, clean);
  assert.equal(parseReport(merged).kind.kind, 'annual-report');
  // A first line naming a notice, but Table 3 is there: the report, whose title is another matter.
  assert.equal(parseReport(`关于印发年度报告的通知\n\n${clean}`).kind.kind, 'annual-report');
  // One pre-2019 heading in a current report (a 2024 draft with its own 概述 paragraph heading, no tables yet).
  const draft = '# 青溪县水利局2024年政府信息公开工作年度报告\n\n一、总体情况\n\n（一）概述\n\n本年度主动公开政府信息86条。\n\n二、主动公开政府信息情况\n';
  assert.equal(parseReport(draft).kind.kind, 'annual-report');
  assert.ok(analyze(draft).findings.some((f) => f.code === 'missing-section'), 'an unfinished draft is still checked');
});
