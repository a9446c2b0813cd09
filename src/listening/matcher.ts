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
import { KnownWords, type Tokens, tokenizeInto } from './query/tokenize.ts';

export interface Matcher {
  /** The ids of the queries the post matches, sorted as strings. */
  match(post: MatchablePost): string[];
}

/** What an evaluation needs about one post, computed once per post. */
interface Post {
  t: Tokens;
  post: MatchablePost;
  hosts: string[] | null;
  /** This post's number: a word of the vocabulary is in the post when its `seen` entry holds it. */
  stamp: number;
}

/** The words and tags the queries name, numbered; `seen` marks which of them the current post holds. */
class Vocabulary {
  readonly ids = new Map<string, number>();
  seen = new Uint32Array(0);

  id(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(word, id);
    }
    return id;
  }
}
type Test = (p: Post) => boolean;
/** Pushes [from, to) of every occurrence of an operand into `out`. */
type Finder = (t: Tokens, out: number[]) => void;

/** A key of the index: a folded word or tag, `<field initial>\0<value>`, or a number for a word's first three code units. */
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
      return node.type === 'field' && node.field === 'site' ? 3 : 2;
    case 'term':
    case 'tag':
      return 1;
    case 'not':
      return testCost(node.child);
    case 'and':
    case 'or':
      return node.children.reduce((sum, c) => sum + testCost(c), 0);
    default:
      return 6;
  }
}

function compile(node: QueryNode, vocabulary: Vocabulary): Test {
  switch (node.type) {
    case 'and': {
      // Cheap tests first: a field check fails faster than a scan of the words.
      const cs = [...node.children].sort((a, b) => testCost(a) - testCost(b)).map((c) => compile(c, vocabulary));
      return (p) => {
        for (const c of cs) if (!c(p)) return false;
        return true;
      };
    }
    case 'or': {
      const cs = node.children.map((c) => compile(c, vocabulary));
      return (p) => {
        for (const c of cs) if (c(p)) return true;
        return false;
      };
    }
    case 'not': {
      const c = compile(node.child, vocabulary);
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
          return ({ post }) => postAuthor(post.author) === v || (!!post.authorId && postAuthor(post.authorId) === v);
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
    case 'term':
    case 'tag': {
      // Every word and tag of a post is looked up in the vocabulary before any query is evaluated.
      const id = vocabulary.id(node.type === 'term' ? node.word : node.tag);
      return (p) => vocabulary.seen[id] === p.stamp;
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
  const vocabulary = new Vocabulary();
  /** Posting lists: the clauses (global numbers) each key satisfies — words and tags by vocabulary id. */
  const postings: number[][] = [];
  const prefixes = new Map<number, number[]>();
  /** Field keys (`<field initial>\0<value>`); a post looks up only the fields some query uses. */
  const fields = new Map<string, number[]>();
  const usedFields = new Set<string>();
  const clauseQuery: number[] = [];
  const needed = new Uint8Array(sorted.length);
  const always: number[] = [];
  const post = (list: number[], clause: number) => {
    if (list[list.length - 1] !== clause) list.push(clause);
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
    tests.push(compile(node, vocabulary));
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
          if (!prefixes.has(key)) prefixes.set(key, []);
          post(prefixes.get(key)!, number);
        } else if (key.charCodeAt(1) === 0) {
          if (!fields.has(key)) fields.set(key, []);
          post(fields.get(key)!, number);
          usedFields.add(key[0]!);
        } else {
          const v = vocabulary.id(key);
          while (postings.length <= v) postings.push([]);
          post(postings[v]!, number);
        }
      }
    }
  });
  while (postings.length < vocabulary.ids.size) postings.push([]);
  // Authors and channels by their value alone: no key to build per post.
  const byValue = (field: string) =>
    new Map([...fields].filter(([key]) => key[0] === field).map(([key, list]) => [key.slice(2), list] as const));
  const authors = byValue('a');
  const channels = byValue('c');
  vocabulary.seen = new Uint32Array(vocabulary.ids.size);
  // The tokeniser recognises the vocabulary as it scans: a post's words arrive with their numbers.
  const known = new KnownWords([...vocabulary.ids.keys()]);
  const maybePrefix = new Uint8Array(65536);
  for (const key of prefixes.keys()) maybePrefix[prefixSlot(key)] = 1;

  // Per post: which clauses are satisfied (stamped with the post's number) and how many of each query's.
  const clauseSeen = new Uint32Array(clauseQuery.length);
  const querySeen = new Uint32Array(sorted.length);
  const satisfied = new Uint8Array(sorted.length);
  const seen = vocabulary.seen;
  let stamp = 0;
  const candidates: number[] = [];
  const hits: number[] = [];
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
  const mark = (v: number) => {
    seen[v] = stamp;
    hit(postings[v]);
  };
  /** A language or host value hits its own key and the shorter ones it falls under (en-us → en; a.b.io → b.io, io). */
  const hitField = (field: string, value: string, separator: string) => {
    hit(fields.get(`${field}\0${value}`));
    for (let i = value.indexOf(separator); i >= 0; i = value.indexOf(separator, i + 1)) {
      hit(fields.get(`${field}\0${separator === '.' ? value.slice(i + 1) : value.slice(0, i)}`));
    }
  };

  const tokens: Tokens = { words: [], tags: [], tagFrom: [], tagTo: [], urls: [], known: [] };
  return {
    match(post) {
      const t = tokenizeInto(post.text, tokens, known);
      if (++stamp === 0xffffffff) {
        clauseSeen.fill(0);
        querySeen.fill(0);
        seen.fill(0);
        stamp = 1;
      }
      const p: Post = { t, post, hosts: null, stamp };
      candidates.length = 0;
      const ws = t.words;
      const anyPrefix = prefixes.size > 0;
      const numbers = t.known!;
      for (let i = 0; i < ws.length; i++) {
        const w = ws[i]!;
        if (numbers[i]! >= 0) mark(numbers[i]!);
        if (anyPrefix && w.length >= 3) {
          const k = prefixKey(w);
          if (maybePrefix[prefixSlot(k)] === 1) hit(prefixes.get(k));
        }
      }
      for (let i = 0; i < t.tags.length; i++) {
        const v = vocabulary.ids.get(t.tags[i]!);
        if (v !== undefined) mark(v);
      }
      if (usedFields.size > 0) {
        if (post.author && authors.size > 0) hit(authors.get(postAuthor(post.author)));
        if (post.authorId && authors.size > 0) hit(authors.get(postAuthor(post.authorId)));
        if (post.channel && channels.size > 0) hit(channels.get(post.channel.toLowerCase()));
        if (post.lang && usedFields.has('l')) hitField('l', postLang(post.lang), '-');
        if (usedFields.has('h')) {
          if ((post.media ?? 0) > 0) hit(fields.get('h\0media'));
          if ((post.links?.length ?? 0) > 0 || t.urls.length > 0) hit(fields.get('h\0link'));
        }
        if (usedFields.has('s') && ((post.links?.length ?? 0) > 0 || t.urls.length > 0)) {
          for (const host of hostsOf(p)) hitField('s', host, '.');
        }
      }
      hits.length = 0;
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
