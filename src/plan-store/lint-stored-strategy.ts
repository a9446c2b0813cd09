import type { Queryable } from '../db/pool.ts';
import { lintDocuments } from '../plan/lint.ts';
import type { LintResult } from '../plan/schema.ts';
import { getStrategy, listCampaignsOf } from './store.ts';

/** The findings of a stored strategy together with all of its campaigns (what every write returns). */
export async function lintStoredStrategy(q: Queryable, workspaceId: string, strategyId: string): Promise<LintResult> {
  const [strategy, campaigns] = await Promise.all([getStrategy(q, workspaceId, strategyId), listCampaignsOf(q, workspaceId, strategyId)]);
  return lintDocuments([strategy.doc, ...campaigns.map((c) => c.doc)]);
}
