/**
 * The scan shared by the Table 2 and Table 3 readers: walk a section's tokens
 * in order; a token that matches a row label starts a row, and the values
 * after it are its cells, until the next label.
 *
 * A label that matches nothing, followed by values, is kept aside: when a
 * standard row is absent and the unknown label stands in that row's place
 * (between the rows that come before and after it in the standard order) and
 * reads close to it, it IS that row, with a typo (（一）予以公布, 行政许诺,
 * 行政許可, 行政许可决定). Otherwise its values are left unread and reported.
 */
import type { LabelRead, Span } from '../../model/report';
import { isLabelPrefix, matchLabel, type LabelCandidate, type LabelMatch } from '../labels';
import type { Line, Token } from '../lines';
import { normalizeLabel, readNumber, similarity, stripNumbering } from '../text';

export interface RowDraft {
  key: string;
  label: LabelRead;
  row: number;
  tokens: Token[];
}

export interface Scan {
  rows: RowDraft[];
  labels: LabelRead[];
  /** Every token the table used (labels and cells), for its range. */
  used: Token[];
  /**
   * Values that followed no label: runs of numbers between labelled rows, as a
   * PDF extraction leaves them when it prints labels after their numbers.
   * `at` is how many row drafts preceded the run.
   */
  orphans: { tokens: Token[]; at: number }[];
}

/** Per table: the standard rows in order, and how many cells each has. */
export interface RowOrder {
  keys: readonly string[];
  width: (key: string) => number;
}

/**
 * Walk the tokens of the section in order. A token that matches a row label
 * starts a row; the numbers (and placeholders) after it are its cells, until
 * the next label. Empty cells count only on the label's own physical row, so
 * layout gaps elsewhere are not read as blanks. Text on the label's own row
 * that is not a label is a cell too (an invalid one: `12件`).
 */
export function scanLabelledRows(
  lines: Line[],
  candidates: readonly LabelCandidate[],
  options: { groupsCarryCells?: boolean; order: RowOrder },
): Scan {
  const width = options.order.width;
  const filledCells = (row: RowDraft) => row.tokens.filter((t) => t.text !== '').length;
  const lineTokens: Token[] = [];
  for (const line of lines) if (line.kind !== 'heading') lineTokens.push(...line.tokens);
  const tokens = expandCompoundLabels(lineTokens, candidates);
  const rows: RowDraft[] = [];
  const labels: LabelRead[] = [];
  const used: Token[] = [];
  let current: RowDraft | undefined;
  let pendingGroup: { match: LabelMatch; span: Span; row: number } | undefined;
  const orphans: Scan['orphans'] = [];
  let orphan: Scan['orphans'][number] | undefined;
  /** Labels that matched nothing, with the values after them, and how many rows preceded each. */
  const unknowns: { draft: RowDraft; at: number }[] = [];
  let unknown: RowDraft | undefined;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.num.kind === 'text') orphan = undefined;
    if (token.num.kind !== 'text' && unknown) {
      // An unknown label keeps every value up to the next text: decided after the scan.
      if (token.text !== '' || token.row === unknown.row) unknown.tokens.push(token);
      continue;
    }
    if (token.num.kind !== 'text') {
      // Values on later lines belong to the row only until it is full: more
      // values there are another row's, displaced (labels after their numbers).
      if (current && token.row !== current.row && filledCells(current) >= width(current.key)) current = undefined;
      if (current && (token.text !== '' || token.row === current.row)) {
        current.tokens.push(token);
        used.push(token);
      } else if (!current && pendingGroup && options.groupsCarryCells && token.text !== '') {
        // A group label with numbers of its own: the 2019 layout's single （六）其他处理 row.
        current = {
          key: pendingGroup.match.candidate.key,
          label: labelRead(pendingGroup.span, pendingGroup.match),
          row: pendingGroup.row,
          tokens: [token],
        };
        rows.push(current);
        used.push(token);
        pendingGroup = undefined;
      } else if (!current && token.text !== '' && rows.some((r) => r.tokens.length > 0)) {
        if (!orphan) {
          orphan = { tokens: [], at: rows.length };
          orphans.push(orphan);
        }
        orphan.tokens.push(token);
      }
      continue;
    }
    unknown = undefined;
    const found = matchWithContinuation(tokens, i, candidates);
    if (!found) {
      if (current && token.row === current.row) {
        current.tokens.push(token);
        used.push(token);
      } else {
        current = undefined;
        if (looksLikeLabel(token.text)) {
          unknown = { key: '', label: { span: token.span, canonical: '', deviates: true }, row: token.row, tokens: [] };
          unknowns.push({ draft: unknown, at: rows.length });
        }
      }
      continue;
    }
    const { match, span, last } = found;
    for (let k = i; k <= last; k++) used.push(tokens[k]);
    i = last;
    const read = labelRead(span, match);
    if (match.candidate.role === 'row') {
      current = { key: match.candidate.key, label: read, row: tokens[last].row, tokens: [] };
      rows.push(current);
      pendingGroup = undefined;
    } else {
      labels.push(read);
      current = undefined;
      pendingGroup = match.candidate.role === 'group' ? { match, span, row: tokens[last].row } : undefined;
    }
  }
  adoptUnknowns(unknowns, rows, orphans, used, candidates, options.order);
  const end = tableEnd(tokens, rows, used);
  const inTable = (span: Span) => span.start < end;
  return { rows, labels: labels.filter((l) => inTable(l.span)), used: used.filter((t) => inTable(t.span)), orphans };
}

