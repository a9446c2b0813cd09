/**
 * Plan text → plan documents, with source lines.
 *
 * Accepts YAML or JSON (JSON is parsed by the YAML parser, so it gets lines too), one document or
 * several separated by `---`. Every problem becomes a `schema` finding; nothing here throws, whatever
 * the input. Pure: the caller reads the file.
 *
 * Safety (this also serves the HTTP API, so input may be hostile):
 * - text over {@link MAX_PLAN_BYTES} is refused;
 * - nesting deeper than {@link MAX_NESTING_DEPTH} is refused while lexing, before yaml's parser and
 *   (recursive) composer see it — deep input exhausts the heap or the stack there, which in V8 can
 *   be a fatal, uncatchable crash;
 * - duplicate keys are found here in linear time (yaml's own `uniqueKeys` check is quadratic: a 5 MB
 *   mapping with a million keys would take hours);
 * - alias expansion is capped by yaml's `maxAliasCount` ("billion laughs");
 * - at most {@link MAX_FINDINGS_PER_DOCUMENT} schema findings are reported per document, and
 *   {@link MAX_FINDINGS_PER_TEXT} per text.
 *
 * Cost is linear; a 5 MB worst case takes seconds and ~1 GB of memory in yaml's AST, so a server
 * should cap request bodies well below MAX_PLAN_BYTES (Fastify's default bodyLimit is 1 MiB).
 */
import { CST, Composer, Lexer, LineCounter, Parser, isAlias, isMap, isScalar, isSeq } from 'yaml';
import type { Document, Node as YamlNode, Pair, YAMLError, YAMLMap } from 'yaml';
import type { z } from 'zod';
import { findInvalidText, INVALID_TEXT_MESSAGE } from '../invalid-text.ts';
import { readPlainYaml } from './plain-yaml.ts';
import { planDocumentSchema } from './schema.ts';
import type { Finding, PlanDocument } from './schema.ts';

/** Largest plan text accepted, in UTF-8 bytes. */
export const MAX_PLAN_BYTES = 5 * 1024 * 1024;
/** Deepest collection nesting accepted; a real plan needs fewer than 10 levels. */
export const MAX_NESTING_DEPTH = 100;
/** Passed to yaml's toJS: caps alias expansion ("billion laughs"). */
export const MAX_ALIAS_COUNT = 100;
/** Schema findings reported per document, and per text; the rest are summarised in one more finding. */
export const MAX_FINDINGS_PER_DOCUMENT = 50;
/**
 * Documents per text or body: a plan is a few strategies and their campaigns (the benchmark's large
 * plan: 201), while 450k empty `---` documents took 20 s to compose.
 */
export const MAX_DOCUMENTS = 1000;
export const MAX_FINDINGS_PER_TEXT = 1000;

export const SCHEMA_RULE = 'schema';

const TOO_DEEP = `collections are nested more than ${MAX_NESTING_DEPTH} levels deep`;

export interface LoadedDocument {
  doc: PlanDocument;
  file?: string;
  /** 0-based position of the document in its file (empty documents count). */
  index: number;
  /**
   * 1-based line of the node a JSON pointer points to; for a pointer that does not exist in the
   * source (a defaulted or missing field) the line of its nearest existing ancestor.
   */
  lineOf(pointer: string): number | undefined;
}

export interface LoadResult {
  documents: LoadedDocument[];
  findings: Finding[];
  /** Set when the input exceeded {@link MAX_DOCUMENTS}: nothing was composed, the one finding says why (the API answers 413). */
  tooComplex?: true;
}

const tooManyDocuments = (file: string | undefined): LoadResult => ({
  documents: [],
  findings: [schemaFinding(`more than ${MAX_DOCUMENTS} documents; the limit is ${MAX_DOCUMENTS}`, '', file, undefined, undefined)],
  tooComplex: true,
});

// ——— JSON pointers ———

export function pointerFromPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path)
    out += `/${String(typeof seg === 'symbol' ? seg.description : seg)
      .replace(/~/g, '~0')
      .replace(/\//g, '~1')}`;
  return out;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return pointer === '/' ? [''] : [];
  const segments = (pointer.startsWith('/') ? pointer.slice(1) : pointer).split('/');
  // Most pointers escape nothing; the worker asks for the line of every node of a large plan.
  if (!pointer.includes('~')) return segments;
  return segments.map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

