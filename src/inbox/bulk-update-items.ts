/** One change over up to 100 items, all or none (src/inbox/apply-item-changes.ts). */
import { withTransaction, type Pool } from '../db/pool.ts';
import { applyItemChanges } from './apply-item-changes.ts';
import type { InboxContext } from './context.ts';
import type { BulkBody } from './schema.ts';

export async function bulkUpdateItems(pool: Pool, ctx: InboxContext, body: BulkBody): Promise<{ updated: number }> {
  const { ids, ...change } = body;
  const updated = await withTransaction(pool, (tx) => applyItemChanges(tx, ctx, ids, change, `bulk action on ${new Set(ids).size} items`));
  return { updated };
}
