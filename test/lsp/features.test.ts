/** The feature functions behind the language server, tested without a process. */
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { analyzeText, type DocumentAnalysis } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/features/hover';
import { documentSymbols, type OutlineSymbol } from '../../server/src/features/symbols';
import { foldingRanges } from '../../server/src/features/folding';
import { completionsAt, matchesTyped } from '../../server/src/features/completion';
import { codeActions, fixAllAction, kindAllowed, tableConversions, FIX_ALL_KIND } from '../../server/src/features/codeActions';
import { readSettings, resolveLocale, DEFAULT_SETTINGS } from '../../server/src/features/settings';
import { snippetSpecs } from '../../server/src/features/snippets';
import { SECTIONS } from '../../server/src/format/standard';
import { CLEAN, WRONG_ROW_TOTAL, applyTextEdits, example, setT3, setT4, t3Cell, t3Line, t4Cell } from './drafts';

const TOTAL_CODES = ['t3-row-total', 't3-result-total', 't4-total'];
const at = (line: number, character: number) => ({ line, character });
const lineOf = (text: string, needle: string) => {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, `no line with ${needle}`);
  return i;
};
const diagnosticsOf = (a: DocumentAnalysis) => a.findings.map((f) => ({ code: f.code, range: f.range, source: 'nianbao' }));

describe('hover', () => {
  it('shows the row-total formula with the computed value and ✗ with the written value', () => {
    const a = analyzeText(WRONG_ROW_TOTAL);
    const cell = t3Cell(WRONG_ROW_TOTAL, '一、本年新收', '总计');
    const hover = hoverAt(a, at(cell.line, cell.start + 1), 'zh');
    assert.ok(hover);
    assert.ok(
      hover.markdown.includes(
        '**总计** = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他 = 38 + 5 + 1 + 0 + 2 + 1 = **47** ✗ 表中为 45',
      ),
      hover.markdown,
    );
    assert.deepEqual(hover.range, { start: at(cell.line, cell.start), end: at(cell.line, cell.end) });
    // The rule as the format data states it.
    assert.ok(hover.markdown.includes('t3-row-total'));
  });

  it('marks a total that adds up with ✓, and speaks English in the en locale', () => {
    const a = analyzeText(CLEAN);
    const cell = t3Cell(CLEAN, '二、上年结转', '总计');
    const zh = hoverAt(a, at(cell.line, cell.start), 'zh')!;
    assert.ok(zh.markdown.includes('= 2 + 1 + 0 + 0 + 0 + 0 = **3** ✓'), zh.markdown);
    const wrong = analyzeText(WRONG_ROW_TOTAL);
    const c2 = t3Cell(WRONG_ROW_TOTAL, '一、本年新收', '总计');
    const en = hoverAt(wrong, at(c2.line, c2.end), 'en')!;
    assert.ok(en.markdown.includes('**47** ✗ the table says 45'), en.markdown);
    assert.ok(!/表中为/.test(en.markdown));
  });

  it('explains （七）总计 by result groups, with each group’s items', () => {
    const a = analyzeText(CLEAN);
    const cell = t3Cell(CLEAN, '（七）总计', '自然人');
    const hover = hoverAt(a, at(cell.line, cell.start), 'zh')!;
    assert.ok(
      hover.markdown.includes('**（七）总计·自然人** = （一） + （二） + （三）1–8 + （四）1–3 + （五）1–5 + （六）1–3 = 15 + 4 + 3 + 11 + 3 + 1 = **37** ✓'),
      hover.markdown,
    );
    assert.ok(hover.markdown.includes('（四）无法提供：8 + 2 + 1 = 11'), hover.markdown);
    // The balance of the column, as the corner note states it.
    assert.ok(hover.markdown.includes('38 + 2 = 40 = 37 + 3 = 40 ✓'), hover.markdown);
  });

  it('on （七）总计’s own total shows both the column and the row rule', () => {
    const text = setT3(CLEAN, '（七）总计', '总计', 44);
    const a = analyzeText(text);
    const cell = t3Cell(text, '（七）总计', '总计');
    const md = hoverAt(a, at(cell.line, cell.start), 'zh')!.markdown;
    assert.ok(md.includes('= 19 + 5 + 4 + 13 + 4 + 1 = **46** ✗ 表中为 44'), md);
    assert.ok(md.includes('= 37 + 6 + 1 + 0 + 1 + 1 = **46** ✗ 表中为 44'), md);
  });

  it('shows Table 4 group totals', () => {
    const text = setT4(CLEAN, 4, 5);
    const a = analyzeText(text);
    const cell = t4Cell(text, 4);
    const md = hoverAt(a, at(cell.line, cell.start), 'zh')!.markdown;
    assert.ok(md.includes('**行政复议·总计** = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 2 + 1 + 0 + 1 = **4** ✗ 表中为 5'), md);
    const ok = t4Cell(CLEAN, 9);
    assert.ok(hoverAt(analyzeText(CLEAN), at(ok.line, ok.start), 'zh')!.markdown.includes('= 1 + 0 + 1 + 0 = **2** ✓'));
  });

  it('cannot total a row with a blank cell, and says so', () => {
    const text = setT3(CLEAN, '4.保护第三方', '商业企业', '');
    const cell = t3Cell(text, '4.保护第三方', '总计');
    const md = hoverAt(analyzeText(text), at(cell.line, cell.start), 'zh')!.markdown;
    assert.ok(md.includes('2 + ? + 0'), md);
    assert.ok(md.includes('无法核算'), md);
  });

  it('gives a label its canonical wording and English name', () => {
    const seed = example('seed-001.md');
    const line = lineOf(seed, '社会团体');
    const character = seed.split('\n')[line].indexOf('社会团体') + 1;
    const md = hoverAt(analyzeText(seed), at(line, character), 'zh')!.markdown;
    assert.ok(md.includes('**社会公益组织** — Non-profit organisations'), md);
    assert.ok(md.includes('此处写作“社会团体”'), md);
    const heading = lineOf(CLEAN, '## 三、');
    assert.ok(hoverAt(analyzeText(CLEAN), at(heading, 5), 'zh')!.markdown.includes('III. Disclosure requests received and handled'));
  });

  it('says nothing over prose', () => {
    const line = lineOf(CLEAN, '（三）政府信息管理');
    assert.equal(hoverAt(analyzeText(CLEAN), at(line, 10), 'zh'), undefined);
  });

  it('finds cells in the second report of a document holding two', () => {
    const text = `${CLEAN}\n${WRONG_ROW_TOTAL.replace('示例县人民政府办公室2024', '另一县人民政府办公室2024')}`;
    const a = analyzeText(text);
    assert.equal(a.parts.length, 2);
    const offset = CLEAN.split('\n').length;
    const cell = t3Cell(WRONG_ROW_TOTAL, '一、本年新收', '总计');
    const hover = hoverAt(a, at(offset + cell.line, cell.start), 'zh')!;
    assert.ok(hover.markdown.includes('✗ 表中为 45'), hover.markdown);
    assert.equal(hover.range?.start.line, offset + cell.line);
  });
});

