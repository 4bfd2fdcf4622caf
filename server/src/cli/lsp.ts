/**
 * nianbao lsp — the language server on stdio, for editors that start a command
 * (Neovim, Emacs, Helix, Zed). It runs dist/server.js, which ships beside the
 * CLI, in this process; the server's own transports (--node-ipc, --socket=N,
 * --pipe=NAME) may be given instead of the default --stdio.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { SERVER_USAGE, TRANSPORT } from '../lsp/usage';

export function runLanguageServer(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(SERVER_USAGE);
    return Promise.resolve(0);
  }
  const server = join(__dirname, 'server.js');
  process.argv = [process.argv[0], server, ...args, ...(args.some((a) => TRANSPORT.test(a)) ? [] : ['--stdio'])];
  createRequire(__filename)(server);
  // The server runs until the client says exit; it ends the process itself.
  return new Promise<number>(() => undefined);
}
