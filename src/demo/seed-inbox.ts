/**
 * The demo's inbox: a handful of messages to the Northwind accounts on the sandbox network — some
 * overdue, a thread, one answered, one pending with a tag, one closed — and two saved replies, all
 * through the inbox's services (the answer goes out on the sandbox network).
 */
import type { Actor } from '../auth/actor.ts';
import type { ConnectorRegistry } from '../connectors/registry.ts';
import type { Pool } from '../db/pool.ts';
import { withTransaction } from '../db/pool.ts';
import { applyItemChanges } from '../inbox/apply-item-changes.ts';
import { createSavedReply } from '../inbox/create-saved-reply.ts';
import { recordInboxItems, type IncomingPost } from '../inbox/record-items.ts';
import { sendReply } from '../inbox/send-reply.ts';

const MINUTE = 60_000;

export async function seedInbox(
  pool: Pool,
  actor: Actor,
  workspaceId: string,
  registry: ConnectorRegistry,
  now: Date,
): Promise<{ items: number }> {
  const ctx = { workspaceId, actor, registry };
  await createSavedReply(pool, ctx, { name: 'Thanks', body: 'Thank you for the kind words — see you at the roastery soon!' });
  await createSavedReply(pool, ctx, {
    name: 'Order problem',
    body: 'Sorry about that! Please send your order number to hello@northwind.coffee and we will sort it out today.',
  });
  const { rows } = await pool.query<{ id: string; channel_id: string }>(
    `SELECT id, channel_id FROM channel_connections WHERE workspace_id = $1 AND channel_id IN ('bluesky', 'mastodon') ORDER BY channel_id`,
    [workspaceId],
  );
  const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * MINUTE);
  const messages: Record<string, { minutesAgo: number; post: IncomingPost }[]> = {
    bluesky: [
      {
        minutesAgo: 240,
        post: {
          kind: 'mention',
          externalId: 'demo-bsky-1',
          url: null,
          author: 'maya.bsky.social',
          authorName: 'Maya',
          text: '@northwind my beans arrived crushed, the bag was torn open 😕',
          postedAt: at(242),
        },
      },
      {
        minutesAgo: 150,
        post: {
          kind: 'reply',
          externalId: 'demo-bsky-2',
          url: null,
          author: 'jonas.bsky.social',
          authorName: 'Jonas',
          text: 'Is the Guji also available as whole beans?',
          postedAt: at(151),
        },
      },
      {
        minutesAgo: 20,
        post: {
          kind: 'quote',
          externalId: 'demo-bsky-3',
          url: null,
          author: 'lea.bsky.social',
          authorName: 'Lea',
          text: 'Best cold brew guide I have seen, thanks Northwind!',
          postedAt: at(21),
        },
      },
    ],
    mastodon: [
      {
        minutesAgo: 95,
        post: {
          kind: 'mention',
          externalId: 'demo-masto-1',
          url: null,
          author: 'tom@coffee.social',
          authorName: 'Tom',
          text: '@northwind do you ship to Austria?',
          postedAt: at(96),
        },
      },
      {
        minutesAgo: 60 * 26,
        post: {
          kind: 'mention',
          externalId: 'demo-masto-2',
          url: null,
          author: 'ines@coffee.social',
          authorName: 'Inês',
          text: '@northwind loved the tasting on Saturday!',
          postedAt: at(60 * 26 + 2),
        },
      },
      {
        minutesAgo: 5,
        post: {
          kind: 'reply',
          externalId: 'demo-masto-3',
          url: null,
          author: 'ines@coffee.social',
          authorName: 'Inês',
          text: 'And the oat flat white too 😄',
          postedAt: at(6),
          parentId: 'demo-masto-2',
        },
      },
    ],
  };
  let items = 0;
  for (const r of rows) {
    for (const { minutesAgo, post } of messages[r.channel_id] ?? []) {
      items += await recordInboxItems(
        pool,
        { workspaceId, network: 'sandbox', connectionId: r.id, channelId: r.channel_id },
        [post],
        at(minutesAgo),
      );
    }
  }
  const idOf = async (externalId: string) =>
    (await pool.query<{ id: string }>('SELECT id FROM inbox_items WHERE workspace_id = $1 AND external_id = $2', [workspaceId, externalId]))
      .rows[0]?.id;
  const loved = await idOf('demo-masto-2');
  if (loved) {
    await sendReply(pool, ctx, loved, { text: 'Thank you for the kind words — see you at the roastery soon!' });
    await withTransaction(pool, (tx) => applyItemChanges(tx, ctx, [loved], { status: 'closed' }));
  }
  const crushed = await idOf('demo-bsky-1');
  if (crushed) await withTransaction(pool, (tx) => applyItemChanges(tx, ctx, [crushed], { assignee: actor.userId, tags: ['shipping'] }));
  const austria = await idOf('demo-masto-1');
  if (austria) await withTransaction(pool, (tx) => applyItemChanges(tx, ctx, [austria], { status: 'pending', tags: ['shipping'] }));
  return { items };
}
