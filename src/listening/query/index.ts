/** The listening query language: parse, check and evaluate (pure; README "Listening queries"). */
export type { QueryNode } from './ast.ts';
export { type MatchablePost, evaluateQuery } from './evaluate.ts';
export { checkQuery, parseQuery } from './parse.ts';
export { QuerySyntaxError } from './syntax-error.ts';
