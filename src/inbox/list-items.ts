/** The inbox list: filtered, newest first, keyset-paginated on (received_at, id), with the workspace's counts. */
import type { Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import type { InboxContext } from './context.ts';
import { ITEM_COLUMNS, ITEM_JOINS, itemView, type ItemRow } from './item-view.ts';
import type { InboxItemView, ListItemsQuery } from './schema.ts';

export async function listItems(
  q: Queryable,
  ctx: InboxContext,
  query: ListItemsQuery,
): Promise<{
  items: InboxItemView[];
  nextCursor: string | null;
  total: number;
  counts: Record<'open' | 'pending' | 'closed' | 'overdue' | 'unassigned' | 'mine', number>;
}> {
  const where = ['i.workspace_id = $1'];
  const args: unknown[] = [ctx.workspaceId];
  const arg = (v: unknown) => {
    args.push(v);
    return `$${args.length}`;
  };
  if (query.status !== 'all') where.push(`i.status = ${arg(query.status)}`);
  if (query.assignee === 'me') where.push(`i.assignee_id = ${arg(ctx.actor.userId)}`);
  else if (query.assignee === 'unassigned') where.push('i.assignee_id IS NULL');
  else if (query.assignee !== undefined) where.push(`i.assignee_id = ${arg(query.assignee)}`);
  if (query.tag !== undefined) where.push(`i.tags @> ARRAY[${arg(query.tag)}]::text[]`);
  if (query.kind !== undefined) where.push(`i.kind = ${arg(query.kind)}`);
  if (query.overdue) where.push(`i.status = 'open' AND i.first_response_at IS NULL AND i.due_at < now()`);
  if (query.q !== undefined) {
    const like = arg(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(i.text ILIKE ${like} OR i.author ILIKE ${like} OR i.author_name ILIKE ${like})`);
  }
  // The total under the filters, whatever the page: counted before the cursor narrows the rows.
  const filtered = where.join(' AND ');
  const filterArgs = [...args];
  if (query.cursor !== undefined) {
    const { rows } = await q.query<{ received_at: Date }>('SELECT received_at FROM inbox_items WHERE workspace_id = $1 AND id = $2', [
      ctx.workspaceId,
      query.cursor,
    ]);
    if (!rows[0]) throw new AppError('inbox.invalid_cursor', 'The cursor names no item of this inbox: start from the first page.', 400);
    // The row's own timestamp, compared in the database: no precision lost on the way through JavaScript.
    where.push(
      `(i.received_at, i.id) < ((SELECT received_at FROM inbox_items WHERE id = ${arg(query.cursor)}), ${arg(query.cursor)}::uuid)`,
    );
  }
  const limit = arg(query.limit + 1);
  const [list, total, counts] = await Promise.all([
    q.query<ItemRow>(
      `SELECT ${ITEM_COLUMNS} FROM inbox_items i ${ITEM_JOINS} WHERE ${where.join(' AND ')} ORDER BY i.received_at DESC, i.id DESC LIMIT ${limit}`,
      args,
    ),
    q.query<{ n: string }>(`SELECT count(*) AS n FROM inbox_items i WHERE ${filtered}`, filterArgs),
    q.query<Record<'open' | 'pending' | 'closed' | 'overdue' | 'unassigned' | 'mine', string>>(
      `SELECT count(*) FILTER (WHERE status = 'open') AS open, count(*) FILTER (WHERE status = 'pending') AS pending,
              count(*) FILTER (WHERE status = 'closed') AS closed,
              count(*) FILTER (WHERE status = 'open' AND first_response_at IS NULL AND due_at < now()) AS overdue,
              count(*) FILTER (WHERE status <> 'closed' AND assignee_id IS NULL) AS unassigned,
              count(*) FILTER (WHERE status <> 'closed' AND assignee_id = $2) AS mine
         FROM inbox_items WHERE workspace_id = $1`,
      [ctx.workspaceId, ctx.actor.userId],
    ),
  ]);
  const now = new Date();
  const rows = list.rows.slice(0, query.limit);
  const c = counts.rows[0]!;
  return {
    items: rows.map((r) => itemView(r, ctx.registry, now)),
    nextCursor: list.rows.length > query.limit ? rows[rows.length - 1]!.id : null,
    total: Number(total.rows[0]!.n),
    counts: {
      open: Number(c.open),
      pending: Number(c.pending),
      closed: Number(c.closed),
      overdue: Number(c.overdue),
      unassigned: Number(c.unassigned),
      mine: Number(c.mine),
    },
  };
}
