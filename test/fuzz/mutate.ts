/**
 * Mutations of a draft, as clerks and pasting make them: a cell retyped,
 * blanked or made huge, a label mistyped, rows swapped, deleted or repeated,
 * digits glued, line endings and BOMs, trailing blanks, a heading gone, a year
 * changed, and the deep nesting that makes Markdown parsers slow. Deterministic:
 * the same seed gives the same mutations.
 */

/** A small deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const CJK = '的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什两次使身者被高已亲其进此话常与活正感见明问力理尔点文几定本公特做外孩相西果走将月十实向声车全信重三机工物气每并别真打太新比才便夫再书部水像眼等体却加电主界门利海受听表德少克代员许先口由死安写性马光白或住难望教命花结乐色更拉东神记处让母父应直字场平报友关放至张认接告入笑内英军候民岁往何度山觉路带万男边风解叫任金快原吃妈变通师立象数四失满战远格士音轻目条呢病始达深完今提求清王化空业思切怎非找片罗钱紶吗语元喜曾离飞科言干流欢约各即指合反题必该论交终林请医晚制球决窢传画保读运及则房早院量苦火布品近坐产答星精视五连司巴';

const lines = (text: string) => text.split('\n');

/** Lines that are rows of a table (pipes or tabs) and hold a number. */
function tableLines(text: string): number[] {
  return lines(text)
    .map((l, i) => ((l.includes('|') || l.includes('\t')) && /\d/.test(l) ? i : -1))
    .filter((i) => i >= 0);
}

/** Replace one number on a table line. */
function replaceNumber(text: string, rng: Rng, by: (old: string) => string): string {
  const rows = tableLines(text);
  if (rows.length === 0) return text;
  const all = lines(text);
  const i = pick(rng, rows);
  const numbers = [...all[i].matchAll(/(?<![\d.、．])\d+(?![\d.、．])/g)];
  if (numbers.length === 0) return text;
  const m = pick(rng, numbers);
  all[i] = all[i].slice(0, m.index) + by(m[0]) + all[i].slice(m.index! + m[0].length);
  return all.join('\n');
}

const MUTATIONS: Record<string, (text: string, rng: Rng) => string> = {
  // BigInt: a retyped 300-digit run stays digits (Number would print “Infinity”).
  retype: (t, r) => replaceNumber(t, r, (old) => {
    const value = BigInt(old) + BigInt(pick(r, [-2, -1, 1, 2, 10, 100]));
    return String(value < 0n ? 0n : value);
  }),
  anyNumber: (t, r) => replaceNumber(t, r, () => String(Math.floor(r() * 100))),
  blank: (t, r) => replaceNumber(t, r, () => pick(r, ['', ' ', '/', '—', '-', '无'])),
  huge: (t, r) => replaceNumber(t, r, () => '9'.repeat(13 + Math.floor(r() * 10))),
  word: (t, r) => replaceNumber(t, r, () => pick(r, ['三', 'N/A', '12件', '-3', '0.5'])),
  mistypeLabel: (t, r) => {
    const rows = tableLines(t);
    if (!rows.length) return t;
    const all = lines(t);
    const i = pick(r, rows);
    const cjk = [...all[i].matchAll(/[\u4e00-\u9fff]/g)];
    if (!cjk.length) return t;
    const m = pick(r, cjk);
    const by = r() < 0.3 ? '' : pick(r, [...CJK]);
    all[i] = all[i].slice(0, m.index) + by + all[i].slice(m.index! + 1);
    return all.join('\n');
  },
  swapRows: (t, r) => {
    const rows = tableLines(t);
    if (rows.length < 2) return t;
    const all = lines(t);
    const i = pick(r, rows);
    const j = pick(r, rows);
    [all[i], all[j]] = [all[j], all[i]];
    return all.join('\n');
  },
  deleteRow: (t, r) => {
    const rows = tableLines(t);
    if (!rows.length) return t;
    const all = lines(t);
    all.splice(pick(r, rows), 1);
    return all.join('\n');
  },
  repeatRow: (t, r) => {
    const rows = tableLines(t);
    if (!rows.length) return t;
    const all = lines(t);
    const i = pick(r, rows);
    all.splice(i, 0, ...new Array(1 + Math.floor(r() * 200)).fill(all[i]));
    return all.join('\n');
  },
  glue: (t, r) => {
    const rows = tableLines(t);
    if (!rows.length) return t;
    const all = lines(t);
    const i = pick(r, rows);
    all[i] = all[i].replace(/(\d) *\| *(?=\d)/g, '$1');
    return all.join('\n');
  },
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  cr: (t) => t.replace(/\r?\n/g, '\r'),
  bom: (t) => '\ufeff' + t,
  concatenate: (t) => `\ufeff${t}\n\ufeff${t}`,
  trailingBlanks: (t) => t.replace(/$/gm, ' \t'),
  deleteHeading: (t, r) => {
    const all = lines(t);
    const headings = all.map((l, i) => (/^(#+\s*)?[一二三四五六]、/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (!headings.length) return t;
    all.splice(pick(r, headings), 1);
    return all.join('\n');
  },
  changeYear: (t, r) => t.replace(/20(\d\d)/, (_m, y) => `20${String(Number(y) + pick(r, [-1, 1])).padStart(2, '0')}`),
  deepNesting: (t, r) => {
    const marks = pick(r, ['>', '- ', '* ', '[', '*', '_', '`', '(']);
    return `${marks.repeat(200 + Math.floor(r() * 800))}\n${t}`;
  },
  longDigits: (t, r) => replaceNumber(t, r, () => '1'.repeat(100 + Math.floor(r() * 700))),
  truncate: (t, r) => t.slice(0, Math.floor(r() * t.length)),
  // A silencing comment, as a clerk writes one: any form, a real or a misspelt code, anywhere (a table row too).
  directive: (t, r) => {
    const all = lines(t);
    const kind = pick(r, ['disable-next-line', 'disable-line', 'disable', 'enable', 'disable-file']);
    const code = pick(r, ['', 't3-row-total', 'cell-blank, label-deviation', 'narrative-mismatch -- 已核实', 'no-such-check']);
    const comment = `<!-- nianbao-${kind}${code ? ` ${code}` : ''} -->`;
    const at = Math.floor(r() * (all.length + 1));
    if (kind === 'disable-line' && at < all.length) all[at] = `${all[at]} ${comment}`;
    else all.splice(at, 0, comment);
    return all.join('\n');
  },
};

const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One to three mutations, chosen by the seed. */
export function mutate(text: string, seed: number): { text: string; applied: string[] } {
  const rng = random(seed);
  const count = 1 + Math.floor(rng() * 3);
  const applied: string[] = [];
  let out = text;
  for (let i = 0; i < count; i++) {
    const name = pick(rng, MUTATION_NAMES);
    out = MUTATIONS[name](out, rng);
    applied.push(name);
  }
  return { text: out, applied };
}
