/**
 * Which files a command works on: the files named, and the drafts inside the
 * folders named (recursively, in a stable order, skipping node_modules and
 * dot-folders, never following a link into a loop). What is not a regular file
 * is skipped with a note, never read: reading a FIFO would wait forever.
 *
 * A path that does not exist but is a glob (`"drafts/*.md"`, quoted so that
 * the shell leaves it alone, as on Windows where no shell expands it) is
 * expanded here, with tinyglobby: its files are found as a folder's are.
 */
import { promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface Target {
  /** The path as shown to the user. */
  display: string;
  absolute: string;
  /** Named on the command line (checked even if it does not look like a report), or found in a folder. */
  named: boolean;
}

export interface Skipped {
  display: string;
  reason: 'not-regular' | 'unreadable-folder';
}

export class TargetError extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'not-found' | 'not-regular' | 'unreadable-folder' | 'no-match',
  ) {
    super(`${path}: ${reason}`);
  }
}

const SKIP_DIRS = new Set(['node_modules']);

/** The files to work on; explicit files win over folder members, each once. */
export async function collectTargets(paths: readonly string[], extensions: RegExp): Promise<{ targets: Target[]; skipped: Skipped[] }> {
  const targets = new Map<string, Target>();
  const skipped: Skipped[] = [];
  const visited = new Set<string>();
  const walk = async (dir: string, display: string): Promise<void> => {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return; // a link back up: a loop
    visited.add(real);
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      skipped.push({ display, reason: 'unreadable-folder' });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      const shown = join(display, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const s = await fs.stat(absolute);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch {
          continue; // a dangling link
        }
      }
      if (isDir) {
        if (!entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name)) await walk(absolute, shown);
      } else if (extensions.test(entry.name)) {
        if (!isFile) skipped.push({ display: shown, reason: 'not-regular' });
        else if (!targets.has(resolve(absolute))) targets.set(resolve(absolute), { display: shown, absolute: resolve(absolute), named: false });
      }
    }
  };
  for (const path of paths) {
    let stat;
    try {
      stat = await fs.stat(path);
    } catch {
      if (!isDynamicPattern(path)) throw new TargetError(path, 'not-found');
      const matches = await glob(path, { onlyFiles: true, ignore: ['**/node_modules/**'], expandDirectories: false });
      if (matches.length === 0) throw new TargetError(path, 'no-match');
      for (const match of matches.sort()) {
        if (!targets.has(resolve(match))) targets.set(resolve(match), { display: match, absolute: resolve(match), named: false });
      }
      continue;
    }
    if (stat.isDirectory()) await walk(path, path);
    else if (stat.isFile()) targets.set(resolve(path), { display: path, absolute: resolve(path), named: true });
    else throw new TargetError(path, 'not-regular');
  }
  return { targets: [...targets.values()], skipped };
}
