/**
 * Checks across files, against last year's report of the same unit when it is
 * at hand (CheckContext.others): carry-over, in-force-count, copied-paragraph.
 */
import { T3_COLUMNS, T3_ROWS, TABLE2, type Text } from '../format/standard';
import type { Cell, Finding, Range, RelatedInfo, Report } from '../model/report';
import { finding, formatNumber, setCellEdit, type Check, type CheckContext } from './check';
import { documentSpan, sentencesOf } from './narrative';
import { reportYear } from './years';

// ---------------------------------------------------------------------------
// Last year's report
// ---------------------------------------------------------------------------

/** A unit name for comparison: no spaces or Markdown, half-width, without a trailing 人民政府. */
export function unitKey(unit: string): string {
  return unit
    .normalize('NFKC')
    .replace(/[\s#*]/g, '')
    .replace(/人民政府$/, '');
}

/** Same unit: one name ends with the other (洪泽区人民政府 / 淮安市洪泽区人民政府; 文水县 / 文水县人民政府). */
export function sameUnit(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const ka = unitKey(a);
  const kb = unitKey(b);
  const [short, long] = ka.length <= kb.length ? [ka, kb] : [kb, ka];
  return short.length >= 2 && long.endsWith(short);
}

export interface LastYear {
  uri: string;
  report: Report;
  year: number;
}

/** Last year's report of the same unit among the others, if any. */
export function lastYearReport(report: Report, context: CheckContext): LastYear | undefined {
  const year = reportYear(report);
  const unit = report.title?.unit;
  if (year === undefined || !unit) return undefined;
  for (const other of context.others ?? []) {
    if (other.report === report) continue;
    if (reportYear(other.report) !== year - 1) continue;
    if (!sameUnit(unit, other.report.title?.unit)) continue;
    return { uri: other.uri, report: other.report, year: year - 1 };
  }
  return undefined;
}

/** Related information in another file. The LSP layer maps `uri` to a Location. */
export function relatedIn(uri: string, range: Range, message: Text): RelatedInfo {
  const info = { range, message, uri };
  return info;
}

const isNumber = (cell: Cell | undefined): cell is Cell & { value: number } => !!cell && cell.state === 'number' && cell.value !== null;
const lastLabel = (last: LastYear) => ({ zh: `${last.year} 年报告`, en: `the ${last.year} report` });

// ---------------------------------------------------------------------------
// carry-over
// ---------------------------------------------------------------------------

const CARRIED = T3_ROWS.find((r) => r.key === 'carried')!;
const CARRY_NEXT = T3_ROWS.find((r) => r.key === 'carryNext')!;

export const carryOver: Check = {
  code: 'carry-over',
  severity: 'error',
  tag: 'derived',
  title: { zh: '上年结转与上年报告不符', en: 'Carry-over differs from last year' },
  docs: {
    zh: `本年表三“${CARRIED.label}”每一列应等于上年报告表三“${CARRY_NEXT.label}”的同一列。工作区中有同一单位上一年度的报告时核对（单位名称一个以另一个结尾即视为同一单位，如“洪泽区人民政府”与“淮安市洪泽区人民政府”）。提示标在本年的单元格上，相关信息指向上年报告中的单元格。`,
    en: `This year’s Table 3 “${CARRIED.label}” equals last year’s “${CARRY_NEXT.label}”, column by column. Checked when last year’s report of the same unit is in the workspace (names match when one ends with the other). The finding sits on this year’s cell; related information points at last year’s.`,
  },
  run(report, context) {
    const last = lastYearReport(report, context);
    const row = report.tables.t3?.rows.get('carried');
    const lastRow = last?.report.tables.t3?.rows.get('carryNext');
    if (!last || !row || !lastRow) return [];
    const findings: Finding[] = [];
    T3_COLUMNS.forEach((column, i) => {
      const cell = row.cells[i];
      const before = lastRow.cells[i];
      if (!isNumber(cell) || !isNumber(before) || !cell.span || cell.value === before.value) return;
      const edit = setCellEdit(cell, before.value);
      findings.push(
        finding(
          this,
          cell.span.range,
          {
            zh: `“二、上年结转”${column.label}列为 ${formatNumber(cell.value)}，上年报告（${last.year} 年）“四、结转下年度继续办理”为 ${formatNumber(before.value)}，两者应相等`,
            en: `二、上年结转 (${column.en}) is ${formatNumber(cell.value)}, but last year’s report (${last.year}) carried ${formatNumber(before.value)} over (四、结转下年度继续办理)`,
          },
          {
            related: before.span
              ? [relatedIn(last.uri, before.span.range, { zh: `${lastLabel(last).zh}“四、结转下年度继续办理”${column.label}：${formatNumber(before.value)}`, en: `${lastLabel(last).en}, 四 (${column.en}): ${formatNumber(before.value)}` })]
              : [],
            data: { column: i, expected: before.value, actual: cell.value, lastYear: last.year, lastUri: last.uri },
            fixes: edit ? [{ title: { zh: `改为上年结转下年度的 ${formatNumber(before.value)}`, en: `Set to last year’s ${formatNumber(before.value)}` }, kind: 'quickfix', edits: [edit] }] : [],
          },
        ),
      );
    });
    return findings;
  },
};

// ---------------------------------------------------------------------------
// in-force-count
// ---------------------------------------------------------------------------

const DOC_ROWS = TABLE2.blocks[0].rows;

export const inForceCount: Check = {
  code: 'in-force-count',
  severity: 'warning',
  tag: 'heuristic',
  title: { zh: '现行有效件数与上年不衔接', en: 'In-force count does not follow from last year' },
  docs: {
    zh: '表二“规章”“行政规范性文件”的现行有效件数，一般等于上年报告的现行有效件数 + 本年制发件数 − 本年废止件数。工作区中有同一单位上一年度的报告时核对；文件到期自动失效或经清理调整也会造成差异，所以只作提醒，宜在正文中说明原因。',
    en: 'Table 2 in-force counts (规章, 行政规范性文件) normally equal last year’s in-force count + issued − repealed this year. Checked when last year’s report of the same unit is at hand; documents expiring or a clean-up can explain a difference, so this is a warning to explain it in the text.',
  },
  run(report, context) {
    const last = lastYearReport(report, context);
    const t2 = report.tables.t2;
    const lastT2 = last?.report.tables.t2;
    if (!last || !t2 || !lastT2 || t2.format === '2019' || lastT2.format === '2019') return [];
    const findings: Finding[] = [];
    for (const spec of DOC_ROWS) {
      const [issued, repealed, inForce] = t2.rows.get(spec.key)?.cells ?? [];
      const before = lastT2.rows.get(spec.key)?.cells[2];
      if (!isNumber(issued) || !isNumber(repealed) || !isNumber(inForce) || !isNumber(before) || !inForce.span) continue;
      const expected = before.value + issued.value - repealed.value;
      if (expected === inForce.value) continue;
      const sum = `${formatNumber(before.value)} + ${formatNumber(issued.value)} − ${formatNumber(repealed.value)} = ${formatNumber(expected)}`;
      findings.push(
        finding(
          this,
          inForce.span.range,
          {
            zh: `“${spec.label}”现行有效件数为 ${formatNumber(inForce.value)}，按上年报告推算应为 ${sum}（上年现行有效 + 本年制发 − 本年废止）；如有文件到期失效或清理调整，请在正文中说明`,
            en: `“${spec.label}” in force is ${formatNumber(inForce.value)}; from last year’s report it would be ${sum} (last year in force + issued − repealed). If documents expired or were cleaned up, say so in the text`,
          },
          {
            related: before.span
              ? [relatedIn(last.uri, before.span.range, { zh: `${lastLabel(last).zh}“${spec.label}”现行有效件数：${formatNumber(before.value)}`, en: `${lastLabel(last).en}, ${spec.en} in force: ${formatNumber(before.value)}` })]
              : [],
            data: { row: spec.key, expected, actual: inForce.value, lastYear: last.year },
          },
        ),
      );
    }
    return findings;
  },
};

// ---------------------------------------------------------------------------
// copied-paragraph
// ---------------------------------------------------------------------------

/** Copied text shorter than this (characters, whitespace removed) is not reported. */
export const COPY_MIN_LENGTH = 40;

interface Corpus {
  text: string;
  /** Document offset of each character of text (-1 at block separators). */
  offsets: number[];
}

function corpusOf(report: Report): Corpus {
  let text = '';
  const offsets: number[] = [];
  const seen = new Set<unknown>();
  for (const s of sentencesOf(report)) {
    if (seen.has(s.compact)) continue;
    seen.add(s.compact);
    text += s.compact.text + '\u0000';
    offsets.push(...s.compact.offsets, -1);
  }
  return { text, offsets };
}

export const copiedParagraph: Check = {
  code: 'copied-paragraph',
  severity: 'information',
  tag: 'heuristic',
  title: { zh: '与上年报告逐字相同', en: 'Copied from last year' },
  docs: {
    zh: `标出与同一单位上一年度报告逐字相同的段落或连续语句（去掉空白后不少于 ${COPY_MIN_LENGTH} 字），相关信息链接到上年报告中的原文。照搬去年的文字容易留下过时的情况和数字，请逐段核实。报告正文前的引言（编制依据、统计期限、联系方式等固定表述）不计。`,
    en: `Marks paragraphs or runs of sentences identical, word for word, to last year’s report of the same unit (at least ${COPY_MIN_LENGTH} characters, whitespace removed), linking the source. Text copied from last year tends to keep stale facts and figures. The front matter before section I (basis, period, contacts) is not considered.`,
  },
  run(report, context) {
    const last = lastYearReport(report, context);
    if (!last) return [];
    const corpus = corpusOf(last.report);
    const findings: Finding[] = [];
    const sentences = sentencesOf(report).filter((s) => s.block.section);
    let i = 0;
    while (i < sentences.length) {
      const first = sentences[i];
      let j = i - 1;
      let run = '';
      // Extend the run while it still occurs in last year's text (within one block).
      while (j + 1 < sentences.length && sentences[j + 1].block === first.block) {
        const candidate = first.compact.text.slice(first.start, Math.min(sentences[j + 1].end + 1, first.compact.text.length));
        if (!corpus.text.includes(candidate)) break;
        run = candidate;
        j++;
      }
      if (j < i || run.replace(/[。！？!?；;，,、]/g, '').length < COPY_MIN_LENGTH) {
        i++;
        continue;
      }
      const a = first.start;
      const b = a + run.length;
      const here = documentSpan(first.compact, a, b);
      const at = corpus.text.indexOf(run);
      const from = corpus.offsets[at];
      const to = corpus.offsets[at + run.length - 1] + 1;
      const whole = a === 0 && b >= first.compact.text.length;
      findings.push(
        finding(
          this,
          { start: report.positionAt(here.start), end: report.positionAt(here.end) },
          whole
            ? { zh: `本段与上年（${last.year} 年）报告逐字相同（${run.length} 字），请核实内容是否仍然适用`, en: `This paragraph is word for word the same as last year’s (${last.year}) report (${run.length} characters); check it still holds` }
            : { zh: `这段文字（${run.length} 字）与上年（${last.year} 年）报告逐字相同，请核实内容是否仍然适用`, en: `This text (${run.length} characters) is word for word the same as last year’s (${last.year}) report; check it still holds` },
          {
            related: [
              relatedIn(
                last.uri,
                { start: last.report.positionAt(from), end: last.report.positionAt(to) },
                { zh: `${lastLabel(last).zh}中的原文`, en: `The text in ${lastLabel(last).en}` },
              ),
            ],
            data: { length: run.length, lastYear: last.year, lastUri: last.uri, whole },
          },
        ),
      );
      i = j + 1;
    }
    return findings;
  },
};
