/**
 * Deletes a post softly: `deleted_at` is set (the post disappears from every list and answers 404),
 * every variant not yet published is cancelled with a new schedule token (a queued job finds nothing
 * to send), and the audit log keeps the whole post as it was. A post being sent right now cannot be
 * deleted until that outcome is known (409 `post.publishing`). Published variants stay published on
 * the network: deleting here does not delete remotely.
 */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { assertNotPublishing, auditView, checkVersion, loadPost, unscheduleVariants, type PostContext } from './post-store.ts';

export async function deletePost(
  pool: Pool,
  ctx: PostContext,
  postId: string,
  input: { reason?: string } = {},
  expectedVersion?: number,
): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const before = await loadPost(tx, ctx.workspaceId, postId, true);
    checkVersion(before.post, expectedVersion);
    assertNotPublishing(before);
    await unscheduleVariants(tx, postId, 'cancelled');
    await tx.query(
      `UPDATE posts SET deleted_at = now(), updated_at = now(), version = version + 1,
              state = CASE WHEN state = 'scheduled' THEN 'cancelled' ELSE state END
        WHERE id = $1`,
      [postId],
    );
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'post.delete',
      entityType: 'post',
      entityId: postId,
      before: auditView(before),
      reason: input.reason,
    });
  });
}
