// Activates the bundled extension (dist/extension.js) in a stand-in for the VS Code API and checks that a
// missing .NET or a missing server gives one clear error message at once, instead of an endless spinner.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import Module = require('module');
import { extensionRoot } from './grammar';

interface FakeHost {
  errors: Array<{ message: string; actions: string[] }>;
  commands: string[];
  log: string[];
  /** Lines written to the plain channels (the trace channel), by channel name. */
  channels: Record<string, string[]>;
  /** Schemes of the registered text document content providers, with the provider. */
  providers: Record<string, { provideTextDocumentContent: (uri: unknown) => string }>;
  /** Fires the configuration-change listeners with an event affecting every key. */
  changeConfiguration: () => void;
  api: unknown;
}

/** A small stand-in for vscode.EventEmitter. */
class FakeEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  event = (listener: (value: T) => void) => { this.listeners.push(listener); return { dispose: () => undefined }; };
  fire(value: T): void { this.listeners.forEach((l) => l(value)); }
  dispose(): void { this.listeners = []; }
}

/** Anything not modelled below is a do-nothing class/function, so the language client library can load. */
function inert(): unknown {
  const target = function () { /* inert */ };
  return new Proxy(target, {
    get: (_t, prop) => (prop === 'prototype' ? {} : prop === Symbol.toPrimitive ? () => '' : inert()),
    construct: () => ({}),
    apply: () => undefined,
  });
}

function fakeVscode(settings: Record<string, string>): FakeHost {
  const configurationListeners: Array<(e: unknown) => void> = [];
  const host: FakeHost = {
    errors: [], commands: [], log: [], channels: {}, providers: {}, api: undefined,
    changeConfiguration: () => configurationListeners.forEach((l) => l({ affectsConfiguration: () => true })),
  };
  const disposable = { dispose: () => undefined };
  const channel = new Proxy({}, {
    get: (_t, prop) => (['appendLine', 'info', 'warn', 'error', 'trace', 'debug'].includes(String(prop))
      ? (line: string) => { host.log.push(line); }
      : () => undefined),
  });
  const api: Record<string, unknown> = {
    window: {
      createOutputChannel: (name: string, options?: { log: boolean }) => {
        if (options?.log) return channel;
        const lines: string[] = host.channels[name] = [];
        return { name, appendLine: (line: string) => lines.push(line), append: () => undefined, dispose: () => undefined };
      },
      showErrorMessage: (message: string, ...actions: string[]) => { host.errors.push({ message, actions }); return Promise.resolve(undefined); },
      showWarningMessage: () => Promise.resolve(undefined),
    },
    commands: {
      registerCommand: (id: string) => { host.commands.push(id); return disposable; },
      executeCommand: () => Promise.resolve(undefined),
    },
    workspace: {
      onDidChangeConfiguration: (listener: (e: unknown) => void) => { configurationListeners.push(listener); return disposable; },
      registerTextDocumentContentProvider: (scheme: string, provider: { provideTextDocumentContent: (uri: unknown) => string }) => {
        host.providers[scheme] = provider;
        return disposable;
      },
      createFileSystemWatcher: () => disposable,
      getConfiguration: () => ({ get: (key: string, fallback: string) => settings[key] ?? fallback }),
    },
  };
  api.EventEmitter = FakeEmitter;
  api.LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 };
  host.api = new Proxy(api, { get: (t, prop) => (prop in t ? t[prop as string] : inert()) });
  return host;
}

async function activateWith(settings: Record<string, string>, extensionPath: string, exports?: { value?: unknown }): Promise<FakeHost> {
  const host = fakeVscode(settings);
  const bundle = path.join(extensionRoot, 'dist', 'extension.js');
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = (request: string, ...rest: unknown[]) => (request === 'vscode' ? host.api : original(request, ...rest));
  try {
    delete require.cache[require.resolve(bundle)];
    const extension = require(bundle) as { activate: (context: unknown) => Promise<void> };
    if (exports) exports.value = extension;
    const started = Date.now();
    await extension.activate({ subscriptions: [], extensionPath });
    assert.ok(Date.now() - started < 15000, 'activation must not hang');
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    loader._load = original;
  }
  return host;
}

