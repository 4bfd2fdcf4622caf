/**
 * The bundled CLI (`node dist/cli.js check …`, built by `node esbuild.mjs`) on the
 * examples and on temporary files: exit codes, text and JSON output, folders,
 * bad usage, --fix.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { encodeGbk } from '../helpers';
import { CLI, cli, findingLines, ROOT, summaryLine, type Run } from './run';

const CLEAN = join(ROOT, 'examples', 'clean-2024.md');
const clean = readFileSync(CLEAN, 'utf8');

/** clean-2024.md with the 总计 of row 一 (line 43) written as 48 instead of 47. */
const WRONG_ROW = '| 一、本年新收政府信息公开申请数量 | | | 38 | 5 | 1 | 0 | 2 | 1 | 47 |';
const wrong = clean.replace(WRONG_ROW, WRONG_ROW.replace('| 47 |', '| 48 |'));
/** Where the wrong 48 stands: line 43 (1-based). */
const WRONG_LINE = 43;
const WRONG_COL = WRONG_ROW.indexOf('47') + 1;

const PLAIN_README = '# 使用说明\n\n这是一个普通的说明文件，不是年度报告。\n\n- 第一条\n- 第二条\n';

const count = (lines: string[]) => ({
  errors: lines.filter((l) => l.includes('  error  ')).length,
  warnings: lines.filter((l) => l.includes('  warning  ')).length,
  notes: lines.filter((l) => / {2}(information|hint) {2}/.test(l)).length,
});

interface JsonFile {
  file: string;
  isReport: boolean;
  fixed?: { code: string; title: string }[];
  findings: { code: string; severity: string; messageId: string; message: string; where: string | null; range: { start: { line: number; character: number }; end: { line: number; character: number } }; data: unknown }[];
}


