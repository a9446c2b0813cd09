/** How an inbox item is read from the database and shown (shared by the services that answer with items). */
import type { Queryable } from '../db/pool.ts';
import type { ConnectorRegistry } from '../connectors/registry.ts';
import type { ConnectorKind } from '../connectors/connector.ts';
import { notFound } from '../errors.ts';
import type { InboxItemView } from './schema.ts';
import { isOverdue } from './sla.ts';

/** The columns of `inbox_items i` (with `u` the assignee, `c` the connection) that {@link itemView} reads. */
export const ITEM_COLUMNS = `i.id, i.kind, i.network, i.channel_id, i.url, i.author, i.author_name, i.text, i.posted_at, i.received_at,
  i.status, i.tags, i.first_response_at, i.closed_at, i.due_at, i.conversation_id, c.connector,
  u.id AS assignee_id, u.name AS assignee_name, u.email AS assignee_email`;
export const ITEM_JOINS = `LEFT JOIN users u ON u.id = i.assignee_id LEFT JOIN channel_connections c ON c.id = i.connection_id`;

export interface ItemRow {
  id: string;
  kind: InboxItemView['kind'];
  network: string;
  channel_id: string | null;
  url: string | null;
  author: string | null;
  author_name: string | null;
  text: string;
  posted_at: Date;
  received_at: Date;
  status: InboxItemView['status'];
  tags: string[];
  first_response_at: Date | null;
  closed_at: Date | null;
  due_at: Date;
  conversation_id: string;
  connector: ConnectorKind | null;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
}

export function itemView(r: ItemRow, registry: ConnectorRegistry, now: Date): InboxItemView {
  return {
    id: r.id,
    kind: r.kind,
    network: r.network,
    channel: r.channel_id,
    canReply: r.connector !== null && registry.get(r.connector)?.reply !== undefined,
    url: r.url,
    author: r.author,
    authorName: r.author_name,
    text: r.text,
    postedAt: r.posted_at.toISOString(),
    receivedAt: r.received_at.toISOString(),
    status: r.status,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '', email: r.assignee_email ?? '' } : null,
    tags: r.tags,
    firstResponseAt: r.first_response_at?.toISOString() ?? null,
    closedAt: r.closed_at?.toISOString() ?? null,
    dueAt: r.due_at.toISOString(),
    overdue: isOverdue({ status: r.status, firstResponseAt: r.first_response_at, dueAt: r.due_at }, now),
    conversationId: r.conversation_id,
  };
}

/** One item of the workspace as shown, or 404 `inbox_item.not_found`. */
export async function loadItem(q: Queryable, workspaceId: string, itemId: string, registry: ConnectorRegistry): Promise<InboxItemView> {
  const { rows } = await q.query<ItemRow>(
    `SELECT ${ITEM_COLUMNS} FROM inbox_items i ${ITEM_JOINS} WHERE i.workspace_id = $1 AND i.id = $2`,
    [workspaceId, itemId],
  );
  if (!rows[0]) throw notFound('inbox_item', itemId);
  return itemView(rows[0], registry, new Date());
}
