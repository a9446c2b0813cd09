import { withTransaction, type Pool } from '../db/pool.ts';
import type { Campaign, LintResult } from '../plan/schema.ts';
import { lintStoredStrategy } from './lint-stored-strategy.ts';
import { requireStrategyRef, writeCampaign, type WriteContext, type WriteMode, type WriteOutcome } from './store.ts';

export interface SavedCampaign {
  campaign: Campaign;
  version: number;
  outcome: WriteOutcome;
  /** Findings of the campaign's whole strategy, campaigns included. */
  lint: LintResult;
}

export async function saveCampaign(pool: Pool, ctx: WriteContext, doc: Campaign, mode: WriteMode): Promise<SavedCampaign> {
  const strategyId = requireStrategyRef(doc);
  const { outcome, version } = await withTransaction(pool, (tx) => writeCampaign(tx, ctx, doc, mode));
  return { campaign: doc, version, outcome, lint: await lintStoredStrategy(pool, ctx.workspaceId, strategyId) };
}
