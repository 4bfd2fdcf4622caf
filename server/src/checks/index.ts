/** The registry of checks. The engine runs them in this order; docs list them in this order. */
import type { Check } from './check';
import { cellBlank, cellInvalid } from './cells';
import { missingSection, sectionOrder } from './sections';
import { missingRow, missingTable } from './tables';
import { t3Balance, t3ResultTotal, t3RowTotal, t4Total } from './totals';
import { labelDeviation, oldFormat, tableRead } from './wording';
import { narrativeMismatch } from './narrative';
import { deadline, yearMismatch } from './years';
import { feeStatement } from './fees';
import { emptySection } from './content';
import { carryOver, copiedParagraph, inForceCount } from './crossfile';

export const CHECKS: readonly Check[] = [
  missingSection,
  sectionOrder,
  missingTable,
  missingRow,
  t3RowTotal,
  t3ResultTotal,
  t3Balance,
  t4Total,
  cellBlank,
  cellInvalid,
  tableRead,
  labelDeviation,
  oldFormat,
  narrativeMismatch,
  yearMismatch,
  deadline,
  feeStatement,
  emptySection,
  carryOver,
  inForceCount,
  copiedParagraph,
];

export function checkByCode(code: string): Check | undefined {
  return CHECKS.find((c) => c.code === code);
}

export type { Check, CheckContext, CheckOptions } from './check';
