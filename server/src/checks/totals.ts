/**
 * The arithmetic checks of Tables 3 and 4, all read from one diagnosis
 * (model/arithmetic.ts) of the rules declared in format/rules.ts:
 *
 *  - When one smallest set of cells explains every broken rule, each of those
 *    cells is reported, once, on the cell: a total under the rule whose total
 *    it is (t3-row-total, t3-result-total, t4-total), any other number as
 *    cell-mistyped. Its fix sets the value under which every rule holds; it is
 *    safe for fix-all.
 *  - When several equally small sets do (the leaf or the total), or none does,
 *    each broken rule is reported on its total, saying it cannot tell which
 *    cell is wrong; no fix is preferred and fix-all leaves it to the clerk.
 */
import { BALANCE_FORMULA, RULES, instanceWords, type RuleId, type RuleTable } from '../format/rules';
import {
  arithmetic,
  breaksARule,
  computedTotal,
  instancesOf,
  wordsOf,
  type ArithmeticCell,
  type BoundInstance,
  type Correction,
  type TableArithmetic,
} from '../model/arithmetic';
import type { Cell, Finding, RelatedInfo, Report } from '../model/report';
import { claimsBrokenBy } from '../parse/claims';
import { defineCheck, finding, fix, formatNumber, setCellEdit, type Check } from './check';
import { defineMessages, list, say } from './messages';

/** The words of every message of the arithmetic checks (one catalog: the five checks say the same things of different cells). */
const MESSAGES = defineMessages({
  // A total the diagnosis found wrong, alone.
  wrongTotal: {
    zh: '{where}填的是 {actual}，应为 {expected}（{terms} = {expected}）{also}{together}',
    en: '{where} is {actual} in the table; it should be {expected} ({terms} = {expected}){also}{together}',
  },
  also: { zh: '；改正后{rules}也成立', en: '; correcting it also makes {rules} hold' },
  // Any cell the diagnosis found wrong.
  wrongCell: {
    zh: '“{row}”一行“{column}”列填的是 {actual}；若为 {value}，{rules}{all}成立{together}',
    en: 'Row “{row}”, column {column} is {actual} in the table; with {value}, {rules} all hold{together}',
  },
  everySum: { zh: '表中各项合计', en: 'the table’s sums' },
  together: { zh: '（与{others}一并改正）', en: ' (together with {others})' },
  disputed: { zh: '{together}；但正文写的是表中现有的数，请核对是哪一处有误', en: '{together}; but the text states the figures as written, so check which is wrong' },
  cellAt: { zh: '“{row}”一行“{column}”列', en: 'row “{row}”, column {column}' },
  rowColumn: { zh: '{row}·{column}', en: '{row} · {column}' },
  rowOf: { zh: '“{row}”一行', en: 'row “{row}”' },
  columnTo: { zh: '“{column}”列改为 {value}', en: '{column} to {value}' },
  rowChanges: { zh: '“{row}”一行{columns}', en: 'row “{row}”: {columns}' },
  // A rule that does not hold, when the data cannot tell which cell is wrong.
  totalOff: {
    zh: '{where}填的是 {actual}，而 {terms} = {expected}：{why}',
    en: '{where} is {actual} in the table, but {terms} = {expected}: {why}',
  },
  balanceOff: {
    zh: '“{column}”列勾稽关系不成立：一+二 = {new} + {carried} = {left}，（七）总计+四 = {resultTotal} + {carryNext} = {right}{why}',
    en: 'Column {column} does not balance: 一+二 = {new} + {carried} = {left}, （七）+四 = {resultTotal} + {carryNext} = {right}{why}',
  },
  eitherCell: {
    zh: '无法判断是总计还是其中某一格填错，请核对',
    en: 'whether the total or one of the cells is wrong cannot be told; please check',
  },
  oneOf: { zh: '可能是{options}填错，无法判断是哪一处，请核对', en: 'the mistake may be {options}; which one cannot be told, please check' },
  oneOfBalance: { zh: '；可能是{options}填错，无法判断是哪一处', en: '; the mistake may be {options}, which one cannot be told' },
  several: { zh: '表中有多处数字对不上，请逐格核对', en: 'several numbers in the table do not add up; please check cell by cell' },
  severalBalance: { zh: '；表中有多处数字对不上', en: '; several numbers in the table do not add up' },
  or: { zh: '或', en: 'or' },
  // Related information.
  term: { zh: '{label}：{value}', en: '{label}: {value}' },
  // Fixes.
  setCell: { zh: '将此格改为 {value}', en: 'Set this cell to {value}' },
  setTotal: { zh: '将总计改为 {value}', en: 'Set the total to {value}' },
  setCells: { zh: '将{changes}', en: 'Set {changes}' },
});

