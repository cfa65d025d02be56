// Loads the extension's TextMate grammar with the same engine VS Code uses (vscode-textmate over oniguruma).
import * as fs from 'fs';
import * as path from 'path';
import * as vsctm from 'vscode-textmate';
import * as oniguruma from 'vscode-oniguruma';

/** Folder of the extension (vscode-extension/), whether run from test/ or out/test/. */
export const extensionRoot = findUp(__dirname, 'package.json');
/** Root of the repository (the folder holding examples/). */
export const repositoryRoot = path.resolve(extensionRoot, '..');

function findUp(start: string, marker: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, marker))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no ${marker} above ${start}`);
    dir = parent;
  }
  return dir;
}

/** One token of a tokenized line: its text, start column and scopes (outermost first). */
export interface ScopedToken {
  text: string;
  start: number;
  scopes: string[];
}

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

/** The SLA grammar, loaded once. */
export function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s: string) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName: string) => {
        if (scopeName !== 'source.sla') return null;
        const file = path.join(extensionRoot, 'syntaxes', 'sla.tmLanguage.json');
        return vsctm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file);
      },
    });
    const grammar = await registry.loadGrammar('source.sla');
    if (!grammar) throw new Error('grammar source.sla not found');
    return grammar;
  })();
  return grammarPromise;
}

/** Tokenizes a whole text line by line, carrying the rule stack across lines as the editor does. */
export async function tokenize(text: string): Promise<ScopedToken[][]> {
  const grammar = await loadGrammar();
  let stack = vsctm.INITIAL;
  const lines = text.split(/\r?\n/);
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({
      text: line.substring(t.startIndex, Math.min(t.endIndex, line.length)),
      start: t.startIndex,
      scopes: t.scopes,
    })).filter((t) => t.text.length > 0);
  });
}

/** The baseline text of a file: each line, then each token that is not blank with its scopes below `source.sla`. */
export async function scopeBaseline(text: string): Promise<string> {
  const lines = text.split(/\r?\n/);
  const tokens = await tokenize(text);
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (i === lines.length - 1 && line === '') return;
    out.push(`${i + 1}: ${line}`);
    for (const token of tokens[i]) {
      const scopes = token.scopes.filter((s) => s !== 'source.sla');
      if (token.text.trim() === '') continue;
      out.push(`  ${token.start} ${JSON.stringify(token.text)} ${scopes.join(' ') || '-'}`);
    }
  });
  return out.join('\n') + '\n';
}

/** Every .sla file under examples/, as paths relative to examples/, sorted. */
export function exampleFiles(): string[] {
  const root = path.join(repositoryRoot, 'examples');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.sla')) found.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return found.sort();
}
