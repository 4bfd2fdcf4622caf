/**
 * 雷同 across a reviewer's folder (server/src/review/similarity.ts): real
 * reports (the examples, the seeds as drafts, the cross-file drafts), and
 * copies made as a clerk copies a neighbour's report — the unit's name
 * replaced, the figures retyped. What must not count: the format's standard
 * sentences, two real units that share only those, the area's boilerplate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { serialize } from 'node:v8';
import { join } from 'node:path';
import { example, ORIGINALS, ROOT, setCell } from '../helpers';
import { parseReport, type Range, type Report } from '../../server/src/index';
import { comparableSentences, sentenceKey, unitForms } from '../../server/src/parse/sentence-keys';
import { BOILERPLATE_MIN_UNITS } from '../../server/src/parse/sentence-keys';
import { BOILERPLATE_MAX_UNITS, BOILERPLATE_SHARE, MIN_PAIR_SENTENCES, readSentences, similarity, SIMILAR_SHARE, type ReportInput } from '../../server/src/review/similarity';

const draft = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'drafts', 'cross', name), 'utf8');
const input = (uri: string, text: string): ReportInput => ({ uri, report: parseReport(text) });
const covered = (report: Report, range: Range) => report.text.slice(report.offsetAt(range.start), report.offsetAt(range.end));

const clean = example('clean-2024.md');
/** clean-2024.md copied by 邻县教育局: its name and area put in, four figures retyped (prose and table alike). */
const neighbour = setCell(
  clean.replaceAll('示例县人民政府办公室', '邻县教育局').replaceAll('示例县', '邻县').replace('共收到政府信息公开申请47件', '共收到政府信息公开申请52件').replace('行政处罚决定567件', '行政处罚决定89件'),
  '一、本年新收',
  -1,
  '52',
);
const SEEDS = ['seed-000.md', 'seed-001.md', 'seed-002.md', 'seed-003.md', 'seed-004.md'];
const seeds = () => SEEDS.map((name) => input(name, example(name)));

test('the names a unit goes by: full name, 政府 for 人民政府, the organ with and without its area word; the area apart', () => {
  assert.deepEqual(unitForms('示例县人民政府办公室'), {
    unit: ['示例县人民政府办公室', '示例县政府办公室', '人民政府办公室', '县人民政府办公室', '政府办公室', '县政府办公室'],
    area: ['示例县'],
  });
  // 市 of 市场 is not an area.
  assert.deepEqual(unitForms('示例县市场监督管理局'), { unit: ['示例县市场监督管理局', '市场监督管理局', '县市场监督管理局'], area: ['示例县'] });
  // A government is its area: its short form is the area's name.
  assert.deepEqual(unitForms('淮安市洪泽区人民政府'), { unit: ['淮安市洪泽区人民政府', '淮安市洪泽区政府'], area: ['淮安市洪泽区', '淮安市', '洪泽区'] });
  assert.deepEqual(unitForms('交城县'), { unit: [], area: ['交城县'] });
  // A township: 旧县镇 in its own text.
  assert.ok(unitForms('平武县旧县镇人民政府').unit.includes('旧县镇'));
});

test('a key: the unit, its area, 本机关 and every number (years, dates, counts) are placeholders', () => {
  const forms = unitForms('示例县人民政府办公室');
  assert.equal(
    sentenceKey('2024年，示例县人民政府办公室坚持以习近平新时代中国特色社会主义思想为指导', forms),
    '#年，〈单位〉坚持以习近平新时代中国特色社会主义思想为指导',
  );
  assert.equal(sentenceKey('全年本机关制发行政规范性文件3件，废止1件', forms), '全年〈本〉制发行政规范性文件#件，废止#件');
  // The same sentence of another unit, other figures: the same key.
  assert.equal(sentenceKey('全年我局制发行政规范性文件12件，废止0件', unitForms('邻县教育局')), '全年〈本〉制发行政规范性文件#件，废止#件');
  assert.equal(sentenceKey('由县政府办公室牵头，示例县各部门按二〇二四年要点推进', forms), '由〈单位〉牵头，〈地〉各部门按#年要点推进');
});

test('sentences compared: the six sections only, not the short ones, not the standard statements of the format', () => {
  const text = clean.replace('## 六、其他需要报告的事项\n', '## 六、其他需要报告的事项\n\n本报告根据《中华人民共和国政府信息公开条例》要求编制，统计期限为2024年1月1日至2024年12月31日。\n');
  const keys = comparableSentences(parseReport(text)).map((k) => k.key);
  // The introduction (front matter) is not compared, nor its sentences when they stand in a section.
  assert.ok(!keys.some((k) => /本报告|统计期限|电子版/.test(k)), keys.join('\n'));
  // 本年度未收取信息处理费 (section 六), 所有申请均在法定期限内答复 (11 characters): not compared.
  assert.ok(!keys.some((k) => /信息处理费|所有申请均在法定期限内答复/.test(k)), keys.join('\n'));
  assert.ok(keys.includes('严格落实公文公开属性源头认定和保密审查机制，对拟公开信息坚持“先审后发”，全年未发生失泄密事件'));
  assert.equal(keys.length, 16);
});

test('a neighbour’s report copied with its name and figures changed: 雷同 both ways, the pair and its passages in both files', () => {
  const set = [input('file:///a/示例县人民政府办公室.md', clean), input('file:///a/邻县教育局.md', neighbour), ...seeds()];
  const result = similarity(set);
  const [a, b] = result.reports;
  assert.equal(a.sentences, 16);
  assert.deepEqual(a.others, { sentences: 16, share: 1, closest: { uri: 'file:///a/邻县教育局.md', unit: '邻县教育局', year: 2024, sentences: 16 } });
  assert.equal(b.others.closest?.unit, '示例县人民政府办公室');
  assert.equal(a.lastYear, undefined);
  assert.equal(a.messages.length, 1);
  assert.equal(
    a.messages[0].zh,
    '本报告有 100% 的语句（16/16 句）与其他单位的报告相同（单位名称、年份和数字不计），与“邻县教育局”相同的最多（16 句）；请按本单位本年度的实际情况改写',
  );
  assert.match(a.messages[0].en, /^100% of this report’s sentences \(16 of 16\).*“邻县教育局”/);
  // The five real reports share nothing with them nor with each other.
  for (const row of result.reports.slice(2)) assert.deepEqual([row.uri, row.others.sentences, row.messages], [row.uri, 0, []]);

  assert.equal(result.pairs.length, 1);
  const pair = result.pairs[0];
  assert.deepEqual([pair.kind, pair.a, pair.b, pair.sentences], ['other-unit', 'file:///a/示例县人民政府办公室.md', 'file:///a/邻县教育局.md', 16]);
  assert.equal(pair.message.zh, '“示例县人民政府办公室”与“邻县教育局”的报告有 16 句相同（单位名称、年份和数字不计）');
  // One passage per paragraph copied (nine paragraphs of prose in the six sections).
  assert.equal(pair.passages.length, 9);
  const [first, second] = pair.passages;
  assert.equal(covered(set[0].report, first.a), '2024年，示例县人民政府办公室坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，围绕县委、县政府中心工作和群众关切，持续深化政务公开，提升公开质量和实效');
  assert.equal(covered(set[1].report, first.b), '2024年，邻县教育局坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《条例》，围绕县委、县政府中心工作和群众关切，持续深化政务公开，提升公开质量和实效');
  // Two sentences of one paragraph make one passage; the retyped figure is in it.
  assert.equal(second.sentences, 2);
  assert.match(covered(set[1].report, second.b), /^全年本机关制发.*行政处罚决定89件、行政强制决定12件$/);
  assert.equal(first.message.zh, '这段文字与“邻县教育局”2024 年报告中的一段相同（单位名称、年份和数字不计）');
});