// ——— Entry point ———

export function loadPlanText(text: string, file?: string): LoadResult {
  const findings: Finding[] = [];
  const fail = (message: string, line?: number): LoadResult => {
    findings.push(schemaFinding(message, '', file, undefined, line));
    return { documents: [], findings };
  };
  try {
    if (typeof text !== 'string') return fail('plan text must be a string');
    const bytes = byteSize(text);
    if (bytes > MAX_PLAN_BYTES) {
      return fail(`file is too large (${formatMb(bytes)}); the limit is ${formatMb(MAX_PLAN_BYTES)}`);
    }
    return loadPlainPlanText(text, file) ?? capFindings(loadYaml(withoutBom(text), file, findings), file);
  } catch (e) {
    // Defensive: the steps above are designed not to throw; if a yaml edge case does, report it.
    return fail(`could not read plan: ${e instanceof Error ? e.message : String(e)}`);
  }
}

const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/**
 * The plain block YAML path alone ({@link readPlainYaml}: linear in the text's length), or undefined
 * when the text needs yaml's full path. The caller checks the size first.
 */
export function loadPlainPlanText(text: string, file?: string): LoadResult | undefined {
  const plain = readPlainYaml(withoutBom(text), MAX_DOCUMENTS);
  if (!plain) return undefined;
  const findings: Finding[] = [];
  const documents: LoadedDocument[] = [];
  for (const { index, value, lineAt } of plain) {
    const lineOf = (pointer: string): number => lineAt(parsePointer(pointer));
    const loaded = validateDocument(value, index, file, lineOf, lineOf(''), findings);
    if (loaded) documents.push(loaded);
  }
  return capFindings({ documents, findings }, file);
}

/** Any YAML (or JSON) through yaml's lexer, parser and composer: the texts {@link readPlainYaml} leaves alone. */
function loadYaml(text: string, file: string | undefined, findings: Finding[]): LoadResult {
  const lineCounter = new LineCounter();
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;

  // Lex once; the depth guard sees every lexeme before the parser builds anything from it.
  const parser = new Parser(lineCounter.addNewLine);
  const guard = new DepthGuard(MAX_NESTING_DEPTH);
  const tokens: CST.Token[] = [];
  lineCounter.addNewLine(0); // what Parser.parse() does first
  // Counted while lexing, so a flood of `---` is refused before the composer (the slow part) sees it.
  let documentCount = 0;
  const keep = (token: CST.Token): boolean => {
    tokens.push(token);
    return token.type === 'document' && ++documentCount > MAX_DOCUMENTS;
  };
  for (const lexeme of new Lexer().lex(text)) {
    if (guard.tooDeep(lexeme)) {
      findings.push(schemaFinding(TOO_DEEP, '', file, undefined, lineAt(parser.offset)));
      return { documents: [], findings };
    }
    for (const token of parser.next(lexeme)) if (keep(token)) return tooManyDocuments(file);
  }
  for (const token of parser.end()) if (keep(token)) return tooManyDocuments(file);

  const composer = new Composer({
    version: '1.2',
    schema: 'core',
    merge: false,
    strict: true,
    uniqueKeys: false, // checked in linear time by findDuplicateKeys
    logLevel: 'error', // no process warnings (e.g. collection keys); zod reports what matters
  });
  const yamlDocs: Document.Parsed[] = [...composer.compose(tokens)];
  const documents: LoadedDocument[] = [];
  yamlDocs.forEach((yd, index) => {
    const loaded = loadOne(yd, index, file, lineAt, findings);
    if (loaded) documents.push(loaded);
  });
  return { documents, findings };
}

/** Findings in line order (stable: issue order per line; findings without a line go last), at most MAX_FINDINGS_PER_TEXT. */
function capFindings(result: LoadResult, file: string | undefined): LoadResult {
  const { findings } = result;
  findings.sort((a, b) => (a.line ?? Number.MAX_SAFE_INTEGER) - (b.line ?? Number.MAX_SAFE_INTEGER));
  if (findings.length > MAX_FINDINGS_PER_TEXT) {
    const more = findings.length - MAX_FINDINGS_PER_TEXT;
    findings.length = MAX_FINDINGS_PER_TEXT;
    findings.push(schemaFinding(`… and ${more} more schema problems not shown`, '', file, undefined, undefined));
  }
  return result;
}

