/**
 * The rules each file is checked under: the nearest .nianbaorc.json above it
 * (no higher than the current folder when the file is inside it), or the file
 * given with --config, and --rule / --publisher over them. A configuration
 * that is wrong stops the run (exit 2) with each problem at its line.
 */
import { dirname, relative } from 'node:path';
import { say } from '../checks/messages';
import type { RuleSettings } from '../checks/options';
import { findConfig, loadConfigFile, type FileProblem, type LoadedConfig } from '../config/file';
import { CONFIG } from '../config/messages';
import { mergeRules } from '../config/rules';
import type { Text } from '../format/standard';

export class ConfigResolver {
  private readonly byFolder = new Map<string, Promise<LoadedConfig>>();
  private explicit?: Promise<LoadedConfig>;

  constructor(
    private readonly configFile: string | undefined,
    private readonly flags: RuleSettings,
    private readonly root = process.cwd(),
  ) {}

  /** The configuration that holds for a file in this folder (a stdin text: the current folder). */
  private configIn(folder: string): Promise<LoadedConfig> {
    if (this.configFile) return (this.explicit ??= loadConfigFile(this.configFile));
    let loaded = this.byFolder.get(folder);
    if (!loaded) this.byFolder.set(folder, (loaded = findConfig(folder, this.root)));
    return loaded;
  }

  /** The rules for a file, with the problems of the configuration it is under. */
  async rulesFor(absolutePath: string): Promise<{ rules: RuleSettings; problems: FileProblem[] }> {
    const config = await this.configIn(dirname(absolutePath));
    return { rules: mergeRules(config.rules, this.flags), problems: config.problems };
  }
}

/** Each problem once, as `file:line:column: message`, the file relative to the current folder. */
export function describeProblems(problems: readonly FileProblem[]): Text[] {
  const seen = new Set<string>();
  const lines: Text[] = [];
  const ordered = [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  for (const p of ordered) {
    const text = say(CONFIG.inFile, { path: relative(process.cwd(), p.file) || p.file, line: p.range.start.line + 1, column: p.range.start.character + 1, message: p.message });
    if (seen.has(text.en)) continue;
    seen.add(text.en);
    lines.push(text);
  }
  return lines;
}
