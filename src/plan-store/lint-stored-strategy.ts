import { LRUCache } from 'lru-cache';
import type { Queryable } from '../db/pool.ts';
import { lintDocuments } from '../plan/lint.ts';
import type { LintResult, Strategy } from '../plan/schema.ts';
import { deepFreeze } from './doc-cache.ts';
import { getStrategy, listCampaignsOf, type Stored } from './store.ts';

/**
 * The last lint of each strategy, with the rows and versions it was made from: the rules are a pure
 * function of the documents, so the same rows at the same versions give the same findings. Any change
 * (a campaign added, removed, edited, the strategy edited) changes the key and lints again.
 */
const lints = new LRUCache<string, { key: string; result: LintResult }>({ max: 1_000 });

/** The findings of a stored strategy together with all of its campaigns (what every write returns). */
export async function lintStoredStrategy(q: Queryable, workspaceId: string, strategy: string | Stored<Strategy>): Promise<LintResult> {
  const id = typeof strategy === 'string' ? strategy : strategy.doc.id;
  const [stored, campaigns] = await Promise.all([
    typeof strategy === 'string' ? getStrategy(q, workspaceId, id) : strategy,
    listCampaignsOf(q, workspaceId, id),
  ]);
  const rows = [stored, ...campaigns];
  const key = rows.map((r) => `${r.pk}:${r.version}`).join(' ');
  const last = lints.get(stored.pk);
  if (last?.key === key) return last.result;
  const result = deepFreeze(lintDocuments(rows.map((r) => r.doc)));
  lints.set(stored.pk, { key, result });
  return result;
}
