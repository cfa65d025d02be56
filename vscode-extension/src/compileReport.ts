// Turns the result of `sla/compileToCSharp` into what the user sees when compilation fails.
import type { SlaCompileDiagnostic } from './protocol';

/** One line per diagnostic, `file:line:col: CODE message`, with one-based positions like every compiler. */
export function formatCompileDiagnostics(fileLabel: string, diagnostics: SlaCompileDiagnostic[]): string[] {
  return diagnostics.map((d) => `${fileLabel}:${d.line + 1}:${d.character + 1}: ${d.code} ${d.message}`);
}