type Messages = typeof MESSAGES;

/** The check that owns a cell the diagnosis found wrong: the rule whose total it is, else cell-mistyped. */
const OWNER_ORDER: RuleId[] = ['t3-result-total', 't3-row-total', 't4-total'];

function ownerOf(t: TableArithmetic, cell: ArithmeticCell): RuleId | 'cell-mistyped' {
  const totalOf = instancesOf(t, cell).filter((b) => b.total === cell && b.instance.rule !== 't3-balance');
  for (const rule of OWNER_ORDER) if (totalOf.some((b) => b.instance.rule === rule)) return rule;
  return 'cell-mistyped';
}

/** How a message names an instance, seen from a cell: 本行总计 when the cell is in that row. */
function instanceName(b: BoundInstance, from?: ArithmeticCell) {
  const rule = b.instance.rule;
  if (from && rule === 't3-row-total' && b.instance.row === from.ref.row) return { zh: '本行总计', en: 'the row total' };
  if (from && rule === 't3-result-total' && b.instance.column === from.ref.column) return { zh: '（七）总计', en: '（七）总计' };
  return say(RULES[rule].name, instanceWords(b.instance));
}

const value = (c: ArithmeticCell) => formatNumber(c.value ?? 0);

/** The cells an instance adds up, for related information, each named by what tells it apart: its column in a row, its row in a column. */
function termsRelated(t: TableArithmetic, b: BoundInstance, terms: ArithmeticCell[]): RelatedInfo[] {
  return terms
    .filter((c) => c.cell?.span)
    .map((c) => ({ range: c.cell!.span!.range, message: say(MESSAGES.term, { label: label(t, b, c), value: value(c) }) }));
}

function label(t: TableArithmetic, b: BoundInstance | undefined, c: ArithmeticCell) {
  const words = wordsOf(t, c);
  if (!b) return say(MESSAGES.rowColumn, words);
  return b.instance.rule === 't3-row-total' || b.instance.rule === 't4-total' ? words.column : words.row;
}

/** The terms of an instance, seen from its total: the other side, or both sides for the balance. */
function termsOf(b: BoundInstance): ArithmeticCell[] {
  return b.left.includes(b.total) ? b.right : b.left;
}

function where(b: BoundInstance) {
  return say(RULES[b.instance.rule].name, instanceWords(b.instance));
}

// ---------------------------------------------------------------------------
// Findings of a diagnosis
// ---------------------------------------------------------------------------

/**
 * Does the prose contradict the table as these corrections leave it? Claims on
 * the corrected cells and on the rest of the rules they take part in (a leaf
 * corrected leaves its total as written: the prose may state another total).
 */
function disputedBy(report: Report, t: TableArithmetic, corrections: Correction[]): boolean {
  const values = new Map<Cell, number>();
  for (const c of corrections)
    for (const b of instancesOf(t, c.cell))
      for (const other of [...b.left, ...b.right]) if (other.cell && other.value !== null) values.set(other.cell, other.value);
  for (const c of corrections) if (c.cell.cell) values.set(c.cell.cell, c.value);
  return claimsBrokenBy(report, values).length > 0;
}

