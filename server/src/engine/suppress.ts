/**
 * The nianbao-disable comments (parse/directives.ts) applied to a document's
 * findings: what they name on the lines they cover is left out, and a
 * comment that silences nothing, or names no check, is itself a finding
 * (unused-disable), in the report part that holds it. A finding of
 * unused-disable is never silenced.
 */
import { severityUnder, finding, fix } from '../checks/check';
import { CHECKS } from '../checks';
import type { RuleSettings } from '../checks/options';
import { unusedDisable } from '../checks/unused-disable';
import { list, say } from '../checks/messages';
import { closestCode } from '../config/rules';
import { CONFIG } from '../config/messages';
import type { Finding, Range, TextEdit } from '../model/report';
import { readDirectives, type Directive } from '../parse/directives';
import { LineIndex } from '../parse/text';
import { compareFindings, shiftRange } from './edits';

interface PartLike {
  findings: Finding[];
  startLine: number;
}

const KNOWN = new Set([...CHECKS.map((c) => c.code), 'internal-error']);

const names = (d: Directive, code: string) => d.codes.length === 0 || d.codes.includes(code);

/** Whether a directive silences a finding of `code` on document line `line`. */
function silencedBy(directives: readonly Directive[], code: string, line: number): Directive | undefined {
  let region: Directive | undefined;
  for (const d of directives) {
    if (d.kind === 'disable-file' && names(d, code)) return d;
    if (d.kind === 'disable-next-line' && d.range.end.line + 1 === line && names(d, code)) return d;
    if (d.kind === 'disable-line' && d.range.start.line <= line && line <= d.range.end.line && names(d, code)) return d;
    if (d.range.start.line > line) continue;
    // A stretch: the last disable before the line that no enable has closed since.
    if (d.kind === 'disable' && names(d, code)) region = d;
    if (d.kind === 'enable' && region && (d.codes.length === 0 || d.codes.includes(code) || region.codes.every((c) => d.codes.includes(c)))) region = undefined;
  }
  return region;
}

/**
 * The edit that removes a directive, when removing it changes nothing else: a
 * comment after text on its line goes with the space before it; a comment on
 * its own line goes with the line, when a blank line (or the text's start or
 * end) is next to it. A comment line between two lines of a table or a
 * paragraph has cut that block in two: taking it out would join them again
 * and change how they read, so no removal is offered.
 */
function removal(d: Directive, lines: LineIndex): TextEdit | undefined {
  if (!d.ownLine) {
    const before = lines.lineText(d.range.start.line).slice(0, d.range.start.character);
    const spaces = before.length - before.trimEnd().length;
    return { range: { start: { line: d.range.start.line, character: d.range.start.character - spaces }, end: d.range.end }, newText: '' };
  }
  const blank = (line: number) => line < 0 || line >= lines.lineCount || lines.lineText(line).trim() === '';
  if (!blank(d.range.start.line - 1) && !blank(d.range.end.line + 1)) return undefined;
  const last = d.range.end.line + 1 >= lines.lineCount;
  // The last line of the text: its line break before it goes instead.
  const range: Range = last
    ? { start: d.range.start.line > 0 ? lines.lineEndPosition(d.range.start.line - 1) : { line: 0, character: 0 }, end: lines.lineEndPosition(d.range.end.line) }
    : { start: { line: d.range.start.line, character: 0 }, end: { line: d.range.end.line + 1, character: 0 } };
  return { range, newText: '' };
}

export function applyDirectives<P extends PartLike>(text: string, parts: readonly P[], rules: RuleSettings | undefined): P[] {
  if (!text.includes('nianbao-')) return parts as P[];
  const lines = new LineIndex(text);
  const directives = readDirectives(text, lines);
  if (directives.length === 0) return parts as P[];
  const used = new Set<Directive>();
  const kept = parts.map((part) => {
    const findings = part.findings.filter((f) => {
      if (f.code === unusedDisable.code) return true;
      const by = silencedBy(directives, f.code, part.startLine + f.range.start.line);
      if (by) used.add(by);
      return !by;
    });
    return findings.length === part.findings.length ? part : { ...part, findings };
  });
  const severity = severityUnder(unusedDisable, rules);
  if (severity === 'off') return kept;
  const set = rules?.[unusedDisable.code]?.severity ? { severity } : {};
  const partAt = (line: number) => {
    let at = 0;
    kept.forEach((p, i) => p.startLine <= line && (at = i));
    return at;
  };
  const added = new Map<number, Finding[]>();
  for (const d of directives) {
    if (d.kind === 'enable') continue;
    const i = partAt(d.range.start.line);
    const local = shiftRange(d.range, -kept[i].startLine);
    const remove = removal(d, lines);
    const localRemoval = remove && { ...remove, range: shiftRange(remove.range, -kept[i].startLine) };
    const found: Finding[] = [];
    const unknown = d.codes.filter((c) => !KNOWN.has(c));
    for (const code of unknown) {
      const near = closestCode(code);
      found.push(finding(unusedDisable, local, 'unknownCode', { code, hint: near ? say(CONFIG.didYouMean, { code: near }) : '' }, { ...set, data: { code } }));
    }
    if (!used.has(d) && unknown.length < d.codes.length + (d.codes.length === 0 ? 1 : 0)) {
      const codes = d.codes.length ? list(d.codes.filter((c) => KNOWN.has(c)), { zh: '、', en: ', ' }) : unusedDisable.messages.allChecks;
      found.push(finding(unusedDisable, local, 'unused', { codes }, { ...set, data: { kind: d.kind, codes: d.codes }, fixes: [localRemoval && fix(unusedDisable, 'remove', {}, [localRemoval])] }));
    }
    if (found.length) added.set(i, [...(added.get(i) ?? []), ...found]);
  }
  if (added.size === 0) return kept;
  return kept.map((part, i) => (added.has(i) ? { ...part, findings: [...part.findings, ...added.get(i)!].sort(compareFindings) } : part));
}
