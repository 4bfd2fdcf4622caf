/**
 * Published web pages read into the import document model: the article
 * without the page's chrome, its paragraphs in order, and its tables as full
 * grids (colspan/rowspan expanded, labels split over <p> joined). The pages
 * in test/fixtures/html are written as three CMS templates lay a report out
 * (TRS, Hanweb, an old page inside one layout table); the first two hold the
 * report of examples/clean-2024.md, the third the numbers of examples/seed-002.md.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { readHtml } from '../../server/src/import/html';
import { ImportError, type SourceDocument, type SourceTable } from '../../server/src/import/source';
import { decode } from '../../server/src/files/encoding';
import { readTextFile } from '../../server/src/files/read';
import { example, ROOT } from '../helpers';

const page = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'html', name), 'utf8');

const paragraphs = (doc: SourceDocument) => doc.blocks.flatMap((b) => (b.kind === 'paragraph' ? [b.text] : []));
const tables = (doc: SourceDocument) => doc.blocks.filter((b): b is SourceTable => b.kind === 'table');
/** A grid's texts, covered cells as ''. */
const texts = (table: SourceTable) => table.rows.map((row) => row.map((c) => (c.covered ? '' : c.text)));
/** Which cells are covered, as a picture: · covered, # a cell of its own. */
const coverage = (table: SourceTable) => table.rows.map((row) => row.map((c) => (c.covered ? '·' : '#')).join(''));

