/**
 * Completion: the snippets (the three standard tables and the whole-report
 * skeleton), offered at the start of a line whose only content is what the
 * user has typed so far. Typing the prefix (nb-table3), its start (n, nb-t),
 * the table's Chinese name (表三, 收到和处理…) or the English name finds it.
 */
import { snippetSpecs, type SnippetSpec } from './snippets';
import type { Position, Range } from '../model/report';
import type { Locale } from './settings';

export interface SnippetCompletion {
  label: string;
  /** The snippet's name in the locale. */
  detail: string;
  /** Markdown. */
  documentation: string;
  filterText: string;
  sortText: string;
  /** Snippet syntax. */
  insertText: string;
  /** The typed prefix, replaced by the snippet. */
  range: Range;
}

let specs: SnippetSpec[] | undefined;
const allSpecs = () => (specs ??= snippetSpecs());

/** The words a snippet is found by: its prefix, its Chinese and English names. */
function filterWords(spec: SnippetSpec): string[] {
  return [spec.prefix, ...spec.name.zh.split(/\s+/), spec.name.en];
}

/** Whether what was typed finds the snippet: a word starts with it, or it is an abbreviation of the prefix. */
export function matchesTyped(spec: SnippetSpec, typed: string): boolean {
  if (typed === '') return true;
  const t = typed.toLowerCase();
  if (filterWords(spec).some((w) => w.toLowerCase().startsWith(t))) return true;
  if (spec.name.en.toLowerCase().split(/[^a-z0-9]+/).some((w) => w && w.startsWith(t))) return true;
  // nbt3, nbrep: the letters of the prefix in order, starting with its first.
  const prefix = spec.prefix.toLowerCase();
  // Typing the dash means typing the prefix itself: that is matched from its start only.
  if (t[0] !== prefix[0] || t.includes('-')) return false;
  let i = 0;
  for (const ch of prefix) if (ch === t[i]) i++;
  return i === t.length;
}

/**
 * The completions at a position, given the text of the cursor's line. Offered
 * only when the line holds nothing but the typed prefix (leading spaces aside)
 * and nothing follows the cursor.
 */
export function completionsAt(
  lineText: string,
  position: Position,
  locale: Locale,
  options: { emptyDocument?: boolean } = {},
): SnippetCompletion[] {
  const before = lineText.slice(0, position.character);
  const after = lineText.slice(position.character);
  if (after.trim() !== '') return [];
  const typed = before.trimStart();
  if (/\s/.test(typed) || typed.length > 30) return [];
  // Inside a table row or after a list marker is not the start of a line.
  if (/^[|>#*+\-]$/.test(typed) || typed.startsWith('|')) return [];
  const start = { line: position.line, character: before.length - typed.length };
  const range = { start, end: { line: position.line, character: position.character } };
  return allSpecs()
    .map((spec, i) => ({ spec, i }))
    .filter(({ spec }) => matchesTyped(spec, typed))
    .map(({ spec, i }) => {
      // In an empty file the whole-report skeleton comes first.
      const first = options.emptyDocument && spec.prefix === 'nb-report';
      return {
        label: spec.prefix,
        detail: spec.name[locale],
        documentation: `${spec.description[locale]}\n\n${locale === 'zh' ? spec.name.en : spec.name.zh}`,
        filterText: filterWords(spec).join(' '),
        sortText: `${first ? 0 : 1}-${i}`,
        insertText: spec.body,
        range,
      };
    });
}
