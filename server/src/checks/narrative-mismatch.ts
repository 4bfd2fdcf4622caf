/**
 * narrative-mismatch: numbers the prose states, compared with the table cell or
 * sum they refer to (正文称收到申请 8 件，表三“一、本年新收”总计为 15), and the
 * claims 均获维持 / 全部办结 checked against Tables 4 and 3. The claims are read
 * by parse/claims.ts; this module compares them and says what it finds.
 */
import { T3_COLUMNS, T3_ROWS, T3_TOTAL_COLUMN, T4_COLUMNS, T4_GROUPS, T4_TOTAL_COLUMN, type Text } from '../format/standard';
import { correctedValue, inDoubt } from '../model/arithmetic';
import { isNumberCell as isNumber, type Cell, type Finding, type RelatedInfo, type Report } from '../model/report';
import { T2_COUNT_ROWS, isMismatch, readClaims, resolve, t2Row, t3Label, t3Rows, t4Group, type Claim, type Ref, type Resolved } from '../parse/claims';
import type { Sentence } from '../parse/prose';
import { defineCheck, finding, fix, silencing } from './check';
import { defineMessages, list, say } from './messages';

const MESSAGES = defineMessages({
  mismatch: { zh: '正文称{name} {stated} 件，{figure}为 {expected}{equals}', en: 'The text says {stated} ({name}); {figure} is {expected}{equals}' },
  equals: { zh: '；{stated} 恰是{what}', en: '; {stated} is {what}' },
  notAllClosed: {
    zh: '正文称“{text}”，但表三“四、结转下年度继续办理”总计为 {carried}',
    en: 'The text says all requests were closed (“{text}”), but Table 3 四、结转下年度继续办理 total is {carried}',
  },
  notAllUpheld: { zh: '正文称“{text}”，但表四有{outcomes}', en: 'The text says all were upheld (“{text}”), but Table 4 has {outcomes}' },
  notNone: { zh: '正文称“{text}”，但表四{counts}', en: 'The text says there were none (“{text}”), but Table 4 has {counts}' },
  groupTotal: { zh: '“{group}”总计为 {value}', en: '{group} total {value}' },
  outcome: { zh: '{group}{column} {value} 件', en: '{group}: {column} {value}' },
  // What a wrong number is, instead.
  oneColumn: { zh: '“{column}”一列的数', en: 'the {column} column alone' },
  oneItem: { zh: '其中“{item}”一项的数，正文可能只统计了这一项', en: 'the item “{item}” alone: the text may count only that item' },
  onlyRow: { zh: '只计“{row}”、未计{rest}的数', en: '“{row}” alone, without {rest}' },
  newAndCarried: { zh: '一+二之和（含上年结转）', en: 'new + carried over (一+二)' },
  rowTotal: { zh: '“{row}”总计', en: 'the {row} total' },
  resultRow: { zh: '“{row}”一行的总计', en: 'the total of row “{row}”' },
  t4Total: { zh: '表四“{group}”总计', en: 'the Table 4 “{group}” total' },
  t4Cell: { zh: '表四“{group}”的“{column}”', en: 'Table 4 “{group}”, {column}' },
  t2Cell: { zh: '表二“{row}”的“{column}”', en: 'Table 2 “{row}”, {column}' },
  t2Single: { zh: '表二“{row}”的数', en: 'Table 2 “{row}”' },
  // Fix.
  setProse: { zh: '将正文的 {stated} 改为 {expected}', en: 'Change {stated} in the text to {expected}' },
});

// ---------------------------------------------------------------------------
// What a wrong number is instead
// ---------------------------------------------------------------------------

interface Candidate {
  value: number;
  what: Text;
}

/** Table 3 rows named when a stated number equals their total (besides the claim's own figure). */
const NAMED_T3: readonly string[][] = [['new', 'carried'], ['resultTotal'], ['new'], ['carried'], ['carryNext'], ['disclosed']];