function loadOne(
  yd: Document.Parsed,
  index: number,
  file: string | undefined,
  lineAt: (offset: number) => number,
  findings: Finding[],
): LoadedDocument | undefined {
  const docLine = lineAt(yd.range[0]);
  if (yd.errors.length > 0) {
    for (const err of yd.errors) findings.push(yamlErrorFinding(err, 'error', file, lineAt));
    return undefined;
  }
  for (const w of yd.warnings) findings.push(yamlErrorFinding(w, 'warning', file, lineAt));

  const contents = yd.contents;
  if (contents === null) return undefined; // empty document (only comments / `---`)
  const duplicates = findDuplicateKeys(contents);
  if (duplicates.length > 0) {
    for (const d of duplicates.slice(0, MAX_FINDINGS_PER_DOCUMENT)) {
      findings.push(
        schemaFinding(`YAML: duplicate key "${truncate(d.key)}" (map keys must be unique)`, '', file, undefined, lineAt(d.offset)),
      );
    }
    return undefined;
  }
  const lineOf = makeLineOf(contents, lineAt);

  let raw: unknown;
  try {
    raw = yd.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    findings.push(schemaFinding(`cannot read document: ${msg}`, '', file, undefined, lineOf('') ?? docLine));
    return undefined;
  }
  if (raw === null || raw === undefined) return undefined;
  // `a: &x [*x]` composes to an array that contains itself: every later walk of it would never end.
  const cycle = findCycle(raw);
  if (cycle !== null) {
    findings.push(
      schemaFinding(
        'YAML: an alias refers to a collection that contains it; a plan cannot be recursive',
        cycle,
        file,
        undefined,
        lineOf(cycle) ?? docLine,
      ),
    );
    return undefined;
  }

  return validateDocument(raw, index, file, lineOf, docLine, findings);
}

/**
 * Already-parsed documents (an API's JSON body) → plan documents, with the same schema findings as
 * {@link loadPlanText} but no lines. Saves a JSON → YAML text → YAML AST round trip.
 */
export function loadPlanValues(values: readonly unknown[], file?: string): LoadResult {
  if (values.length > MAX_DOCUMENTS) return tooManyDocuments(file);
  if (values.some((v) => isNestedDeeperThan(v, MAX_NESTING_DEPTH))) {
    return { documents: [], findings: [schemaFinding(TOO_DEEP, '', file, undefined, undefined)] };
  }
  const findings: Finding[] = [];
  const documents: LoadedDocument[] = [];
  const noLine = (): undefined => undefined;
  values.forEach((raw, index) => {
    if (raw === null || raw === undefined) return;
    const loaded = validateDocument(raw, index, file, noLine, undefined, findings);
    if (loaded) documents.push(loaded);
  });
  if (findings.length > MAX_FINDINGS_PER_TEXT) {
    const more = findings.length - MAX_FINDINGS_PER_TEXT;
    findings.length = MAX_FINDINGS_PER_TEXT;
    findings.push(schemaFinding(`… and ${more} more schema problems not shown`, '', file, undefined, undefined));
  }
  return { documents, findings };
}

