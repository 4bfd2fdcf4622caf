/**
 * scope-mismatch: in a government's report, the prose gives the office's own
 * figure (区政府办代表区政府受理政府信息公开申请 17 件) while Table 3 counts
 * more (95, the whole district): the text and the table count different
 * scopes. The claims are read by parse/claims.ts, which marks the office's.
 */
import { isMismatch, readClaims } from '../parse/claims';
import { areaWord } from '../parse/units';
import type { Finding } from '../model/report';
import { defineCheck, finding, silencing } from './check';
import { defineMessages } from './messages';

const MESSAGES = defineMessages({
  scope: {
    zh: '正文“{quote}”是本机关（办公室）自己的数；{figure}为 {expected}，像是全{area}的数。本报告是“{unit}”的年度报告，正文和表格应按同一范围统计：都按全{area}，或都按本机关',
    en: 'The text “{quote}” gives the office’s own figure, {stated} ({name}); {figure} is {expected}, which looks like the whole area’s. This is the report of {unit}: count the text and the tables over the same scope',
  },
  cell: { zh: '{label}', en: '{label}' },
});

/**
 * What the report's tables count, declared: the organ's own requests, or the
 * whole area's (a government counting its departments and townships). Read by
 * `nianbao review` for a report's 范围 column; auto guesses from the unit name.
 */
const OPTIONS = {
  scope: {
    type: 'enum',
    values: ['auto', 'own-organ', 'area-wide'],
    default: 'auto',
    docs: {
      zh: '报告的统计范围：own-organ（本机关）、area-wide（全地区，含所属部门、乡镇）或 auto（按标题中的单位名称推测）；nianbao review 的“范围”一列据此填写',
      en: 'What the report counts: own-organ, area-wide (departments and townships included), or auto (guessed from the unit in the title); the 范围 column of nianbao review shows it',
    },
  },
} as const;

export const scopeMismatch = defineCheck({
  code: 'scope-mismatch',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '正文与表格的统计范围不一致', en: 'Text and tables count different scopes' },
  docs: {
    zh:
      '县级以上人民政府的年度报告，表格通常统计全地区（含各部门、乡镇）。正文若写“区政府办代表区政府受理政府信息公开申请 17 件”这类办公室自己的数，而表三“一、本年新收”总计更大（95），说明正文和表格的统计范围不同。提示标在正文的数字上。本项代替“正文数字与表格不符”报这种情况。' +
      silencing('scope-mismatch').zh,
    en:
      'A county-or-higher government’s report usually counts the whole area in its tables (departments and townships included). When the prose gives the office’s own figure (区政府办代表区政府受理政府信息公开申请 17 件) and Table 3 一 total is larger (95), the text and the tables count different scopes. The finding sits on the number in the prose, and replaces narrative-mismatch for it. ' +
      silencing('scope-mismatch').en,
  },
  messages: MESSAGES,
  options: OPTIONS,
  fixes: [],
  run(report) {
    const findings: Finding[] = [];
    const unit = report.title?.unit ?? '';
    for (const claim of readClaims(report).claims) {
      if (claim.scope !== 'office' || !isMismatch(claim) || claim.expected!.value <= claim.stated) continue;
      const expected = claim.expected!;
      // The clause as written, up to the number and its unit: 区政府办代表区政府受理政府信息公开申请17件.
      const { compact } = claim.sentence;
      const at = compact.offsets.indexOf(claim.start);
      const from = Math.max(compact.text.lastIndexOf('，', at), compact.text.lastIndexOf(',', at), claim.sentence.start - 1) + 1;
      const quote = compact.text.slice(from, compact.offsets.indexOf(claim.end - 1) + 2);
      findings.push(
        finding(
          this,
          claim.range,
          'scope',
          { quote, name: claim.pattern.name, stated: claim.stated, figure: expected.label, expected: expected.value, unit, area: areaWord(unit) ?? '地区' },
          {
            related: expected.cells.filter((c) => c.cell.span).map((c) => ({ range: c.cell.span!.range, message: c.label })),
            data: { claim: claim.pattern.id, stated: claim.stated, expected: expected.value },
          },
        ),
      );
    }
    return findings;
  },
});
