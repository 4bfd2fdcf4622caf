/**
 * The .nianbaorc.json files of the open drafts: found from each draft's folder
 * upwards, no higher than its workspace folder; read once per folder and
 * again when the file, or one it extends, changes on disk. Their problems are
 * published as diagnostics on the configuration files themselves, so that a
 * mistake there is seen where it is made, and is never silently ignored.
 */
import { basename, dirname, relative, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { findConfig, CONFIG_FILE, type FileProblem, type LoadedConfig } from '../config/file';

const NONE: LoadedConfig = { rules: {}, problems: [], files: [] };

const pathOf = (uri: string): string | undefined => {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
};

const inside = (path: string, root: string) => {
  const rel = relative(root, path);
  return !rel.startsWith('..') && !isAbsolute(rel);
};

export class ConfigFiles {
  private readonly byFolder = new Map<string, Promise<LoadedConfig>>();
  /** The configuration files whose problems are published, by URI: cleared when they have none. */
  private readonly published = new Set<string>();

  constructor(
    /** The workspace folders' paths: the search stops at the one holding the draft. */
    private readonly roots: () => readonly string[],
    private readonly publish: (uri: string, problems: readonly FileProblem[]) => void,
  ) {}

  /** The configuration of a draft (none for drafts not on disk: untitled, remote). */
  forDocument(uri: string): Promise<LoadedConfig> {
    const path = pathOf(uri);
    if (!path) return Promise.resolve(NONE);
    const folder = dirname(path);
    let loaded = this.byFolder.get(folder);
    if (!loaded) {
      const root = this.roots().filter((r) => inside(folder, r)).sort((a, b) => b.length - a.length)[0];
      loaded = findConfig(folder, root).then((config) => {
        this.report(config);
        return config;
      });
      this.byFolder.set(folder, loaded);
    }
    return loaded;
  }

  /** Every file a configuration read: a change to one of them is a change of configuration. */
  private readonly read = new Set<string>();

  /** Publish each file's problems, and clear those of files that have none now. */
  private report(config: LoadedConfig): void {
    for (const file of config.files) {
      this.read.add(file);
      const uri = pathToFileURL(file).href;
      const problems = config.problems.filter((p) => p.file === file);
      if (problems.length === 0 && !this.published.has(uri)) continue;
      if (problems.length) this.published.add(uri);
      else this.published.delete(uri);
      this.publish(uri, problems);
    }
  }

  /**
   * Files changed on disk: when one is a configuration file (by name, or read
   * as one), every configuration is read again. True when that happened.
   */
  filesChanged(uris: readonly string[]): boolean {
    const paths = uris.map(pathOf).filter((p): p is string => !!p);
    if (!paths.some((p) => basename(p) === CONFIG_FILE || this.read.has(p))) return false;
    this.byFolder.clear();
    this.read.clear();
    // Read again from scratch: a file no longer part of any configuration keeps no stale problems.
    for (const uri of this.published) this.publish(uri, []);
    this.published.clear();
    return true;
  }
}
