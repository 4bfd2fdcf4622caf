/**
 * Generation from the format data (`npm run generate`; a test fails when a committed copy is stale):
 *  - snippets/markdown.json: the same snippets the server completes, for contributes.snippets;
 *  - syntaxes/nianbao.injection.tmLanguage.json: highlighting of section headings,
 *    table block labels and document numbers in Markdown;
 *  - docs/checks.md: the list of checks, from the checks' own docs entries;
 *  - schemas/nianbaorc.schema.json: the schema of .nianbaorc.json, from the checks' codes and options;
 *  - the table of checks in README.md, between its `checks` markers;
 *  - in package.json, the properties of the setting nianbao.rules (the same as the schema's rules),
 *    and the setting nianbao.export.fonts (export/fonts.ts).
 * Both are derived from server/src/format/standard.ts; neither is edited by hand.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SECTIONS, TABLE2, T3_GROUPS } from '../server/src/format/standard';
import { snippetSpecs } from '../server/src/features/snippets';
import { CHECKS, type Check } from '../server/src/checks';
import { configSchema } from '../server/src/config/schema';
import { fontsSettingSchema } from '../server/src/export/fonts';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Brackets and list punctuation written either width. */
const flexible = (s: string) =>
  escape(s)
    .replace(/（|\\\(/g, '[（(]')
    .replace(/）|\\\)/g, '[）)]')
    .replace(/、/g, '[、.．]');

/** Writes the generated files under `root` (the repository, or a test's temp folder). */
export function generate(root = '.'): void {
  const out = (path: string) => join(root, path);
  const snippets = Object.fromEntries(
    snippetSpecs().map((s) => [
      s.name.zh,
      { prefix: [s.prefix, s.name.zh.split(' ')[0]], body: s.body.split('\n'), description: `${s.description.zh} / ${s.description.en}` },
    ]),
  );
  mkdirSync(out('snippets'), { recursive: true });
  writeFileSync(out('snippets/markdown.json'), JSON.stringify(snippets, null, 2) + '\n');

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
  mkdirSync(out('syntaxes'), { recursive: true });
  writeFileSync(out('syntaxes/nianbao.injection.tmLanguage.json'), JSON.stringify(grammar, null, 2) + '\n');

  mkdirSync(out('schemas'), { recursive: true });
  writeFileSync(out('schemas/nianbaorc.schema.json'), JSON.stringify(configSchema(), null, 2) + '\n');

  mkdirSync(out('docs'), { recursive: true });
  writeFileSync(out('docs/checks.md'), checksDoc());

  // package.json: only the properties of nianbao.rules are generated; the rest is read from the repository.
  const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
  const rulesSchema = (configSchema().properties as Record<string, { properties: unknown }>).rules;
  manifest.contributes.configuration.properties['nianbao.rules'].properties = rulesSchema.properties;
  // The export's fonts: their kinds and defaults are export/fonts.ts's.
  manifest.contributes.configuration.properties['nianbao.export.fonts'] = fontsSettingSchema();
  writeFileSync(out('package.json'), JSON.stringify(manifest, null, 2) + '\n');

  // README.md: only the region between the markers is generated; read it from the repository.
  const readme = existsSync('README.md') ? readFileSync('README.md', 'utf8') : '';
  if (readme.includes(README_START)) writeFileSync(out('README.md'), withChecksTable(readme));
}

const README_START = '<!-- checks:start (generated from server/src/checks by scripts/generate.ts) -->';
const README_END = '<!-- checks:end -->';

function withChecksTable(readme: string): string {
  const start = readme.indexOf(README_START) + README_START.length;
  const end = readme.indexOf(README_END);
  return `${readme.slice(0, start)}\n${checksTable().join('\n')}\n${readme.slice(end)}`;
}

const SEVERITY = { error: '错误 error', warning: '警告 warning', information: '提示 information', hint: '提示 hint' };
const TAG = { official: '格式规定 official', derived: '由表格结构推出 derived', heuristic: '经验判断 heuristic' };

function checksTable(anchor = 'docs/checks.md#'): string[] {
  return [
    '| 代码 code | 名称 | Title | 默认级别 severity | 依据 basis |',
    '|---|---|---|---|---|',
    ...CHECKS.map((c) => `| [\`${c.code}\`](${anchor}${c.code}) | ${c.title.zh} | ${c.title.en} | ${SEVERITY[c.severity]} | ${TAG[c.tag]} |`),
  ];
}

/** A check's options as a table of its docs entry (none: nothing). */
function optionsDoc(check: Check): string[] {
  const entries = Object.entries(check.options ?? {});
  if (!entries.length) return [];
  const value = (spec: NonNullable<Check['options']>[string]) =>
    spec.type === 'enum' ? spec.values.map((v) => `\`${v}\``).join(' · ') : spec.type === 'integer' ? '整数 integer' : spec.type === 'monthDay' ? '日期 day (`"01-26"`)' : '文字列表 list of strings';
  return [
    `选项（在 \`.nianbaorc.json\` 的 \`rules.${check.code}\` 中）/ Options (in \`rules.${check.code}\`):`,
    '',
    '| 选项 option | 取值 values | 默认 default | 说明 |',
    '|---|---|---|---|',
    ...entries.map(([name, spec]) => `| \`${name}\` | ${value(spec)} | \`${JSON.stringify(spec.default)}\` | ${spec.docs.zh} / ${spec.docs.en} |`),
    '',
  ];
}

/** docs/checks.md: one entry a check, anchored by its code (diagnostics link here). */
function checksDoc(): string {
  const lines = [
    '# 检查项 / Checks',
    '',
    '<!-- Generated by scripts/generate.ts from the checks in server/src/checks/. Do not edit. -->',
    '',
    ...checksTable('#'),
    '',
  ];
  for (const c of CHECKS) {
    const state = c.optional ? `默认关闭，在配置中设定级别后启用 off by default; on when given a severity (${SEVERITY[c.severity]})` : SEVERITY[c.severity];
    lines.push(`## ${c.code}`, '', `**${c.title.zh}** / ${c.title.en} — ${state}, ${TAG[c.tag]}`, '', c.docs.zh, '', c.docs.en, '', ...optionsDoc(c));
  }
  return lines.join('\n');
}

// `npm run generate` (tsx scripts/generate.ts): write the files into the repository.
if (require.main === module) generate();
