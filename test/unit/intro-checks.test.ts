/**
 * What reviewers read in the introduction and find repeated in the text:
 * basis-citation, section-count-claim and duplicate-text, on sentences from
 * the seeds and sentences written as clerks write them, including those that
 * must not fire.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { analyze, applyFix, example, ORIGINALS } from '../helpers';

const CLEAN = example('clean-2024.md');
const found = (text: string, code: string) => analyze(text).findings.filter((f) => f.code === code);
/** clean-2024's introduction: its basis sentence, the parts, the period, where to read it. */
const CLEAN_BASIS =
  '本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（国办公开办函〔2021〕30号）要求编制。';
const withBasis = (sentence: string, text = CLEAN) => {
  assert.ok(text.includes(CLEAN_BASIS));
  return text.replace(CLEAN_BASIS, sentence);
};
/** clean-2024 as a report for another year: title, period, prose years and the issue date. */
const asYear = (year: number, text = CLEAN) => text.replace(/2024年/g, `${year}年`).replace('2025年1月20日', `${year + 1}年1月20日`);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));
/** Every draft and real report the project keeps: none may get these findings, but for the faults FINDINGS.md lists. */
const ALL = [
  ...['clean-2024.md', 'seed-000.md', 'seed-001.md', 'seed-002.md', 'seed-004.md'].map((name) => [name, example(name)] as const),
  ...Object.entries(ORIGINALS)
    .filter(([name]) => name !== 'seed-003')
    .map(([name, path]) => [name, readFileSync(path, 'utf8')] as const),
];

describe('basis-citation', () => {
  // As a 2024 township report wrote it: the 2019 notice, by number, as the format basis.
  const OLD_BASIS =
    '本报告根据《中华人民共和国政府信息公开条例》和《国务院办公厅政府信息与政务公开办公室关于政府信息公开工作年度报告有关事项的通知》（国办公开办函〔2019〕60号）要求编制。';

  test('a 2024 report citing 国办公开办函〔2019〕60号: a warning on the number, and a fix that writes 〔2021〕30号 over it', () => {
    const text = withBasis(OLD_BASIS);
    const [f] = found(text, 'basis-citation');
    assert.equal(f.severity, 'warning');
    assert.equal(f.message.zh, '引言以国办公开办函〔2019〕60号（2019、2020 年度使用的试行格式）为依据；2024年度报告应依据国办公开办函〔2021〕30号编制');
    const line = lineOf(text, '〔2019〕60号');
    assert.deepEqual(f.range, { start: { line, character: text.split('\n')[line].indexOf('〔2019〕') }, end: { line, character: text.split('\n')[line].indexOf('60号') + 3 } });
    assert.equal(f.fixes?.[0].title.zh, '改为“〔2021〕30号”');
    const fixed = applyFix(text, f.fixes![0]);
    assert.equal(fixed, text.replace('〔2019〕60号', '〔2021〕30号'));
    assert.deepEqual(found(fixed, 'basis-citation'), []);
  });

  test('the brackets and spaces clerks type: [2019]60 号, （2019）60号; the fix replaces the number whole', () => {
    for (const written of ['国办公开办函[2019]60 号', '国办公开办函（2019）60号', '国办公开办函〔2019〕 60 号']) {
      const text = withBasis(OLD_BASIS.replace('国办公开办函〔2019〕60号', written));
      const [f] = found(text, 'basis-citation');
      assert.ok(f, written);
      assert.equal(applyFix(text, f.fixes![0]), text.replace(written.slice('国办公开办函'.length), '〔2021〕30号'), written);
    }
  });

  test('cited beside 〔2021〕30号: the old number is to be removed, no fix', () => {
    const text = withBasis(CLEAN_BASIS.replace('（国办公开办函〔2021〕30号）', '（国办公开办函〔2021〕30号）和国办公开办函〔2019〕60号'));
    const [f] = found(text, 'basis-citation');
    assert.equal(f.messageId, 'alongside');
    assert.equal(f.fixes, undefined);
  });

  test('2019 and 2020 reports rightly cite 〔2019〕60号', () => {
    for (const year of [2019, 2020]) assert.deepEqual(found(asYear(year, withBasis(OLD_BASIS)), 'basis-citation'), [], String(year));
    assert.equal(found(asYear(2021, withBasis(OLD_BASIS)), 'basis-citation').length, 1);
  });

  test('〔2019〕60号 outside the introduction is not the basis', () => {
    const six = CLEAN.replace('本年度无其他需要报告的事项。', '2019年起本机关按照国办公开办函〔2019〕60号要求编制年度报告，2021年起按新格式编制。本年度无其他需要报告的事项。');
    assert.notEqual(six, CLEAN);
    assert.deepEqual(found(six, 'basis-citation'), []);
  });

  test('an introduction naming no basis: information on its first line; the 条例 alone, or the notice by its title, is a basis', () => {
    const text = withBasis('本报告由示例县人民政府办公室编制。');
    const [f] = found(text, 'basis-citation');
    assert.equal(f.severity, 'information');
    assert.equal(f.message.zh, '引言没有写明报告的编制依据：应写明根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号编制');
    assert.equal(f.range.start.line, lineOf(text, '本报告由示例县'));
    // seed-002: the 条例 only; seed-000: the notice by its title, without its number.
    assert.deepEqual(found(withBasis('根据《中华人民共和国政府信息公开条例》(以下简称《条例》)规定编制本报告。'), 'basis-citation'), []);
    assert.deepEqual(found(withBasis('本年度报告根据《中华人民共和国政府信息公开条例》和《关于印发中华人民共和国政府信息公开工作年度报告格式的通知》要求编制而成。'), 'basis-citation'), []);
  });

  test('seed-003 has no introduction, and the first paragraph of 一 cites only a county notice', () => {
    for (const text of [example('seed-003.md'), readFileSync(ORIGINALS['seed-003'], 'utf8')]) {
      const [f] = found(text, 'basis-citation');
      assert.equal(f.messageId, 'noneInOverview');
      assert.equal(f.severity, 'information');
      assert.equal(f.range.start.line, lineOf(text, '根据《河曲县人民政府办公室'));
    }
  });

  test('no other example or real report gets it', () => {
    for (const [name, text] of ALL) assert.deepEqual(found(text, 'basis-citation'), [], name);
  });
});

