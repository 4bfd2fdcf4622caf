// The clerk's scenarios for the end-to-end UI test (run by test/e2e/run.mjs).
//
// Everything a scenario expects is data in EXPECT below: file names, codes,
// lines/columns (1-based, as the Problems panel and the status bar show them),
// texts. Edit EXPECT when the extension or the examples change; the code below
// it only drives the UI.
//
// Matchers: a string means "contains", a RegExp is tested, an array of them
// must all match.
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const REPO = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

// ---------------------------------------------------------------------------
// A draft with one wrong total, made from the clean example at load time so its
// positions follow the example: row 一 of Table 3, the 总计 cell is increased by 1.
// ---------------------------------------------------------------------------
export const WRONG_TOTAL = deriveWrongTotal({
  from: 'clean-2024.md',
  name: 'wrong-total.md',
  rowLabel: '一、本年新收政府信息公开申请数量',
  delta: +1,
});

// A reviewer's compilation: 300 reports one after another (the clean example
// under 300 unit names), the last of them the draft with the wrong total. Long
// enough that its check shows progress while the editor stays responsive.
export const COMPILATION = deriveCompilation({ name: '汇编-300份.md', reports: 300 });

// ===========================================================================
// Expected values
// ===========================================================================
export const EXPECT = {
  // Scenario 1: drafts with known problems. `problems` must all be listed
  // (more may be); `squiggle` names one of them whose squiggle is checked.
  drafts: [
    {
      file: 'seed-000.md',
      problems: [
        // The prose says 8 applications where Table 3 says 15 (a real fault of this report).
        { code: 'narrative-mismatch', line: 13, col: 129, severity: 'warning', source: 'nianbao', message: '正文称收到申请 8 件，表三“一、本年新收”总计为 15' },
        { code: 'label-deviation', line: 27, col: 19, severity: 'warning', source: 'nianbao', message: '“本年度止件数”应写作“本年废止件数”' },
      ],
      squiggle: { line: 27, col: 19, severity: 'warning' },
    },
    {
      file: WRONG_TOTAL.name,
      problems: [
        { code: 't3-row-total', line: WRONG_TOTAL.line, col: WRONG_TOTAL.col, severity: 'error', source: 'nianbao', message: `总计填的是 ${WRONG_TOTAL.wrong}，应为 ${WRONG_TOTAL.right}` },
      ],
      squiggle: { line: WRONG_TOTAL.line, col: WRONG_TOTAL.col, severity: 'error' },
    },
  ],

  // Scenario 2: hover on a total cell shows the formula and the computed value.
  hover: {
    file: WRONG_TOTAL.name,
    line: WRONG_TOTAL.line,
    col: WRONG_TOTAL.col,
    // The formula by column names, then with the row's numbers and the computed
    // value (the diagnostic's own message, also in the hover, has only the latter).
    contains: [/总计\s*=\s*自然人\s*\+\s*商业企业/, `${WRONG_TOTAL.addends.join(' + ')} = ${WRONG_TOTAL.right}`],
  },

  // Scenario 3: the quick fix on the wrong total.
  quickFix: {
    file: WRONG_TOTAL.name,
    line: WRONG_TOTAL.line,
    col: WRONG_TOTAL.col,
    code: 't3-row-total',
    action: new RegExp(String(WRONG_TOTAL.right)), // the action's title names the right value
    lineAfter: WRONG_TOTAL.originalLine, // the row as in the clean example
  },

  // Scenario 4: fix-all from the command palette.
  fixAll: {
    file: WRONG_TOTAL.name,
    command: ['Nianbao: Fix all problems in document', 'Nianbao: 修复文档中的所有问题'],
    // Codes that have a fix: none may remain after the command.
    // Fix-all recomputes the totals (source.fixAll.nianbao); other fixes are one by one.
    fixableCodes: ['t3-row-total', 't3-result-total', 't3-balance', 'cell-mistyped'],
    lineAfter: { line: WRONG_TOTAL.line, text: WRONG_TOTAL.originalLine },
  },

  // Scenario 5: snippets in a new Markdown file.
  snippets: {
    language: 'Markdown',
    table3: { prefix: 'nb-table3', lines: ['本年度办理结果', '自然人', '总计', '一、本年新收政府信息公开申请数量', '四、结转下年度继续办理'] },
    report: { prefix: 'nb-report' },
    // Typed first as a positive control: a title alone lacks every section.
    titleOnly: '# 某某县人民政府2024年政府信息公开工作年度报告',
    missingSectionCode: 'missing-section',
  },

  // Scenario 6: the Outline view of a complete draft. Each entry must equal a
  // row's label exactly (string) or match it (RegExp): the built-in Markdown
  // outline, shown beside ours, labels its rows "## 一、总体情况".
  outline: {
    file: 'clean-2024.md',
    sections: ['一、总体情况', '二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况', '四、政府信息公开行政复议、行政诉讼情况', '五、存在的主要问题及改进情况', '六、其他需要报告的事项'],
  },

  // Scenario 7: a plain README in the same workspace gets no diagnostics;
  // `control` is a draft opened after it whose problems prove the checker ran.
  readme: { file: 'README.md', control: { file: 'seed-000.md', code: 'label-deviation' }, previewButton: '.editor-group-container.active .editor-actions [aria-label*="预览年报"], .editor-group-container.active .editor-actions [aria-label*="Preview report"]' },

  // Scenario 8: Restricted Mode (workspace not trusted) still shows diagnostics.
  restricted: { file: WRONG_TOTAL.name, code: 't3-row-total', line: WRONG_TOTAL.line },

  // Scenario 9: a long compilation is checked a report at a time, with progress in
  // the status bar; at the end the last report's wrong total is listed at its line.
  // (That other drafts are answered meanwhile is tested over the protocol, in
  // test/lsp/many-drafts.test.ts: here the editor itself is busy with the big file.)
  // Scenario 10: 在此处忽略此项检查 on a heuristic finding inserts the comment above its line.
  ignore: {
    file: '忽略示例.md', // a copy of seed-000.md
    code: 'narrative-mismatch',
    line: 13,
    col: 129,
    action: /在此处忽略此项检查（narrative-mismatch）/,
    lineAfter: '<!-- nianbao-disable-next-line narrative-mismatch -->',
  },

  // Scenario 11: a .nianbaorc.json beside a draft: what it switches off is gone, its
  // misspelt code is marked in the file itself, and 显示生效的配置 shows the merge.
  config: {
    folder: '本地配置',
    file: '配置示例.md', // a copy of seed-000.md
    text: '{\n  // 本单位的设定\n  "rules": {\n    "label-deviation": "off",\n    "narative-mismatch": "off"\n  }\n}\n',
    off: 'label-deviation',
    still: 'narrative-mismatch',
    configProblem: { line: 5, message: '是否指“narrative-mismatch”' },
    command: ['Nianbao: 显示生效的配置', 'Nianbao: Show the effective configuration'],
    shows: ['"changed"', '"label-deviation"', '"severity": "off"', '.nianbaorc.json'],
  },

  // Scenario 12: Format Document aligns the tables (only whitespace changes).
  format: {
    file: '格式化示例.md', // a copy of clean-2024.md
    command: ['Format Document', '格式化文档'],
    line: 43, // Table 3's row 一
    before: /^\| 一、本年新收政府信息公开申请数量 \| \| \|/,
    after: /^\| 一、本年新收政府信息公开申请数量 \| {8,}\| {8,}\|/,
  },

  // Scenario 13: 从 Word 文档导入年报 — the draft of a Word document (the wrong-total draft as Word
  // lays it out) written beside it and opened, its wrong total diagnosed.
  importDocx: {
    file: '示例县2024年报.docx',
    draft: '示例县2024年报.md',
    command: ['Nianbao: 从 Word 文档导入年报', 'Nianbao: Import a report from a Word document'],
    code: 't3-row-total',
  },

  // The live preview in the official layout: the merged Table 3 with the wrong total marked;
  // a click on the cell selects it in the editor; typing the right number updates the preview.
  // Then VS Code's own Markdown preview, with the plugin's merged Table 3.
  preview: {
    file: WRONG_TOTAL.name,
    code: 't3-row-total',
    command: ['Nianbao: 预览年报（标准版式）', 'Nianbao: Preview report (official layout)'],
    markdownPreview: ['Markdown: Open Preview to the Side', 'Markdown: 打开侧边预览'],
    darkTheme: ['Preferences: Toggle between Light/Dark Themes'],
    reload: ['Developer: Reload Window'],
    line: WRONG_TOTAL.line,
    col: WRONG_TOTAL.col,
    wrong: String(WRONG_TOTAL.wrong),
    right: String(WRONG_TOTAL.right),
  },

  // 导出为 Word 文档 on a draft with a wrong total: the modal asks first (报告中有 N 处错误),
  // 导出 writes the .docx beside the draft, the notification names it, the explorer lists it.
  exportDocx: {
    file: WRONG_TOTAL.name,
    docx: WRONG_TOTAL.name.replace(/\.md$/, '.docx'),
    code: 't3-row-total',
    command: ['Nianbao: 导出为 Word 文档', 'Nianbao: Export as a Word document'],
    go: /^(导出|Export)$/,
    asks: /报告中有 \d+ 处错误|error\(s\)/,
  },

  compilation: {
    file: COMPILATION.name,
    progress: new RegExp(`${COMPILATION.name.replace('.', '\\.')}：\\d+/${COMPILATION.reports}`),
    code: 't3-row-total',
    line: COMPILATION.wrongLine,
  },

  // Scenario 13: 检查工作区中的全部年报 with no file open: the 年报 view lists the units
  // (the one with the wrong total first, its first problem by where it is), and the
  // Problems panel the wrong total of a draft never opened.
  workspace: {
    command: ['Nianbao: 检查工作区中的全部年报', 'Nianbao: Check every report in the workspace'],
    view: ['Explorer: Focus on 年报 View', 'Explorer: Focus on Annual reports (年报) View'],
    viewList: '.pane:has(.pane-header[aria-label*="年报"]) .monaco-list',
    unit: '示例县人民政府办公室',
    description: /2024年 · 错误 [1-9]/,
    units: 5,
    // A problem's row: where it is, in the report's own words.
    where: /^(表[二三四] · |[一二三四五六]、|标题|开头)/,
    file: WRONG_TOTAL.name,
    code: 't3-row-total',
    line: WRONG_TOTAL.line,
  },
};

