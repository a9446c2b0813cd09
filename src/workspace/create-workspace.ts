import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { presentWorkspace, workspaceColumns, type WorkspaceRow } from './present.ts';
import { isUuid } from '../db/uuid.ts';
import { slugFromName, slugWithSuffix } from './refs.ts';
import { normalizeTimezone } from './timezone.ts';
import { invalidTimezone } from './update-workspace.ts';
import type { CreateWorkspaceBody, WorkspaceWithRole } from './schema.ts';

type Row = WorkspaceRow;

interface Fields {
  name: string;
  userId: string;
  timezone: string;
}

/** Inserts the workspace unless the slug is taken (then null; waits out a concurrent insert of it). */
async function tryInsert(tx: PoolClient, slug: string, fields: Fields): Promise<Row | null> {
  const { rows } = await tx.query<Row>(
    `INSERT INTO workspaces (slug, name, created_by, timezone) VALUES ($1, $2, $3, $4)
     ON CONFLICT (slug) DO NOTHING RETURNING ${workspaceColumns('workspaces')}`,
    [slug, fields.name, fields.userId, fields.timezone],
  );
  return rows[0] ?? null;
}

const BATCH = 50;

/** The first free slug among `base`, `base-2`, `base-3`…, probed 50 at a time. */
async function insertWithDerivedSlug(tx: PoolClient, base: string, fields: Fields): Promise<Row> {
  for (let from = 1; ; from += BATCH) {
    const candidates: string[] = [];
    for (let n = from; n < from + BATCH; n++) candidates.push(n === 1 ? base : slugWithSuffix(base, n));
    const { rows } = await tx.query<{ slug: string }>('SELECT slug FROM workspaces WHERE slug = ANY($1)', [candidates]);
    const taken = new Set(rows.map((r) => r.slug));
    for (const slug of candidates) {
      if (taken.has(slug) || isUuid(slug)) continue;
      // Lost a race for this slug: carry on with the next candidate.
      const row = await tryInsert(tx, slug, fields);
      if (row) return row;
    }
  }
}

/**
 * Creates a workspace with the caller as its owner, in the given IANA time zone (UTC by default; an
 * unknown zone → 400 `workspace.invalid_timezone`). An explicit slug that is taken → 409 `workspace.slug_taken`.
 */
export async function createWorkspace(pool: Pool, actor: Actor, input: CreateWorkspaceBody): Promise<WorkspaceWithRole> {
  if (input.slug !== undefined && isUuid(input.slug)) {
    throw new AppError('workspace.invalid_slug', 'A slug cannot look like a workspace id (a uuid).', 400, { slug: input.slug });
  }
  const timezone = input.timezone === undefined ? 'UTC' : normalizeTimezone(input.timezone);
  if (timezone === null) throw invalidTimezone(input.timezone!);
  const fields: Fields = { name: input.name, userId: actor.userId, timezone };
  return withTransaction(pool, async (tx) => {
    let row: Row | null;
    if (input.slug !== undefined) {
      row = await tryInsert(tx, input.slug, fields);
      if (!row) {
        throw new AppError('workspace.slug_taken', `The slug "${input.slug}" is taken; choose another.`, 409, { slug: input.slug });
      }
    } else {
      row = await insertWithDerivedSlug(tx, slugFromName(input.name), fields);
    }
    await tx.query(`INSERT INTO memberships (workspace_id, user_id, role) VALUES ($1, $2, 'owner')`, [row.id, actor.userId]);
    await recordAudit(tx, {
      workspaceId: row.id,
      actor,
      action: 'workspace.create',
      entityType: 'workspace',
      entityId: row.id,
      after: { id: row.id, slug: row.slug, name: row.name, owner: actor.userId, timezone: row.timezone },
    });
    return presentWorkspace(row, 'owner');
  });
}
