/**
 * Code actions as plain data: the quick fixes of the findings a request names,
 * fix-all (every safe fix, proven by checking again), and 转换为标准表格 for the
 * tables the request range touches. The server turns them into LSP CodeActions.
 */
import { TABLES, TABLE_IDS, type TableId, type Text } from '../format/standard';
import type { Finding, Fix, Range, TextEdit } from '../model/report';
import type { Analyzer, AnalyzeOptions, DocumentAnalysis } from '../engine/analyze';
import { shiftRange } from '../engine/edits';
import { fixAllEdits, proveFix } from '../engine/fix';
import { findingIds } from '../engine/identity';
import { conversionBlocker, convertToStandardTable } from './convert';
import type { Locale } from './settings';
import { ignorable, ignoreEdit } from './ignore';
import { say } from '../checks/messages';
import { unusedDisable } from '../checks/unused-disable';

export const FIX_ALL_KIND = 'source.fixAll.nianbao';
export type ActionKind = 'quickfix' | 'refactor.rewrite' | typeof FIX_ALL_KIND;
export const ACTION_KINDS: readonly ActionKind[] = ['quickfix', 'refactor.rewrite', FIX_ALL_KIND];

export interface PlainCodeAction {
  title: string;
  kind: ActionKind;
  isPreferred?: boolean;
  /** Document coordinates. */
  edits: TextEdit[];
  /** Indexes into the request's diagnostics that the action resolves. */
  diagnostics?: number[];
  /** Why the action cannot be applied (shown greyed out, with the reason). */
  disabled?: string;
}

/** A diagnostic as the client sends it back: `data.id` is the finding's identity (toDiagnostic puts it there). */
interface DiagnosticRef {
  code?: string | number;
  source?: string;
  range: Range;
  data?: unknown;
}

export interface ActionRequest {
  range: Range;
  diagnostics: readonly DiagnosticRef[];
  /** CodeActionContext.only. */
  only?: readonly string[];
}

/** How quick fixes are proven before they are offered, and fix-all run: the analyzer and options of the document. */
export interface ActionContext {
  analyzer?: Analyzer;
  options?: AnalyzeOptions;
}

/** A kind is wanted when `only` is absent or names it or one of its parents (source, source.fixAll). */
export function kindAllowed(kind: string, only?: readonly string[]): boolean {
  if (!only || only.length === 0) return true;
  return only.some((o) => o === kind || kind.startsWith(`${o}.`));
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;

const intersects = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character) ||
    b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

const ids = new WeakMap<DocumentAnalysis, string[]>();
/** Each finding's identity, as toDiagnostic sends it in `data.id`. */
export function findingIdsOf(analysis: DocumentAnalysis): string[] {
  let found = ids.get(analysis);
  if (!found) ids.set(analysis, (found = findingIds(analysis.findings)));
  return found;
}

/** The finding a diagnostic was made from: by the identity it carries, else by code and range. */
function findingFor(analysis: DocumentAnalysis, diagnostic: DiagnosticRef): Finding | undefined {
  if (diagnostic.source !== undefined && diagnostic.source !== 'nianbao') return undefined;
  const id = (diagnostic.data as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string') {
    const at = findingIdsOf(analysis).indexOf(id);
    if (at >= 0) return analysis.findings[at];
  }
  return analysis.findings.find((f) => f.code === String(diagnostic.code) && sameRange(f.range, diagnostic.range));
}

/** Quick fixes are re-checked before they are offered: once per fix, since the light bulb asks on every cursor move. */
const proofs = new WeakMap<Fix, boolean>();
function proven(analysis: DocumentAnalysis, finding: Finding, fix: Fix, context: ActionContext): boolean {
  let ok = proofs.get(fix);
  if (ok === undefined) proofs.set(fix, (ok = proveFix(analysis, finding, fix, context.options, context.analyzer).ok));
  return ok;
}

export function codeActions(analysis: DocumentAnalysis, request: ActionRequest, locale: Locale, context: ActionContext = {}): PlainCodeAction[] {
  const actions: PlainCodeAction[] = [];
  const done = new Set<Finding>();
  request.diagnostics.forEach((diagnostic, index) => {
    const finding = findingFor(analysis, diagnostic);
    if (!finding || done.has(finding)) return;
    done.add(finding);
    for (const fix of [...(finding.fixes ?? []), ...ignoreFix(analysis.text, finding)]) {
      if (!kindAllowed(fix.kind, request.only) || fix.edits.length === 0) continue;
      // A fix that would not remove its finding, or would add another, is not offered.
      if (!proven(analysis, finding, fix, context)) continue;
      actions.push({
        title: fix.title[locale],
        kind: fix.kind,
        ...(fix.preferred ? { isPreferred: true } : {}),
        edits: fix.edits,
        diagnostics: [index],
      });
    }
  });
  if (kindAllowed('refactor.rewrite', request.only)) actions.push(...convertActions(analysis, request.range, locale));
  // Fix-all is a source action: offered when asked for (on save, the source action menu), not in every light bulb.
  if (request.only?.some((o) => FIX_ALL_KIND === o || FIX_ALL_KIND.startsWith(`${o}.`))) {
    const fixAll = fixAllAction(analysis, locale, context);
    if (fixAll) actions.push(fixAll);
  }
  return actions;
}