/** Deep-merges overrides (JSON; strings of the form "/re/flags" become RegExps). Used by --expect. */
export function applyExpectOverrides(over, target = EXPECT) {
  for (const [k, v] of Object.entries(over)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && target[k] && typeof target[k] === 'object' && !Array.isArray(target[k])) {
      applyExpectOverrides(v, target[k]);
    } else {
      target[k] = reviveRegExps(v);
    }
  }
}
function reviveRegExps(v) {
  if (typeof v === 'string') {
    const m = /^\/(.+)\/([a-z]*)$/.exec(v);
    return m ? new RegExp(m[1], m[2]) : v;
  }
  if (Array.isArray(v)) return v.map(reviveRegExps);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reviveRegExps(x)]));
  return v;
}

// ===========================================================================
// The workspace the clerk opens (a fresh temp copy per scenario)
// ===========================================================================

/** Copies the example drafts (or `source`) into `dir` and adds the derived draft. */
export function prepareWorkspace(dir, { source } = {}) {
  const from = source ?? path.join(REPO, 'examples');
  fs.cpSync(from, dir, { recursive: true });
  if (WRONG_TOTAL.text && !fs.existsSync(path.join(dir, WRONG_TOTAL.name))) fs.writeFileSync(path.join(dir, WRONG_TOTAL.name), WRONG_TOTAL.text);
  if (COMPILATION.text && !fs.existsSync(path.join(dir, COMPILATION.name))) fs.writeFileSync(path.join(dir, COMPILATION.name), COMPILATION.text);
  if (!fs.existsSync(path.join(dir, 'README.md'))) fs.writeFileSync(path.join(dir, 'README.md'), '# Drafts\n\nThis folder holds report drafts.\n');
  // Copies for the scenarios that change a draft or configure one (the others keep the originals).
  const copy = (from, to) => fs.existsSync(path.join(from)) && !fs.existsSync(to) && fs.copyFileSync(from, to);
  copy(path.join(dir, 'seed-000.md'), path.join(dir, EXPECT.ignore.file));
  copy(path.join(dir, 'clean-2024.md'), path.join(dir, EXPECT.format.file));
  fs.mkdirSync(path.join(dir, EXPECT.config.folder), { recursive: true });
  copy(path.join(dir, 'seed-000.md'), path.join(dir, EXPECT.config.folder, EXPECT.config.file));
  const config = path.join(dir, EXPECT.config.folder, '.nianbaorc.json');
  if (!fs.existsSync(config)) fs.writeFileSync(config, EXPECT.config.text);
  const docx = path.join(dir, EXPECT.importDocx.file);
  if (WRONG_TOTAL.text && !fs.existsSync(docx)) fs.writeFileSync(docx, wordDocumentOf(WRONG_TOTAL.text));
}

