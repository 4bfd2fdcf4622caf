/**
 * What a Word paragraph's style and numbering add to its text: its heading
 * level (from the paragraph's own outline level, or its style's, inherited
 * through w:basedOn, or a style named heading N / 标题 N: WPS writes numeric
 * style ids such as "2", so the id itself says nothing), and the number Word
 * shows before it when it is an automatically numbered list item ("一、" of a
 * heading numbered by Word rather than typed).
 */
import type { Element } from '@xmldom/xmldom';
import { attribute, child, childNumber, childValue, elements, isOn, isW } from './docx-package';

const DEEPEST_HEADING = 6;

interface Style {
  name?: string;
  basedOn?: string;
  properties?: Element;
}

interface NumberingReference {
  numId: string;
  level?: number;
}

export class ParagraphStyles {
  private readonly styles = new Map<string, Style>();
  private readonly defaultStyle?: string;

  constructor(styles: Element | undefined) {
    for (const style of styles ? elements(styles).filter((e) => isW(e, 'style')) : []) {
      const id = attribute(style, 'styleId');
      if (!id || attribute(style, 'type') !== 'paragraph') continue;
      this.styles.set(id, { name: childValue(style, 'name'), basedOn: childValue(style, 'basedOn'), properties: child(style, 'pPr') });
      if (['1', 'true', 'on'].includes(attribute(style, 'default') ?? '')) this.defaultStyle ??= id;
    }
  }

  /** The style a paragraph has: its w:pStyle, else the document's default paragraph style. */
  styleOf(properties: Element | undefined): string | undefined {
    return childValue(properties, 'pStyle') ?? this.defaultStyle;
  }

  /** The heading level (1–6) a paragraph's properties and style give it. */
  headingLevel(properties: Element | undefined): number | undefined {
    const outline = childNumber(properties, 'outlineLvl') ?? this.styleOutline(this.styleOf(properties));
    // Outline level 9 is body text; levels past 6 have no heading the model knows.
    return outline !== undefined && outline >= 0 && outline < DEEPEST_HEADING ? outline + 1 : undefined;
  }

  /** A style's outline level (0-based): its own w:outlineLvl, or its name's "heading N", or its base style's. */
  private styleOutline(id: string | undefined): number | undefined {
    for (const style of this.chain(id)) {
      const own = childNumber(style.properties, 'outlineLvl');
      if (own !== undefined) return own;
      const named = /^(?:heading|标题)([1-9])$/.exec((style.name ?? '').toLowerCase().replace(/\s+/g, ''));
      if (named) return Number(named[1]) - 1;
    }
    return undefined;
  }

  /** The numbering a paragraph's own w:numPr or its style's gives it (w:numId 0 switches it off). */
  numberingOf(properties: Element | undefined): NumberingReference | undefined {
    const own = child(properties, 'numPr');
    const ownId = childValue(own, 'numId');
    if (ownId !== undefined) return ownId === '0' ? undefined : { numId: ownId, level: childNumber(own, 'ilvl') };
    for (const style of this.chain(this.styleOf(properties))) {
      const numPr = child(style.properties, 'numPr');
      const numId = childValue(numPr, 'numId');
      if (numId !== undefined) return numId === '0' ? undefined : { numId, level: childNumber(own, 'ilvl') ?? childNumber(numPr, 'ilvl') };
    }
    return undefined;
  }

  /** The style and those it is based on, nearest first (a cycle is cut). */
  private *chain(id: string | undefined): Generator<Style> {
    const seen = new Set<string>();
    while (id !== undefined && !seen.has(id)) {
      seen.add(id);
      const style = this.styles.get(id);
      if (!style) return;
      yield style;
      id = style.basedOn;
    }
  }
}

interface Level {
  start: number;
  format: string;
  text: string;
  suffix: string;
  legal: boolean;
  /** The paragraph style this level is tied to (a numbered heading style without its own w:ilvl). */
  style?: string;
}

/** What a numbered paragraph shows before its text, or why it cannot be shown. */
export type ListLabel = { text: string } | { unknownFormat: string };

/**
 * Word's list numbering, counted in document order. Counters belong to the
 * abstract numbering (lists sharing one continue each other, as in Word),
 * a w:startOverride restarts its list where it is first used, and a level
 * restarts whenever a shallower level moves on (w:lvlRestart is not read).
 */
export class ListNumbering {
  private readonly abstracts = new Map<string, Map<number, Level>>();
  private readonly nums = new Map<string, { abstract: string; starts: Map<number, number> }>();
  private readonly counters = new Map<string, number[]>();
  private readonly restarted = new Set<string>();

  constructor(numbering: Element | undefined) {
    for (const element of numbering ? elements(numbering) : []) {
      if (isW(element, 'abstractNum')) {
        const levels = new Map<number, Level>();
        for (const lvl of elements(element).filter((e) => isW(e, 'lvl'))) {
          levels.set(Number(attribute(lvl, 'ilvl') ?? 0), {
            start: childNumber(lvl, 'start') ?? 1,
            format: childValue(lvl, 'numFmt') ?? 'decimal',
            text: childValue(lvl, 'lvlText') ?? '',
            suffix: childValue(lvl, 'suff') ?? 'tab',
            legal: isOn(lvl, 'isLgl'),
            style: childValue(lvl, 'pStyle'),
          });
        }
        this.abstracts.set(attribute(element, 'abstractNumId') ?? '', levels);
      } else if (isW(element, 'num')) {
        const starts = new Map<number, number>();
        for (const override of elements(element).filter((e) => isW(e, 'lvlOverride'))) {
          const start = childNumber(override, 'startOverride');
          if (start !== undefined) starts.set(Number(attribute(override, 'ilvl') ?? 0), start);
        }
        this.nums.set(attribute(element, 'numId') ?? '', { abstract: childValue(element, 'abstractNumId') ?? '', starts });
      }
    }
  }