/**
 * Where the table ends: lines after its last row that hold only its own
 * labels (the group headers of rows it lacks) are its; from the first line
 * with other text on, nothing is — that is the next table (Table 4's header,
 * whose 总计 is also a Table 3 column, when the heading of section 四 was deleted).
 */
function tableEnd(tokens: readonly Token[], rows: readonly RowDraft[], used: readonly Token[]): number {
  const lastRowEnd = Math.max(...rows.map((r) => Math.max(r.label.span.end, ...r.tokens.map((t) => t.span.end))));
  let own: Set<Token> | undefined; // made only when text follows the last row
  const foreign = tokens.find((t) => t.span.start >= lastRowEnd && t.num.kind === 'text' && t.text !== '' && !(own ??= new Set(used)).has(t));
  if (!foreign) return Infinity;
  return Math.min(...tokens.filter((t) => t.row === foreign.row).map((t) => t.span.start));
}

/** Short text without sentence punctuation or digits beyond a numbering: a label, maybe mistyped, not prose. */
function looksLikeLabel(text: string): boolean {
  const bare = stripNumbering(normalizeLabel(text));
  return bare.length >= 2 && bare.length <= 60 && !/[。；;！？]/.test(text) && !/\d/.test(bare);
}

/** Labels closer than this (after numbering) to no absent row are not taken for one. */
const ADOPT_SIMILARITY = 0.5;
/** With the same numbering (（一）, 3.) as the row, a looser match will do. */
const ADOPT_SIMILARITY_NUMBERED = 0.34;

/**
 * Unknown labels in the place of an absent standard row, and close to it,
 * become that row (its label deviates, for label-deviation to report and fix).
 * The values of the others are left as orphans, to be recovered or reported.
 */
function adoptUnknowns(
  unknowns: { draft: RowDraft; at: number }[],
  rows: RowDraft[],
  orphans: Scan['orphans'],
  used: Token[],
  candidates: readonly LabelCandidate[],
  order: RowOrder,
): void {
  if (unknowns.length === 0) return;
  const found = new Set(rows.map((r) => r.key));
  const position = (key: string) => order.keys.indexOf(key);
  const inserts: { at: number; draft: RowDraft }[] = [];
  for (const { draft, at } of unknowns) {
    const values = draft.tokens.filter((t) => t.text !== '');
    if (values.length === 0) continue;
    const before = rows.slice(0, at).map((r) => position(r.key)).filter((p) => p >= 0);
    const after = rows.slice(at).map((r) => position(r.key)).filter((p) => p >= 0);
    const from = before.length ? Math.max(...before) : -1;
    const to = after.length ? Math.min(...after) : order.keys.length;
    const written = normalizeLabel(draft.label.span.text);
    const numbering = (s: string) => /^(\(\S{1,2}\)|\d+\.|[一二三四五六七八九十]+、)/.exec(s)?.[0];
    let best: { key: string; score: number; candidate: LabelCandidate } | undefined;
    let tie = false;
    for (let p = from + 1; p < to; p++) {
      const key = order.keys[p];
      if (found.has(key)) continue;
      const candidate = candidates.find((c) => c.role === 'row' && c.key === key);
      if (!candidate || values.length > order.width(key)) continue;
      const score = Math.max(...candidate.bare.map((b) => similarity(stripNumbering(written), b)));
      const sameNumber = numbering(written) !== undefined && candidate.forms.some((f) => numbering(f) === numbering(written));
      if (score < (sameNumber ? ADOPT_SIMILARITY_NUMBERED : ADOPT_SIMILARITY)) continue;
      if (best && Math.abs(score - best.score) < 1e-9) tie = true;
      else if (!best || score > best.score) {
        best = { key, score, candidate };
        tie = false;
      }
    }
    if (best && !tie) {
      found.add(best.key);
      draft.key = best.key;
      draft.label = { span: draft.label.span, canonical: best.candidate.canonical, deviates: true };
      used.push(...draft.tokens);
      inserts.push({ at, draft });
    } else if (at > 0 && rows.slice(0, at).some((r) => r.tokens.length > 0)) {
      orphans.push({ tokens: values, at });
    }
  }
  // Adopted rows take their place among the rows, in document order.
  for (const { at, draft } of inserts.reverse()) {
    rows.splice(at, 0, draft);
    for (const o of orphans) if (o.at >= at && o.tokens[0].span.start > draft.label.span.start) o.at++;
  }
  orphans.sort((a, b) => a.tokens[0].span.start - b.tokens[0].span.start);
}

