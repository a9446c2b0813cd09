/**
 * Disconnects a channel. Its posts are not touched: variants scheduled on that channel stay
 * scheduled, and if the channel is still unconnected when one comes due, the publishing worker
 * (src/scheduler/worker-publish.ts) finds no connection for (workspace, strategy, channel) and FAILS
 * that variant — no retry — with "No account is connected to channel "<channel>".", records
 * `post.variant_failed` in the audit log and notifies the post's author (`publish_failed`).
 * Connecting the channel again before the due time (a new connection) is enough for them to go out.
 * The answer warns about those variants so the UI can say so before they fail.
 */
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { auditView, loadConnection } from './connection-store.ts';
import type { ConnectionContext } from './context.ts';

export interface DeleteWarning {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

export async function deleteConnection(
  pool: Pool,
  ctx: Omit<ConnectionContext, 'registry'>,
  id: string,
  reason?: string,
): Promise<{ deleted: string; warnings: DeleteWarning[] }> {
  return withTransaction(pool, async (tx) => {
    const before = await loadConnection(tx, ctx.workspaceId, id, { lock: true });
    await tx.query('DELETE FROM channel_connections WHERE workspace_id = $1 AND id = $2', [ctx.workspaceId, before.id]);
    const { rows } = await tx.query<{ post_id: string; due_at: Date }>(
      `SELECT v.post_id, v.due_at FROM post_variants v JOIN posts p ON p.id = v.post_id
        WHERE p.workspace_id = $1 AND p.strategy_id = $2 AND p.deleted_at IS NULL
          AND v.channel_id = $3 AND v.state IN ('scheduled', 'publishing')
        ORDER BY v.due_at`,
      [ctx.workspaceId, before.strategy_id, before.channel_id],
    );
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'connection.delete',
      entityType: 'connection',
      entityId: before.id,
      before: auditView(before),
      after: rows.length ? { scheduledVariantsLeft: rows.length } : undefined,
      reason,
    });
    const warnings: DeleteWarning[] = [];
    if (rows.length) {
      warnings.push({
        code: 'connection.scheduled_posts_unconnected',
        message:
          `${rows.length} scheduled post(s) on channel "${before.channel_id}" stay scheduled, but will fail at their time ` +
          `("No account is connected to channel") unless the channel is connected again before then.`,
        details: {
          channel: before.channel_id,
          strategy: before.strategy_id,
          count: rows.length,
          posts: [...new Set(rows.map((r) => r.post_id))],
          firstDueAt: rows[0]!.due_at.toISOString(),
        },
      });
    }
    return { deleted: before.id, warnings };
  });
}
