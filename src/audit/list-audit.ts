import type { Queryable } from '../db/pool.ts';
import type { AuditRecord } from './schema.ts';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  /** Entries older than this id (the previous page's `nextBefore`). */
  before?: number;
  limit: number;
}

/** Newest first, keyset-paginated by id. */
export async function listAudit(
  q: Queryable,
  workspaceId: string,
  f: AuditFilter,
): Promise<{ entries: AuditRecord[]; nextBefore: number | null }> {
  const { rows } = await q.query(
    `SELECT id, at, actor, actor_id, action, entity_type, entity_id, before, after, reason FROM audit_log
      WHERE workspace_id = $1 AND ($2::text IS NULL OR entity_type = $2) AND ($3::text IS NULL OR entity_id = $3)
        AND ($4::bigint IS NULL OR id < $4)
      ORDER BY id DESC LIMIT $5`,
    [workspaceId, f.entityType ?? null, f.entityId ?? null, f.before ?? null, f.limit + 1],
  );
  const entries = rows.slice(0, f.limit).map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    actor: r.actor,
    actorId: r.actor_id,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    before: r.before,
    after: r.after,
    reason: r.reason,
  }));
  return { entries, nextBefore: rows.length > f.limit ? entries[entries.length - 1]!.id : null };
}
