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
