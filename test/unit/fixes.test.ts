/**
 * Every fix of every check, proven: for each check and each draft in which it
 * fires, each of its fixes is applied alone and the text checked again — its
 * finding is gone, no finding appears that was not there (but those the fix
 * declares it leaves), and no table number changes but in the cells it edits.
 * Every fix a check declares must be exercised by some draft here. Then
 * fix-all on each: never more findings, idempotent, no safe fix left.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CHECKS, analyzeText, fixAll, parseReport, proveFix, type AnalyzeOptions } from '../../server/src/index';
import { baseTexts } from '../fuzz/corpus';
import { example, removeLines, setCell } from '../helpers';

const clean = example('clean-2024.md');
const lastYear = clean.replace(/2024/g, '2023').replace('2025年1月20日', '2024年1月20日');

/** Drafts as clerks get them wrong, one mistake each, so that every fix of every check is offered somewhere. */
const CLERK_DRAFTS: { name: string; text: string; options?: AnalyzeOptions }[] = [
  { name: 'a mistyped leaf', text: setCell(clean, '（一）予以公开', -7, '16') },
  { name: 'a wrong row total', text: setCell(clean, '一、本年新收政府信息公开申请数量', -1, '45') },
  { name: 'a wrong （七）总计 cell', text: setCell(clean, '（七）总计', -7, '35') },
  { name: 'two wrong totals', text: setCell(setCell(clean, '4.保护第三方合法权益', -1, '9'), '（七）总计', -1, '52') },
  { name: 'a Table 4 total, the text silent', text: clean.replace('| 2 | 1 | 0 | 1 | 4 |', '| 2 | 1 | 0 | 1 | 5 |').replace('因政府信息公开被申请行政复议4件，', '') },
  { name: '二 wrong in a column, 一 or 四 as likely', text: setCell(setCell(clean, '二、上年结转政府信息公开申请数量', -7, '3'), '二、上年结转政府信息公开申请数量', -1, '4').replace('上年结转政府信息公开申请3件', '上年结转政府信息公开申请若干件') },
  { name: 'a blank total', text: setCell(clean, '4.保护第三方合法权益', -1, '') },
  { name: 'a blank in Table 2', text: setCell(clean, '规章', 1, '') },
  { name: 'a blank the text gives', text: setCell(clean, '行政许可', 1, '') },
  { name: 'an unfilled table', text: clean.replace(/(\| [一二三四（(]?[^|]*\|[^|]*\|[^|]*)((?:\| \d+ ){7})\|/g, (_m, label: string, numbers: string) => `${label}${numbers.replace(/\d+/g, ' ')}|`) },
  { name: 'a word in a cell', text: setCell(clean, '3.其他', -7, '零') },
  { name: 'a label typo', text: clean.replace('| （一）予以公开 |', '| （一）予以公布 |') },
  { name: 'section 五 missing', text: removeLines(clean, (l) => l.startsWith('## 五、')) },
  {
    name: 'section 三 missing',
    text: (() => {
      const lines = clean.split('\n');
      return [...lines.slice(0, lines.findIndex((l) => l.startsWith('## 三、'))), ...lines.slice(lines.findIndex((l) => l.startsWith('## 四、')))].join('\n');
    })(),
  },
  { name: 'Table 4 missing', text: removeLines(clean, (l) => l.startsWith('|') && clean.indexOf(l) > clean.indexOf('## 四、') && clean.indexOf(l) < clean.indexOf('## 五、')) },
  { name: 'a prose number', text: clean.replace('全年共收到政府信息公开申请47件', '全年共收到政府信息公开申请45件') },
  { name: 'last year’s year in the prose', text: clean.replace('2024年，示例县人民政府办公室坚持', '2023年，示例县人民政府办公室坚持') },
  { name: 'last year’s statistics period', text: clean.replace('统计期限为2024年1月1日至2024年12月31日', '统计期限为2023年1月1日至2023年12月31日') },
  { name: 'a glued statistics period', text: example('seed-002.md') },
  { name: 'the 2019 format notice cited', text: clean.replace('（国办公开办函〔2021〕30号）', '（国办公开办函〔2019〕60号）') },
  { name: 'the parts miscounted in the introduction', text: clean.replace('其他需要报告的事项。本报告所列', '其他需要报告的事项等7个部分。本报告所列') },
  { name: 'a disable comment left after the total was corrected', text: clean.replace('## 三、', '<!-- nianbao-disable t3-row-total -- 待核实 -->\n\n## 三、').replace('## 四、', '<!-- nianbao-enable t3-row-total -->\n\n## 四、') },
  {
    // This year's 一 agrees with last year's 四; 二 was typed with 1 under 商业企业 instead of 法律服务机构.
    name: 'a carried-over row typed wrong',
    text: setCell(setCell(clean, '一、本年新收政府信息公开申请数量', -6, '6'), '一、本年新收政府信息公开申请数量', -3, '1'),
    options: { others: [{ uri: 'file:///2023.md', report: parseReport(lastYear.replace('| 四、结转下年度继续办理 | | | 3 | 0 | 0 | 0 | 1 | 0 | 4 |', '| 四、结转下年度继续办理 | | | 2 | 0 | 0 | 0 | 1 | 0 | 3 |')) }] },
  },
];

const DRAFTS: { name: string; text: string; options?: AnalyzeOptions }[] = [...CLERK_DRAFTS, ...baseTexts()];

describe('each fix of each check, alone', () => {
  // The arithmetic checks share one catalog and one path: each declares the fixes any of them may offer.
  for (const check of CHECKS) {
    if (check.fixes.length === 0) continue;
    test(check.code, () => {
      const done = new Set<string>();
      for (const draft of DRAFTS) {
        const options: AnalyzeOptions = { enable: 'always', ...draft.options };
        const before = analyzeText(draft.text, options);
        for (const finding of before.findings.filter((f) => f.code === check.code)) {
          for (const fix of finding.fixes ?? []) {
            const proof = proveFix(before, finding, fix, options);
            const where = `${draft.name}: “${fix.title.zh}” for “${finding.message.zh}”`;
            assert.ok(proof.gone, `${where} leaves its finding`);
            assert.deepEqual(proof.added.map((f) => `${f.code}: ${f.message.zh}`), [], `${where} adds findings`);
            assert.deepEqual(proof.movedNumbers, [], `${where} changes numbers it does not claim`);
            done.add(fix.id);
          }
        }
      }
      assert.ok(done.size > 0, `no draft here exercises a fix of ${check.code}`);
      assert.deepEqual([...done].filter((id) => !check.fixes.includes(id)), [], `fixes ${check.code} offers but does not declare`);
    });
  }
});

describe('fix-all on every draft', () => {
  for (const draft of DRAFTS) {
    test(draft.name, () => {
      const options: AnalyzeOptions = { enable: 'always', ...draft.options };
      const once = fixAll(draft.text, options);
      assert.ok(once.after.findings.length <= once.before.findings.length, `${once.before.findings.length} → ${once.after.findings.length}`);
      assert.equal(fixAll(once.text, options).text, once.text, 'a second run changes nothing');
      assert.deepEqual(once.after.findings.filter((f) => f.fixes?.some((x) => x.fixAll)).map((f) => f.code), [], 'no safe fix left');
    });
  }
});