function correctionFindings(check: Check<Messages>, report: Report, t: TableArithmetic, corrections: Correction[]): Finding[] {
  const out: Finding[] = [];
  // Prose that states the figures as they are written speaks for them: the correction is then not made unseen.
  const disputed = disputedBy(report, t, corrections);
  for (const correction of corrections) {
    const { cell } = correction;
    if (ownerOf(t, cell) !== check.code || !cell.cell?.span) continue;
    const broken = instancesOf(t, cell).filter((b) => b.state === 'broken');
    const ownBroken = broken.find((b) => b.total === cell && b.instance.rule === check.code);
    const edit = setCellEdit(cell.cell, correction.value);
    const setIt = disputed
      ? fix(check, 'setCell', { value: correction.value }, [edit], { leaves: ['narrative-mismatch'] })
      : fix(check, 'setCell', { value: correction.value }, [edit], { preferred: true, fixAll: true });
    const data = { table: t.table, row: cell.ref.row, column: cell.ref.column, actual: cell.value, expected: correction.value, rules: broken.map((b) => b.instance.rule) };
    const others = corrections.filter((c) => c !== correction);
    const together = others.length ? say(MESSAGES.together, { others: list(others.map((c) => say(MESSAGES.cellAt, wordsOf(t, c.cell)))) }) : '';
    // A total whose own terms are all right: said as the sum it should be.
    const terms = ownBroken ? termsOf(ownBroken) : [];
    if (ownBroken && !terms.some((c) => others.some((o) => o.cell === c))) {
      const rest = broken.filter((b) => b !== ownBroken);
      out.push(
        finding(
          check,
          cell.cell.span.range,
          'wrongTotal',
          {
            where: where(ownBroken),
            actual: cell.value!,
            expected: correction.value,
            terms: terms.map(value).join(' + '),
            also: rest.length ? say(MESSAGES.also, { rules: list(rest.map((b) => instanceName(b, cell))) }) : '',
            together: disputed ? say(MESSAGES.disputed, { together }) : together,
          },
          { related: termsRelated(t, ownBroken, terms), data, fixes: [setIt] },
        ),
      );
      continue;
    }
    const words = wordsOf(t, cell);
    out.push(
      finding(
        check,
        cell.cell.span.range,
        'wrongCell',
        {
          row: words.row,
          column: words.column,
          actual: cell.value!,
          value: correction.value,
          // A cell in no broken rule is corrected to keep a rule that the other corrections would break.
          rules: broken.length ? list(broken.map((b) => instanceName(b, cell))) : MESSAGES.everySum,
          all: broken.length !== 1 ? { zh: '都', en: '' } : '',
          together: disputed ? say(MESSAGES.disputed, { together }) : together,
        },
        {
          related: broken
            .map((b) => b.total)
            .filter((c, i, all) => c !== cell && all.indexOf(c) === i)
            .filter((c) => c.cell?.span)
            .map((c) => ({ range: c.cell!.span!.range, message: say(MESSAGES.term, { label: label(t, undefined, c), value: value(c) }) })),
          data,
          fixes: [setIt],
        },
      ),
    );
  }
  return out;
}

/** How an alternative is named: its row when all its cells are in one row, else its cells. */
function alternativeWords(t: TableArithmetic, alternative: Correction[]) {
  const rows = new Set(alternative.map((c) => c.cell.ref.row));
  if (alternative.length > 1 && rows.size === 1) return say(MESSAGES.rowOf, { row: wordsOf(t, alternative[0].cell).row });
  return list(alternative.map((c) => say(MESSAGES.cellAt, wordsOf(t, c.cell))));
}

/** A fix that applies one alternative correction (several cells at once), named row by row. */
function alternativeFix(check: Check<Messages>, t: TableArithmetic, b: BoundInstance, alternative: Correction[]) {
  const edits = alternative.map((c) => (c.cell.cell ? setCellEdit(c.cell.cell, c.value) : undefined));
  if (alternative.length === 1 && alternative[0].cell === b.total) return fix(check, 'setTotal', { value: alternative[0].value }, edits);
  const rows = [...new Set(alternative.map((c) => c.cell.ref.row))];
  const changes = list(
    rows.map((row) => {
      const cells = alternative.filter((c) => c.cell.ref.row === row).sort((x, y) => x.cell.ref.column - y.cell.ref.column);
      const columns = list(cells.map((c) => say(MESSAGES.columnTo, { column: wordsOf(t, c.cell).column, value: c.value })), { zh: '、', en: ', ' });
      return say(MESSAGES.rowChanges, { row: wordsOf(t, cells[0].cell).row, columns });
    }),
    { zh: '；', en: '; ' },
  );
  return fix(check, 'setCells', { changes }, edits);
}