describe('document symbols', () => {
  const names = (s: OutlineSymbol[]) => s.map((x) => x.name);

  it('puts the six sections under the title, with the tables inside sections 二 to 四', () => {
    const symbols = documentSymbols(analyzeText(CLEAN), 'zh');
    assert.equal(symbols.length, 1);
    assert.equal(symbols[0].name, '示例县人民政府办公室2024年政府信息公开工作年度报告');
    assert.equal(symbols[0].kind, 'report');
    const sections = symbols[0].children;
    assert.deepEqual(names(sections), SECTIONS.map((s) => s.heading));
    assert.deepEqual(sections.map((s) => names(s.children)), [[], ['表二'], ['表三'], ['表四'], [], []]);
    const three = sections[2];
    assert.equal(three.selectionRange.start.line, lineOf(CLEAN, '## 三、'));
    assert.equal(three.range.end.line, lineOf(CLEAN, '四、结转下年度继续办理'));
    const t3 = three.children[0];
    assert.equal(t3.kind, 'table');
    assert.equal(t3.range.start.line, lineOf(CLEAN, '| （本列数据的勾稽关系'));
    for (const s of [symbols[0], ...sections, t3]) {
      assert.ok(s.range.start.line <= s.selectionRange.start.line && s.selectionRange.end.line <= s.range.end.line, s.name);
    }
  });

  it('without a title, the sections are the top level', () => {
    const text = CLEAN.split('\n').slice(2).join('\n');
    const symbols = documentSymbols(analyzeText(text), 'en');
    assert.deepEqual(names(symbols), SECTIONS.map((s) => s.heading));
    assert.equal(symbols[1].detail, 'II. Proactive disclosure');
  });

  it('gives each report of a multi-report document its own root', () => {
    const second = CLEAN.replace('示例县人民政府办公室2024', '另一县人民政府办公室2024');
    const text = `${CLEAN}\n${second}`;
    const symbols = documentSymbols(analyzeText(text), 'zh');
    assert.deepEqual(names(symbols), ['示例县人民政府办公室2024年政府信息公开工作年度报告', '另一县人民政府办公室2024年政府信息公开工作年度报告']);
    const offset = CLEAN.split('\n').length;
    assert.equal(symbols[1].selectionRange.start.line, offset);
    assert.equal(symbols[1].children[2].children[0].range.start.line, offset + lineOf(CLEAN, '| （本列数据的勾稽关系'));
  });
});