/**
 * Match the label at tokens[i], joining it with the following text tokens when
 * it was wrapped over several lines, and splitting off a group label written in
 * the same cell (`（四）无法提供 1.本机关不掌握相关政府信息`).
 */
function matchWithContinuation(
  tokens: Token[],
  i: number,
  candidates: readonly LabelCandidate[],
): { match: LabelMatch; span: Span; last: number } | undefined {
  const token = tokens[i];
  const direct = matchLabel(token.text, candidates);
  if (direct && !direct.deviates) return { match: direct, span: token.span, last: i };
  // A near match may be the first part of a wrapped label: prefer the whole.
  const wrapped = joinWrapped(tokens, i, candidates);
  if (wrapped && (!direct || !wrapped.match.deviates)) return wrapped;
  // Both near: the closer one (a wrapped label's first piece alone is further off than the whole).
  if (wrapped && direct && labelScore(wrapped.span.text, wrapped.match.candidate) > labelScore(token.text, direct.candidate)) return wrapped;
  if (direct) return { match: direct, span: token.span, last: i };

  // A group label and an item label in one cell: match the item.
  const split = splitGroupPrefix(token.text, candidates);
  if (split) {
    const offset = token.text.indexOf(split.rest);
    const itemSpan = sliceSpan(token.span, offset);
    return { match: split.match, span: itemSpan, last: i };
  }

  return undefined;
}

/**
 * A label wrapped onto following lines: join text tokens while still a prefix.
 * An exact match wins; otherwise the closest near match of the joins tried
 * (a wrapped label may match loosely half-way and exactly only when whole).
 */
function joinWrapped(
  tokens: Token[],
  i: number,
  candidates: readonly LabelCandidate[],
): { match: LabelMatch; span: Span; last: number } | undefined {
  const token = tokens[i];
  let joined = token.text;
  let best: { match: LabelMatch; span: Span; last: number; score: number } | undefined;
  for (let j = i + 1; j < tokens.length && j <= i + 4; j++) {
    if (!isLabelPrefix(joined, candidates)) break;
    if (tokens[j].num.kind !== 'text') {
      if (tokens[j].text === '') continue;
      break;
    }
    joined += tokens[j].text;
    const m = matchLabel(joined, candidates);
    if (!m) continue;
    const found = {
      match: { candidate: m.candidate, deviates: m.deviates },
      span: { ...token.span, text: joined, end: tokens[j].span.end, range: { start: token.span.range.start, end: tokens[j].span.range.end } },
      last: j,
      score: m.deviates ? labelScore(joined, m.candidate) : 1,
    };
    if (!m.deviates) return found;
    if (!best || found.score > best.score) best = found;
  }
  return best;
}

function labelScore(written: string, candidate: LabelCandidate): number {
  const bare = stripNumbering(normalizeLabel(written));
  return Math.max(...candidate.bare.map((b) => similarity(bare, b)));
}

/**
 * Text out of a PDF joins neighbouring labels with one space
 * (`信息内容 本年收费金额（单位：万元）`). Where every word of a token is itself a
 * label, the words are read as separate labels.
 */
