/**
 * Changes the status, assignee or tags of items of the workspace, all or none: every id must be an
 * item of the workspace (else 404 naming the missing ones) and the assignee a member (else 422).
 * Each changed item gets its own audit entry with what it was and what it became.
 */
import type { PoolClient } from '../db/pool.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { AppError } from '../errors.ts';
import type { InboxContext } from './context.ts';
import type { InboxStatus } from './schema.ts';

export interface ItemChange {
  status?: InboxStatus;
  assignee?: string | null;
  /** Replaces the tags. */
  tags?: readonly string[];
  addTags?: readonly string[];
  removeTags?: readonly string[];
}

interface State {
  id: string;
  status: InboxStatus;
  assignee_id: string | null;
  tags: string[];
}

/** Answers how many items changed. */
export async function applyItemChanges(
  tx: PoolClient,
  ctx: InboxContext,
  ids: readonly string[],
  change: ItemChange,
  reason?: string,
): Promise<number> {
  if (change.assignee) {
    const { rowCount } = await tx.query('SELECT 1 FROM memberships WHERE workspace_id = $1 AND user_id = $2', [
      ctx.workspaceId,
      change.assignee,
    ]);
    if (!rowCount)
      throw new AppError('inbox.not_a_member', 'Items can be assigned to members of this workspace only.', 422, {
        assignee: change.assignee,
      });
  }
  const unique = [...new Set(ids)];
  const { rows } = await tx.query<State>(
    'SELECT id, status, assignee_id, tags FROM inbox_items WHERE workspace_id = $1 AND id = ANY($2::uuid[]) ORDER BY id FOR UPDATE',
    [ctx.workspaceId, unique],
  );
  if (rows.length !== unique.length) {
    const found = new Set(rows.map((r) => r.id));
    const missing = unique.filter((id) => !found.has(id));
    throw new AppError('inbox_item.not_found', `No inbox item with id "${missing[0]}" in this workspace.`, 404, { ids: missing });
  }
  let changed = 0;
  for (const r of rows) {
    let tags = change.tags ? [...new Set(change.tags)] : [...r.tags];
    if (change.addTags) tags = [...new Set([...tags, ...change.addTags])];
    if (change.removeTags) tags = tags.filter((t) => !change.removeTags!.includes(t));
    if (tags.length > 20) throw new AppError('inbox.too_many_tags', 'An item has at most 20 tags.', 422, { id: r.id });
    const after: State = {
      id: r.id,
      status: change.status ?? r.status,
      assignee_id: change.assignee === undefined ? r.assignee_id : change.assignee,
      tags,
    };
    const before: Partial<State> = {};
    const now: Partial<State> = {};
    for (const k of ['status', 'assignee_id', 'tags'] as const) {
      if (JSON.stringify(r[k]) !== JSON.stringify(after[k])) {
        (before as Record<string, unknown>)[k] = r[k];
        (now as Record<string, unknown>)[k] = after[k];
      }
    }
    if (Object.keys(now).length === 0) continue;
    await tx.query(
      `UPDATE inbox_items SET status = $2, assignee_id = $3, tags = $4, updated_at = now(),
              closed_at = CASE WHEN $2 = 'closed' THEN coalesce(closed_at, now()) ELSE NULL END
        WHERE id = $1`,
      [r.id, after.status, after.assignee_id, after.tags],
    );
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'inbox.update',
      entityType: 'inbox_item',
      entityId: r.id,
      before,
      after: now,
      ...(reason ? { reason } : {}),
    });
    changed++;
  }
  return changed;
}
