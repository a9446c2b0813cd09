/** A comment in a post's review thread, by anyone who may write or approve posts; audited as `post.comment`. */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { loadPost, type PostContext } from './post-store.ts';
import type { PostComment } from './schema.ts';

export async function addPostComment(pool: Pool, ctx: PostContext, postId: string, body: string): Promise<PostComment> {
  return withTransaction(pool, async (tx) => {
    await loadPost(tx, ctx.workspaceId, postId);
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
    return { id: row.id, kind: 'comment', body, authorId: ctx.actor.userId, authorName: ctx.actor.name, createdAt: row.created_at.toISOString() };
  });
}
