// VS Code side of SlaLang: starts the SLA language server (`slac lsp`) and adds the C# preview and RACI matrix commands.
import * as path from 'path';
import * as vscode from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { formatCompileDiagnostics } from './compileReport';
import {
  compileToCSharpMethod,
  raciMatrixMethod,
  SlaCompileResult,
  SlaDocumentParams,
  SlaRaciMatrix,
} from './protocol';
import { renderRaciHtml } from './raciView';
import { probeDotnet, resolveServerCommand } from './serverLaunch';

const dotnetDownload = 'https://dotnet.microsoft.com/download/dotnet/10.0';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
/**
 * The JSON-RPC traffic when `sla.trace.server` is `messages` or `verbose`. The language client traces only when its trace
 * channel's log level is Trace, and writes at that level: with the log channel above (level Info by default) the setting
 * alone showed nothing. This channel's level follows the setting instead.
 */
let traceOutput: vscode.LogOutputChannel;
/** The generated C# of each contract, shown read-only under the `sla-csharp:` scheme (closing it asks nothing). */
const generated = new Map<string, string>();
const generatedChanged = new vscode.EventEmitter<vscode.Uri>();
export const generatedScheme = 'sla-csharp';
/**
 * Files the server reads besides the open documents, reported to it as workspace/didChangeWatchedFiles: slaconfig.json (rule
 * levels; a change re-checks the open documents) and .sla files (an imported library that is not open, changed on disk, is read
 * again by the documents importing it).
 */
let configurationWatcher: vscode.FileSystemWatcher | undefined;
let sourceWatcher: vscode.FileSystemWatcher | undefined;
let extensionPath = '';

/** Called by VS Code when a .sla file opens or an SLA command runs. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  extensionPath = context.extensionPath;
  output = vscode.window.createOutputChannel('SLA Language Server', { log: true });
  traceOutput = createTraceChannel(vscode.window.createOutputChannel('SLA Language Server Trace'));
  configurationWatcher = vscode.workspace.createFileSystemWatcher('**/slaconfig.json');
  sourceWatcher = vscode.workspace.createFileSystemWatcher('**/*.sla');
  context.subscriptions.push(
    output,
    traceOutput,
    generatedChanged,
    vscode.workspace.registerTextDocumentContentProvider(generatedScheme, {
      onDidChange: generatedChanged.event,
      provideTextDocumentContent: (uri) => generated.get(uri.toString()) ?? '// Run "SLA: Compile to C#" on the contract again.\n',
    }),
    configurationWatcher,
    sourceWatcher,
    vscode.commands.registerCommand('sla.restartServer', restartServer),
    vscode.commands.registerCommand('sla.compileToCSharp', compileToCSharp),
    vscode.commands.registerCommand('sla.showRaciMatrix', showRaciMatrix),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('sla.server.path') || e.affectsConfiguration('sla.dotnet.path')) {
        await restartServer();
      }
    }),
  );
  await startServer();
}

/** Whether `sla.trace.server` asks for the JSON-RPC traffic. */
function tracing(): boolean {
  return vscode.workspace.getConfiguration('sla').get<string>('trace.server', 'off') !== 'off';
}

/**
 * A log channel over a plain output channel whose level is Trace while `sla.trace.server` is on (Info otherwise), so that the
 * language client traces exactly when the setting says so, and every trace line is shown.
 */
export function createTraceChannel(plain: vscode.OutputChannel): vscode.LogOutputChannel {
  const levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  const level = (): vscode.LogLevel => (tracing() ? vscode.LogLevel.Trace : vscode.LogLevel.Info);
  const configuration = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('sla.trace.server')) levelChanged.fire(level());
  });
  const write = (prefix: string) => (message: string | Error, ...args: unknown[]) =>
    plain.appendLine(`${prefix}${message instanceof Error ? message.message : message}${args.length > 0 ? ' ' + args.map(String).join(' ') : ''}`);
  return {
    name: plain.name,
    get logLevel() { return level(); },
    onDidChangeLogLevel: levelChanged.event,
    trace: write(''),
    debug: write('[debug] '),
    info: write('[info] '),
    warn: write('[warn] '),
    error: write('[error] '),
    append: (value: string) => plain.append(value),
    appendLine: (value: string) => plain.appendLine(value),
    replace: (value: string) => plain.replace(value),
    clear: () => plain.clear(),
    show: (column?: vscode.ViewColumn | boolean, preserveFocus?: boolean) =>
      (typeof column === 'boolean' ? plain.show(column) : plain.show(column, preserveFocus)),
    hide: () => plain.hide(),
    dispose: () => { configuration.dispose(); levelChanged.dispose(); plain.dispose(); },
  } as vscode.LogOutputChannel;
}

/** Called by VS Code on shutdown: stops the server so no process is left behind. */
export async function deactivate(): Promise<void> {
  await stopServer();
}

/** Shows an error with buttons that lead to a fix; never leaves the user waiting on a spinner. */
async function reportStartFailure(message: string, offerDotnet: boolean): Promise<void> {
  output.appendLine(`[error] ${message}`);
  const actions = ['Open Settings', 'Show Output', ...(offerDotnet ? ['Download .NET'] : [])];
  const choice = await vscode.window.showErrorMessage(message, ...actions);
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'sla.');
  } else if (choice === 'Show Output') {
    output.show(true);
  } else if (choice === 'Download .NET') {
    await vscode.env.openExternal(vscode.Uri.parse(dotnetDownload));
  }
}