describe('folding ranges', () => {
  it('folds each section up to the next and each table', () => {
    const folds = foldingRanges(analyzeText(CLEAN));
    const has = (startLine: number, endLine: number) => folds.some((f) => f.startLine === startLine && f.endLine === endLine);
    assert.ok(has(lineOf(CLEAN, '## 一、'), lineOf(CLEAN, '（五）监督保障')), JSON.stringify(folds));
    assert.ok(has(lineOf(CLEAN, '## 三、'), lineOf(CLEAN, '四、结转下年度继续办理')));
    assert.ok(has(lineOf(CLEAN, '| （本列数据的勾稽关系'), lineOf(CLEAN, '四、结转下年度继续办理')));
    assert.ok(has(lineOf(CLEAN, '| 第二十条第（一）项'), lineOf(CLEAN, '| 行政事业性收费')));
    // The last section ends at its last line of text, not at the trailing blank.
    assert.ok(has(lineOf(CLEAN, '## 六、'), lineOf(CLEAN, '2025年1月20日')));
    assert.equal(folds.length, 9);
    for (const f of folds) assert.ok(f.endLine > f.startLine);
  });

  it('has nothing to fold in a text with no report', () => {
    assert.deepEqual(foldingRanges(analyzeText(example('README.md'))), []);
  });
});

describe('completion', () => {
  const labels = (line: string, character = line.length, locale: 'zh' | 'en' = 'zh') =>
    completionsAt(line, at(7, character), locale).map((c) => c.label);
  const all = snippetSpecs().map((s) => s.prefix);

  it('offers the four snippets at the start of an empty line', () => {
    assert.deepEqual(labels(''), all);
    assert.deepEqual(all, ['nb-table2', 'nb-table3', 'nb-table4', 'nb-report']);
    const items = completionsAt('', at(7, 0), 'zh');
    assert.equal(items[1].detail, '表三 收到和处理政府信息公开申请情况');
    assert.ok(items[1].insertText.includes('${1:0}'));
    assert.ok(items[1].filterText.includes('nb-table3') && items[1].filterText.includes('表三'));
  });

  it('filters by the typed prefix or the Chinese name', () => {
    assert.deepEqual(labels('n'), all);
    assert.deepEqual(labels('nb-t'), ['nb-table2', 'nb-table3', 'nb-table4']);
    assert.deepEqual(labels('nb-table3'), ['nb-table3']);
    assert.deepEqual(labels('表三'), ['nb-table3']);
    assert.deepEqual(labels('表'), ['nb-table2', 'nb-table3', 'nb-table4']);
    assert.deepEqual(labels('收到和处理'), ['nb-table3']);
    assert.deepEqual(labels('nbt4'), ['nb-table4']);
    assert.deepEqual(labels('年度报告'), ['nb-report']);
    assert.deepEqual(labels('二'), []);
  });

  it('is offered only when the line holds nothing but the prefix', () => {
    assert.deepEqual(labels('本年度共收到 n'), []);
    assert.deepEqual(labels('n 其他文字', 1), []);
    assert.deepEqual(labels('| n'), []);
    assert.deepEqual(labels('  nb-', 5), ['nb-table2', 'nb-table3', 'nb-table4', 'nb-report']);
  });

  it('replaces exactly the typed prefix', () => {
    const [item] = completionsAt('  nb-table2', at(3, 11), 'en');
    assert.deepEqual(item.range, { start: at(3, 2), end: at(3, 11) });
    assert.equal(item.detail, 'Table 2 — proactive disclosure');
  });

  it('puts the skeleton first in an empty file', () => {
    const items = completionsAt('', at(0, 0), 'zh', { emptyDocument: true });
    const sorted = [...items].sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.equal(sorted[0].label, 'nb-report');
    assert.ok(matchesTyped(snippetSpecs()[3], 'nb-r'));
  });
});