let tmp: string;
before(() => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`node esbuild.mjs\` (npm run build) first`);
  assert.notEqual(wrong, clean, 'the test fixture row was not found in clean-2024.md');
  assert.equal(clean.split('\n')[WRONG_LINE - 1], WRONG_ROW);
  tmp = mkdtempSync(join(tmpdir(), 'nianbao-cli-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function tempFile(name: string, text: string | Buffer): string {
  const path = join(tmp, name);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('nianbao check: text output', () => {
  test('a clean report: no findings, exit 0', () => {
    const r = cli(['check', 'examples/clean-2024.md']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(findingLines(r.stdout), []);
    assert.equal(r.stdout, '1 个文件，0 个错误，0 个警告\n');
    assert.equal(r.stderr, '');
  });

  test('seed-001: the label-deviation and cell-blank warnings, one line each', () => {
    const r = cli(['check', 'examples/seed-001.md']);
    const lines = findingLines(r.stdout);
    // Each line ends with the place in the report's own words.
    assert.ok(lines.includes('examples/seed-001.md:35:19  warning  label-deviation  “年度”应为“年废”：“本年度止件数”应写作“本年废止件数”  [表二 · 栏目“本年废止件数”]'), r.stdout);
    assert.ok(lines.includes('examples/seed-001.md:53:35  warning  label-deviation  “社会团体”应写作“社会公益组织”  [表三 · 栏目“社会公益组织”]'), r.stdout);
    assert.ok(
      lines.includes('examples/seed-001.md:63:44  warning  cell-blank  “5.属于三类内部事务信息”一行“总计”列是空白：按表中其他数字推算应为 0  [表三 · 总计列 · （三）不予公开 · 5.属于三类内部事务信息]'),
      r.stdout,
    );
    assert.ok(lines.includes('examples/seed-001.md:17:32  warning  narrative-mismatch  正文称收到申请 1 件，表三“一、本年新收”总计为 3；1 恰是“自然人”一列的数  [一、总体情况 · “依法依规做好政府信息依申请公开工……”]'), r.stdout);
    // The 16 Table 3 rows with a missing cell.
    assert.equal(lines.filter((l) => l.includes('  cell-blank  ')).length, 16);
    // Every non-empty line but the summary is a finding line.
    const body = r.stdout.trimEnd().split('\n').slice(0, -1).filter((l) => l !== '');
    assert.deepEqual(body, lines);
    const { errors, warnings, notes } = count(lines);
    assert.ok(warnings >= 18);
    assert.equal(summaryLine(r.stdout), `1 个文件，${errors} 个错误，${warnings} 个警告${notes ? `，${notes} 个提示` : ''}`);
    assert.equal(r.status, errors ? 1 : 0, 'exit 1 exactly when there are errors');
  });

  test('one wrong total: the exact line:col, code t3-row-total, exit 1', () => {
    const file = tempFile('wrong.md', wrong);
    const r = cli(['check', file]);
    assert.equal(r.status, 1, r.stderr);
    const lines = findingLines(r.stdout);
    assert.equal(lines.length, 1, r.stdout);
    assert.equal(WRONG_COL, 51);
    assert.ok(lines[0].startsWith(`${file}:${WRONG_LINE}:${WRONG_COL}  error  t3-row-total  `), lines[0]);
    assert.match(lines[0], /“一、本年新收政府信息公开申请数量”一行的总计填的是 48，应为 47/);
    assert.equal(summaryLine(r.stdout), '1 个文件，1 个错误，0 个警告');
  });

  test('--locale en: English messages and summary', () => {
    const file = tempFile('wrong-en.md', wrong);
    const r = cli(['check', '--locale', 'en', file]);
    assert.equal(r.status, 1);
    const [line] = findingLines(r.stdout);
    assert.match(line, /^.+:43:51 {2}error {2}t3-row-total {2}the total of row “一、本年新收政府信息公开申请数量” is 48 in the table; it should be 47/);
    assert.equal(summaryLine(r.stdout), '1 file, 1 error, 0 warnings');
    // --locale=en works too.
    assert.equal(cli(['check', `--locale=en`, file]).stdout, r.stdout);
  });

  test('warnings alone exit 0', () => {
    const r = cli(['check', 'examples/seed-000.md']);
    const lines = findingLines(r.stdout);
    assert.ok(lines.some((l) => l.includes('  warning  label-deviation  ')));
    assert.equal(r.status, lines.some((l) => l.includes('  error  ')) ? 1 : 0);
  });

  test('no colours when stdout is not a TTY; --color forces them, --no-color wins', () => {
    const file = tempFile('wrong-color.md', wrong);
    assert.doesNotMatch(cli(['check', file]).stdout, /\x1b\[/);
    assert.match(cli(['check', '--color', file]).stdout, /\x1b\[31merror\x1b\[39m/);
    assert.doesNotMatch(cli(['check', '--color', '--no-color', file]).stdout, /\x1b\[/);
  });
});

describe('nianbao check: JSON output', () => {
  test('shape and 0-based LSP ranges', () => {
    const file = tempFile('wrong-json.md', wrong);
    const r = cli(['check', '--format', 'json', file, 'examples/clean-2024.md']);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout) as JsonFile[];
    assert.ok(Array.isArray(out));
    assert.deepEqual(
      out.map((f) => f.file),
      [file, 'examples/clean-2024.md'],
    );
    assert.deepEqual(out[1], { file: 'examples/clean-2024.md', isReport: true, encoding: 'UTF-8', findings: [] });
    assert.equal(out[0].findings.length, 1);
    const [f] = out[0].findings;
    assert.deepEqual(Object.keys(f).sort(), ['code', 'data', 'message', 'messageId', 'range', 'severity', 'where']);
    assert.equal(f.where, '表三 · 总计列 · 一、本年新收政府信息公开申请数量');
    assert.equal(f.messageId, 'wrongTotal');
    assert.equal(f.code, 't3-row-total');
    assert.equal(f.severity, 'error');
    assert.match(f.message, /^“一、本年新收政府信息公开申请数量”一行的总计填的是 48，应为 47/);
    assert.deepEqual(f.range, { start: { line: WRONG_LINE - 1, character: WRONG_COL - 1 }, end: { line: WRONG_LINE - 1, character: WRONG_COL + 1 } });
    assert.deepEqual(f.data, { table: 't3', row: 'new', column: 6, expected: 47, actual: 48, rules: ['t3-row-total', 't3-balance'] });
    // The range covers the wrong number itself.
    const line = wrong.split('\n')[f.range.start.line];
    assert.equal(line.slice(f.range.start.character, f.range.end.character), '48');
  });

  test('JSON and text agree on every position (seed-001)', () => {
    const json = JSON.parse(cli(['check', '--format=json', 'examples/seed-001.md']).stdout) as JsonFile[];
    const text = findingLines(cli(['check', 'examples/seed-001.md']).stdout);
    assert.equal(json.length, 1);
    assert.deepEqual(
      json[0].findings.map((f) => `examples/seed-001.md:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.severity}  ${f.code}  ${f.message}  [${f.where}]`),
      text,
    );
    for (const f of json[0].findings) assert.ok(f.data === null || typeof f.data === 'object');
  });

  test('--locale en applies to JSON messages', () => {
    const json = JSON.parse(cli(['check', '--format', 'json', '--locale', 'en', 'examples/seed-000.md']).stdout) as JsonFile[];
    const f = json[0].findings.find((x) => x.code === 'label-deviation');
    assert.equal(f?.message, '“年度” should be “年废”: “本年度止件数” should read “本年废止件数”');
  });
});

describe('nianbao check: folders and files', () => {
  let dir: string;
  before(() => {
    dir = join(tmp, 'folder');
    tempFile('folder/a/b/report.md', wrong);
    tempFile('folder/a/README.md', PLAIN_README);
    tempFile('folder/clean.MD', clean);
    tempFile('folder/node_modules/pkg/report.md', wrong);
    tempFile('folder/.hidden/report.md', wrong);
    tempFile('folder/pasted.txt', wrong);
  });

  test('recursive *.md, skipping node_modules, dot-folders, other extensions and non-reports', () => {
    const r = cli(['check', dir]);
    assert.equal(r.status, 1, r.stderr);
    const lines = findingLines(r.stdout);
    assert.deepEqual(
      lines.map((l) => l.split('  ').slice(0, 2).join('  ')),
      [`${join(dir, 'a', 'b', 'report.md')}:43:51  error`],
    );
    assert.equal(summaryLine(r.stdout), '2 个文件，1 个错误，0 个警告（另有 1 个文件不像年度报告，已跳过）');
  });

  test('JSON lists the skipped non-report with isReport false and no findings', () => {
    const out = JSON.parse(cli(['check', '--format', 'json', dir]).stdout) as JsonFile[];
    assert.deepEqual(
      out.map((f) => [f.file, f.isReport, f.findings.length]),
      [
        [join(dir, 'a', 'README.md'), false, 0],
        [join(dir, 'a', 'b', 'report.md'), true, 1],
        [join(dir, 'clean.MD'), true, 0],
      ],
    );
  });

  test('a folder with no reports: exit 0', () => {
    const empty = join(tmp, 'no-reports');
    tempFile('no-reports/README.md', PLAIN_README);
    const r = cli(['check', empty]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '0 个文件，0 个错误，0 个警告（另有 1 个文件不像年度报告，已跳过）\n');
  });

  test('an explicit file of any extension is checked as a report', () => {
    const r = cli(['check', join(dir, 'pasted.txt')]);
    assert.equal(r.status, 1);
    assert.equal(findingLines(r.stdout)[0].split('  ')[0], `${join(dir, 'pasted.txt')}:43:51`);
    // Even one that does not look like a report (enable 'always').
    const json = JSON.parse(cli(['check', '--format', 'json', join(dir, 'a', 'README.md')]).stdout) as JsonFile[];
    assert.equal(json[0].isReport, true);
  });

  test('a file given twice, or given and inside a folder, is checked once', () => {
    const report = join(dir, 'a', 'b', 'report.md');
    const out = JSON.parse(cli(['check', '--format', 'json', report, dir, report]).stdout) as JsonFile[];
    assert.equal(out.filter((f) => resolve(ROOT, f.file) === report).length, 1);
  });

  test('last year\'s report in the same folder: carry-over across files', () => {
    const cross = join(tmp, 'two-years');
    // The 2023 report of the same unit: its 四 (3, 0, 0, 0, 1, 0, 4) is not this year's 二 (2, 1, 0, 0, 0, 0, 3).
    tempFile('two-years/2023.md', clean.replace(/2024/g, '2023').replace('2025年1月20日', '2024年1月20日'));
    const current = tempFile('two-years/2024.md', clean);
    const alone = cli(['check', current]);
    assert.equal(alone.status, 0, alone.stdout);
    const r = cli(['check', '--format', 'json', cross]);
    assert.equal(r.status, 1);
    const out = JSON.parse(r.stdout) as JsonFile[];
    const findings = out.find((f) => f.file === current)?.findings ?? [];
    const carry = findings.filter((f) => f.code === 'carry-over');
    assert.ok(carry.length > 0, JSON.stringify(findings.map((f) => f.code)));
    assert.ok(carry.every((f) => f.severity === 'error' && f.range.start.line === 43));
  });

  test('a UTF-8 BOM does not shift positions', () => {
    const file = tempFile('bom.md', '\ufeff' + wrong);
    assert.equal(findingLines(cli(['check', file]).stdout)[0].split('  ')[0], `${file}:43:51`);
  });

  test('a GB18030 (GBK) file is decoded; --fix writes it back in GBK', () => {
    const file = tempFile('gbk.txt', encodeGbk(wrong));
    const r = cli(['check', file]);
    assert.equal(r.status, 1);
    assert.match(findingLines(r.stdout)[0], /:43:51 {2}error {2}t3-row-total {2}“一、本年新收政府信息公开申请数量”一行的总计填的是 48/);
    const fixed = cli(['check', '--fix', file]);
    assert.equal(fixed.status, 0, fixed.stdout);
    assert.deepEqual(readFileSync(file), encodeGbk(clean));
  });

  test('CRLF line endings give the same positions', () => {
    const file = tempFile('crlf.md', wrong.replace(/\n/g, '\r\n'));
    const r = cli(['check', file]);
    assert.equal(r.status, 1);
    assert.equal(findingLines(r.stdout)[0].split('  ')[0], `${file}:43:51`);
  });
});

describe('nianbao check --jobs: every core, the same output', () => {
  let dir: string;
  const units = 12;
  before(() => {
    dir = join(tmp, 'many');
    // A reviewer's folder: a dozen units' reports, one with a wrong total, one unit with last year's too, a file that is no text.
    for (let i = 1; i <= units; i++) tempFile(`many/unit-${String(i).padStart(2, '0')}.md`, (i === 5 ? wrong : clean).replace('# 示例县人民政府办公室2024年', `# 第${i}号单位2024年`));
    tempFile('many/示例县2023.md', clean.replace(/2024/g, '2023').replace('2025年1月20日', '2024年1月20日'));
    tempFile('many/示例县2024.md', clean);
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'sub', 'word.md'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00]));
  });

  test('with 1 and with 4 workers: the same findings, in the same order, and the same exit code', () => {
    const one = cli(['check', '--jobs', '1', '--format', 'json', dir]);
    const four = cli(['check', '--jobs', '4', '--format', 'json', dir]);
    assert.equal(one.status, 2, one.stderr); // the file that is no text
    assert.equal(four.status, one.status);
    assert.equal(four.stdout, one.stdout);
    const out = JSON.parse(four.stdout) as JsonFile[];
    assert.ok(out.length >= units + 3);
    assert.ok(out.find((f) => f.file.endsWith('unit-05.md'))!.findings.some((f) => f.code === 't3-row-total'));
    // Last year's report is found across workers.
    assert.ok(out.find((f) => f.file.endsWith('示例县2024.md'))!.findings.some((f) => f.code === 'carry-over'));
    // In the order of the folder listing.
    const names = out.map((f) => f.file);
    assert.deepEqual(names.filter((n) => n.includes('unit-')), [...names.filter((n) => n.includes('unit-'))].sort());
  });

  test('--fix on 4 workers writes what --fix on 1 writes', () => {
    const copy = (name: string) => {
      const to = join(tmp, name);
      rmSync(to, { recursive: true, force: true });
      mkdirSync(to, { recursive: true });
      for (const f of readdirSync(dir).filter((f) => f.endsWith('.md'))) writeFileSync(join(to, f), readFileSync(join(dir, f)));
      return to;
    };
    const [a, b] = [copy('fix-one'), copy('fix-four')];
    const one = cli(['check', '--fix', '--jobs', '1', a]);
    const four = cli(['check', '--fix', '--jobs', '4', b]);
    assert.equal(four.status, one.status, four.stderr);
    for (const f of readdirSync(a)) assert.equal(readFileSync(join(b, f), 'utf8'), readFileSync(join(a, f), 'utf8'), f);
    assert.equal(readFileSync(join(b, 'unit-05.md'), 'utf8'), clean.replace('# 示例县人民政府办公室2024年', '# 第5号单位2024年'));
    assert.equal(four.stdout.replaceAll(b, a), one.stdout);
  });

  test('a bad --jobs value is refused', () => {
    for (const value of ['0', 'x', '-1', '2.5']) {
      const r = cli(['check', `--jobs=${value}`, CLEAN]);
      assert.equal(r.status, 2, value);
      assert.match(r.stderr, /--jobs must be 1, 2, 3 …/);
    }
  });
});

describe('nianbao check: bad usage exits 2', () => {
  const usage = (args: string[], message: RegExp) => {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, message);
  };
  test('no files', () => usage(['check'], /没有指定要处理的文件或文件夹 \/ No files or folders given/));
  test('unknown option', () => usage(['check', '--bogus', 'examples/clean-2024.md'], /未知选项 --bogus \/ Unknown option --bogus/));
  test('missing file (nothing is checked)', () =>
    usage(['check', 'examples/clean-2024.md', 'examples/no-such-file.md'], /找不到文件或文件夹：examples\/no-such-file\.md \/ No such file or folder: examples\/no-such-file\.md/));
  test('bad --format value', () => usage(['check', '--format', 'xml', 'examples/clean-2024.md'], /--format must be text \| json \| sarif: xml/));
  test('bad --locale value', () => usage(['check', '--locale', 'fr', 'examples/clean-2024.md'], /--locale must be zh-CN \| en: fr/));
  test('option without its value', () => usage(['check', 'examples/clean-2024.md', '--format'], /Option --format needs a value/));
  test('unknown command', () => usage(['chek', 'examples'], /Unknown command: chek/));
  test('--help prints usage and exits 0', () => {
    const r = cli(['check', '--help']);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /用法 Usage: nianbao check/);
  });
  test('-- ends the options', () => {
    const file = tempFile('--odd.md', wrong);
    const r = cli(['check', '--', '--odd.md'], { cwd: tmp });
    assert.equal(r.status, 1, r.stderr);
    assert.equal(findingLines(r.stdout)[0].split('  ')[0], `--odd.md:43:51`);
    assert.ok(existsSync(file));
  });
});

describe('nianbao check --fix', () => {
  test('recomputes the wrong total, writes the file back, exit 0', () => {
    const file = tempFile('fix/wrong.md', wrong);
    const r = cli(['check', '--fix', file]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(readFileSync(file, 'utf8'), clean);
    assert.match(r.stdout, /已修复 1 处\n  第 43 行  t3-row-total  将此格改为 47/);
    assert.equal(summaryLine(r.stdout), '1 个文件，0 个错误，0 个警告');
    // A second run has nothing to do and leaves the file alone.
    const before = statSync(file).mtimeMs;
    const again = cli(['check', '--fix', '--format', 'json', file]);
    assert.equal(again.status, 0);
    assert.deepEqual((JSON.parse(again.stdout) as JsonFile[])[0].fixed, []);
    assert.equal(statSync(file).mtimeMs, before);
  });

  test('keeps CRLF line endings and the BOM', () => {
    const file = tempFile('fix/crlf.md', '\ufeff' + wrong.replace(/\n/g, '\r\n'));
    const r = cli(['check', '--fix', '--format', 'json', file]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const out = JSON.parse(r.stdout) as JsonFile[];
    assert.equal(out[0].fixed?.length, 1);
    assert.deepEqual(out[0].findings, []);
    assert.equal(readFileSync(file, 'utf8'), '\ufeff' + clean.replace(/\n/g, '\r\n'));
  });

  test('leaves files in folders that are not reports untouched', () => {
    const folder = join(tmp, 'fix-folder');
    const readme = tempFile('fix-folder/README.md', PLAIN_README);
    const report = tempFile('fix-folder/report.md', wrong);
    const r = cli(['check', '--fix', folder]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.equal(readFileSync(readme, 'utf8'), PLAIN_README);
    assert.equal(readFileSync(report, 'utf8'), clean);
  });
});

describe('nianbao check examples (npm run check:examples)', () => {
  test('six reports, README.md skipped, exit 1 exactly when there are errors', () => {
    const r = cli(['check', 'examples']);
    const lines = findingLines(r.stdout);
    assert.ok(!lines.some((l) => l.startsWith('examples/README.md') || l.startsWith('examples/clean-2024.md')), r.stdout);
    const { errors, warnings, notes } = count(lines);
    assert.equal(summaryLine(r.stdout), `6 个文件，${errors} 个错误，${warnings} 个警告${notes ? `，${notes} 个提示` : ''}（另有 1 个文件不像年度报告，已跳过）`);
    assert.equal(r.status, errors ? 1 : 0);
  });
});

describe('files as clerks save them, and files that are not drafts', () => {
  const utf16 = (text: string, endian: 'le' | 'be', bom: boolean) => {
    const le = Buffer.from(text, 'utf16le');
    const body = endian === 'le' ? le : Buffer.from(le.map((_, i) => le[i % 2 === 0 ? i + 1 : i - 1]));
    return Buffer.concat([bom ? Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]) : Buffer.alloc(0), body]);
  };
  const utf8 = cli(['check', '--format', 'json', tempFile('enc/utf8.md', wrong)]);
  const findingsOf = (r: Run) => (JSON.parse(r.stdout) as JsonFile[])[0].findings.map((f) => [f.code, f.range]);

  for (const [name, bytes] of [
    ['UTF-16LE with BOM', utf16(wrong, 'le', true)],
    ['UTF-16LE without BOM', utf16(wrong, 'le', false)],
    ['UTF-16BE with BOM', utf16(wrong, 'be', true)],
    ['UTF-16BE without BOM', utf16(wrong, 'be', false)],
    ['GBK', encodeGbk(wrong)],
  ] as const) {
    test(`${name}: the same findings as UTF-8, and --fix writes it back as it was saved`, () => {
      const file = tempFile(`enc/${name.replace(/\W+/g, '-')}.md`, bytes);
      assert.deepEqual(findingsOf(cli(['check', '--format', 'json', file])), findingsOf(utf8));
      const fixed = cli(['check', '--fix', file]);
      assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
      const expected = name.startsWith('GBK') ? encodeGbk(clean) : utf16(clean, name.includes('LE') ? 'le' : 'be', name.includes('with BOM'));
      assert.deepEqual(readFileSync(file), expected);
    });
  }

  test('a FIFO in a folder is skipped with a note, never waited on; named, it is refused', () => {
    const dir = join(tmp, 'fifo');
    mkdirSync(dir, { recursive: true });
    tempFile('fifo/report.md', clean);
    spawnSync('mkfifo', [join(dir, 'pipe.md')]);
    const r = cli(['check', dir]);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /pipe\.md 不是普通文件（管道、设备等），未读取/);
    const named = cli(['check', join(dir, 'pipe.md')]);
    assert.equal(named.status, 2);
    assert.match(named.stderr, /不是普通文件/);
  });

  test('a Word document named .md is said to be no text file, exit 2', () => {
    const file = tempFile('word.md', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0x06, 0, 0x08, 0, 0, 0, 0x21, 0]));
    const r = cli(['check', file]);
    assert.equal(r.status, 2);
    assert.match(r.stdout, /不是文本文件/);
  });
});