describe('section-count-claim', () => {
  const SEED = example('seed-000.md');
  /** seed-000's own sentence: the six parts listed, 共计六部分. */
  const PARTS =
    '全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、因政府信息公开工作被申请行政复议和提起行政诉讼情况、政府信息公开工作存在的主要问题及改进情况、其他需要报告的事项共计六部分。';
  const CLEAN_PARTS = '全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。';
  const withParts = (sentence: string) => {
    assert.ok(CLEAN.includes(CLEAN_PARTS));
    return CLEAN.replace(CLEAN_PARTS, sentence);
  };
  const at = (text: string, needle: string, offset: number) => {
    const line = lineOf(text, needle);
    return { line, character: text.split('\n')[line].indexOf(needle) + offset };
  };

  test('seed-000 lists its six parts and says 共计六部分: nothing', () => {
    assert.ok(SEED.includes(PARTS));
    assert.deepEqual(found(SEED, 'section-count-claim'), []);
  });

  test('“7个部分” with six listed: the number, the counts, and a fix to 6', () => {
    const text = withParts(CLEAN_PARTS.replace('其他需要报告的事项。', '其他需要报告的事项等7个部分。'));
    const [f] = found(text, 'section-count-claim');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, { start: at(text, '7个部分', 0), end: at(text, '7个部分', 1) });
    assert.equal(
      f.message.zh,
      '引言说全文共“7个部分”，但列举的是 6 个部分（“总体情况”、“主动公开政府信息情况”、“收到和处理政府信息公开申请情况”、“政府信息公开行政复议、行政诉讼情况”、“存在的主要问题及改进情况”、“其他需要报告的事项”）；报告正文有 6 个部分',
    );
    assert.deepEqual(f.data, { stated: 7, listed: 6, actual: 6 });
    assert.equal(f.fixes?.[0].title.zh, '改为“6个部分”');
    const fixed = applyFix(text, f.fixes![0]);
    assert.equal(fixed, text.replace('7个部分', '6个部分'));
    assert.deepEqual(found(fixed, 'section-count-claim'), []);
  });

  test('“共计六部分” listing five: the part left out is named, no fix (the list or the number may be wrong)', () => {
    const text = SEED.replace(PARTS, PARTS.replace('主动公开政府信息情况、', ''));
    const [f] = found(text, 'section-count-claim');
    assert.equal(f.message.zh, '引言说全文共“六部分”，但只列举了 5 个部分，没有列出“主动公开政府信息情况”；报告正文有 6 个部分');
    assert.equal(f.fixes, undefined);
    assert.deepEqual(f.range.start, at(text, '共计六部分', 2));
  });

  test('no list: the stated count against the report’s sections, a fix when the report has the six', () => {
    const text = withParts('本报告共七个部分。');
    const [f] = found(text, 'section-count-claim');
    assert.equal(f.messageId, 'actual');
    assert.equal(f.related?.length, 6);
    assert.equal(applyFix(text, f.fixes![0]), text.replace('七个部分', '六个部分'));
  });

  test('共六部分 in a report that lacks a section is missing-section’s, not this check’s', () => {
    const text = SEED.replace(/\n## 五、[^]*?(?=\n## 六、)/, '\n');
    assert.ok(analyze(text).findings.some((f) => f.code === 'missing-section'));
    assert.deepEqual(found(text, 'section-count-claim'), []);
  });

  test('not a count of parts: 第一部分, 第五个部分, 一部分, percentages; two parts named are no list; nor a count outside the introduction', () => {
    for (const sentence of [
      '全文分为六个部分，第一部分为总体情况，第五个部分为存在的主要问题及改进情况。',
      '全文共六部分，包括总体情况、其他需要报告的事项等。',
      '内容包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等6部分。',
      '本报告由总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议及行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六部分组成。',
      '全年收到的申请中有一部分予以公开，予以公开19件、部分公开5件，占比51.1%。',
      '本报告所列数据的统计期限为2024年1月1日至2024年12月31日，联系电话：0517-87290606。',
    ])
      assert.deepEqual(found(withParts(sentence), 'section-count-claim'), [], sentence);
    const later = CLEAN.replace('（三）政府信息管理。', '（三）政府信息管理。门户网站信息公开专栏分为五个部分。');
    assert.notEqual(later, CLEAN);
    assert.deepEqual(found(later, 'section-count-claim'), []);
  });

  test('no example or real report gets it', () => {
    for (const [name, text] of [...ALL, ['seed-003.md', example('seed-003.md')] as const]) assert.deepEqual(found(text, 'section-count-claim'), [], name);
  });
});

