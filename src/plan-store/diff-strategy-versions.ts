import type { Queryable } from '../db/pool.ts';
import { diffDocuments, type PlanChange } from '../plan/diff.ts';
import { getStrategyVersion } from './get-strategy-version.ts';

/** The semantic diff (src/plan/diff.ts) from one stored version of a strategy to another (either order). */
export async function diffStrategyVersions(
  q: Queryable,
  workspaceId: string,
  strategyId: string,
  from: number,
  to: number,
): Promise<{ from: number; to: number; changes: PlanChange[] }> {
  const [a, b] = await Promise.all([
    getStrategyVersion(q, workspaceId, strategyId, from),
    getStrategyVersion(q, workspaceId, strategyId, to),
  ]);
  return { from, to, changes: diffDocuments(a.strategy, b.strategy) };
}
