/**
 * The readers, layout by layout: every draft in test/fixtures/drafts/layouts/
 * holds the same numbers (expected.json) in another layout, and each must read
 * to exactly those numbers with no finding on the numbers. Then numbers as
 * clerks write them, and a table left unfilled.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyzeText, applyEdits, LineIndex } from '../../server/src/index';
import { parseReport } from '../../server/src/parse/report';
import { readNumber } from '../../server/src/parse/text';
import { extractReport } from '../../server/src/extract';
import { renderTable } from '../../server/src/format/render';
import { blocksOf, blocksOfTree, forgetBlocks, type MdNode } from '../../server/src/parse/blocks';
import { readLines } from '../../server/src/parse/lines';
import { mutate } from '../fuzz/mutate';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';

const ROOT = resolve(__dirname, '..', '..');
const LAYOUTS = join(ROOT, 'test', 'fixtures', 'drafts', 'layouts');
const layout = (name: string) => readFileSync(join(LAYOUTS, name), 'utf8');
const { notes: _notes, ...EXPECTED } = JSON.parse(layout('expected.json'));

/** The numeric findings: none may appear on a consistent report, whatever its layout. */
const NUMERIC = ['t3-row-total', 't3-result-total', 't3-balance', 't4-total', 'cell-blank', 'cell-invalid', 'missing-row', 'missing-table', 'missing-section'];

const CASES: { file: string; layout: Record<string, string>; readProblems?: 'recovered' }[] = [
  { file: 'gfm-canonical.md', layout: { t2: 'gfm', t3: 'gfm', t4: 'gfm' } },
  { file: 'gfm-plain.md', layout: { t2: 'gfm', t3: 'gfm', t4: 'gfm' } },
  { file: 'gfm-clerk.md', layout: { t2: 'gfm', t3: 'gfm', t4: 'gfm' } },
  { file: 'pipes-no-delimiter.md', layout: { t2: 'gfm', t3: 'gfm', t4: 'gfm' } },
  { file: 'tsv.md', layout: { t2: 'tsv', t3: 'tsv', t4: 'tsv' } },
  // A provincial template's 填报说明 in brackets after the labels: read as the labels, no deviation.
  { file: 'gfm-provincial-notes.md', layout: { t2: 'gfm', t3: 'gfm', t4: 'gfm' } },
  { file: 'tsv-provincial-notes.md', layout: { t2: 'tsv', t3: 'tsv', t4: 'tsv' } },
  { file: 'cell-per-line.md', layout: { t2: 'cell-per-line', t3: 'cell-per-line', t4: 'cell-per-line' } },
  { file: 'cell-per-line-blank.md', layout: { t2: 'cell-per-line', t3: 'cell-per-line', t4: 'cell-per-line' } },
  { file: 'cell-per-line-pipes.md', layout: { t2: 'cell-per-line', t3: 'cell-per-line', t4: 'cell-per-line' } },
  { file: 'pdf-space-aligned.md', layout: { t2: 'space-aligned', t3: 'space-aligned', t4: 'space-aligned' } },
  { file: 'web-glued.md', layout: { t2: 'space-aligned' }, readProblems: 'recovered' },
  { file: 'html-official.md', layout: { t2: 'html', t3: 'html', t4: 'html' } },
  { file: 'html-pandoc.md', layout: { t2: 'html', t3: 'html', t4: 'html' } },
];

describe('every layout reads to the same numbers', () => {
  for (const c of CASES) {
    test(c.file, () => {
      const text = layout(c.file);
      const report = parseReport(text);
      const { file: _file, ...got } = extractReport(report, c.file);
      assert.deepEqual(got, EXPECTED);
      assert.deepEqual(
        report.sections.map((s) => s.spec.number),
        [1, 2, 3, 4, 5, 6],
      );
      for (const [id, kind] of Object.entries(c.layout)) assert.equal(report.tables[id as 't2']?.layout, kind, `${id} layout`);
      const findings = analyzeText(text).findings;
      assert.deepEqual(findings.filter((f) => NUMERIC.includes(f.code)).map((f) => `${f.code} ${f.message.zh}`), []);
      assert.deepEqual(findings.filter((f) => f.code === 'label-deviation' || f.code === 'old-format').map((f) => f.message.zh), []);
      const read = findings.filter((f) => f.code === 'table-read');
      if (c.readProblems === 'recovered') {
        assert.ok(read.length > 0);
        assert.ok(read.every((f) => f.severity === 'information' && Array.isArray(f.data?.recovered)));
      } else assert.deepEqual(read.map((f) => f.message.zh), []);
    });
  }

  test('the tables stop at their own lines: not the heading above, not the prose after', () => {
    const text = layout('gfm-canonical.md').replace(
      '\n## 四、',
      '\n注：本表数据截至2023年12月31日，共计74件。\n\n## 四、',
    );
    const report = parseReport(text);
    const lines = text.split('\n');
    const t3 = report.tables.t3!;
    assert.match(lines[t3.range.start.line], /^\| （本列数据的勾稽关系为/);
    assert.match(lines[t3.range.end.line], /^\| 四、结转下年度继续办理/);
    assert.ok(report.prose.some((p) => p.span.text.startsWith('注：本表数据')));
  });
});

