import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import type { ListeningContext } from './context.ts';
import type { CreateSourceBody, SourceView } from './schema.ts';
import { loadSource } from './source-store.ts';

/** Adds a source; the worker starts reading it (a stream at once, a feed or timeline at its next poll). */
export async function createSource(pool: Pool, ctx: ListeningContext, body: CreateSourceBody): Promise<SourceView> {
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO listening_sources (workspace_id, kind, name, config, enabled, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [ctx.workspaceId, body.kind, body.name, JSON.stringify(body.config), body.enabled, ctx.actor.userId],
    );
    const source = await loadSource(tx, ctx.workspaceId, rows[0]!.id);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'listening_source.create',
      entityType: 'listening_source',
      entityId: source.id,
      after: source,
    });
    return source;
  });
}
