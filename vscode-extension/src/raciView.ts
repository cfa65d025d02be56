// Renders a RACI matrix as a self-contained HTML page for a webview: every value escaped, scripts forbidden by CSP.
import type { SlaRaciMatrix } from './protocol';

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const letterNames: Record<string, string> = { R: 'Responsible', A: 'Accountable', C: 'Consulted', I: 'Informed' };

/** The CSS class and tooltip of one cell: one class per letter so A and R stand out. */
function cellAttributes(cell: string): { classes: string; title: string } {
  const letters = [...cell].filter((c) => c in letterNames);
  if (letters.length === 0) return { classes: 'none', title: 'not involved' };
  return {
    classes: letters.map((l) => `raci-${l.toLowerCase()}`).join(' '),
    title: letters.map((l) => letterNames[l]).join(', '),
  };
}

/**
 * The HTML page of a RACI matrix. `cspSource` is the webview's own source (styles only);
 * no script runs in the page.
 */
export function renderRaciHtml(matrix: SlaRaciMatrix, contractName: string, cspSource: string): string {
  const header = matrix.roles.map((r) => `<th scope="col">${escapeHtml(r)}</th>`).join('');
  const rows = matrix.rows.map((row) => {
    const name = row.title
      ? `${escapeHtml(row.activity)}<div class="title">${escapeHtml(row.title)}</div>`
      : escapeHtml(row.activity);
    const cells = matrix.roles.map((_, i) => {
      const cell = row.cells[i] ?? '';
      const { classes, title } = cellAttributes(cell);
      return `<td class="${classes}" title="${escapeHtml(title)}">${escapeHtml(cell)}</td>`;
    }).join('');
    return `<tr><th scope="row">${name}</th>${cells}</tr>`;
  }).join('\n');
  const body = matrix.rows.length === 0
    ? '<p>This contract has no RACI matrix.</p>'
    : `<table>\n<thead><tr><th scope="col">Activity</th>${header}</tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${escapeHtml(cspSource)} 'unsafe-inline';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>RACI — ${escapeHtml(contractName)}</title>
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); }
/* Every column fits the panel (a webview beside the editor is half of a 1280 px window): the table takes the panel's
   width, columns share it, and long role or activity names wrap instead of pushing columns out of sight. */
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { border: 1px solid var(--vscode-panel-border, #888); padding: 4px 6px; text-align: center; overflow-wrap: anywhere; }
thead th:first-child { width: 28%; }
th[scope=row] { text-align: left; }
.title { font-weight: normal; opacity: 0.75; }
td.raci-a { font-weight: bold; }
td.raci-r { background: var(--vscode-diffEditor-insertedTextBackground, rgba(0, 160, 0, 0.15)); }
td.none { opacity: 0.5; }
</style>
</head>
<body>
<h2>RACI matrix — ${escapeHtml(contractName)}</h2>
<p>R = Responsible, A = Accountable, C = Consulted, I = Informed</p>
${body}
</body>
</html>
`;
}
