/**
 * The CPU-heavy half of lint and import, run in a worker thread (src/plan-store/parse-pool.ts) so a
 * hostile body cannot stall the server's event loop: YAML/JSON → plan documents, and for the public
 * lint the rules too. Results cross the thread boundary by structured clone, so a document's
 * `lineOf` function travels as a table of lines (see toPortable).
 */
import { lintDocuments, mergeLintResults, summarize } from './lint.ts';
import { loadPlanText, loadPlanValues, type LoadedDocument, type LoadResult } from './load.ts';
import type { Finding, LintResult, PlanDocument } from './schema.ts';

/** A request body as the lint/import routes accept it (documentsBodySchema). */
export type PlanBody = string | unknown[] | Record<string, unknown>;

export interface ParseTask {
  body: PlanBody;
  /** true: lint the documents here as well (the public lint); false: return them (workspace lint, import). */
  lint: boolean;
}

/** A LoadedDocument without its function: the line of every pointer into the document. */
export interface PortableDocument {
  doc: PlanDocument;
  file?: string;
  index: number;
  lines: Record<string, number>;
}

export type ParseOutcome = { tooComplex: string } | { lint: LintResult } | { documents: PortableDocument[]; findings: Finding[] };

/** A lint/import body → documents and schema findings: YAML text with lines, JSON values as sent. */
function loadBody(body: PlanBody): LoadResult {
  if (typeof body === 'string') return loadPlanText(body);
  return loadPlanValues(Array.isArray(body) ? body : 'documents' in body && Array.isArray(body.documents) ? body.documents : [body]);
}

/** Schema findings as a lint result, so they show beside the rules' findings (as in the CLI). */
export const withSchemaFindings = (findings: Finding[], lint: LintResult): LintResult =>
  mergeLintResults([{ findings, summary: summarize(findings) }, lint]);

/** The public lint of a loaded body: its schema findings beside every rule's (in a thread, or inline for a small body). */
export const lintLoaded = (loaded: LoadResult): LintResult => withSchemaFindings(loaded.findings, lintDocuments(loaded.documents));

function toPortable({ doc, file, index, lineOf }: LoadedDocument): PortableDocument {
  const lines: Record<string, number> = {};
  const visit = (value: unknown, pointer: string): void => {
    const line = lineOf(pointer);
    if (line !== undefined) lines[pointer] = line;
    if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) visit(child, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    }
  };
  visit(doc, '');
  return { doc, file, index, lines };
}

/** Back to a LoadedDocument: a pointer not in the table (a rule may name a missing field) gets its nearest ancestor's line, as lineOf does. */
export function fromPortable({ doc, file, index, lines }: PortableDocument): LoadedDocument {
  const lineOf = (pointer: string): number | undefined => {
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      if (p in lines) return lines[p];
      if (p === '') return undefined;
    }
  };
  return { doc, file, index, lineOf };
}

export default function parse({ body, lint }: ParseTask): ParseOutcome {
  const loaded = loadBody(body);
  if (loaded.tooComplex) return { tooComplex: loaded.findings[0]!.message };
  if (lint) return { lint: lintLoaded(loaded) };
  return { documents: loaded.documents.map(toPortable), findings: loaded.findings };
}
