/**
 * copied-paragraph across units in `nianbao check DIR`: the first pass keeps
 * each file's comparable sentences as hashes (parse/sentence-index.ts, as the
 * editor keeps the workspace's); between the passes they are indexed here,
 * and each file in which copied-paragraph will find a run of sentences
 * another unit's report of its year has too (parse/sentence-keys.ts
 * copiedRuns, the area's boilerplate aside) is checked again, with a table of
 * the sentences it shares only — plain data a worker thread takes, never the
 * other texts. Most files of a folder share a sentence or two with a
 * neighbour; few share a run: only those are read twice.
 */
import type { PeerLookup } from '../checks/check';
import type { Report } from '../model/report';
import { comparableSentences, copiedRuns, runPlaces, type RunPlace } from '../parse/sentence-keys';
import { hashedSentences, keyHash, SentenceIndex, type HashedSentences, type PeerSentence } from '../parse/sentence-index';

/** A file's reports as the first pass keeps them: their sentences, where each stands in its block, and the line each report starts at. */
export type FileSentences = (HashedSentences & { places: RunPlace[]; startLine: number })[];

/** What the first pass keeps of a file's reports. */
export function fileSentences(parts: readonly { report: Report; startLine: number }[]): FileSentences {
  return parts.map(({ report, startLine }) => {
    const keyed = comparableSentences(report);
    return { ...hashedSentences(report, keyed), places: runPlaces(keyed), startLine };
  });
}

/** The other files' sentences a file may have copied: by the hash of their key. */
export type PeerTable = [hash: number, sentences: PeerSentence[]][];

/** For each file, its peer table; undefined when it shares no run with another unit's report of its year. */
export function peerTables(files: readonly { uri: string; sentences?: FileSentences }[]): (PeerTable | undefined)[] {
  const index = new SentenceIndex();
  for (const { uri, sentences } of files) sentences?.forEach((report) => index.add({ ...report, uri }));
  return files.map(({ uri, sentences }) => {
    if (!sentences) return undefined;
    const shared = index.sharedWith(uri, sentences);
    // Checked again only when copied-paragraph will find a run (but for a hash collision).
    const filesOf = (h: number) => (shared.get(h) ?? []).map((r) => r.uri);
    if (!sentences.some((report) => copiedRuns(report.places, [...report.hashes].map(filesOf)).length > 0)) return undefined;
    return [...shared.keys()].map((h): PeerTable[number] => [h, index.sentences(h).filter((s) => s.uri !== uri)]);
  });
}

/** The lookup copied-paragraph asks, over a file's peer table. */
export function peerLookup(table: PeerTable): PeerLookup {
  const byHash = new Map(table);
  return (key) => byHash.get(keyHash(key)) ?? [];
}
