/**
 * The listening query language (README "Listening queries"): a recursive-descent parser over a small
 * lexer. Precedence, tightest first: NEAR, NOT / `-`, AND (also implied between neighbours), OR.
 *
 * Decisions beyond the text:
 * - A query may be purely negative (`-spam`, `NOT x`): it matches every post without those words.
 * - An empty query (or only spaces) is an error: it would match everything by accident.
 * - Upper-case `NEAR` without `/n` is an error (say `near` for the word); `NEAR` is not chainable
 *   (`a NEAR/2 b NEAR/2 c`): join NEAR groups with AND or OR.
 * - A term that folds to several words (`coca-cola`, `don't`, `咖啡`) is the phrase of those words.
 * - Inside quotes, `#` and `@` are punctuation: `"#coffee time"` is the phrase "coffee time".
 * - A field name is case-insensitive; unknown `name:value` words are ordinary terms.
 * - Wildcards apply to words only (not to #tags, @handles, phrases or field values).
 */
import type { FieldNode, HasNode, NearNode, PositionalNode, QueryNode } from './ast.ts';
import { QuerySyntaxError } from './syntax-error.ts';
import { foldText, isWordText, tokenizeFolded } from './tokenize.ts';

export const MAX_QUERY_LENGTH = 4096;
export const MAX_OPERANDS = 200;
export const MAX_NEAR_DISTANCE = 20;

type Lexeme =
  | { kind: '(' | ')' | 'AND' | 'OR' | 'NOT' | '-' | 'end'; pos: number }
  | { kind: 'near'; pos: number; distance: number; ordered: boolean }
  | { kind: 'phrase'; pos: number; text: string }
  | { kind: 'word'; pos: number; text: string }
  | { kind: 'field'; pos: number; field: string; value: string | null; valuePos: number };

const FIELDS = new Set(['author', 'lang', 'channel', 'site', 'has']);
const fail = (message: string, position: number): never => {
  throw new QuerySyntaxError(message, position);
};

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || (c > '\x7f' && /\s/u.test(c));
const endsWord = (c: string) => isSpace(c) || c === '(' || c === ')' || c === '"';

