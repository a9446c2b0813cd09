/**
 * A fast reader for the plain block YAML that plans are written in (and that `exportPlanYaml`
 * writes): block mappings with simple keys, block sequences, one-line plain or quoted scalars,
 * one-line flow sequences and mappings of plain words, literal and folded block scalars, comments
 * and `---` between documents. It answers `undefined` for anything else, and
 * the loader then takes the full `yaml` path — so for every text it accepts, values and lines must
 * be what that path gives (plain-yaml.test.ts compares both).
 *
 * Why: yaml's lexer, CST and document model cost ~0.5 s (and much garbage) for the benchmark's
 * 1.3 MB plan, while this reads it line by line into plain values and a small tree of lines.
 * Plain scalars are resolved by the same core-schema tags the composer uses, so `1`, `true`,
 * `~` or `2027-01-01` mean the same here.
 */
import { isScalar, Schema } from 'yaml';
import type { ScalarTag } from 'yaml';

export interface PlainDocument {
  /** 0-based position of the document in its text (empty documents count, as in yaml). */
  index: number;
  value: Record<string, unknown>;
  /** Line of the node at a pointer's segments; the nearest existing ancestor's for a node the source lacks. */
  lineAt(segments: readonly string[]): number;
}

/** Where a value starts in the source, and where its children start. */
interface LineNode {
  line: number;
  keys?: Map<string, LineNode>;
  items?: LineNode[];
}

/** Deeper than this, the full path (and its nesting guard) decides. */
const MAX_DEPTH = 64;
/** yaml refuses implicit keys longer than 1024 characters; leave such keys to it. */
const MAX_KEY_LENGTH = 1000;

/** Characters the fast reader leaves to yaml: controls, tabs, CR, NEL, line/paragraph separators, BOM. */
const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;
const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const INDEX = /^(0|[1-9]\d*)$/;

const schema = new Schema({ schema: 'core', merge: false });
/** The tags the composer tries, in its order, on a plain scalar without a tag. */
const scalarTags = schema.tags.filter(
  (tag): tag is ScalarTag & { test: RegExp } => tag.default === true && tag.test !== undefined && !('collection' in tag && tag.collection),
);

class Unsupported extends Error {}
const unsupported = (): never => {
  throw new Unsupported();
};

/** The documents of `text` with their lines, or undefined when the text is not plain block YAML. */
export function readPlainYaml(text: string, maxDocuments: number): PlainDocument[] | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    return new Reader(text.split('\n'), maxDocuments).documents();
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}

class Reader {
  /** Index of the current line; content lines are found with {@link next}. */
  private i = 0;

  constructor(
    private readonly lines: string[],
    private readonly maxDocuments: number,
  ) {}

  documents(): PlainDocument[] {
    const out: PlainDocument[] = [];
    let index = 0;
    // Content before the first `---` is a document of its own; comments there belong to the next.
    let started = false;
    for (;;) {
      const at = this.next();
      if (at === -1) break;
      const line = this.lines[at]!;
      if (isMarker(line)) {
        if (started && ++index >= this.maxDocuments) unsupported();
        started = true;
        this.i = at + 1;
        continue;
      }
      if (indentOf(line) !== 0) unsupported();
      started = true;
      const node = this.map(0, 0);
      const value = node.value as Record<string, unknown>;
      out.push({ index, value, lineAt: lineAtIn(node.lines) });
      if (this.next() !== -1 && !isMarker(this.lines[this.next()]!)) unsupported();
    }
    if (!started) unsupported();
    return out;
  }

  /** The next line that is neither blank nor a comment, or -1 at the end; `---`/`...`/`%` lines are checked here. */
  private next(): number {
    for (let j = this.i; j < this.lines.length; j++) {
      const line = this.lines[j]!;
      const trimmed = line.trimStart();
      if (trimmed === '' || trimmed.startsWith('#')) continue;
      if (line.startsWith('...') || line.startsWith('%') || (line.startsWith('---') && !isMarker(line))) unsupported();
      this.i = j;
      return j;
    }
    this.i = this.lines.length;
    return -1;
  }

  /** The next content line's indentation inside the current document, or -1 at its end. */
  private nextIndent(): number {
    const at = this.next();
    if (at === -1 || isMarker(this.lines[at]!)) return -1;
    return indentOf(this.lines[at]!);
  }

