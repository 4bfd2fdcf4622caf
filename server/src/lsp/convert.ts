/**
 * Engine and feature results → LSP types. Pure functions, no connection.
 */
import {
  CompletionItemKind,
  DiagnosticSeverity,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type SymbolInformation,
} from 'vscode-languageserver';
import type { Finding, Severity } from '../model/report';
import type { FileProblem } from '../config/file';
import type { Locale } from '../features/settings';
import type { OutlineKind, OutlineSymbol } from '../features/symbols';
import type { SnippetCompletion } from '../features/completion';
import { plainSnippet } from '../features/snippets';

const SOURCE = 'nianbao';
import { docsUrl } from '../about';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** A finding as an LSP diagnostic; `id` (its identity in the document) comes back in code action requests. */
export function toDiagnostic(finding: Finding, uri: string, locale: Locale, id: string): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITY[finding.severity] ?? DiagnosticSeverity.Warning,
    source: SOURCE,
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    message: finding.message[locale],
    ...(finding.related?.length
      ? {
          relatedInformation: finding.related.map((r) => ({
            // Cross-file checks point into last year's report: RelatedInfo may carry its uri.
            location: { uri: r.uri ?? uri, range: r.range },
            message: r.message[locale],
          })),
        }
      : {}),
    data: { id, messageId: finding.messageId, fixes: finding.fixes?.length ?? 0, ...(finding.data ? { details: finding.data } : {}) },
  };
}

/** A problem of a configuration file as a diagnostic on that file. */
export function toConfigDiagnostic(problem: FileProblem, locale: Locale): Diagnostic {
  return { range: problem.range, severity: DiagnosticSeverity.Error, source: SOURCE, message: problem.message[locale] };
}

const KIND: Record<OutlineKind, SymbolKind> = {
  report: SymbolKind.Namespace,
  section: SymbolKind.Module,
  table: SymbolKind.Struct,
};

export function toDocumentSymbol(symbol: OutlineSymbol): DocumentSymbol {
  return {
    name: symbol.name,
    ...(symbol.detail ? { detail: symbol.detail } : {}),
    kind: KIND[symbol.kind],
    range: symbol.range,
    selectionRange: symbol.selectionRange,
    children: symbol.children.map(toDocumentSymbol),
  };
}

/** For clients without hierarchical symbols: a flat list with container names. */
export function toSymbolInformation(symbols: OutlineSymbol[], uri: string, container?: string): SymbolInformation[] {
  return symbols.flatMap((s) => [
    { name: s.name, kind: KIND[s.kind], location: { uri, range: s.range }, ...(container ? { containerName: container } : {}) },
    ...toSymbolInformation(s.children, uri, s.name),
  ]);
}

/** A snippet completion; for a client without snippet support, the plain text it would insert with its defaults. */
export function toCompletionItem(item: SnippetCompletion, snippetSupport = true): CompletionItem {
  return {
    label: item.label,
    labelDetails: { description: item.detail },
    kind: CompletionItemKind.Snippet,
    detail: item.detail,
    documentation: { kind: MarkupKind.Markdown, value: item.documentation },
    filterText: item.filterText,
    sortText: item.sortText,
    insertTextFormat: snippetSupport ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: item.range, newText: snippetSupport ? item.insertText : plainSnippet(item.insertText) },
  };
}
