/**
 * PURE — the life of a post: idea → draft → in_review → approved → scheduled → publishing →
 * published | failed | cancelled.
 *
 * One table says, for every action, from which state to which, who may do it (`content.write` or
 * `content.approve`) and whether it depends on the workspace requiring approval:
 * - with approval required (the default), only an approved post can be scheduled, and editing the
 *   content of an approved or scheduled post sends it back to review;
 * - without it, a draft can be scheduled directly by a writer, and edits keep the state.
 * `publishing`, `published` and `failed` are reached only by the publishing worker (`by: 'worker'`);
 * the API can never move a post into or out of `publishing`.
 */
import { AppError } from '../errors.ts';
import type { Permission } from '../workspace/policy.ts';

export const POST_STATES = [
  'idea',
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'cancelled',
] as const;
export type PostState = (typeof POST_STATES)[number];

export const POST_ACTIONS = ['develop', 'submit', 'approve', 'reject', 'schedule', 'reschedule', 'edit', 'cancel', 'reopen'] as const;
/** What a person does through the API. */
export type PostAction = (typeof POST_ACTIONS)[number];
/** What the publishing worker does (never reachable through the API). */
export type WorkerAction = 'claim' | 'publish' | 'fail' | 'retry' | 'miss';

export type ApprovalCondition = 'any' | 'required' | 'not_required';

export interface Transition {
  action: PostAction | WorkerAction;
  from: PostState;
  to: PostState;
  by: 'api' | 'worker';
  /** Permission the caller needs (API transitions only). */
  permission?: Extract<Permission, 'content.write' | 'content.approve'>;
  /** Whether the transition exists only when the workspace requires approval, only when it does not, or always. */
  approval: ApprovalCondition;
}

const W = 'content.write' as const;
const A = 'content.approve' as const;
const api = (
  action: PostAction,
  from: PostState,
  to: PostState,
  permission: typeof W | typeof A,
  approval: ApprovalCondition = 'any',
): Transition => ({
  action,
  from,
  to,
  by: 'api',
  permission,
  approval,
});
const worker = (action: WorkerAction, from: PostState, to: PostState): Transition => ({ action, from, to, by: 'worker', approval: 'any' });

/** The only states in which a post can be cancelled: before it left for the network. */
const CANCELLABLE: PostState[] = ['idea', 'draft', 'in_review', 'approved', 'scheduled', 'failed'];

export const TRANSITIONS: readonly Transition[] = [
  api('develop', 'idea', 'draft', W),
  api('submit', 'draft', 'in_review', W),
  api('approve', 'in_review', 'approved', A),
  api('reject', 'in_review', 'draft', A),
  api('schedule', 'approved', 'scheduled', W),
  api('schedule', 'draft', 'scheduled', W, 'not_required'),
  // A failed post was scheduled once (so approved, if approval was required); editing it makes it a draft.
  api('schedule', 'failed', 'scheduled', W),
  api('reschedule', 'scheduled', 'scheduled', W),
  api('edit', 'idea', 'idea', W),
  api('edit', 'draft', 'draft', W),
  api('edit', 'in_review', 'in_review', W),
  api('edit', 'approved', 'in_review', W, 'required'),
  api('edit', 'approved', 'approved', W, 'not_required'),
  api('edit', 'scheduled', 'in_review', W, 'required'),
  api('edit', 'scheduled', 'scheduled', W, 'not_required'),
  api('edit', 'failed', 'draft', W),
  ...CANCELLABLE.map((from) => api('cancel', from, 'cancelled', W)),
  api('reopen', 'cancelled', 'draft', W),
  worker('claim', 'scheduled', 'publishing'),
  worker('publish', 'publishing', 'published'),
  worker('fail', 'publishing', 'failed'),
  worker('retry', 'publishing', 'scheduled'),
  // Due too long ago (downtime beyond the grace period) or no longer publishable at run time.
  worker('miss', 'scheduled', 'failed'),
];

export interface TransitionContext {
  /** The workspace's `require_approval`. */
  requireApproval: boolean;
  /** Whether the caller's role grants a permission (`can(role, p)`). */
  can: (permission: Permission) => boolean;
}

