/**
 * Reading a Word .docx into the import model (import/docx.ts): the report as
 * Word and as WPS lay it out, read cell by cell (merged cells in their top-left
 * position, covered cells covered), paragraph by paragraph with their heading
 * levels; the markup real documents hold (runs split mid-word, fields, tracked
 * changes, content controls, list numbering, pictures and text boxes); and the
 * files that cannot be imported, each refused for its own reason.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync, zipSync, strToU8 } from 'fflate';
import { readDocx } from '../../server/src/import/docx';
import { ImportError, type SourceDocument, type SourceParagraph, type SourceTable } from '../../server/src/import/source';
import {
  appendixCaption,
  appendixTables,
  APPENDIX_HEADING,
  corruptZip,
  docxFromXml,
  encryptedDocx,
  format2019,
  legacyDoc,
  SEE_APPENDIX,
  truncatedDocx,
  wordLike,
  wpsLike,
  xlsxLike,
  zipBomb,
} from '../fixtures/docx/build';

const ROOT = join(__dirname, '..', '..');

/** A table's grid as lines of cells: a covered cell is ·, an empty one nothing. */
const grid = (table: SourceTable) => table.rows.map((row) => row.map((cell) => (cell.covered ? '·' : cell.text)).join(' | '));
const lines = (text: string) =>
  text
    .trim()
    .split('\n')
    .map((line) => line.trim());
const tables = (document: SourceDocument) => document.blocks.filter((b): b is SourceTable => b.kind === 'table');
const paragraphs = (document: SourceDocument) => document.blocks.filter((b): b is SourceParagraph => b.kind === 'paragraph');
const withoutPlaces = (document: SourceDocument) => JSON.parse(JSON.stringify(document, (key, value) => (key === 'where' ? undefined : value)));

