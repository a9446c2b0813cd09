/**
 * Writes the demo's year of listening (./generate-listening.ts) into the demo workspace, in one
 * transaction and in bulk (arrays per column, thousands of rows per statement): the queries bound to
 * the demo strategy, the mentions, their matches and the spike alerts. One audit entry says what was
 * generated.
 */
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { getStrategy } from '../plan-store/store.ts';
import { HISTORY_DAYS } from './generate-history.ts';
import { generateListening } from './generate-listening.ts';
import { insertRows } from './seed-history.ts';

export async function seedListening(
  pool: Pool,
  ctx: { workspaceId: string; actor: Actor; strategyId: string; now: Date },
): Promise<{ queries: number; mentions: number; alerts: number }> {
  const { workspaceId: ws, strategyId } = ctx;
  const { doc: strategy } = await getStrategy(pool, ws, strategyId);
  const listening = generateListening({ strategy, now: ctx.now, days: HISTORY_DAYS });
  const matches = listening.mentions.flatMap((m) => m.queryIds.map((queryId) => ({ queryId, m })));
  const counts = { queries: listening.queries.length, mentions: listening.mentions.length, alerts: listening.alerts.length };
  await withTransaction(pool, async (tx) => {
    await insertRows(
      tx,
      'listening_queries',
      [
        ['id', 'uuid', (q) => q.id],
        ['workspace_id', 'uuid', () => ws],
        ['name', 'text', (q) => q.name],
        ['query', 'text', (q) => q.query],
        ['topic', 'text', (q) => q.topic],
        ['role', 'text', (q) => q.role],
        ['strategy_id', 'text', () => strategyId],
        ['created_by', 'uuid', () => ctx.actor.userId],
        ['created_at', 'timestamptz', () => new Date(ctx.now.getTime() - HISTORY_DAYS * 86_400_000)],
      ],
      listening.queries,
    );
    await insertRows(
      tx,
      'mentions',
      [
        ['id', 'uuid', (m) => m.id],
        ['workspace_id', 'uuid', () => ws],
        ['network', 'text', (m) => m.network],
        ['external_id', 'text', (m) => m.externalId],
        ['url', 'text', (m) => m.url],
        ['author', 'text', (m) => m.author],
        ['text', 'text', (m) => m.text],
        ['lang', 'text', (m) => m.lang],
        ['lang_detected', 'bool', (m) => m.langDetected],
        ['posted_at', 'timestamptz', (m) => m.postedAt],
        ['received_at', 'timestamptz', (m) => m.postedAt],
        ['sentiment', 'text', (m) => m.sentiment],
        ['sentiment_score', 'float4', (m) => m.score],
      ],
      listening.mentions,
    );
    await insertRows(
      tx,
      'mention_matches',
      [
        ['workspace_id', 'uuid', () => ws],
        ['query_id', 'uuid', (x) => x.queryId],
        ['mention_id', 'uuid', (x) => x.m.id],
        ['posted_at', 'timestamptz', (x) => x.m.postedAt],
        ['sentiment', 'text', (x) => x.m.sentiment],
      ],
      matches,
    );
    await insertRows(
      tx,
      'listening_alerts',
      [
        ['workspace_id', 'uuid', () => ws],
        ['query_id', 'uuid', (a) => a.queryId],
        ['hour', 'timestamptz', (a) => a.hour],
        ['mentions', 'int', (a) => a.mentions],
        ['mean', 'float4', (a) => a.mean],
        ['stddev', 'float4', (a) => a.stddev],
        ['threshold', 'float4', (a) => a.threshold],
        ['k', 'float4', () => 3],
        ['created_at', 'timestamptz', (a) => new Date(a.hour.getTime() + 3_900_000)],
      ],
      listening.alerts,
    );
    await recordAudit(tx, {
      workspaceId: ws,
      actor: ctx.actor,
      action: 'demo.listening_generate',
      entityType: 'strategy',
      entityId: strategyId,
      after: counts,
    });
  });
  return counts;
}
