// Starts `qadeck server` for Markdown files and connects it to VS Code: diagnostics as you
// type, quick fixes, fix-all on save (editor.codeActionsOnSave: {"source.fixAll.qadeck": true}),
// hover docs and the Q&A outline.
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration("qadeck");
  const command = config.get<string>("path", "qadeck");
  const debounce = config.get<number>("debounceMs", 100);
  const run = { command, args: ["server"], transport: TransportKind.stdio };
  const serverOptions: ServerOptions = { run, debug: run };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: "file", language: "markdown" }],
    initializationOptions: { debounceMs: debounce },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher("**/{.qadeck.yml,.qadeck.yaml,*.md,*.markdown}"),
    },
  };
  client = new LanguageClient("qadeck", "qadeck", serverOptions, clientOptions);
  context.subscriptions.push(client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