test('real reports of different units share only the standard sentences: nothing is reported', () => {
  const result = similarity(seeds());
  for (const row of result.reports) {
    assert.ok(row.sentences > 20, `${row.uri}: ${row.sentences}`);
    assert.equal(row.others.sentences, 0, row.uri);
    assert.deepEqual(row.messages, []);
  }
  assert.deepEqual(result.pairs, []);
  // Every one of them has the standard statements (本报告根据…, 统计期限…): none is even compared.
  assert.equal(result.comparisons, 0);
});

test('the eight real texts as published: no unit shares with another; 洪泽区 2024 keeps one sentence of its 2023 report', () => {
  const set = Object.entries(ORIGINALS).map(([name, path]) => input(name, readFileSync(path, 'utf8')));
  const result = similarity(set);
  for (const row of result.reports) assert.equal(row.others.sentences, 0, row.uri);
  const hongze = result.reports.find((r) => r.uri === 'pdf-003')!;
  assert.deepEqual([hongze.unit, hongze.year], ['淮安市洪泽区人民政府', 2024]);
  assert.deepEqual(hongze.lastYear, { uri: 'pdf-002', unit: '洪泽区人民政府', year: 2023, sentences: 1, share: 1 / 16 });
  assert.deepEqual(result.reports.map((r) => r.messages), set.map(() => []));
  // One sentence is no pair.
  assert.deepEqual(result.pairs, []);
  // The fee statement both make (2024年，区政府严格落实《…信息处理费管理办法》，全年收取政府信息公开信息处理费0元) is the format's: not compared.
  const hongzeText = set.find((r) => r.uri === 'pdf-003')!;
  assert.match(hongzeText.report.text.replace(/\s/g, ''), /全年收取政府信息公开信息处理费0元/);
  assert.ok(!readSentences(hongzeText).sentences.some((s) => s.text.includes('信息处理费')));
});

test('one paragraph copied from a neighbour: a low share, no 雷同 message, but the pair and the passage marked', () => {
  const copied = '本年度工作仍存在以下不足：一是部分政策解读形式较为单一，图解、视频等解读产品偏少；二是依申请公开答复文书的规范性有待提升，个别答复对法律依据的援引不够准确；三是基层政务公开标准目录更新不够及时。';
  const seed = example('seed-002.md');
  const withParagraph = seed.replace('## 五、', `${copied}\n\n## 五、`);
  assert.notEqual(withParagraph, seed);
  const set = [input('clean.md', clean), input('seed-002.md', withParagraph)];
  const [, row] = similarity(set).reports;
  assert.equal(row.others.sentences, 3);
  assert.ok(row.others.share < SIMILAR_SHARE);
  assert.deepEqual(row.messages, []);
  const [pair] = similarity(set).pairs;
  assert.equal(pair.passages.length, 1);
  assert.equal(covered(set[1].report, pair.passages[0].b), copied.slice(0, -1));
  assert.equal(pair.passages[0].sentences, 3);
});

test('last year’s report of the same unit is reported apart from other units’ reports', () => {
  const set = [input('this-2024.md', draft('this-2024.md')), input('last-2023.md', draft('last-2023.md')), input('neighbour.md', neighbour)];
  const result = similarity(set);
  const [thisYear, lastYear] = result.reports;
  assert.equal(thisYear.lastYear?.uri, 'last-2023.md');
  assert.equal(thisYear.lastYear?.year, 2023);
  assert.ok(thisYear.lastYear!.sentences >= 5, `${thisYear.lastYear!.sentences}`);
  // Last year's report has no last year here; this year's is not its "last year".
  assert.equal(lastYear.lastYear, undefined);
  const lastPair = result.pairs.find((p) => p.kind === 'last-year')!;
  assert.deepEqual([lastPair.a, lastPair.b], ['this-2024.md', 'last-2023.md']);
  assert.match(lastPair.message.zh, /^“示例县人民政府办公室”2024 年报告有 \d+ 句与上年报告相同/);
  // The same unit's two years never count as "another unit".
  assert.ok(!result.pairs.some((p) => p.kind === 'other-unit' && p.a === 'this-2024.md' && p.b === 'last-2023.md'));
  // The neighbour's copy of clean-2024 (this-2024's text too) is another unit's.
  assert.equal(thisYear.others.closest?.uri, 'neighbour.md');
  const message = thisYear.messages.find((m) => m.zh.includes('上年'));
  if (thisYear.lastYear!.share >= SIMILAR_SHARE) assert.match(message!.zh, /与本单位上年（2023 年）报告相同/);
});

