/** table-read: what the reader could not read for sure in a pasted table, or recovered from its arithmetic. */
import { tableTitle, type Text } from '../format/standard';
import type { ReadReason } from '../model/report';
import { defineCheck, finding } from './check';
import { defineMessages } from './messages';

/** What the readers could not read, by reason (model/report.ts ReadReason); each message follows the table's name. */
const REASONS = {
  extraCellsFirst: {
    zh: '“{row}”一行有 {count} 个单元格，应为 {width} 个；已按前 {width} 个读取，多出的“{extra}”不属于任何一列，未计入',
    en: 'Row “{row}” has {count} cells, expected {width}; the first {width} were read and the extra “{extra}” ignored',
  },
  extraCellsLast: {
    zh: '“{row}”一行有 {count} 个单元格，应为 {width} 个；已按最后 {width} 个读取，多出的“{extra}”不属于任何一列，未计入',
    en: 'Row “{row}” has {count} cells, expected {width}; the last {width} were read and the extra “{extra}” ignored',
  },
  fewerCells: {
    zh: '“{row}”一行只有 {count} 个数，应为 {width} 个，无法确定缺的是哪一列',
    en: 'Row “{row}” has {count} values, expected {width}; which column is missing cannot be told',
  },
  alignedCells: {
    zh: '“{row}”一行只有 {count} 个单元格，应为 {width} 个；按表头对齐读取，缺的格未读取',
    en: 'Row “{row}” has {count} cells, expected {width}; read aligned to the header, the absent cells not read',
  },
  gluedByRow: {
    zh: '“{row}”一行的数字粘连在一起（“{shown}”），按本行“总计 = 各列之和”唯一拆分为 {reading}；请核对，并在各数之间加上分隔',
    en: 'Row “{row}” has its digits glued together (“{shown}”); the row total makes one split unique: {reading} — please check and separate the numbers',
  },
  gluedByColumns: {
    zh: '“{row}”一行的数字粘连在一起（“{shown}”），按本行“总计 = 各列之和”和各列的勾稽关系唯一拆分为 {reading}；请核对，并在各数之间加上分隔',
    en: 'Row “{row}” has its digits glued together (“{shown}”); the row total and the column rules make one split unique: {reading} — please check and separate the numbers',
  },
  gluedNoSplit: {
    zh: '“{row}”一行的数字粘连在一起（“{shown}”），没有一种拆分符合“总计 = 各列之和”，无法确定，未读取该行；请在各数之间加上分隔',
    en: 'Row “{row}” has its digits glued together (“{shown}”) and no split satisfies the row total; the row was not read — please separate the numbers',
  },
  gluedTooMany: {
    zh: '“{row}”一行的数字粘连在一起（“{shown}”），可能的拆分太多，无法确定，未读取该行；请在各数之间加上分隔',
    en: 'Row “{row}” has its digits glued together (“{shown}”) and there are too many possible splits; the row was not read — please separate the numbers',
  },
  gluedSeveral: {
    zh: '“{row}”一行的数字粘连在一起（“{shown}”），有 {count} 种拆分都符合勾稽关系（如 {examples}），无法确定，未读取该行；请在各数之间加上分隔',
    en: 'Row “{row}” has its digits glued together (“{shown}”) and {count} splits satisfy the arithmetic (e.g. {examples}); the row was not read — please separate the numbers',
  },
  gluedTooLong: {
    zh: '“{row}”一行是一串 {digits} 位的数字（“{shown}”），比 7 个数能有的位数还多，无法拆分，未读取该行；请在各数之间加上分隔',
    en: 'Row “{row}” is a run of {digits} digits (“{shown}”), more than seven numbers can have; the row was not read — please separate the numbers',
  },
  displacedRecovered: {
    zh: '“{row}”的行名与数字分开了（多见于从 PDF 复制）：按标准行序，这 7 个数 {numbers} 属于该行，行合计和各列勾稽关系都成立；请核对',
    en: 'Row “{row}” stands apart from its numbers (as PDF copies give them): in the standard row order the seven numbers {numbers} are its, and the row total and column rules hold — please check',
  },
  orphans: {
    zh: '有 {count} 个数不在任何标准行名之后（行名写得与标准相差太远，或行名与数字错位，如从 PDF 复制），无法确定属于哪些行，未读取；请按标准表格核对',
    en: '{count} numbers follow no standard row label (a label too far from the standard wording, or labels and numbers displaced, as in PDF copies); which rows they belong to cannot be told, so they were not read — please check against the standard table',
  },
  t4InterleavedRecovered: {
    zh: '数字与栏目名交错（多见于从 PDF 复制），按原顺序读不通各组“总计 = 维持 + 纠正 + 其他 + 尚未审结”；按各组总计唯一确定为：{reading}，请核对',
    en: 'the numbers are interleaved with the headers (as PDF copies give them) and in order they break the group totals; the group totals make one reading unique: {reading} — please check',
  },
  t4InterleavedNone: {
    zh: '数字与栏目名交错（多见于从 PDF 复制），无法确定各数属于哪一栏（没有一种排列符合各组总计），未读取表四的数字；请按标准表格重新填写',
    en: 'the numbers are interleaved with the headers (as PDF copies give them) and no order fits the group totals; Table 4’s numbers were not read — please re-enter the standard table',
  },
  t4InterleavedSeveral: {
    zh: '数字与栏目名交错（多见于从 PDF 复制），无法确定各数属于哪一栏（有 {count} 种排列都符合各组总计），未读取表四的数字；请按标准表格重新填写',
    en: 'the numbers are interleaved with the headers (as PDF copies give them) and {count} orders fit the group totals; Table 4’s numbers were not read — please re-enter the standard table',
  },
  t4TooFew: { zh: '应有 15 个数，只读到 {count} 个', en: '15 numbers are needed; only {count} were found' },
  t4TooMany: {
    zh: '应有 15 个数，读到 {count} 个；多出的“{extra}”不属于任何一栏，未计入',
    en: '15 numbers are needed; {count} were found and the extra “{extra}” ignored',
  },
  t4GluedRecovered: {
    zh: '数字粘连在一起（“{shown}”），按各组“总计 = 维持 + 纠正 + 其他 + 尚未审结”唯一拆分为：{reading}；请核对，并在各数之间加上分隔',
    en: 'the digits are glued together (“{shown}”); the group totals make one split unique: {reading} — please check and separate the numbers',
  },
  t4GluedNone: {
    zh: '数字粘连在一起（“{shown}”），没有一种拆分符合各组总计，无法确定，未读取表四的数字；请在各数之间加上分隔',
    en: 'the digits are glued together (“{shown}”) and no split fits the group totals; Table 4’s numbers were not read — please separate the numbers',
  },
  t4GluedSeveral: {
    zh: '数字粘连在一起（“{shown}”），有 {count} 种拆分都符合各组总计，无法确定，未读取表四的数字；请在各数之间加上分隔',
    en: 'the digits are glued together (“{shown}”) and {count} splits fit the group totals; Table 4’s numbers were not read — please separate the numbers',
  },
} satisfies Record<ReadReason, Text>;

