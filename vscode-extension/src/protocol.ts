// The SLA server's custom requests, shared by the extension and its integration test.
// The shapes are agreed with the language server (src/SlaLang.LanguageServer).

/** Parameters of both custom requests: the document to work on. */
export interface SlaDocumentParams {
  textDocument: { uri: string };
}

/** One diagnostic returned by `sla/compileToCSharp` when the contract does not compile. */
export interface SlaCompileDiagnostic {
  code: string;
  message: string;
  /** Zero-based line. */
  line: number;
  /** Zero-based character. */
  character: number;
}

/** Result of `sla/compileToCSharp`: the generated C#, or null with the errors that prevented it. */
export interface SlaCompileResult {
  csharp: string | null;
  diagnostics: SlaCompileDiagnostic[];
}

/** One RACI activity: its name, optional title and one cell per role (`-`, `R`, `A`, `RA`, `CI`, …). */
export interface SlaRaciRow {
  activity: string;
  title: string | null;
  cells: string[];
}

/** Result of `sla/raciMatrix`: the roles (columns) and the activities (rows). */
export interface SlaRaciMatrix {
  roles: string[];
  rows: SlaRaciRow[];
}

/** Method name of the request that compiles a contract to C#. */
export const compileToCSharpMethod = 'sla/compileToCSharp';
/** Method name of the request that returns a contract's RACI matrix. */
export const raciMatrixMethod = 'sla/raciMatrix';
