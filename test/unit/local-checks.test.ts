/**
 * The local requirements some provinces add (off by default, on through the
 * configuration): overview-length, overview-counts, section-six-items; on
 * sentences from the seeds that must and must not fire.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AnalyzeOptions } from '../../server/src/engine/analyze';
import { analyze, example } from '../helpers';

const CLEAN = example('clean-2024.md');
const on = (code: string, options: Record<string, unknown> = {}): AnalyzeOptions => ({ check: { rules: { [code]: { severity: 'warning', options } } } });
const found = (text: string, code: string, options?: AnalyzeOptions) => analyze(text, options).findings.filter((f) => f.code === code);
/** clean-2024 with `sentence` added to its section 一 (after its first paragraph). */
const inOverview = (sentence: string) => CLEAN.replace('提升公开质量和实效。', `提升公开质量和实效。${sentence}`);

test('off by default: no seed gets a local finding unless the configuration names the check', () => {
  for (const name of ['clean-2024.md', 'seed-000.md', 'seed-001.md', 'seed-002.md', 'seed-003.md', 'seed-004.md']) {
    const codes = analyze(example(name)).findings.map((f) => f.code);
    for (const code of ['overview-length', 'overview-counts', 'section-six-items']) assert.ok(!codes.includes(code), `${name} ${code}`);
  }
  // Named with options only, a check is on at its default severity.
  assert.equal(found(example('seed-000.md'), 'overview-length', { check: { rules: { 'overview-length': { options: { maxChars: 1000 } } } } }).length, 1);
});

test('overview-length: the overview’s characters, whitespace and heading aside, against maxChars', () => {
  const [long] = found(example('seed-000.md'), 'overview-length', on('overview-length'));
  assert.equal(long.message.zh, '“一、总体情况”共 1287 字，超过本地要求的 1000 字');
  assert.equal(long.range.start.line, example('seed-000.md').split('\n').findIndex((l) => l.includes('一、总体情况')));
  assert.deepEqual(found(example('seed-000.md'), 'overview-length', on('overview-length', { maxChars: 1300 })), []);
  assert.deepEqual(found(CLEAN, 'overview-length', on('overview-length')), []);
});

test('overview-counts: a channel and a count in one sentence; a year or the name alone is not a count', () => {
  const missing = found(CLEAN, 'overview-counts', on('overview-counts')).map((f) => f.data?.channel);
  assert.deepEqual(missing, ['政府网站', '政务新媒体', '政府公报']);
  // seed-000's own sentence: 门户网站 with counts.
  const site = inOverview('2023年文水县政府门户网站主动公开规范性文件2件、县政府和办公室文件49件。');
  assert.deepEqual(found(site, 'overview-counts', on('overview-counts')).map((f) => f.data?.channel), ['政务新媒体', '政府公报']);
  // Named with a year only, or in another sentence from the number: not stated.
  const yearOnly = inOverview('2023年我县政府网站和政务新媒体均未发生个人信息泄露事件。');
  assert.equal(found(yearOnly, 'overview-counts', on('overview-counts')).length, 3);
  const chinese = inOverview('通过政府公报刊发文件十二件，政务新媒体发布信息1,234条，政府网站发布信息3.2万条。');
  assert.deepEqual(found(chinese, 'overview-counts', on('overview-counts')), []);
  assert.deepEqual(found(CLEAN, 'overview-counts', on('overview-counts', { channels: ['行政许可'] })), [], 'the channels are an option');
});

test('section-six-items: each item by any of its keywords', () => {
  const missing = found(CLEAN, 'section-six-items', on('section-six-items')).map((f) => f.message.zh);
  assert.deepEqual(missing, ['“六、其他需要报告的事项”没有写建议、提案（本地要求）', '“六、其他需要报告的事项”没有写工作要点（本地要求）']);
  const covered = CLEAN.replace('## 六、其他需要报告的事项\n', '## 六、其他需要报告的事项\n\n本年度办理人大代表建议12件、政协委员提案8件，办理结果均已公开。年度政务公开工作要点全部落实。\n');
  assert.notEqual(covered, CLEAN);
  assert.deepEqual(found(covered, 'section-six-items', on('section-six-items')), []);
});
