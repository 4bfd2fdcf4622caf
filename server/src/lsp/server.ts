/**
 * The Nianbao language server. Entry point of dist/server.js; the transport
 * (--stdio, --node-ipc, --socket=N) is chosen from the command line by
 * vscode-languageserver. All logic is in the engine and in features/*.
 *
 * Over stdio, a broken message frame (a wrong Content-Length) would leave the
 * reader out of step with every message after it: deaf, but alive. The server
 * exits instead, so that the editor restarts it.
 */
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer } from './session';
import { VERSION } from '../about';
import { SERVER_USAGE, TRANSPORT } from './usage';

/** Started by hand (no transport, --help, --version): a short answer, never a hang or the library's stack trace. */
function answerByHand(args: readonly string[]): boolean {
  if (args.includes('--version')) process.stdout.write(`${VERSION}\n`);
  else if (args.includes('--help') || args.includes('-h')) process.stdout.write(SERVER_USAGE);
  else if (!args.some((a) => TRANSPORT.test(a))) {
    process.stderr.write(SERVER_USAGE);
    process.exitCode = 2;
  } else return false;
  return true;
}

function connect() {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StreamMessageReader(process.stdin);
  reader.onError((error) => {
    process.stderr.write(`nianbao: unreadable message from the client (${error.message}); exiting so that the client restarts the server\n`);
    process.exit(1);
  });
  return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
}

if (!answerByHand(process.argv.slice(2))) {
  const connection = connect();
  startServer(connection);
  connection.listen();
}