/** One parsed value → a plan document, or schema findings. */
function validateDocument(
  raw: unknown,
  index: number,
  file: string | undefined,
  lineOf: (pointer: string) => number | undefined,
  docLine: number | undefined,
  findings: Finding[],
): LoadedDocument | undefined {
  const documentId = isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
  const add = (message: string, path: string): void => {
    findings.push(schemaFinding(message, path, file, documentId, lineOf(path) ?? docLine));
  };

  if (!isRecord(raw)) {
    add(`a document must be a mapping with "kind: strategy" or "kind: campaign", not ${describe(raw)}`, '');
    return undefined;
  }
  if (!('kind' in raw)) {
    add(`missing field "kind": every document must say "kind: strategy" or "kind: campaign"${kindHint(raw)}`, '/kind');
    return undefined;
  }
  if (raw.kind !== 'strategy' && raw.kind !== 'campaign') {
    const got = typeof raw.kind === 'string' ? `"${raw.kind}"` : describe(raw.kind);
    add(`unknown kind ${got}: must be "strategy" or "campaign"`, '/kind');
    return undefined;
  }

  // YAML escapes ("\0", "\ud83d") make text the database cannot store; refused here like a schema problem.
  const badText = findInvalidText(raw);
  if (badText !== null) {
    add(INVALID_TEXT_MESSAGE, badText);
    return undefined;
  }
  const parsed = planDocumentSchema.safeParse(raw);
  if (!parsed.success) {
    let reported = 0;
    let more = 0;
    for (const issue of parsed.error.issues) {
      for (const { path, message } of describeIssue(issue, raw)) {
        if (reported < MAX_FINDINGS_PER_DOCUMENT) {
          add(message, path);
          reported++;
        } else more++;
      }
    }
    if (more > 0) {
      // No line: sorts after the findings shown.
      findings.push(
        schemaFinding(`… and ${more} more schema problem${more === 1 ? '' : 's'} in this document`, '', file, documentId, undefined),
      );
    }
    return undefined;
  }
  return { doc: parsed.data, ...(file !== undefined ? { file } : {}), index, lineOf };
}

// ——— Findings ———

/** A Finding with keys in the documented order (rule, severity, message, file, path, document, line), undefined ones omitted. */
export function makeFinding(f: {
  rule: string;
  severity: Finding['severity'];
  message: string;
  file?: string | undefined;
  path: string;
  document?: string | undefined;
  line?: number | undefined;
}): Finding {
  return {
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    ...(f.file !== undefined ? { file: f.file } : {}),
    path: f.path,
    ...(f.document !== undefined ? { document: f.document } : {}),
    ...(f.line !== undefined ? { line: f.line } : {}),
  };
}

function schemaFinding(
  message: string,
  path: string,
  file: string | undefined,
  document: string | undefined,
  line: number | undefined,
  severity: Finding['severity'] = 'error',
): Finding {
  return makeFinding({ rule: SCHEMA_RULE, severity, message, file, path, document, line });
}

function yamlErrorFinding(
  err: YAMLError,
  severity: Finding['severity'],
  file: string | undefined,
  lineAt: (offset: number) => number,
): Finding {
  const line = err.linePos?.[0]?.line ?? (Array.isArray(err.pos) ? lineAt(err.pos[0]) : undefined);
  // Composer messages are short ("Map keys must be unique"); strip any pretty context anyway.
  const message = String(err.message)
    .split('\n')[0]!
    .replace(/ at line \d+, column \d+:?$/, '');
  return schemaFinding(`YAML: ${message}`, '', file, undefined, line, severity);
}

type ZodIssue = z.core.$ZodIssue;

/** Turns one zod issue into one or more (path, message) pairs with plain-language messages. */
export function describeIssue(issue: ZodIssue, input: unknown): { path: string; message: string }[] {
  const path = pointerFromPath(issue.path);
  const custom = !/^(Invalid|Too (small|big)|Unrecognized)/.test(issue.message);
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: pointerFromPath([...issue.path, key]), message: `unknown field "${key}"` }));
    case 'invalid_type': {
      const value = valueAt(input, issue.path);
      if (value.found === false) {
        const name = issue.path[issue.path.length - 1];
        return [{ path, message: `missing required field "${String(name ?? '')}"` }];
      }
      if (custom) return [{ path, message: issue.message }];
      return [{ path, message: `must be ${expectedName(issue.expected)}, not ${describe(value.value)}` }];
    }
    case 'invalid_value': {
      const values = issue.values.map((v) => String(v));
      const got = valueAt(input, issue.path);
      if (!got.found) return [{ path, message: `missing required field "${String(issue.path[issue.path.length - 1] ?? '')}"` }];
      const suffix = ` (got ${typeof got.value === 'string' ? `"${truncate(got.value)}"` : describe(got.value)})`;
      if (custom) return [{ path, message: issue.message }];
      return [{ path, message: values.length === 1 ? `must be "${values[0]}"${suffix}` : `must be one of ${values.join(', ')}${suffix}` }];
    }
    case 'too_small':
    case 'too_big': {
      if (custom) return [{ path, message: issue.message }];
      const small = issue.code === 'too_small';
      const limit = small ? (issue as { minimum: number | bigint }).minimum : (issue as { maximum: number | bigint }).maximum;
      const inclusive = issue.inclusive !== false;
      switch (issue.origin) {
        case 'string':
          if (small && Number(limit) === 1) return [{ path, message: 'must not be empty' }];
          return [{ path, message: `must be at ${small ? 'least' : 'most'} ${limit} characters` }];
        case 'array':
        case 'set':
          return [{ path, message: `must have at ${small ? 'least' : 'most'} ${limit} item${Number(limit) === 1 ? '' : 's'}` }];
        default:
          if (inclusive) return [{ path, message: `must be ${small ? 'at least' : 'at most'} ${limit}` }];
          return [{ path, message: `must be ${small ? 'greater' : 'less'} than ${limit}` }];
      }
    }
    case 'invalid_format':
      if (custom) return [{ path, message: issue.message }];
      return [{ path, message: `must be a valid ${issue.format}` }];
    case 'invalid_union':
      if ('discriminator' in issue && issue.discriminator) {
        return [{ path, message: `must be one of ${(issue as { options?: unknown[] }).options?.map(String).join(', ') ?? '…'}` }];
      }
      return [{ path, message: custom ? issue.message : 'does not match any allowed shape' }];
    default:
      return [{ path, message: issue.message }];
  }
}

