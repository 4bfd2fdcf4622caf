/**
 * What the server knows of its client: the capabilities it announced, the
 * settings it sent (workspace/configuration per document, or the
 * initialization options and didChangeConfiguration for clients without it),
 * and its display language.
 */
import { MessageType, ShowMessageNotification, type Connection, type InitializeParams } from 'vscode-languageserver';
import { say } from '../checks/messages';
import { CONFIG } from '../config/messages';
import type { LoadedConfig } from '../config/file';
import { mergeRules } from '../config/rules';
import { DEFAULT_SETTINGS, readSettings, resolveLocale, type Locale, type Settings } from '../features/settings';

/** What initializationOptions may carry: settings for clients that cannot answer workspace/configuration. */
interface InitializationOptions {
  /** The nianbao settings: `{ settings: {…} }`, `{ nianbao: {…} }` or the section itself. */
  settings?: Partial<Settings>;
  nianbao?: Partial<Settings>;
  /** The editor's display language, when InitializeParams.locale is not sent (for locale 'auto'). */
  displayLanguage?: string;
  /**
   * 'push' keeps diagnostics pushed though the client could pull them: the
   * VS Code extension asks for it, to keep the debounce setting and the
   * progress of long documents.
   */
  diagnostics?: 'push' | 'pull';
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
  /** Completion items may be snippets (${1:0} placeholders); else plain text is sent. */
  snippetSupport = false;
  /** Code actions may be sent greyed out with a reason (CodeAction.disabled); else they are left out. */
  disabledActions = false;
  /** The client asks for diagnostics (textDocument/diagnostic) instead of being sent them. */
  pullDiagnostics = false;
  /** It takes workspace/diagnostic/refresh: told to pull again when last year's report or the configuration changed. */
  diagnosticRefresh = false;
  /** The settings of clients without workspace/configuration, and the fallback for those with it. */
  global: Settings = { ...DEFAULT_SETTINGS };
  private readonly perDocument = new Map<string, Promise<Settings>>();

  constructor(
    private readonly connection: Connection,
    private readonly log: (what: string, error: unknown) => void,
    /** The .nianbaorc.json a document is under: its rules go over the settings' (the file wins). */
    private readonly configOf: (uri: string) => Promise<LoadedConfig> = () => Promise.resolve({ rules: {}, problems: [], files: [] }),
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
    this.snippetSupport = !!capabilities.textDocument?.completion?.completionItem?.snippetSupport;
    this.disabledActions = !!capabilities.textDocument?.codeAction?.disabledSupport;
    const options = params.initializationOptions as InitializationOptions | undefined;
    this.pullDiagnostics = !!capabilities.textDocument?.diagnostic && options?.diagnostics !== 'push';
    this.diagnosticRefresh = !!capabilities.workspace?.diagnostics?.refreshSupport;
    if (options && typeof options === 'object') {
      this.global = readSettings(options.settings ?? options);
      if (!this.locale && typeof options.displayLanguage === 'string') this.locale = options.displayLanguage;
    }
  }

  /**
   * A document's settings, with the rules of its configuration file over the
   * setting nianbao.rules: asked of the client (and read from disk) once per
   * document until they change.
   */
  settingsFor(uri: string): Promise<Settings> {
    let settings = this.perDocument.get(uri);
    if (!settings) {
      const fromClient = !this.configurationRequests
        ? Promise.resolve(this.global)
        : this.connection.workspace
            .getConfiguration({ scopeUri: uri, section: 'nianbao' })
            .then((raw) => readSettings(raw, this.global))
            .catch((error) => {
              this.log('workspace/configuration', error);
              return this.global;
            });
      const config = this.configOf(uri).catch((error) => {
        this.log('configuration file', error);
        return undefined;
      });
      settings = Promise.all([fromClient, config]).then(([base, file]) => {
        this.warnRulesProblems(base);
        return file?.file ? { ...base, rules: mergeRules(base.rules, file.rules), configFile: file.file } : base;
      });
      this.perDocument.set(uri, settings);
    }
    return settings;
  }

  private warned = '';

  /**
   * A wrong nianbao.rules setting is said once, as a notice and in the log
   * (VS Code also marks it in settings.json, from its schema); what is right in it holds.
   */
  private warnRulesProblems(settings: Settings): void {
    const text = settings.rulesProblems.map((p) => `${p.path.join('.')}: ${p.message.en}`).join('; ');
    if (!text || text === this.warned) return;
    this.warned = text;
    this.log('setting nianbao.rules', text);
    const locale = this.localeOf(settings);
    const problems = settings.rulesProblems.map((p) => `${p.path.join('.')}：${p.message[locale]}`).join(locale === 'zh' ? '；' : '; ');
    const message = say(CONFIG.settingProblems, { problems })[locale];
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message }).catch((error) => this.log('showMessage', error));
  }

  /** The settings changed: from the notification itself for clients without workspace/configuration. */
  settingsChanged(settings: unknown): void {
    if (!this.configurationRequests) this.global = readSettings(settings ?? {}, this.global);
    this.perDocument.clear();
  }

  /** A configuration file changed on disk: every document's settings are made again. */
  configurationFilesChanged(): void {
    this.perDocument.clear();
  }

  forget(uri: string): void {
    this.perDocument.delete(uri);
  }

  localeOf(settings: Settings): Locale {
    return resolveLocale(settings.locale, this.locale);
  }
}