/** The catalog: each reason after the table's name (表三：…). */
const MESSAGES = defineMessages(
  Object.fromEntries(Object.entries(REASONS).map(([id, t]) => [id, { zh: `{table}：${t.zh}`, en: `{table}: ${t.en}` }])) as Record<ReadReason, Text>,
);

export const tableRead = defineCheck({
  code: 'table-read',
  severity: 'warning',
  tag: 'derived',
  title: { zh: '表格有读不准的行', en: 'Table row could not be read' },
  docs: {
    zh: '粘贴来的表格有时缺格、多格，相邻格的数字粘在一起（713000074），或者行名与数字错位（从 PDF 复制）。能由表格自身的勾稽关系唯一确定时照此读取，并以“信息”级别提示读出的数；不能确定时如实报告（警告），该行不读取，不猜测。“转换为标准表格”可把读出的数写成标准表格。',
    en: 'Pasted tables sometimes lose or gain cells, glue neighbouring digits together (713000074), or separate labels from their numbers (PDF copies). Where the table’s own arithmetic makes the reading unique it is used and reported as information, with the numbers; otherwise the row is reported as unreadable (a warning) and not read — never guessed. “Convert to the standard table” writes out what was read.',
  },
  messages: MESSAGES,
  fixes: [],
  run(report) {
    return Object.values(report.tables).flatMap((table) =>
      (table?.problems ?? []).map((p) =>
        finding(this, p.span.range, p.reason, { table: tableTitle(table!.id), ...p.args }, {
          data: { table: table!.id, kind: p.kind, reason: p.reason, row: p.rowKey, ...(p.recovered ? { recovered: p.recovered } : {}) },
          // A reading recovered from the arithmetic is information (the numbers are read, and the
          // message gives them); a row that could not be read is a warning.
          ...(p.recovered ? { severity: 'information' as const } : {}),
        }),
      ),
    );
  },
});
