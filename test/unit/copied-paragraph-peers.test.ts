/**
 * copied-paragraph across units (context.peers): a neighbour's paragraph in
 * the draft, the neighbour's name and figures changed, is marked with a link
 * to the neighbour's file; the standard statements, the area's boilerplate,
 * the same unit's other files and other years are not. The peers come from
 * the language server's index (lsp/workspace-sentences.ts) fed with texts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, asUnit, example } from '../helpers';
import { reportParts } from '../../server/src/lsp/workspace-reports';
import { WorkspaceSentences } from '../../server/src/lsp/workspace-sentences';
import { fileSentences, peerLookup, peerTables } from '../../server/src/cli/peers';

const DRAFT = example('seed-004.md'); // 平武县人民政府办公室 2023
const DRAFT_URI = 'file:///ws/pingwu-2023.md';
const lines = DRAFT.split('\n');
/** Two paragraphs of the draft: the overview (naming the unit, with the year) and 依申请公开. */
const OVERVIEW = lines[6];
const REQUESTS = lines[16];

/** 文水县's real report under an organ's name, with the draft's two paragraphs copied in as a clerk copies them: its own name, other figures. */
function neighbour(unit = '文水县人民政府办公室', year = '2023'): string {
  const own = asUnit(example('seed-000.md'), unit).replace(/2023/g, year);
  const copied = [OVERVIEW.replaceAll('平武县人民政府办公室', unit).replace('2023', year), '', REQUESTS.replace('申请 7 件', '申请 12 件').replace('行政诉讼 2 件', '行政诉讼 1 件')].join('\n');
  return own.replace('## 六、', `${copied}\n\n## 六、`);
}

function peersOf(files: Record<string, string>): WorkspaceSentences {
  const index = new WorkspaceSentences();
  for (const [uri, text] of Object.entries(files)) index.set(uri, reportParts(text));
  return index;
}

const copied = (files: Record<string, string>, draft = DRAFT) =>
  analyze(draft, { uri: DRAFT_URI, peers: peersOf(files).lookup }).findings.filter((f) => f.code === 'copied-paragraph');

test('a neighbour’s report with the draft’s paragraphs (its own name, other figures): both marked, linked to the neighbour’s file', () => {
  const text = neighbour();
  const found = copied({ 'file:///ws/wenshui-2023.md': text });
  assert.equal(found.length, 2, found.map((f) => f.message.zh).join('\n'));
  const [overview, requests] = found;
  assert.equal(overview.severity, 'information');
  assert.match(overview.message.zh, /^这段文字（\d+ 字）与“文水县人民政府办公室”的报告相同（单位名称和数字不计），请按本单位的实际情况改写$/);
  assert.match(overview.message.en, /the report of “文水县人民政府办公室”/);
  assert.equal(overview.range.start.line, 6);
  assert.equal(requests.range.start.line, 16);
  const at = text.split('\n').findIndex((l) => l.startsWith('2023 年度，文水县人民政府办公室认真贯彻落实'));
  const related = overview.related![0] as { uri: string; range: { start: { line: number } } };
  assert.equal(related.uri, 'file:///ws/wenshui-2023.md');
  assert.equal(related.range.start.line, at);
  assert.match(overview.related![0].message.zh, /“文水县人民政府办公室”报告中的原文/);
});

test('not a peer: the same unit’s other file, another year, the file itself', () => {
  assert.deepEqual(copied({ 'file:///ws/copy.md': neighbour('平武县人民政府办公室') }), []);
  assert.deepEqual(copied({ 'file:///ws/wenshui-2022.md': neighbour('文水县人民政府办公室', '2022') }), []);
  assert.deepEqual(copied({ [DRAFT_URI]: neighbour() }), []);
});

test('the real reports of 2023 of different units share nothing but the standard statements', () => {
  const files = { 'file:///ws/a.md': example('seed-000.md'), 'file:///ws/b.md': example('seed-002.md') };
  assert.deepEqual(copied(files), []);
  assert.deepEqual(copied({ 'file:///ws/c.md': example('seed-004.md'), ...files }, example('seed-000.md')), []);
});

test('the standard statements, written alike by every unit in section 六, are not copied text', () => {
  /** Section 六 as clerks write it: the fee statement, the period, where the report is, whom to ask (names, dates and phone numbers their own). */
  const sixth = (unit: string, phone: string) =>
    [
      `本年度未收取信息处理费。严格落实《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），全年收取信息处理费0元。`,
      `本报告所列数据的统计期限为2023年1月1日至2023年12月31日。本报告电子版可在${unit}门户网站查阅。`,
      `如对本报告有任何疑问，请与${unit}联系（电话：${phone}，地址：县城府前街1号）。`,
    ].join('\n\n');
  const draft = DRAFT.replace('本年度无收取信息处理费相关情况及其他需要报告的事项。', sixth('平武县人民政府办公室', '0816-8822345'));
  const other = asUnit(example('seed-000.md'), '文水县人民政府办公室');
  const theirs = other.replace(/(## 六、[^\n]*\n)/, `$1\n${sixth('文水县人民政府办公室', '0358-3022123')}\n`);
  assert.notEqual(theirs, other);
  assert.deepEqual(copied({ 'file:///ws/wenshui-2023.md': theirs }, draft), []);
});

test('a sentence five other units have is the area’s boilerplate; four units’ is still copied', () => {
  const units = ['文水县人民政府办公室', '交城县人民政府办公室', '绥中县人民政府办公室', '河曲县人民政府办公室', '汾阳市人民政府办公室'];
  const files = (n: number) => Object.fromEntries(units.slice(0, n).map((u, i) => [`file:///ws/${i}.md`, neighbour(u)]));
  assert.deepEqual(copied(files(5)), []);
  assert.equal(copied(files(4)).length, 2);
});

test('without the workspace’s sentences (the CLI) nothing is compared across units', () => {
  assert.deepEqual(analyze(DRAFT).findings.filter((f) => f.code === 'copied-paragraph'), []);
});

test('nianbao check DIR checks again only the files in which the check will find a run (cli/peers.ts), with the lookup the editor’s index gives', () => {
  const files = {
    [DRAFT_URI]: DRAFT,
    'file:///ws/wenshui-2023.md': neighbour(),
    // Shares one sentence of the draft, shorter than a run the check reports.
    'file:///ws/suizhong-2023.md': asUnit(example('seed-002.md'), '绥中县人民政府办公室').replace('## 六、', '进一步优化依申请公开办理回复流程，提高办理回复效率。\n\n## 六、'),
  };
  const entries = Object.entries(files);
  const tables = peerTables(entries.map(([uri, text]) => ({ uri, sentences: fileSentences(reportParts(text)) })));
  assert.deepEqual(tables.map((t) => !!t), [true, true, false]);
  assert.equal(copied({ 'file:///ws/suizhong-2023.md': files['file:///ws/suizhong-2023.md'] }).length, 0);
  // The draft's table gives what the index of every file gives.
  const fromTable = analyze(DRAFT, { uri: DRAFT_URI, peers: peerLookup(tables[0]!) }).findings.filter((f) => f.code === 'copied-paragraph');
  assert.deepEqual(fromTable, copied(files));
  assert.equal(fromTable.length, 2);
});