describe('code actions', () => {
  it('offers the finding’s fix for a wrong total, and the fix clears it', () => {
    const a = analyzeText(WRONG_ROW_TOTAL);
    const diagnostics = diagnosticsOf(a);
    const i = diagnostics.findIndex((d) => d.code === 't3-row-total');
    assert.ok(i >= 0);
    const actions = codeActions(a, { range: diagnostics[i].range, diagnostics: [diagnostics[i]] }, 'zh');
    const quick = actions.filter((x) => x.kind === 'quickfix');
    assert.equal(quick.length, 1);
    assert.equal(quick[0].title, '将此格改为 47');
    assert.equal(quick[0].isPreferred, true);
    assert.deepEqual(quick[0].diagnostics, [0]);
    const fixed = applyTextEdits(WRONG_ROW_TOTAL, quick[0].edits);
    assert.equal(fixed, CLEAN);
    assert.deepEqual(analyzeText(fixed).findings, []);
  });

  it('ignores diagnostics that are not ours or no longer match', () => {
    const a = analyzeText(WRONG_ROW_TOTAL);
    const d = diagnosticsOf(a)[0];
    assert.deepEqual(codeActions(a, { range: d.range, diagnostics: [{ ...d, source: 'markdownlint' }], only: ['quickfix'] }, 'zh'), []);
    const moved = { ...d, range: { start: at(d.range.start.line + 1, 0), end: at(d.range.start.line + 1, 2) } };
    assert.deepEqual(codeActions(a, { range: d.range, diagnostics: [moved], only: ['quickfix'] }, 'zh'), []);
  });

  it('fix-all corrects the cells the diagnosis is sure of, not the totals around a mistyped number', () => {
    let text = setT3(CLEAN, '4.保护第三方', '自然人', 5); // 2 typed as 5: its row total and （七） stay right
    text = setT3(text, '二、上年结转', '总计', 9); // a wrong total
    text = setT4(text, 14, 7); // Table 4: the total or one of its cells, it cannot be told
    const a = analyzeText(text);
    assert.deepEqual(a.findings.filter((f) => [...TOTAL_CODES, 'cell-mistyped'].includes(f.code)).map((f) => f.code), ['t3-row-total', 'cell-mistyped', 't4-total']);
    const actions = codeActions(a, { range: { start: at(0, 0), end: at(0, 0) }, diagnostics: [], only: [FIX_ALL_KIND] }, 'zh');
    assert.equal(actions.length, 1);
    assert.equal(actions[0].kind, FIX_ALL_KIND);
    const fixed = analyzeText(applyTextEdits(text, actions[0].edits));
    // The mistyped 5 is put back; the right totals around it are not touched.
    assert.equal(t3Cell(fixed.text, '4.保护第三方', '自然人').text, '2');
    assert.equal(t3Cell(fixed.text, '4.保护第三方', '总计').text, '3');
    assert.equal(t3Cell(fixed.text, '二、上年结转', '总计').text, '3');
    assert.equal(t3Cell(fixed.text, '（七）总计', '总计').text, '46');
    assert.deepEqual(fixed.findings.map((f) => f.code), ['t4-total']);
    assert.equal(fixAllAction(analyzeText(CLEAN), 'zh'), undefined);
  });

  it('honours context.only', () => {
    assert.ok(kindAllowed(FIX_ALL_KIND, ['source']));
    assert.ok(kindAllowed(FIX_ALL_KIND, ['source.fixAll']));
    assert.ok(!kindAllowed(FIX_ALL_KIND, ['quickfix']));
    assert.ok(kindAllowed('refactor.rewrite', ['refactor']));
    assert.ok(!kindAllowed('quickfix', ['source.fixAll.nianbao']));
    const a = analyzeText(WRONG_ROW_TOTAL);
    const d = diagnosticsOf(a);
    const kinds = codeActions(a, { range: d[0].range, diagnostics: d, only: ['quickfix'] }, 'zh').map((x) => x.kind);
    assert.ok(kinds.length > 0 && kinds.every((k) => k === 'quickfix'));
  });

  it('offers 转换为标准表格 for a table in a non-standard shape, and not for a standard one', () => {
    const seed = example('seed-001.md');
    const a = analyzeText(seed);
    const line = t3Line(seed, '（一）予以公开');
    const actions = codeActions(a, { range: { start: at(line, 3), end: at(line, 3) }, diagnostics: [], only: ['refactor'] }, 'zh');
    assert.deepEqual(actions.map((x) => x.title), ['转换为标准表格：表三']);
    const converted = applyTextEdits(seed, actions[0].edits);
    const after = analyzeText(converted);
    assert.ok(!after.findings.some((f) => f.code === 'label-deviation' && f.range.start.line >= line && f.range.start.line < line + 25));
    // Same numbers read back.
    assert.equal(after.parts[0].report.tables.t3!.rows.get('resultTotal')!.cells[6].value, 3);
    assert.equal(tableConversions(analyzeText(CLEAN)).length, 0);
    const cleanLine = t3Line(CLEAN, '（一）予以公开');
    assert.deepEqual(codeActions(analyzeText(CLEAN), { range: { start: at(cleanLine, 3), end: at(cleanLine, 3) }, diagnostics: [] }, 'zh'), []);
  });

  it('shows 转换为标准表格 greyed out, with the reason, for a table it cannot convert without loss', () => {
    // The original seed 001: sixteen Table 3 rows lost a cell; converting would make "unreadable" blank.
    const seed = readFileSync(join(__dirname, '..', 'fixtures', 'originals', 'seeds', '001_32486a727a531b6f.txt'), 'utf8');
    const a = analyzeText(seed);
    const line = seed.split('\n').findIndex((l) => l.includes('5. 属于三类内部事务信息'));
    const actions = codeActions(a, { range: { start: at(line, 3), end: at(line, 3) }, diagnostics: [], only: ['refactor'] }, 'zh');
    assert.equal(actions.length, 1);
    assert.equal(actions[0].title, '转换为标准表格：表三');
    assert.deepEqual(actions[0].edits, []);
    assert.match(actions[0].disabled ?? '', /有 16 行的数字没有读全/);
  });
});