const applies = (t: Transition, requireApproval: boolean) => t.approval === 'any' || (t.approval === 'required') === requireApproval;

/** Actions a caller could take on a post in `from` (for the UI's buttons). */
export function availableActions(from: PostState, ctx: TransitionContext): PostAction[] {
  return POST_ACTIONS.filter((action) =>
    TRANSITIONS.some(
      (t) => t.by === 'api' && t.action === action && t.from === from && applies(t, ctx.requireApproval) && ctx.can(t.permission!),
    ),
  );
}

const invalid = (from: PostState, to: PostState | null, action: PostAction | null, ctx: TransitionContext) => {
  const allowed = availableActions(from, { ...ctx, can: () => true });
  const what = action ? `cannot ${action === 'edit' ? 'be edited' : `be ${PAST[action]}`}` : `cannot become ${to}`;
  return new AppError(
    'post.invalid_transition',
    `A post that is ${from.replace('_', ' ')} ${what}${allowed.length ? `; from ${from} it can be: ${allowed.join(', ')}` : `: ${from} is final here`}.`,
    409,
    { from, to, action, allowed },
  );
};

const PAST: Record<PostAction, string> = {
  develop: 'developed into a draft',
  submit: 'submitted for review',
  approve: 'approved',
  reject: 'rejected',
  schedule: 'scheduled',
  reschedule: 'rescheduled',
  edit: 'edited',
  cancel: 'cancelled',
  reopen: 'reopened',
};

function check(
  candidates: Transition[],
  from: PostState,
  to: PostState | null,
  action: PostAction | null,
  ctx: TransitionContext,
): Transition {
  if (candidates.length === 0) throw invalid(from, to, action, ctx);
  const t = candidates.find((c) => applies(c, ctx.requireApproval));
  if (!t) {
    // Only scheduling is blocked *by* approval (a draft scheduled straight away); other moves that
    // depend on the setting (an edit keeping a post approved) simply do not exist here.
    if (!candidates.some((c) => c.action === 'schedule' && c.approval === 'not_required' && ctx.requireApproval)) {
      throw invalid(from, to, action, ctx);
    }
    throw new AppError(
      'post.approval_required',
      `This workspace requires approval: a ${from.replace('_', ' ')} post cannot be ${action ? PAST[action] : `made ${to}`}. Submit it for review and have it approved first.`,
      409,
      { from, to, action },
    );
  }
  if (!ctx.can(t.permission!)) {
    throw new AppError('auth.forbidden', `Your role does not allow ${t.permission} (needed to ${t.action} a post).`, 403, {
      permission: t.permission,
    });
  }
  return t;
}

/**
 * The state `action` moves a post in `from` to, or a coded error: 409 `post.invalid_transition`
 * (no such move from this state), 409 `post.approval_required` (the move needs the workspace not to
 * require approval), 403 `auth.forbidden` (the caller's role lacks the permission).
 */
export function planTransition(action: PostAction, from: PostState, ctx: TransitionContext): PostState {
  const candidates = TRANSITIONS.filter((t) => t.by === 'api' && t.action === action && t.from === from);
  return check(candidates, from, null, action, ctx).to;
}

/** The same check by states (the calendar asks "may this card move there?"); returns the action. */
export function assertTransition(from: PostState, to: PostState, ctx: TransitionContext): PostAction {
  const candidates = TRANSITIONS.filter((t) => t.by === 'api' && t.from === from && t.to === to);
  // With several actions between the same states, prefer the one that applies here.
  const applicable = candidates.filter((t) => applies(t, ctx.requireApproval));
  return check(applicable.length ? applicable : candidates, from, to, null, ctx).action as PostAction;
}

/**
 * Four eyes: where the workspace requires approval, none of a post's authors may approve it — owners
 * included — unless the workspace allows self-approval (a one-person team). Without required
 * approval an author could schedule the post directly, so approving it themselves hides nothing.
 */
export function isSelfApproval(
  authors: readonly (string | null)[],
  userId: string,
  rules: { requireApproval: boolean; allowSelfApproval: boolean },
): boolean {
  return rules.requireApproval && !rules.allowSelfApproval && authors.includes(userId);
}