/** Figures of the tables a stated number may have been taken from, most telling first. */
function candidates(report: Report, ref: Ref, doc: string | undefined): Candidate[] {
  const out: Candidate[] = [];
  const add = (value: number | undefined, what: Text) => {
    if (value !== undefined) out.push({ value, what });
  };
  const t3 = report.tables.t3;
  const total = (key: string) => resolve(report, { table: 't3', rows: [key] })?.value;
  if (ref.table === 't3' && t3) {
    // One applicant column of the same row.
    if (ref.rows.length === 1 && t3Rows(ref.rows[0]).length === 1) {
      const row = t3.rows.get(ref.rows[0]);
      row?.cells.slice(0, T3_TOTAL_COLUMN).forEach((cell, i) => {
        if (isNumber(cell)) add(cell.value, say(MESSAGES.oneColumn, { column: { zh: T3_COLUMNS[i].label, en: T3_COLUMNS[i].en } }));
      });
    }
    // One of the rows a sum adds up (一 without 二, （一）予以公开 without （二）部分公开).
    if (ref.rows.length > 1)
      for (const key of ref.rows)
        add(total(key), say(MESSAGES.onlyRow, { row: t3Label(key), rest: list(ref.rows.filter((k) => k !== key).map((k) => `“${t3Label(k)}”`)) }));
    // One item of a group.
    for (const key of ref.rows)
      if (t3Rows(key).length > 1) for (const item of t3Rows(key)) add(total(item), say(MESSAGES.oneItem, { item: t3Label(item) }));
    const refKey = ref.rows.join('+');
    for (const rows of NAMED_T3) {
      if (rows.join('+') === refKey) continue;
      const value = resolve(report, { table: 't3', rows })?.value;
      if (rows.length > 1) add(value, MESSAGES.newAndCarried);
      else add(value, rows[0] === 'resultTotal' ? { zh: '“（七）总计”', en: '（七）总计' } : say(MESSAGES.rowTotal, { row: t3Label(rows[0]) }));
    }
    for (const row of T3_ROWS)
      if (row.role === 'result' && row.key !== refKey && !ref.rows.includes(row.group ?? ''))
        add(total(row.key), say(MESSAGES.resultRow, { row: row.group ? `${t3Label(row.group)}${row.label}` : t3Label(row.key) }));
  }
  if (ref.table === 't4') {
    const key = ref.groups.join('+');
    for (const g of T4_GROUPS) if (g.key !== key) add(resolve(report, { table: 't4', groups: [g.key] })?.value, say(MESSAGES.t4Total, { group: g.label }));
    if (ref.groups.length > 1)
      for (const g of ref.groups) {
        const row = report.tables.t4?.rows.get(g);
        row?.cells.slice(0, T4_TOTAL_COLUMN).forEach((cell, i) => {
          if (isNumber(cell)) add(cell.value, say(MESSAGES.t4Cell, { group: t4Group(g).label, column: { zh: T4_COLUMNS[i].label, en: T4_COLUMNS[i].en } }));
        });
      }
  }
  if (ref.table === 't2') {
    const rowKey = ref.row === '@doc' ? doc : ref.row;
    for (const key of T2_COUNT_ROWS) {
      const spec = t2Row(key);
      if (!spec) continue;
      spec.block.columns.forEach((column, i) => {
        if (key === rowKey && i === ref.column) return;
        const what =
          spec.block.columns.length > 1
            ? say(MESSAGES.t2Cell, { row: spec.row.label, column: { zh: column.label, en: column.en } })
            : say(MESSAGES.t2Single, { row: spec.row.label });
        add(resolve(report, { table: 't2', row: key, column: i })?.value, what);
      });
    }
  }
  return out;
}

/** What the stated number equals instead, if anything telling (never for 0). */
function explain(report: Report, claim: Claim): Candidate | undefined {
  if (claim.stated === 0) return undefined;
  return candidates(report, claim.pattern.refers, claim.doc).find((c) => c.value === claim.stated);
}

// ---------------------------------------------------------------------------
// The check
// ---------------------------------------------------------------------------

function related(resolved: Resolved): RelatedInfo[] {
  return resolved.cells.filter((c) => c.cell.span).map((c) => ({ range: c.cell.span!.range, message: c.label }));
}

