/**
 * `nianbao check DIR` compares units' reports with one another, as the editor
 * compares the workspace's (copied-paragraph across units): a county office
 * that copied its neighbour's 依申请公开 paragraph, its name and figures
 * changed, is told so, with the neighbour's file; the statements every report
 * makes, the area's boilerplate (six units' reports alike), another year's
 * report and a file checked alone are not.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { asUnit, writeMaking } from '../helpers';
import { cli, findingLines, ROOT } from './run';

const example = (name: string) => readFileSync(join(ROOT, 'examples', name), 'utf8');

/** 平武县人民政府办公室's real 2023 report; its 依申请公开 paragraph (line 17) is the one copied. */
const PINGWU = example('seed-004.md');
const REQUESTS_LINE = 16;
const REQUESTS = PINGWU.split('\n')[REQUESTS_LINE];
/** 文水县's real 2023 report under its office's name, with the paragraph copied into section 五, its figures changed. */
const WENSHUI_OWN = asUnit(example('seed-000.md'), '文水县人民政府办公室');
const COPIED = REQUESTS.replace('申请 7 件', '申请 12 件').replace('行政复议 1 件、行政诉讼 2 件', '行政复议 0 件、行政诉讼 1 件');
const WENSHUI = WENSHUI_OWN.replace('## 六、', `${COPIED}\n\n## 六、`);
const COPIED_LINE = WENSHUI.split('\n').indexOf(COPIED);

/** The statements of the format both reports make in the same words, in section 六 of each. */
const STANDARD = '本报告根据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求编制。本报告所列数据的统计期限为2023年1月1日至2023年12月31日。严格落实《政府信息公开信息处理费管理办法》，全年收取信息处理费0元。';
const withStandard = (text: string) => text.replace(/(## 六、[^\n]*\n\n)/, `$1${STANDARD}\n\n`);

/** The clean 2024 draft, with a paragraph that six units' reports have alike (the county's template). */
const TEMPLATE = '坚持把政务公开作为推进法治政府建设的重要抓手，按照县政务公开领导小组的统一部署，逐项对照年度工作要点抓好落实，确保各项任务按期完成。';
const CLEAN_2024 = example('clean-2024.md').replace('## 五、存在的主要问题及改进情况\n\n', `## 五、存在的主要问题及改进情况\n\n${TEMPLATE}\n\n`);
const TEMPLATE_UNITS = ['教育局', '财政局', '民政局', '司法局', '水利局', '农业农村局'];

interface JsonFile {
  file: string;
  findings: { code: string; message: string; where: string | null; range: { start: { line: number } }; data: { peerUri?: string; peerUnit?: string } | null }[];
}

let dir: string;
let pingwu: string;
let wenshui: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'nianbao-check-peers-'));
  pingwu = writeMaking(join(dir, '2023', '平武县人民政府办公室.md'), withStandard(PINGWU));
  wenshui = writeMaking(join(dir, '2023', '文水县人民政府办公室.md'), withStandard(WENSHUI));
  // Next year's report of a third unit with the same paragraph: another year's, not a neighbour's of the same year.
  writeMaking(join(dir, '2024', '示例县人民政府办公室.md'), CLEAN_2024.replace('## 六、', `${REQUESTS}\n\n## 六、`));
  for (const unit of TEMPLATE_UNITS) writeMaking(join(dir, '2024', `${unit}.md`), asUnit(CLEAN_2024, `示例县${unit}`));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const copiedIn = (out: JsonFile[], path: string) => out.find((f) => f.file === path)!.findings.filter((f) => f.code === 'copied-paragraph');

describe('nianbao check DIR: text copied from another unit’s report', () => {
  test('marks the copied paragraph in both reports, each naming the other unit and its file', () => {
    const r = cli(['check', '--format', 'json', dir]);
    const out = JSON.parse(r.stdout) as JsonFile[];
    const [inWenshui] = copiedIn(out, wenshui);
    assert.equal(copiedIn(out, wenshui).length, 1, JSON.stringify(copiedIn(out, wenshui)));
    assert.equal(inWenshui.range.start.line, COPIED_LINE);
    assert.match(inWenshui.message, /与“平武县人民政府办公室”的报告相同（单位名称和数字不计）/);
    assert.match(inWenshui.where!, /^五、存在的主要问题及改进情况/);
    assert.equal(inWenshui.data!.peerUri, pathToFileURL(pingwu).href);
    const [inPingwu] = copiedIn(out, pingwu);
    assert.equal(copiedIn(out, pingwu).length, 1);
    assert.equal(inPingwu.range.start.line, REQUESTS_LINE);
    assert.equal(inPingwu.data!.peerUri, pathToFileURL(wenshui).href);
  });

  test('the text output names the other file and the line of the text there', () => {
    const lines = cli(['check', dir]).stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith(`${wenshui}:${COPIED_LINE + 1}:1  information  copied-paragraph  `));
    assert.ok(at >= 0, lines.join('\n'));
    assert.equal(lines[at + 1], `    ↳ ${pingwu}:${REQUESTS_LINE + 1}  “平武县人民政府办公室”报告中的原文`);
  });

  test('SARIF links the other file as a related location', () => {
    const sarif = JSON.parse(cli(['check', '--format', 'sarif', dir]).stdout) as {
      runs: { results: { ruleId: string; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const copied = sarif.runs[0].results.filter((r) => r.ruleId === 'copied-paragraph');
    assert.equal(copied.length, 2);
    const related = copied.map((r) => r.relatedLocations![0].physicalLocation);
    assert.deepEqual(related.map((l) => [l.artifactLocation.uri, l.region.startLine]).sort(), [
      [pathToFileURL(pingwu).href, REQUESTS_LINE + 1],
      [pathToFileURL(wenshui).href, COPIED_LINE + 1],
    ].sort());
  });

  test('not the standard statements, the area’s boilerplate, nor another year’s report', () => {
    const out = JSON.parse(cli(['check', '--format', 'json', dir]).stdout) as JsonFile[];
    const all = out.flatMap((f) => f.findings.filter((x) => x.code === 'copied-paragraph').map((x) => ({ file: f.file, line: x.range.start.line })));
    assert.deepEqual(all, [
      { file: pingwu, line: REQUESTS_LINE },
      { file: wenshui, line: COPIED_LINE },
    ]);
  });

  test('with one worker and with four: the same output', () => {
    const one = cli(['check', '--jobs', '1', '--format', 'json', dir]);
    const four = cli(['check', '--jobs', '4', '--format', 'json', dir]);
    assert.equal(four.stdout, one.stdout);
    assert.equal(four.status, one.status);
  });

  test('two files named on the command line are compared; a file checked alone is not', () => {
    const both = JSON.parse(cli(['check', '--format', 'json', wenshui, pingwu]).stdout) as JsonFile[];
    assert.equal(copiedIn(both, wenshui).length, 1);
    const alone = cli(['check', wenshui]);
    assert.deepEqual(findingLines(alone.stdout).filter((l) => l.includes('copied-paragraph')), []);
    assert.ok(!alone.stdout.includes('↳'), alone.stdout);
  });
});