async function startServer(): Promise<void> {
  const config = vscode.workspace.getConfiguration('sla');
  const decision = resolveServerCommand({
    configuredPath: config.get<string>('server.path', ''),
    dotnetPath: config.get<string>('dotnet.path', ''),
    extensionPath,
  });
  if (!decision.ok) {
    void reportStartFailure(decision.message, false);
    return;
  }
  const server = decision.server;
  if (server.needsDotnet) {
    const problem = await probeDotnet(server.command);
    if (problem) {
      void reportStartFailure(problem, true);
      return;
    }
  }
  output.appendLine(`Starting ${server.command} ${server.args.join(' ')}`);

  const serverOptions: ServerOptions = {
    command: server.command,
    args: server.args,
    transport: TransportKind.stdio,
    options: { cwd: path.dirname(server.serverFile) },
  };
  const recentCrashes: number[] = [];
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sla' },
      { scheme: 'untitled', language: 'sla' },
    ],
    synchronize: { fileEvents: [configurationWatcher!, sourceWatcher!] },
    outputChannel: output,
    traceOutputChannel: traceOutput,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    // Reported once, by the catch around start() below: no retry loop, no second message.
    initializationFailedHandler: (error) => {
      output.error(`The SLA language server failed to initialize: ${String(error)}`);
      return false;
    },
    errorHandler: {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        const now = Date.now();
        recentCrashes.push(now);
        while (recentCrashes.length > 0 && now - recentCrashes[0] > 3 * 60 * 1000) recentCrashes.shift();
        if (recentCrashes.length >= 4) {
          return {
            action: CloseAction.DoNotRestart,
            message: 'The SLA language server stopped 4 times in 3 minutes and will not be restarted. See the output "SLA Language Server", then run "SLA: Restart language server".',
          };
        }
        return { action: CloseAction.Restart };
      },
    },
  };

  const started = new LanguageClient('sla', 'SLA Language Server', serverOptions, clientOptions);
  client = started;
  try {
    await started.start();
    output.appendLine('SLA language server started.');
  } catch (error) {
    client = undefined;
    void reportStartFailure(`The SLA language server failed to start (${server.command} ${server.args.join(' ')}): ${error instanceof Error ? error.message : String(error)}`, server.needsDotnet);
  }
}

async function stopServer(): Promise<void> {
  const running = client;
  client = undefined;
  if (running && running.state !== State.Stopped) {
    try {
      await running.stop(5000);
    } catch (error) {
      output.appendLine(`[warn] stopping the server: ${String(error)}`);
    }
  }
}

async function restartServer(): Promise<void> {
  output.appendLine('Restarting the SLA language server.');
  await stopServer();
  await startServer();
}

/** The active SLA editor and a running client, or a message saying why a command cannot run. */
function commandTarget(): { editor: vscode.TextEditor; client: LanguageClient } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'sla') {
    void vscode.window.showWarningMessage('Open an .sla contract first.');
    return undefined;
  }
  if (!client || client.state !== State.Running) {
    void vscode.window.showErrorMessage('The SLA language server is not running. Run "SLA: Restart language server" and see the output "SLA Language Server".', 'Show Output')
      .then((choice) => { if (choice) output.show(true); });
    return undefined;
  }
  return { editor, client };
}

async function compileToCSharp(): Promise<void> {
  const target = commandTarget();
  if (!target) return;
  const params: SlaDocumentParams = { textDocument: { uri: target.editor.document.uri.toString() } };
  try {
    const result = await target.client.sendRequest<SlaCompileResult>(compileToCSharpMethod, params);
    if (result.csharp !== null) {
      // A read-only virtual document (no untitled buffer: closing it never asks to save); run again, it updates in place.
      const uri = generatedUri(target.editor.document.uri);
      generated.set(uri.toString(), result.csharp);
      generatedChanged.fire(uri);
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(doc, 'csharp');
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      return;
    }
    const label = path.basename(target.editor.document.uri.fsPath || target.editor.document.uri.path);
    const lines = formatCompileDiagnostics(label, result.diagnostics);
    output.appendLine(`Compile to C# failed for ${target.editor.document.uri.toString()}:`);
    lines.forEach((l) => output.appendLine(`  ${l}`));
    const first = lines[0] ?? 'no diagnostics were returned';
    const choice = await vscode.window.showErrorMessage(
      `The contract does not compile (${result.diagnostics.length} error${result.diagnostics.length === 1 ? '' : 's'}): ${first}`, 'Show Output');
    if (choice) output.show(true);
  } catch (error) {
    void vscode.window.showErrorMessage(`SLA: Compile to C# failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `sla-csharp:/<contract>.Monitor.cs?<contract uri>`: one virtual document per contract. */
export function generatedUri(contract: vscode.Uri): vscode.Uri {
  const name = path.basename(contract.fsPath || contract.path).replace(/\.sla$/i, '');
  return vscode.Uri.from({ scheme: generatedScheme, path: `/${name}.Monitor.cs`, query: contract.toString() });
}

async function showRaciMatrix(): Promise<void> {
  const target = commandTarget();
  if (!target) return;
  const params: SlaDocumentParams = { textDocument: { uri: target.editor.document.uri.toString() } };
  try {
    const matrix = await target.client.sendRequest<SlaRaciMatrix>(raciMatrixMethod, params);
    const name = path.basename(target.editor.document.uri.fsPath || target.editor.document.uri.path);
    const panel = vscode.window.createWebviewPanel('slaRaciMatrix', `RACI — ${name}`, vscode.ViewColumn.Beside,
      { enableScripts: false, enableCommandUris: false, localResourceRoots: [] });
    panel.webview.html = renderRaciHtml(matrix, name, panel.webview.cspSource);
  } catch (error) {
    void vscode.window.showErrorMessage(`SLA: Show RACI matrix failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
