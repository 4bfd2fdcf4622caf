/** How the language server is started: what dist/server.js prints when started without a transport. */
import { VERSION } from '../about';

/** The transports vscode-languageserver reads from the command line. */
export const TRANSPORT = /^--(stdio|node-ipc|socket=|pipe=)/;

export const SERVER_USAGE = `Nianbao 年报校验语言服务器 language server ${VERSION}

用法 Usage:
  nianbao lsp                              在标准输入输出上运行 / run on stdio (the usual way for an editor)
  nianbao-language-server --stdio          同上 / the same
  node dist/server.js --stdio | --node-ipc | --socket=端口 | --pipe=名称

  编辑器配置见 README「在其他编辑器中使用」/ editor setups: README, "Other editors"
`;
