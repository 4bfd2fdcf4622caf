/**
 * Message catalogs. Each check keeps every sentence it can say in one object,
 * id → template in zh-CN and en side by side, so that a domain reviewer reads a
 * check's wording in one place and tests assert ids and data, not wording.
 *
 * Templates name their arguments in braces: `“{row}”一行的总计应为 {expected}`.
 * An argument is a string, a number, or a Text (one value per language). A
 * quoted argument (“{row}”) has its own double quotes turned into single ones,
 * so `3.危及“三安全一稳定”` reads “3.危及‘三安全一稳定’”.
 */
import type { Text } from '../format/standard';
import { formatNumber } from '../parse/text';

export type MessageArg = string | number | Text;
export type MessageArgs = Readonly<Record<string, MessageArg>>;
export type Catalog = Readonly<Record<string, Text>>;

/** A catalog, typed so that its ids can be checked at the call site. */
export const defineMessages = <C extends Record<string, Text>>(catalog: C): C => catalog;

const inLocale = (arg: MessageArg, locale: keyof Text): string =>
  typeof arg === 'number' ? formatNumber(arg) : typeof arg === 'string' ? arg : arg[locale];

const innerQuotes = (s: string) => s.replace(/“/g, '‘').replace(/”/g, '’');

/** Fill a template in one language. A placeholder without an argument is an error: it would show as `{x}`. */
function fill(template: string, args: MessageArgs, locale: keyof Text): string {
  return template.replace(/(“?)\{(\w+)\}(”?)/g, (_m, open: string, name: string, close: string) => {
    if (!(name in args)) throw new Error(`message argument {${name}} missing in “${template}”`);
    const value = inLocale(args[name], locale);
    return open && close ? `${open}${innerQuotes(value)}${close}` : `${open}${value}${close}`;
  });
}

/** A template filled in both languages. */
export function say(template: Text, args: MessageArgs = {}): Text {
  return { zh: fill(template.zh, args, 'zh'), en: fill(template.en, args, 'en') };
}

/** Items joined as a list: a、b和c / a, b and c; with a punctuation mark as `last` (、；), just joined by it. */
export function list(items: readonly MessageArg[], last: Text = { zh: '和', en: 'and' }): Text {
  const zh = items.map((i) => inLocale(i, 'zh'));
  const en = items.map((i) => inLocale(i, 'en'));
  if (/^[、；，]$/.test(last.zh)) return { zh: zh.join(last.zh), en: en.join(last.en) };
  const join = (parts: string[], sep: string, and: string) => (parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(sep)}${and}${parts[parts.length - 1]}`);
  return { zh: join(zh, '、', last.zh), en: join(en, ', ', ` ${last.en} `) };
}
