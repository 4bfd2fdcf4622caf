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

/**
 * The plain pipe tables of a report — every line starting with `|`, a
 * delimiter row second with as many cells as the header, no backslash and no
 * backtick (escapes and code spans change where a cell ends) — split as
 * GFM splits them, without remark: they are two thirds of a report's parse.
 * A cell runs from its opening pipe to the next; the last cell takes the
 * rest of the line, its closing pipe and any spaces after it. Anything else
 * is left to remark. Tested: the same rows and cells as remark-gfm's on every
 * table of the examples, the fixtures and random tables
 * (test/unit/readers.test.ts).
 */
const PIPE_TABLE_LINE = /^\|[^\\`\r\n]*$/;
const DELIMITER_CELL = /^[ \t]*:?-+:?[ \t]*$/;
const TRAILING_SPACE = /^[ \t]*$/;

function pipeCells(line: string, at: number): Extent[] {
  const pipes: number[] = [];
  for (let i = line.indexOf('|'); i >= 0; i = line.indexOf('|', i + 1)) pipes.push(i);
  // A closing pipe (only spaces after it) ends the last cell rather than opening another.
  const closed = pipes.length > 1 && TRAILING_SPACE.test(line.slice(pipes[pipes.length - 1] + 1));
  const opening = closed ? pipes.slice(0, -1) : pipes;
  return opening.map((p, i) => ({ start: at + p, end: at + (i + 1 < opening.length ? opening[i + 1] : line.length) }));
}

function pipeTableBlocks(chunk: string): Block[] | undefined {
  const lines: Extent[] = [];
  LINE.lastIndex = 0;
  for (let m = LINE.exec(chunk); m && m.index < chunk.length; m = LINE.exec(chunk)) {
    const content = m[0].replace(/[\r\n]+$/, '');
    if (!PIPE_TABLE_LINE.test(content)) return undefined;
    lines.push({ start: m.index, end: m.index + content.length });
  }
  if (lines.length < 2) return undefined;
  const text = (e: Extent) => chunk.slice(e.start, e.end);
  // A header of nothing but pipes and spaces makes no table (remark reads a paragraph).
  if (!/[^| \t]/.test(text(lines[0]))) return undefined;
  const header = pipeCells(text(lines[0]), lines[0].start);
  const delimiter = pipeCells(text(lines[1]), lines[1].start);
  if (delimiter.length !== header.length || !delimiter.every((c) => DELIMITER_CELL.test(chunk.slice(c.start + 1, c.end).replace(/\|[ \t]*$/, '')))) return undefined;
  const rows = [lines[0], ...lines.slice(2)].map((line) => ({ start: line.start, end: line.end, cells: pipeCells(text(line), line.start) }));
  return [{ type: 'table', start: 0, end: lines[lines.length - 1].end, rows }];
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

/** The blocks of a chunk read before (most recently used last), or undefined. */
function remembered(chunk: string): Block[] | undefined {
  const blocks = chunkBlocks.get(chunk);
  if (blocks) chunkBlocks.delete(chunk); // re-inserted by remember: most recently used last
  return blocks;
}

function remember(chunk: string, blocks: Block[]): void {
  if (!remembering) return;
  chunkBlocks.set(chunk, blocks);
  if (chunkBlocks.size > MAX_REMEMBERED_CHUNKS) chunkBlocks.delete(chunkBlocks.keys().next().value!);
}

/**
 * The blocks of chunks that parse on their own, each chunk's offsets into
 * itself, with one remark parse of them all joined by blank lines: a parse
 * has a fixed cost (micromark combines its extensions, mdast its handlers)
 * that a parse per paragraph paid twenty times over. A block belongs to the
 * chunk it starts in.
 */
function parseChunks(chunks: readonly string[]): Block[][] {
  const starts: number[] = [];
  let at = 0;
  for (const chunk of chunks) {
    starts.push(at);
    at += chunk.length + CHUNK_SEPARATOR.length;
  }
  const out: Block[][] = chunks.map(() => []);
  let owner = 0;
  for (const block of blocksOfTree(processor.parse(chunks.join(CHUNK_SEPARATOR)) as MdNode)) {
    while (owner + 1 < starts.length && starts[owner + 1] <= block.start) owner++;
    out[owner].push(shiftBlock(block, -starts[owner]));
  }
  return out;
}

const CHUNK_SEPARATOR = '\n\n';

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
  // Line by line, by character code: no string or match per line.
  for (let start = 0; start < text.length; ) {
    let end = start;
    let blank = true; // as CommonMark has it: spaces and tabs only (a line of ideographic spaces is text)
    for (let code = text.charCodeAt(end); end < text.length && code !== 10 && code !== 13; code = text.charCodeAt(++end)) if (code !== 32 && code !== 9) blank = false;
    if (blank) inRun = false;
    else if (inRun || (regions.length && startsLikeAContinuation(text, start))) regions[regions.length - 1].end = end;
    else regions.push({ start, end });
    if (!blank) inRun = true;
    // Past the line break: \r\n, \r or \n.
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return regions;
}

const MAY_CONTINUE_AT = new RegExp(MAY_CONTINUE.source.replace(/^\^/, ''), 'y');
/** MAY_CONTINUE at a line's start (its characters never match a line break, so the line's end bounds it). */
function startsLikeAContinuation(text: string, lineStart: number): boolean {
  MAY_CONTINUE_AT.lastIndex = lineStart;
  return MAY_CONTINUE_AT.test(text);
}

const shift = (e: Extent, by: number): Extent => ({ start: e.start + by, end: e.end + by });

/** A block moved by `by`, built field by field (spreading a report's hundreds of cells cost more than its parse). */
function shiftBlock(b: Block, by: number): Block {
  const moved: Block = { type: b.type, start: b.start + by, end: b.end + by };
  if (b.depth !== undefined) moved.depth = b.depth;
  if (b.rows) moved.rows = b.rows.map((r) => ({ start: r.start + by, end: r.end + by, cells: r.cells.map((c) => shift(c, by)) }));
  return moved;
}

/** The blocks of a text, offsets into it. */
export function blocksOf(text: string): Block[] {
  const regions = regionsOf(text);
  if (!regions) return blocksOfTree(processor.parse(text) as MdNode);
  const chunks = regions.map((r) => text.slice(r.start, r.end));
  const found = chunks.map((chunk) => remembered(chunk) ?? pipeTableBlocks(chunk));
  const unread = found.flatMap((blocks, i) => (blocks ? [] : [i]));
  if (unread.length) {
    const parsed = parseChunks(unread.map((i) => chunks[i]));
    unread.forEach((i, k) => (found[i] = parsed[k]));
  }
  return chunks.flatMap((chunk, i) => {
    remember(chunk, found[i]!);
    return found[i]!.map((b) => shiftBlock(b, regions[i].start));
  });
}