/**
 * A draft as a Word document, written by the test fixtures' builder
 * (test/fixtures/docx/build.ts, TypeScript: run through tsx), once per run.
 */
let wordDocument;
function wordDocumentOf(markdown) {
  if (wordDocument) return wordDocument;
  const script = `import('${path.join(REPO, 'test', 'fixtures', 'docx', 'build.ts').replace(/\\/g, '/')}').then(async (m) => process.stdout.write(Buffer.from(await (m.wordFrom ?? m.default.wordFrom)(process.env.DRAFT)).toString("base64")))`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: REPO, env: { ...process.env, DRAFT: markdown }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`building the Word document failed: ${run.stderr}`);
  wordDocument = Buffer.from(run.stdout, 'base64');
  return wordDocument;
}

function deriveCompilation({ name, reports }) {
  const src = path.join(REPO, 'examples', 'clean-2024.md');
  if (!fs.existsSync(src) || !WRONG_TOTAL.text) return { name, reports, text: null, wrongLine: 0 };
  // Each report its own: the unit's name throughout, and its own Table 2 figures (in the prose too),
  // so that the check has every report to read and the progress stays up long enough to be seen.
  const unit = (text, i) =>
    text.replaceAll('示例县人民政府办公室', `第${i + 1}号单位`).replaceAll('1234', String(1234 + i)).replaceAll('567', String(567 + i));
  const clean = fs.readFileSync(src, 'utf8');
  const parts = Array.from({ length: reports - 1 }, (_, i) => unit(clean, i));
  // Line (1-based) of the wrong total in the last report: after the lines of all the others.
  const before = parts.join('\n').split('\n').length;
  parts.push(unit(WRONG_TOTAL.text, reports - 1));
  return { name, reports, text: parts.join('\n'), wrongLine: before + WRONG_TOTAL.line };
}