/** The prose of a Markdown draft, line by line as the fixtures lay it out (heading marks dropped). */
const proseOf = (file: string) =>
  readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('|'))
    .map((line) => line.replace(/^#+\s+/, ''));

const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
const ZEROS = '0 | 0 | 0 | 0 | 0 | 0 | 0';

// examples/clean-2024.md, cell by cell, as the official layout merges it.
const TABLE2_2024 = `
  第二十条第（一）项 | · | · | ·
  信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数
  规章 | 0 | 0 | 0
  行政规范性文件 | 3 | 1 | 25
  第二十条第（五）项 | · | · | ·
  信息内容 | 本年处理决定数量 | · | ·
  行政许可 | 1234 | · | ·
  第二十条第（六）项 | · | · | ·
  信息内容 | 本年处理决定数量 | · | ·
  行政处罚 | 567 | · | ·
  行政强制 | 12 | · | ·
  第二十条第（八）项 | · | · | ·
  信息内容 | 本年收费金额（单位：万元） | · | ·
  行政事业性收费 | 45.6 | · | ·`;

const TABLE3_2024 = `
  ${NOTE} | · | · | 申请人情况 | · | · | · | · | · | ·
  · | · | · | 自然人 | 法人或其他组织 | · | · | · | · | 总计
  · | · | · | · | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | ·
  一、本年新收政府信息公开申请数量 | · | · | 38 | 5 | 1 | 0 | 2 | 1 | 47
  二、上年结转政府信息公开申请数量 | · | · | 2 | 1 | 0 | 0 | 0 | 0 | 3
  三、本年度办理结果 | （一）予以公开 | · | 15 | 3 | 1 | 0 | 0 | 0 | 19
  · | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | · | 4 | 1 | 0 | 0 | 0 | 0 | 5
  · | （三）不予公开 | 1.属于国家秘密 | ${ZEROS}
  · | · | 2.其他法律行政法规禁止公开 | ${ZEROS}
  · | · | 3.危及“三安全一稳定” | ${ZEROS}
  · | · | 4.保护第三方合法权益 | 2 | 0 | 0 | 0 | 1 | 0 | 3
  · | · | 5.属于三类内部事务信息 | ${ZEROS}
  · | · | 6.属于四类过程性信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1
  · | · | 7.属于行政执法案卷 | ${ZEROS}
  · | · | 8.属于行政查询事项 | ${ZEROS}
  · | （四）无法提供 | 1.本机关不掌握相关政府信息 | 8 | 1 | 0 | 0 | 0 | 1 | 10
  · | · | 2.没有现成信息需要另行制作 | 2 | 0 | 0 | 0 | 0 | 0 | 2
  · | · | 3.补正后申请内容仍不明确 | 1 | 0 | 0 | 0 | 0 | 0 | 1
  · | （五）不予处理 | 1.信访举报投诉类申请 | 2 | 0 | 0 | 0 | 0 | 0 | 2
  · | · | 2.重复申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1
  · | · | 3.要求提供公开出版物 | ${ZEROS}
  · | · | 4.无正当理由大量反复申请 | ${ZEROS}
  · | · | 5.要求行政机关确认或重新出具已获取信息 | 0 | 1 | 0 | 0 | 0 | 0 | 1
  · | （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1
  · | · | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | ${ZEROS}
  · | · | 3.其他 | ${ZEROS}
  · | （七）总计 | · | 37 | 6 | 1 | 0 | 1 | 1 | 46
  四、结转下年度继续办理 | · | · | 3 | 0 | 0 | 0 | 1 | 0 | 4`;

const TABLE4_HEADER = `
  行政复议 | · | · | · | · | 行政诉讼 | · | · | · | · | · | · | · | · | ·
  结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | · | · | · | · | 复议后起诉 | · | · | · | ·
  · | · | · | · | · | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计`;
const TABLE4_2024 = `${TABLE4_HEADER}
  2 | 1 | 0 | 1 | 4 | 1 | 0 | 1 | 0 | 2 | 1 | 0 | 0 | 0 | 1`;

const HEADINGS_2024 = [
  [1, '示例县人民政府办公室2024年政府信息公开工作年度报告'],
  [2, '一、总体情况'],
  [2, '二、主动公开政府信息情况'],
  [2, '三、收到和处理政府信息公开申请情况'],
  [2, '四、政府信息公开行政复议、行政诉讼情况'],
  [2, '五、存在的主要问题及改进情况'],
  [2, '六、其他需要报告的事项'],
];
const headings = (document: SourceDocument) => paragraphs(document).flatMap((p) => (p.heading ? [[p.heading, p.text]] : []));

describe('the 2024 report as Word lays it out', async () => {
  const document = readDocx(await wordLike());

  test('every cell of the three tables, merged cells in their top-left position and the cells they cover covered', () => {
    const [t2, t3, t4] = tables(document);
    assert.equal(tables(document).length, 3);
    assert.deepEqual(grid(t2), lines(TABLE2_2024));
    assert.deepEqual(grid(t3), lines(TABLE3_2024));
    assert.deepEqual(grid(t4), lines(TABLE4_2024));
  });

  test('三、本年度办理结果 is one cell merged down 22 rows; the corner note covers 3 columns × 3 rows', () => {
    const t3 = tables(document)[1];
    const column = t3.rows.map((row) => row[0]);
    assert.equal(column[5].text, '三、本年度办理结果');
    assert.deepEqual(column.slice(6, 27).map((c) => c.covered), Array(21).fill(true));
    assert.equal(column[27].text, '四、结转下年度继续办理');
    assert.deepEqual(t3.rows.slice(0, 3).flatMap((row) => row.slice(0, 3).map((c) => c.covered ?? false)), [false, true, true, true, true, true, true, true, true]);
  });

  test('places are named as a clerk finds them: 第 K 个表格第 r 行第 c 列, 第 N 段', () => {
    const t3 = tables(document)[1];
    assert.deepEqual(t3.where, { zh: '第 2 个表格', en: 'table 2' });
    assert.deepEqual(t3.rows[3][9].where, { zh: '第 2 个表格第 4 行第 10 列', en: 'table 2, row 4, column 10' });
    assert.deepEqual(t3.rows[3][9].text, '47');
    assert.deepEqual(paragraphs(document)[2].where, { zh: '第 3 段', en: 'paragraph 3' });
  });

  test('the paragraphs in order, every line of the draft; headings from Word’s heading styles, the section numbers from its list numbering', () => {
    assert.deepEqual(
      paragraphs(document).map((p) => p.text),
      proseOf('examples/clean-2024.md'),
    );
    assert.deepEqual(headings(document), HEADINGS_2024);
    assert.deepEqual(document.problems, []);
    assert.equal(document.format, 'docx');
  });

  test('the tables stand where the draft has them: under 二, 三, and after the paragraph of 四', () => {
    const kinds = document.blocks.map((b) => (b.kind === 'table' ? 'table' : b.text.slice(0, 2)));
    assert.deepEqual(kinds.slice(9, 16), ['二、', 'table', '三、', 'table', '四、', '20', 'table']);
  });
});

describe('the same report as WPS lays it out', async () => {
  const bytes = await wpsLike();
  const document = readDocx(bytes);
  const xml = strFromU8(unzipSync(bytes)['word/document.xml']);

  test('the fixture is laid out as WPS does: cell borders, numeric style ids, labels split over runs', () => {
    assert.doesNotMatch(xml, /<w:tblBorders>(?!<w:top w:val="none")/);
    assert.match(xml, /<w:tcBorders>/);
    assert.match(xml, /<w:pStyle w:val="3"\/>/);
    assert.match(xml, /<w:pStyle w:val="15"\/>/);
    assert.match(xml, />商业<\/w:t><\/w:r><w:r>.*?<w:t xml:space="preserve">企业</);
    assert.match(xml, />一、<\/w:t><\/w:r><w:r>.*?<w:t xml:space="preserve">本年新收</);
    assert.doesNotMatch(xml, /本年新收政府/);
  });

  test('reads to the same blocks as Word’s layout: labels joined across runs, numbers read, headings by style name, outline level and inheritance', async () => {
    assert.deepEqual(withoutPlaces(document), withoutPlaces(readDocx(await wordLike())));
    assert.deepEqual(grid(tables(document)[1]), lines(TABLE3_2024));
    assert.deepEqual(headings(document), HEADINGS_2024);
  });
});

describe('the tables in an appendix', async () => {
  const document = readDocx(await appendixTables());

  test('the six sections with prose only, then 相关指标统计附表 and the three tables, each under its caption', () => {
    const blocks = document.blocks;
    const appendix = blocks.findIndex((b) => b.kind === 'paragraph' && b.text === APPENDIX_HEADING);
    assert.ok(appendix > 0);
    assert.ok(blocks.slice(0, appendix).every((b) => b.kind === 'paragraph'));
    assert.deepEqual(
      blocks.slice(appendix + 1).map((b) => (b.kind === 'table' ? 'table' : b.text)),
      [appendixCaption(1, 't2'), 'table', appendixCaption(2, 't3'), 'table', appendixCaption(3, 't4'), 'table'],
    );
    const [t2, t3, t4] = tables(document);
    assert.deepEqual([grid(t2), grid(t3), grid(t4)], [lines(TABLE2_2024), lines(TABLE3_2024), lines(TABLE4_2024)]);
  });

  test('the sections whose table went to the appendix say so', () => {
    const texts = paragraphs(document).map((p) => p.text);
    for (const heading of ['二、主动公开政府信息情况', '三、收到和处理政府信息公开申请情况']) assert.equal(texts[texts.indexOf(heading) + 1], SEE_APPENDIX);
    assert.deepEqual(headings(document), HEADINGS_2024);
  });
});

describe('a 2020 report in the 2019 trial layout', async () => {
  const document = readDocx(await format2019());

  test('Table 2 with the 2019 columns and rows, Table 3 with one （六）其他处理 row', () => {
    const [t2, t3, t4] = tables(document);
    assert.deepEqual(
      grid(t2),
      lines(`
        第二十条第（一）项 | · | · | ·
        信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量
        规章 | 0 | 0 | 3
        规范性文件 | 6 | 6 | 41
        第二十条第（五）项 | · | · | ·
        信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
        行政许可 | 128 | -3 | 2,316
        其他对外管理服务事项 | 15 | 0 | 87
        第二十条第（六）项 | · | · | ·
        信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量
        行政处罚 | 412 | 5 | 260
        行政强制 | 36 | 0 | 11
        第二十条第（八）项 | · | · | ·
        信息内容 | 上一年项目数量 | 本年增/减 | ·
        行政事业性收费 | 9 | -1 | ·
        第二十条第（九）项 | · | · | ·
        信息内容 | 采购项目数量 | 采购总金额 | ·
        政府集中采购 | 14 | 356.8 | ·`),
    );
    assert.deepEqual(
      grid(t3),
      lines(`
        ${NOTE} | · | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计
        一、本年新收政府信息公开申请数量 | · | 10 | 2 | 0 | 0 | 0 | 0 | 12
        二、上年结转政府信息公开申请数量 | · | 1 | 0 | 0 | 0 | 0 | 0 | 1
        三、本年度办理结果 | （一）予以公开 | 6 | 1 | 0 | 0 | 0 | 0 | 7
        · | （二）部分公开（区分处理的，只计这一情形，不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 | 1
        （三）不予公开 | 1.属于国家秘密 | ${ZEROS}
        · | 2.其他法律行政法规禁止公开 | ${ZEROS}
        · | 3.危及“三安全一稳定” | ${ZEROS}
        · | 4.保护第三方合法权益 | ${ZEROS}
        · | 5.属于三类内部事务信息 | ${ZEROS}
        · | 6.属于四类过程性信息 | 1 | 0 | 0 | 0 | 0 | 0 | 1
        · | 7.属于行政执法案卷 | ${ZEROS}
        · | 8.属于行政查询事项 | ${ZEROS}
        （四）无法提供 | 1.本机关不掌握相关政府信息 | 2 | 1 | 0 | 0 | 0 | 0 | 3
        · | 2.没有现成信息需要另行制作 | ${ZEROS}
        · | 3.补正后申请内容仍不明确 | ${ZEROS}
        （五）不予处理 | 1.信访举报投诉类申请 | ${ZEROS}
        · | 2.重复申请 | ${ZEROS}
        · | 3.要求提供公开出版物 | ${ZEROS}
        · | 4.无正当理由大量反复申请 | ${ZEROS}
        · | 5.要求行政机关确认或重新出具已获取信息 | ${ZEROS}
        （六）其他处理 | · | 1 | 0 | 0 | 0 | 0 | 0 | 1
        （七）总计 | · | 11 | 2 | 0 | 0 | 0 | 0 | 13
        四、结转下年度继续办理 | · | ${ZEROS}`),
    );
    assert.deepEqual(grid(t4), lines(`${TABLE4_HEADER}\n1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0`));
  });

  test('its paragraphs in order', () => {
    assert.deepEqual(
      paragraphs(document).map((p) => p.text),
      proseOf('test/fixtures/drafts/layouts/old-format-2020.md'),
    );
  });
});

// ---------------------------------------------------------------------------
// Markup as real documents hold it, written by hand
// ---------------------------------------------------------------------------

const read = async (parts: Parameters<typeof docxFromXml>[0]) => readDocx(await docxFromXml(parts));
const texts = (document: SourceDocument) => paragraphs(document).map((p) => p.text);
const p = (runs: string, properties = '') => `<w:p>${properties ? `<w:pPr>${properties}</w:pPr>` : ''}${runs}</w:p>`;
const r = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const cell = (content: string, properties = '') => `<w:tc>${properties ? `<w:tcPr>${properties}</w:tcPr>` : ''}${content.startsWith('<') ? content : p(r(content))}</w:tc>`;
const table = (columns: number, rows: string[]) => `<w:tbl><w:tblGrid>${'<w:gridCol w:w="1000"/>'.repeat(columns)}</w:tblGrid>${rows.join('')}</w:tbl>`;
const PICTURE = '<w:r><w:drawing><wp:inline><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"/></a:graphic></wp:inline></w:drawing></w:r>';

describe('a paragraph’s text, as Word shows it', () => {
  test('one label split over many runs, mid-word, and inside hyperlinks, insertions, smart tags, simple fields and content controls, reads as one string', async () => {
    const document = await read({
      body: [
        p(r('一、本年新收') + r('政府信息公开') + r('申请数量') + r('71')),
        p(`${r('商业')}<w:proofErr w:type="spellStart"/><w:bookmarkStart w:id="0" w:name="x"/>${r('企')}<w:bookmarkEnd w:id="0"/>${r('业')}`),
        p(`${r('详见')}<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${r('门户网站')}</w:hyperlink><w:ins w:id="1" w:author="a">${r('政府信息')}</w:ins><w:smartTag w:uri="u" w:element="e">${r('公开')}</w:smartTag><w:fldSimple w:instr=" PAGE ">${r('专栏')}</w:fldSimple><w:sdt><w:sdtContent>${r('。')}</w:sdtContent></w:sdt>`),
      ].join(''),
    });
    assert.deepEqual(texts(document), ['一、本年新收政府信息公开申请数量71', '商业企业', '详见门户网站政府信息公开专栏。']);
  });

  test('deleted text, field codes and hidden text are left out; a field’s result is read; tabs, breaks and non-breaking hyphens kept', async () => {
    const field = (instruction: string, result: string) =>
      `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">${instruction}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${r(result)}<w:r><w:fldChar w:fldCharType="end"/></w:r>`;
    const document = await read({
      body: [
        p(`${r('共收到申请')}<w:del w:id="2" w:author="a"><w:r><w:delText>13</w:delText></w:r></w:del><w:ins w:id="3" w:author="a">${r('15')}</w:ins>${r('件')}`),
        p(`${r('第')}${field(' PAGE ', '3')}${r('页，见')}${field(' HYPERLINK "http://example.gov.cn" ', '网站')}`),
        // A field inside another's instruction is instruction too.
        p(`${r('a')}<w:r><w:fldChar w:fldCharType="begin"/></w:r>${field(' DATE ', 'inner')}<w:r><w:instrText> IF </w:instrText><w:fldChar w:fldCharType="separate"/></w:r>${r('shown')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`),
        p(`<w:r><w:t>电话</w:t><w:tab/><w:t>0571</w:t><w:noBreakHyphen/><w:t>1234</w:t><w:br/><w:t>地址</w:t><w:cr/><w:t>某路</w:t><w:softHyphen/><w:t>1号</w:t></w:r>`),
        p(`${r('本年度')}<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>未</w:t></w:r>${r('收费')}`),
        p('<w:moveFrom w:id="4" w:author="a"><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:moveTo w:id="5" w:author="a"><w:r><w:t>移来</w:t></w:r></w:moveTo>'),
      ].join(''),
    });
    assert.deepEqual(texts(document), ['共收到申请15件', '第3页，见网站', 'ashown', '电话\t0571-1234\n地址\n某路1号', '本年度未收费', '移来']);
  });

  test('paragraphs inside content controls and custom XML stand in document order; blank paragraphs are not counted', async () => {
    const document = await read({
      body: [
        p(r('甲')),
        p(''),
        p(r('  ')),
        `<w:sdt><w:sdtPr/><w:sdtContent>${p(r('乙'))}${table(1, [`<w:tr>${cell('丙')}</w:tr>`])}</w:sdtContent></w:sdt>`,
        `<w:customXml w:element="x">${p(r('丁'))}</w:customXml>`,
        '<w:sectPr/>',
      ].join(''),
    });
    assert.deepEqual(
      document.blocks.map((b) => (b.kind === 'table' ? grid(b).join('/') : `${b.where.zh} ${b.text}`)),
      ['第 1 段 甲', '第 2 段 乙', '丙', '第 3 段 丁'],
    );
  });
});

describe('tables', () => {
  test('w:gridBefore and w:gridAfter leave empty cells; a short row is filled to the w:tblGrid width; cell paragraphs join with \\n', async () => {
    const document = await read({
      body: table(4, [
        `<w:tr><w:trPr><w:gridBefore w:val="1"/><w:gridAfter w:val="1"/></w:trPr>${cell('a')}${cell('b')}</w:tr>`,
        `<w:tr>${cell(p(r('商业')) + p('') + p(r('企业')))}${cell('c')}</w:tr>`,
        `<w:tr>${cell('d', '<w:gridSpan w:val="4"/>')}</w:tr>`,
      ]),
    });
    const [t] = tables(document);
    assert.deepEqual(
      t.rows.map((row) => row.map((c) => (c.covered ? '·' : c.text))),
      [
        ['', 'a', 'b', ''],
        ['商业\n企业', 'c', '', ''],
        ['d', '·', '·', '·'],
      ],
    );
  });

  test('w:vMerge without a value continues the cell above; with none above it starts one; a tracked-deleted row is left out', async () => {
    const document = await read({
      body: table(2, [
        `<w:tr>${cell('x', '<w:vMerge/>')}${cell('1')}</w:tr>`,
        `<w:tr>${cell(p(''), '<w:vMerge/>')}${cell('2')}</w:tr>`,
        `<w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr>${cell('gone')}${cell('gone')}</w:tr>`,
        `<w:tr>${cell(p(''), '<w:vMerge w:val="continue"/>')}${cell('3')}</w:tr>`,
        `<w:tr>${cell('y', '<w:vMerge w:val="restart"/>')}${cell('4')}</w:tr>`,
      ]),
    });
    assert.deepEqual(grid(tables(document)[0]), ['x | 1', '· | 2', '· | 3', 'y | 4']);
  });

  test('a span past Word’s 63 columns is damage, and does not blow the grid up', async () => {
    const document = await read({ body: table(1, [`<w:tr>${cell('x', '<w:gridSpan w:val="1000000"/>')}</w:tr>`, `<w:tr><w:trPr><w:gridAfter w:val="1000000"/></w:trPr>${cell('y')}</w:tr>`]) });
    assert.deepEqual(
      tables(document)[0].rows.map((row) => row.length),
      [64, 64],
    );
  });

  test('a table nested in a cell is flattened into its text; rows and cells inside content controls are read', async () => {
    const nested = table(2, [`<w:tr>${cell('内')}${cell('表')}</w:tr>`]);
    const document = await read({
      body: table(2, [`<w:sdt><w:sdtContent><w:tr>${cell(p(r('外')) + nested)}<w:sdt><w:sdtContent>${cell('38')}</w:sdtContent></w:sdt></w:tr></w:sdtContent></w:sdt>`]),
    });
    assert.deepEqual(grid(tables(document)[0]), ['外\n内\n表 | 38']);
  });
});

describe('headings', () => {
  const styles = [
    // WPS: numeric ids whose names say heading N.
    '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/></w:style>',
    '<w:style w:type="paragraph" w:styleId="3"><w:name w:val="标题 2"/></w:style>',
    // An outline level on the style, one inherited through w:basedOn, one given up (9 is body text).
    '<w:style w:type="paragraph" w:styleId="a5"><w:name w:val="My Heading"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>',
    '<w:style w:type="paragraph" w:styleId="a6"><w:name w:val="Derived"/><w:basedOn w:val="a5"/></w:style>',
    '<w:style w:type="paragraph" w:styleId="a7"><w:name w:val="heading 3"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>',
    '<w:style w:type="paragraph" w:styleId="a8"><w:name w:val="heading 8"/></w:style>',
    // A cycle of base styles ends.
    '<w:style w:type="paragraph" w:styleId="c1"><w:name w:val="c1"/><w:basedOn w:val="c2"/></w:style>',
    '<w:style w:type="paragraph" w:styleId="c2"><w:name w:val="c2"/><w:basedOn w:val="c1"/></w:style>',
    // The style id alone says nothing: "Heading1" named Normal is not a heading.
    '<w:style w:type="paragraph" w:default="1" w:styleId="Heading1"><w:name w:val="Normal"/></w:style>',
  ].join('');
  const styled = (id: string, text: string) => p(r(text), `<w:pStyle w:val="${id}"/>`);

  test('from the style’s name, its outline level or its base style’s, or the paragraph’s own outline level; never from the style id', async () => {
    const document = await read({
      styles,
      body: [
        styled('2', '示例县2024年政府信息公开工作年度报告'),
        styled('3', '一、总体情况'),
        styled('a5', '（一）主动公开'),
        styled('a6', '（二）依申请公开'),
        styled('a7', '正文'),
        styled('a8', '很深'),
        styled('c1', '循环'),
        styled('Heading1', '默认'),
        p(r('四、政府信息公开行政复议、行政诉讼情况'), '<w:outlineLvl w:val="1"/>'),
        p(r('（三）自有大纲级别'), '<w:pStyle w:val="2"/><w:outlineLvl w:val="2"/>'),
        // Bold Normal text: a heading only by its words, which the draft step reads.
        p('<w:r><w:rPr><w:b/></w:rPr><w:t>五、存在的主要问题及改进情况</w:t></w:r>'),
      ].join(''),
    });
    assert.deepEqual(
      paragraphs(document).map((x) => [x.text, x.heading]),
      [
        ['示例县2024年政府信息公开工作年度报告', 1],
        ['一、总体情况', 2],
        ['（一）主动公开', 3],
        ['（二）依申请公开', 3],
        ['正文', undefined],
        ['很深', undefined],
        ['循环', undefined],
        ['默认', undefined],
        ['四、政府信息公开行政复议、行政诉讼情况', 2],
        ['（三）自有大纲级别', 3],
        ['五、存在的主要问题及改进情况', undefined],
      ],
    );
  });
});

describe('list numbering, as Word shows it', () => {
  const level = (ilvl: number, format: string, text: string, extra = '') =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/><w:suff w:val="nothing"/>${extra}</w:lvl>`;
  const numbering = [
    `<w:abstractNum w:abstractNumId="0">${level(0, 'chineseCounting', '%1、')}${level(1, 'chineseCounting', '（%2）')}${level(2, 'decimal', '%3.')}</w:abstractNum>`,
    `<w:abstractNum w:abstractNumId="1">${level(0, 'bullet', '●')}</w:abstractNum>`,
    `<w:abstractNum w:abstractNumId="2">${level(0, 'ordinalText', '%1')}</w:abstractNum>`,
    `<w:abstractNum w:abstractNumId="3">${level(0, 'decimalEnclosedCircle', '%1')}${level(1, 'upperRoman', '%1.%2', '<w:isLgl/>')}</w:abstractNum>`,
    // Levels tied to heading styles, the first with Word's default tab after its number.
    `<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:pStyle w:val="h1"/></w:lvl>${level(1, 'chineseCounting', '（%2）', '<w:pStyle w:val="h2"/>')}</w:abstractNum>`,
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>',
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>',
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>',
    '<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>',
    '<w:num w:numId="5"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="10"/></w:lvlOverride></w:num>',
    '<w:num w:numId="6"><w:abstractNumId w:val="4"/></w:num>',
  ].join('');
  const item = (numId: number, ilvl: number, text: string) => p(r(text), `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);

  test('Chinese and decimal numbers by level, deeper levels restarting, bullets left out, a start override, a legal-style level', async () => {
    const document = await read({
      numbering,
      body: [
        item(1, 0, '总体情况'),
        item(1, 1, '主动公开'),
        item(1, 1, '依申请公开'),
        item(1, 2, '予以公开'),
        item(1, 0, '主动公开政府信息情况'),
        item(1, 1, '规章'),
        p(r('不编号'), '<w:numPr><w:numId w:val="0"/></w:numPr>'),
        item(2, 0, '要点'),
        item(4, 0, '甲'),
        item(4, 1, '乙'),
        item(5, 0, '第十项'),
      ].join(''),
    });
    assert.deepEqual(texts(document), ['一、总体情况', '（一）主动公开', '（二）依申请公开', '1.予以公开', '二、主动公开政府信息情况', '（一）规章', '不编号', '要点', '①甲', '1.1乙', '十、第十项']);
  });

  test('heading styles tied to list levels number their paragraphs (with Word’s default tab after the number); a format not known is reported, its number not guessed', async () => {
    const headingStyle = (id: string, level: number) =>
      `<w:style w:type="paragraph" w:styleId="${id}"><w:name w:val="heading ${level}"/><w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr></w:style>`;
    const document = await read({
      numbering,
      styles: headingStyle('h1', 1) + headingStyle('h2', 2),
      body: [p(r('总体情况'), '<w:pStyle w:val="h1"/>'), p(r('主动公开'), '<w:pStyle w:val="h2"/>'), p(r('依申请公开'), '<w:pStyle w:val="h2"/>'), p(r('主动公开政府信息情况'), '<w:pStyle w:val="h1"/>'), item(3, 0, 'first')].join(''),
    });
    assert.deepEqual(
      paragraphs(document).map((x) => [x.text, x.heading]),
      [
        ['一、\t总体情况', 1],
        ['（一）主动公开', 2],
        ['（二）依申请公开', 2],
        ['二、\t主动公开政府信息情况', 1],
        ['first', undefined],
      ],
    );
    assert.equal(document.problems.length, 1);
    assert.deepEqual(document.problems[0].where, { zh: '第 5 段', en: 'paragraph 5' });
    assert.match(document.problems[0].message.zh, /自动编号.*ordinalText/);
  });
});

describe('pictures, embedded objects and text boxes', () => {
  const textBox = (text: string) =>
    `<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:txbx><w:txbxContent>${p(r(text))}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>${p(r(text))}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
  const OBJECT = '<w:r><w:object><v:shape><v:imagedata r:id="rId5" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></v:shape><o:OLEObject ProgID="Excel.Sheet.12"/></w:object></w:r>';

  test('a paragraph or a cell holding only a picture or an object is reported at its place, never guessed', async () => {
    const document = await read({
      body: [p(r('正文')), p(PICTURE), p(r('盖章') + PICTURE), table(2, [`<w:tr>${cell(p(PICTURE))}${cell(p(OBJECT))}</w:tr>`]), '<w:altChunk r:id="rId7" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/>'].join(''),
    });
    assert.deepEqual(texts(document), ['正文', '盖章']);
    assert.deepEqual(grid(tables(document)[0]), [' | ']);
    assert.deepEqual(
      document.problems.map((x) => [x.where.zh, x.message.zh.slice(0, 9)]),
      [
        ['第 2 段', '这里只有图片或图形'],
        ['第 1 个表格第 1 行第 1 列', '这里只有图片或图形'],
        ['第 1 个表格第 1 行第 2 列', '这里只有嵌入的对象'],
        ['第 4 段', '这里嵌入了另一个文'],
      ],
    );
  });

  test('a text box’s text is read once (its VML fallback, not both branches), on its own line', async () => {
    const document = await read({ body: [p(textBox('38')), p(r('见右') + textBox('附注') + r('。')), table(1, [`<w:tr>${cell(p(textBox('47')))}</w:tr>`])].join('') });
    assert.deepEqual(texts(document), ['38', '见右\n附注\n。']);
    assert.deepEqual(grid(tables(document)[0]), ['47']);
    assert.deepEqual(document.problems, []);
  });
});

describe('packages as other tools write them', () => {
  test('the strict OOXML namespace; the main part found through the package relationships, names in any case', async () => {
    const strict = 'http://purl.oclc.org/ooxml/wordprocessingml/main';
    const bytes = zipSync({
      '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
      '_rels/.rels': strToU8(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/Word/Main.xml"/></Relationships>',
      ),
      'word/main.xml': strToU8(`<?xml version="1.0"?><x:document xmlns:x="${strict}"><x:body><x:p><x:pPr><x:pStyle x:val="T"/></x:pPr><x:r><x:t>一、总体情况</x:t></x:r></x:p></x:body></x:document>`),
      'word/_rels/main.xml.rels': strToU8(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/styles" Target="s.xml"/></Relationships>',
      ),
      'word/s.xml': strToU8(`<?xml version="1.0"?><x:styles xmlns:x="${strict}"><x:style x:type="paragraph" x:styleId="T"><x:name x:val="heading 2"/></x:style></x:styles>`),
    });
    assert.deepEqual(
      paragraphs(readDocx(bytes)).map((x) => [x.text, x.heading]),
      [['一、总体情况', 2]],
    );
  });
});

// ---------------------------------------------------------------------------
// Files that cannot be imported
// ---------------------------------------------------------------------------

const refusal = (bytes: Uint8Array): ImportError => {
  try {
    readDocx(bytes);
  } catch (error) {
    assert.ok(error instanceof ImportError, `not an ImportError: ${error}`);
    assert.ok(error.words.zh && error.words.en);
    return error;
  }
  assert.fail('imported');
};

/** A zip's central directory entry for a part, with the uncompressed size it declares replaced. */
function declaring(bytes: Uint8Array, part: string, size: number): Uint8Array {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  const name = strToU8(part);
  for (let at = 0; at + 46 < copy.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    if (view.getUint16(at + 28, true) === name.length && name.every((b, i) => copy[at + 46 + i] === b)) {
      view.setUint32(at + 24, size, true);
      return copy;
    }
  }
  throw new Error(`no ${part}`);
}

describe('files that cannot be imported, each refused for its reason in words a clerk understands', () => {
  test('an old binary .doc: save it as .docx', async () => {
    const error = refusal(await legacyDoc());
    assert.equal(error.reason, 'legacy-doc');
    assert.match(error.words.zh, /另存为.*\.docx/);
    assert.equal(refusal(strToU8('{\\rtf1\\ansi 示例}')).reason, 'legacy-doc');
  });

  test('a password-protected .docx: remove the password', async () => {
    const error = refusal(await encryptedDocx());
    assert.equal(error.reason, 'encrypted');
    assert.match(error.words.zh, /密码/);
  });

  test('a zip that is no Word document: an .xlsx, a random archive; a file that is no zip at all', async () => {
    assert.equal(refusal(await xlsxLike()).reason, 'unsupported');
    assert.equal(refusal(zipSync({ 'readme.txt': strToU8('hello') })).reason, 'unsupported');
    assert.equal(refusal(strToU8('%PDF-1.7 …')).reason, 'unsupported');
    assert.equal(refusal(new Uint8Array()).reason, 'unsupported');
  });

  test('a damaged zip, a truncated file, malformed XML, a size that lies: damaged, never half-read', async () => {
    assert.equal(refusal(await corruptZip()).reason, 'corrupt');
    assert.equal(refusal(await truncatedDocx()).reason, 'corrupt');
    assert.equal(refusal(await docxFromXml({ body: '<w:p><w:r><w:t>一、总体情况</w:t></w:r>' })).reason, 'corrupt');
    assert.equal(refusal(await docxFromXml({ body: '<w:p><w:r><w:t a=1>x</w:t></w:r></w:p>' })).reason, 'corrupt');
    assert.equal(refusal(await docxFromXml({ styles: '<w:style>' })).reason, 'corrupt');
    const good = await docxFromXml({ body: p(r('一、总体情况')) });
    const size = unzipSync(good)['word/document.xml'].length;
    // Declared smaller than it inflates: cut at the declaration, the XML breaks.
    assert.equal(refusal(declaring(good, 'word/document.xml', size - 10)).reason, 'corrupt');
    // Declared larger: the inflated part falls short.
    assert.equal(refusal(declaring(good, 'word/document.xml', size + 10)).reason, 'corrupt');
  });

  test('a zip bomb is stopped by the sizes its entries declare, before inflating', async () => {
    const bomb = await zipBomb();
    assert.ok(bomb.length < 2 * 1024 * 1024, `the fixture is ${bomb.length} bytes`);
    const error = refusal(bomb);
    assert.equal(error.reason, 'too-large');
    assert.match(error.words.zh, /MB/);
    // A bomb that hides its size is cut at what it declares.
    assert.equal(refusal(declaring(bomb, 'word/document.xml', 1000)).reason, 'corrupt');
  });
});
