import type { Queryable } from '../db/pool.ts';
import { getStrategy } from './store.ts';
import type { VersionReason } from './schema.ts';

export interface VersionSummary {
  version: number;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  reason: VersionReason;
  reviewId: string | null;
}

export interface VersionRow {
  version: number;
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
  reason: VersionReason;
  review_id: string | null;
}

export const VERSION_COLUMNS = `v.version, v.created_at, v.created_by, u.name AS created_by_name, v.reason, v.review_id`;

export const versionSummary = (r: VersionRow): VersionSummary => ({
  version: r.version,
  createdAt: r.created_at.toISOString(),
  createdBy: r.created_by && r.created_by_name !== null ? { id: r.created_by, name: r.created_by_name } : null,
  reason: r.reason,
  reviewId: r.review_id,
});

/** Every stored version of a strategy, newest first (404 for an unknown or foreign strategy). */
export async function listStrategyVersions(q: Queryable, workspaceId: string, strategyId: string): Promise<VersionSummary[]> {
  await getStrategy(q, workspaceId, strategyId);
  const { rows } = await q.query<VersionRow>(
    `SELECT ${VERSION_COLUMNS} FROM strategy_versions v LEFT JOIN users u ON u.id = v.created_by
      WHERE v.workspace_id = $1 AND v.strategy_id = $2 ORDER BY v.version DESC`,
    [workspaceId, strategyId],
  );
  return rows.map(versionSummary);
}
