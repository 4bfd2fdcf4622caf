/**
 * Command-line arguments, read with Node's own util.parseArgs (`--x=v`,
 * `--x v`, `--` and unknown options handled the standard way); its errors are
 * turned into one bilingual line.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { say, type MessageArgs } from '../checks/messages';
import type { Text } from '../format/standard';
import { CLI } from './messages';

/** A mistake in the command line: exit code 2, one line, and where to find the usage. */
export class UsageError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

export const usageError = (id: keyof typeof CLI, args: MessageArgs = {}) => new UsageError(say(CLI[id], args));

export function parseCommandLine<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const e = error as Error & { code?: string };
    const option = /'(-{1,2}[^'\s]+)/.exec(e.message)?.[1] ?? '';
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw usageError('unknownOption', { option });
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      throw usageError(/argument missing/.test(e.message) ? 'missingValue' : 'noValue', { option: option.replace(/\s.*$/, '') });
    }
    throw new UsageError({ zh: e.message, en: e.message });
  }
}

/** An option's value when it must be one of a few words. */
export function oneOf<T extends string>(option: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw usageError('badValue', { option, allowed: allowed.join(' | '), value });
}
