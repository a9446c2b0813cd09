/**
 * The reference evaluator: one query against one post, written for clarity, not speed. The compiled
 * matcher (../matcher.ts) must always give the same answer (property-tested).
 */
import type { NearNode, PositionalNode, QueryNode } from './ast.ts';
import { hostOf, type Tokens, foldText, tokenize } from './tokenize.ts';

export interface MatchablePost {
  text: string;
  author?: string | null;
  /** The author's stable id where the network has one besides the handle (a Bluesky DID): `author:` matches either. */
  authorId?: string | null;
  lang?: string | null;
  channel?: string | null;
  links?: readonly string[];
  media?: number;
}

/** `*` = zero or more word characters, `?` = exactly one. */
export function wildcardRegExp(pattern: string): RegExp {
  const source = pattern.replace(/[*?]/g, (w) => (w === '*' ? '[\\p{L}\\p{N}\\p{M}]*' : '[\\p{L}\\p{N}\\p{M}]'));
  return new RegExp(`^${source}$`, 'u');
}

/** Spans [from, to) of every occurrence of a positional operand in the token sequence. */
function occurrences(node: PositionalNode, t: Tokens): [number, number][] {
  const out: [number, number][] = [];
  const { words } = t;
  switch (node.type) {
    case 'term':
      for (let i = 0; i < words.length; i++) if (words[i] === node.word) out.push([i, i + 1]);
      break;
    case 'wildcard': {
      const re = wildcardRegExp(node.pattern);
      for (let i = 0; i < words.length; i++) if (re.test(words[i]!)) out.push([i, i + 1]);
      break;
    }
    case 'phrase':
      for (let i = 0; i + node.words.length <= words.length; i++) {
        if (node.words.every((w, k) => words[i + k] === w)) out.push([i, i + node.words.length]);
      }
      break;
    case 'tag':
      for (let i = 0; i < t.tags.length; i++) if (t.tags[i] === node.tag) out.push([t.tagFrom[i]!, t.tagTo[i]!]);
      break;
  }
  return out;
}

/** Two occurrences that do not overlap, with at most `distance` tokens between them (left first if ordered). */
function near(node: NearNode, t: Tokens): boolean {
  const lefts = occurrences(node.left, t);
  const rights = occurrences(node.right, t);
  return lefts.some(([lf, lt]) =>
    rights.some(([rf, rt]) => (rf >= lt && rf - lt <= node.distance) || (!node.ordered && lf >= rt && lf - rt <= node.distance)),
  );
}

/** The hosts of a post's links and of the URLs in its text. */
export function postHosts(post: MatchablePost, t: Tokens): string[] {
  return [...(post.links ?? []), ...t.urls].map(hostOf).filter((h): h is string => h !== null);
}

/** A post's language code, lower case with `-` between subtags (`pt_BR` → `pt-br`). */
export function postLang(lang: string | null | undefined): string {
  const lower = (lang ?? '').toLowerCase();
  return lower.includes('_') ? lower.replaceAll('_', '-') : lower;
}
/** A post's author as `author:` compares it: folded, without a leading `@`. */
export const postAuthor = (author: string | null | undefined): string =>
  foldText(author?.charCodeAt(0) === 64 ? author.slice(1) : (author ?? ''));

function evaluate(node: QueryNode, post: MatchablePost, t: Tokens): boolean {
  switch (node.type) {
    case 'and':
      return node.children.every((c) => evaluate(c, post, t));
    case 'or':
      return node.children.some((c) => evaluate(c, post, t));
    case 'not':
      return !evaluate(node.child, post, t);
    case 'near':
      return near(node, t);
    case 'has':
      return node.what === 'media' ? (post.media ?? 0) > 0 : (post.links?.length ?? 0) > 0 || t.urls.length > 0;
    case 'field':
      switch (node.field) {
        case 'author':
          return postAuthor(post.author) === node.value || (!!post.authorId && postAuthor(post.authorId) === node.value);
        case 'lang': {
          const lang = postLang(post.lang);
          return lang === node.value || lang.startsWith(`${node.value}-`);
        }
        case 'channel':
          return (post.channel ?? '').toLowerCase() === node.value;
        case 'site':
          return postHosts(post, t).some((h) => h === node.value || h.endsWith(`.${node.value}`));
      }
      break;
    default:
      return occurrences(node, t).length > 0;
  }
}

/** Whether `post` matches the parsed query. */
export function evaluateQuery(node: QueryNode, post: MatchablePost): boolean {
  return evaluate(node, post, tokenize(post.text));
}
