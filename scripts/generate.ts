/**
 * Build-time generation from the format data (run by esbuild.mjs):
 *  - snippets/markdown.json: the same snippets the server completes, for contributes.snippets;
 *  - syntaxes/nianbao.injection.tmLanguage.json: highlighting of section headings,
 *    table block labels and document numbers in Markdown.
 * Both are derived from server/src/format/standard.ts; neither is edited by hand.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { SECTIONS, TABLE2, T3_GROUPS } from '../server/src/format/standard';
import { snippetSpecs } from '../server/src/features/snippets';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Brackets and list punctuation written either width. */
const flexible = (s: string) =>
  escape(s)
    .replace(/（|\\\(/g, '[（(]')
    .replace(/）|\\\)/g, '[）)]')
    .replace(/、/g, '[、.．]');

export function generate(): void {
  const snippets = Object.fromEntries(
    snippetSpecs().map((s) => [
      s.name.zh,
      { prefix: [s.prefix, s.name.zh.split(' ')[0]], body: s.body.split('\n'), description: `${s.description.zh} / ${s.description.en}` },
    ]),
  );
  mkdirSync('snippets', { recursive: true });
  writeFileSync('snippets/markdown.json', JSON.stringify(snippets, null, 2) + '\n');

  const headings = SECTIONS.flatMap((s) => [s.heading, ...s.variants]).map(flexible);
  const articles = TABLE2.blocks.map((b) => flexible(b.article));
  const groups = T3_GROUPS.map((g) => flexible(g.label));
  const grammar = {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    scopeName: 'nianbao.injection',
    injectionSelector: 'L:text.html.markdown',
    patterns: [{ include: '#section-heading' }, { include: '#table-block' }, { include: '#document-number' }],
    repository: {
      'section-heading': {
        comment: 'The six standard section headings, as a Markdown heading or a line of their own.',
        match: `^\\s{0,3}(#{1,6}\\s+)?(${headings.join('|')})\\s*#*\\s*$`,
        captures: { 1: { name: 'punctuation.definition.heading.markdown' }, 2: { name: 'entity.name.section.nianbao markup.heading' } },
      },
      'table-block': {
        comment: 'Table 2 block labels (第二十条第（一）项 …) and Table 3 group labels.',
        match: `(${[...articles, ...groups].join('|')})`,
        name: 'entity.name.tag.nianbao',
      },
      'document-number': {
        comment: 'Document numbers such as 国办公开办函〔2021〕30号 and 国务院令第711号.',
        match: '[\\u4e00-\\u9fa5]{1,12}[〔\\[［(（]\\s*\\d{4}\\s*[〕\\]］)）]\\s*\\d+\\s*号|国务院令\\s*第\\s*\\d+\\s*号|国令第\\s*\\d+\\s*号',
        name: 'string.other.document-number.nianbao',
      },
    },
  };
  mkdirSync('syntaxes', { recursive: true });
  writeFileSync('syntaxes/nianbao.injection.tmLanguage.json', JSON.stringify(grammar, null, 2) + '\n');
}
