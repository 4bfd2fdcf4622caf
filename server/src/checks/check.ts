/** What a check is, and the helpers every check uses to make findings and fixes. */
import type { RuleTag, Text } from '../format/standard';
import type { Cell, Finding, Fix, Range, RelatedInfo, Report, Severity, TextEdit } from '../model/report';

export interface CheckOptions {
  /** Which kind of body publishes the report, for the deadline check. */
  publisher?: 'department' | 'government' | 'auto';
}

export interface CheckContext {
  options: CheckOptions;
  /** Other reports at hand (the workspace), for checks across files. */
  others?: readonly { uri: string; report: Report }[];
  /** The URI of the report being checked, when it has one. */
  uri?: string;
}

export interface Check {
  /** Stable code, shown as nianbao/<code>. */
  code: string;
  severity: Severity;
  tag: RuleTag;
  title: Text;
  /** The docs entry: what the check looks at, and how to fix what it finds. */
  docs: Text;
  run(report: Report, context: CheckContext): Finding[];
}

/** Make a finding of a check, with its default severity. */
export function finding(
  check: Pick<Check, 'code' | 'severity'>,
  range: Range,
  message: Text,
  extra: { related?: RelatedInfo[]; data?: Record<string, unknown>; fixes?: Fix[]; severity?: Severity } = {},
): Finding {
  return {
    code: check.code,
    severity: extra.severity ?? check.severity,
    message,
    range,
    ...(extra.related?.length ? { related: extra.related } : {}),
    ...(extra.data ? { data: extra.data } : {}),
    ...(extra.fixes?.length ? { fixes: extra.fixes } : {}),
  };
}

/** An edit that sets a cell to a value, keeping a GFM cell's padding. */
export function setCellEdit(cell: Cell, value: number): TextEdit | undefined {
  if (!cell.span) return undefined;
  const text = cell.span.text;
  const formatted = formatNumber(value);
  const newText = text !== '' && text.trim() === '' ? ` ${formatted} ` : formatted;
  return { range: cell.span.range, newText };
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10000) / 10000);
}

/** The fix that sets a total cell to its computed value. */
export function setTotalFix(cell: Cell, value: number, preferred = true): Fix | undefined {
  const edit = setCellEdit(cell, value);
  if (!edit) return undefined;
  return {
    title: { zh: `将此格改为 ${formatNumber(value)}`, en: `Set this cell to ${formatNumber(value)}` },
    kind: 'quickfix',
    preferred,
    fixAll: true,
    edits: [edit],
  };
}

export const zhList = (items: string[]) => items.join('、');
export const enList = (items: string[]) => items.join(', ');