/** The Table 4 groups a 均获维持 sentence is about. */
function upheldGroups(sentence: Sentence): string[] {
  for (const text of [sentence.text, sentence.full]) {
    const review = /复议/.test(text.replace(/未经复议|复议后/g, ''));
    const suits = /诉讼|起诉/.test(text);
    if (review && !suits) return ['review'];
    if (suits && !review) return ['suitDirect', 'suitAfterReview'];
    if (review && suits) break;
  }
  return ['review', 'suitDirect', 'suitAfterReview'];
}

export const narrativeMismatch = defineCheck({
  code: 'narrative-mismatch',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '正文数字与表格不符', en: 'Prose contradicts the tables' },
  docs: {
    zh:
      '核对正文里明确点名的数字与它所指的表格数据：收到申请（表三“一、本年新收”总计；句中写明含上年结转时也可为一+二）、上年结转、予以公开、部分公开、不予公开、无法提供、不予处理、办结/答复（（七）总计）、结转下年度、行政复议 N 件（表四行政复议总计）、行政诉讼 N 件（两项行政诉讼总计之和）、未经复议直接起诉/复议后起诉、行政许可/行政处罚/行政强制 N 件（表二）、规范性文件制发/废止/现行有效 N 件（表二）。' +
      '提示标在正文的数字上，消息给出正文的数和表格的数；若正文的数恰好等于另一个格或另一种合计（只计了自然人一列、只计了一项、一+二、（七）总计），一并指出。“均获维持”“全部维持”对照表四的纠正、其他结果和尚未审结；“全部办结”“均已办结”对照表三“四、结转下年度继续办理”（应为 0）。' +
      '动词决定所指的合计：收到、新收、受理对应“一”；收办、共办理对应一+二；答复、办结、已回复对应（七）总计；正在办理、结转、顺延、转结下年度对应“四”。“未发生行政复议、行政诉讼”“无行政诉讼”对照表四的总计。' +
      '只在句子清楚点名数量时才核对：日期、网站发布信息条数、电话、邮编、文号（〔2021〕30号、国务院令第711号）、会议和培训次数、百分比都不会被当作表格数据；同一分句里带“备案”“同比”“较上年”“增加/减少”“占”“约”的数，“50件以上/左右”，另一级别的数（县级报告里的“全省”“市级”），以及“其中”之后的部分数，都不是表格的数，不核对。县级以上人民政府的报告里“政府办代表政府受理…”这类办公室自己的数，由“统计范围不一致”（scope-mismatch）报告。把鼠标停在核对过的数字上可看到对应的表格数据。' +
      silencing('narrative-mismatch').zh,
    en:
      'Numbers the prose names explicitly are compared with the table figure they refer to: requests received (Table 3 一 total, or 一+二 when the sentence says it includes carried-over requests), carried over, disclosed, partly disclosed, refused, unable to provide, not processed, answered (（七）总计), carried to next year, reconsiderations (Table 4), lawsuits (sum of both litigation totals), licensing/penalty/coercion decisions and normative documents issued/repealed/in force (Table 2). ' +
      'The finding sits on the number in the prose and gives both figures; when the stated number equals another cell or sum (only the natural-person column, one item, 一+二, （七）总计) it says which. “均获维持” is checked against Table 4 (corrected, other, pending) and “全部办结” against 四、结转下年度继续办理 (must be 0). ' +
      'The verb names the aggregate: 收到/新收/受理 → 一; 收办/共办理 → 一+二; 答复/办结/已回复 → （七）总计; 正在办理/结转/顺延/转结下年度 → 四. “No reconsideration / no lawsuit” is checked against the Table 4 totals. ' +
      'Only sentences that clearly name the quantity are compared: dates, counts of web posts, phone numbers, postcodes, document numbers, meetings and percentages are never read as table figures; nor are numbers whose clause says 备案 (filed for record), 同比/较上年/增加/减少 (a change), 占 (a share), 约 or 以上/左右 (an estimate), another level’s figures (全省 or 市级 in a county’s report), or a part after 其中. The office’s own figure in a government’s report (政府办代表政府受理…) is reported by scope-mismatch instead. Hovering a checked number shows the table figure. ' +
      silencing('narrative-mismatch').en,
  },
  messages: MESSAGES,
  fixes: ['setProse'],
  run(report) {
    const findings: Finding[] = [];
    const { claims, statements } = readClaims(report);
    for (const claim of claims) {
      // The office's own figure in a government's report is scope-mismatch's to say.
      if (!isMismatch(claim) || claim.scope === 'office') continue;
      const expected = claim.expected!;
      // Prose that agrees with the table as the arithmetic corrects it is right: the wrong cell is reported there.
      const corrected = expected.cells.reduce<number | null>((sum, c) => (sum === null ? null : ((v) => (v === null ? null : sum + v))(correctedValue(report, c.cell))), 0);
      if (corrected === claim.stated) continue;
      // Changing the prose is offered only when the table's figure is sure.
      const sure = !expected.cells.some((c) => inDoubt(report, c.cell));
      const other = explain(report, claim);
      findings.push(
        finding(
          this,
          claim.range,
          'mismatch',
          {
            name: claim.pattern.name,
            stated: claim.stated,
            figure: expected.label,
            expected: expected.value,
            equals: other ? say(MESSAGES.equals, { stated: claim.stated, what: other.what }) : '',
          },
          {
            related: related(expected),
            data: { claim: claim.pattern.id, stated: claim.stated, expected: expected.value, ...(other ? { equals: other.what.zh } : {}) },
            fixes: sure ? [fix(this, 'setProse', { stated: claim.stated, expected: expected.value }, [{ range: claim.range, newText: String(expected.value) }])] : [],
          },
        ),
      );
    }
    for (const statement of statements) {
      if (statement.pattern.id === 'all-closed') {
        const next = resolve(report, { table: 't3', rows: ['carryNext'] });
        if (!next || next.value === 0) continue;
        findings.push(
          finding(this, statement.range, 'notAllClosed', { text: statement.text, carried: next.value }, {
            related: related(next),
            data: { claim: 'all-closed', expected: 0, actual: next.value },
          }),
        );
        continue;
      }
      const t4 = report.tables.t4;
      if (!t4) continue;
      if (statement.pattern.id === 'no-cases') {
        const cells = (statement.groups ?? []).map((key) => ({ key, cell: t4.rows.get(key)?.cells[T4_TOTAL_COLUMN] })).filter((c) => isNumber(c.cell) && c.cell.value > 0);
        if (cells.length === 0) continue;
        const counts = cells.map((c) => say(MESSAGES.groupTotal, { group: { zh: t4Group(c.key).label, en: t4Group(c.key).en }, value: c.cell!.value! }));
        findings.push(
          finding(this, statement.range, 'notNone', { text: statement.text, counts: list(counts, { zh: '、', en: ', ' }) }, {
            related: cells.filter((c) => c.cell!.span).map((c, i) => ({ range: c.cell!.span!.range, message: counts[i] })),
            data: { claim: 'no-cases', groups: cells.map((c) => c.key) },
          }),
        );
        continue;
      }
      const problems: { text: Text; cell: Cell }[] = [];
      let total = 0;
      for (const key of upheldGroups(statement.sentence)) {
        const row = t4.rows.get(key);
        if (!row) continue;
        const totalCell = row.cells[T4_TOTAL_COLUMN];
        if (isNumber(totalCell)) total += totalCell.value;
        for (const i of [1, 2, 3]) {
          const cell = row.cells[i];
          if (isNumber(cell) && cell.value > 0)
            problems.push({
              text: say(MESSAGES.outcome, { group: { zh: t4Group(key).label, en: t4Group(key).en }, column: { zh: T4_COLUMNS[i].label, en: T4_COLUMNS[i].en }, value: cell.value }),
              cell,
            });
        }
      }
      if (problems.length === 0 || total === 0) continue;
      findings.push(
        finding(this, statement.range, 'notAllUpheld', { text: statement.text, outcomes: list(problems.map((p) => p.text), { zh: '、', en: ', ' }) }, {
          related: problems.filter((p) => p.cell.span).map((p) => ({ range: p.cell.span!.range, message: p.text })),
          data: { claim: 'all-upheld' },
        }),
      );
    }
    return findings;
  },
});
