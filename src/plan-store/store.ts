/**
 * Reading and writing plan documents. Documents are stored as validated JSONB; JSONB does not keep
 * key order, so every read parses the document again through its schema — that restores the
 * schema's key order (exports stay byte-identical) and guarantees nothing invalid leaves the store.
 */
import { AppError, notFound } from '../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import type { Queryable } from '../db/pool.ts';
import { campaignSchema, strategySchema, type Campaign, type Strategy } from '../plan/schema.ts';
import type { VersionReason } from './schema.ts';
import { readDocuments, type StoredRow } from './doc-cache.ts';

export type Stored<T> = StoredRow<T>;

const parseStrategy = (d: unknown) => strategySchema.parse(d);
const parseCampaign = (d: unknown) => campaignSchema.parse(d);

/** One plan document by id, optionally locked for the rest of the transaction. */
async function findOne<T>(
  q: Queryable,
  table: 'strategies' | 'campaigns',
  parse: (d: unknown) => T,
  workspaceId: string,
  id: string,
  lock: boolean,
): Promise<Stored<T> | null> {
  const rows = await readDocuments(q, {
    table,
    workspaceId,
    ids: [id],
    where: 't.workspace_id = $1 AND t.id = $2',
    params: [workspaceId, id],
    lock,
    parse,
  });
  return rows[0] ?? null;
}

export const findStrategy = (q: Queryable, workspaceId: string, id: string, lock = false): Promise<Stored<Strategy> | null> =>
  findOne(q, 'strategies', parseStrategy, workspaceId, id, lock);

/** Several strategies in one read, by id (those that exist). */
export async function findStrategies(q: Queryable, workspaceId: string, ids: readonly string[]): Promise<Map<string, Stored<Strategy>>> {
  if (ids.length === 0) return new Map();
  const rows = await readDocuments(q, {
    table: 'strategies',
    workspaceId,
    ids,
    where: 't.workspace_id = $1 AND t.id = ANY($2::text[])',
    params: [workspaceId, ids],
    parse: parseStrategy,
  });
  return new Map(rows.map((row) => [row.doc.id, row]));
}

export async function getStrategy(q: Queryable, workspaceId: string, id: string): Promise<Stored<Strategy>> {
  const found = await findStrategy(q, workspaceId, id);
  if (!found) throw notFound('strategy', id);
  return found;
}

export const findCampaign = (q: Queryable, workspaceId: string, id: string, lock = false): Promise<Stored<Campaign> | null> =>
  findOne(q, 'campaigns', parseCampaign, workspaceId, id, lock);

export async function getCampaign(q: Queryable, workspaceId: string, id: string): Promise<Stored<Campaign>> {
  const found = await findCampaign(q, workspaceId, id);
  if (!found) throw notFound('campaign', id);
  return found;
}

export function listCampaignsOf(q: Queryable, workspaceId: string, strategyId: string): Promise<Stored<Campaign>[]> {
  return readDocuments(q, {
    table: 'campaigns',
    workspaceId,
    list: `of/${strategyId}`,
    where: 't.workspace_id = $1 AND t.strategy_id = $2',
    params: [workspaceId, strategyId],
    orderBy: 't.start_date, t.id',
    parse: parseCampaign,
  });
}

export type WriteMode = 'create' | 'update' | 'upsert';
export type WriteOutcome = 'created' | 'updated' | 'unchanged';