describe('settings', () => {
  it('reads the nianbao section, falling back to defaults', () => {
    assert.deepEqual(readSettings(undefined), DEFAULT_SETTINGS);
    assert.deepEqual(readSettings({ enable: 'always', locale: 'en', publisher: 'department', debounceMs: 100 }), {
      enable: 'always',
      locale: 'en',
      publisher: 'department',
      debounceMs: 100,
      rules: {},
      rulesProblems: [],
    });
    // nianbao.rules: what is right is kept, what is wrong is said (with its path) and left out.
    const rules = readSettings({ rules: { 'copied-paragraph': 'off', deadline: { departmentDeadline: '01-26', publisher: 'town' }, 'no-such': 'error' } });
    assert.deepEqual(rules.rules, { 'copied-paragraph': { severity: 'off' }, deadline: { options: { departmentDeadline: '01-26' } } });
    assert.deepEqual(
      rules.rulesProblems.map((p) => p.path.join('.')),
      ['nianbao.rules.deadline.publisher', 'nianbao.rules.no-such'],
    );
    assert.deepEqual(readSettings({ nianbao: { locale: 'auto' } }).locale, 'auto');
    assert.deepEqual(readSettings({ 'nianbao.enable': 'never' }).enable, 'never');
    assert.deepEqual(readSettings({ enable: 'sometimes', debounceMs: -5, locale: 'fr' }), DEFAULT_SETTINGS);
  });

  it('resolves the locale, following the client for auto', () => {
    assert.equal(resolveLocale('zh-CN', 'en'), 'zh');
    assert.equal(resolveLocale('en', 'zh-cn'), 'en');
    assert.equal(resolveLocale('auto', 'zh-tw'), 'zh');
    assert.equal(resolveLocale('auto', 'en-US'), 'en');
    assert.equal(resolveLocale('auto', 'de'), 'en');
  });
});
