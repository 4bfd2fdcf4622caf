/** The nearest file of a name in a folder or the folders above it, no higher than a root. */
import { promises as fs } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';

const inside = (dir: string, root: string) => {
  const rel = relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/**
 * The first regular file called `name` in `startDir` or above it. With a
 * `root`, the search stops at it (a workspace folder); a start outside the
 * root searches up to the filesystem's root.
 */
export async function findUp(name: string, startDir: string, root?: string): Promise<string | undefined> {
  const bounded = root !== undefined && inside(startDir, root);
  for (let dir = startDir; ; ) {
    const candidate = join(dir, name);
    const stat = await fs.stat(candidate).catch(() => undefined);
    if (stat?.isFile()) return candidate;
    const parent = dirname(dir);
    if (parent === dir || (bounded && dir === root)) return undefined;
    dir = parent;
  }
}