describe('GFM tables as clerks type them', () => {
  const base = layout('gfm-plain.md');
  const t3Row = (text: string, label: string) => extractReport(parseReport(text), 'x').table3?.[label];

  test('a row with the 总计 cell left empty reads the empty cell as 总计, not as 自然人', () => {
    const text = base.replace(
      '| 四、结转下年度继续办理 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
      '| 四、结转下年度继续办理 | | 2 | 0 | 0 | 0 | 0 | 0 | |',
    );
    assert.deepEqual(t3Row(text, '四、结转下年度继续办理'), [2, 0, 0, 0, 0, 0, null]);
    const blanks = analyzeText(text).findings.filter((f) => f.code === 'cell-blank');
    assert.equal(blanks.length, 1);
  });

  test('a row without edge pipes and a row shifted one cell right', () => {
    const text = base
      .replace('| 二、上年结转政府信息公开申请数量 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |', '二、上年结转政府信息公开申请数量 | | 2 | 0 | 0 | 0 | 0 | 0 | 2')
      .replace('| | 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |', '| |  | 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |');
    assert.deepEqual(t3Row(text, '二、上年结转政府信息公开申请数量'), [2, 0, 0, 0, 0, 0, 2]);
    assert.deepEqual(t3Row(text, '2.重复申请'), [1, 0, 0, 0, 0, 0, 1]);
  });

  test('a row that leaves out its last cell: read aligned to the header, the absent 总计 missing and reported', () => {
    const text = base.replace(
      '| 四、结转下年度继续办理 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
      '| 四、结转下年度继续办理 | | 2 | 0 | 0 | 0 | 0 | 0 |',
    );
    assert.deepEqual(t3Row(text, '四、结转下年度继续办理'), [2, 0, 0, 0, 0, 0, null]);
    const report = parseReport(text);
    assert.equal(report.tables.t3!.rows.get('carryNext')!.cells[6].state, 'missing');
    assert.ok(report.tables.t3!.problems.some((p) => p.rowKey === 'carryNext' && p.kind === 'cell-count'));
    assert.deepEqual(analyzeText(text).findings.filter((f) => f.code === 'cell-blank'), []);
  });

  test('a row that leaves out the empty item cell is read from the label on', () => {
    const text = base.replace(
      '| 四、结转下年度继续办理 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
      '| 四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
    );
    assert.deepEqual(t3Row(text, '四、结转下年度继续办理'), [2, 0, 0, 0, 0, 0, 2]);
  });

  test('glued digits pasted into one cell of a GFM row', () => {
    const text = base.replace(
      '| 一、本年新收政府信息公开申请数量 | | 71 | 3 | 0 | 0 | 0 | 0 | 74 |',
      '| 一、本年新收政府信息公开申请数量 | | 713000074 | | | | | | |',
    );
    assert.deepEqual(t3Row(text, '一、本年新收政府信息公开申请数量'), [71, 3, 0, 0, 0, 0, 74]);
    const codes = analyzeText(text).findings.filter((f) => f.severity !== 'information').map((f) => f.code);
    assert.deepEqual(codes.filter((c) => NUMERIC.includes(c)), []);
  });

  test('a legitimate row with blanks is not taken for glued digits', () => {
    const text = base.replace(
      '| 二、上年结转政府信息公开申请数量 | | 2 | 0 | 0 | 0 | 0 | 0 | 2 |',
      '| 二、上年结转政府信息公开申请数量 | | 1000 | | | | | | 1000 |',
    );
    assert.deepEqual(t3Row(text, '二、上年结转政府信息公开申请数量'), [1000, null, null, null, null, null, 1000]);
    assert.equal(analyzeText(text).findings.filter((f) => f.code === 'cell-blank').length, 5);
  });

  test('a header split in two rows', () => {
    const text = base.replace(
      '| 本年度办理结果 | | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      '| | | 申请人情况 | | | | | | |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n| | | 自然人 | 法人或其他组织 | | | | | 总计 |\n| | | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |',
    );
    const { file: _f, ...got } = extractReport(parseReport(text), 'x');
    assert.deepEqual(got, EXPECTED);
  });
});