function deriveWrongTotal({ from, name, rowLabel, delta }) {
  const src = path.join(REPO, 'examples', from);
  const out = { name, line: 0, col: 0, right: NaN, wrong: NaN, addends: [], originalLine: '', text: null };
  if (!fs.existsSync(src)) return out;
  const lines = fs.readFileSync(src, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith('|') && l.includes(rowLabel));
  if (i < 0) return out;
  const line = lines[i];
  // The last cell: between the last two "|".
  const end = line.trimEnd().lastIndexOf('|');
  const start = line.lastIndexOf('|', end - 1) + 1;
  const cell = line.slice(start, end);
  const value = cell.trim();
  const col0 = start + cell.indexOf(value);
  const right = Number(value);
  const wrong = right + delta;
  lines[i] = line.slice(0, col0) + String(wrong) + line.slice(col0 + value.length);
  // The numbers that add up to the total: every numeric cell before it.
  const addends = line.slice(0, start).split('|').map((c) => c.trim()).filter((c) => /^\d+$/.test(c));
  return { name, line: i + 1, col: col0 + 1, right, wrong, addends, originalLine: line, text: lines.join('\n') };
}

// ===========================================================================
// Helpers for the scenarios
// ===========================================================================

function matchAll(text, matcher) {
  const list = Array.isArray(matcher) ? matcher : [matcher];
  return list.every((m) => (m instanceof RegExp ? m.test(text) : text.includes(String(m))));
}

/** Does a Problems row satisfy an expected entry? */
function rowMatches(row, exp) {
  if (exp.code != null && row.code !== exp.code) return false;
  if (exp.line != null && row.line !== exp.line) return false;
  if (exp.col != null && row.col !== exp.col) return false;
  if (exp.severity != null && row.severity !== exp.severity) return false;
  if (exp.source != null && row.source !== exp.source) return false;
  if (exp.message != null && !matchAll(row.message, exp.message)) return false;
  return true;
}

/**
 * The first frame of the page (webviews are nested iframes in code-server) where
 * `fn` (run in the frame) returns something truthy; that value and the frame.
 */
async function inWebview(ui, what, fn, arg) {
  let found;
  await ui.poll(what, async () => {
    for (const frame of ui.page.frames()) {
      const value = await frame.evaluate(fn, arg).catch(() => undefined);
      if (value) {
        found = { frame, value };
        return true;
      }
    }
    return false;
  });
  return found;
}

const fmt = (rows) => rows.map((r) => `  ${r.severity} ${r.code} [Ln ${r.line}, Col ${r.col}] ${r.message} (${r.source}) — ${r.file}`).join('\n') || '  (none)';

