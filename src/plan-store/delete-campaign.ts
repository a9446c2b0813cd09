import { AppError, notFound } from '../errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { findCampaign, type WriteContext } from './store.ts';

/**
 * Deletes a campaign that no post belongs to (409 `plan.campaign_has_posts` names them). Deleted
 * posts, which still hold a reference in the database, are detached: they answer 404 already, and
 * the audit log keeps each as it was.
 */
export async function deleteCampaign(pool: Pool, ctx: WriteContext, id: string): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const existing = await findCampaign(tx, ctx.workspaceId, id, true);
    if (!existing) throw notFound('campaign', id);
    const { rows: posts } = await tx.query<{ id: string }>(
      'SELECT id FROM posts WHERE workspace_id = $1 AND campaign_id = $2 AND deleted_at IS NULL ORDER BY created_at, id',
      [ctx.workspaceId, id],
    );
    if (posts.length) {
      throw new AppError(
        'plan.campaign_has_posts',
        `Campaign "${id}" still has ${posts.length} post(s); delete them or move them to another campaign first.`,
        409,
        {
          posts: posts.map((p) => p.id),
        },
      );
    }
    await tx.query('UPDATE posts SET campaign_id = NULL WHERE workspace_id = $1 AND campaign_id = $2', [ctx.workspaceId, id]);
    await tx.query('DELETE FROM campaigns WHERE workspace_id = $1 AND id = $2', [ctx.workspaceId, id]);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'campaign.delete',
      entityType: 'campaign',
      entityId: id,
      before: existing.doc,
    });
  });
}
