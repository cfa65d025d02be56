// Integration test: the real language server process, driven over stdio by the npm LSP client library,
// as VS Code would drive it: open, edit, diagnostics, hover, completion, definition, rename, formatting,
// the two custom requests of the extension's commands, and a clean shutdown.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type {
  CompletionItem, CompletionList, Definition, DefinitionLink, Hover, InitializeResult, Location, PublishDiagnosticsParams, Range,
  TextEdit, WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { compileToCSharpMethod, raciMatrixMethod, SlaCompileResult, SlaRaciMatrix } from '../src/protocol';
import { repositoryRoot } from './grammar';
import { contractFromSnippets } from './snippets';
import { applyEdits, findSlacDll, positionOf, processAlive, SlaServerProcess, withTimeout } from './lspServer';

const examplePath = path.join(repositoryRoot, 'examples', 'novaterra', 'novaterra.sla');
const exampleText = fs.readFileSync(examplePath, 'utf8');
const uri = pathToFileURL(examplePath).toString();

function rangeOfWord(text: string, needle: string | RegExp, word: string, occurrence = 0): Range {
  const whole = positionOf(text, needle, occurrence);
  const prefix = typeof needle === 'string' ? needle.indexOf(word) : 0;
  const start = { line: whole.line, character: whole.character + prefix };
  return { start, end: { line: start.line, character: start.character + word.length } };
}

function hoverText(hover: Hover | null): string {
  if (!hover) return '';
  const c = hover.contents as unknown;
  if (typeof c === 'string') return c;
  if (Array.isArray(c)) return c.map((x) => (typeof x === 'string' ? x : x.value)).join('\n');
  return (c as { value: string }).value;
}

function locations(result: Definition | DefinitionLink[] | null): Array<{ uri: string; range: Range }> {
  if (!result) return [];
  const list = Array.isArray(result) ? result : [result];
  return list.map((l) => ('targetUri' in l ? { uri: l.targetUri, range: l.targetSelectionRange } : { uri: (l as Location).uri, range: (l as Location).range }));
}

function workspaceEditFor(edit: WorkspaceEdit | null, target: string): TextEdit[] {
  if (!edit) return [];
  if (edit.changes?.[target]) return edit.changes[target];
  const changes = (edit.documentChanges ?? []) as Array<{ textDocument?: { uri: string }; edits?: TextEdit[] }>;
  return changes.filter((c) => c.textDocument?.uri === target).flatMap((c) => c.edits ?? []);
}

