/**
 * All of a workspace's queries compiled into one matcher. A post is tokenised once; every token (and
 * the author, language, channel, link hosts, has:link/media) is looked up in one hash index of the
 * queries' required keys, which names the candidate queries; only those are evaluated exactly, by
 * closures compiled from their syntax trees. A query's required keys are chosen so that it cannot
 * match a post holding none of them (a term; one word of a phrase; the cheapest child of an AND; every
 * child of an OR); a query with no such key (`-spam`, `NOT x OR y`) is a candidate for every post.
 *
 * Pure (no I/O). Results equal evaluating each query alone with the reference evaluator
 * (query/evaluate.ts), property-tested; the measured speed is in docs/decisions.md (`bench:match`).
 */
import type { NearNode, PositionalNode } from './query/ast.ts';
import type { QueryNode } from './query/index.ts';
import { type MatchablePost, postAuthor, postHosts, postLang, wildcardRegExp } from './query/evaluate.ts';
import { parseQuery } from './query/parse.ts';
import { QuerySyntaxError } from './query/syntax-error.ts';
import { type Tokens, tokenizeInto } from './query/tokenize.ts';

export interface Matcher {
  /** The ids of the queries the post matches, sorted as strings. */
  match(post: MatchablePost): string[];
}

/** What an evaluation needs about one post, computed once per post. */
interface Post {
  t: Tokens;
  post: MatchablePost;
  hosts: string[] | null;
}
type Test = (p: Post) => boolean;
/** Pushes [from, to) of every occurrence of an operand into `out`. */
type Finder = (t: Tokens, out: number[]) => void;

/** A key of the index: a folded token or `<field>\0<value>`, or a number for a word's first three code units. */
type Key = string | number;

/** A word's first three code units folded into a small integer (collisions only add candidates). */
const prefixKey = (w: string) => ((w.charCodeAt(0) & 0x3ff) << 20) | ((w.charCodeAt(1) & 0x3ff) << 10) | (w.charCodeAt(2) & 0x3ff);

function finder(node: PositionalNode): Finder {
  switch (node.type) {
    case 'term': {
      const word = node.word;
      return (t, out) => {
        const ws = t.words;
        for (let i = 0; i < ws.length; i++) if (ws[i] === word) out.push(i, i + 1);
      };
    }
    case 'wildcard': {
      const { prefix, pattern } = node;
      // `prefix*` needs no regex: tokens starting with letters are words (all word characters) or URLs.
      if (pattern === `${prefix}*`) {
        return (t, out) => {
          const ws = t.words;
          for (let i = 0; i < ws.length; i++) if (ws[i]!.startsWith(prefix) && !ws[i]!.includes(':')) out.push(i, i + 1);
        };
      }
      const re = wildcardRegExp(pattern);
      return (t, out) => {
        const ws = t.words;
        for (let i = 0; i < ws.length; i++) if (ws[i]!.startsWith(prefix) && re.test(ws[i]!)) out.push(i, i + 1);
      };
    }
    case 'phrase': {
      const words = node.words;
      const k = words.length;
      return (t, out) => {
        const ws = t.words;
        outer: for (let i = 0; i + k <= ws.length; i++) {
          for (let j = 0; j < k; j++) if (ws[i + j] !== words[j]) continue outer;
          out.push(i, i + k);
        }
      };
    }
    case 'tag': {
      const tag = node.tag;
      return (t, out) => {
        for (let i = 0; i < t.tags.length; i++) if (t.tags[i] === tag) out.push(t.tagFrom[i]!, t.tagTo[i]!);
      };
    }
  }
}