  /** Count the paragraph in its list and say the label Word shows (undefined: not numbered, or a bullet). */
  next(reference: NumberingReference, style: string | undefined): ListLabel | undefined {
    const num = this.nums.get(reference.numId);
    const levels = num && this.abstracts.get(num.abstract);
    if (!num || !levels) return undefined;
    const level = reference.level ?? [...levels].find(([, l]) => l.style !== undefined && l.style === style)?.[0] ?? 0;
    const definition = levels.get(level);
    if (!definition) return undefined;
    const counters = this.counters.get(num.abstract) ?? [];
    this.counters.set(num.abstract, counters);
    if (!this.restarted.has(reference.numId)) {
      this.restarted.add(reference.numId);
      for (const [overridden, start] of num.starts) counters[overridden] = start - 1;
    }
    counters[level] = (counters[level] ?? (definition.start - 1)) + 1;
    counters.length = level + 1;
    if (definition.format === 'bullet') return undefined;
    let unknownFormat: string | undefined;
    const text = definition.text.replace(/%([1-9])/g, (_, digit: string) => {
      const shown = Number(digit) - 1;
      const shownLevel = levels.get(shown);
      const value = counters[shown] ?? shownLevel?.start ?? 1;
      const format = definition.legal ? 'decimal' : (shownLevel?.format ?? 'decimal');
      const rendered = formatNumber(value, format);
      if (rendered === undefined) unknownFormat ??= format;
      return rendered ?? '';
    });
    if (unknownFormat) return { unknownFormat };
    if (!text) return undefined;
    return { text: text + ({ tab: '\t', space: ' ' }[definition.suffix] ?? '') };
  }
}

const CHINESE_DIGITS = '〇一二三四五六七八九';
const CHINESE_LEGAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
/** Zero inside a counted numeral (一百零五); 〇 is a digit written out (ideographDigital 一〇). */
const ZERO = '零';
const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const PARENTHESISED = '⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇';
const WITH_FULL_STOP = '⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛';
const HEAVENLY_STEMS = '甲乙丙丁戊己庚辛壬癸';
const EARTHLY_BRANCHES = '子丑寅卯辰巳午未申酉戌亥';

/** A list number in one of Word's formats (w:numFmt); undefined for a format not read. */
function formatNumber(n: number, format: string): string | undefined {
  switch (format) {
    case 'decimal':
      return String(n);
    case 'decimalZero':
      return n < 10 ? `0${n}` : String(n);
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
      return chineseNumeral(n, CHINESE_DIGITS, '十百千');
    case 'chineseLegalSimplified':
      return chineseNumeral(n, CHINESE_LEGAL_DIGITS, '拾佰仟');
    case 'ideographDigital':
    case 'taiwaneseDigital':
      return String(n).replace(/\d/g, (d) => CHINESE_DIGITS[Number(d)]);
    case 'ideographTraditional':
      return HEAVENLY_STEMS[n - 1];
    case 'ideographZodiac':
      return EARTHLY_BRANCHES[n - 1];
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
      return CIRCLED[n - 1] ?? String(n);
    case 'decimalEnclosedParen':
      return PARENTHESISED[n - 1] ?? `(${n})`;
    case 'decimalEnclosedFullstop':
      return WITH_FULL_STOP[n - 1] ?? `${n}.`;
    case 'lowerLetter':
    case 'upperLetter': {
      // Word goes a … z, then aa … zz.
      const letter = String.fromCharCode(97 + ((n - 1) % 26)).repeat(Math.floor((n - 1) / 26) + 1);
      return format === 'upperLetter' ? letter.toUpperCase() : letter;
    }
    case 'lowerRoman':
    case 'upperRoman': {
      const roman = romanNumeral(n);
      return format === 'lowerRoman' ? roman.toLowerCase() : roman;
    }
    case 'none':
      return '';
    default:
      return undefined;
  }
}

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (below ten thousand, which no list reaches). */
function chineseNumeral(n: number, digits: string, units: string): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n >= 10000) return undefined;
  if (n === 0) return ZERO;
  const places = String(n).split('').reverse().map(Number);
  let text = '';
  let zeroPending = false;
  for (let place = places.length - 1; place >= 0; place--) {
    const digit = places[place];
    if (digit === 0) {
      zeroPending = text !== '';
      continue;
    }
    if (zeroPending) text += ZERO;
    zeroPending = false;
    // 十一, not 一十一, when ten leads.
    const leadingTen = place === 1 && digit === 1 && text === '';
    text += (leadingTen ? '' : digits[digit]) + (place > 0 ? units[place - 1] : '');
  }
  return text;
}

function romanNumeral(n: number): string {
  const numerals: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'], [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let text = '';
  for (const [value, numeral] of numerals)
    while (n >= value) {
      text += numeral;
      n -= value;
    }
  return text;
}