export interface WriteContext {
  workspaceId: string;
  actor: Actor | null;
  /** Optimistic concurrency: the version the caller last read (If-Match). */
  expectedVersion?: number;
  /** Why a strategy's new version exists (kept with it): an edit (default), an import, or an accepted review suggestion. */
  reason?: VersionReason;
  /** The review behind a version of reason 'review'. */
  reviewId?: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function checkWrite(
  kind: 'strategy' | 'campaign',
  id: string,
  mode: WriteMode,
  existing: Stored<unknown> | null,
  expectedVersion?: number,
) {
  if (mode === 'create' && existing) {
    throw new AppError(`plan.${kind}_exists`, `A ${kind} with id "${id}" already exists in this workspace.`, 409, { id });
  }
  if (mode === 'update' && !existing) throw notFound(kind, id);
  if (expectedVersion !== undefined && existing && existing.version !== expectedVersion) {
    throw new AppError(
      'plan.version_conflict',
      `The ${kind} "${id}" changed since version ${expectedVersion} (now ${existing.version}); reload and try again.`,
      409,
      {
        id,
        expected: expectedVersion,
        current: existing.version,
      },
    );
  }
}

/** Inserts or replaces a strategy; must run inside a transaction (the audit entry goes with it). */
export async function writeStrategy(
  q: Queryable,
  ctx: WriteContext,
  doc: Strategy,
  mode: WriteMode,
): Promise<{ outcome: WriteOutcome; version: number }> {
  const existing = await findStrategy(q, ctx.workspaceId, doc.id, true);
  checkWrite('strategy', doc.id, mode, existing, ctx.expectedVersion);
  if (existing && same(existing.doc, doc)) return { outcome: 'unchanged', version: existing.version };
  const columns = [doc.name, doc.organisation, doc.period.start, doc.period.end, JSON.stringify(doc), ctx.actor?.userId ?? null];
  let version = 1;
  if (existing) {
    const { rows } = await q.query<{ version: number }>(
      `UPDATE strategies SET name = $3, organisation = $4, period_start = $5, period_end = $6, document = $7,
              updated_by = $8, updated_at = now(), version = version + 1
        WHERE workspace_id = $1 AND id = $2 RETURNING version`,
      [ctx.workspaceId, doc.id, ...columns],
    );
    version = rows[0]!.version;
  } else {
    await q.query(
      `INSERT INTO strategies (workspace_id, id, name, organisation, period_start, period_end, document, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
      [ctx.workspaceId, doc.id, ...columns],
    );
  }
  // Every stored state is kept as a version, in the same transaction as the save (never overwritten).
  await q.query(
    `INSERT INTO strategy_versions (workspace_id, strategy_id, version, document, created_by, reason, review_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [ctx.workspaceId, doc.id, version, JSON.stringify(doc), ctx.actor?.userId ?? null, ctx.reason ?? 'edit', ctx.reviewId ?? null],
  );
  await recordAudit(q, {
    workspaceId: ctx.workspaceId,
    actor: ctx.actor,
    action: existing ? 'strategy.update' : 'strategy.create',
    entityType: 'strategy',
    entityId: doc.id,
    before: existing?.doc,
    after: doc,
  });
  return { outcome: existing ? 'updated' : 'created', version };
}

export function requireStrategyRef(campaign: Campaign): string {
  if (!campaign.strategy) {
    throw new AppError(
      'plan.campaign_requires_strategy',
      `Campaign "${campaign.id}" names no strategy. A campaign lives inside a strategy: set "strategy" to a strategy id.`,
      422,
      { campaign: campaign.id },
    );
  }
  return campaign.strategy;
}

const unknownStrategy = (campaign: Campaign) =>
  new AppError(
    'plan.campaign_requires_strategy',
    `Campaign "${campaign.id}" names strategy "${campaign.strategy}", which does not exist in this workspace. Create the strategy first.`,
    422,
    { campaign: campaign.id, strategy: campaign.strategy },
  );

/** Inserts or replaces a campaign inside its (existing) strategy; run inside a transaction. */
export async function writeCampaign(
  q: Queryable,
  ctx: WriteContext,
  doc: Campaign,
  mode: WriteMode,
): Promise<{ outcome: WriteOutcome; version: number }> {
  const strategyId = requireStrategyRef(doc);
  // Lock the strategy row so it cannot be deleted between this check and the insert.
  const { rowCount } = await q.query('SELECT 1 FROM strategies WHERE workspace_id = $1 AND id = $2 FOR SHARE', [
    ctx.workspaceId,
    strategyId,
  ]);
  if (!rowCount) throw unknownStrategy(doc);
  const existing = await findCampaign(q, ctx.workspaceId, doc.id, true);
  checkWrite('campaign', doc.id, mode, existing, ctx.expectedVersion);
  if (existing && same(existing.doc, doc)) return { outcome: 'unchanged', version: existing.version };
  const columns = [strategyId, doc.name, doc.type, doc.start, doc.end, doc.owner ?? null, JSON.stringify(doc), ctx.actor?.userId ?? null];
  let version = 1;
  if (existing) {
    const { rows } = await q.query<{ version: number }>(
      `UPDATE campaigns SET strategy_id = $3, name = $4, type = $5, start_date = $6, end_date = $7, owner = $8,
              document = $9, updated_by = $10, updated_at = now(), version = version + 1
        WHERE workspace_id = $1 AND id = $2 RETURNING version`,
      [ctx.workspaceId, doc.id, ...columns],
    );
    version = rows[0]!.version;
  } else {
    await q.query(
      `INSERT INTO campaigns (workspace_id, id, strategy_id, name, type, start_date, end_date, owner, document, created_by, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
      [ctx.workspaceId, doc.id, ...columns],
    );
  }
  await recordAudit(q, {
    workspaceId: ctx.workspaceId,
    actor: ctx.actor,
    action: existing ? 'campaign.update' : 'campaign.create',
    entityType: 'campaign',
    entityId: doc.id,
    before: existing?.doc,
    after: doc,
  });
  return { outcome: existing ? 'updated' : 'created', version };
}
