import { AppError } from '../errors.ts';
import type { Queryable } from '../db/pool.ts';
import { strategySchema, type Strategy } from '../plan/schema.ts';
import { VERSION_COLUMNS, versionSummary, type VersionRow, type VersionSummary } from './list-strategy-versions.ts';

export interface StrategyVersion extends VersionSummary {
  strategy: Strategy;
}

/**
 * One stored version of a strategy; 404 `strategy_version.not_found` for a version (or strategy)
 * this workspace does not have. The document is parsed again through the schema, like every read of
 * the store (src/plan-store/store.ts): key order restored, nothing invalid leaves.
 */
export async function getStrategyVersion(
  q: Queryable,
  workspaceId: string,
  strategyId: string,
  version: number | string,
): Promise<StrategyVersion> {
  const n = Number(version);
  const { rows } = Number.isSafeInteger(n)
    ? await q.query<VersionRow & { document: unknown }>(
        `SELECT ${VERSION_COLUMNS}, v.document FROM strategy_versions v LEFT JOIN users u ON u.id = v.created_by
          WHERE v.workspace_id = $1 AND v.strategy_id = $2 AND v.version = $3`,
        [workspaceId, strategyId, n],
      )
    : { rows: [] };
  const row = rows[0];
  if (!row) {
    throw new AppError('strategy_version.not_found', `Strategy "${strategyId}" has no version ${String(version)} in this workspace.`, 404, {
      strategy: strategyId,
      version: String(version),
    });
  }
  return { ...versionSummary(row), strategy: strategySchema.parse(row.document) };
}
