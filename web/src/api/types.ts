/**
 * The shapes the web app shares with the server's pure models (not routes): plan documents and
 * findings (src/plan/schema.ts, which the web app also runs), and the post state vocabulary.
 * What a route takes and answers is typed by its contract entry, in the resource's module
 * (posts.ts, strategies.ts, workspaces.ts…).
 */
export type { Campaign, Finding, LintResult, Strategy } from '../../../src/plan/schema.ts';
export type { PostAction, PostState } from '../../../src/content/state-machine.ts';
