/**
 * workspace/diagnostic: the findings of the report files in the workspace
 * folders that are not open (the open ones are pulled one by one), for
 * clients that list a whole folder's problems. A file whose size and time did
 * not change since the client's last result is answered "unchanged".
 */
import { pathToFileURL } from 'node:url';
import type { TextDocuments, WorkspaceDocumentDiagnosticReport, PreviousResultId } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analyzer } from '../engine/analyze';
import { FileReadError, readTextFile } from '../files/read';
import { checkOptions, type Locale, type Settings } from '../features/settings';
import { findingIds } from '../engine/identity';
import { toDiagnostic } from './convert';
import type { WorkspaceReports } from './workspace-reports';

export async function workspaceDiagnostics(
  workspace: WorkspaceReports,
  documents: TextDocuments<TextDocument>,
  previous: readonly PreviousResultId[],
  settingsFor: (uri: string) => Promise<Settings>,
  localeOf: (settings: Settings) => Locale,
  analyzer: Analyzer,
): Promise<WorkspaceDocumentDiagnosticReport[]> {
  const before = new Map(previous.map((p) => [p.uri, p.value]));
  const open = new Set(documents.all().map((d) => d.uri));
  const reports: WorkspaceDocumentDiagnosticReport[] = [];
  for (const path of await workspace.files()) {
    const uri = pathToFileURL(path).href;
    if (open.has(uri)) continue;
    let file;
    try {
      file = await readTextFile(path);
    } catch (error) {
      if (error instanceof FileReadError) continue;
      throw error;
    }
    const settings = await settingsFor(uri);
    const check = checkOptions(settings);
    const resultId = `${file.size}:${file.mtimeMs}:${JSON.stringify(check)}`;
    if (before.get(uri) === resultId) {
      reports.push({ kind: 'unchanged', uri, version: null, resultId });
      continue;
    }
    const analysis = analyzer.analyze(file.text, { enable: settings.enable, check, uri, checkErrors: 'report' });
    if (!analysis.isReport) continue;
    const ids = findingIds(analysis.findings);
    const locale = localeOf(settings);
    reports.push({ kind: 'full', uri, version: null, resultId, items: analysis.findings.map((f, i) => toDiagnostic(f, uri, locale, ids[i])) });
  }
  return reports;
}
