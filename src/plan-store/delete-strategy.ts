import { AppError, notFound } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { findStrategy, type WriteContext } from './store.ts';

/**
 * Deletes a strategy that has no campaigns and no posts left (409 `plan.strategy_has_campaigns`,
 * `plan.strategy_has_posts`); the audit log keeps the whole document, and each deleted post as it was.
 */
export async function deleteStrategy(pool: Pool, ctx: WriteContext, id: string): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const existing = await findStrategy(tx, ctx.workspaceId, id, true);
    if (!existing) throw notFound('strategy', id);
    const { rows } = await tx.query<{ id: string }>('SELECT id FROM campaigns WHERE workspace_id = $1 AND strategy_id = $2 ORDER BY id', [
      ctx.workspaceId,
      id,
    ]);
    if (rows.length) {
      throw new AppError(
        'plan.strategy_has_campaigns',
        `Strategy "${id}" still has ${rows.length} campaign(s); delete or move them first.`,
        409,
        { campaigns: rows.map((r) => r.id) },
      );
    }
    const { rows: posts } = await tx.query<{ id: string }>(
      'SELECT id FROM posts WHERE workspace_id = $1 AND strategy_id = $2 AND deleted_at IS NULL ORDER BY created_at, id',
      [ctx.workspaceId, id],
    );
    if (posts.length) {
      throw new AppError('plan.strategy_has_posts', `Strategy "${id}" still has ${posts.length} post(s); delete them first.`, 409, {
        posts: posts.map((p) => p.id),
      });
    }
    // Deleted posts still reference the strategy (a post cannot be without one): they go with it.
    await tx.query('DELETE FROM posts WHERE workspace_id = $1 AND strategy_id = $2', [ctx.workspaceId, id]);
    await tx.query('DELETE FROM strategies WHERE workspace_id = $1 AND id = $2', [ctx.workspaceId, id]);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'strategy.delete',
      entityType: 'strategy',
      entityId: id,
      before: existing.doc,
    });
  });
}
