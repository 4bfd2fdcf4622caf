/**
 * The Nianbao language server. Entry point of dist/server.js; the transport
 * (--stdio, --node-ipc, --socket=N) is chosen from the command line by
 * vscode-languageserver. All logic is in the engine and in features/*.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './session';

const connection = createConnection(ProposedFeatures.all);
startServer(connection);
connection.listen();