  /** A block mapping whose keys start at column `col`; the current line holds its first key. */
  private map(col: number, depth: number, first?: string): { value: Record<string, unknown>; lines: LineNode } {
    if (depth > MAX_DEPTH) unsupported();
    const value: Record<string, unknown> = {};
    const keys = new Map<string, LineNode>();
    const start = this.i + 1;
    let entry = first;
    for (;;) {
      const lineNo = this.i + 1;
      const m = KEY.exec(entry ?? this.lines[this.i]!.slice(col));
      entry = undefined;
      if (!m) return unsupported();
      const key = m[1]!;
      if (key.length > MAX_KEY_LENGTH || key === '__proto__' || keys.has(key) || resolvesToNonString(key)) unsupported();
      const rest = m[2]?.trimEnd() ?? '';
      this.i++;
      if (rest === '>' || rest === '>-' || rest === '|' || rest === '|-') {
        value[key] = this.blockScalar(rest, col);
        keys.set(key, { line: lineNo });
      } else if (rest !== '') {
        const child = scalarOrEmpty(rest, lineNo);
        value[key] = child.value;
        keys.set(key, child.lines);
      } else {
        const indent = this.nextIndent();
        const line = indent === -1 ? '' : this.lines[this.i]!;
        if (indent > col) {
          const child = isItem(line, indent) ? this.seq(indent, depth + 1) : this.map(indent, depth + 1);
          value[key] = child.value;
          keys.set(key, { ...child.lines, line: lineNo });
        } else if (indent === col && isItem(line, indent)) {
          // A sequence may sit at its key's indentation.
          const child = this.seq(indent, depth + 1);
          value[key] = child.value;
          keys.set(key, { ...child.lines, line: lineNo });
        } else {
          value[key] = null;
          keys.set(key, { line: lineNo });
        }
      }
      const indent = this.nextIndent();
      if (indent < col) break;
      if (indent > col || isItem(this.lines[this.i]!, indent)) unsupported();
    }
    return { value, lines: { line: start, keys } };
  }

  /**
   * The lines of a literal (`|`) or folded (`>`) block scalar under a key at column `col`, clipped
   * (one final newline) or stripped (`-`). Left to yaml: a keep (`+`) or indentation indicator,
   * blank lines first, more-indented lines (folding keeps their breaks), whitespace-only or
   * trailing-space lines, and an empty scalar.
   */
  private blockScalar(header: string, col: number): string {
    const first = this.lines[this.i];
    const indent = first === undefined ? -1 : indentOf(first);
    if (first === undefined || first === '' || indent <= col) return unsupported();
    const parts: string[] = [];
    let j = this.i;
    for (; j < this.lines.length; j++) {
      const line = this.lines[j]!;
      if (line === '') {
        parts.push('');
        continue;
      }
      const at = indentOf(line);
      if (at < indent) break;
      if (at > indent || line.endsWith(' ')) unsupported();
      parts.push(line.slice(indent));
    }
    // Blank lines after the last content line belong to no one here (chomping drops them).
    while (parts.at(-1) === '') parts.pop();
    if (j < this.lines.length && indentOf(this.lines[j]!) === this.lines[j]!.length) unsupported();
    this.i = j;
    let text: string;
    if (header[0] === '|') text = parts.join('\n');
    else {
      text = parts[0]!;
      for (let k = 1; k < parts.length; k++) {
        let blanks = 0;
        while (parts[k] === '') {
          blanks++;
          k++;
        }
        text += (blanks === 0 ? ' ' : '\n'.repeat(blanks)) + parts[k]!;
      }
    }
    return header.endsWith('-') ? text : `${text}\n`;
  }

  /** After an item of a sequence at `col`: false when the next line holds another item. A key at `col` ends a sequence at its key's indentation. */
  private seqEnds(col: number): boolean {
    const indent = this.nextIndent();
    if (indent > col) unsupported();
    return indent < col || !isItem(this.lines[this.i]!, indent);
  }

  /** A block sequence whose `-` indicators sit at column `col`; the current line holds its first item. */
  private seq(col: number, depth: number): { value: unknown[]; lines: LineNode } {
    if (depth > MAX_DEPTH) unsupported();
    const value: unknown[] = [];
    const items: LineNode[] = [];
    const start = this.i + 1;
    for (;;) {
      const lineNo = this.i + 1;
      const line = this.lines[this.i]!;
      // `- ` then content on the same line; a bare `-` or `- - x` is left to yaml.
      const after = line.slice(col + 1);
      const gap = after.length - after.trimStart().length;
      const content = after.trimStart().trimEnd();
      if (gap === 0 || content === '' || content.startsWith('-')) unsupported();
      if (KEY.test(content)) {
        // A compact mapping: its keys line up under the first one.
        const child = this.map(col + 1 + gap, depth + 1, content);
        value.push(child.value);
        items.push(child.lines);
        if (this.seqEnds(col)) break;
        continue;
      }
      const child = scalarOrEmpty(content, lineNo);
      value.push(child.value);
      items.push(child.lines);
      this.i++;
      if (this.seqEnds(col)) break;
    }
    return { value, lines: { line: start, items } };
  }
}