/** An installed-extension folder whose bundled server/slac.dll exists (empty: it is never run here). */
function fakeInstall(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-extension-'));
  fs.mkdirSync(path.join(dir, 'server'));
  fs.writeFileSync(path.join(dir, 'server', 'slac.dll'), '');
  return dir;
}

test('without .NET, activation registers the commands and says once what is missing and how to fix it', async () => {
  const install = fakeInstall();
  try {
    const host = await activateWith({ 'dotnet.path': '/no/such/dotnet' }, install);
    assert.deepEqual(host.commands, ['sla.restartServer', 'sla.compileToCSharp', 'sla.showRaciMatrix']);
    assert.deepEqual(host.errors, [{
      message: "The .NET runtime was not found ('/no/such/dotnet' is not on the PATH). The SLA language server needs .NET 10: install it, or set sla.dotnet.path to the dotnet executable.",
      actions: ['Open Settings', 'Show Output', 'Download .NET'],
    }]);
    assert.ok(host.log.some((l) => l.includes('The .NET runtime was not found')), 'the output channel has the message too');
  } finally {
    fs.rmSync(install, { recursive: true, force: true });
  }
});

test('a server path that does not exist is reported with the setting to change', async () => {
  const host = await activateWith({ 'server.path': '/no/such/slac.dll' }, path.join(os.tmpdir(), 'sla-no-install'));
  assert.deepEqual(host.errors, [{
    message: "The SLA language server was not found at '/no/such/slac.dll' (setting sla.server.path). Point the setting to a slac executable or slac.dll, or clear it to use the server bundled with the extension.",
    actions: ['Open Settings', 'Show Output'],
  }]);
});

test('an extension installed without its server says the bundled server is missing', async () => {
  const install = path.join(os.tmpdir(), 'sla-empty-install');
  const host = await activateWith({}, install);
  assert.deepEqual(host.errors.map((e) => e.message), [
    `The SLA language server bundled with the extension is missing ('${path.join(install, 'server', 'slac.dll')}'). Reinstall the extension, or set sla.server.path to a slac executable or slac.dll.`,
  ]);
});

test('sla.trace.server drives the trace channel: Trace level while on, and each traced line is shown', async () => {
  const settings: Record<string, string> = { 'dotnet.path': '/no/such/dotnet', 'trace.server': 'off' };
  const exports: { value?: unknown } = {};
  const host = await activateWith(settings, path.join(os.tmpdir(), 'sla-trace-install'), exports);
  const extension = exports.value as { createTraceChannel: (plain: unknown) => { logLevel: number; trace: (m: string) => void; onDidChangeLogLevel: (l: (level: number) => void) => unknown } };
  const api = host.api as { window: { createOutputChannel: (name: string) => unknown } };
  const channel = extension.createTraceChannel(api.window.createOutputChannel('probe'));
  assert.equal(channel.logLevel, 3, 'off: Info, so the client does not trace');
  const levels: number[] = [];
  channel.onDidChangeLogLevel((level) => levels.push(level));
  settings['trace.server'] = 'messages';
  host.changeConfiguration();
  assert.deepEqual(levels, [1]);
  assert.equal(channel.logLevel, 1, 'messages: Trace, so the client traces');
  channel.trace("[Trace - 10:00:00] Sending request 'textDocument/hover - (3)'.");
  assert.deepEqual(host.channels.probe, ["[Trace - 10:00:00] Sending request 'textDocument/hover - (3)'."]);
  assert.ok('SLA Language Server Trace' in host.channels, 'activation creates the trace channel');
});

test('Compile to C# shows a read-only virtual document under the sla-csharp scheme', async () => {
  const exports: { value?: unknown } = {};
  const host = await activateWith({ 'dotnet.path': '/no/such/dotnet' }, path.join(os.tmpdir(), 'sla-csharp-install'), exports);
  const provider = host.providers['sla-csharp'];
  assert.ok(provider, 'a content provider is registered: virtual documents are read-only and closing them asks nothing');
  assert.equal(provider.provideTextDocumentContent({ toString: () => 'sla-csharp:/unknown.Monitor.cs' }), '// Run "SLA: Compile to C#" on the contract again.\n');
});
