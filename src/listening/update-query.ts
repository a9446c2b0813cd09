import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import type { ListeningContext } from './context.ts';
import { rematchQuery } from './rematch-query.ts';
import { loadQuery, nameTaken, requireParsable, requireStrategy } from './query-store.ts';
import type { QueryView, UpdateQueryBody } from './schema.ts';

/**
 * Changes a query's fields (a new query text must parse); archived queries are read-only (409). A
 * changed text re-matches the recent history (rematch-query.ts).
 */
export async function updateQuery(pool: Pool, ctx: ListeningContext, id: string, body: UpdateQueryBody): Promise<QueryView> {
  if (body.query !== undefined) requireParsable(body.query);
  return withTransaction(pool, async (tx) => {
    const before = await loadQuery(tx, ctx.workspaceId, id, true);
    if (before.archivedAt !== null)
      throw new AppError('listening.query_archived', 'This query is archived: it no longer matches and cannot be changed.', 409, { id });
    await requireStrategy(tx, ctx.workspaceId, body.strategy);
    await tx
      .query(
        `UPDATE listening_queries
            SET name = coalesce($3, name), query = coalesce($4, query),
                topic = CASE WHEN $5::boolean THEN $6 ELSE topic END,
                role = coalesce($7, role),
                strategy_id = CASE WHEN $8::boolean THEN $9 ELSE strategy_id END,
                needs_response = coalesce($10, needs_response), updated_at = clock_timestamp()
          WHERE workspace_id = $1 AND id = $2`,
        [
          ctx.workspaceId,
          id,
          body.name ?? null,
          body.query ?? null,
          body.topic !== undefined,
          body.topic ?? null,
          body.role ?? null,
          body.strategy !== undefined,
          body.strategy ?? null,
          body.needsResponse ?? null,
        ],
      )
      .catch((e: unknown) => {
        throw nameTaken(e, body.name ?? before.name);
      });
    if (body.query !== undefined && body.query !== before.query) await rematchQuery(tx, ctx.workspaceId, { id, query: body.query });
    const after = await loadQuery(tx, ctx.workspaceId, id);
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'listening_query.update',
      entityType: 'listening_query',
      entityId: id,
      before,
      after,
    });
    return after;
  });
}