/** A one-line value after `key: ` or `- `: a flow sequence or mapping of plain scalars, a quoted or a plain scalar. */
function scalarOrEmpty(text: string, line: number): { value: unknown; lines: LineNode } {
  if (text === '[]') return { value: [], lines: { line, items: [] } };
  if (text === '{}') return { value: {}, lines: { line, keys: new Map() } };
  if (text[0] === '[' || text[0] === '{') return flow(text, line);
  return { value: scalar(text), lines: { line } };
}

/** Inside a one-line flow collection only plain words: no quotes, nesting, comments, colons or other indicators. */
const FLOW_UNUSUAL = /["'[\]{}#&*!|>%@`:]/;
const FLOW_PAIR = /^([A-Za-z_][A-Za-z0-9_-]*): +(.*)$/;

/** `[a, b]` or `{ k: v, l: w }` on one line; every node of it sits on that line. */
function flow(text: string, line: number): { value: unknown; lines: LineNode } {
  const close = text[0] === '[' ? ']' : '}';
  if (!text.endsWith(close)) unsupported();
  const entries = text
    .slice(1, -1)
    .split(',')
    .map((e) => e.trim());
  if (entries.some((e) => e === '')) unsupported();
  if (close === ']') {
    if (entries.some((e) => FLOW_UNUSUAL.test(e))) unsupported();
    return { value: entries.map(scalar), lines: { line, items: entries.map(() => ({ line })) } };
  }
  const value: Record<string, unknown> = {};
  const keys = new Map<string, LineNode>();
  for (const entry of entries) {
    const m = FLOW_PAIR.exec(entry);
    if (!m) return unsupported();
    const [, key, item] = m as unknown as [string, string, string];
    if (FLOW_UNUSUAL.test(item) || key === '__proto__' || keys.has(key) || resolvesToNonString(key)) unsupported();
    value[key] = scalar(item);
    keys.set(key, { line });
  }
  return { value, lines: { line, keys } };
}

function scalar(text: string): unknown {
  const first = text[0]!;
  if (first === '"') {
    // Escapes (and anything after the closing quote) are left to yaml.
    if (text.length < 2 || !text.endsWith('"') || text.indexOf('"', 1) !== text.length - 1 || text.includes('\\')) unsupported();
    return text.slice(1, -1);
  }
  if (first === "'") {
    const inner = text.slice(1, -1);
    if (text.length < 2 || !text.endsWith("'") || inner.replaceAll("''", '').includes("'")) unsupported();
    return inner.replaceAll("''", "'");
  }
  // Plain: no indicator first, no comment, no `key: value` inside (a nested mapping is an error in yaml).
  if (!/^[A-Za-z0-9_(/$~+.]|^-[A-Za-z0-9.]/.test(text) || text.includes(' #') || text.includes(': ') || text.endsWith(':')) {
    unsupported();
  }
  const tag = scalarTags.find((t) => t.test.test(text));
  if (!tag) return text;
  let failed = false;
  const resolved: unknown = tag.resolve(
    text,
    () => {
      failed = true;
    },
    {},
  );
  // Some tags answer a Scalar node (floats keep their digits for output); toJS takes its value.
  const value = isScalar(resolved) ? resolved.value : resolved;
  if (failed || (value !== null && typeof value === 'object')) unsupported();
  return value;
}

/** True when a plain key would not be read as a string (`null`, `true`, `1e3`…). */
function resolvesToNonString(key: string): boolean {
  return scalarTags.some((t) => t.test.test(key));
}

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

function isItem(line: string, indent: number): boolean {
  return line[indent] === '-' && (line.length === indent + 1 || line[indent + 1] === ' ');
}

function isMarker(line: string): boolean {
  return line.startsWith('---') && line.slice(3).trim() === '';
}

/** As the loader's lineOf walks yaml's nodes: a path deeper than the source stops at its nearest ancestor. */
function lineAtIn(root: LineNode): (segments: readonly string[]) => number {
  return (segments) => {
    let node = root;
    for (const seg of segments) {
      const child = node.keys ? node.keys.get(seg) : node.items && INDEX.test(seg) ? node.items[Number(seg)] : undefined;
      if (!child) break;
      node = child;
    }
    return node.line;
  };
}