/** A line put into section 一 of a report, as a county office's template hands it out. */
const withLine = (text: string, line: string) => text.replace(/(## 一、总体情况\s*\n)/, `$1\n${line}\n`);

test('a sentence in many units’ reports is the area’s boilerplate: never shared; in fewer units, it is', () => {
  const template = '按照县政务公开领导小组统一部署，全面梳理政务公开事项标准目录，并在政府门户网站集中发布。';
  const units = [input('clean.md', clean), ...seeds()];
  const all = similarity(units.map((u) => input(u.uri, withLine(u.report.text, template))));
  assert.equal(units.length, BOILERPLATE_MIN_UNITS + 1);
  assert.ok(BOILERPLATE_SHARE * units.length < BOILERPLATE_MIN_UNITS, 'in a small set the floor of units decides');
  assert.deepEqual(all.boilerplate, [{ text: '按照县政务公开领导小组统一部署，全面梳理政务公开事项标准目录，并在政府门户网站集中发布', units: 6 }]);
  for (const row of all.reports) {
    assert.equal(row.boilerplate, 1, row.uri);
    assert.equal(row.others.sentences, 0, row.uri);
  }
  assert.deepEqual(all.pairs, []);

  // In 4 units of 6 (below the threshold of 5): shared, one sentence each, no pair (2 sentences make one).
  const some = similarity(units.map((u, i) => input(u.uri, i < 4 ? withLine(u.report.text, template) : u.report.text)));
  assert.deepEqual(some.boilerplate, []);
  assert.deepEqual(some.reports.map((r) => r.others.sentences), [1, 1, 1, 1, 0, 0]);
  assert.deepEqual(some.pairs, [], `a pair shares at least ${MIN_PAIR_SENTENCES} sentences`);
});

/** Chinese words for a number, so that synthetic sentences differ in words, not only in (normalised) figures. */
const words = (n: number) => [...String(n)].map((d) => '甲乙丙丁戊己庚辛壬癸'[Number(d)]).join('');

/** A sentence of a provincial notice (in 60 units' reports of 2,000: boilerplate by BOILERPLATE_MAX_UNITS), and of a county's (in 40: not). */
const PROVINCE = '认真落实省政务公开办关于规范政府信息公开平台建设的工作要求，逐项对照整改到位。';
const COUNTY = '严格执行县政府办公室制定的信息发布三级审核制度，确保发布内容准确无误。';

/** A small report of its own: three sentences of its own words, the area's template, and (if given) a neighbour's paragraph. */
function synthetic(i: number, copiedFrom?: number): string {
  const own = (n: number) =>
    `全面推进${words(n)}号重点领域信息公开，围绕${words(n)}项目建设及时发布政策文件${n}件。组织开展${words(n)}专题培训，参训人员覆盖全部科室。建立${words(n)}工作台账并按月更新，确保各项任务责任到人、落实到位。`;
  return [
    `# 测试县第${words(i)}局2024年政府信息公开工作年度报告`,
    '',
    '## 一、总体情况',
    '',
    own(i),
    '',
    '按照县政务公开领导小组统一部署，全面梳理政务公开事项标准目录，并在政府门户网站集中发布。',
    ...(copiedFrom === undefined ? [] : ['', own(copiedFrom)]),
    ...(i < 60 ? ['', PROVINCE] : []),
    ...(i >= 100 && i < 140 ? ['', COUNTY] : []),
    '',
    '## 五、存在的主要问题及改进情况',
    '',
    `${words(i)}专栏更新不够及时，下一步将建立定期检查机制。`,
    '',
  ].join('\n');
}

test('2,000 reports: the work grows with the sentences, not with the pairs of reports', () => {
  const N = 2000;
  // Every 100th report copies its predecessor's first paragraph: 20 pairs.
  const set = Array.from({ length: N }, (_, i) => input(`r${i}.md`, synthetic(i, i % 100 === 99 ? i - 1 : undefined)));
  const result = similarity(set);
  const sentences = result.reports.reduce((n, r) => n + r.sentences, 0);
  assert.equal(sentences, N * 5 + 20 * 3 + 60 + 40);
  // The templates in all 2,000 and in 60 are skipped before their reports are walked;
  // each copied sentence meets one report, the county's sentence 39 in each of its 40.
  assert.equal(result.comparisons, 20 * 3 * 2 + 40 * 39);
  assert.ok(result.comparisons < sentences, `${result.comparisons} comparisons for ${sentences} sentences (all pairs of reports: ${(N * (N - 1)) / 2})`);
  assert.deepEqual(result.boilerplate.map((b) => b.units), [N, BOILERPLATE_MAX_UNITS + 10]);
  assert.deepEqual(result.reports.slice(99, 102).map((r) => r.others.sentences), [3, 1, 1]);
  assert.equal(result.pairs.length, 20);
  assert.ok(result.pairs.every((p) => p.sentences === 3 && p.passages.length === 1 && p.kind === 'other-unit'));
  assert.deepEqual([result.pairs[0].a, result.pairs[0].b].sort(), ['r98.md', 'r99.md']);
});

test('a report whose year cannot be read is named without one in the passage it shares', () => {
  const undated = neighbour.replace(/^# 邻县教育局2024年/m, '# 邻县教育局').replaceAll('2024年', '本年');
  const set = [input('clean.md', clean), input('undated.md', undated)];
  const [pair] = similarity(set).pairs;
  assert.equal(similarity(set).reports[1].year, undefined);
  assert.equal(pair.passages[0].message.zh, '这段文字与“邻县教育局”报告中的一段相同（单位名称、年份和数字不计）');
});

test('what the comparison keeps of a report is plain data: posted from a worker thread (cloned), it gives the same result', () => {
  const set = [input('file:///a/示例县人民政府办公室.md', clean), input('file:///a/邻县教育局.md', neighbour), ...seeds()];
  const kept = set.map(readSentences);
  assert.deepEqual(similarity(structuredClone(kept)), similarity(set));
  assert.equal(kept[0].sentences[1].text, '全年本机关制发行政规范性文件3件，废止1件，截至年底现行有效行政规范性文件25件，均已在政府门户网站行政规范性文件专栏集中公开');
  assert.equal(kept[0].sentences[1].end, '。');
  // The passage's text joins its sentences with their own punctuation.
  assert.equal(similarity(kept).pairs[0].passages[1].text, '全年本机关制发行政规范性文件3件，废止1件，截至年底现行有效行政规范性文件25件，均已在政府门户网站行政规范性文件专栏集中公开。同步公开行政许可决定1234件、行政处罚决定567件、行政强制决定12件');
});

test('what the review keeps of a sentence until the end: its key as a 52-bit number, never the key’s text; the text once', () => {
  for (const { uri, report } of [input('clean.md', clean), ...seeds()]) {
    const kept = readSentences({ uri, report });
    assert.ok(kept.sentences.length > 5, uri);
    for (const s of kept.sentences) assert.ok(typeof s.key === 'number' && Number.isSafeInteger(s.key), `${uri}: ${typeof s.key}`);
    // As posted from a worker: about the sentences' text (two bytes a character) and some 130 bytes a sentence of
    // numbers and names; a copy of each key (as long as the text) would double it.
    const text = kept.sentences.reduce((n, s) => n + 2 * s.text.length, 0);
    const bytes = serialize(kept).length;
    assert.ok(bytes < text + 130 * kept.sentences.length, `${uri}: ${bytes} bytes for ${text} bytes of text in ${kept.sentences.length} sentences`);
  }
});