describe('the real SLA language server over stdio', { timeout: 120000 }, () => {
  let server: SlaServerProcess;
  let initialize: InitializeResult;

  before(async () => {
    server = new SlaServerProcess(findSlacDll());
    initialize = await server.request<InitializeResult>('initialize', {
      processId: process.pid,
      clientInfo: { name: 'slalang-integration-test', version: '0.1.0' },
      rootUri: pathToFileURL(repositoryRoot).toString(),
      workspaceFolders: [{ uri: pathToFileURL(repositoryRoot).toString(), name: 'slalang' }],
      capabilities: {
        textDocument: {
          synchronization: { didSave: true, dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          definition: { linkSupport: false },
          rename: { prepareSupport: true },
          formatting: {},
        },
        workspace: { workspaceEdit: { documentChanges: false }, configuration: true },
      },
    }, 30000);
    await server.notify('initialized', {});
  });

  after(() => server?.kill());

  test('initialize announces incremental sync and the features the extension uses', () => {
    const caps = initialize.capabilities;
    const sync = typeof caps.textDocumentSync === 'number' ? caps.textDocumentSync : caps.textDocumentSync?.change;
    assert.equal(sync, 2, 'incremental text sync');
    assert.ok(caps.hoverProvider, 'hover');
    assert.ok(caps.completionProvider, 'completion');
    assert.ok(caps.definitionProvider, 'definition');
    assert.ok(caps.referencesProvider, 'references');
    assert.deepEqual(typeof caps.renameProvider === 'object' ? caps.renameProvider.prepareProvider : false, true, 'rename with prepareRename');
    assert.ok(caps.documentFormattingProvider, 'formatting');
  });

  test('opening the NovaTerra contract publishes no diagnostics', async () => {
    await server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'sla', version: 1, text: exampleText } });
    const published = await server.waitForDiagnostics(uri, 1);
    assert.deepEqual(published.diagnostics, []);
  });

  test('an unknown role gets a coded diagnostic on the name, and undoing the edit clears it', async () => {
    const name = rangeOfWord(exampleText, 'chair ServiceManager', 'ServiceManager');
    await server.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      // ServiceManager -> ServiceManagr: delete the last 'e'.
      contentChanges: [{ range: { start: { ...name.end, character: name.end.character - 2 }, end: { ...name.end, character: name.end.character - 1 } }, text: '' }],
    });
    try {
      const broken = await server.waitForDiagnostics(uri, 2);
      assert.equal(broken.diagnostics.length, 1, JSON.stringify(broken.diagnostics));
      const [diagnostic] = broken.diagnostics;
      assert.equal(diagnostic.code, 'SLA2001');
      assert.equal(diagnostic.severity, 1);
      assert.deepEqual(diagnostic.range, { start: { line: 81, character: 12 }, end: { line: 81, character: 25 } });
      assert.deepEqual([diagnostic.range.start, diagnostic.range.end.character], [name.start, name.end.character - 1]);
      assert.equal(diagnostic.message, "Unknown role 'ServiceManagr'; did you mean 'ServiceManager'?");
    } finally {
      // Undo, whatever happened above: the tests below work on the example as it is on disk.
      await server.notify('textDocument/didChange', {
        textDocument: { uri, version: 3 },
        contentChanges: [{ range: { start: { ...name.end, character: name.end.character - 2 }, end: { ...name.end, character: name.end.character - 2 } }, text: 'e' }],
      });
    }
    const fixed = await server.waitForDiagnostics(uri, 3);
    assert.deepEqual(fixed.diagnostics, []);
  });

  test('completion works in half-typed code: a new line inside a committee completes role names', async () => {
    const after = positionOf(exampleText, 'chair ServiceManager', 0, 'chair ServiceManager'.length);
    await server.notify('textDocument/didChange', {
      textDocument: { uri, version: 4 },
      contentChanges: [{ range: { start: after, end: after }, text: '\n      members Pl' }],
    });
    try {
      const result = await server.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
        textDocument: { uri }, position: { line: after.line + 1, character: '      members Pl'.length },
      });
      const labels = (Array.isArray(result) ? result : result?.items ?? []).map((i) => String(i.label));
      assert.ok(labels.includes('PlantManager'), JSON.stringify(labels));
      assert.ok(!labels.includes('NovaTerra'), 'parties are not roles');
    } finally {
      await server.notify('textDocument/didChange', {
        textDocument: { uri, version: 5 },
        contentChanges: [{ range: { start: after, end: { line: after.line + 1, character: '      members Pl'.length } }, text: '' }],
      });
    }
    assert.deepEqual((await server.waitForDiagnostics(uri, 5)).diagnostics, []);
  });

  test('hover on the contract name shows its /// doc comment', async () => {
    const hover = await server.request<Hover | null>('textDocument/hover', {
      textDocument: { uri }, position: positionOf(exampleText, 'NovaTerraRun', 0, 3),
    });
    assert.match(hoverText(hover), /NovaTerra: managed run of three plants\./);
  });

  test('hover on an availability target gives the downtime it allows in 28-, 30- and 31-day months', async () => {
    const hover = await server.request<Hover | null>('textDocument/hover', {
      textDocument: { uri }, position: positionOf(exampleText, 'target >= 99.93%', 0, 'target >= 99'.length),
    });
    const text = hoverText(hover);
    // 0.07% of 28, 30 and 31 days of 86,400 s: 1693.44 s, 1814.4 s, 1874.88 s.
    for (const allowed of ['28 min 13.44 s', '30 min 14.4 s', '31 min 14.88 s']) {
      assert.ok(text.includes(allowed), `${allowed} in ${JSON.stringify(text)}`);
    }
  });

  test('hover on a penalty tier gives what it costs at the service fee', async () => {
    const hover = await server.request<Hover | null>('textDocument/hover', {
      textDocument: { uri }, position: positionOf(exampleText, 'when < 99.5% credit 10%', 0, 'when < 99.5% credit 1'.length),
    });
    // 10% of the 18000 EUR monthly fee.
    assert.ok(hoverText(hover).includes('1800.00 EUR'), hoverText(hover));
  });

  test('completion after chair offers the contract roles', async () => {
    const result = await server.request<CompletionItem[] | CompletionList | null>('textDocument/completion', {
      textDocument: { uri }, position: positionOf(exampleText, 'chair ServiceManager', 0, 'chair '.length),
    });
    const items = Array.isArray(result) ? result : result?.items ?? [];
    const labels = items.map((i) => String(i.label));
    for (const role of ['ITDirector', 'ServiceManager', 'SecurityOfficer', 'PlantManager']) {
      assert.ok(labels.includes(role), `${role} in ${JSON.stringify(labels)}`);
    }
  });

  test('go to definition of a role reference lands on its declaration', async () => {
    const result = await server.request<Definition | DefinitionLink[] | null>('textDocument/definition', {
      textDocument: { uri }, position: positionOf(exampleText, 'notify ServiceManager', 0, 'notify Serv'.length),
    });
    assert.deepEqual(locations(result), [{ uri, range: rangeOfWord(exampleText, 'role ServiceManager', 'ServiceManager') }]);
  });

  test('find references of a role lists its declaration and every use', async () => {
    const result = await server.request<Location[] | null>('textDocument/references', {
      textDocument: { uri }, position: positionOf(exampleText, 'role ServiceManager', 0, 'role S'.length),
      context: { includeDeclaration: true },
    });
    const expected = [...exampleText.matchAll(/\bServiceManager\b/g)].map((_, i) => rangeOfWord(exampleText, /\bServiceManager\b/, 'ServiceManager', i));
    const actual = (result ?? []).map((l) => l.range).sort((a, b) => a.start.line - b.start.line || a.start.character - b.start.character);
    assert.deepEqual(actual, expected);
    assert.ok((result ?? []).every((l) => l.uri === uri));
  });

  test('rename of a role is prepared on the name and renames every occurrence', async () => {
    const position = positionOf(exampleText, 'chair ServiceManager', 0, 'chair Se'.length);
    const prepared = await server.request<Range | { range: Range; placeholder: string } | null>('textDocument/prepareRename', { textDocument: { uri }, position });
    const preparedRange = prepared && 'range' in prepared ? prepared.range : prepared;
    assert.deepEqual(preparedRange, rangeOfWord(exampleText, 'chair ServiceManager', 'ServiceManager'));
    const edit = await server.request<WorkspaceEdit | null>('textDocument/rename', { textDocument: { uri }, position, newName: 'SvcManager' });
    const edits = workspaceEditFor(edit, uri);
    assert.equal(applyEdits(exampleText, edits), exampleText.replace(/\bServiceManager\b/g, 'SvcManager'));
  });

  test('formatting restores the indentation of a badly indented contract and leaves the example as it is', async () => {
    const messyUri = pathToFileURL(path.join(repositoryRoot, 'examples', 'novaterra', 'messy-copy.sla')).toString();
    const messy = exampleText.split('\n').map((l, i) => (i % 2 === 0 ? l.trimStart() : `       ${l.trimStart()}`)).join('\n');
    await server.notify('textDocument/didOpen', { textDocument: { uri: messyUri, languageId: 'sla', version: 1, text: messy } });
    const options = { tabSize: 2, insertSpaces: true };
    const edits = await server.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri: messyUri }, options });
    const formatted = applyEdits(messy, edits ?? []);
    const indent = (l: string) => l.length - l.trimStart().length;
    const squeeze = (l: string) => l.trim().replace(/\s+/g, ' ');
    const want = exampleText.split('\n');
    const got = formatted.split('\n');
    assert.equal(got.length, want.length);
    got.forEach((line, i) => {
      assert.equal(indent(line), indent(want[i]), `indentation of line ${i + 1}: ${JSON.stringify(line)}`);
      assert.equal(squeeze(line), squeeze(want[i]), `text of line ${i + 1}`);
    });
    await server.notify('textDocument/didClose', { textDocument: { uri: messyUri } });

    const exampleEdits = await server.request<TextEdit[] | null>('textDocument/formatting', { textDocument: { uri }, options });
    assert.equal(applyEdits(exampleText, exampleEdits ?? []), exampleText);
  });

  test('sla/raciMatrix returns the roles and one row per activity, cells in role order', async () => {
    const matrix = await server.request<SlaRaciMatrix>(raciMatrixMethod, { textDocument: { uri } });
    assert.deepEqual(matrix, {
      roles: ['ITDirector', 'ServiceManager', 'SecurityOfficer', 'PlantManager'],
      rows: [
        { activity: 'PatchManagement', title: null, cells: ['A', 'R', 'C', 'I'] },
        { activity: 'Monitoring', title: null, cells: ['A', 'R', '-', 'I'] },
        { activity: 'SapTma', title: 'SAP run (TMA)', cells: ['A', 'R', '-', 'CI'] },
      ],
    });
  });

  test('sla/compileToCSharp returns the generated C# of a valid contract', async () => {
    const result = await server.request<SlaCompileResult>(compileToCSharpMethod, { textDocument: { uri } }, 60000);
    assert.deepEqual(result.diagnostics, []);
    assert.equal(typeof result.csharp, 'string');
    assert.match(result.csharp!, /\bsealed class NovaTerraRunMonitor\b/);
  });

  test('sla/compileToCSharp returns no C# and the located errors of a broken contract', async () => {
    const brokenUri = pathToFileURL(path.join(repositoryRoot, 'examples', 'novaterra', 'broken-copy.sla')).toString();
    const brokenText = exampleText.replace('notify ITDirector', 'notify Nobody');
    await server.notify('textDocument/didOpen', { textDocument: { uri: brokenUri, languageId: 'sla', version: 1, text: brokenText } });
    const result = await server.request<SlaCompileResult>(compileToCSharpMethod, { textDocument: { uri: brokenUri } }, 60000);
    assert.equal(result.csharp, null);
    const where = positionOf(brokenText, 'Nobody');
    assert.equal(result.diagnostics.length, 1, JSON.stringify(result.diagnostics));
    assert.deepEqual(result.diagnostics, [{
      code: 'SLA2001',
      message: "Unknown role 'Nobody'; declared roles: ITDirector, ServiceManager, SecurityOfficer, PlantManager.",
      line: where.line,
      character: where.character,
    }]);
    assert.deepEqual([where.line, where.character], [75, 20]);
    await server.notify('textDocument/didClose', { textDocument: { uri: brokenUri } });
  });

  test('a contract made of every snippet with its defaults has no diagnostics at all', async () => {
    const snippetsUri = pathToFileURL(path.join(repositoryRoot, 'examples', 'snippets-contract.sla')).toString();
    await server.notify('textDocument/didOpen', { textDocument: { uri: snippetsUri, languageId: 'sla', version: 1, text: contractFromSnippets() } });
    const published = await server.waitForDiagnostics(snippetsUri, 1);
    assert.deepEqual(published.diagnostics, []);
    await server.notify('textDocument/didClose', { textDocument: { uri: snippetsUri } });
  });

  test('shutdown then exit ends the server process with code 0', async () => {
    const pid = server.process.pid!;
    assert.equal(await server.shutdownAndExit(), null);
    const code = await withTimeout(server.exited, 10000, 'the server to exit after exit');
    assert.equal(code, 0, server.stderr);
    assert.equal(processAlive(pid), false);
  });
});

