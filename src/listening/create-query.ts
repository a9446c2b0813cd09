import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import type { ListeningContext } from './context.ts';
import { rematchQuery } from './rematch-query.ts';
import { loadQuery, nameTaken, requireParsable, requireStrategy } from './query-store.ts';
import type { CreateQueryBody, QueryView } from './schema.ts';

/**
 * Saves a query that parses (422 `listening.query_syntax` otherwise) and matches it against the last
 * 30 days of stored mentions (rematch-query.ts), so its history is there at once.
 */
export async function createQuery(pool: Pool, ctx: ListeningContext, body: CreateQueryBody): Promise<QueryView> {
  requireParsable(body.query);
  return withTransaction(pool, async (tx) => {
    await requireStrategy(tx, ctx.workspaceId, body.strategy);
    const { rows } = await tx
      .query<{ id: string }>(
        `INSERT INTO listening_queries (workspace_id, name, query, topic, role, strategy_id, needs_response, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          ctx.workspaceId,
          body.name,
          body.query,
          body.topic ?? null,
          body.role,
          body.strategy ?? null,
          body.needsResponse,
          ctx.actor.userId,
        ],
      )
      .catch((e: unknown) => {
        throw nameTaken(e, body.name);
      });
    await rematchQuery(tx, ctx.workspaceId, { id: rows[0]!.id, query: body.query });
    const query = await loadQuery(tx, ctx.workspaceId, rows[0]!.id);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'listening_query.create',
      entityType: 'listening_query',
      entityId: query.id,
      after: query,
    });
    return query;
  });
}
