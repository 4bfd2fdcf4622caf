/**
 * What makes a finding the same finding after an edit: its code and what it
 * is about (the table, row, column, section, claim …), not where it sits nor
 * the numbers its message quotes — an edit elsewhere moves it, a correction
 * elsewhere may change the figures it names.
 */
import type { Finding } from '../model/report';

/** The data fields that say what a finding is about. */
const ABOUT = ['table', 'row', 'column', 'section', 'claim', 'stated', 'where', 'year', 'canonical', 'written', 'kind', 'rule', 'unfilled', 'missing', 'duplicate', 'problem', 'glued', 'sections'] as const;

export function findingKey(finding: Finding): string {
  const about = ABOUT.filter((k) => finding.data?.[k] !== undefined).map((k) => `${k}=${JSON.stringify(finding.data![k])}`);
  return [finding.code, ...about].join('|');
}

/** How many findings of each key. */
export function countKeys(findings: readonly Finding[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(findingKey(f), (counts.get(findingKey(f)) ?? 0) + 1);
  return counts;
}

/**
 * A note that the reader now reads what it could not before (a glued row split,
 * a displaced row put back, by the table's arithmetic): an edit elsewhere may make
 * that possible, and it loses nothing, so it never counts against the edit.
 */
const isReadingNote = (f: Finding) => f.code === 'table-read' && f.severity === 'information';

/** The findings of `after` that `before` did not have (beyond its count of the same key), except those of `allowed` codes. */
export function addedFindings(before: readonly Finding[], after: readonly Finding[], allowed: readonly string[] = []): Finding[] {
  const left = countKeys(before);
  const added: Finding[] = [];
  for (const f of after) {
    const key = findingKey(f);
    const n = left.get(key) ?? 0;
    if (n > 0) left.set(key, n - 1);
    else if (!allowed.includes(f.code) && !isReadingNote(f)) added.push(f);
  }
  return added;
}

/**
 * Each finding's identity within its document, for the editor to send back:
 * its key and, among findings of the same key, its place in document order.
 */
export function findingIds(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const key = findingKey(f);
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return `${key}#${n}`;
  });
}
