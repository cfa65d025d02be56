// The extension's static parts: manifest, language configuration, snippets and the bundle agree with each other.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { extensionRoot } from './grammar';

const manifest = JSON.parse(fs.readFileSync(path.join(extensionRoot, 'package.json'), 'utf8'));
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(extensionRoot, file), 'utf8'));

test('the manifest declares the sla language for .sla files with its grammar and configuration', () => {
  const [language] = manifest.contributes.languages;
  assert.equal(language.id, 'sla');
  assert.deepEqual(language.extensions, ['.sla']);
  assert.ok(fs.existsSync(path.join(extensionRoot, language.configuration)));
  const [grammar] = manifest.contributes.grammars;
  assert.deepEqual([grammar.language, grammar.scopeName], ['sla', 'source.sla']);
  assert.equal(readJson(grammar.path).scopeName, 'source.sla');
  // No static snippets: the server offers them (from snippets/sla.json, embedded) only where their statement may stand.
  assert.equal(manifest.contributes.snippets, undefined);
});

test('the manifest contributes the three SLA commands and the server settings', () => {
  assert.deepEqual(manifest.contributes.commands.map((c: { command: string; title: string }) => `${c.command}=${c.title}`), [
    'sla.compileToCSharp=Compile to C#', 'sla.showRaciMatrix=Show RACI matrix', 'sla.restartServer=Restart language server',
  ]);
  assert.ok(manifest.contributes.commands.every((c: { category: string }) => c.category === 'SLA'));
  const settings = Object.keys(manifest.contributes.configuration.properties).sort();
  assert.deepEqual(settings, ['sla.dotnet.path', 'sla.server.path', 'sla.trace.server']);
});

test('the bundle is built to dist/extension.js and leaves vscode to the host', () => {
  assert.equal(manifest.main, './dist/extension.js');
  const bundle = fs.readFileSync(path.join(extensionRoot, 'dist', 'extension.js'), 'utf8');
  assert.match(bundle, /require\("vscode"\)/);
  assert.doesNotMatch(bundle, /require\("vscode-languageclient/, 'the language client must be bundled, not required at run time');
  assert.match(bundle, /sla\/compileToCSharp/);
  assert.match(bundle, /sla\/raciMatrix/);
});

test('the language configuration knows comments, brackets, pairs, indentation and folding', () => {
  const config = readJson('language-configuration.json');
  assert.deepEqual(config.comments, { lineComment: '//', blockComment: ['/*', '*/'] });
  assert.deepEqual(config.brackets, [['{', '}'], ['(', ')']]);
  assert.deepEqual(config.autoClosingPairs.map((p: { open: string }) => p.open), ['{', '(', '"', '/*']);
  assert.deepEqual(config.surroundingPairs, [['{', '}'], ['(', ')'], ['"', '"']]);
  const increase = new RegExp(config.indentationRules.increaseIndentPattern);
  const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);
  assert.ok(increase.test('  service Monitoring "24/7 supervision" {'));
  assert.ok(!increase.test('  objective Reopens { indicator reopen_rate; target <= 5%; per quarter }'));
  assert.ok(decrease.test('  }'));
  assert.ok(!decrease.test('  cap 25%'));
  assert.ok(new RegExp(config.folding.markers.start).test('  // region Services'));
  assert.ok(new RegExp(config.folding.markers.end).test('  // endregion'));
  const word = new RegExp(config.wordPattern, 'g');
  assert.deepEqual('rto 1h30min due 5bd 99.93% ServiceManager'.match(word), ['rto', '1h30min', 'due', '5bd', '99.93%', 'ServiceManager']);
});

test('there is a snippet for every block, each with a unique prefix and a description', () => {
  const snippets = readJson('snippets/sla.json') as Record<string, { prefix: string; body: string[]; description: string }>;
  const prefixes = Object.values(snippets).map((s) => s.prefix);
  for (const block of ['contract', 'service', 'objective', 'penalty', 'raci', 'escalation', 'governance', 'committee',
    'obligation', 'security', 'reversibility', 'transition']) {
    assert.ok(prefixes.includes(block), `no snippet for ${block}`);
  }
  assert.equal(new Set(prefixes).size, prefixes.length);
  for (const [name, s] of Object.entries(snippets)) {
    assert.ok(s.description.length > 10, name);
    const text = s.body.join('\n').replace(/\$\{[^}]*\}/g, 'X');
    assert.equal((text.match(/\{/g) ?? []).length, (text.match(/\}/g) ?? []).length, `unbalanced braces in ${name}`);
  }
  assert.ok(snippets.penalty.body.filter((l) => l.includes('when <')).length >= 2, 'the penalty snippet has tiers');
});