function undecidedFindings(check: Check<Messages>, report: Report, t: TableArithmetic): Finding[] {
  const diagnosis = t.diagnosis;
  const alternatives = diagnosis.kind === 'ambiguous' ? diagnosis.alternatives : [];
  const out: Finding[] = [];
  for (const b of t.broken) {
    if (b.instance.rule !== check.code || !b.total.cell?.span) continue;
    const cells = new Set([...b.left, ...b.right]);
    const touching = alternatives.filter((a) => a.some((c) => cells.has(c.cell)));
    // An alternative the prose contradicts (it states the figure as written) is not offered as a fix.
    const undisputed = (a: Correction[]) => !disputedBy(report, t, a);
    // Few alternatives: each is a fix to choose from; many: only setting the total itself.
    const offered = (touching.length <= 3 ? touching : touching.filter((a) => a.length === 1 && a[0].cell === b.total)).filter(undisputed);
    const fixes = offered.map((a) => alternativeFix(check, t, b, a));
    if (diagnosis.kind === 'unexplained') {
      // Nothing explains the table; setting this total is offered when it breaks no rule that holds
      // (and its row was read for sure: in a row read short, an edit changes which column each number is in).
      const computed = computedTotal(b);
      if (computed !== undefined && computed >= 0 && !b.total.guessed && !breaksARule(t, b.total, computed) && undisputed([{ cell: b.total, value: computed }]))
        fixes.push(fix(check, 'setTotal', { value: computed }, [setCellEdit(b.total.cell, computed)]));
    }
    const options = list(touching.slice(0, 3).map((a) => alternativeWords(t, a)), MESSAGES.or);
    const data: Record<string, unknown> = { table: t.table, rule: b.instance.rule, row: b.instance.row, column: b.instance.column, left: b.leftSum, right: b.rightSum, alternatives: touching.length };
    if (b.instance.rule === 't3-balance') {
      const [newCell, carried] = b.left;
      const [resultTotal, carryNext] = b.right;
      const why =
        diagnosis.kind === 'unexplained' ? MESSAGES.severalBalance : touching.length > 0 && touching.length <= 3 ? say(MESSAGES.oneOfBalance, { options }) : '';
      out.push(
        finding(
          check,
          b.total.cell.span.range,
          'balanceOff',
          {
            column: wordsOf(t, b.total).column,
            new: value(newCell),
            carried: value(carried),
            left: b.leftSum!,
            resultTotal: value(resultTotal),
            carryNext: value(carryNext),
            right: b.rightSum!,
            why,
          },
          { related: termsRelated(t, b, [newCell, carried, carryNext]), data, fixes },
        ),
      );
      continue;
    }
    const terms = termsOf(b);
    const expected = computedTotal(b)!;
    Object.assign(data, { expected, actual: b.total.value });
    const why =
      diagnosis.kind === 'unexplained'
        ? MESSAGES.several
        : touching.length > 0 && touching.length <= 3
          ? say(MESSAGES.oneOf, { options })
          : MESSAGES.eitherCell;
    out.push(
      finding(
        check,
        b.total.cell.span.range,
        'totalOff',
        { where: where(b), actual: b.total.value!, terms: terms.map(value).join(' + '), expected, why },
        { related: termsRelated(t, b, terms), data, fixes },
      ),
    );
  }
  return out;
}

function findingsOf(check: Check<Messages>, report: Report, t: TableArithmetic | undefined): Finding[] {
  if (!t) return [];
  const d = t.diagnosis;
  if (d.kind === 'consistent') return [];
  if (d.kind === 'unique') return correctionFindings(check, report, t, d.corrections);
  return undecidedFindings(check, report, t);
}