describe('numbers as clerks write them', () => {
  test('readNumber', () => {
    const n = (raw: string) => {
      const r = readNumber(raw);
      return r.kind === 'number' ? r.value : r.kind;
    };
    assert.equal(n('１２'), 12);
    assert.equal(n('１２,６０８'), 12608);
    assert.equal(n('12,608'), 12608);
    assert.equal(n('12，608'), 12608);
    assert.equal(n('1,234,567'), 1234567);
    assert.equal(n('33.85'), 33.85);
    assert.equal(n('96171.6'), 96171.6);
    assert.equal(n('０.５'), 0.5);
    assert.equal(n('&nbsp;12'), 12);
    assert.equal(n('12&nbsp;'), 12);
    assert.equal(n(' 12 '), 12);
    assert.equal(n('1 046'), 1046);
    assert.equal(n('\u00a012\u3000'), 12);
    assert.equal(n('**7**'), 7);
    for (const blank of ['', '/', '／', '—', '-', '无', '&nbsp;']) assert.equal(n(blank), 'blank', `“${blank}”`);
    for (const text of ['12件', '约10', '1,2345', 'N']) assert.equal(n(text), 'text', `“${text}”`);
    const neg = readNumber('-3');
    assert.ok(neg.kind === 'number' && neg.negative);
    const frac = readNumber('2.5');
    assert.ok(frac.kind === 'number' && frac.fraction);
    const whole = readNumber('3.00');
    assert.ok(whole.kind === 'number' && !whole.fraction && whole.value === 3);
  });

  test('in the tables: full-width, thousands, 万元 decimals, &nbsp; and spaces are valid; a fraction in a count is not', () => {
    let text = layout('gfm-canonical.md')
      .replace('| 行政许可 | 12608 |', '| 行政许可 | 12,608 |')
      .replace('| 行政处罚 | 1046 |', '| 行政处罚 | １０４６ |')
      .replace('| 行政强制 | 37 |', '| 行政强制 | 37&nbsp; |')
      .replace('| 规章 | 1 | 0 | 5 |', '| 规章 |  1 | 0 |５ |');
    let report = parseReport(text);
    const e = extractReport(report, 'x');
    assert.deepEqual(e.table2, EXPECTED.table2);
    let codes = analyzeText(text).findings.map((f) => f.code);
    assert.ok(!codes.includes('cell-invalid') && !codes.includes('cell-blank'), codes.join());

    text = text.replace('| 2.重复申请 | 1 |', '| 2.重复申请 | 1.5 |');
    report = parseReport(text);
    const cell = report.tables.t3!.rows.get('notHandled.repeat')!.cells[0];
    assert.equal(cell.state, 'invalid');
    assert.equal(cell.problem, 'fraction');
    codes = analyzeText(text).findings.map((f) => f.code);
    assert.ok(codes.includes('cell-invalid'));
  });
});

describe('a table left entirely unfilled', () => {
  test('gets one finding on the table, not one per cell; its fix fills every cell with 0', () => {
    const base = layout('gfm-plain.md');
    const start = base.indexOf('| 本年度办理结果');
    const end = base.indexOf('\n\n## 四、');
    const text = base.slice(0, start) + renderTable('t3') + base.slice(end);
    const report = parseReport(text);
    assert.ok([...report.tables.t3!.rows.values()].every((r) => r.cells.every((c) => c.state === 'blank')));
    const findings = analyzeText(text).findings.filter((f) => f.code === 'cell-blank');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].data?.unfilled, true);
    assert.equal(findings[0].data?.table, 't3');
    const index = new LineIndex(text);
    const fixed = applyEdits(text, findings[0].fixes![0].edits, (p) => index.offsetAt(p));
    const after = parseReport(fixed);
    assert.ok([...after.tables.t3!.rows.values()].every((r) => r.cells.every((c) => c.state === 'number' && c.value === 0)));
    assert.deepEqual(analyzeText(fixed).findings.filter((f) => f.code === 'cell-blank'), []);
  });

  test('a blank cell among filled ones gets its own finding', () => {
    const text = layout('gfm-canonical.md').replace('| 2.重复申请 | 1 | 0 |', '| 2.重复申请 | 1 | / |');
    const findings = analyzeText(text).findings.filter((f) => f.code === 'cell-blank');
    assert.equal(findings.length, 1);
    assert.equal(findings[0].data?.unfilled, undefined);
  });
});

