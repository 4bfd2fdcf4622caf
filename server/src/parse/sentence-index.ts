/**
 * An index of the comparable sentences (sentence-keys.ts) of many reports,
 * for copied-paragraph across units: the editor's of the workspace's files
 * (lsp/workspace-sentences.ts), `nianbao check DIR`'s of the folder's
 * (cli/peers.ts). Each report is kept as its unit, year, and per sentence a
 * 32-bit FNV-1a hash of its key and its range (4 + 16 bytes a sentence, never
 * the text), with an index hash → reports. A hash collision can only make
 * copied-paragraph (information) name a neighbour's sentence that differs.
 * The review's 雷同 over a whole province (review/similarity.ts) keys its
 * sentences by the wider wideKeyHash.
 */
import type { Range, Report } from '../model/report';
import { reportYear } from './dates';
import { rangeOf } from './prose';
import { comparableSentences, copiedFromPeers, type KeyedSentence } from './sentence-keys';

/** 32-bit FNV-1a of a key. */
export function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A 52-bit hash of a key (an exact number): keyHash and 20 bits of a second,
 * murmur-style hash. A province's 10,000 reports have some 300,000 distinct
 * keys: 32 bits alone would let about ten unrelated sentences count as
 * shared; 52 bits, one chance in 100,000 of any.
 */
export function wideKeyHash(key: string): number {
  let h = 0x9747b28c;
  for (let i = 0; i < key.length; i++) {
    h = Math.imul(h ^ key.charCodeAt(i), 0x5bd1e995);
    h ^= h >>> 15;
  }
  return keyHash(key) * 0x100000 + (h >>> 12);
}

/** A report's sentences as kept: hashes, and four numbers a sentence (start line, character, end line, character in the report). */
export interface HashedSentences {
  unit?: string;
  year?: number;
  hashes: Uint32Array;
  ranges: Uint32Array;
}

/** A report's kept sentences, in a file, from the line of the file it starts at. */
export interface IndexedReport extends HashedSentences {
  uri: string;
  startLine: number;
}

/** A sentence of another report, found by its key. */
export interface PeerSentence {
  uri: string;
  unit?: string;
  year?: number;
  /** In that file's coordinates. */
  range: Range;
}

/** A report's comparable sentences (or these of them) as the index keeps them. */
export function hashedSentences(report: Report, keyed: readonly KeyedSentence[] = comparableSentences(report)): HashedSentences {
  const hashes = new Uint32Array(keyed.length);
  const ranges = new Uint32Array(keyed.length * 4);
  keyed.forEach(({ sentence, key }, i) => {
    hashes[i] = keyHash(key);
    const { start, end } = rangeOf(report, sentence.compact, sentence.start, sentence.end);
    ranges.set([start.line, start.character, end.line, end.character], i * 4);
  });
  return { unit: report.title?.unit, year: reportYear(report), hashes, ranges };
}

export class SentenceIndex {
  private readonly byHash = new Map<number, IndexedReport[]>();

  add(report: IndexedReport): void {
    for (const h of new Set(report.hashes)) {
      const having = this.byHash.get(h);
      if (having) having.push(report);
      else this.byHash.set(h, [report]);
    }
  }

  remove(report: IndexedReport): void {
    for (const h of new Set(report.hashes)) {
      const rest = (this.byHash.get(h) ?? []).filter((r) => r !== report);
      if (rest.length) this.byHash.set(h, rest);
      else this.byHash.delete(h);
    }
  }

  clear(): void {
    this.byHash.clear();
  }

  /**
   * For each sentence of these reports of `uri` (their unit and year), the
   * other units' reports of the same year in other files having it, as
   * copied-paragraph keeps them (none for the area's boilerplate): what the
   * check may find copied. By hash; empty when nothing is shared.
   */
  sharedWith(uri: string, reports: readonly HashedSentences[]): Map<number, IndexedReport[]> {
    const shared = new Map<number, IndexedReport[]>();
    // A hash's reports outside `uri`, the same for each of its reports (a compilation's thousands share their headings).
    const outside = new Map<number, IndexedReport[]>();
    for (const { unit, year, hashes } of reports) {
      if (!unit || year === undefined) continue;
      for (const h of hashes) {
        let candidates = outside.get(h);
        if (!candidates) outside.set(h, (candidates = (this.byHash.get(h) ?? []).filter((r) => r.uri !== uri)));
        const others = copiedFromPeers(unit, year, candidates);
        if (others.length) shared.set(h, [...new Set([...(shared.get(h) ?? []), ...others])]);
      }
    }
    return shared;
  }

  /** The indexed sentences whose key hashes to `h`, in their files' coordinates (every file's: the check leaves out its own). */
  sentences(h: number): PeerSentence[] {
    const found: PeerSentence[] = [];
    for (const report of this.byHash.get(h) ?? []) {
      report.hashes.forEach((x, i) => {
        if (x !== h) return;
        const [a, b, c, d] = report.ranges.subarray(i * 4, i * 4 + 4);
        const range = { start: { line: a + report.startLine, character: b }, end: { line: c + report.startLine, character: d } };
        found.push({ uri: report.uri, unit: report.unit, year: report.year, range });
      });
    }
    return found;
  }
}