function arithmeticCheck(code: RuleId | 'cell-mistyped', table: RuleTable, title: { zh: string; en: string }, docs: { zh: string; en: string }): Check<Messages> {
  const rule = code === 'cell-mistyped' ? undefined : RULES[code];
  const check: Check<Messages> = defineCheck({
    code,
    severity: 'error',
    tag: rule?.tag ?? 'derived',
    title,
    docs,
    messages: MESSAGES,
    fixes: ['setCell', 'setTotal', 'setCells'],
    run(report: Report) {
      const a = arithmetic(report);
      // cell-mistyped covers both tables: a number that is not a total can be the mistake in either.
      if (code === 'cell-mistyped') return [...findingsOf(check, report, a.t3), ...findingsOf(check, report, a.t4)];
      return findingsOf(check, report, a[table]);
    },
  });
  return check;
}

const LOCATE = {
  zh: '检查先找出最少要改几个格才能让表中所有规则同时成立：只改一格（或一组格）就能解释时，提示标在那一格上，并给出应有的值，修复和“修复全部”都会改它；有几种同样少的改法（是总计错了还是某一格错了）时，只说明哪条规则不成立，不替用户选择。',
  en: 'The check first finds the fewest cells whose correction makes every rule of the table hold at once. When one cell (or one set of cells) explains it, the finding sits on that cell with the value it should have, and the fix and fix-all set it. When several equally small corrections would do (the total or one of its cells), it says which rule fails and leaves the choice to the clerk.',
};

export const t3RowTotal = arithmeticCheck('t3-row-total', 't3', { zh: '表三行合计不符', en: 'Table 3 row total wrong' }, {
  zh: `${RULES['t3-row-total'].statement.zh}。${LOCATE.zh}`,
  en: `${RULES['t3-row-total'].statement.en}. ${LOCATE.en}`,
});
export const t3ResultTotal = arithmeticCheck('t3-result-total', 't3', { zh: '表三（七）总计不符', en: 'Table 3 （七）总计 wrong' }, {
  zh: `${RULES['t3-result-total'].statement.zh}。${LOCATE.zh}`,
  en: `${RULES['t3-result-total'].statement.en}. ${LOCATE.en}`,
});
export const t3Balance = arithmeticCheck('t3-balance', 't3', { zh: '表三勾稽关系不成立', en: 'Table 3 does not balance' }, {
  zh: `${RULES['t3-balance'].statement.zh}（表三左上角注明的勾稽关系 ${BALANCE_FORMULA}）。某个合计或某一格填错正是不平衡的原因时，只在那一格上提示；无法判断是哪一行填错时，在（七）总计格上给出两边的值和可能的几处。`,
  en: `${RULES['t3-balance'].statement.en} (the table’s corner note). Where one wrong cell explains the imbalance, only that cell is reported; where it cannot be told which row is wrong, the finding on （七）总计 gives both sides and the possible places.`,
});
export const t4Total = arithmeticCheck('t4-total', 't4', { zh: '表四总计不符', en: 'Table 4 group total wrong' }, {
  zh: `${RULES['t4-total'].statement.zh}。表四每一格只属于一条规则，总计对不上时无法判断是总计还是某一项填错，所以只提示、不替用户选择；“将总计改为……”可一键改正。`,
  en: `${RULES['t4-total'].statement.en}. Each cell of Table 4 is in one rule only, so when a total does not add up it cannot be told whether the total or an item is wrong: the finding says so, and “set the total” is offered without being preferred.`,
});
export const cellMistyped = arithmeticCheck('cell-mistyped', 't3', { zh: '单元格数字可能填错', en: 'Number likely mistyped' }, {
  zh: `表三、表四中不是合计的某一格填错，使本行总计、（七）总计或勾稽关系不成立。${LOCATE.zh}例如“（一）予以公开”的“自然人”填成 21，本行总计和（七）总计都按 20 算：提示标在 21 上，而不是两个正确的合计上。`,
  en: `A number in Table 3 or 4 that is not a total is wrong, and breaks its row total, （七）总计 or the balance. ${LOCATE.en} For example 21 typed for 20 under （一）予以公开 × 自然人, with both totals counting 20: the finding sits on the 21, not on the two right totals.`,
});