function expectedName(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'object':
      return 'a mapping';
    case 'array':
      return 'a list';
    case 'string':
      return 'text';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'true or false';
    default:
      return `a ${expected}`;
  }
}

function describe(v: unknown): string {
  if (v === null) return 'empty (null)';
  if (Array.isArray(v)) return 'a list';
  if (v instanceof Uint8Array) return 'binary data';
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? `a number (${v})` : 'infinity';
  if (typeof v === 'string') return `text ("${truncate(v)}")`;
  if (typeof v === 'boolean') return `${v}`;
  if (typeof v === 'object') return 'a mapping';
  return typeof v;
}

function truncate(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function kindHint(raw: Record<string, unknown>): string {
  if ('organisation' in raw || 'period' in raw || 'objectives' in raw) return ' (this looks like a strategy)';
  if ('type' in raw || 'start' in raw || 'phases' in raw) return ' (this looks like a campaign)';
  return '';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): { found: true; value: unknown } | { found: false } {
  let cur: unknown = input;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return { found: false };
    const key = typeof seg === 'symbol' ? seg : String(seg);
    if (!Object.hasOwn(cur, key)) return { found: false };
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur === undefined ? { found: false } : { found: true, value: cur };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// ——— Lines ———

function makeLineOf(contents: YamlNode, lineAt: (offset: number) => number): (pointer: string) => number | undefined {
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  const pairOf = (map: YAMLMap, key: string): Pair | undefined => {
    if (map.items.length <= 16) return map.items.find((p) => keyString(p.key) === key) as Pair | undefined;
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items as Pair[]) {
        const k = keyString(p.key);
        if (k !== undefined && !index.has(k)) index.set(k, p);
      }
      indexes.set(map, index);
    }
    return index.get(key);
  };
  return (pointer: string): number | undefined => {
    let node: unknown = contents;
    let offset = nodeStart(contents);
    for (const seg of parsePointer(pointer)) {
      if (isMap(node)) {
        const pair = pairOf(node, seg);
        if (!pair) break;
        offset = nodeStart(pair.key) ?? nodeStart(pair.value) ?? offset;
        node = pair.value;
      } else if (isSeq(node)) {
        if (!/^(0|[1-9]\d*)$/.test(seg)) break;
        const item: unknown = node.items[Number(seg)];
        if (item === undefined) break;
        offset = nodeStart(item) ?? offset;
        node = item;
      } else {
        break; // scalar, alias or null: the pointer goes deeper than the source
      }
    }
    return offset === undefined ? undefined : lineAt(offset);
  };
}

function nodeStart(node: unknown): number | undefined {
  const range = (node as { range?: unknown } | null | undefined)?.range;
  return Array.isArray(range) && typeof range[0] === 'number' ? range[0] : undefined;
}

function keyString(key: unknown): string | undefined {
  if (isScalar(key)) return String(key.value);
  if (typeof key === 'string' || typeof key === 'number') return String(key);
  return undefined;
}

