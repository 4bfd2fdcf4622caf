/**
 * The row of one report on the reviewer's desk: who (unit, year), which
 * format, what scope its tables count, the key figures read from the report
 * model, the counts of findings and every finding placed in the report's own
 * words with its line. Made in the worker from the analysis (cli/review-file.ts):
 * only this small row crosses back, never the text.
 */
import { scopeMismatch } from '../checks/scope-mismatch';
import type { RuleSettings } from '../checks/options';
import { effectiveRule } from '../config/rules';
import type { Part } from '../engine/analyze';
import { extractReport, type Extract } from '../extract';
import { T3_TOTAL_COLUMN, T4_TOTAL_COLUMN, type Text } from '../format/standard';
import { isNumberCell, type Cell, type Finding, type Report, type Severity } from '../model/report';
import { feesCollected, inYuan, noFeeCollected } from '../parse/fees';
import { reportYear } from '../parse/dates';
import { isGovernmentUnit } from '../parse/units';
import type { RowSimilarity } from './across';
import { REVIEW } from './messages';

type Scope = 'own-organ' | 'area-wide';

/** A finding as the reviewer reads it: the line (from 1) and column in the draft, where in the report's words, what is wrong. */
export interface ReviewProblem {
  line: number;
  column: number;
  code: string;
  severity: Severity;
  where?: Text;
  message: Text;
  /** For a Word document or a web page: where it stands in the original (第 12 段). */
  place?: Text;
}

const cellValue = (cell: Cell | undefined): number | null => (isNumberCell(cell) ? cell.value : null);
const t3Total = (key: string) => (r: Report) => cellValue(r.tables.t3?.rows.get(key)?.cells[T3_TOTAL_COLUMN]);
const t4Total = (...keys: string[]) => (r: Report) => {
  const values = keys.map((key) => cellValue(r.tables.t4?.rows.get(key)?.cells[T4_TOTAL_COLUMN]));
  return values.some((v) => v === null) ? null : values.reduce((a: number, b) => a + b!, 0);
};

/** 信息处理费 in yuan, as section 六 states it: the amounts collected, 0 when it says none was, else unknown. */
function processingFee(report: Report): number | null {
  const collected = feesCollected(report);
  if (collected.length) return collected.reduce((sum, q) => sum + inYuan(q), 0);
  return noFeeCollected(report).length ? 0 : null;
}

/** The key figures of a row, in column order: each named by its header and read from the model. */
export const FIGURES = [
  { key: 'received', header: REVIEW.received, read: t3Total('new') },
  { key: 'carried', header: REVIEW.carried, read: t3Total('carried') },
  { key: 'resultTotal', header: REVIEW.resultTotal, read: t3Total('resultTotal') },
  { key: 'carryNext', header: REVIEW.carryNext, read: t3Total('carryNext') },
  { key: 'reconsideration', header: REVIEW.reconsideration, read: t4Total('review') },
  { key: 'litigation', header: REVIEW.litigation, read: t4Total('suitDirect', 'suitAfterReview') },
  // 现行有效件数 is the third column of 行政规范性文件 in the 2021 layout only (2019: 对外公开总数量).
  { key: 'inForce', header: REVIEW.inForce, read: (r: Report) => (r.tables.t2?.format === '2019' ? null : cellValue(r.tables.t2?.rows.get('normative')?.cells[2])) },
  { key: 'processingFee', header: REVIEW.processingFee, read: processingFee },
] as const;

type FigureKey = (typeof FIGURES)[number]['key'];

/** What the worker makes of one report of a file. */
export interface ReportSummary {
  /** 1-based index of the report in its file, when the file holds several. */
  part?: number;
  unit: string | null;
  year: number | null;
  format: '2021' | '2019';
  scope: Scope;
  /** Declared in the configuration or the front matter, not guessed from the unit name. */
  scopeDeclared: boolean;
  figures: Record<FigureKey, number | null>;
  counts: { error: number; warning: number; information: number };
  problems: ReviewProblem[];
  /** Every cell of Tables 2–4 (extract/), for the per-table sheets and the sums. */
  cells: Pick<Extract, 'table2' | 'table3' | 'table4'>;
  /** A Word document or web page, read through the draft an import makes of it: its lines are the draft's, not the file's. */
  imported?: true;
}

/** The row of a report: its summary and the file it is in. */
export interface ReviewRow extends ReportSummary {
  file: string;
  absolute: string;
  /** 雷同 (review/across.ts, after every report is read): the share shared with other units, with last year's, and with whom. */
  similarity?: RowSimilarity;
}

/** A scope declared in front matter: `scope: area-wide` or `范围: 全县` between `---` lines at the top. */
function frontMatterScope(text: string): Scope | undefined {
  const m = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/.exec(text);
  const value = m && /^(?:scope|范围)\s*[:：]\s*(.+)$/im.exec(m[1])?.[1].trim();
  if (!value) return undefined;
  if (/^(?:area-wide|全(?:省|市|州|县|区|旗|乡|镇|地区|域))$/.test(value)) return 'area-wide';
  if (/^(?:own-organ|本机关|本单位|本部门)$/.test(value)) return 'own-organ';
  return undefined;
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

/** The problems of a report, worst first, then in reading order. */
function problemsOf(findings: readonly Finding[], lineOffset: number, places?: readonly (Text | undefined)[]): ReviewProblem[] {
  return findings
    .map((f): ReviewProblem => {
      const place = places?.[f.range.start.line + lineOffset];
      return {
        line: f.range.start.line + lineOffset + 1,
        column: f.range.start.character + 1,
        code: f.code,
        severity: f.severity,
        ...(f.where ? { where: f.where } : {}),
        message: f.message,
        ...(place ? { place } : {}),
      };
    })
    .sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || a.line - b.line || a.column - b.column);
}

/** The summaries of a file's reports, one per part. */
export function summarise(parts: readonly Part[], text: string, rules: RuleSettings | undefined, places?: readonly (Text | undefined)[]): ReportSummary[] {
  const configured = effectiveRule(scopeMismatch, rules).options.scope as 'auto' | Scope;
  const declared = configured !== 'auto' ? configured : frontMatterScope(text);
  return parts.map((p, i) => {
    const { report } = p;
    const unit = report.title?.unit ?? null;
    const problems = problemsOf(p.findings, p.startLine, places);
    const count = (s: Severity) => problems.filter((q) => q.severity === s).length;
    const { table2, table3, table4 } = extractReport(report, '');
    return {
      ...(parts.length > 1 ? { part: i + 1 } : {}),
      unit,
      year: reportYear(report) ?? null,
      format: report.tables.t2?.format === '2019' ? '2019' : report.format,
      scope: declared ?? (unit && isGovernmentUnit(unit) ? 'area-wide' : 'own-organ'),
      scopeDeclared: declared !== undefined,
      figures: Object.fromEntries(FIGURES.map((f) => [f.key, f.read(report)])) as Record<FigureKey, number | null>,
      counts: { error: count('error'), warning: count('warning'), information: count('information') + count('hint') },
      problems,
      cells: { ...(table2 ? { table2 } : {}), ...(table3 ? { table3 } : {}), ...(table4 ? { table4 } : {}) },
      ...(places ? { imported: true as const } : {}),
    };
  });
}