/** 在此处忽略此项检查, for a heuristic finding: a comment inserted for it (features/ignore.ts), proven like any fix. */
const ignoreFixes = new WeakMap<Finding, Fix[]>();
function ignoreFix(text: string, finding: Finding): Fix[] {
  if (!ignorable(finding)) return [];
  let fixes = ignoreFixes.get(finding);
  if (!fixes) {
    const { scope, edits } = ignoreEdit(text, finding);
    const id = scope === 'line' ? 'ignoreLine' : 'ignoreBlock';
    ignoreFixes.set(finding, (fixes = [{ id, title: say(unusedDisable.messages[id], { code: finding.code }), kind: 'quickfix', edits }]));
  }
  return fixes;
}

/** Fix-all per analysis: computed once per version of the text. */
const fixAllMemo = new WeakMap<DocumentAnalysis, TextEdit[]>();

/** Every safe fix, applied and checked again until nothing changes; undefined when there is none. */
export function fixAllAction(analysis: DocumentAnalysis, locale: Locale, context: ActionContext = {}): PlainCodeAction | undefined {
  if (!analysis.isReport) return undefined;
  let edits = fixAllMemo.get(analysis);
  if (!edits) fixAllMemo.set(analysis, (edits = fixAllEdits(analysis, context.options, context.analyzer)));
  if (edits.length === 0) return undefined;
  return { title: locale === 'zh' ? '修复全部可以确定的问题' : 'Fix all problems whose fix is certain', kind: FIX_ALL_KIND, edits };
}

export interface TableConversion {
  id: TableId;
  /** Index of the report in analysis.parts. */
  part: number;
  /** The table's range, document coordinates. */
  range: Range;
  edit: TextEdit;
}

/**
 * Tables whose conversion to the standard table would change the text (white
 * space aside); only those touching `within` (document coordinates) when given.
 */
export function tableConversions(analysis: DocumentAnalysis, within?: Range): TableConversion[] {
  if (!analysis.isReport) return [];
  const out: TableConversion[] = [];
  analysis.parts.forEach((part, p) => {
    const report = part.report;
    for (const id of TABLE_IDS) {
      const table = report.tables[id];
      if (!table) continue;
      if (within && !intersects(shiftRange(table.range, part.startLine), within)) continue;
      const edit = convertToStandardTable(report, id);
      if (!edit) continue;
      const old = report.text.slice(report.offsetAt(edit.range.start), report.offsetAt(edit.range.end));
      const squash = (s: string) => s.replace(/[ \t]+/g, ' ').replace(/\r\n?/g, '\n').trim();
      if (squash(old) === squash(edit.newText)) continue;
      out.push({
        id,
        part: p,
        range: shiftRange(table.range, part.startLine),
        edit: { ...edit, range: shiftRange(edit.range, part.startLine) },
      });
    }
  });
  return out;
}

/** The tables that cannot be converted without loss, where they are and why (document coordinates). */
export function blockedConversions(analysis: DocumentAnalysis): { range: Range; reason: Text }[] {
  const blocked: { range: Range; reason: Text }[] = [];
  for (const part of analysis.parts) {
    for (const id of TABLE_IDS) {
      const table = part.report.tables[id];
      const reason = table && conversionBlocker(part.report, id);
      if (table && reason) blocked.push({ range: shiftRange(table.range, part.startLine), reason });
    }
  }
  return blocked;
}

function convertActions(analysis: DocumentAnalysis, range: Range, locale: Locale): PlainCodeAction[] {
  const title = (id: TableId) => (locale === 'zh' ? `转换为标准表格：${TABLES[id].short.zh}` : `Convert to the standard table: ${TABLES[id].short.en}`);
  const actions: PlainCodeAction[] = tableConversions(analysis, range).map((c) => ({
    title: title(c.id),
    kind: 'refactor.rewrite' as const,
    edits: [c.edit],
  }));
  // A table that cannot be converted without losing what could not be read says why.
  for (const part of analysis.parts) {
    for (const id of TABLE_IDS) {
      const table = part.report.tables[id];
      if (!table || !intersects(shiftRange(table.range, part.startLine), range)) continue;
      const reason = conversionBlocker(part.report, id);
      if (reason) actions.push({ title: title(id), kind: 'refactor.rewrite', edits: [], disabled: reason[locale] });
    }
  }
  return actions;
}