function compileNear(node: NearNode): Test {
  const left = finder(node.left);
  const right = finder(node.right);
  const { distance, ordered } = node;
  const ls: number[] = [];
  const rs: number[] = [];
  return ({ t }) => {
    ls.length = 0;
    left(t, ls);
    if (ls.length === 0) return false;
    rs.length = 0;
    right(t, rs);
    for (let a = 0; a < ls.length; a += 2) {
      for (let b = 0; b < rs.length; b += 2) {
        const gapAfter = rs[b]! - ls[a + 1]!;
        if (gapAfter >= 0 && gapAfter <= distance) return true;
        const gapBefore = ls[a]! - rs[b + 1]!;
        if (!ordered && gapBefore >= 0 && gapBefore <= distance) return true;
      }
    }
    return false;
  };
}

const hostsOf = (p: Post) => (p.hosts ??= postHosts(p.post, p.t));

/** Roughly how long a node takes to evaluate, to try the cheap ones of an AND first. */
function testCost(node: QueryNode): number {
  switch (node.type) {
    case 'has':
    case 'field':
      return node.type === 'field' && node.field === 'site' ? 2 : 1;
    case 'term':
    case 'tag':
      return 3;
    case 'not':
      return testCost(node.child);
    case 'and':
    case 'or':
      return node.children.reduce((sum, c) => sum + testCost(c), 0);
    default:
      return 6;
  }
}

function compile(node: QueryNode): Test {
  switch (node.type) {
    case 'and': {
      // Cheap tests first: a field check fails faster than a scan of the words.
      const cs = [...node.children].sort((a, b) => testCost(a) - testCost(b)).map(compile);
      return (p) => {
        for (const c of cs) if (!c(p)) return false;
        return true;
      };
    }
    case 'or': {
      const cs = node.children.map(compile);
      return (p) => {
        for (const c of cs) if (c(p)) return true;
        return false;
      };
    }
    case 'not': {
      const c = compile(node.child);
      return (p) => !c(p);
    }
    case 'near':
      return compileNear(node);
    case 'has':
      return node.what === 'media'
        ? ({ post }) => (post.media ?? 0) > 0
        : ({ post, t }) => (post.links?.length ?? 0) > 0 || t.urls.length > 0;
    case 'field': {
      const v = node.value;
      switch (node.field) {
        case 'author':
          return ({ post }) => postAuthor(post.author) === v;
        case 'lang':
          return ({ post }) => {
            const lang = postLang(post.lang);
            return lang === v || lang.startsWith(`${v}-`);
          };
        case 'channel':
          return ({ post }) => (post.channel ?? '').toLowerCase() === v;
        case 'site': {
          const dotted = `.${v}`;
          return (p) => hostsOf(p).some((h) => h === v || h.endsWith(dotted));
        }
      }
      break;
    }
    case 'term': {
      const word = node.word;
      return ({ t }) => t.words.includes(word);
    }
    case 'tag': {
      const tag = node.tag;
      return ({ t }) => t.tags.includes(tag);
    }
    default: {
      const find = finder(node);
      const out: number[] = [];
      return ({ t }) => {
        out.length = 0;
        find(t, out);
        return out.length > 0;
      };
    }
  }
}

const wordSlot = (w: string) =>
  (w.length * 4099 + w.charCodeAt(0) * 131 + w.charCodeAt(w.length - 1) * 7 + w.charCodeAt(w.length >> 1)) & 0xffff;
const prefixSlot = (k: number) => (k ^ (k >>> 13) ^ (k >>> 23)) & 0xffff;

/** Keys one of which a matching post must hold. */
type Clause = Key[];

/** A guess at how common a key is in posts: field values like lang:en and short words are common. */
const keyCost = (k: Key) =>
  typeof k === 'number' ? 4 : k.charCodeAt(1) === 0 ? (k[0] === 'l' || k[0] === 'h' ? 50 : 5) : k.length <= 3 ? 3 : 1;
const clauseCost = (c: Clause) => c.reduce<number>((sum, k) => sum + keyCost(k), 0);

