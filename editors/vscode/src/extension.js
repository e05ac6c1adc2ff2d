'use strict';
// Starts `xinji-policy lsp` for .policy and .examples files and restarts it when its settings change.
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');
const { resolveServer } = require('./server-path');

let client;
let output;

async function start() {
  const settings = vscode.workspace.getConfiguration('xinjiPolicy');
  const server = resolveServer({ setting: settings.get('server.path', '') });
  if (server.error) {
    output.appendLine(server.error);
    void vscode.window.showErrorMessage(`Xinji Policy: ${server.error}`);
    return;
  }
  const args = [...server.args, ...settings.get('server.extraArgs', [])];
  output.appendLine(`Starting ${server.command} ${args.join(' ')}`);
  client = new LanguageClient(
    'xinjiPolicy',
    'Xinji Policy',
    { command: server.command, args, transport: TransportKind.stdio },
    {
      documentSelector: [{ language: 'xinji-policy' }],
      outputChannel: output,
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{policy,examples,txt}') },
    },
  );
  try {
    await client.start();
  } catch (error) {
    output.appendLine(`The language server did not start: ${error instanceof Error ? error.message : String(error)}`);
    void vscode.window.showErrorMessage(`Xinji Policy: the language server (${server.command}) did not start; see the 'Xinji Policy' output.`);
    client = undefined;
  }
}

async function stop() {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

async function activate(context) {
  output = vscode.window.createOutputChannel('Xinji Policy');
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('xinjiPolicy.restartServer', async () => {
      await stop();
      await start();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('xinjiPolicy.server')) {
        await stop();
        await start();
      }
    }),
  );
  await start();
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate };
