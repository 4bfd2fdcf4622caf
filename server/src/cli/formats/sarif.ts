/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one run, the tool's rules
 * (every check, with its title, docs and helpUri), one result per finding
 * located by a URI relative to %SRCROOT% (the current folder) and a region
 * whose lines and columns count from 1 in UTF-16 code units. A file that
 * could not be read is a tool notification, not a result.
 */
import { pathToFileURL } from 'node:url';
import { relative, resolve, sep } from 'node:path';
import type * as Sarif from 'sarif';
import { CHECKS } from '../../checks';
import { docsUrl, HOMEPAGE, VERSION } from '../../about';
import type { Severity } from '../../model/report';
import type { FileResult } from '../check-file';
import type { Locale } from '../io';
import { INTERNAL_ERROR } from '../../engine/analyze';
import { isImportable } from '../../import/read';

const LEVEL: Record<Severity, Sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A path as a URI reference relative to the current folder (forward slashes, each segment encoded). */
function relativeUri(file: string): string {
  const rel = relative(process.cwd(), file);
  if (rel.startsWith('..') || /^[A-Za-z]:/.test(rel) || rel.startsWith(sep)) return pathToFileURL(file).href;
  return rel.split(sep).map(encodeURIComponent).join('/');
}

/**
 * A finding's region, in lines and columns from 1; none for a Word document or
 * web page, whose lines are those of the draft it was converted to (its place
 * is said in words, as a logical location).
 */
function regionOf(file: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): { region?: Sarif.Region } {
  if (isImportable(file)) return {};
  return { region: { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 } };
}

export function formatSarif(results: readonly FileResult[], locale: Locale): string {
  const rules: Sarif.ReportingDescriptor[] = CHECKS.map((c) => ({
    id: c.code,
    name: c.code.replace(/(^|-)(\w)/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: c.title[locale] },
    fullDescription: { text: c.docs[locale] },
    helpUri: docsUrl(c.code),
    help: { text: c.docs[locale], markdown: `**${c.title[locale]}**\n\n${c.docs[locale]}\n\n[${locale === 'zh' ? '说明' : 'Docs'}](${docsUrl(c.code)})` },
    defaultConfiguration: { level: c.optional ? 'none' : LEVEL[c.severity], enabled: !c.optional },
    properties: { tags: [c.tag], precision: c.tag === 'heuristic' ? 'medium' : 'high' },
  }));
  const ruleIndex = new Map(CHECKS.map((c, i) => [c.code, i]));
  const sarifResults: Sarif.Result[] = [];
  const notifications: Sarif.Notification[] = [];
  for (const r of results) {
    const uri = relativeUri(resolve(r.file));
    if (r.error) notifications.push({ level: 'error', message: { text: r.error[locale] }, locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' } } }] });
    for (const f of r.findings) {
      const location: Sarif.Location = {
        physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, ...regionOf(r.file, f.range) },
        // The place in the report's own words (表三 · 自然人列 · （一）予以公开).
        ...(f.where ? { logicalLocations: [{ name: f.where[locale], kind: 'element' }] } : {}),
      };
      if (f.code === INTERNAL_ERROR) {
        notifications.push({ level: 'error', message: { text: f.message[locale] }, locations: [location] });
        continue;
      }
      sarifResults.push({
        ruleId: f.code,
        ...(ruleIndex.has(f.code) ? { ruleIndex: ruleIndex.get(f.code) } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message[locale] },
        locations: [location],
        ...(f.related?.length
          ? {
              relatedLocations: f.related.map((rel, id) => ({
                id,
                message: { text: rel.message[locale] },
                physicalLocation: {
                  artifactLocation: rel.uri ? { uri: rel.uri } : { uri, uriBaseId: '%SRCROOT%' },
                  ...regionOf(rel.uri ?? r.file, rel.range),
                },
              })),
            }
          : {}),
        partialFingerprints: { 'nianbao/v1': `${f.code}:${f.messageId}:${JSON.stringify(f.data ?? {})}` },
      });
    }
  }
  const log: Sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'nianbao', version: VERSION, semanticVersion: VERSION, informationUri: HOMEPAGE, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(process.cwd() + sep).href } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
        invocations: [{ executionSuccessful: notifications.length === 0, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
