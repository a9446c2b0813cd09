/**
 * A comment in a post's review thread, by anyone who may write or approve posts; audited as
 * `post.comment`; the post's authors are notified (notify-review.ts).
 */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { notifyReview } from './notify-review.ts';
import { findStrategy } from '../plan-store/store.ts';
import { loadPost, workspaceSettings, type PostContext } from './post-store.ts';
import type { PostComment } from './schema.ts';

export async function addPostComment(pool: Pool, ctx: PostContext, postId: string, body: string): Promise<PostComment> {
  return withTransaction(pool, async (tx) => {
    const record = await loadPost(tx, ctx.workspaceId, postId);
    const { rows } = await tx.query<{ id: number; created_at: Date }>(
      `INSERT INTO post_comments (post_id, author_id, kind, body) VALUES ($1, $2, 'comment', $3) RETURNING id, created_at`,
      [postId, ctx.actor.userId, body],
    );
    const row = rows[0]!;
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'post.comment',
      entityType: 'post',
      entityId: postId,
      after: { comment: row.id, body },
    });
    // Named by its id should the strategy be gone (a comment never fails for want of a name).
    const strategy = (await findStrategy(tx, ctx.workspaceId, record.post.strategy_id))?.doc ?? { name: record.post.strategy_id };
    const settings = await workspaceSettings(tx, ctx.workspaceId);
    await notifyReview(tx, { workspaceId: ctx.workspaceId, actor: ctx.actor, event: 'comment', record, strategy, settings, comment: body });
    return {
      id: row.id,
      kind: 'comment',
      body,
      authorId: ctx.actor.userId,
      authorName: ctx.actor.name,
      createdAt: row.created_at.toISOString(),
    };
  });
}
