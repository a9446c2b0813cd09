/**
 * Test and benchmark fixtures for the scheduler: a workspace with a strategy and a connected channel,
 * and scheduled posts written straight in SQL (the post services are not under test here).
 */
import { randomUUID } from 'node:crypto';
import { sealCredentials } from '../src/connections/credentials.ts';
import type { Queryable } from '../src/db/pool.ts';
import type { ConnectorKind } from '../src/connectors/connector.ts';
import type { PublishJob } from '../src/scheduler/queue.ts';
import type { Logger } from '../src/scheduler/worker-publish.ts';
import type { WorkerSettings } from '../src/scheduler/worker.ts';

export interface Fixture {
  workspaceId: string;
  strategyId: string;
  userId: string;
}

let seq = 0;

export async function seedWorkspace(db: Queryable, slug = `ws-${process.pid}-${++seq}-${Date.now() % 100000}`): Promise<Fixture> {
  const { rows } = await db.query<{ workspace_id: string; user_id: string }>(
    `WITH u AS (
       INSERT INTO users (email, name, password_hash) VALUES ($1 || '@example.com', 'Owner', 'x') RETURNING id
     ), w AS (
       INSERT INTO workspaces (slug, name, created_by) SELECT $1, 'Scheduler test', id FROM u RETURNING id
     ), s AS (
       INSERT INTO strategies (workspace_id, id, name, organisation, period_start, period_end, document)
       SELECT id, 'strategy', 'Strategy', 'Org', '2026-01-01', '2027-12-31', '{}' FROM w RETURNING workspace_id
     )
     SELECT (SELECT workspace_id FROM s) AS workspace_id, (SELECT id FROM u) AS user_id`,
    [slug],
  );
  return { workspaceId: rows[0]!.workspace_id, strategyId: 'strategy', userId: rows[0]!.user_id };
}

export async function connectChannel(
  db: Queryable,
  f: Fixture,
  channelId: string,
  connector: ConnectorKind = 'sandbox',
  config: Record<string, unknown> = {},
  credentials: Record<string, unknown> = {},
): Promise<string> {
  // The envelope is bound to the row's id, so the id is chosen here rather than by the database.
  const id = randomUUID();
  await db.query(
    `INSERT INTO channel_connections (id, workspace_id, strategy_id, channel_id, connector, config, credentials_enc)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, f.workspaceId, f.strategyId, channelId, connector, JSON.stringify(config), sealCredentials(id, credentials)],
  );
  return id;
}

export interface ScheduledVariant extends PublishJob {
  postId: string;
  channelId: string;
  idempotencyKey: string;
}

/**
 * `count` scheduled posts, one variant per channel each, due at `dueAt(i)` (ms since epoch).
 * Written in one statement per 5,000 posts.
 */
export async function seedScheduled(
  db: Queryable,
  f: Fixture,
  options: { count: number; dueAt: (i: number) => number; channels?: string[]; text?: (i: number) => string },
): Promise<ScheduledVariant[]> {
  const channels = options.channels ?? ['main'];
  const out: ScheduledVariant[] = [];
  for (let start = 0; start < options.count; start += 5000) {
    const n = Math.min(5000, options.count - start);
    const due = Array.from({ length: n }, (_, k) => new Date(options.dueAt(start + k)).toISOString());
    const texts = Array.from({ length: n }, (_, k) => options.text?.(start + k) ?? `Post ${start + k}`);
    const { rows } = await db.query<{
      id: string;
      post_id: string;
      channel_id: string;
      schedule_token: string;
      due_at: Date;
      idempotency_key: string;
    }>(
      `WITH input AS (
         SELECT gen_random_uuid() AS id, d.due::timestamptz AS due, t.text
           FROM unnest($3::text[]) WITH ORDINALITY AS d(due, ord)
           JOIN unnest($4::text[]) WITH ORDINALITY AS t(text, ord) USING (ord)
       ), p AS (
         INSERT INTO posts (id, workspace_id, strategy_id, state, scheduled_at, created_by)
         SELECT id, $1, $2, 'scheduled', due, $6 FROM input
         RETURNING id
       )
       INSERT INTO post_variants (post_id, workspace_id, channel_id, content, state, due_at, schedule_token)
       SELECT i.id, $1, ch, jsonb_build_object('text', i.text, 'media', '[]'::jsonb, 'thread', '[]'::jsonb), 'scheduled', i.due, gen_random_uuid()
         FROM input i JOIN p USING (id) CROSS JOIN unnest($5::text[]) AS ch
       RETURNING id, post_id, channel_id, schedule_token, due_at, idempotency_key`,
      [f.workspaceId, f.strategyId, due, texts, channels, f.userId],
    );
    for (const r of rows) {
      out.push({
        variantId: r.id,
        postId: r.post_id,
        channelId: r.channel_id,
        scheduleToken: r.schedule_token,
        dueAt: r.due_at,
        idempotencyKey: r.idempotency_key,
      });
    }
  }
  return out;
}

export async function variantRow(db: Queryable, id: string) {
  const { rows } = await db.query<{
    state: string;
    attempts: number;
    transient_failures: number;
    remote_id: string | null;
    last_error: string | null;
    retry_at: Date | null;
    published_at: Date | null;
    post_state: string;
  }>(
    `SELECT v.state, v.attempts, v.transient_failures, v.remote_id, v.last_error, v.retry_at, v.published_at, p.state AS post_state
       FROM post_variants v JOIN posts p ON p.id = v.post_id WHERE v.id = $1`,
    [id],
  );
  return rows[0]!;
}

/** A logger that says nothing (tests assert on outcomes, not log lines). */
export const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

/** Worker settings for end-to-end tests: short retries, a quick poll, no sweeps during a test. */
export const workerSettings: WorkerSettings = {
  graceMs: 15 * 60_000,
  claimTimeoutMs: 60_000,
  maxAttempts: 3,
  retryBaseMs: 100,
  retryMaxMs: 1000,
  concurrency: 4,
  pollIntervalMs: 200,
  sweepIntervalMs: 60_000,
};

/** Polls `check` every 50 ms until it holds; fails after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