// ——— Guards ———

/**
 * Watches lexemes and says when nesting gets too deep. Flow collections (`[`, `{`) are counted
 * exactly; block collections by their indentation columns (each nested block level starts further
 * right, and compact forms like `- - x` put each indicator further right too). It may under-count
 * block depth by up to half (a sequence indented like its parent key), which still keeps real depth
 * far below what breaks the composer.
 */
class DepthGuard {
  private flow = 0;
  private readonly block: number[] = [];
  private col = 0;
  private atScalar = false;

  constructor(private readonly limit: number) {}

  tooDeep(lexeme: string): boolean {
    if (this.atScalar) {
      // Content of a scalar (plain, quoted or block): a node in block context.
      this.atScalar = false;
      const deep = this.flow === 0 && this.enterBlock(this.col);
      this.advance(lexeme);
      return deep;
    }
    switch (lexeme) {
      case CST.SCALAR:
        this.atScalar = true;
        return false;
      case CST.DOCUMENT:
      case CST.FLOW_END:
      case CST.BOM:
        return false;
    }
    switch (CST.tokenType(lexeme)) {
      case 'doc-start':
      case 'doc-end':
        this.flow = 0;
        this.block.length = 0;
        break;
      case 'seq-item-ind':
      case 'explicit-key-ind':
      case 'map-value-ind':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'alias':
        if (this.flow === 0 && this.enterBlock(this.col)) return true;
        break;
      case 'flow-seq-start':
      case 'flow-map-start':
        if (this.flow === 0 && this.enterBlock(this.col)) return true;
        this.flow++;
        if (this.flow + this.block.length > this.limit) return true;
        break;
      case 'flow-seq-end':
      case 'flow-map-end':
        if (this.flow > 0) this.flow--;
        break;
      case 'newline':
        this.col = 0;
        return false;
    }
    this.advance(lexeme);
    return false;
  }

  private enterBlock(col: number): boolean {
    while (this.block.length > 0 && this.block[this.block.length - 1]! >= col) this.block.pop();
    this.block.push(col);
    return this.block.length + this.flow > this.limit;
  }

  private advance(lexeme: string): void {
    const nl = lexeme.lastIndexOf('\n');
    this.col = nl === -1 ? this.col + lexeme.length : lexeme.length - nl - 1;
  }
}

/** Keys that occur twice in one mapping (compared as the strings they become in JS), in linear time. */
function findDuplicateKeys(root: YamlNode): { key: string; offset: number }[] {
  const out: { key: string; offset: number }[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items as Pair[]) {
        const key = keyString(pair.key);
        if (key !== undefined) {
          if (seen.has(key)) out.push({ key, offset: nodeStart(pair.key) ?? 0 });
          else seen.add(key);
        }
        if (pair.key !== null && typeof pair.key === 'object' && !isScalar(pair.key)) stack.push(pair.key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isAlias(node)) {
      // an alias repeats a node already checked where its anchor is
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/** True when arrays and objects in `value` nest more than `limit` levels (`[]` is one). Iterative: JSON bodies nest thousands deep. */
export function isNestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * JSON pointer of an array or object that contains itself, or null. Depth-first with the current
 * path's collections marked; each collection is explored once, however many aliases share it.
 */
function findCycle(root: unknown): string | null {
  const onPath = new Set<object>();
  const explored = new Set<object>();
  // An `exit` entry is popped once everything pushed above it (the collection's children) is explored.
  const stack: { value: unknown; pointer: string; exit?: true }[] = [{ value: root, pointer: '' }];
  while (stack.length > 0) {
    const { value, pointer, exit } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (exit) {
      onPath.delete(value);
      explored.add(value);
      continue;
    }
    if (onPath.has(value)) return pointer;
    if (explored.has(value)) continue;
    onPath.add(value);
    stack.push({ value, pointer, exit: true });
    for (const [key, child] of Object.entries(value)) stack.push({ value: child, pointer: pointer + pointerFromPath([key]) });
  }
  return null;
}

/** UTF-8 byte length when it could exceed the cap; for short strings just a lower bound (s.length). */
function byteSize(s: string): number {
  if (s.length * 3 <= MAX_PLAN_BYTES) return s.length; // lower bound is enough to pass the cap
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

function formatMb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
