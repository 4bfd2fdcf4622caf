/**
 * What the server knows of its client: the capabilities it announced, the
 * settings it sent (workspace/configuration per document, or the
 * initialization options and didChangeConfiguration for clients without it),
 * and its display language.
 */
import type { Connection, InitializeParams } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, readSettings, resolveLocale, type Locale, type Settings } from '../features/settings';

/** What initializationOptions may carry: settings for clients that cannot answer workspace/configuration. */
interface InitializationOptions {
  /** The nianbao settings: `{ settings: {…} }`, `{ nianbao: {…} }` or the section itself. */
  settings?: Partial<Settings>;
  nianbao?: Partial<Settings>;
  /** The editor's display language, when InitializeParams.locale is not sent (for locale 'auto'). */
  displayLanguage?: string;
}

export class ClientState {
  locale: string | undefined;
  configurationRequests = false;
  dynamicConfiguration = false;
  documentChanges = false;
  hierarchicalSymbols = false;
  workspaceFolderEvents = false;
  watchedFilesRegistration = false;
  /** The client shows work-done progress the server starts (window/workDoneProgress/create). */
  workDoneProgress = false;
  /** The settings of clients without workspace/configuration, and the fallback for those with it. */
  global: Settings = { ...DEFAULT_SETTINGS };
  private readonly perDocument = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    private readonly log: (what: string, error: unknown) => void,
  ) {}

  /** Take what initialize says. */
  initialize(params: InitializeParams): void {
    const capabilities = params.capabilities ?? {};
    this.locale = params.locale;
    this.configurationRequests = !!capabilities.workspace?.configuration;
    this.dynamicConfiguration = !!capabilities.workspace?.didChangeConfiguration?.dynamicRegistration;
    this.documentChanges = !!capabilities.workspace?.workspaceEdit?.documentChanges;
    this.hierarchicalSymbols = !!capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
    this.workspaceFolderEvents = !!capabilities.workspace?.workspaceFolders;
    this.watchedFilesRegistration = !!capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    this.workDoneProgress = !!capabilities.window?.workDoneProgress;
    const options = params.initializationOptions as InitializationOptions | undefined;
    if (options && typeof options === 'object') {
      this.global = readSettings(options.settings ?? options);
      if (!this.locale && typeof options.displayLanguage === 'string') this.locale = options.displayLanguage;
    }
  }

  /** A document's settings: asked of the client once per document until they change. */
  settingsFor(uri: string): Promise<Settings> {
    if (!this.configurationRequests) return Promise.resolve(this.global);
    let settings = this.perDocument.get(uri);
    if (!settings) {
      settings = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'nianbao' })
        .then((raw) => readSettings(raw, this.global))
        .catch((error) => {
          this.log('workspace/configuration', error);
          return this.global;
        });
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  /** The settings changed: from the notification itself for clients without workspace/configuration. */
  settingsChanged(settings: unknown): void {
    if (!this.configurationRequests) this.global = readSettings(settings ?? {}, this.global);
    this.perDocument.clear();
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  localeOf(settings: Settings): Locale {
    return resolveLocale(settings.locale, this.locale);
  }
}
