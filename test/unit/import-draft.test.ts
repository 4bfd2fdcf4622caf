/**
 * From an imported document (paragraphs and full-grid tables) to the
 * canonical draft: tables bound to Table 2/3/4 by the labels they hold,
 * wherever they sit (under their section, or all in an appendix); every number
 * kept; the same findings as the original; a table that could not be read in
 * full left as read, with the reason.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze, example, setCell } from '../helpers';
import { bindTable, draftFromSource } from '../../server/src/import/draft';
import type { SourceBlock, SourceDocument, SourceTable } from '../../server/src/import/source';
import { parseReport } from '../../server/src/parse/report';
import { extractReport } from '../../server/src/extract';

const CLEAN = example('clean-2024.md');

/** A Markdown draft as an importer would give it: each line a paragraph, each pipe table a grid. */
function asSource(markdown: string): SourceDocument {
  const blocks: SourceBlock[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (rows.length === 0) return;
    const k = blocks.filter((b) => b.kind === 'table').length + 1;
    const table: SourceTable = {
      kind: 'table',
      rows: rows.map((cells, r) => cells.map((text, c) => ({ text, where: { zh: `第 ${k} 个表格第 ${r + 1} 行第 ${c + 1} 列`, en: `table ${k}, row ${r + 1}, column ${c + 1}` } }))),
      where: { zh: `第 ${k} 个表格`, en: `table ${k}` },
    };
    blocks.push(table);
    rows = [];
  };
  for (const line of markdown.split('\n')) {
    if (line.startsWith('|')) {
      if (!/^\|[\s|:-]+\|$/.test(line)) rows.push(line.split('|').slice(1, -1).map((c) => c.trim()));
      continue;
    }
    flush();
    const text = line.replace(/^#+\s*/, '').trim();
    if (text) blocks.push({ kind: 'paragraph', text, where: { zh: `第 ${blocks.length + 1} 段`, en: `paragraph ${blocks.length + 1}` } });
  }
  flush();
  return { format: 'docx', blocks, problems: [] };
}

const numbers = (text: string) => {
  const { title: _t, ...figures } = extractReport(parseReport(text), 'x') as unknown as Record<string, unknown>;
  return figures;
};
const findings = (text: string) => analyze(text).findings.map((f) => `${f.code} ${f.message.zh}`);

test('each table bound by its labels: Table 2, 3, 4; a table of something else is none', () => {
  const tables = asSource(CLEAN).blocks.filter((b): b is SourceTable => b.kind === 'table');
  assert.deepEqual(tables.map(bindTable), ['t2', 't3', 't4']);
  const other: SourceTable = { kind: 'table', rows: [[{ text: '网站名称', where: { zh: '', en: '' } }, { text: '示例县人民政府门户网站', where: { zh: '', en: '' } }]], where: { zh: '', en: '' } };
  assert.equal(bindTable(other), undefined);
});

test('tables under their sections: the draft is the canonical one, every number kept', () => {
  const draft = draftFromSource(asSource(CLEAN));
  assert.deepEqual(draft.notes, []);
  assert.equal(draft.text.replace(/\n{2,}/g, '\n'), CLEAN.replace(/\n{2,}/g, '\n'));
  assert.equal(draft.places.length, draft.text.split('\n').length);
  assert.deepEqual(draft.places[0], { zh: '第 1 段', en: 'paragraph 1' });
});

test('all tables in an appendix (相关指标统计附表): each moved into its section; importing the draft again changes nothing', () => {
  const source = asSource(CLEAN);
  const tables = source.blocks.filter((b) => b.kind === 'table');
  const appendix: SourceDocument = {
    ...source,
    blocks: [...source.blocks.filter((b) => b.kind !== 'table'), { kind: 'paragraph', text: '相关指标统计附表', where: { zh: '附', en: '' } }, ...tables],
  };
  const draft = draftFromSource(appendix);
  assert.deepEqual(numbers(draft.text), numbers(CLEAN));
  assert.deepEqual(findings(draft.text), []);
  assert.ok(!draft.text.includes('相关指标统计附表'));
  assert.equal(draftFromSource(asSource(draft.text)).text, draft.text, 'importing twice gives the same draft');
});

test('a wrong number: the same findings as checking the original, and the finding’s place in the original', () => {
  const wrong = setCell(CLEAN, '（一）予以公开', 3, '16');
  const draft = draftFromSource(asSource(wrong));
  assert.ok(findings(wrong).length > 0);
  assert.deepEqual(findings(draft.text), findings(wrong));
  const [finding] = analyze(draft.text).findings;
  assert.deepEqual(draft.places[finding.range.start.line], { zh: '第 2 个表格', en: 'table 2' });
});

test('a table section missing in the original: added at the end with its table, and said', () => {
  const source = asSource(CLEAN);
  const withoutFour: SourceDocument = { ...source, blocks: source.blocks.filter((b) => !(b.kind === 'paragraph' && b.text.startsWith('四、'))) };
  const draft = draftFromSource(withoutFour);
  assert.equal(draft.notes.length, 1);
  assert.match(draft.notes[0].zh, /原文没有“四、政府信息公开行政复议、行政诉讼情况”的标题/);
  assert.deepEqual(numbers(draft.text), numbers(CLEAN));
});

test('a table not read in full is left as read, with the reason; nothing unread becomes a blank', () => {
  const short = CLEAN.replace('| | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | | 4 | 1 | 0 | 0 | 0 | 0 | 5 |', '| | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | | 4 | 1 | 0 | 0 | 5 |');
  assert.notEqual(short, CLEAN);
  const draft = draftFromSource(asSource(short));
  assert.equal(draft.notes.length, 1);
  assert.match(draft.notes[0].zh, /^表三没有转换为标准表格：/);
  assert.ok(draft.text.includes('| 4 | 1 | 0 | 0 | 5 |'));
});

test('two numbers on two lines of one cell stay two: a cell that is not one number, never glued', () => {
  const source = asSource(CLEAN);
  const t3 = source.blocks.filter((b): b is SourceTable => b.kind === 'table')[1];
  const row = t3.rows.find((r) => r.some((c) => c.text === '（一）予以公开'))!;
  row[3] = { ...row[3], text: '15\n0' };
  const draft = draftFromSource(source);
  assert.ok(draft.text.includes('| 15、0 |'), draft.text);
  assert.deepEqual(
    analyze(draft.text).findings.filter((f) => f.code === 'cell-invalid').map((f) => f.where?.zh),
    ['表三 · 自然人列 · （一）予以公开'],
  );
});
