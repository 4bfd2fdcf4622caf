/**
 * The 年报 view in the explorer: one row per report file the workspace check
 * saw — the unit, and in the description its year and counts — the units
 * with the most errors first; under each, its first problems by where they
 * are in the report's own words (表三 · 自然人列 · （一）予以公开), each
 * opening the file at its line. Rows change as the server checks files again.
 * Empty, the view shows its welcome text with a button running the check
 * (package.json viewsWelcome).
 */
import * as vscode from 'vscode';
import type { ProblemSummary, ReportSummary, ReportSummaryParams } from '../../server/src/lsp/workspace-protocol';

type Node = { summary: ReportSummary; problem?: ProblemSummary };
type Words = (zh: string, en: string) => string;

const ICONS: Record<ProblemSummary['severity'], string> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };

/** How often the view is redrawn at most while summaries stream in. */
const REDRAW_MS = 200;

export class ReportsTree implements vscode.TreeDataProvider<Node> {
  private readonly summaries = new Map<string, ReportSummary>();
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private redraw: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly t: Words) {}

  /** A file's summary from the server; null removes its row. */
  update({ uri, summary }: ReportSummaryParams): void {
    // One row per file however the URI was spelt (the editor's, or the server's for a file on disk).
    const key = vscode.Uri.parse(uri).toString();
    if (summary) this.summaries.set(key, summary);
    else if (!this.summaries.delete(key)) return;
    this.redraw ??= setTimeout(() => {
      this.redraw = undefined;
      this.changed.fire(undefined);
    }, REDRAW_MS);
  }

  /** The rows, the most errors first, then the most warnings, then by unit. */
  getChildren(node?: Node): Node[] {
    if (node) return node.problem ? [] : node.summary.problems.map((problem) => ({ summary: node.summary, problem }));
    return [...this.summaries.values()]
      .sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || nameOf(a).localeCompare(nameOf(b), 'zh'))
      .map((summary) => ({ summary }));
  }

  getTreeItem({ summary, problem }: Node): vscode.TreeItem {
    const uri = vscode.Uri.parse(summary.uri);
    if (problem) {
      const item = new vscode.TreeItem(problem.where ?? this.t(`第 ${problem.line + 1} 行`, `line ${problem.line + 1}`));
      item.description = problem.message;
      item.tooltip = problem.message;
      item.iconPath = new vscode.ThemeIcon(ICONS[problem.severity]);
      item.command = openCommand(summary, problem.line, this.t);
      return item;
    }
    const { t } = this;
    const item = new vscode.TreeItem(nameOf(summary), summary.problems.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    const year = summary.year !== undefined ? t(`${summary.year}年`, `${summary.year}`) : t('年度不详', 'year unknown');
    const several = summary.reports > 1 ? t(` · ${summary.reports} 份报告`, ` · ${summary.reports} reports`) : '';
    item.description = `${year} · ${t(`错误 ${summary.errors} · 警告 ${summary.warnings}`, `${summary.errors} errors · ${summary.warnings} warnings`)}${several}`;
    item.tooltip = `${uri.fsPath}\n${t(`错误 ${summary.errors}，警告 ${summary.warnings}，提示 ${summary.infos}`, `${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} notes`)}`;
    item.iconPath = new vscode.ThemeIcon(summary.errors ? 'error' : summary.warnings ? 'warning' : 'pass');
    item.contextValue = 'nianbao.report';
    item.command = openCommand(summary, undefined, t);
    return item;
  }

  /** How many units the view lists. */
  get size(): number {
    return this.summaries.size;
  }

  dispose(): void {
    if (this.redraw) clearTimeout(this.redraw);
    this.changed.dispose();
  }
}

/** The unit a report names, else its file's name. */
function nameOf(summary: ReportSummary): string {
  return summary.unit ?? decodeURIComponent(summary.uri.replace(/^.*\//, ''));
}

/** Open a draft at a line; a Word document or web page is shown in the explorer (VS Code cannot edit it). */
function openCommand(summary: ReportSummary, line: number | undefined, t: Words): vscode.Command {
  const uri = vscode.Uri.parse(summary.uri);
  if (summary.imported) return { command: 'revealInExplorer', title: t('在资源管理器中显示', 'Reveal in the explorer'), arguments: [uri] };
  const selection = line !== undefined ? new vscode.Range(line, 0, line, 0) : undefined;
  return { command: 'vscode.open', title: t('打开', 'Open'), arguments: [uri, selection ? { selection, preview: true } : { preview: true }] };
}
