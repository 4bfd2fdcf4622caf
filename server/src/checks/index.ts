/** The registry of checks. The engine runs them in this order; docs list them in this order. */
import type { Check } from './check';
import { missingSection } from './missing-section';
import { sectionOrder } from './section-order';
import { missingTable } from './missing-table';
import { missingRow } from './missing-row';
import { cellMistyped, t3Balance, t3ResultTotal, t3RowTotal, t4Total } from './totals';
import { cellBlank } from './cell-blank';
import { cellInvalid } from './cell-invalid';
import { tableRead } from './table-read';
import { labelDeviation } from './label-deviation';
import { oldFormat } from './old-format';
import { otherDocument } from './other-document';
import { narrativeMismatch } from './narrative-mismatch';
import { scopeMismatch } from './scope-mismatch';
import { yearMismatch } from './year-mismatch';
import { deadline } from './deadline';
import { feeStatement } from './fee-statement';
import { feeNotice } from './fee-notice';
import { feeBreakdown } from './fee-breakdown';
import { feeVsTable2 } from './fee-vs-table2';
import { amountDecimals } from './amount-decimals';
import { emptySection } from './empty-section';
import { carryOver } from './carry-over';
import { inForceCount } from './in-force-count';
import { copiedParagraph } from './copied-paragraph';
import { unusedDisable } from './unused-disable';
import { overviewLength } from './overview-length';
import { overviewCounts } from './overview-counts';
import { sectionSixItems } from './section-six-items';
import { basisCitation } from './basis-citation';
import { sectionCountClaim } from './section-count-claim';
import { duplicateText } from './duplicate-text';

export const CHECKS: readonly Check[] = [
  missingSection,
  sectionOrder,
  missingTable,
  missingRow,
  t3RowTotal,
  t3ResultTotal,
  t3Balance,
  t4Total,
  cellMistyped,
  cellBlank,
  cellInvalid,
  tableRead,
  labelDeviation,
  oldFormat,
  otherDocument,
  narrativeMismatch,
  scopeMismatch,
  yearMismatch,
  basisCitation,
  sectionCountClaim,
  deadline,
  feeStatement,
  feeNotice,
  feeBreakdown,
  feeVsTable2,
  amountDecimals,
  emptySection,
  carryOver,
  inForceCount,
  copiedParagraph,
  duplicateText,
  overviewLength,
  overviewCounts,
  sectionSixItems,
  unusedDisable,
];

export type { Check, CheckContext, CheckOptions } from './check';
