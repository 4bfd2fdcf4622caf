/** The arithmetic checks: t3-row-total, t3-result-total, t4-total, t3-balance. */
import { RULES, T3_COLUMNS, T3_ROWS, T4_GROUPS } from '../format/standard';
import type { Cell, Finding, Report } from '../model/report';
import { arithmetic, type BalanceIssue, type TotalIssue } from './arithmetic';
import { finding, formatNumber, setTotalFix, type Check } from './check';

const rowLabel = (key: string) =>
  T3_ROWS.find((r) => r.key === key)?.label ?? T4_GROUPS.find((g) => g.key === key)?.label ?? key;
const columnLabel = (column: number) => T3_COLUMNS[column]?.label ?? String(column);
const show = (cell: Cell) => formatNumber(cell.value ?? 0);

function balanceNote(report: Report, issue: TotalIssue): { zh: string; en: string } {
  const explained = arithmetic(report).balance.filter((b) => b.explainedBy === issue);
  if (explained.length === 0) return { zh: '', en: '' };
  const cols = explained.map((b) => columnLabel(b.column));
  return {
    zh: `；这也是“${cols.join('、')}”列“一+二=（七）+四”不成立的原因，改正后即成立`,
    en: `; this is also why 一+二 = （七）+四 fails in column ${cols.join(', ')}, and correcting it makes that hold`,
  };
}

function totalFinding(check: Check, report: Report, issue: TotalIssue): Finding {
  const terms = issue.terms.map((t) => show(t.cell)).join(' + ');
  const note = balanceNote(report, issue);
  const where =
    issue.rule === 't3-result-total'
      ? { zh: `（七）总计“${columnLabel(issue.column)}”列`, en: `（七）总计, column ${columnLabel(issue.column)}` }
      : issue.rule === 't4-total'
        ? { zh: `${rowLabel(issue.rowKey)}的总计`, en: `the total of ${rowLabel(issue.rowKey)}` }
        : { zh: `“${rowLabel(issue.rowKey)}”一行的总计`, en: `the total of row “${rowLabel(issue.rowKey)}”` };
  const fix = setTotalFix(issue.cell, issue.expected);
  return finding(
    check,
    issue.cell.span!.range,
    {
      zh: `${where.zh}应为 ${formatNumber(issue.expected)}，实为 ${formatNumber(issue.actual)}（${terms} = ${formatNumber(issue.expected)}）${note.zh}`,
      en: `${where.en} should be ${formatNumber(issue.expected)}, is ${formatNumber(issue.actual)} (${terms} = ${formatNumber(issue.expected)})${note.en}`,
    },
    {
      related: issue.terms
        .filter((t) => t.cell.span)
        .map((t) => ({ range: t.cell.span!.range, message: { zh: `${t.label}：${show(t.cell)}`, en: `${t.label}: ${show(t.cell)}` } })),
      data: { row: issue.rowKey, column: issue.column, expected: issue.expected, actual: issue.actual },
      fixes: fix ? [fix] : [],
    },
  );
}

function totalCheck(code: TotalIssue['rule'], rule: { statement: { zh: string; en: string }; tag: 'official' | 'derived' }, title: { zh: string; en: string }): Check {
  return {
    code,
    severity: 'error',
    tag: rule.tag,
    title,
    docs: {
      zh: `${rule.statement.zh}。提示标在算错的合计格上，消息给出应有值与实际值，相关信息列出参与求和的各格。快速修复把该格改为算出的值；“修复全部”自下而上重算所有合计，一次改完。`,
      en: `${rule.statement.en}. The wrong total cell is marked; the message gives the computed and the written value, and the cells summed are listed as related information. The quick fix sets the cell to the computed value; fix-all recomputes every total bottom-up in one pass.`,
    },
    run(report) {
      return arithmetic(report)
        .totals.filter((t) => t.rule === code && t.cell.span)
        .map((t) => totalFinding(this, report, t));
    },
  };
}

export const t3RowTotal = totalCheck('t3-row-total', RULES.t3RowTotal, { zh: '表三行合计不符', en: 'Table 3 row total wrong' });
export const t3ResultTotal = totalCheck('t3-result-total', RULES.t3ResultTotal, { zh: '表三（七）总计不符', en: 'Table 3 （七）总计 wrong' });
export const t4Total = totalCheck('t4-total', RULES.t4Total, { zh: '表四总计不符', en: 'Table 4 group total wrong' });

function balanceFinding(check: Check, issue: BalanceIssue): Finding {
  const c = columnLabel(issue.column);
  const { newRequests, carried } = issue.left;
  const { resultTotal, carryNext } = issue.right;
  const cells: [Cell, string][] = [
    [newRequests, '一、本年新收'],
    [carried, '二、上年结转'],
    [resultTotal, '（七）总计'],
    [carryNext, '四、结转下年度'],
  ];
  return finding(
    check,
    resultTotal.span!.range,
    {
      zh: `“${c}”列勾稽关系不成立：一+二 = ${show(newRequests)} + ${show(carried)} = ${formatNumber(issue.leftSum)}，（七）总计+四 = ${show(resultTotal)} + ${show(carryNext)} = ${formatNumber(issue.rightSum)}`,
      en: `Column ${c} does not balance: 一+二 = ${show(newRequests)} + ${show(carried)} = ${formatNumber(issue.leftSum)}, （七）+四 = ${show(resultTotal)} + ${show(carryNext)} = ${formatNumber(issue.rightSum)}`,
    },
    {
      related: cells
        .filter(([cell]) => cell.span && cell !== resultTotal)
        .map(([cell, label]) => ({ range: cell.span!.range, message: { zh: `${label}：${show(cell)}`, en: `${label}: ${show(cell)}` } })),
      data: { column: issue.column, left: issue.leftSum, right: issue.rightSum },
    },
  );
}

export const t3Balance: Check = {
  code: 't3-balance',
  severity: 'error',
  tag: 'official',
  title: { zh: '表三勾稽关系不成立', en: 'Table 3 does not balance' },
  docs: {
    zh: `${RULES.t3Balance.statement.zh}（表三左上角注明的勾稽关系）。无法判断该改哪一格，所以不提供自动修复，消息给出两边的值。若某个合计算错正是不平衡的原因，只在那个合计格上提示一次。`,
    en: `${RULES.t3Balance.statement.en} (the table's corner note). No fix is offered — there is no right guess — but the message gives both sides. Where a wrong total explains the imbalance, only the total is reported.`,
  },
  run(report) {
    return arithmetic(report)
      .balance.filter((b) => !b.explainedBy && b.right.resultTotal.span)
      .map((b) => balanceFinding(this, b));
  },
};