describe('the server does not outlive its editor', { timeout: 60000 }, () => {
  test('the server exits by itself when the process named in initialize.processId dies', async () => {
    const editor = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    const server = new SlaServerProcess(findSlacDll());
    try {
      await server.request('initialize', { processId: editor.pid, rootUri: null, capabilities: {} }, 30000);
      await server.notify('initialized', {});
      editor.kill('SIGKILL');
      await withTimeout(server.exited, 20000, 'the server to notice its editor is gone');
      assert.equal(processAlive(server.process.pid!), false);
    } finally {
      editor.kill('SIGKILL');
      server.kill();
    }
  });
});

describe('rule levels follow slaconfig.json while the server runs', { timeout: 60000 }, () => {
  test('a changed slaconfig.json reported by the client re-checks the open document at the new level', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sla-config-'));
    const config = path.join(dir, 'slaconfig.json');
    const contractUri = pathToFileURL(path.join(dir, 'c.sla')).toString();
    // Valid, but without reversibility: SLA3015, which the configuration first turns off.
    const contract = 'contract C {\n  version "1"\n  term 2026-01-01 .. 2026-12-31\n  timezone "Europe/Paris"\n  currency EUR\n}\n';
    fs.writeFileSync(config, '{ "rules": { "SLA3015": "off" } }');
    fs.utimesSync(config, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    const server = new SlaServerProcess(findSlacDll());
    try {
      await server.request('initialize', { processId: process.pid, rootUri: pathToFileURL(dir).toString(), capabilities: {} }, 30000);
      await server.notify('initialized', {});
      await server.notify('textDocument/didOpen', { textDocument: { uri: contractUri, languageId: 'sla', version: 1, text: contract } });
      assert.deepEqual((await server.waitForDiagnostics(contractUri, 1)).diagnostics, []);

      fs.writeFileSync(config, '{ "rules": { "SLA3015": "error" } }');
      fs.utimesSync(config, new Date('2026-01-01T00:00:01Z'), new Date('2026-01-01T00:00:01Z'));
      await server.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).toString(), type: 2 }] });
      const again = await withTimeout(new Promise<PublishDiagnosticsParams>((resolve) => {
        const poll = setInterval(() => {
          const published = server.diagnostics.filter((d) => d.uri === contractUri);
          if (published.length >= 2) {
            clearInterval(poll);
            resolve(published[published.length - 1]);
          }
        }, 10);
      }), 20000, 'the document to be checked again');
      assert.equal(again.version, 1);
      assert.deepEqual(again.diagnostics.map((d) => [d.code, d.severity]), [['SLA3015', 1]]);
    } finally {
      server.kill();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
