/**
 * The block structure of a Markdown text, as the reader needs it: each
 * top-level block's kind and extent, and for a GFM table every row's and
 * cell's. remark (with GFM's block extensions) makes it.
 *
 * A report is parsed region by region — the runs of lines between blank
 * lines — and each region's blocks are remembered by its text, so a keystroke
 * re-parses the one paragraph or table it touched, not the whole report. A
 * blank line ends every block CommonMark has except a list (its next item),
 * indented content (code, a list item's or footnote's continuation), fenced
 * code and HTML blocks: a run that starts as the first two may continue the
 * run above and joins it; a text with a fence or `<` at a line's start is
 * parsed whole.
 * Tested: the blocks are those of one remark-parse + remark-gfm parse of the
 * whole text (test/unit/readers.test.ts).
 */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';

export interface MdNode {
  type: string;
  depth?: number;
  children?: MdNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

interface Extent {
  start: number;
  end: number;
}

/** A top-level block: its kind (mdast type), heading depth, extent, and a table's rows of cells. */
export interface Block extends Extent {
  type: string;
  depth?: number;
  rows?: (Extent & { cells: Extent[] })[];
}

/**
 * The block-level part of remark-gfm, as remark-gfm itself registers its
 * extensions: tables, and footnote definitions (a block that would otherwise
 * read as a link definition). Autolinks, strikethrough and task lists are
 * inline and change no block, so their work (a fifth of the parse) is saved.
 */
function remarkGfmBlocks(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmFootnoteFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkGfmBlocks);

const extentOf = (node: MdNode, fallback: number): Extent => {
  const start = node.position?.start.offset ?? fallback;
  return { start, end: node.position?.end.offset ?? start };
};

/** The blocks of a syntax tree (offsets as in the tree). */
export function blocksOfTree(tree: MdNode): Block[] {
  return (tree.children ?? []).map((node) => {
    const extent = extentOf(node, 0);
    const block: Block = { type: node.type, ...extent, ...(node.depth !== undefined ? { depth: node.depth } : {}) };
    if (node.type === 'table') {
      block.rows = (node.children ?? []).map((row) => {
        const rowExtent = extentOf(row, extent.start);
        return { ...rowExtent, cells: (row.children ?? []).map((cell) => extentOf(cell, rowExtent.start)) };
      });
    }
    return block;
  });
}

/** Chunks whose blocks are remembered, by text; beyond this the oldest go. */
const MAX_REMEMBERED_CHUNKS = 20_000;
const chunkBlocks = new Map<string, Block[]>();

let remembering = true;

/** Forget every remembered region, and remember them from now on or not (the benchmark's cold runs). */
export function forgetBlocks(rememberFromNow = true): void {
  chunkBlocks.clear();
  remembering = rememberFromNow;
}

function blocksOfChunk(chunk: string): Block[] {
  let blocks = chunkBlocks.get(chunk);
  if (blocks) {
    chunkBlocks.delete(chunk); // re-inserted below: most recently used last
  } else {
    blocks = blocksOfTree(processor.parse(chunk) as MdNode);
  }
  if (!remembering) return blocks;
  chunkBlocks.set(chunk, blocks);
  if (chunkBlocks.size > MAX_REMEMBERED_CHUNKS) chunkBlocks.delete(chunkBlocks.keys().next().value!);
  return blocks;
}

/** Constructs that a blank line does not end: a fence or an HTML block (not a comment closed on its own line, as the directives are). */
const SPANS_BLANK_LINES = /^ {0,3}(```|~~~|<(?!!--.*-->[ \t]*$))/m;
const LINE = /[^\r\n]*(\r\n|\r|\n|$)/g;

/**
 * A line that may continue the block before the blank line above it: an
 * indented line (code, or the content of a list item or footnote) or a list
 * item (the next item of a loose list).
 */
const MAY_CONTINUE = /^([ \t]|[-*+][ \t]|\d{1,9}[.)][ \t])/;

/**
 * The regions of the text that parse on their own: runs of non-blank lines,
 * a run that may continue the one above joined to it; undefined when the
 * text must be parsed whole.
 */
function regionsOf(text: string): Extent[] | undefined {
  if (SPANS_BLANK_LINES.test(text)) return undefined;
  const regions: Extent[] = [];
  let inRun = false;
  LINE.lastIndex = 0;
  for (let m = LINE.exec(text); m && m.index < text.length; m = LINE.exec(text)) {
    const content = m[0].replace(/[\r\n]+$/, '');
    const end = m.index + content.length;
    if (/^[ \t]*$/.test(content)) inRun = false;
    else if (inRun || (regions.length && MAY_CONTINUE.test(content))) regions[regions.length - 1].end = end;
    else regions.push({ start: m.index, end });
    if (content.trim()) inRun = true;
  }
  return regions;
}

const shift = (e: Extent, by: number): Extent => ({ start: e.start + by, end: e.end + by });

/** The blocks of a text, offsets into it. */
export function blocksOf(text: string): Block[] {
  const chunks = regionsOf(text);
  if (!chunks) return blocksOfTree(processor.parse(text) as MdNode);
  return chunks.flatMap((chunk) =>
    blocksOfChunk(text.slice(chunk.start, chunk.end)).map((b) => ({
      ...b,
      ...shift(b, chunk.start),
      ...(b.rows ? { rows: b.rows.map((r) => ({ ...shift(r, chunk.start), cells: r.cells.map((c) => shift(c, chunk.start)) })) } : {}),
    })),
  );
}