function lex(source: string): Lexeme[] {
  const out: Lexeme[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source[i]!;
    if (isSpace(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      out.push({ kind: c, pos: i++ });
    } else if (c === '"') {
      const close = source.indexOf('"', i + 1);
      if (close < 0) fail('unclosed quote', i);
      out.push({ kind: 'phrase', pos: i, text: source.slice(i + 1, close) });
      i = close + 1;
    } else if (c === '-') {
      if (i + 1 >= n || isSpace(source[i + 1]!) || source[i + 1] === ')') fail('a minus must be followed by what to exclude', i);
      out.push({ kind: '-', pos: i++ });
    } else {
      let j = i + 1;
      while (j < n && !endsWord(source[j]!)) j++;
      out.push(word(source.slice(i, j), i, source[j]));
      i = j;
    }
  }
  out.push({ kind: 'end', pos: n });
  return out;
}

function word(text: string, pos: number, next: string | undefined): Lexeme {
  if (text === 'AND' || text === 'OR' || text === 'NOT') return { kind: text, pos };
  if (text.startsWith('NEAR')) {
    const m = /^NEAR\/(\d{1,6})(f?)$/.exec(text);
    if (!m) return fail('NEAR needs a distance, like NEAR/3 or NEAR/3f', pos);
    const distance = Number(m[1]);
    if (distance > MAX_NEAR_DISTANCE) fail(`NEAR distance must be ${MAX_NEAR_DISTANCE} or less, not ${distance},`, pos);
    return { kind: 'near', pos, distance, ordered: m[2] === 'f' };
  }
  const colon = text.indexOf(':');
  if (colon > 0) {
    const field = text.slice(0, colon).toLowerCase();
    if (FIELDS.has(field)) {
      const value = text.slice(colon + 1);
      if (value === '' && next !== '(') fail(`${field}: needs a value, or a group like ${field}:(a OR b)`, pos);
      return { kind: 'field', pos, field, value: value === '' ? null : value, valuePos: pos + colon + 1 };
    }
  }
  return { kind: 'word', pos, text };
}

const positional = (node: QueryNode): node is PositionalNode =>
  node.type === 'term' || node.type === 'phrase' || node.type === 'wildcard' || node.type === 'tag';

const describe = (l: Lexeme) =>
  l.kind === 'end' ? 'the end of the query' : l.kind === 'near' ? 'NEAR' : l.kind === 'phrase' || l.kind === 'word' ? 'a term' : l.kind;

class Parser {
  private i = 0;
  private operands = 0;
  constructor(private readonly lexemes: Lexeme[]) {}

  private get peek(): Lexeme {
    return this.lexemes[this.i]!;
  }

  parse(): QueryNode {
    if (this.peek.kind === 'end') fail('the query is empty', 0);
    const node = this.or(null);
    const rest = this.peek;
    if (rest.kind === ')') fail('unmatched )', rest.pos);
    if (rest.kind !== 'end') fail(`unexpected ${describe(rest)}`, rest.pos);
    return node;
  }

  private or(field: string | null): QueryNode {
    const children = [this.and(field)];
    while (this.peek.kind === 'OR') {
      this.i++;
      children.push(this.and(field));
    }
    return children.length === 1 ? children[0]! : { type: 'or', children: children.flatMap((c) => (c.type === 'or' ? c.children : [c])) };
  }

  private and(field: string | null): QueryNode {
    const children = [this.unary(field)];
    for (;;) {
      const k = this.peek.kind;
      if (k === 'AND') this.i++;
      else if (k !== 'word' && k !== 'phrase' && k !== 'field' && k !== '(' && k !== 'NOT' && k !== '-') break;
      children.push(this.unary(field));
    }
    return children.length === 1 ? children[0]! : { type: 'and', children: children.flatMap((c) => (c.type === 'and' ? c.children : [c])) };
  }

  private unary(field: string | null): QueryNode {
    const k = this.peek.kind;
    if (k === 'NOT' || k === '-') {
      this.i++;
      return { type: 'not', child: this.unary(field) };
    }
    const left = this.primary(field);
    const op = this.peek;
    if (op.kind !== 'near') return left;
    if (!positional(left)) fail('NEAR joins terms or phrases', op.pos);
    this.i++;
    const rightAt = this.peek.pos;
    const right = this.primary(field);
    if (!positional(right)) fail('NEAR joins terms or phrases', rightAt);
    if (this.peek.kind === 'near') fail('NEAR joins two terms or phrases; join NEAR groups with AND or OR', this.peek.pos);
    const near: NearNode = {
      type: 'near',
      left: left as PositionalNode,
      right: right as PositionalNode,
      distance: op.distance,
      ordered: op.ordered,
    };
    return near;
  }

  private primary(field: string | null): QueryNode {
    const l = this.peek;
    switch (l.kind) {
      case '(': {
        this.i++;
        if (this.peek.kind === ')') fail('empty parentheses', l.pos);
        const inner = this.or(field);
        if (this.peek.kind !== ')') fail('unclosed parenthesis', l.pos);
        this.i++;
        return inner;
      }
      case 'phrase': {
        this.i++;
        if (field !== null) fail(`${field}: takes single values, not phrases`, l.pos);
        this.count(l.pos);
        return phrase(l.text, l.pos);
      }
      case 'word': {
        this.i++;
        this.count(l.pos);
        return field !== null ? fieldValue(field, l.text, l.pos) : term(l.text, l.pos);
      }
      case 'field': {
        this.i++;
        if (field !== null) fail('a field cannot hold another field', l.pos);
        if (l.value !== null) {
          this.count(l.pos);
          return fieldValue(l.field, l.value, l.valuePos);
        }
        return this.primary(l.field);
      }
      default:
        return fail(
          l.kind === 'end' ? 'the query ends where a term was expected' : `expected a term, a phrase or ( but found ${describe(l)}`,
          l.pos,
        );
    }
  }

  private count(pos: number): void {
    if (++this.operands > MAX_OPERANDS) fail(`more than ${MAX_OPERANDS} terms in one query`, pos);
  }
}

function phrase(text: string, pos: number): PositionalNode {
  const words = tokenizeFolded(foldText(text)).words;
  if (words.length === 0) fail('empty phrase', pos);
  return words.length === 1 ? { type: 'term', word: words[0]! } : { type: 'phrase', words };
}

function term(text: string, pos: number): PositionalNode {
  if (text[0] === '#' || text[0] === '@') {
    const tag = foldText(text);
    const t = tokenizeFolded(tag);
    if (t.tags.length !== 1 || t.tags[0] !== tag) {
      fail(text[0] === '#' ? 'a #tag holds only letters, digits and _' : 'an @handle holds only letters, digits, _ and inner . - @', pos);
    }
    return { type: 'tag', tag };
  }
  const star = text.indexOf('*');
  const question = text.indexOf('?');
  if (star >= 0 || question >= 0) return wildcard(text, pos, star, question);
  const words = tokenizeFolded(foldText(text)).words;
  if (words.length === 0) fail(`"${text}" has no letters, digits or emoji to search for`, pos);
  return words.length === 1 ? { type: 'term', word: words[0]! } : { type: 'phrase', words };
}

function wildcard(text: string, pos: number, star: number, question: number): PositionalNode {
  if (star >= 0 && star !== text.length - 1) fail('* is allowed only at the end of a word', pos + star);
  const first = star < 0 ? question : question < 0 ? star : Math.min(star, question);
  const prefix = foldText(text.slice(0, first));
  if ([...prefix].length < 3 || !isWordText(prefix)) fail('a wildcard needs at least three letters before it', pos + first);
  let pattern = '';
  let at = 0;
  for (const part of text.split(/([*?])/)) {
    if (part === '*' || part === '?') pattern += part;
    else if (part !== '') {
      const folded = foldText(part);
      if (!isWordText(folded)) fail('a wildcard word holds only letters and digits', pos + at);
      pattern += folded;
    }
    at += part.length;
  }
  return { type: 'wildcard', pattern, prefix };
}

function fieldValue(field: string, raw: string, pos: number): FieldNode | HasNode {
  const value = raw.toLowerCase();
  switch (field) {
    case 'has':
      if (value !== 'link' && value !== 'media') fail('has: takes link or media', pos);
      return { type: 'has', what: value as HasNode['what'] };
    case 'lang':
      if (!/^[a-z]{2,3}(-[a-z0-9]{1,8})*$/.test(value)) fail('lang: takes a language code like en or pt-br', pos);
      return { type: 'field', field: 'lang', value };
    case 'site':
      if (!/^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*$/u.test(value)) fail('site: takes a domain like example.com', pos);
      return { type: 'field', field: 'site', value };
    case 'author': {
      const handle = foldText(raw.replace(/^@/, ''));
      if (handle === '') fail('author: needs a handle', pos);
      return { type: 'field', field: 'author', value: handle };
    }
    default:
      return { type: 'field', field: 'channel', value };
  }
}

/** Parses a query; throws {@link QuerySyntaxError} with the position of the first problem. */
export function parseQuery(source: string): QueryNode {
  if (source.length > MAX_QUERY_LENGTH)
    fail(`the query is longer than ${MAX_QUERY_LENGTH.toLocaleString('en-US')} characters`, MAX_QUERY_LENGTH);
  return new Parser(lex(source)).parse();
}

/** Whether a query parses, and if not where and why (for the live check under the query box). */
export function checkQuery(source: string): { ok: true } | { ok: false; position: number; message: string } {
  try {
    parseQuery(source);
    return { ok: true };
  } catch (e) {
    if (e instanceof QuerySyntaxError) return { ok: false, position: e.position, message: e.message };
    throw e;
  }
}