function expandCompoundLabels(tokens: Token[], candidates: readonly LabelCandidate[]): Token[] {
  const out: Token[] = [];
  for (const token of tokens) {
    const glued = splitLabelDigits(token, candidates);
    if (glued) {
      out.push(...glued);
      continue;
    }
    const parts = token.num.kind === 'text' && !token.gfm ? [...token.text.matchAll(/\S+/g)] : [];
    const whole = parts.length > 1 ? matchLabel(token.text, candidates) : undefined;
    if (parts.length > 1 && (!whole || whole.deviates) && parts.every((p) => matchLabel(p[0], candidates)?.deviates === false)) {
      for (const p of parts) {
        const start = token.span.start + p.index!;
        const character = token.span.range.start.character + p.index!;
        out.push({
          ...token,
          text: p[0],
          span: {
            text: p[0],
            start,
            end: start + p[0].length,
            range: {
              start: { line: token.span.range.start.line, character },
              end: { line: token.span.range.start.line, character: character + p[0].length },
            },
          },
        });
      }
    } else out.push(token);
  }
  return out;
}

/**
 * A label with the row's digits glued to it, as flattened web pages give them
 * (`一、本年新收政府信息公开申请数量713000074`, `行政事业性收费45.6`): the label and a number token.
 */
const ENDS_IN_DIGIT = /[0-9０-９]$/;

function splitLabelDigits(token: Token, candidates: readonly LabelCandidate[]): Token[] | undefined {
  if (token.num.kind !== 'text' || token.text !== token.span.text) return undefined;
  // The digits, or an amount in 万元 (行政事业性收费45.6): a text not ending in a digit has none (most, tried first).
  if (!ENDS_IN_DIGIT.test(token.text)) return undefined;
  const m = /^(.*[^\s\d０-９.．、,，])\s*([0-9０-９]+(?:[.．][0-9０-９]+)?)$/u.exec(token.text);
  if (!m) return undefined;
  const label = m[1];
  const match = matchLabel(label, candidates);
  const isLabel = (match && (match.candidate.role === 'row' || match.candidate.role === 'group')) || splitGroupPrefix(label, candidates);
  if (!isLabel) return undefined;
  const digitsAt = token.text.length - m[2].length;
  const piece = (from: number, to: number): Span => ({
    text: token.text.slice(from, to),
    start: token.span.start + from,
    end: token.span.start + to,
    range: {
      start: { line: token.span.range.start.line, character: token.span.range.start.character + from },
      end: { line: token.span.range.start.line, character: token.span.range.start.character + to },
    },
  });
  return [
    { ...token, text: label, span: piece(0, label.length) },
    { ...token, text: m[2], span: piece(digitsAt, token.text.length), num: readNumber(m[2]) },
  ];
}

/**
 * A group label and an item label in one cell (`（四）无法提供 1.本机关不掌握…`,
 * or glued: `三、本年度办理结果（一）予以公开`): the item, when both match.
 */
function splitGroupPrefix(text: string, candidates: readonly LabelCandidate[]): { match: LabelMatch; rest: string } | undefined {
  // Group labels are short: a split further in is never one.
  for (let p = 2; p < Math.min(text.length - 1, 20); p++) {
    const ch = text[p];
    const numbered = /[（(]/.test(ch) || (/[0-9０-９]/.test(ch) && /[.．、]/.test(text[p + 1] ?? ''));
    if (!numbered && !/\s/.test(ch)) continue;
    const group = matchLabel(text.slice(0, p), candidates);
    if (!group || group.candidate.role !== 'group') continue;
    const rest = text.slice(p).trimStart();
    const item = matchLabel(rest, candidates);
    if (item && item.candidate.role === 'row') return { match: item, rest };
  }
  return undefined;
}

function sliceSpan(span: Span, offset: number): Span {
  if (offset <= 0) return span;
  return {
    text: span.text.slice(offset),
    start: span.start + offset,
    end: span.end,
    // The label sits on one line here, so the character shifts with the offset.
    range: { start: { line: span.range.start.line, character: span.range.start.character + offset }, end: span.range.end },
  };
}

export function labelRead(span: Span, match: LabelMatch): LabelRead {
  return { span, canonical: match.candidate.canonical, deviates: match.deviates };
}
