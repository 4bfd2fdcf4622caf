/** What a check is, and the helpers every check uses to make findings and fixes. */
import type { RuleTag } from '../format/rules';
import type { Text } from '../format/standard';
import type { PeerSentence } from '../parse/sentence-index';
import type { Cell, Finding, Fix, Range, RelatedInfo, Report, ReportKind, Severity, TextEdit } from '../model/report';
import { formatNumber } from '../parse/text';
import { say, type Catalog, type MessageArgs } from './messages';
import { resolveOptions, type OptionSpecs, type OptionValues, type RuleSettings } from './options';

export interface CheckOptions {
  /** How each check is set (severity, "off", options), by code: the merged configuration. */
  rules?: RuleSettings;
}

export interface CheckContext {
  options: CheckOptions;
  /** Other reports at hand (the workspace), for checks across files. */
  others?: readonly { uri: string; report: Report }[];
  /** The URI of the report being checked, when it has one. */
  uri?: string;
  /**
   * The sentences of other reports at hand (the workspace's files, in the
   * editor) whose key (parse/sentence-keys.ts) is `key`, with their unit and
   * year: copied-paragraph keeps those of other units for the same year.
   */
  peers?: PeerLookup;
}

export type PeerLookup = (key: string) => readonly PeerSentence[];

export interface Check<C extends Catalog = Catalog, O extends OptionSpecs = OptionSpecs> {
  /** Stable code, shown as nianbao/<code>. */
  code: string;
  severity: Severity;
  tag: RuleTag;
  title: Text;
  /** The docs entry: what the check looks at, and how to fix what it finds. */
  docs: Text;
  /** Every sentence the check says, findings and fix titles: id → zh-CN and en. */
  messages: C;
  /** The fixes it offers, as the ids of their titles in the catalog (none: it only reports). */
  fixes: readonly string[];
  /** The options a user may set for it (none: only its severity). */
  options?: O;
  /** A local requirement, off unless a configuration switches it on. */
  optional?: boolean;
  /**
   * The kinds of document it reads (default: this annual report only): a
   * report from before 2019 or another document is not checked as a draft.
   */
  appliesTo?: readonly ReportKind[];
  run(report: Report, context: CheckContext): Finding[];
}

/** The closing words of a check's docs entry: how to silence it, by a comment above the line or in the configuration. */
export const silencing = (code: string): Text => ({
  zh: `屏蔽：在该行上方加 \`<!-- nianbao-disable-next-line ${code} -->\`，或在 .nianbaorc.json 的 rules 中设 \`"${code}": "off"\`。`,
  en: `Silence it with \`<!-- nianbao-disable-next-line ${code} -->\` above the line, or \`"${code}": "off"\` in the rules of .nianbaorc.json.`,
});

/** Declare a check; its catalog's ids are then checked where findings are made, and its fixes are ids of its catalog. */
export const defineCheck = <C extends Catalog, F extends keyof C & string, O extends OptionSpecs = Record<never, never>>(
  check: Check<C, O> & { fixes: readonly F[] },
): Check<C, O> => check;

/**
 * The severity a check runs at under the configuration's rules, or "off": as
 * set, else its default; a local requirement (optional) is off until it is
 * named in the rules.
 */
export function severityUnder(check: Pick<Check, 'code' | 'severity' | 'optional'>, rules: RuleSettings | undefined): Severity | 'off' {
  const set = rules?.[check.code];
  return set?.severity ?? (check.optional && !set ? 'off' : check.severity);
}

/** Whether a check reads this kind of document. */
export const readsKind = (check: Pick<Check, 'appliesTo'>, kind: ReportKind): boolean => (check.appliesTo ?? ['annual-report']).includes(kind);

/** The options a check (by its code) runs with in this context: its declared defaults, overridden by the configuration. */
export const optionsFor = <O extends OptionSpecs>(code: string, specs: O, context: CheckContext): OptionValues<O> =>
  resolveOptions(specs, context.options.rules?.[code]?.options);

export interface FindingExtras {
  related?: RelatedInfo[];
  data?: Record<string, unknown>;
  fixes?: (Fix | undefined)[];
  severity?: Severity;
}

/** A finding of a check, its message taken from the check's catalog. */
export function finding<C extends Catalog>(check: Check<C, OptionSpecs>, range: Range, id: keyof C & string, args: MessageArgs, extra: FindingExtras = {}): Finding {
  const fixes = (extra.fixes ?? []).filter((f): f is Fix => !!f && f.edits.length > 0);
  return {
    code: check.code,
    severity: extra.severity ?? check.severity,
    messageId: id,
    message: say(check.messages[id], args),
    range,
    ...(extra.related?.length ? { related: extra.related } : {}),
    ...(extra.data ? { data: extra.data } : {}),
    ...(fixes.length ? { fixes } : {}),
  };
}

/** A fix, its title taken from the check's catalog. */
export function fix<C extends Catalog>(
  check: Check<C, OptionSpecs>,
  id: keyof C & string,
  args: MessageArgs,
  edits: (TextEdit | undefined)[],
  options: FixOptions = {},
): Fix | undefined {
  const real = edits.filter((e): e is TextEdit => !!e);
  if (real.length === 0 || real.length !== edits.length) return undefined;
  return { id, title: say(check.messages[id], args), kind: options.kind ?? 'quickfix', ...strip(options), edits: real };
}

type FixOptions = Partial<Pick<Fix, 'preferred' | 'fixAll' | 'leaves' | 'kind'>>;

const strip = ({ kind: _kind, ...rest }: FixOptions) =>
  Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== false && !(Array.isArray(v) && v.length === 0))) as Pick<Fix, 'preferred' | 'fixAll' | 'leaves'>;

/** An edit that sets a cell to a value, keeping a GFM cell's padding. */
export function setCellEdit(cell: Cell, value: number): TextEdit | undefined {
  if (!cell.span) return undefined;
  const text = cell.span.text;
  const formatted = formatNumber(value);
  const newText = text !== '' && text.trim() === '' ? ` ${formatted} ` : formatted;
  return { range: cell.span.range, newText };
}

export { formatNumber };
