import { withTransaction, type Pool } from '../db/pool.ts';
import type { LintResult, Strategy } from '../plan/schema.ts';
import { lintStoredStrategy } from './lint-stored-strategy.ts';
import { writeStrategy, type WriteContext, type WriteMode, type WriteOutcome } from './store.ts';

export interface SavedStrategy {
  strategy: Strategy;
  version: number;
  outcome: WriteOutcome;
  lint: LintResult;
}

export async function saveStrategy(pool: Pool, ctx: WriteContext, doc: Strategy, mode: WriteMode): Promise<SavedStrategy> {
  const { outcome, version } = await withTransaction(pool, (tx) => writeStrategy(tx, ctx, doc, mode));
  return { strategy: doc, version, outcome, lint: await lintStoredStrategy(pool, ctx.workspaceId, doc.id) };
}
