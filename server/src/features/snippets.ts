/**
 * The snippets: the three standard tables and a whole-report skeleton, with a
 * tab stop on every number (default 0). Rendered from the format data; the
 * language server offers them as completions and the build writes the same
 * snippets to snippets/markdown.json for VS Code's own snippet support.
 * Their tables come aligned, as the formatter (features/format.ts) aligns them.
 */
import { renderSkeleton, renderTable, type CellWriter } from '../format/render';
import type { Text } from '../format/standard';
import stringWidth from 'string-width';
import { alignGeneratedTables } from './format';

export interface SnippetSpec {
  prefix: string;
  name: Text;
  description: Text;
  /** Snippet syntax ($1, ${2:0}). */
  body: string;
}

/** Numbers every cell as the next tab stop, starting after `first`. */
function tabStops(first = 1): CellWriter {
  let n = first;
  return () => `\${${n++}:0}`;
}

/** The tables of a snippet aligned as the formatter aligns them, a tab stop measured by its default. */
const aligned = (body: string) => alignGeneratedTables(body, (cell) => stringWidth(plainSnippet(cell)));

export function snippetSpecs(): SnippetSpec[] {
  return [
    {
      prefix: 'nb-table2',
      name: { zh: '表二 主动公开政府信息情况', en: 'Table 2 — proactive disclosure' },
      description: { zh: '插入标准表二（第二十条第（一）（五）（六）（八）项，10 个数）', en: 'Insert the standard Table 2 (10 numbers)' },
      body: aligned(renderTable('t2', tabStops())),
    },
    {
      prefix: 'nb-table3',
      name: { zh: '表三 收到和处理政府信息公开申请情况', en: 'Table 3 — requests received and handled' },
      description: { zh: '插入标准表三（25 行 × 7 列）', en: 'Insert the standard Table 3 (25 rows × 7 columns)' },
      body: aligned(renderTable('t3', tabStops())),
    },
    {
      prefix: 'nb-table4',
      name: { zh: '表四 行政复议、行政诉讼情况', en: 'Table 4 — reconsideration and litigation' },
      description: { zh: '插入标准表四（15 个数）', en: 'Insert the standard Table 4 (15 numbers)' },
      body: aligned(renderTable('t4', tabStops())),
    },
    {
      prefix: 'nb-report',
      name: { zh: '年度报告全文框架', en: 'Whole annual report skeleton' },
      description: { zh: '插入年度报告框架：标题、六个部分和三张标准表格', en: 'Insert a report skeleton: title, the six sections and the three tables' },
      body: aligned((() => {
        // One counter for numbers and prose, so Tab walks the draft top to bottom.
        let stop = 3;
        return renderSkeleton({
          unit: '${1:单位名称}',
          year: '${2:2024}',
          cell: () => `\${${stop++}:0}`,
          text: (_name, value) => `\${${stop++}:${value}}`,
        }).replace(/\$\{2:2024\}/g, (m, offset: number, whole: string) => (whole.indexOf(m) === offset ? m : '$2'));
      })()),
    },
  ];
}

/**
 * A snippet as the text it inserts when every placeholder keeps its default:
 * for editors without snippet support (the table with its 0s; a mirrored
 * placeholder such as the year written where it is repeated).
 */
export function plainSnippet(body: string): string {
  const defaults = new Map<string, string>();
  for (const m of body.matchAll(/\$\{(\d+):((?:\\.|[^}\\])*)\}/g)) if (!defaults.has(m[1])) defaults.set(m[1], m[2]);
  return body
    .replace(/\$\{(\d+):((?:\\.|[^}\\])*)\}|\$(\d+)|\\([$}\\])/g, (_m, n: string | undefined, value: string | undefined, mirror: string | undefined, escaped: string | undefined) =>
      escaped !== undefined ? escaped : n !== undefined ? value!.replace(/\\([$}\\])/g, '$1') : (defaults.get(mirror!) ?? '').replace(/\\([$}\\])/g, '$1'),
    );
}
