// Unit tests of the extension's logic that does not need VS Code: server launch, RACI page, compile errors.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { resolveServerCommand, probeDotnet } from '../src/serverLaunch';
import { escapeHtml, renderRaciHtml } from '../src/raciView';
import { formatCompileDiagnostics } from '../src/compileReport';

test('without a setting the bundled server/slac.dll is run with dotnet lsp', () => {
  const bundled = path.join('/ext', 'server', 'slac.dll');
  const decision = resolveServerCommand({ configuredPath: '', dotnetPath: '', extensionPath: '/ext', exists: (f) => f === bundled });
  assert.deepEqual(decision, { ok: true, server: { command: 'dotnet', args: [bundled, 'lsp'], needsDotnet: true, serverFile: bundled } });
});

test('a configured slac.dll runs with the configured dotnet, a configured executable runs alone', () => {
  const dll = resolveServerCommand({ configuredPath: ' /opt/slac/slac.dll ', dotnetPath: '/usr/share/dotnet/dotnet', extensionPath: '/ext', exists: () => true });
  assert.deepEqual(dll, { ok: true, server: { command: '/usr/share/dotnet/dotnet', args: ['/opt/slac/slac.dll', 'lsp'], needsDotnet: true, serverFile: '/opt/slac/slac.dll' } });
  const exe = resolveServerCommand({ configuredPath: '/opt/slac/slac', dotnetPath: '', extensionPath: '/ext', exists: () => true });
  assert.deepEqual(exe, { ok: true, server: { command: '/opt/slac/slac', args: ['lsp'], needsDotnet: false, serverFile: '/opt/slac/slac' } });
});

test('a missing server gives a message naming the path and the setting', () => {
  const configured = resolveServerCommand({ configuredPath: '/nowhere/slac.dll', dotnetPath: '', extensionPath: '/ext', exists: () => false });
  assert.equal(configured.ok, false);
  assert.match(!configured.ok ? configured.message : '', /not found at '\/nowhere\/slac\.dll' \(setting sla\.server\.path\)/);
  const bundled = resolveServerCommand({ configuredPath: '', dotnetPath: '', extensionPath: '/ext', exists: () => false });
  assert.match(!bundled.ok ? bundled.message : '', /bundled with the extension is missing \('\/ext\/server\/slac\.dll'\)/);
});

test('a dotnet that cannot be found is reported at once with what to do', async () => {
  const message = await probeDotnet('/nonexistent/dotnet-for-sla-test');
  assert.equal(message, "The .NET runtime was not found ('/nonexistent/dotnet-for-sla-test' is not on the PATH). The SLA language server needs .NET 10: install it, or set sla.dotnet.path to the dotnet executable.");
});

test('a dotnet without the .NET 10 runtime is reported with the runtimes it has', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-dotnet-'));
  const fake = path.join(dir, 'dotnet');
  fs.writeFileSync(fake, '#!/bin/sh\necho "Microsoft.NETCore.App 8.0.11 [/usr/share/dotnet/shared/Microsoft.NETCore.App]"\n', { mode: 0o755 });
  try {
    const message = await probeDotnet(fake);
    assert.equal(message, `The SLA language server needs the .NET 10 runtime (Microsoft.NETCore.App 10.x), and '${fake}' has none. Installed runtimes:\nMicrosoft.NETCore.App 8.0.11 [/usr/share/dotnet/shared/Microsoft.NETCore.App]`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a dotnet that hangs is given up on instead of leaving a spinner', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-dotnet-'));
  const fake = path.join(dir, 'dotnet');
  fs.writeFileSync(fake, '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
  try {
    const started = Date.now();
    const message = await probeDotnet(fake, 300);
    assert.ok(Date.now() - started < 5000);
    assert.match(message ?? '', /^'.*dotnet --list-runtimes' failed/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the machine dotnet has the .NET 10 runtime the server needs', async () => {
  assert.equal(await probeDotnet('dotnet'), null);
});

test('escapeHtml escapes the five HTML-special characters', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});

test('the RACI page is a table with one column per role, escaped, and a CSP that forbids scripts', () => {
  const html = renderRaciHtml({
    roles: ['ITDirector', '<script>alert(1)</script>'],
    rows: [
      { activity: 'Patching', title: null, cells: ['A', 'R'] },
      { activity: 'SapTma', title: 'SAP run & "TMA"', cells: ['CI', '-'] },
    ],
  }, 'nova<terra>.sla', 'vscode-webview://abc');
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src vscode-webview:\/\/abc 'unsafe-inline';">/);
  assert.doesNotMatch(html, /<script/);
  assert.ok(html.includes('<th scope="col">&lt;script&gt;alert(1)&lt;/script&gt;</th>'));
  assert.ok(html.includes('<tr><th scope="row">Patching</th><td class="raci-a" title="Accountable">A</td><td class="raci-r" title="Responsible">R</td></tr>'));
  assert.ok(html.includes('<tr><th scope="row">SapTma<div class="title">SAP run &amp; &quot;TMA&quot;</div></th><td class="raci-c raci-i" title="Consulted, Informed">CI</td><td class="none" title="not involved">-</td></tr>'));
  assert.ok(html.includes('<title>RACI — nova&lt;terra&gt;.sla</title>'));
  assert.equal((html.match(/<tr>/g) ?? []).length, 3);
});

test('a contract without a RACI matrix says so', () => {
  const html = renderRaciHtml({ roles: [], rows: [] }, 'x.sla', 'csp');
  assert.ok(html.includes('<p>This contract has no RACI matrix.</p>'));
  assert.doesNotMatch(html, /<table>/);
});

test('compile errors are listed as file:line:col: CODE message with one-based positions', () => {
  assert.deepEqual(formatCompileDiagnostics('novaterra.sla', [
    { code: 'SLA2001', message: "Unknown role 'ServiceManagr'.", line: 81, character: 12 },
    { code: 'SLA1002', message: 'Expected }.', line: 0, character: 0 },
  ]), [
    "novaterra.sla:82:13: SLA2001 Unknown role 'ServiceManagr'.",
    'novaterra.sla:1:1: SLA1002 Expected }.',
  ]);
});