/**
 * Clauses every post the node matches satisfies (all of them; each by holding one of its keys); null
 * when there are none (the node can match a post holding no key at all, like `-spam`). An AND needs
 * all its children's clauses, an OR one clause: the union of each child's cheapest clause.
 */
function clauses(node: QueryNode): Clause[] | null {
  switch (node.type) {
    case 'term':
      return [[node.word]];
    case 'tag':
      return [[node.tag]];
    case 'phrase':
      return [...new Set(node.words)].map((w) => [w]);
    case 'wildcard':
      return [[prefixKey(node.prefix)]];
    case 'has':
      return [[`h\0${node.what}`]];
    case 'field':
      return [[`${node.field[0]}\0${node.value}`]];
    case 'near':
    case 'and': {
      const parts = (node.type === 'near' ? [node.left, node.right] : node.children).map(clauses).filter((c) => c !== null);
      return parts.length === 0 ? null : parts.flat();
    }
    case 'or': {
      const parts = node.children.map(clauses);
      if (parts.some((c) => c === null)) return null;
      const cheapest = parts.map((cs) => cs!.reduce((a, b) => (clauseCost(b) < clauseCost(a) ? b : a)));
      return [[...new Set(cheapest.flat())]];
    }
    case 'not':
      return null;
  }
}

/** At most this many clauses are counted per query: the cheapest; more would cost lookups and filter little. */
const MAX_CLAUSES = 4;

