/**
 * The parsed form of a listening query. Every word in it is already folded (see tokenize.ts), so
 * evaluation compares folded text with folded text.
 */

/** A single word, URL or emoji token. */
export interface TermNode {
  type: 'term';
  word: string;
}
/** Words in this order, adjacent. */
export interface PhraseNode {
  type: 'phrase';
  words: string[];
}
/** A word with `*` (zero or more word characters, only at the end) and/or `?` (exactly one). */
export interface WildcardNode {
  type: 'wildcard';
  /** The folded pattern, e.g. `colo?r` or `brew*`. */
  pattern: string;
  /** The literal letters before the first wildcard (at least three). */
  prefix: string;
}
/** `#tag` or `@handle`, matched exactly (folded). */
export interface TagNode {
  type: 'tag';
  tag: string;
}
export type PositionalNode = TermNode | PhraseNode | WildcardNode | TagNode;

/** `left NEAR/n right`: at most `distance` other tokens between them; `ordered` (NEAR/nf): left first. */
export interface NearNode {
  type: 'near';
  left: PositionalNode;
  right: PositionalNode;
  distance: number;
  ordered: boolean;
}
export interface FieldNode {
  type: 'field';
  field: 'author' | 'lang' | 'channel' | 'site';
  value: string;
}
export interface HasNode {
  type: 'has';
  what: 'link' | 'media';
}
export interface AndNode {
  type: 'and';
  children: QueryNode[];
}
export interface OrNode {
  type: 'or';
  children: QueryNode[];
}
export interface NotNode {
  type: 'not';
  child: QueryNode;
}

export type QueryNode = PositionalNode | NearNode | FieldNode | HasNode | AndNode | OrNode | NotNode;