describe('nianbao check --fix when writing fails', () => {
  const asNobody = (args: string[]) => {
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, CLI, ...args], { encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  test('a file that may not be written: one line, exit 2, the file as it was', () => {
    const dir = join(tmp, 'readonly');
    const file = tempFile('readonly/wrong.md', wrong);
    chmodSync(tmp, 0o755);
    chmodSync(dir, 0o755);
    chmodSync(file, 0o444);
    // Root may write anything: the run is made as nobody when the tests run as root.
    const r = process.getuid?.() === 0 ? asNobody(['check', '--fix', file]) : cli(['check', '--fix', file]);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stdout, /无法写回 .*wrong\.md：没有写入权限；原文件未改动/);
    assert.doesNotMatch(r.stdout + r.stderr, /\n\s+at /, 'no stack trace');
    assert.equal(readFileSync(file, 'utf8'), wrong);
  });

  test('a write that fails half way (a file size limit) leaves the draft whole', () => {
    // A 2 MB document of reports with a wrong total; the shell's file size limit stops the write at 500 KB.
    const big = Array.from({ length: 160 }, () => wrong).join('\n');
    const file = tempFile('big/reports.md', big);
    const r = spawnSync('sh', ['-c', `ulimit -f 1000; exec "${process.execPath}" "${CLI}" check --fix --format json "${file}"`], { encoding: 'utf8' });
    assert.equal(r.status, 2, r.stderr);
    assert.match((JSON.parse(r.stdout) as { error?: string }[])[0].error ?? '', /无法写回.*原文件未改动/);
    assert.equal(readFileSync(file, 'utf8'), big);
    assert.deepEqual(readdirSync(dirname(file)), ['reports.md'], 'no temporary file left behind');
  });

  test('output into a closed pipe: one line on stderr, the exit code of the results', async () => {
    // About 1 MB of findings: far more than a pipe holds, so the output cannot all be written before the reader goes.
    const big = Array.from({ length: 600 }, () => readFileSync(join(ROOT, 'examples', 'seed-001.md'), 'utf8')).join('\n');
    const file = tempFile('pipe/reports.md', big);
    const child = spawn(process.execPath, [CLI, 'check', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((done) => child.stdout.once('data', () => (child.stdout.destroy(), done())));
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.match(stderr, /输出被提前关闭/);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
    assert.equal(code, 0, stderr);
  });
});
