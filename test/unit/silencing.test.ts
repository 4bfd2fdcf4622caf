/**
 * Silencing checks with comments in the draft (parse/directives.ts,
 * engine/suppress.ts): every form, several codes, none meaning all, a comment
 * that silences nothing (unused-disable, with its removal), a code that is no
 * check's, examples inside a code fence; and 在此处忽略此项检查 on every
 * heuristic finding of the seeds: applied, it removes that finding and adds none.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Analyzer } from '../../server/src/engine/analyze';
import { applyEdits } from '../../server/src/engine/edits';
import { codeActions, findingIdsOf } from '../../server/src/features/codeActions';
import { CHECKS } from '../../server/src/checks';
import type { Finding } from '../../server/src/model/report';
import { analyze, applyFix, codes, example } from '../helpers';

const SEED = example('seed-001.md');
const lines = SEED.split('\n');
const base = analyze(SEED);
const first = (code: string) => base.findings.find((f) => f.code === code)!;
/** The seed with `comment` inserted as its own line before line `at` (0-based). */
const withLine = (at: number, comment: string) => [...lines.slice(0, at), comment, ...lines.slice(at)].join('\n');
const count = (text: string, code: string) => analyze(text).findings.filter((f) => f.code === code).length;
const keys = (fs: readonly Finding[]) => fs.map((f) => `${f.code}|${f.message.zh}`).sort();

test('seed-001 has what the tests silence', () => {
  for (const code of ['narrative-mismatch', 'label-deviation', 'cell-blank', 'fee-statement']) assert.ok(codes(base).includes(code), code);
  assert.ok(!codes(base).includes('unused-disable'));
});

test('disable-next-line silences the named code on the next line only', () => {
  const claim = first('narrative-mismatch');
  const text = withLine(claim.range.start.line, '<!-- nianbao-disable-next-line narrative-mismatch -- 正文统计口径不同，已核实 -->');
  assert.equal(count(text, 'narrative-mismatch'), 0);
  // The rest is as it was, moved one line down.
  const rest = analyze(text).findings;
  assert.deepEqual(keys(rest), keys(base.findings.filter((f) => f !== claim)));
  // Another code on that line is not silenced; two codes with a comma are.
  assert.equal(count(withLine(claim.range.start.line, '<!-- nianbao-disable-next-line year-mismatch -->'), 'narrative-mismatch'), 1);
  assert.equal(count(withLine(claim.range.start.line, '<!-- nianbao-disable-next-line year-mismatch, narrative-mismatch -->'), 'narrative-mismatch'), 0);
});

test('disable-line on the line itself; a comment with no code silences every check there', () => {
  const claim = first('narrative-mismatch');
  const at = claim.range.start.line;
  const inline = [...lines.slice(0, at), `${lines[at]} <!-- nianbao-disable-line narrative-mismatch -->`, ...lines.slice(at + 1)].join('\n');
  assert.equal(count(inline, 'narrative-mismatch'), 0);
  assert.equal(count(withLine(at, '<!-- nianbao-disable-next-line -->'), 'narrative-mismatch'), 0);
});

test('disable … enable silences a stretch; enable of the code ends it', () => {
  const blanks = base.findings.filter((f) => f.code === 'cell-blank');
  assert.ok(blanks.length > 5);
  const from = blanks[0].range.start.line;
  const to = blanks[3].range.start.line;
  // Around the whole table (the comment lines must not cut it): from before its first line to after its last.
  let start = from;
  while (lines[start - 1].startsWith('|')) start--;
  let end = from;
  while (lines[end + 1]?.startsWith('|')) end++;
  const wrapped = [...lines.slice(0, start), '<!-- nianbao-disable cell-blank -->', ...lines.slice(start, end + 1), '<!-- nianbao-enable cell-blank -->', ...lines.slice(end + 1)].join('\n');
  const inTable = blanks.filter((f) => f.range.start.line >= start && f.range.start.line <= end).length;
  assert.equal(count(wrapped, 'cell-blank'), blanks.length - inTable);
  assert.ok(to <= end);
  // Without enable it holds to the end of the file.
  const open = withLine(start, '<!-- nianbao-disable cell-blank -->');
  assert.equal(count(open, 'cell-blank'), blanks.filter((f) => f.range.start.line < start).length);
});

