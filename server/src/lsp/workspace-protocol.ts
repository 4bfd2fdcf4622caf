/**
 * The messages of 检查工作区中的全部年报 between the server
 * (lsp/workspace-check.ts) and the VS Code client (client/src/workspace-check.ts):
 * their names and shapes, declared once for both. Types only besides the
 * names: the client bundles this file.
 */
import type { ProgressToken } from 'vscode-languageserver-protocol';
import type { Severity } from '../model/report';

export const CHECK_WORKSPACE = 'nianbao/checkWorkspace';
export const REPORT_SUMMARY = 'nianbao/reportSummary';

export interface CheckWorkspaceParams {
  /** The file in the editor: checked first. */
  first?: string;
  workDoneToken?: ProgressToken;
}

export interface CheckWorkspaceResult {
  /** Report files found. */
  files: number;
  /** Of those, checked before the run ended. */
  checked: number;
  /** Annual reports among them. */
  reports: number;
  errors: number;
  warnings: number;
  cancelled: boolean;
}

export interface ProblemSummary {
  severity: Severity;
  message: string;
  /** Where it is in the report's own words (表三 · 自然人列 · （一）予以公开). */
  where?: string;
  line: number;
}

/** One report file, as the tree of units shows it. */
export interface ReportSummary {
  uri: string;
  unit?: string;
  year?: number;
  /** Reports in the file (a compilation holds several). */
  reports: number;
  errors: number;
  warnings: number;
  infos: number;
  problems: ProblemSummary[];
  /** A Word document or web page: its findings point at the file, not at a line. */
  imported: boolean;
}

/** What the client hears per file: its summary, or null when it is no (longer a) report. */
export interface ReportSummaryParams {
  uri: string;
  summary: ReportSummary | null;
}
