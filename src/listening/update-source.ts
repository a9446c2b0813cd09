import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import type { ListeningContext } from './context.ts';
import type { SourceView, UpdateSourceBody } from './schema.ts';
import { loadSource, parseSourceConfig } from './source-store.ts';

/**
 * Renames, enables or disables a source, or replaces its config. A new config starts it afresh:
 * the cursor of another stream or feed means nothing here, and its last error is cleared.
 */
export async function updateSource(pool: Pool, ctx: ListeningContext, id: string, body: UpdateSourceBody): Promise<SourceView> {
  return withTransaction(pool, async (tx) => {
    const before = await loadSource(tx, ctx.workspaceId, id, true);
    const config = body.config === undefined ? null : parseSourceConfig(before.kind, body.config);
    await tx.query(
      `UPDATE listening_sources
          SET name = coalesce($3, name), enabled = coalesce($4, enabled),
              config = coalesce($5, config),
              cursor = CASE WHEN $5::jsonb IS NULL THEN cursor END,
              status = CASE WHEN $5::jsonb IS NULL AND coalesce($4, enabled) THEN status ELSE 'idle' END,
              last_error = CASE WHEN $5::jsonb IS NULL THEN last_error END,
              updated_at = clock_timestamp()
        WHERE workspace_id = $1 AND id = $2`,
      [ctx.workspaceId, id, body.name ?? null, body.enabled ?? null, config === null ? null : JSON.stringify(config)],
    );
    const after = await loadSource(tx, ctx.workspaceId, id);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'listening_source.update',
      entityType: 'listening_source',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