test('disable-file silences the code everywhere, wherever the comment is', () => {
  assert.equal(count(`${SEED}\n<!-- nianbao-disable-file cell-blank -->\n`, 'cell-blank'), 0);
  assert.equal(count(`<!-- nianbao-disable-file cell-blank,fee-statement -->\n${SEED}`, 'fee-statement'), 0);
  assert.equal(count(`<!-- nianbao-disable-file -->\n${SEED}`, 'label-deviation'), 0);
});

test('a comment that silences nothing is reported on itself, with its removal as the fix', () => {
  const text = `${SEED}\n<!-- nianbao-disable-next-line year-mismatch -->\n最后一行。\n`;
  const a = analyze(text);
  const unused = a.findings.filter((f) => f.code === 'unused-disable');
  assert.equal(unused.length, 1);
  assert.equal(unused[0].severity, 'information');
  assert.equal(unused[0].message.zh, '此注释没有屏蔽任何检查结果（year-mismatch），可以删除');
  assert.equal(unused[0].range.start.line, text.split('\n').indexOf('<!-- nianbao-disable-next-line year-mismatch -->'));
  const removed = applyFix(text, unused[0].fixes![0]);
  assert.equal(removed, `${SEED}\n最后一行。\n`);
  assert.deepEqual(keys(analyze(removed).findings), keys(a.findings.filter((f) => f !== unused[0])));
  // Switched off in the configuration, it says nothing.
  assert.equal(analyze(text, { check: { rules: { 'unused-disable': { severity: 'off' } } } }).findings.filter((f) => f.code === 'unused-disable').length, 0);
});

test('a code that is no check’s is said, with the closest one', () => {
  const a = analyze(withLine(first('narrative-mismatch').range.start.line, '<!-- nianbao-disable-next-line narative-mismatch -->'));
  const [unknown] = a.findings.filter((f) => f.code === 'unused-disable');
  assert.equal(unknown.message.zh, '注释中的“narative-mismatch”不是检查代码，是否指“narrative-mismatch”？');
  assert.equal(a.findings.filter((f) => f.code === 'narrative-mismatch').length, 1, 'and it silences nothing');
});

test('examples in a code fence are not directives; a comment is no content of a section', () => {
  const fenced = `${SEED}\n\n\`\`\`markdown\n<!-- nianbao-disable-file -->\n\`\`\`\n`;
  assert.equal(count(fenced, 'cell-blank'), count(SEED, 'cell-blank'));
  assert.equal(count(fenced, 'unused-disable'), 0);
  const clean = example('clean-2024.md');
  const commented = clean.replace(/(## 五、[^\n]*\n)[\s\S]*?(## 六)/, '$1\n<!-- 待补充：问题和改进 -->\n\n$2');
  assert.equal(count(commented, 'empty-section'), 1);
});

const HEURISTIC = new Set(CHECKS.filter((c) => c.tag === 'heuristic').map((c) => c.code));

test('在此处忽略此项检查 on every heuristic finding of the seeds: applied, that finding goes and no other comes', () => {
  let offered = 0;
  for (const name of ['seed-000.md', 'seed-001.md', 'seed-002.md', 'seed-003.md', 'seed-004.md']) {
    const text = example(name);
    const analyzer = new Analyzer();
    const a = analyzer.analyze(text);
    const ids = findingIdsOf(a);
    a.findings.forEach((f, i) => {
      const actions = codeActions(a, { range: f.range, diagnostics: [{ code: f.code, source: 'nianbao', range: f.range, data: { id: ids[i] } }], only: ['quickfix'] }, 'zh', { analyzer, options: {} });
      const ignore = actions.filter((x) => x.title.includes('忽略此项检查'));
      assert.equal(ignore.length, HEURISTIC.has(f.code) ? 1 : 0, `${name} ${f.code} line ${f.range.start.line}`);
      if (!ignore.length) return;
      offered++;
      const after = analyzer.analyze(applyEdits(text, ignore[0].edits)).findings;
      const before = keys(a.findings);
      before.splice(before.indexOf(`${f.code}|${f.message.zh}`), 1);
      // The block form silences the code in the whole table: others of that code in it go too.
      const others = keys(after);
      assert.ok(others.every((k) => before.includes(k)), `${name} ${f.code}: ${others.filter((k) => !before.includes(k))}`);
      assert.ok(!after.some((x) => x.code === f.code && x.message.zh === f.message.zh), `${name} ${f.code} still there`);
    });
  }
  assert.ok(offered >= 10, `offered ${offered}`);
});