/** Compiles the queries (each parsed; a syntax error names its query in `details.queryId`). */
export function compileMatcher(queries: readonly { id: string; query: string }[]): Matcher {
  const sorted = [...queries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = sorted.map((q) => q.id);
  const tests: Test[] = [];
  /** Posting lists: key → the clauses (global numbers) it satisfies. */
  const words = new Map<string, number[]>();
  const prefixes = new Map<number, number[]>();
  const clauseQuery: number[] = [];
  const needed = new Uint8Array(sorted.length);
  const always: number[] = [];
  /** Field keys (`<field initial>\0<value>`) by field, so a post looks up only the fields some query uses. */
  const fields = new Map<string, number[]>();
  const usedFields = new Set<string>();
  // Most of a post's words are no key: a byte table by a cheap hash answers "surely not" before the Map.
  const maybeWord = new Uint8Array(65536);
  const maybePrefix = new Uint8Array(65536);
  const post = <K>(map: Map<K, number[]>, key: K, clause: number) => {
    const list = map.get(key);
    if (list === undefined) map.set(key, [clause]);
    else if (list[list.length - 1] !== clause) list.push(clause);
  };
  sorted.forEach(({ id, query }, index) => {
    let node: QueryNode;
    try {
      node = parseQuery(query);
    } catch (e) {
      if (e instanceof QuerySyntaxError) {
        throw new QuerySyntaxError(e.message.slice(0, e.message.lastIndexOf(' at ')), e.position, { queryId: id });
      }
      throw e;
    }
    tests.push(compile(node));
    const cs = clauses(node);
    if (cs === null) {
      always.push(index);
      return;
    }
    const kept = cs.sort((a, b) => clauseCost(a) - clauseCost(b)).slice(0, MAX_CLAUSES);
    needed[index] = kept.length;
    for (const clause of kept) {
      const number = clauseQuery.push(index) - 1;
      for (const key of clause) {
        if (typeof key === 'number') {
          post(prefixes, key, number);
          maybePrefix[prefixSlot(key)] = 1;
        } else {
          if (key.charCodeAt(1) === 0) {
            post(fields, key, number);
            usedFields.add(key[0]!);
          } else {
            post(words, key, number);
            maybeWord[wordSlot(key)] = 1;
          }
        }
      }
    }
  });

  // Per post: which clauses are satisfied (stamped with the post's number) and how many of each query's.
  const clauseSeen = new Uint32Array(clauseQuery.length);
  const querySeen = new Uint32Array(sorted.length);
  const satisfied = new Uint8Array(sorted.length);
  let stamp = 0;
  const candidates: number[] = [];
  const hit = (list: number[] | undefined) => {
    if (list === undefined) return;
    for (let i = 0; i < list.length; i++) {
      const c: number = list[i]!;
      if (clauseSeen[c] === stamp) continue;
      clauseSeen[c] = stamp;
      const q = clauseQuery[c]!;
      if (querySeen[q] !== stamp) {
        querySeen[q] = stamp;
        satisfied[q] = 0;
      }
      if (++satisfied[q]! === needed[q]) candidates.push(q);
    }
  };
  /** The clauses a field value satisfies: its own key and, for a language or a host, the shorter ones it falls under. */
  const fieldClauses = (field: string, value: string, separator: string): number[] => {
    const out = [...(fields.get(`${field}\0${value}`) ?? [])];
    for (let i = value.indexOf(separator); i >= 0; i = value.indexOf(separator, i + 1)) {
      out.push(...(fields.get(`${field}\0${separator === '.' ? value.slice(i + 1) : value.slice(0, i)}`) ?? []));
    }
    return out;
  };
  // Authors, channels and languages recur from post to post: their clauses are remembered by raw value.
  const remembered = { a: new Map<string, number[]>(), c: new Map<string, number[]>(), l: new Map<string, number[]>() };
  const recall = (field: 'a' | 'c' | 'l', raw: string): number[] => {
    const cache = remembered[field];
    let list = cache.get(raw);
    if (list === undefined) {
      list =
        field === 'a'
          ? fieldClauses('a', postAuthor(raw), '\0')
          : field === 'c'
            ? fieldClauses('c', raw.toLowerCase(), '\0')
            : fieldClauses('l', postLang(raw), '-');
      if (cache.size >= 10_000) cache.clear();
      cache.set(raw, list);
    }
    return list;
  };

  const tokens: Tokens = { words: [], tags: [], tagFrom: [], tagTo: [], urls: [] };
  return {
    match(post) {
      const t = tokenizeInto(post.text, tokens);
      const p: Post = { t, post, hosts: null };
      if (++stamp === 0xffffffff) {
        clauseSeen.fill(0);
        querySeen.fill(0);
        stamp = 1;
      }
      candidates.length = 0;
      const ws = t.words;
      const anyPrefix = prefixes.size > 0;
      for (let i = 0; i < ws.length; i++) {
        const w = ws[i]!;
        if (maybeWord[wordSlot(w)] === 1) hit(words.get(w));
        if (anyPrefix && w.length >= 3) {
          const k = prefixKey(w);
          if (maybePrefix[prefixSlot(k)] === 1) hit(prefixes.get(k));
        }
      }
      for (let i = 0; i < t.tags.length; i++) hit(words.get(t.tags[i]!));
      if (usedFields.size > 0) {
        if (post.author && usedFields.has('a')) hit(recall('a', post.author));
        if (post.channel && usedFields.has('c')) hit(recall('c', post.channel));
        if (post.lang && usedFields.has('l')) hit(recall('l', post.lang));
        if (usedFields.has('h')) {
          if ((post.media ?? 0) > 0) hit(fields.get('h\0media'));
          if ((post.links?.length ?? 0) > 0 || t.urls.length > 0) hit(fields.get('h\0link'));
        }
        if (usedFields.has('s') && ((post.links?.length ?? 0) > 0 || t.urls.length > 0))
          for (const host of hostsOf(p)) hit(fieldClauses('s', host, '.'));
      }
      const hits: number[] = [];
      for (const q of candidates) if (tests[q]!(p)) hits.push(q);
      for (const q of always) if (tests[q]!(p)) hits.push(q);
      if (hits.length === 0) return [];
      hits.sort((a, b) => a - b);
      const out: string[] = [];
      for (const q of hits) if (out.length === 0 || out[out.length - 1] !== ids[q]) out.push(ids[q]!);
      return out;
    },
  };
}
