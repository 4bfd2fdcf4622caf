// Bundles the extension client, the language server and the CLI into dist/,
// so the packaged extension needs no node_modules. `--production` minifies;
// `--watch` rebuilds on change.
import * as esbuild from 'esbuild';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // ESM dependencies (fdir, under tinyglobby) read import.meta.url, which a CommonJS bundle lacks.
  define: { 'import.meta.url': '__importMetaUrl' },
  // jsonc-parser's main build is UMD, whose dynamic requires a bundler cannot follow; its ESM build bundles.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

const IMPORT_META_URL = "var __importMetaUrl = require('url').pathToFileURL(__filename).href;";

/**
 * The client bundles the reader for the Markdown preview plugin, which draws pipe tables
 * only: the reader's HTML table reader (and its HTML parser, 240 KB) is left out.
 */
const withoutHtmlTables = {
  name: 'without-html-tables',
  setup(build) {
    build.onResolve({ filter: /^\.\/html$/ }, (args) =>
      /server[\\/]src[\\/]parse[\\/]lines\.ts$/.test(args.importer) ? { path: new URL('./client/src/no-html-tables.ts', import.meta.url).pathname } : undefined,
    );
  },
};

/**
 * Libraries only one command needs — docx (a Word export) and exceljs (a
 * review's workbook) — are bundled apart, in dist/vendor/, and required from
 * there when first used (the code imports them dynamically), so that a check,
 * the language server's start and every CLI worker do not load them.
 */
const LAZY_LIBRARIES = ['docx', 'exceljs'];
const lazyLibraries = {
  name: 'lazy-libraries',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^(${LAZY_LIBRARIES.join('|')})$`) }, (args) => ({ path: `./vendor/${args.path}.js`, external: true }));
  },
};
const vendorBuilds = LAZY_LIBRARIES.map((name) => ({
  stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: '.', loader: 'js' },
  outfile: `dist/vendor/${name}.js`,
}));

const builds = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'], banner: { js: IMPORT_META_URL }, plugins: [withoutHtmlTables] },
  { entryPoints: ['server/src/lsp/server.ts'], outfile: 'dist/server.js', banner: { js: `#!/usr/bin/env node\n${IMPORT_META_URL}` }, plugins: [lazyLibraries] },
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: `#!/usr/bin/env node\n${IMPORT_META_URL}` }, plugins: [lazyLibraries] },
  ...vendorBuilds,
];

const contexts = await Promise.all(builds.map((b) => esbuild.context({ ...common, ...b })));
if (watch) {
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}
// The snippets, the grammar and the docs are generated from the format data by
// `npm run generate` (scripts/generate.ts), not by the build: a test compares the
// committed copies with what the generator makes, so a stale copy fails it.
