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

function connect() {
  if (!process.argv.includes('--stdio')) return createConnection(ProposedFeatures.all);
  const reader = new StreamMessageReader(process.stdin);
  reader.onError((error) => {
    process.stderr.write(`nianbao: unreadable message from the client (${error.message}); exiting so that the client restarts the server\n`);
    process.exit(1);
  });
  return createConnection(ProposedFeatures.all, reader, new StreamMessageWriter(process.stdout));
}

const connection = connect();
startServer(connection);
connection.listen();
