/** Appends one entry to the audit log, inside the caller's transaction so the two never disagree. */
import type { Queryable } from '../db/pool.ts';

/** Who made a change, as the log needs it (an auth Actor is one): audit depends on no other feature. */
export interface AuditActor {
  userId: string;
  email: string;
  name?: string;
  via: 'session' | 'token';
}

/** How an actor is named in the audit log. */
const actorLabel = (actor: AuditActor | null): string => (actor ? `${actor.email}${actor.via === 'token' ? ' (token)' : ''}` : 'system');

export interface AuditEntry {
  workspaceId: string | null;
  actor: AuditActor | null;
  /** e.g. `strategy.create`, `campaign.delete`, `member.role_change`. */
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string;
}

export async function recordAudit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q.query(
    `INSERT INTO audit_log (workspace_id, actor_id, actor, action, entity_type, entity_id, before, after, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      entry.workspaceId,
      entry.actor?.userId ?? null,
      actorLabel(entry.actor),
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      entry.reason ?? null,
    ],
  );
}
