import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { can, type Role } from '../workspace/policy.ts';
import {
  assertTransition,
  availableActions,
  isSelfApproval,
  planTransition,
  POST_ACTIONS,
  POST_STATES,
  TRANSITIONS,
  type PostState,
  type TransitionContext,
} from './state-machine.ts';

const as = (role: Role, requireApproval: boolean): TransitionContext => ({ requireApproval, can: (p) => can(role, p) });

/** Every move a person can make through the API, written out independently of the table under test. */
const LEGAL_WITH_APPROVAL = `
  idea>idea idea>draft idea>cancelled
  draft>draft draft>in_review draft>cancelled
  in_review>in_review in_review>approved in_review>draft in_review>cancelled
  approved>scheduled approved>in_review approved>cancelled
  scheduled>scheduled scheduled>in_review scheduled>cancelled
  failed>scheduled failed>draft failed>cancelled
  cancelled>draft`;
const LEGAL_WITHOUT_APPROVAL = `
  idea>idea idea>draft idea>cancelled
  draft>draft draft>in_review draft>scheduled draft>cancelled
  in_review>in_review in_review>approved in_review>draft in_review>cancelled
  approved>approved approved>scheduled approved>cancelled
  scheduled>scheduled scheduled>cancelled
  failed>scheduled failed>draft failed>cancelled
  cancelled>draft`;
const pairs = (s: string) => new Set(s.trim().split(/\s+/));

const errorOf = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
};

const ALL_PAIRS = POST_STATES.flatMap((from) => POST_STATES.map((to) => [from, to] as [PostState, PostState]));

describe.each([
  ['approval required', true, LEGAL_WITH_APPROVAL],
  ['approval not required', false, LEGAL_WITHOUT_APPROVAL],
])('every pair of states, %s (as owner)', (_name, requireApproval, legal) => {
  const allowed = pairs(legal);

  it.each(ALL_PAIRS)('%s → %s', (from, to) => {
    const ctx = as('owner', requireApproval);
    if (allowed.has(`${from}>${to}`)) {
      expect(POST_ACTIONS).toContain(assertTransition(from, to, ctx));
      return;
    }
    const e = errorOf(() => assertTransition(from, to, ctx));
    // The one refusal that is about the workspace setting, not the state: scheduling an unapproved draft.
    const expected = requireApproval && from === 'draft' && to === 'scheduled' ? 'post.approval_required' : 'post.invalid_transition';
    expect(e.code).toBe(expected);
    expect(e.status).toBe(409);
  });

  it('reaches exactly the legal pairs through the actions', () => {
    const reached = new Set<string>();
    for (const from of POST_STATES) {
      for (const action of POST_ACTIONS) {
        try {
          reached.add(`${from}>${planTransition(action, from, as('owner', requireApproval))}`);
        } catch (e) {
          expect(['post.invalid_transition', 'post.approval_required']).toContain((e as AppError).code);
        }
      }
    }
    expect([...reached].sort()).toEqual([...allowed].sort());
  });
});

describe('post state machine', () => {
  it('never lets the API move a post into or out of publishing, published or failed-by-worker', () => {
    for (const [from, to] of [
      ['scheduled', 'publishing'],
      ['publishing', 'published'],
      ['publishing', 'failed'],
      ['publishing', 'scheduled'],
      ['scheduled', 'failed'],
    ] as const) {
      expect(TRANSITIONS.some((t) => t.from === from && t.to === to && t.by === 'worker')).toBe(true);
      for (const requireApproval of [true, false])
        expect(errorOf(() => assertTransition(from, to, as('owner', requireApproval))).code).toBe('post.invalid_transition');
    }
    for (const state of ['publishing', 'published'] as const) {
      for (const action of POST_ACTIONS)
        expect(errorOf(() => planTransition(action, state, as('owner', false))).code).toBe('post.invalid_transition');
    }
  });

  it('only approved posts can be scheduled where approval is required', () => {
    const e = errorOf(() => planTransition('schedule', 'draft', as('owner', true)));
    expect(e).toMatchObject({ code: 'post.approval_required', status: 409 });
    expect(planTransition('schedule', 'approved', as('editor', true))).toBe('scheduled');
    expect(planTransition('schedule', 'draft', as('editor', false))).toBe('scheduled');
    for (const from of ['idea', 'in_review', 'cancelled'] as const) {
      expect(errorOf(() => planTransition('schedule', from, as('owner', false))).code).toBe('post.invalid_transition');
    }
  });

  it('editing approved or scheduled content sends it back to review only where approval is required', () => {
    expect(planTransition('edit', 'approved', as('editor', true))).toBe('in_review');
    expect(planTransition('edit', 'scheduled', as('editor', true))).toBe('in_review');
    expect(planTransition('edit', 'approved', as('editor', false))).toBe('approved');
    expect(planTransition('edit', 'scheduled', as('editor', false))).toBe('scheduled');
    expect(planTransition('edit', 'failed', as('editor', true))).toBe('draft');
  });

  it('asks content.approve to approve and reject, content.write for the rest', () => {
    expect(errorOf(() => planTransition('approve', 'in_review', as('editor', true)))).toMatchObject({
      code: 'auth.forbidden',
      status: 403,
    });
    expect(errorOf(() => planTransition('reject', 'in_review', as('editor', true))).code).toBe('auth.forbidden');
    expect(planTransition('approve', 'in_review', as('approver', true))).toBe('approved');
    expect(errorOf(() => planTransition('submit', 'draft', as('approver', true))).code).toBe('auth.forbidden');
    expect(errorOf(() => planTransition('schedule', 'approved', as('approver', true))).code).toBe('auth.forbidden');
    expect(errorOf(() => planTransition('submit', 'draft', as('viewer', true))).code).toBe('auth.forbidden');
  });

  it('lists the actions open to a role for the UI', () => {
    expect(availableActions('in_review', as('approver', true))).toEqual(['approve', 'reject']);
    expect(availableActions('in_review', as('editor', true))).toEqual(['edit', 'cancel']);
    expect(availableActions('draft', as('editor', true))).toEqual(['submit', 'edit', 'cancel']);
    expect(availableActions('draft', as('editor', false))).toEqual(['submit', 'schedule', 'edit', 'cancel']);
    expect(availableActions('published', as('owner', true))).toEqual([]);
  });

  it('explains a refusal with the moves that are possible', () => {
    const e = errorOf(() => planTransition('approve', 'draft', as('owner', true)));
    expect(e.message).toMatch(/draft cannot be approved; from draft it can be: submit, edit, cancel/);
    expect(e.details).toMatchObject({ from: 'draft', action: 'approve', allowed: ['submit', 'edit', 'cancel'] });
  });
});

describe('four eyes', () => {
  const author = 'u-author';
  const editorAfter = 'u-editor';
  const rules = (requireApproval: boolean, allowSelfApproval: boolean) => ({ requireApproval, allowSelfApproval });

  it('refuses any author where approval is required, unless the workspace allows self-approval', () => {
    const authors = [author, editorAfter];
    expect(isSelfApproval(authors, author, rules(true, false))).toBe(true);
    expect(isSelfApproval(authors, editorAfter, rules(true, false))).toBe(true);
    expect(isSelfApproval(authors, 'u-other', rules(true, false))).toBe(false);
    expect(isSelfApproval(authors, author, rules(true, true))).toBe(false);
    // Without required approval an author may schedule directly: approving adds nothing to hide.
    expect(isSelfApproval(authors, author, rules(false, false))).toBe(false);
    // An author who has left (null) is nobody.
    expect(isSelfApproval([null, null], author, rules(true, false))).toBe(false);
  });
});
