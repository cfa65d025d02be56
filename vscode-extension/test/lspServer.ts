// Starts the real SLA language server process (`dotnet slac.dll lsp`) and talks to it over stdio with the npm LSP client library.
import { ChildProcessWithoutNullStreams, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  createProtocolConnection,
  ExitNotification,
  ShutdownRequest,
  ProtocolConnection,
  PublishDiagnosticsNotification,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';
import { repositoryRoot } from './grammar';

/** The slac.dll to test: $SLAC_DLL, else the Release or Debug build of src/SlaLang.Cli. */
export function findSlacDll(): string {
  const fromEnv = process.env.SLAC_DLL;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`SLAC_DLL=${fromEnv} does not exist`);
    return fromEnv;
  }
  for (const configuration of ['Release', 'Debug']) {
    const candidate = path.join(repositoryRoot, 'src', 'SlaLang.Cli', 'bin', configuration, 'net10.0', 'slac.dll');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error('slac.dll not found: set SLAC_DLL or run `dotnet build src/SlaLang.Cli -c Release` first');
}

/** Rejects after `ms` with a message naming what was awaited, so a silent server fails the test instead of hanging it. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms); }),
  ]);
}

/** A running server process with its LSP connection and everything it has published. */
export class SlaServerProcess {
  readonly process: ChildProcessWithoutNullStreams;
  readonly connection: ProtocolConnection;
  readonly diagnostics: PublishDiagnosticsParams[] = [];
  readonly serverRequests: string[] = [];
  readonly log: string[] = [];
  stderr = '';
  exitCode: number | null = null;
  readonly exited: Promise<number | null>;
  private waiters: Array<() => void> = [];

  constructor(slacDll: string) {
    this.process = spawn('dotnet', [slacDll, 'lsp'], { stdio: 'pipe' });
    this.process.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString('utf8'); });
    this.exited = new Promise((resolve) => this.process.on('exit', (code) => { this.exitCode = code; resolve(code); }));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.diagnostics.push(params);
      const waiters = this.waiters;
      this.waiters = [];
      waiters.forEach((w) => w());
    });
    // Requests from the server: answered as an editor with default settings would.
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => {
      this.serverRequests.push('workspace/configuration');
      return params.items.map(() => null);
    });
    for (const method of ['client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'window/showMessageRequest']) {
      this.connection.onRequest(method, () => { this.serverRequests.push(method); return null; });
    }
    this.connection.onNotification('window/logMessage', (p: { message: string }) => { this.log.push(p.message); });
    this.connection.onNotification('window/showMessage', (p: { message: string }) => { this.log.push(p.message); });
    this.connection.onNotification('$/progress', () => undefined);
    this.connection.listen();
  }

  /** The first diagnostics published for `uri` at `version`; waits for them up to `ms`. */
  waitForDiagnostics(uri: string, version: number, ms = 15000): Promise<PublishDiagnosticsParams> {
    const find = () => this.diagnostics.find((d) => d.uri === uri && d.version === version);
    return withTimeout(new Promise<PublishDiagnosticsParams>((resolve) => {
      const check = () => {
        const found = find();
        if (found) resolve(found);
        else this.waiters.push(check);
      };
      check();
    }), ms, `diagnostics of ${uri} version ${version} (published so far: ${JSON.stringify(this.diagnostics.map((d) => [d.uri, d.version, d.diagnostics.length]))}); stderr: ${this.stderr}`);
  }

  /** Sends a request and fails after `ms` instead of hanging. */
  request<R>(method: string, params: unknown, ms = 15000): Promise<R> {
    return withTimeout(this.connection.sendRequest<R>(method, params), ms, `${method}; stderr: ${this.stderr}`);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** `shutdown` then `exit`, sent without params as VS Code's client sends them. */
  async shutdownAndExit(ms = 15000): Promise<unknown> {
    const result = await withTimeout(this.connection.sendRequest(ShutdownRequest.type), ms, `shutdown; stderr: ${this.stderr}`);
    await this.connection.sendNotification(ExitNotification.type);
    return result;
  }

  /** Kills the process if it is still there (only used when a test failed half-way). */
  kill(): void {
    if (this.exitCode === null && this.process.pid !== undefined) {
      try { this.process.kill('SIGKILL'); } catch { /* already gone */ }
    }
    this.connection.dispose();
  }
}

/** Whether a process id still names a live process. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Applies LSP text edits (non-overlapping, any order) to a text. */
export function applyEdits(text: string, edits: Array<{ range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }>): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }) => (p.line < lineStarts.length ? lineStarts[p.line] + p.character : text.length);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  }
  return result;
}

/** Zero-based line and character of the `occurrence`-th match of `needle` in `text` (plus `delta` characters). */
export function positionOf(text: string, needle: string | RegExp, occurrence = 0, delta = 0): { line: number; character: number } {
  const regex = typeof needle === 'string' ? new RegExp(needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g') : new RegExp(needle.source, 'g');
  let match: RegExpExecArray | null = null;
  for (let i = 0; i <= occurrence; i++) {
    match = regex.exec(text);
    if (!match) throw new Error(`${needle} #${occurrence} not found`);
  }
  const offset = match!.index + delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}
