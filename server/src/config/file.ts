/**
 * The configuration file .nianbaorc.json: JSON with comments and trailing
 * commas, found from a draft's folder upwards, and `extends` of other files
 * (paths relative to the file that names them; the named files first, the
 * file itself over them).
 *
 *   {
 *     "$schema": "…/nianbaorc.schema.json",
 *     "extends": "../全市统一.nianbaorc.json",
 *     "rules": { "copied-paragraph": "off", "deadline": { "departmentDeadline": "01-26" } }
 *   }
 *
 * Whatever is wrong is a problem located in its file (line and column), and
 * left out; the rest still holds. Nothing here throws on bad input.
 */
import { dirname, resolve } from 'node:path';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { say } from '../checks/messages';
import type { RuleSettings } from '../checks/options';
import { FileReadError, readTextFile } from '../files/read';
import { READ_FAILURES } from '../files/messages';
import { findUp } from '../files/find-up';
import type { Text } from '../format/standard';
import type { Range } from '../model/report';
import { mergeRules, readRules, type ConfigProblem } from './rules';
import { CONFIG, SYNTAX_ERRORS } from './messages';

export const CONFIG_FILE = '.nianbaorc.json';

const TOP_LEVEL_KEYS = ['$schema', 'extends', 'rules'];

/** A problem of a configuration file, where the user must change it. */
export interface FileProblem {
  file: string;
  range: Range;
  message: Text;
}

export interface LoadedConfig {
  /** The file found (or named), or undefined when there is none. */
  file?: string;
  rules: RuleSettings;
  problems: FileProblem[];
  /** Every file read: the file and what it extends (a change to any of them changes the configuration). */
  files: string[];
}

/** Offset → line and character in a text. */
function positionAt(text: string, offset: number) {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

const rangeOf = (text: string, offset: number, length: number): Range => ({ start: positionAt(text, offset), end: positionAt(text, offset + length) });

/** The node a problem's path points at: a key the user must rename or remove, else the value. */
function nodeAt(tree: Node | undefined, problem: ConfigProblem): Node | undefined {
  if (!tree) return undefined;
  const value = findNodeAtLocation(tree, problem.path);
  if (!value) return tree;
  return problem.atKey && value.parent?.type === 'property' ? value.parent.children?.[0] : value;
}

/** Read one file and the files it extends; `seen` guards against a circle. */
async function loadFile(path: string, seen: readonly string[]): Promise<{ rules: RuleSettings; problems: FileProblem[]; files: string[] }> {
  const problems: FileProblem[] = [];
  const at = (range: Range, message: Text) => problems.push({ file: path, range, message });
  const whole: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  let text: string;
  try {
    text = (await readTextFile(path, { maxBytes: 1024 * 1024 })).text;
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    at(whole, say(CONFIG.unreadable, { path, why: READ_FAILURES[error.reason] }));
    return { rules: {}, problems, files: [path] };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) at(rangeOf(text, e.offset, e.length), say(CONFIG.syntax, { why: SYNTAX_ERRORS[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error) }));
  if (errors.length) return { rules: {}, problems, files: [path] };
  const raw: unknown = tree ? getNodeValue(tree) : undefined;
  const locate = (problem: ConfigProblem) => {
    const node = nodeAt(tree, problem);
    at(node ? rangeOf(text, node.offset, node.length) : whole, problem.message);
  };
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    locate({ path: [], message: say(CONFIG.notAnObject) });
    return { rules: {}, problems, files: [path] };
  }
  const object = raw as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!TOP_LEVEL_KEYS.includes(key)) locate({ path: [key], message: say(CONFIG.unknownKey, { key, allowed: TOP_LEVEL_KEYS.join(', ') }), atKey: true });
  }
  // What it extends, in order, before its own rules.
  const layers: RuleSettings[] = [];
  const files = [path];
  const extendsValue = object.extends;
  const named = typeof extendsValue === 'string' ? [extendsValue] : Array.isArray(extendsValue) && extendsValue.every((e) => typeof e === 'string') ? (extendsValue as string[]) : undefined;
  if (extendsValue !== undefined && !named) locate({ path: ['extends'], message: say(CONFIG.badExtends) });
  for (const [i, name] of (named ?? []).entries()) {
    const target = resolve(dirname(path), name);
    const where: ConfigProblem['path'] = typeof extendsValue === 'string' ? ['extends'] : ['extends', i];
    if (seen.includes(target) || target === path) {
      locate({ path: where, message: say(CONFIG.extendsCycle, { path: name }) });
      continue;
    }
    const exists = await readTextFile(target, { limit: 0 }).then(
      () => true,
      () => false,
    );
    if (!exists) {
      locate({ path: where, message: say(CONFIG.extendsMissing, { path: name }) });
      files.push(target); // watched: creating it changes the configuration
      continue;
    }
    const base = await loadFile(target, [...seen, path]);
    layers.push(base.rules);
    problems.push(...base.problems);
    files.push(...base.files);
  }
  const own = readRules(object.rules);
  for (const problem of own.problems) locate(problem);
  return { rules: mergeRules(...layers, own.rules), problems, files };
}

/** The configuration in a named file (--config), with every problem. */
export async function loadConfigFile(path: string): Promise<LoadedConfig> {
  const absolute = resolve(path);
  const { rules, problems, files } = await loadFile(absolute, []);
  return { file: absolute, rules, problems, files };
}

/** The configuration for a draft in `dir`: the nearest .nianbaorc.json at or above it (no higher than `root`), or none. */
export async function findConfig(dir: string, root?: string): Promise<LoadedConfig> {
  const file = await findUp(CONFIG_FILE, dir, root);
  return file ? loadConfigFile(file) : { rules: {}, problems: [], files: [] };
}