describe('the block structure is remark-gfm’s', () => {
  // The reader loads only GFM's block extensions (tables, footnote definitions) and parses a
  // report region by region between blank lines: the lines it reads (kinds, spans, cells,
  // blocks) must be those read from one remark-parse + remark-gfm parse of the whole text.
  const gfm = unified().use(remarkParse).use(remarkGfm);
  // What the reader parses: parseReport has made every BOM a space (remark drops a leading one, shifting offsets).
  const same = (raw: string, name: string) => {
    const text = raw.replace(/\uFEFF/g, ' ');
    const index = new LineIndex(text);
    const remarks = blocksOfTree(gfm.parse(text) as MdNode);
    forgetBlocks();
    assert.deepEqual(blocksOf(text), remarks, `${name}: blocks`);
    assert.deepEqual(readLines(text, index), readLines(text, index, remarks), name);
  };
  const SAMPLE = [
    '# 某县2024年政府信息公开工作年度报告',
    '',
    '正文见 https://www.example.gov.cn 与 ~~旧数~~ 新数[^1]。',
    '',
    '[^1]: 数据截至 2024 年 12 月 31 日。',
    '',
    '    续注，缩进在脚注之下。',
    '',
    '- [x] 已公开',
    '',
    '  仍属上一项。',
    '- [ ] 待公开',
    '',
    '```',
    '| 代码 | 里的 |',
    '',
    '| --- | --- |',
    '```',
    '',
    '<div>',
    '',
    '| 信息内容 | 本年制发件数 |',
    '</div>',
    '',
    '| 信息内容 | 本年制发件数 |',
    '| --- | --- |',
    '| 规章 | 0 |',
    '标题',
    '---',
    '',
    '[链接]: https://www.example.gov.cn',
  ].join('\n');
  const files = [
    ...readdirSync(LAYOUTS).filter((f) => f.endsWith('.md')).map((f) => join(LAYOUTS, f)),
    ...readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.md')).map((f) => join(ROOT, 'examples', f)),
    ...readdirSync(join(ROOT, 'test', 'fixtures', 'originals', 'seeds')).map((f) => join(ROOT, 'test', 'fixtures', 'originals', 'seeds', f)),
  ];
  test('on a sample with every GFM construct and every block that spans blank lines', () => {
    same(SAMPLE, 'sample');
    for (const line of SAMPLE.split('\n').keys()) same(SAMPLE.split('\n').slice(line).join('\n'), `sample from line ${line + 1}`);
    same(SAMPLE.replace(/\n/g, '\r\n'), 'sample, CRLF');
    same(SAMPLE.replace(/\n/g, '\r'), 'sample, CR');
  });
  test('on 3,000 random pipe tables: empty cells, ||, missing edge pipes, trailing spaces and tabs, CRLF, escapes and code', () => {
    // Plain pipe tables are split without remark (parse/blocks.ts pipeTableBlocks): they must split as remark-gfm does.
    let state = 20261201;
    // mulberry32: 32-bit arithmetic throughout, so the sequence does not collapse as a float LCG's does.
    const random = (n: number) => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) % n;
    };
    const pick = <T,>(items: readonly T[]) => items[random(items.length)];
    const CELLS = ['', ' ', '  ', '0', ' 12 ', '一、本年新收政府信息公开申请数量', ' （一）予以公开 ', '１２', '1,608', ' / ', '\t3\t', '　', 'a\\|b', '`x|y`', ' --- ', ':-:', '｜'];
    const row = (cells: string[]) => {
      const body = cells.join('|');
      return `${random(8) ? '|' : ''}${body}${pick(['|', '|', '| ', '|\t', '', '|　', '||'])}`;
    };
    for (let n = 0; n < 3000; n++) {
      const width = 1 + random(5);
      const header = row(Array.from({ length: width }, () => pick(CELLS)));
      const delimiterWidth = random(10) ? width : width + pick([-1, 1]);
      const delimiter = row(Array.from({ length: Math.max(1, delimiterWidth) }, () => pick([' --- ', '---', ':---', '---:', ' :-: ', '-', ' - -', '==='])));
      const rows = Array.from({ length: random(5) }, () => (random(12) ? row(Array.from({ length: random(width + 2) }, () => pick(CELLS))) : pick(['|', '||', '| |', '文字'])));
      const text = [header, delimiter, ...rows].join(pick(['\n', '\n', '\r\n']));
      same(text, `random table ${n}: ${JSON.stringify(text)}`);
    }
  });
  test('on the layout drafts, the examples and the seeds, and 120 mutations of them', () => {
    for (const f of files) same(readFileSync(f, 'utf8'), f);
    for (let seed = 1; seed <= 120; seed++) {
      const base = files[seed % files.length];
      const { text, applied } = mutate(readFileSync(base, 'utf8'), seed);
      same(text, `${base} + ${applied.join(' + ')} (seed ${seed})`);
    }
  });
  test('when some regions are remembered from the text before an edit and the others are parsed together', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const base = readFileSync(files[seed % files.length], 'utf8').replace(/\uFEFF/g, ' ');
      const mutated = mutate(base, seed);
      const text = mutated.text.replace(/\uFEFF/g, ' ');
      forgetBlocks();
      blocksOf(base);
      assert.deepEqual(blocksOf(text), blocksOfTree(gfm.parse(text) as MdNode), `${mutated.applied.join(' + ')} (seed ${seed})`);
    }
  });
});
