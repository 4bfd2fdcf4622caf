/**
 * Hover on a number the prose states: the table figure it was compared with.
 * Pure: the LSP hover handler calls it with the report and the offset under the
 * cursor (in the report's own coordinates) and shows the text in the locale.
 */
import type { Report } from '../model/report';
import { isMismatch, readClaims } from '../parse/claims';
import { formatNumber } from '../parse/text';

export function proseHoverAt(report: Report, offset: number): { zh: string; en: string } | undefined {
  const claim = readClaims(report).claims.find((c) => c.start <= offset && offset <= c.end);
  if (!claim) return undefined;
  const stated = formatNumber(claim.stated);
  const name = claim.pattern.name;
  const expected = claim.expected;
  if (!expected)
    return {
      zh: `正文：${name.zh} ${stated} 件。对应的表格数据读不到，未核对。`,
      en: `Text: ${stated} (${name.en}). The table figure it refers to could not be read, so it was not checked.`,
    };
  const value = formatNumber(expected.value);
  const cells = expected.cells.length > 1 ? { zh: `（${expected.cells.map((c) => c.label.zh).join('，')}）`, en: ` (${expected.cells.map((c) => c.label.en).join('; ')})` } : { zh: '', en: '' };
  if (!isMismatch(claim)) {
    const via = claim.acceptedAs
      ? { zh: `；与${claim.acceptedAs.label.zh} ${formatNumber(claim.acceptedAs.value)} 一致（句中写明含上年结转）`, en: `; it matches ${claim.acceptedAs.label.en}, ${formatNumber(claim.acceptedAs.value)} (the sentence includes the carried-over requests)` }
      : expected.parts === claim.stated
        ? { zh: `；与各分项相加之和 ${stated} 一致（表中的总计有误）`, en: `; it matches the sum of the parts, ${stated} (the total in the table is wrong)` }
        : { zh: '，与正文一致', en: ', as the text says' };
    return { zh: `${expected.label.zh}：${value}${cells.zh}${via.zh}`, en: `${expected.label.en}: ${value}${cells.en}${via.en}` };
  }
  return {
    zh: `${expected.label.zh}：${value}${cells.zh}；正文写的是 ${stated}`,
    en: `${expected.label.en}: ${value}${cells.en}; the text says ${stated}`,
  };
}
