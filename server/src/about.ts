/** What Nianbao says of itself (version, where its docs are), read from package.json at build time: one declaration. */
import { homepage, repository, version } from '../../package.json';

export const VERSION: string = version;
export const HOMEPAGE: string = homepage;

/** The docs entry of a check: what diagnostics (codeDescription) and SARIF rules (helpUri) link to. */
export const docsUrl = (code: string): string => `${repository.url.replace(/\.git$/, '')}/blob/main/docs/checks.md#${code}`;