/** The prose of a Markdown draft: its lines outside the tables, without heading marks. */
const proseOf = (markdown: string) =>
  markdown
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('|'))
    .map((l) => l.replace(/^#+\s*/, ''));

/** The k-th pipe table of a Markdown draft as a grid of trimmed cells (the delimiter row left out). */
function pipeGrid(markdown: string, k: number): string[][] {
  const runs: string[][][] = [];
  let run: string[][] | undefined;
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('|')) {
      run = undefined;
      continue;
    }
    if (!run) runs.push((run = []));
    if (!/^\|\s*---/.test(line)) run.push(line.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return runs[k];
}

const CLEAN = example('clean-2024.md');
const SEED = example('seed-002.md');

/** Table 4 as the web lays it out: the five 行政复议 labels merged down two rows, the ten 行政诉讼 ones below their groups. */
const T4_COLUMNS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
const t4Grid = (numbers: string[]) => [
  ['行政复议', '', '', '', '', '行政诉讼', ...Array(9).fill('')],
  [...T4_COLUMNS, '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', ''],
  [...Array(5).fill(''), ...T4_COLUMNS, ...T4_COLUMNS],
  numbers,
];
const T4_COVERAGE = ['#····#·········', '######····#····', '·····##########', '###############'];

/**
 * Table 3's official merges: the corner note 3 × 3, 申请人情况 over seven
 * columns, 自然人 and 总计 down two rows, 法人或其他组织 over five; rows 一, 二,
 * 四 labelled across three columns; 三、本年度办理结果 down 22 rows; （一）（二）（七）
 * across two; the groups （三）–（六） down their items.
 */
const GROUP_FIRST = '·#########'; // the group's label (merged down its items) and its first item
const GROUP_ITEM = '··########';
const T3_COVERAGE = [
  '#··#······',
  '···##····#',
  '····#####·',
  '#··#######', // 一
  '#··#######', // 二
  '##·#######', // 三、本年度办理结果 | （一）
  '·#·#######', // （二）
  ...[8, 3, 5, 3].flatMap((items) => [GROUP_FIRST, ...Array(items - 1).fill(GROUP_ITEM)]), // （三）–（六）
  '·#·#######', // （七）总计
  '#··#######', // 四
];

describe('a TRS page: div.TRS_Editor inside #zoom, among navigation and footer chrome', () => {
  const doc = readHtml(page('trs-zoom.html'));

  test('the paragraphs are the report’s, in order: the headline above #zoom kept, no chrome', () => {
    assert.equal(doc.format, 'html');
    assert.deepEqual(paragraphs(doc), proseOf(CLEAN));
    assert.deepEqual(doc.problems, []);
  });

  test('the headline is a heading (its <h1>); section headings written as bold paragraphs are not', () => {
    const blocks = doc.blocks.filter((b) => b.kind === 'paragraph');
    assert.equal(blocks[0].kind === 'paragraph' && blocks[0].heading, 1);
    assert.ok(blocks.slice(1).every((b) => b.kind === 'paragraph' && b.heading === undefined));
  });

  test('the three tables, cell by cell, merged cells in their top-left position', () => {
    const [t2, t3, t4] = tables(doc);
    assert.equal(tables(doc).length, 3);
    assert.deepEqual(texts(t2), pipeGrid(CLEAN, 0));
    assert.deepEqual(texts(t3), pipeGrid(CLEAN, 1));
    assert.deepEqual(texts(t4), t4Grid(pipeGrid(CLEAN, 2)[3]));
    assert.deepEqual(coverage(t3), T3_COVERAGE);
    assert.deepEqual(coverage(t4), T4_COVERAGE);
  });

  test('where: 第 N 段, 第 K 个表格第 r 行第 c 列', () => {
    assert.deepEqual(doc.blocks[2].where, { zh: '第 3 段', en: 'paragraph 3' });
    const t3 = tables(doc)[1];
    assert.deepEqual(t3.where, { zh: '第 2 个表格', en: 'table 2' });
    assert.equal(t3.rows[3][3].text, '38');
    assert.deepEqual(t3.rows[3][3].where, { zh: '第 2 个表格第 4 行第 4 列', en: 'table 2, row 4, column 4' });
    assert.deepEqual(t3.rows[6][0].where, { zh: '第 2 个表格第 7 行第 1 列', en: 'table 2, row 7, column 1' });
  });
});

describe('a Hanweb page: #UCAP-CONTENT, inline styles, labels split over <p> in their cells', () => {
  const html = page('hanweb-ucap.html');
  const doc = readHtml(html);

  test('the paragraphs in order: the title div kept, the 信息公开 metadata table and the chrome dropped', () => {
    assert.deepEqual(paragraphs(doc), proseOf(CLEAN));
    assert.equal(tables(doc).length, 3);
  });

  test('<h3> section headings keep their level', () => {
    const headings = doc.blocks.flatMap((b) => (b.kind === 'paragraph' && b.heading ? [[b.heading, b.text]] : []));
    assert.deepEqual(
      headings,
      proseOf(CLEAN)
        .filter((l) => /^[一二三四五六]、/.test(l))
        .map((l) => [3, l]),
    );
  });

  test('labels split over <p> read whole: 商业企业, （二）部分公开（区分处理的…）, 未经复议直接起诉', () => {
    // The page does split them.
    assert.match(html, /商业<\/span><\/p><p[^>]*><span[^>]*>企业/);
    assert.match(html, /未经复议<\/span><\/p><p[^>]*><span[^>]*>直接起诉/);
    const [t2, t3, t4] = tables(doc);
    assert.equal(t3.rows[2][4].text, '商业企业');
    assert.equal(t3.rows[6][1].text, '（二）部分公开（区分处理的，只计这一情形，不计其他情形）');
    assert.equal(t4.rows[1][5].text, '未经复议直接起诉');
    assert.deepEqual(texts(t2), pipeGrid(CLEAN, 0));
    assert.deepEqual(texts(t3), pipeGrid(CLEAN, 1));
    assert.deepEqual(texts(t4), t4Grid(pipeGrid(CLEAN, 2)[3]));
  });
});

describe('an old page laid out in one table (the numbers of seed-002)', () => {
  const doc = readHtml(page('plain-layout.html'));

  test('the layout table is looked into: the article’s paragraphs, the menu and footer cells dropped', () => {
    const expected = proseOf(SEED)
      .filter((l) => !l.startsWith('(本列数据')) // the corner note stands in Table 3 on the page
      .map((l) => l.replace(/^来源:县政府办公室\s+日期:2024-02-18$/, '来源:县政府办公室 日期:2024-02-18 [打印]').replace(/^• /, ''));
    assert.deepEqual(paragraphs(doc), expected);
  });

  test('the report’s tables are the nested ones, read with their end tags omitted; full-width digits as written', () => {
    const [t2, t3, t4] = tables(doc);
    assert.equal(tables(doc).length, 3);
    assert.deepEqual(texts(t2), pipeGrid(SEED, 0));
    // Table 3 in the official layout: the labels of the template, the seed's numbers (the last seven of each row).
    const labels = pipeGrid(CLEAN, 1).map((row) => row.slice(0, 3));
    const numbers = pipeGrid(SEED, 1).slice(1).map((row) => row.slice(-7));
    numbers[0][0] = '５７';
    assert.deepEqual(texts(t3), [...pipeGrid(CLEAN, 1).slice(0, 3), ...labels.slice(3).map((l, i) => [...l, ...numbers[i]])]);
    assert.deepEqual(coverage(t3), T3_COVERAGE);
    assert.deepEqual(texts(t4), t4Grid(pipeGrid(SEED, 2)[3]));
  });
});

describe('pages with no report in them', () => {
  const rejects = (html: string, words: RegExp) =>
    assert.throws(
      () => readHtml(html),
      (e: unknown) => e instanceof ImportError && e.reason === 'no-report' && words.test(e.words.zh) && e.words.en.length > 0,
    );

  test('a list of reports (links, dates, a column title, a table of links) is no report', () => {
    rejects(page('news-list.html'), /没有找到政府信息公开工作年度报告.*列表页/);
  });

  test('an empty page, a page of chrome only, a page of scripts', () => {
    rejects('', /没有找到/);
    rejects('<html><body><div class="nav"><a href="/">首页</a></div><div class="footer">版权所有：示例县人民政府</div></body></html>', /没有找到/);
    rejects('<script>document.write("2024年政府信息公开工作年度报告，统计期限为……")</script>', /没有找到/);
  });

  test('a report published as pictures says so', () => {
    rejects('<html><body><h1>示例县2024年政府信息公开工作年度报告</h1><div id="zoom"><img src="1.jpg" width="800" height="1100"><img src="2.jpg" width="800" height="1100"></div></body></html>', /没有找到/);
    rejects('<html><body><div id="zoom"><p><img src="1.jpg" width="800" height="1100"></p></div></body></html>', /只有图片/);
  });
});

/** A page around an article, for the small cases below. */
const article = (inside: string) => `<html><body><div class="nav"><a href="/">首页</a></div><div id="zoom">${inside}</div><div class="footer">版权所有</div></body></html>`;
const BASIS = '<p>本报告根据《中华人民共和国政府信息公开条例》编制。</p>';
const firstTable = (inside: string) => texts(tables(readHtml(article(BASIS + inside)))[0]);

describe('text as a browser shows it', () => {
  test('&nbsp; and full-width-space padding trimmed, runs of spaces one, <br> a line break, hidden text, styles, <nav> and <footer> out', () => {
    const doc = readHtml(
      article(
        `${BASIS}<p style="text-indent:2em">&nbsp;&nbsp;\u3000\u3000全年共收到申请47件，&nbsp;&nbsp;&nbsp;上年结转3件。&nbsp;</p>` +
          '<p>示例县人民政府办公室<br/>2025年1月20日<br><br></p><p><span style="display:none">隐藏</span><style>p{}</style>可见</p><p>&nbsp;</p>' +
          '<nav>上一篇：<a href="/1">示例县2023年报告</a></nav><footer>本页责任编辑：张三</footer><div hidden>隐藏的说明</div>',
      ),
    );
    assert.deepEqual(paragraphs(doc).slice(1), ['全年共收到申请47件， 上年结转3件。', '示例县人民政府办公室\n2025年1月20日', '可见']);
  });

  test('a line break in the page’s source between Chinese characters is nothing; between other characters a space', () => {
    const doc = readHtml(article(`${BASIS}<p>全年共收到政府信息公开\n      申请47件，\n  其中 ABC\n DEF。</p>`));
    assert.equal(paragraphs(doc)[1], '全年共收到政府信息公开申请47件，其中 ABC DEF。');
  });

  test('full-width digits are left as written', () => {
    assert.equal(paragraphs(readHtml(article(`${BASIS}<p>共收到申请４７件。</p>`)))[1], '共收到申请４７件。');
  });

  test('paragraphs of links only (share buttons, 打印本页) are dropped; a link inside a sentence stays', () => {
    const doc = readHtml(article(`${BASIS}<p><a href="#">【打印本页】</a> <a href="#">【关闭窗口】</a></p><p>详见<a href="/a.pdf">附件</a>。</p>`));
    assert.deepEqual(paragraphs(doc).slice(1), ['详见附件。']);
  });

  test('list items are paragraphs of their own', () => {
    assert.deepEqual(paragraphs(readHtml(article(`${BASIS}<ul><li>一是丰富解读形式；</li><li>二是加强培训。</li></ul>`))).slice(1), ['一是丰富解读形式；', '二是加强培训。']);
  });
});

describe('table cells', () => {
  test('pieces join without a separator between Chinese characters, with a line break otherwise: numbers never glue', () => {
    const grid = firstTable(
      '<table><tr><td><p>商业</p><p>企业</p></td><td>社会公益<br>组织</td><td><p>1.</p><p>属于国家秘密</p></td><td><p>12</p><p>3</p></td><td><p>１２</p><p>３</p></td><td><div>3.危及</div><div>“三安全一稳定”</div></td><td><p>&nbsp;</p><p>5<o:p></o:p></p><p>&nbsp;</p></td><td>12<br>3</td></tr></table>',
    );
    assert.deepEqual(grid, [['商业企业', '社会公益组织', '1.\n属于国家秘密', '12\n3', '１２\n３', '3.危及“三安全一稳定”', '5', '12\n3']]);
  });

  test('colspan and rowspan as a browser reads them: "3 ", "2px", "0", garbage, negative', () => {
    const grid = firstTable(
      '<table><tr><td colspan="3 ">a</td><td rowspan="2px">b</td></tr><tr><td colspan="0">c</td><td colspan="x">d</td><td colspan="-1">e</td></tr><tr><td rowspan="0">f</td><td>g</td><td>h</td><td>i</td></tr><tr><td>j</td><td>k</td><td>l</td></tr></table>',
    );
    assert.deepEqual(grid, [
      ['a', '', '', 'b'],
      ['c', 'd', 'e', ''],
      ['f', 'g', 'h', 'i'],
      ['', 'j', 'k', 'l'],
    ]);
  });

  test('broken markup reads as a browser recovers it: unclosed cells and rows, a stray </td>, an unclosed table', () => {
    // The table is left open at the end of the page (a page cut short): everything after it would be in its last cell.
    assert.deepEqual(texts(tables(readHtml(`${BASIS}<table><tr><td>一、本年新收政府信息公开申请数量<td>3</td></td><td>4<tr><td>二、上年结转<td>0<td>0`))[0]), [
      ['一、本年新收政府信息公开申请数量', '3', '4'],
      ['二、上年结转', '0', '0'],
    ]);
    const garbage = '<table><tr><td><p>商业<td></table></p></div></span><<>>&&;;<table';
    assert.throws(() => readHtml(garbage), ImportError);
    assert.deepEqual(texts(tables(readHtml(BASIS + garbage))[0]), [['商业', '']]);
  });

  test('<thead> first and <tfoot> last, as shown; a <caption> is a paragraph before its table', () => {
    const doc = readHtml(article(`${BASIS}<table><caption>表一</caption><tfoot><tr><td>c</td></tr></tfoot><tbody><tr><td>b</td></tr></tbody><thead><tr><th>a</th></tr></thead></table>`));
    assert.deepEqual(paragraphs(doc).slice(1), ['表一']);
    assert.deepEqual(texts(tables(doc)[0]), [['a'], ['b'], ['c']]);
  });

  test('a cell holding only a picture is reported, never guessed', () => {
    const doc = readHtml(article(`${BASIS}<table><tr><td>行政许可</td><td><img src="n.png" width="60" height="60"></td></tr></table>`));
    assert.deepEqual(doc.problems, [{ where: { zh: '第 1 个表格第 1 行第 2 列', en: 'table 1, row 1, column 2' }, message: { zh: '这一格只有图片，没有文字，无法读取', en: 'This cell holds only a picture, no text: it cannot be read' } }]);
  });

  test('a table laying out the page is looked into; a table of links only (a list of articles) is no table of the report', () => {
    const related = '<table><tr><td><a href="/1">2023年报告</a></td><td><a href="/1">2024-01-18</a></td></tr></table>';
    const layout = `<table><tr><td><a href="/">首页</a></td></tr><tr><td>${BASIS}<table><tr><td>行政许可</td><td>12</td></tr></table>${related}</td></tr></table>`;
    const doc = readHtml(`<html><body>${layout}</body></html>`);
    assert.deepEqual(tables(doc).map(texts), [[['行政许可', '12']]]);
  });
});

describe('the article is chosen by its content, not by a class name', () => {
  test('an unknown container among chrome holding much text of its own (a long footer, a sidebar)', () => {
    const prose = Array.from({ length: 12 }, (_, i) => `<p>第${i + 1}段：本机关依照政府信息公开条例，主动公开政府信息，做好依申请公开工作，提升公开质量和实效。</p>`).join('');
    const html = `<html><body><div class="banner">示例县人民政府欢迎您</div><div class="wrap"><div class="sidebar"><p>政务公开目录说明文字，介绍本站栏目设置与更新频率。</p></div><div class="zw-body"><div class="headline">示例县2024年政府信息公开工作年度报告</div><div class="meta">发布时间：2025-01-20</div><div class="text">${prose}</div></div></div><div class="copyright"><p>版权所有：示例县人民政府办公室 地址：示例县人民路1号 电话：0000-1234567 网站标识码：0000000001</p></div></body></html>`;
    const found = paragraphs(readHtml(html));
    assert.equal(found[0], '示例县2024年政府信息公开工作年度报告');
    assert.equal(found.length, 13);
    assert.ok(found.slice(1).every((p) => p.startsWith('第')));
  });

  test('the title is not repeated when the article itself begins with it', () => {
    const html = `<html><body><h1>示例县2024年政府信息公开工作年度报告</h1><div class="TRS_Editor"><p>示例县2024年政府信息公开工作年度报告</p>${BASIS}<p>一、总体情况</p></div></body></html>`;
    assert.deepEqual(paragraphs(readHtml(html)), ['示例县2024年政府信息公开工作年度报告', '本报告根据《中华人民共和国政府信息公开条例》编制。', '一、总体情况']);
  });
});

describe('a page saved in GBK, its <meta charset="gb2312"> saying so', () => {
  const utf8 = page('trs-zoom.html').replace('<meta charset="utf-8">', '<meta charset="gb2312">');
  const bytes = iconv.encode(utf8, 'gbk');

  test('the files module decodes it to the same text, and it reads to the same report', async () => {
    assert.equal(iconv.decode(bytes, 'gbk'), utf8, 'every character of the page has a GBK code');
    const decoded = decode(bytes);
    assert.equal(decoded.encoding, 'gb18030');
    assert.equal(decoded.text, utf8);
    const dir = mkdtempSync(join(tmpdir(), 'nianbao-html-'));
    try {
      const path = join(dir, 'report.html');
      writeFileSync(path, bytes);
      const file = await readTextFile(path);
      assert.deepEqual(readHtml(file.text), readHtml(page('trs-zoom.html')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