describe('duplicate-text', () => {
  const SEED = example('seed-000.md');
  /** seed-000's enumeration in its section 一 (line 11): 一是 … 五是. */
  const ITEMS = ['一是继续深化集中主动公开工作', '二是加大主动公开力度', '三是不断加强政策公开解读', '四是加强涉企信息公开', '五是不断强化重点领域公开'];
  const INTRO = CLEAN.split('\n')[2];
  const intoOverview = (paragraph: string, text = CLEAN) => text.replace('## 一、总体情况\n\n', `## 一、总体情况\n\n${paragraph}\n\n`);
  const rangeOfText = (text: string, needle: string, occurrence: number) => {
    const lines = text.split('\n');
    const line = lines.map((l, i) => (l.includes(needle) ? i : -1)).filter((i) => i >= 0)[occurrence];
    const character = lines[line].indexOf(needle);
    return { start: { line, character }, end: { line, character: character + needle.length } };
  };

  test('the introduction again as the first paragraph of 一: on the second, the first as related information', () => {
    const text = intoOverview(INTRO);
    const [f] = found(text, 'duplicate-text');
    assert.equal(f.severity, 'information');
    assert.equal(f.message.zh, `本段与引言的一段逐字相同（${INTRO.replace(/。$/, '').length} 字）：删去重复的一段，或改写`);
    assert.deepEqual(f.range, rangeOfText(text, INTRO.replace(/。$/, ''), 1));
    assert.deepEqual(f.related?.map((r) => r.range), [rangeOfText(text, INTRO.replace(/。$/, ''), 0)]);
    assert.equal(f.fixes, undefined);
  });

  test('a paragraph of 五 pasted twice is named by its section; a line broken inside a sentence (as in a PDF) and spaces do not hide it', () => {
    const plan = CLEAN.split('\n').find((l) => l.startsWith('下一步，将从以下方面加以改进'))!;
    const text = CLEAN.replace(`${plan}\n`, `${plan}\n\n${plan.replace('编制依申请', '编制依\n申请').replace('三是', '三是 ')}\n`);
    const f = found(text, 'duplicate-text').filter((x) => x.messageId === 'paragraph');
    assert.equal(f.length, 1);
    assert.match(f[0].message.zh, /^本段与“五、存在的主要问题及改进情况”的一段逐字相同/);
  });

  test('short paragraphs, 无, the same sentence inside different paragraphs: nothing', () => {
    const six = CLEAN.replace('本年度未收取信息处理费。本年度无其他需要报告的事项。', '本年度未收取信息处理费。\n\n无\n\n本年度无其他需要报告的事项。\n\n本年度无其他需要报告的事项。\n\n无');
    assert.notEqual(six, CLEAN);
    assert.deepEqual(found(six, 'duplicate-text'), []);
    // A sentence of the introduction repeated in 一 within a longer paragraph is not a repeated paragraph.
    const sentence = '本报告所列数据的统计期限为2024年1月1日至2024年12月31日。';
    assert.ok(INTRO.includes(sentence));
    assert.deepEqual(found(intoOverview(`${sentence}全年各项工作有序推进。`), 'duplicate-text'), []);
  });

  test('一是…三是…三是: the second 三是, which would be 四是; the items after it follow on', () => {
    const text = SEED.replace('四是加强涉企信息公开', '三是加强涉企信息公开');
    const all = found(text, 'duplicate-text');
    assert.equal(all.length, 1, '五是 follows the repeated 三是, standing for 四是');
    const [f] = all;
    assert.equal(f.message.zh, '列举中“三是”出现了两次：这一项应为“四是”');
    const { start } = rangeOfText(text, '三是加强涉企', 0);
    assert.deepEqual(f.range, { start, end: { line: start.line, character: start.character + 2 } });
    const earlier = rangeOfText(text, ITEMS[2], 0).start;
    assert.deepEqual(f.related?.[0].range.start, earlier);
    assert.equal(f.related?.[0].message.zh, '前面的“三是”');
  });

  test('一是…三是: the skip, with the item before it', () => {
    const text = SEED.replace(`；${ITEMS[1]}`, '；加大主动公开力度');
    const [f] = found(text, 'duplicate-text');
    assert.equal(f.message.zh, '列举从“一是”跳到了“三是”，缺少“二是”');
    assert.deepEqual(f.range.start, rangeOfText(text, ITEMS[2], 0).start);
    assert.deepEqual(f.related?.[0].range.start, rangeOfText(text, ITEMS[0], 0).start);
  });

  test('one item a paragraph: the enumeration goes on from paragraph to paragraph', () => {
    const items = '一是丰富解读形式，推行政策文件与解读材料同步起草。\n\n二是编制依申请公开答复文书范本，提高答复质量。\n\n二是建立基层政务公开目录季度更新机制。';
    const text = CLEAN.replace(/下一步，将从以下方面加以改进：[^\n]*/, `下一步，将从以下方面加以改进：\n\n${items}`);
    const f = found(text, 'duplicate-text');
    assert.deepEqual(f.map((x) => [x.messageId, x.data?.ordinal, x.data?.expected]), [['repeated', 2, 3]]);
  });

  test('not enumerations this check follows: two lists in 五, 统一是 / 第三是 / 唯一是, an item with no 一是 before it, a new paragraph', () => {
    // clean-2024's 五: 一是…三是 in each of two paragraphs; seed-000's five lists.
    assert.deepEqual(found(CLEAN, 'duplicate-text'), []);
    assert.deepEqual(found(SEED, 'duplicate-text'), []);
    const words = CLEAN.replace('本年度工作仍存在以下不足：', '本年度工作仍存在以下不足：做到标准统一是前提，全市排名第三是成绩，唯一是目标；');
    assert.notEqual(words, CLEAN);
    assert.deepEqual(found(words, 'duplicate-text'), []);
    // A paragraph that does not open with an item starts afresh: its 四是 follows no 一是 of its own.
    const fresh = CLEAN.replace('## 六、其他需要报告的事项\n\n', '## 六、其他需要报告的事项\n\n一是按时公开年报；二是接受社会监督。\n\n另外，四是本年度新增的专栏数量。\n\n');
    assert.deepEqual(found(fresh, 'duplicate-text'), []);
  });

  test('no example or real report gets it', () => {
    for (const [name, text] of [...ALL, ['seed-003.md', example('seed-003.md')] as const]) assert.deepEqual(found(text, 'duplicate-text'), [], name);
  });
});

test('each is silenced as its docs say: a disable comment above the line, or "off" in the rules', () => {
  const text = withBasis('本报告根据《条例》和国办公开办函〔2019〕60号编制，全文共七个部分。').replace('## 一、总体情况\n\n', '## 一、总体情况\n\n一是丰富解读形式，推行政策同步解读；三是规范答复文书。\n\n');
  const codes = ['basis-citation', 'section-count-claim', 'duplicate-text'];
  assert.deepEqual(codes.map((code) => found(text, code).length), [1, 1, 1]);
  const line = lineOf(text, '全文共七个部分');
  const lines = text.split('\n');
  lines.splice(line, 0, '<!-- nianbao-disable-next-line basis-citation, section-count-claim -->');
  assert.deepEqual(codes.map((code) => found(lines.join('\n'), code).length), [0, 0, 1]);
  const off = analyze(text, { check: { rules: Object.fromEntries(codes.map((code) => [code, { severity: 'off' as const }])) } });
  assert.deepEqual(off.findings.filter((f) => codes.includes(f.code)), []);
});
