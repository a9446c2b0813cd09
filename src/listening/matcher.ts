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
import type { NearNode, PositionalNode, QueryNode } from './query/ast.ts';
import { type MatchablePost, postAuthor, postHosts, postLang, wildcardRegExp } from './query/evaluate.ts';
import { parseQuery } from './query/parse.ts';
import { QuerySyntaxError } from './query/syntax-error.ts';
import { type Tokens, tokenize } from './query/tokenize.ts';

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

const prefixKey = (w: string) => w.charCodeAt(0) * 4294967296 + w.charCodeAt(1) * 65536 + w.charCodeAt(2);

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
      const { prefix } = node;
      const re = wildcardRegExp(node.pattern);
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

function compile(node: QueryNode): Test {
  switch (node.type) {
    case 'and': {
      const cs = node.children.map(compile);
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

interface Requirement {
  keys: Key[];
  /** A guess at how often the keys occur in posts: field values like lang:en are common, long words rare. */
  cost: number;
}

const wordCost = (w: string) => (w.length <= 3 ? 3 : 1);

/** Keys one of which every post the node matches holds; null when there are none (the node can match any post). */
function requirement(node: QueryNode): Requirement | null {
  switch (node.type) {
    case 'term':
      return { keys: [node.word], cost: wordCost(node.word) };
    case 'tag':
      return { keys: [node.tag], cost: 1 };
    case 'phrase': {
      const word = node.words.reduce((a, b) => (b.length > a.length ? b : a));
      return { keys: [word], cost: wordCost(word) };
    }
    case 'wildcard':
      return { keys: [prefixKey(node.prefix)], cost: 4 };
    case 'near':
      return cheapest([requirement(node.left), requirement(node.right)]);
    case 'has':
      return { keys: [`h\0${node.what}`], cost: 50 };
    case 'field':
      return { keys: [`${node.field[0]}\0${node.value}`], cost: node.field === 'lang' ? 50 : 5 };
    case 'and':
      return cheapest(node.children.map(requirement));
    case 'or': {
      const rs = node.children.map(requirement);
      if (rs.some((r) => r === null)) return null;
      return { keys: rs.flatMap((r) => r!.keys), cost: rs.reduce((sum, r) => sum + r!.cost, 0) };
    }
    case 'not':
      return null;
  }
}

function cheapest(rs: (Requirement | null)[]): Requirement | null {
  let best: Requirement | null = null;
  for (const r of rs) if (r !== null && (best === null || r.cost < best.cost)) best = r;
  return best;
}

/** Compiles the queries (each parsed; a syntax error names its query in `details.queryId`). */
export function compileMatcher(queries: readonly { id: string; query: string }[]): Matcher {
  const sorted = [...queries].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ids = sorted.map((q) => q.id);
  const tests: Test[] = [];
  const words = new Map<string, number[]>();
  const prefixes = new Map<number, number[]>();
  const always: number[] = [];
  let fieldKeys = false;
  let siteKeys = false;
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
    const req = requirement(node);
    if (req === null) {
      always.push(index);
      return;
    }
    for (const key of new Set(req.keys)) {
      if (typeof key === 'number') {
        const list = prefixes.get(key) ?? [];
        list.push(index);
        prefixes.set(key, list);
      } else {
        const list = words.get(key) ?? [];
        list.push(index);
        words.set(key, list);
        if (key.charCodeAt(1) === 0) fieldKeys = true;
        if (key.startsWith('s\0')) siteKeys = true;
      }
    }
  });

  const seen = new Uint32Array(sorted.length);
  let stamp = 0;
  const candidates: number[] = [];
  const add = (list: number[] | undefined) => {
    if (list === undefined) return;
    for (const q of list) {
      if (seen[q] !== stamp) {
        seen[q] = stamp;
        candidates.push(q);
      }
    }
  };
  const addPrefixes = (value: string, separator: string, field: string) => {
    add(words.get(`${field}\0${value}`));
    for (let i = value.indexOf(separator); i >= 0; i = value.indexOf(separator, i + 1)) {
      add(words.get(`${field}\0${separator === '.' ? value.slice(i + 1) : value.slice(0, i)}`));
    }
  };

  return {
    match(post) {
      const t = tokenize(post.text);
      const p: Post = { t, post, hosts: null };
      if (++stamp === 0xffffffff) {
        seen.fill(0);
        stamp = 1;
      }
      candidates.length = 0;
      const ws = t.words;
      for (let i = 0; i < ws.length; i++) add(words.get(ws[i]!));
      if (prefixes.size > 0) for (let i = 0; i < ws.length; i++) if (ws[i]!.length >= 3) add(prefixes.get(prefixKey(ws[i]!)));
      for (let i = 0; i < t.tags.length; i++) add(words.get(t.tags[i]!));
      if (fieldKeys) {
        if (post.author) add(words.get(`a\0${postAuthor(post.author)}`));
        if (post.channel) add(words.get(`c\0${post.channel.toLowerCase()}`));
        if (post.lang) addPrefixes(postLang(post.lang), '-', 'l');
        if ((post.media ?? 0) > 0) add(words.get('h\0media'));
        if ((post.links?.length ?? 0) > 0 || t.urls.length > 0) add(words.get('h\0link'));
        if (siteKeys) for (const host of hostsOf(p)) addPrefixes(host, '.', 's');
      }
      add(always);
      const hits: number[] = [];
      for (const q of candidates) if (tests[q]!(p)) hits.push(q);
      hits.sort((a, b) => a - b);
      const out: string[] = [];
      for (const q of hits) if (out.length === 0 || out[out.length - 1] !== ids[q]) out.push(ids[q]!);
      return out;
    },
  };
}
