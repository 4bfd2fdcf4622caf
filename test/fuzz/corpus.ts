/** The drafts the fuzzer and the fix tests start from: the examples, the layout and cross drafts, the originals. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

export function baseTexts(): { name: string; text: string }[] {
  const dir = (d: string, ext: RegExp) =>
    readdirSync(join(ROOT, d))
      .filter((f) => ext.test(f) && f !== 'README.md')
      .sort()
      .map((f) => ({ name: `${d}/${f}`, text: readFileSync(join(ROOT, d, f), 'utf8') }));
  return [
    ...dir('examples', /\.md$/),
    ...dir('test/fixtures/drafts/layouts', /\.md$/),
    ...dir('test/fixtures/drafts/cross', /\.md$/),
    ...dir('test/fixtures/originals/seeds', /\.txt$/),
    ...dir('test/fixtures/originals/corpus', /\.txt$/),
  ];
}
