/**
 * A reply from the inbox, through the connector of the account the item came to: recorded as
 * `sending` before the network is called, then `sent` (with the network's id) or `failed` (with its
 * coded error) — audited either way. The idempotency key (the caller's, or a new one) goes to the
 * network, so repeating a request whose answer was lost never posts twice. The first reply sets the
 * item's first response time.
 */
import { randomUUID } from 'node:crypto';
import { recordAudit } from '../audit/record-audit.ts';
import { classifyError, PermanentError } from '../connectors/connector.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { AppError, notFound } from '../errors.ts';
import { connectionOf, type ConnectionRow } from '../measure/metrics/connection.ts';
import type { InboxContext } from './context.ts';
import { loadItem } from './item-view.ts';
import { REPLY_COLUMNS, replyOf, type ReplyRow } from './reply-view.ts';
import type { InboxItemView, ReplyView } from './schema.ts';

interface Target extends Omit<ConnectionRow, 'connection_id'> {
  connection_id: string | null;
  status: string | null;
  external_id: string;
  external_cid: string | null;
  root_external_id: string | null;
  root_cid: string | null;
  author: string | null;
}

/** The network's refusal as the API's coded error. */
function networkError(e: unknown): AppError {
  const err = classifyError(e);
  if (err instanceof PermanentError) {
    if (err.reason === 'auth') return new AppError('inbox.reconnect_needed', `The account must be reconnected: ${err.message}`, 422);
    if (err.reason === 'not_found')
      return new AppError('inbox.reply_target_gone', `The post is gone from the network: ${err.message}`, 422);
    return new AppError('inbox.reply_rejected', `The network refused the reply: ${err.message}`, 422);
  }
  return new AppError('inbox.network_unavailable', `The network did not take the reply (try again): ${err.message}`, 503, {
    retryable: true,
  });
}

export async function sendReply(
  pool: Pool,
  ctx: InboxContext,
  itemId: string,
  body: { text: string; idempotencyKey?: string },
): Promise<{ reply: ReplyView; item: InboxItemView }> {
  const { rows } = await pool.query<Target>(
    `SELECT i.external_id, i.external_cid, i.root_external_id, i.root_cid, i.author, c.id AS connection_id, c.workspace_id,
            c.channel_id, c.connector, c.config, c.credentials_enc, c.status
       FROM inbox_items i LEFT JOIN channel_connections c ON c.id = i.connection_id
      WHERE i.workspace_id = $1 AND i.id = $2`,
    [ctx.workspaceId, itemId],
  );
  const t = rows[0];
  if (!t) throw notFound('inbox_item', itemId);
  if (t.connection_id === null)
    throw new AppError('inbox.no_account', 'No connected account can answer this item: connect one on its network first.', 422);
  const connector = ctx.registry.get(t.connector);
  if (!connector?.reply) throw new AppError('inbox.reply_unsupported', `The ${t.connector} connector cannot reply.`, 422);
  if (t.status !== 'connected')
    throw new AppError('inbox.reconnect_needed', 'The account that would answer must be reconnected first.', 422, {
      connection: t.connection_id,
    });

  const key = `inbox:${ctx.workspaceId}:${body.idempotencyKey ?? randomUUID()}`;
  const { rows: existing } = await pool.query<{ id: string; item_id: string; state: string }>(
    'SELECT id, item_id, state FROM inbox_replies WHERE idempotency_key = $1',
    [key],
  );
  const prior = existing[0];
  if (prior && prior.item_id !== itemId)
    throw new AppError('inbox.idempotency_key_reused', 'This idempotency key was used for a reply to another item.', 409);
  const replyId =
    prior?.id ??
    (
      await pool.query<{ id: string }>(
        `INSERT INTO inbox_replies (workspace_id, item_id, author_id, text, idempotency_key) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [ctx.workspaceId, itemId, ctx.actor.userId, body.text, key],
      )
    ).rows[0]!.id;

  if (prior?.state !== 'sent') {
    try {
      const sent = await connector.reply(
        { connection: connectionOf({ ...t, connection_id: t.connection_id }), signal: AbortSignal.timeout(connector.limits.timeoutMs) },
        { externalId: t.external_id, cid: t.external_cid, rootId: t.root_external_id, rootCid: t.root_cid, author: t.author },
        body.text,
        key,
      );
      await withTransaction(pool, async (tx) => {
        await tx.query(
          `UPDATE inbox_replies SET state = 'sent', remote_id = $2, remote_url = $3, sent_at = now(), error_code = NULL, error_message = NULL WHERE id = $1`,
          [replyId, sent.remoteId, sent.remoteUrl],
        );
        await tx.query('UPDATE inbox_items SET first_response_at = coalesce(first_response_at, now()), updated_at = now() WHERE id = $1', [
          itemId,
        ]);
        await tx.query(
          'UPDATE inbox_conversations SET last_activity_at = now() FROM inbox_items i WHERE i.id = $1 AND inbox_conversations.id = i.conversation_id',
          [itemId],
        );
        await recordAudit(tx, {
          workspaceId: ctx.workspaceId,
          actor: ctx.actor,
          action: 'inbox.reply',
          entityType: 'inbox_item',
          entityId: itemId,
          after: { reply: replyId, text: body.text, remoteId: sent.remoteId, remoteUrl: sent.remoteUrl },
        });
      });
    } catch (e) {
      const err = networkError(e);
      await withTransaction(pool, async (tx) => {
        await tx.query(`UPDATE inbox_replies SET state = 'failed', error_code = $2, error_message = $3 WHERE id = $1`, [
          replyId,
          err.code,
          err.message.slice(0, 1000),
        ]);
        await recordAudit(tx, {
          workspaceId: ctx.workspaceId,
          actor: ctx.actor,
          action: 'inbox.reply_failed',
          entityType: 'inbox_item',
          entityId: itemId,
          after: { reply: replyId, text: body.text, error: err.code },
          reason: err.message.slice(0, 1000),
        });
      });
      throw err;
    }
  }
  const { rows: reply } = await pool.query<ReplyRow>(
    `SELECT ${REPLY_COLUMNS} FROM inbox_replies r LEFT JOIN users u ON u.id = r.author_id WHERE r.id = $1`,
    [replyId],
  );
  return { reply: replyOf(reply[0]!), item: await loadItem(pool, ctx.workspaceId, itemId, ctx.registry) };
}
