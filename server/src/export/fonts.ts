/**
 * The fonts of the exported Word document, apart from the writer (export/docx.ts)
 * so that the CLI's options and help can name them without loading the
 * docx library, which is loaded only when a Word document is written.
 */
/** The fonts of each kind of text (East Asian font names, as Word and WPS know them). */
export interface DocxFonts {
  title: string;
  heading: string;
  subheading: string;
  body: string;
  table: string;
}

export const DEFAULT_FONTS: Readonly<DocxFonts> = {
  title: '方正小标宋简体',
  heading: '黑体',
  subheading: '楷体_GB2312',
  body: '仿宋_GB2312',
  table: '宋体',
};

/** The kinds of text a font is set for, as the setting and the help name them. */
const FONT_ROLES: Readonly<Record<keyof DocxFonts, { zh: string; en: string }>> = {
  title: { zh: '标题', en: 'title' },
  heading: { zh: '一级标题（一、二、……）', en: 'headings (一、二、…)' },
  subheading: { zh: '二级标题（（一）（二）……）', en: 'subheadings (（一）（二）…)' },
  body: { zh: '正文', en: 'body text' },
  table: { zh: '表格', en: 'tables' },
};

/** The fonts a setting or a command argument names: known kinds with a non-empty name only. */
export function fontsFrom(value: unknown): Partial<DocxFonts> {
  const fonts: Partial<DocxFonts> = {};
  if (!value || typeof value !== 'object') return fonts;
  for (const role of Object.keys(DEFAULT_FONTS) as (keyof DocxFonts)[]) {
    const name = (value as Record<string, unknown>)[role];
    if (typeof name === 'string' && name.trim()) fonts[role] = name.trim();
  }
  return fonts;
}

/** The VS Code setting nianbao.export.fonts, as package.json declares it (scripts/generate.ts writes it there). */
export function fontsSettingSchema(): Record<string, unknown> {
  const roles = Object.keys(DEFAULT_FONTS) as (keyof DocxFonts)[];
  return {
    type: 'object',
    scope: 'resource',
    default: {},
    additionalProperties: false,
    markdownDescription: `导出为 Word 文档时各部分的字体（未设置的用默认字体）/ The fonts of an exported Word document (defaults where unset): ${roles
      .map((r) => `\`${r}\` ${FONT_ROLES[r].zh} / ${FONT_ROLES[r].en}: ${DEFAULT_FONTS[r]}`)
      .join('; ')}`,
    properties: Object.fromEntries(roles.map((r) => [r, { type: 'string', markdownDescription: `${FONT_ROLES[r].zh} / ${FONT_ROLES[r].en}（默认 default: ${DEFAULT_FONTS[r]}）` }])),
  };
}