// ===========================================================================
// Scenarios, in order
// ===========================================================================
export const scenarios = [
  {
    name: 'problems-panel-lists-diagnostics',
    async run({ ui, step, expect, log }) {
      for (const d of expect.drafts) {
        await step(`open ${d.file}`, () => ui.openFile(d.file));
        const rows = await step(`problems of ${d.file}`, () =>
          ui.waitProblems((rs) => d.problems.every((e) => rs.some((r) => rowMatches(r, e))), { file: d.file, what: `${d.problems.map((p) => p.code).join(', ')}` }));
        log(`${d.file}:\n${fmt(rows)}`);
        // Messages are Chinese by default.
        for (const e of d.problems) assert.match(rows.find((r) => rowMatches(r, e)).message, /[\u4e00-\u9fff]/, 'message is Chinese');
        if (d.squiggle) {
          const { line, col, severity } = d.squiggle;
          await step(`squiggle at ${line}:${col}`, () => ui.waitSquiggleAt(line, col, severity));
        }
      }
    },
  },

  {
    name: 'hover-shows-formula',
    async run({ ui, step, expect }) {
      const h = expect.hover;
      await step(`open ${h.file}`, () => ui.openFile(h.file));
      await step(`cursor to ${h.line}:${h.col}`, () => ui.goTo(h.line, h.col));
      const text = await step('hover (Ctrl+K Ctrl+I)', () => ui.hover((t) => matchAll(t, h.contains), h.contains.join(' & ')));
      assert.ok(matchAll(text, h.contains));
    },
  },

  {
    name: 'quick-fix-wrong-total',
    async run({ ui, step, expect }) {
      const q = expect.quickFix;
      await step(`open ${q.file}`, () => ui.openFile(q.file));
      await step(`${q.code} listed`, () => ui.waitProblems((rs) => rs.some((r) => r.code === q.code && r.line === q.line), { file: q.file }));
      await step(`cursor to ${q.line}:${q.col}`, () => ui.goTo(q.line, q.col));
      await step('quick fix (Ctrl+.)', () => ui.quickFix(q.action));
      await step('cell corrected', () => ui.waitLineText(q.line, (t) => t === q.lineAfter));
      await step('problem gone', () => ui.waitProblems((rs) => !rs.some((r) => r.code === q.code && r.line === q.line), { file: q.file, what: `${q.code} on line ${q.line} to disappear` }));
    },
  },

  {
    name: 'fix-all-command',
    async run({ ui, step, expect, log }) {
      const f = expect.fixAll;
      const fixable = (r) => f.fixableCodes.includes(r.code);
      await step(`open ${f.file}`, () => ui.openFile(f.file));
      const before = await step('fixable problems listed', () => ui.waitProblems((rs) => rs.some(fixable), { file: f.file, what: 'a fixable problem' }));
      log(`before:\n${fmt(before)}`);
      await step('run fix-all from the palette', () => ui.runCommand(f.command));
      const after = await step('no fixable problem left', () => ui.waitProblems((rs) => !rs.some(fixable), { file: f.file, what: 'no fixable problem' }));
      log(`after:\n${fmt(after)}`);
      if (f.lineAfter) await step('total corrected', () => ui.waitLineText(f.lineAfter.line, (t) => t === f.lineAfter.text));
    },
  },

  {
    name: 'snippets-table3-and-report',
    async run({ ui, step, expect }) {
      const s = expect.snippets;
      const code = s.missingSectionCode;
      const file = await step('new untitled Markdown file', () => ui.newUntitledFile({ language: s.language }));
      await step(`snippet ${s.table3.prefix}`, () => ui.typeAndAcceptSuggestion(s.table3.prefix));
      await step('table 3 inserted', () => ui.poll('the Table 3 snippet in the editor', async () => (await ui.visibleLines()).map((l) => l.text).join('\n'),
        (t) => s.table3.lines.every((x) => t.includes(x))));
      await step('clear', () => ui.clearEditor());
      await step('title only', () => ui.type(s.titleOnly));
      await step(`${code} reported (control)`, () => ui.waitProblems((rs) => rs.some((r) => r.code === code), { file, what: code }));
      await step('clear again', () => ui.clearEditor());
      await step(`snippet ${s.report.prefix}`, () => ui.typeAndAcceptSuggestion(s.report.prefix));
      await step(`no ${code}`, () => ui.waitProblems((rs) => !rs.some((r) => r.code === code), { file, what: `no ${code}` }));
    },
  },

  {
    name: 'outline-six-sections',
    async run({ ui, step, expect }) {
      const o = expect.outline;
      await step(`open ${o.file}`, () => ui.openFile(o.file));
      const is = (label, s) => (s instanceof RegExp ? s.test(label) : label === s);
      const rows = await step('outline', () => ui.waitOutline((rs) => o.sections.every((s) => rs.some((r) => is(r.label, s))), { what: 'the six sections' }));
      assert.equal(o.sections.filter((s) => rows.some((r) => is(r.label, s))).length, o.sections.length);
    },
  },

  {
    name: 'readme-gets-no-diagnostics',
    async run({ ui, step, expect }) {
      const r = expect.readme;
      await step(`open ${r.file}`, () => ui.openFile(r.file));
      await step(`open ${r.control.file}`, () => ui.openFile(r.control.file));
      // Once the draft opened after the README has its problems, the README was checked too.
      await step('control draft checked', () => ui.waitProblems((rs) => rs.some((x) => x.code === r.control.code), { file: r.control.file }));
      const readme = await ui.readProblems({ file: r.file });
      assert.deepEqual(readme, [], `${r.file} should have no problems:\n${fmt(readme)}`);
      // The preview button in the editor title is there on a report draft only.
      await step(`the preview button on ${r.control.file}`, () => ui.poll('the preview button', () => ui.page.locator(r.previewButton).count(), (n) => n > 0));
      await step(`back to ${r.file}`, () => ui.openFile(r.file));
      await step(`no preview button on ${r.file}`, () => ui.poll('the preview button gone', () => ui.page.locator(r.previewButton).count(), (n) => n === 0));
      const squiggles = await ui.page.locator('.editor-group-container.active .editor-instance > .monaco-editor [class*="squiggly-"]').count();
      assert.equal(squiggles, 0, `${r.file} shows ${squiggles} squiggles`);
    },
  },

  {
    name: 'restricted-mode-still-diagnoses',
    trust: 'restricted',
    async run({ ui, step, expect }) {
      const r = expect.restricted;
      await step('restricted mode', () => ui.poll('the Restricted Mode indicator', () => ui.isRestrictedMode()));
      await step(`open ${r.file}`, () => ui.openFile(r.file));
      await step(`${r.code} listed`, () => ui.waitProblems((rs) => rs.some((x) => x.code === r.code && (r.line == null || x.line === r.line)), { file: r.file }));
    },
  },

  {
    name: 'ignore-heuristic-finding-here',
    async run({ ui, step, expect }) {
      const g = expect.ignore;
      await step(`open ${g.file}`, () => ui.openFile(g.file));
      await step(`${g.code} listed`, () => ui.waitProblems((rs) => rs.some((r) => r.code === g.code && r.line === g.line), { file: g.file }));
      await step(`cursor to ${g.line}:${g.col}`, () => ui.goTo(g.line, g.col));
      await step('quick fix 在此处忽略此项检查', () => ui.quickFix(g.action));
      await step('comment inserted above the line', () => ui.waitLineText(g.line, (t) => t === g.lineAfter));
      await step('problem gone', () => ui.waitProblems((rs) => !rs.some((r) => r.code === g.code), { file: g.file, what: `no ${g.code}` }));
    },
  },

  {
    name: 'config-file-and-effective-config',
    async run({ ui, step, expect, log }) {
      const c = expect.config;
      await step(`open ${c.file}`, () => ui.openFile(c.file));
      const rows = await step(`${c.still} listed, ${c.off} not`, () =>
        ui.waitProblems((rs) => rs.some((r) => r.code === c.still) && !rs.some((r) => r.code === c.off), { file: c.file, what: `${c.still} without ${c.off}` }));
      log(`${c.file}:\n${fmt(rows)}`);
      await step('show the effective configuration', () => ui.runCommand(c.command));
      await step('the merged configuration beside the draft', () =>
        ui.poll('the effective configuration', async () => (await ui.visibleLines()).map((l) => l.text).join('\n'), (t) => matchAll(t, c.shows)));
      await step('open .nianbaorc.json', () => ui.openFile('.nianbaorc.json'));
      const problems = await step('its misspelt code marked in the file', () =>
        ui.waitProblems((rs) => rs.some((r) => r.line === c.configProblem.line && r.message.includes(c.configProblem.message)), { file: '.nianbaorc.json', what: 'the configuration problem' }));
      log(`.nianbaorc.json:\n${fmt(problems)}`);
    },
  },

  {
    name: 'format-document-aligns-tables',
    async run({ ui, step, expect }) {
      const f = expect.format;
      await step(`open ${f.file}`, () => ui.openFile(f.file));
      await step('row as written', () => ui.waitLineText(f.line, (t) => f.before.test(t)));
      await step('Format Document', () => ui.runCommand(f.command));
      await step('row aligned', () => ui.waitLineText(f.line, (t) => f.after.test(t)));
    },
  },

  {
    name: 'import-word-document',
    async run({ ui, step, expect, log, workspace }) {
      const d = expect.importDocx;
      await step('从 Word 文档导入年报', () => ui.runCommand(d.command));
      // code-server's open dialog is VS Code's own: a path typed into a quick input.
      await step(`pick ${d.file}`, () => ui.acceptQuickInput(path.join(workspace, d.file)));
      await step(`${d.draft} opened beside`, () => ui.waitActiveTab(d.draft));
      const rows = await step(`${d.code} in the draft`, () => ui.waitProblems((rs) => rs.some((r) => r.code === d.code), { file: d.draft, what: d.code }));
      log(`${d.draft}:\n${fmt(rows)}`);
    },
  },

  {
    name: 'preview',
    async run({ ui, step, expect, log }) {
      const p = expect.preview;
      const line0 = p.line - 1;
      const col0 = p.col - 1;
      await step(`open ${p.file}`, () => ui.openFile(p.file));
      await step(`${p.code} listed`, () => ui.waitProblems((rs) => rs.some((r) => r.code === p.code && r.line === p.line), { file: p.file }));
      await step('run the preview command 预览年报（标准版式）', () => ui.runCommand(p.command));
      // The merged Table 3 with the wrong total marked as an error, its message on hover.
      const cellSelector = `#nb-root td[data-range^="${line0}:${col0}:"]`;
      const shown = await step('the merged Table 3 beside, the wrong total marked', () =>
        inWebview(ui, 'the preview with the merged Table 3 and the marked cell', (sel) => {
          const cell = document.querySelector(sel);
          const merged = document.querySelector('#nb-root table.nb-t3 th[rowspan="22"]');
          return cell && merged && cell.classList.contains('nb-error') ? { text: cell.textContent, title: cell.getAttribute('title'), merged: merged.textContent } : undefined;
        }, cellSelector));
      log(`marked cell: ${shown.value.text} — ${shown.value.title}`);
      assert.equal(shown.value.text, p.wrong);
      assert.equal(shown.value.merged, '三、本年度办理结果');
      assert.match(shown.value.title, /总计/);
      const tabs = await ui.page.$$eval('.tabs-container .tab', (els) => els.map((e) => e.getAttribute('aria-label')));
      log(`tabs: ${tabs.join(' | ')}`);
      // Scroll sync: the editor moved to the row scrolls the preview to it; the preview scrolled to the top scrolls the editor back.
      await step(`editor to line ${p.line}`, () => ui.goTo(p.line, p.col));
      await step('the preview scrolled to the row', () =>
        inWebview(ui, 'the marked cell in the preview’s view', (sel) => {
          const cell = document.querySelector(sel);
          const box = cell?.getBoundingClientRect();
          return box && box.top >= 0 && box.bottom <= window.innerHeight;
        }, cellSelector));
      await step('preview scrolled to the top', () => shown.frame.evaluate(() => window.scrollTo(0, 0)));
      await step('the editor scrolled to the top', () =>
        ui.poll('the editor to show the first lines', async () => (await ui.visibleLines())[0]?.line, (first) => first !== undefined && first <= 3));
      // A click on the cell lands the editor's cursor on its source line, the cell selected.
      await step('click the marked cell', () => shown.frame.locator(cellSelector).click());
      const at = await step('the cursor on the cell’s line', () =>
        ui.poll(`the cursor on line ${p.line}`, () => ui.cursor(), (c) => c?.line === p.line && c.col >= p.col && c.col <= p.col + p.wrong.length));
      log(`cursor: Ln ${at.line}, Col ${at.col}`);
      // The clerk types the right number over the selected one: the preview shows it, unmarked.
      await step(`type ${p.right}`, () => ui.type(p.right));
      await step('the preview updated', () =>
        inWebview(ui, `the preview to show ${p.right}, unmarked`, ([sel, right]) => {
          const cell = document.querySelector(sel);
          return cell && cell.textContent === right && !cell.classList.contains('nb-error');
        }, [cellSelector, p.right]));
      await step('problem gone', () => ui.waitProblems((rs) => !rs.some((r) => r.code === p.code && r.line === p.line), { file: p.file, what: `no ${p.code}` }));
      // The dark theme, for the screenshot (not required: the command's title may differ).
      await step('dark theme', () => ui.runCommand(p.darkTheme, { timeout: 5000 }).catch((e) => log(`no dark theme: ${e.message.split('\n')[0]}`)));
      await step('the preview in the dark theme', () => inWebview(ui, 'the preview', () => !!document.querySelector('#nb-root table.nb-t3')));
      // The 落款 at the end stands apart, right-aligned, as published.
      await step('the 落款 right-aligned at the end', () =>
        inWebview(ui, 'the 落款 right-aligned', () => {
          const closing = [...document.querySelectorAll('#nb-root p.nb-closing')];
          closing.at(-1)?.scrollIntoView({ block: 'center' });
          return closing.length === 2 && closing.every((p) => getComputedStyle(p).textAlign === 'right');
        }));
      // VS Code's own Markdown preview draws Table 3 merged too (the markdown-it plugin).
      await step('back to the draft', () => ui.openFile(p.file));
      await step('Markdown: Open Preview to the Side', () => ui.runCommand(p.markdownPreview));
      await step('the Markdown preview’s merged Table 3', () =>
        inWebview(ui, 'the Markdown preview with the merged Table 3', () => !!document.querySelector('.nianbao-official-table table.nb-t3 th[rowspan="22"]')));
    },
  },

  {
    name: 'export-word-document',
    async run({ ui, step, expect, log, workspace }) {
      const x = expect.exportDocx;
      const target = path.join(workspace, x.docx);
      await step(`open ${x.file}`, () => ui.openFile(x.file));
      await step(`${x.code} listed`, () => ui.waitProblems((rs) => rs.some((r) => r.code === x.code), { file: x.file }));
      await step('导出为 Word 文档', () => ui.runCommand(x.command));
      // A report that does not add up is not sent out by accident: the modal asks first.
      await step('the modal asks before exporting a report with errors', () => ui.waitVisible('.monaco-dialog-box', 'the modal dialog'));
      const asked = await ui.page.locator('.monaco-dialog-box').innerText();
      log(`dialog: ${asked.replace(/\s+/g, ' ')}`);
      assert.match(asked, x.asks);
      assert.equal(fs.existsSync(target), false, 'nothing written before the answer');
      await step('click 导出', () => ui.page.locator('.monaco-dialog-box .monaco-button').filter({ hasText: x.go }).first().click());
      await step(`${x.docx} written beside the draft`, () => ui.poll(`${x.docx} on disk`, () => fs.existsSync(target)));
      await step('the notification names the file', () =>
        ui.poll('the 已导出 notification', () => ui.page.locator('.notification-toast').filter({ hasText: x.docx }).count(), (n) => n > 0));
      await step(`${x.docx} in the explorer`, () =>
        ui.poll(`${x.docx} listed in the explorer`, () => ui.page.locator(`.explorer-folders-view .monaco-list-row[aria-label^="${x.docx}"]`).count(), (n) => n > 0));
      // A real Word document: a zip whose document.xml holds the report's title.
      const bytes = fs.readFileSync(target);
      assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
      log(`${x.docx}: ${bytes.length} bytes`);
    },
  },

  {
    // The preview in Restricted Mode (no workspace trust needed), and restored after the window reloads.
    name: 'preview-restricted-and-reload',
    trust: 'restricted',
    async run({ ui, step, expect, page }) {
      const p = expect.preview;
      const marked = () => !!document.querySelector('#nb-root table.nb-t3 th[rowspan="22"]') && !!document.querySelector('#nb-root td.nb-error');
      await step('restricted mode', () => ui.poll('the Restricted Mode indicator', () => ui.isRestrictedMode()));
      await step(`open ${p.file}`, () => ui.openFile(p.file));
      await step('run the preview command', () => ui.runCommand(p.command));
      await step('the merged Table 3, the wrong total marked', () => inWebview(ui, 'the preview with the marked cell', marked));
      // Developer: Reload Window, which saves the layout first (a browser reload may not).
      await step('reload the window', async () => {
        const reloaded = page.waitForEvent('framenavigated', { predicate: (f) => f === page.mainFrame(), timeout: 60_000 });
        await ui.runCommand(p.reload);
        await reloaded;
        await ui.waitReady();
      });
      await step('the preview restored', () => inWebview(ui, 'the preview restored after the reload', marked));
    },
  },

  {
    name: 'compilation-shows-progress',
    async run({ ui, step, expect, log }) {
      const c = expect.compilation;
      await step(`open ${c.file}`, () => ui.openFile(c.file));
      // The progress shows while the check runs, if VS Code's extension host (busy with the
      // 2 MB file itself) passes it on in time: recorded, and in the screenshot, but not
      // required — the test waits for the progress or the check's end, whichever comes first.
      const seen = await step('progress in the status bar, or the check done', () =>
        ui.poll(
          'Nianbao’s progress in the status bar, or the problems of the compilation',
          async () => {
            const items = await ui.statusBarItems();
            const progress = items.map((i) => i.text).find((t) => c.progress.test(t));
            if (progress) return progress;
            // The status bar's problem counter: "No Problems" until the compilation's error arrives.
            const problems = items.find((i) => i.id === 'status.problems')?.text ?? '';
            return /[1-9]/.test(problems) ? `(the check ended before its progress was seen: ${problems})` : undefined;
          },
          (v) => !!v,
          { interval: 50, timeout: 60_000 },
        ));
      log(`status bar: ${seen}`);
      await step(`${c.code} of the last report at line ${c.line}`, () =>
        ui.waitProblems((rs) => rs.some((r) => r.code === c.code && r.line === c.line), { file: c.file, what: `${c.code} on line ${c.line}` }));
    },
  },

  {
    name: 'workspace-check-tree',
    async run({ ui, step, expect, log }) {
      const w = expect.workspace;
      await step('检查工作区中的全部年报', () => ui.runCommand(w.command));
      await step('the 年报 view', () => ui.runCommand(w.view));
      const readRows = () =>
        ui.collectListRows(w.viewList, (e) => ({
          label: (e.querySelector('.label-name')?.textContent ?? '').trim(),
          description: (e.querySelector('.label-description')?.textContent ?? '').trim(),
          level: Number(e.getAttribute('aria-level') ?? 1),
        }));
      const rows = await step(`${w.units}+ units, ${w.unit} with its errors`, () =>
        ui.poll('the units in the 年报 view', readRows, (rs) => rs.filter((r) => r.level === 1).length >= w.units && rs.some((r) => r.label === w.unit && w.description.test(r.description)), { timeout: 120_000 }));
      log(`年报 view:\n${rows.map((r) => `  ${'  '.repeat(r.level - 1)}${r.label} — ${r.description}`).join('\n')}`);
      // The most errors first.
      assert.match(rows[0].description, /错误 [1-9]/);
      // A unit's first problems, by where they are (its twistie: a click on the row opens the file).
      await step(`expand ${rows[0].label}`, () => ui.page.locator(`${w.viewList} .monaco-list-row .monaco-tl-twistie`).first().click());
      const opened = await step('its problems in words', () => ui.poll('the problems under the first unit', readRows, (rs) => rs.some((r) => r.level === 2 && w.where.test(r.label))));
      log(opened.filter((r) => r.level === 2).map((r) => `    ${r.label} — ${r.description}`).join('\n'));
      const problems = await step(`${w.code} of ${w.file} (never opened) in the Problems panel`, () =>
        ui.waitProblems((rs) => rs.some((r) => r.code === w.code && r.line === w.line), { file: w.file, what: `${w.code} on line ${w.line}` }));
      log(fmt(problems.filter((r) => r.code === w.code)));
    },
  },
];
