/**
 * The review workflow's moves that change only a post's state: develop (idea → draft), submit,
 * approve, reject, cancel and reopen (cancelled → draft). Scheduling lives in schedule-post.ts,
 * editing in update-post.ts. Each move is checked against the state machine, written with the post's
 * version bumped, and audited as `post.<action>` with who and why (the comment).
 *
 * - Submitting and approving need publishable content (422 `post.content_invalid`).
 * - Approve and reject write to the post's review thread; reject needs a comment.
 * - **Four eyes**: where approval is required, the post's creator and the last person to change its
 *   content get 403 `post.self_approval` — owners included — unless the workspace allows
 *   self-approval (`allowSelfApproval`, for a one-person team).
 * - Submitting notifies the approvers; approving and rejecting notify the post's authors
 *   (notify-review.ts), in the same transaction.
 * - Cancelling takes every variant that is not yet published off the schedule (state `cancelled`,
 *   new schedule token): a queued job finds nothing to send.
 */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import {
  assertNotPublishing,
  assertPublishable,
  auditView,
  bumpPost,
  loadPost,
  mayNotApprove,
  openPostForChange,
  type PostContext,
  presentPost,
  unscheduleVariants,
} from './post-store.ts';
import { notifyReview } from './notify-review.ts';
import type { PostView } from './schema.ts';
import { planTransition, type PostAction } from '../content/state-machine.ts';

export type StateAction = Extract<PostAction, 'develop' | 'submit' | 'approve' | 'reject' | 'cancel' | 'reopen'>;

const COMMENT_KIND: Partial<Record<StateAction, 'comment' | 'approval' | 'rejection'>> = {
  submit: 'comment',
  approve: 'approval',
  reject: 'rejection',
};

export async function transitionPost(
  pool: Pool,
  ctx: PostContext,
  postId: string,
  action: StateAction,
  input: { comment?: string } = {},
  expectedVersion?: number,
): Promise<{ post: PostView }> {
  return withTransaction(pool, async (tx) => {
    const { before, post, settings, tctx, strategy } = await openPostForChange(tx, ctx, postId, expectedVersion);
    const to = planTransition(action, post.state, tctx);

    if (action === 'submit' || action === 'approve') assertPublishable(strategy, before.variants, before.media);
    if (action === 'reject' && !input.comment) {
      throw new AppError('post.comment_required', 'Say what should change: rejecting a post needs a comment.', 400, { path: '/comment' });
    }
    if (action === 'approve' && mayNotApprove(post, tctx)) {
      throw new AppError(
        'post.self_approval',
        'You wrote or last edited this post, so another member must approve it (a workspace owner can allow self-approval in the workspace settings).',
        403,
        { role: ctx.role },
      );
    }
    if (action === 'cancel') {
      assertNotPublishing(before);
      await unscheduleVariants(tx, post.id, 'cancelled');
    }
    if (action === 'reopen') await unscheduleVariants(tx, post.id, 'pending');

    await bumpPost(tx, post.id, { state: to });
    const kind = COMMENT_KIND[action];
    if (kind && (input.comment || kind !== 'comment')) {
      await tx.query('INSERT INTO post_comments (post_id, author_id, kind, body) VALUES ($1, $2, $3, $4)', [
        post.id,
        ctx.actor.userId,
        kind,
        input.comment ?? '',
      ]);
    }
    const after = await loadPost(tx, ctx.workspaceId, post.id);
    if (action === 'submit' || action === 'approve' || action === 'reject') {
      await notifyReview(tx, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        event: action,
        record: after,
        strategy,
        settings,
        comment: input.comment,
      });
    }
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: `post.${action}`,
      entityType: 'post',
      entityId: post.id,
      before: action === 'cancel' ? auditView(before) : { state: post.state },
      after: action === 'cancel' ? auditView(after) : { state: to },
      reason: input.comment,
    });
    return { post: presentPost(after, strategy, tctx) };
  });
}
