// Expands the extension's snippets with their default values, as VS Code does when the user just presses Tab.
import * as fs from 'fs';
import * as path from 'path';
import { extensionRoot } from './grammar';

type Snippets = Record<string, { prefix: string; body: string[]; description: string }>;

/** The snippets of snippets/sla.json. */
export function loadSnippets(): Snippets {
  return JSON.parse(fs.readFileSync(path.join(extensionRoot, 'snippets', 'sla.json'), 'utf8')) as Snippets;
}

/**
 * The text a snippet inserts with every placeholder at its default (the first choice of a choice),
 * tabs as two spaces, and `inner` (indented like the `$0` line) where the final cursor `$0` stands.
 */
export function expandSnippet(body: string[], inner = ''): string {
  const lines = body.map((l) => l.replace(/\t/g, '  '));
  const out: string[] = [];
  for (const line of lines) {
    const expanded = line
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1');
    if (expanded.includes('$0')) {
      const indent = expanded.match(/^\s*/)![0];
      const innerText = inner.split('\n').map((l, i) => (i === 0 || l === '' ? l : indent + l)).join('\n');
      out.push(expanded.replace('$0', innerText).replace(/\s+$/, ''));
    } else {
      out.push(expanded.replace(/\$\d+/g, ''));
    }
  }
  return out.join('\n');
}

/** One contract built from the snippets, each block with its defaults, nested where the blocks belong. */
export function contractFromSnippets(): string {
  const s = loadSnippets();
  const service = expandSnippet(s.service.body, [expandSnippet(s.objective.body), '', expandSnippet(s.penalty.body)].join('\n'));
  const governance = expandSnippet(s.governance.body, `\n${expandSnippet(s.committee.body)}`);
  const blocks = [
    expandSnippet(s.subcontractor.body),
    expandSnippet(s.role.body),
    expandSnippet(s.calendar.body),
    expandSnippet(s.severity.body),
    service,
    expandSnippet(s.raci.body),
    expandSnippet(s.escalation.body),
    governance,
    expandSnippet(s.obligation.body),
    expandSnippet(s.security.body),
    expandSnippet(s.reversibility.body),
    expandSnippet(s.transition.body),
  ];
  return expandSnippet(s.contract.body, blocks.join('\n\n')) + '\n';
}
