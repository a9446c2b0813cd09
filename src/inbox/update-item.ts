/** Status, assignee or tags of one item. */
import { withTransaction, type Pool } from '../db/pool.ts';
import { applyItemChanges } from './apply-item-changes.ts';
import type { InboxContext } from './context.ts';
import { loadItem } from './item-view.ts';
import type { InboxItemView, UpdateItemBody } from './schema.ts';

export async function updateItem(pool: Pool, ctx: InboxContext, itemId: string, body: UpdateItemBody): Promise<{ item: InboxItemView }> {
  return withTransaction(pool, async (tx) => {
    await applyItemChanges(tx, ctx, [itemId], body);
    return { item: await loadItem(tx, ctx.workspaceId, itemId, ctx.registry) };
  });
}
