/**
 * What the worker does with one job: claim the variant, send it, record the outcome.
 *
 * Invariant 2 lives here. A variant is sent only by the worker whose ONE conditional UPDATE moved it
 * `scheduled → publishing` (same schedule token, due, within the grace period, its post still
 * `scheduled`/`publishing` and not deleted), always with the variant's idempotency key. Every later
 * write by that worker is fenced by (state = 'publishing', token, attempts): a worker that lost its
 * claim (it was presumed dead and the claim reconciled) cannot overwrite the outcome.
 *
 * A claim whose worker died (`publishing`, `claimed_at` older than the claim timeout) is re-claimed
 * the same way and reconciled: any attempt after the first asks the network `lookup(key, variant)`
 * before sending, so a post that did go out is recorded, not sent twice.
 *
 * Round trips: the claim takes a batch of jobs in its one statement (claim()), and publishes are
 * recorded in group commits — those that end while a batch is being written go in the next one, in
 * one transaction (one statement for the variants and their audit entries, one for the posts, the
 * measurement hook) — so under a burst a commit and its one update of the published count's rollup
 * serve many publishes. Failures, retries and misses are rare and keep their own transactions.
 *
 * Lock order, as the post services take it: the post row first, then its variants. The post's state
 * follows its variants (publishing while any is in flight, published when all are, failed when any
 * failed or was missed) and every change is in the audit log as the `system` actor.
 */
import type { Pool, PoolClient } from '../db/pool.ts';
import { withTransaction } from '../db/pool.ts';
import {
  classifyError,
  PermanentError,
  type Connection,
  type ConnectorKind,
  type OutgoingVariant,
  type PublishResult,
  type TransientError,
} from '../connectors/connector.ts';
import type { ConnectorRegistry } from '../connectors/registry.ts';
import { openCredentials, type Credentials } from '../connections/credentials.ts';
import { mediaSource } from './media-source.ts';
import type { MediaStorage } from '../media/storage.ts';
import type { PublishJobData } from './jobs.ts';
import type { VariantContent } from '../content/limits.ts';
import type { PublishQueue } from './queue.ts';
import { silentLogger, type Logger as ProcessLogger } from '../logger.ts';
import { wrapVariantLinks } from '../measure/links/wrap-variant-links.ts';
import type { PublishedVariant } from '../measure/metrics/record-published.ts';

export interface PublishSettings {
  /** Later than this behind its due (or retry) time, a variant is missed rather than sent. */
  graceMs: number;
  /** A claim older than this with no outcome is presumed dead and reconciled. */
  claimTimeoutMs: number;
  /** Transient failures of one schedule before giving up. */
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
}

/** What the worker logs through: the process's pino logger in production, a silent one in tests. */
export type Logger = Pick<ProcessLogger, 'info' | 'warn' | 'error'>;

export type Outcome =
  | { kind: 'published'; remoteId: string; reconciled?: 'found' | 'resent' }
  | { kind: 'retry'; retryAt: Date; message: string }
  | { kind: 'failed'; message: string }
  | { kind: 'missed' }
  | { kind: 'deferred'; until: Date; why: 'early' | 'rate_limited' }
  | { kind: 'skipped'; why: string }
  /** The claim was lost to a reconciler before the outcome could be written (the outcome is the reconciler's). */
  | { kind: 'lost_claim' };

/** Where a variant goes, looked up for a batch before claiming (to pick the connector's concurrency slot). */
export interface Route {
  connectionId: string | null;
  connector: ConnectorKind | null;
}

/** A variant this worker claimed (`scheduled → publishing`), with what sending it needs. */
export interface Claim {
  id: string;
  post_id: string;
  workspace_id: string;
  channel_id: string;
  content: VariantContent;
  idempotency_key: string;
  attempts: number;
  transient_failures: number;
  due_at: Date;
  schedule_token: string;
  connection_id: string | null;
  connector: ConnectorKind | null;
  config: Record<string, unknown> | null;
  credentials_enc: string | null;
}

const CLAIMED_SELECT = `
  SELECT c.id, c.post_id, c.workspace_id, c.channel_id, c.content, c.idempotency_key, c.attempts, c.transient_failures,
         c.due_at, c.schedule_token, cc.id AS connection_id, cc.connector, cc.config, cc.credentials_enc
    FROM claimed c
    JOIN posts p ON p.id = c.post_id
    LEFT JOIN channel_connections cc
      ON cc.workspace_id = p.workspace_id AND cc.strategy_id = p.strategy_id AND cc.channel_id = c.channel_id`;

// The post row is locked first (the services' order); the variant UPDATE references it, so the lock
// is taken before the variant row's. The post's latest state (not the statement snapshot) decides.
const LOCK_POST = `
  post AS (
    SELECT p.id, p.state FROM posts p
     WHERE p.id = (SELECT post_id FROM post_variants WHERE id = $1) AND p.deleted_at IS NULL
       FOR UPDATE
  )`;

/**
 * THE claim: scheduled → publishing, one conditional UPDATE for a batch of jobs ($1 variant ids, $2
 * their schedule tokens). The posts are locked first, in id order (two batches wait for each other
 * rather than deadlock); the variant UPDATE joins them, so each post's lock comes before its variants'.
 * The posts' latest state (not the statement snapshot) decides.
 */
const CLAIM_SQL = `
  WITH jobs AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[]) AS j(id, token)
  ),
  post AS (
    SELECT p.id, p.state FROM posts p
     WHERE p.id IN (SELECT v.post_id FROM post_variants v JOIN jobs j ON j.id = v.id) AND p.deleted_at IS NULL
     ORDER BY p.id
       FOR UPDATE
  ),
  claimed AS (
    UPDATE post_variants v
       SET state = 'publishing', claimed_at = now(), attempts = v.attempts + 1
      FROM jobs j, post
     WHERE v.id = j.id AND v.schedule_token = j.token AND v.state = 'scheduled'
       AND post.id = v.post_id AND post.state IN ('scheduled', 'publishing')
       AND coalesce(v.retry_at, v.due_at) <= now()
       AND coalesce(v.retry_at, v.due_at) >= now() - $3::double precision * interval '1 millisecond'
    RETURNING v.*
  ),
  bumped AS (
    UPDATE posts p SET state = 'publishing', version = p.version + 1, updated_at = now()
      FROM post
     WHERE p.id = post.id AND post.state = 'scheduled' AND post.id IN (SELECT post_id FROM claimed)
    RETURNING p.id, p.workspace_id
  ),
  audited AS (
    INSERT INTO audit_log (workspace_id, actor, action, entity_type, entity_id, before, after, reason)
    SELECT workspace_id, 'system', 'post.claim', 'post', id::text, '{"state":"scheduled"}', '{"state":"publishing"}', 'due: publishing started'
      FROM bumped
  )
  ${CLAIMED_SELECT}`;

/** A dead worker's claim, taken over for reconciliation (same fencing: attempts + 1). */
const RECLAIM_SQL = `
  WITH ${LOCK_POST},
  claimed AS (
    UPDATE post_variants v
       SET claimed_at = now(), attempts = v.attempts + 1
     WHERE v.id = $1 AND v.schedule_token = $2 AND v.state = 'publishing'
       AND v.claimed_at < now() - $3::double precision * interval '1 millisecond'
       AND EXISTS (SELECT 1 FROM post)
    RETURNING v.*
  )
  ${CLAIMED_SELECT}`;

const EXPLAIN_SQL = `
  SELECT v.state, v.schedule_token = $2 AS current, coalesce(v.retry_at, v.due_at) AS run_at,
         coalesce(v.retry_at, v.due_at) > now() AS early,
         coalesce(v.retry_at, v.due_at) < now() - $3::double precision * interval '1 millisecond' AS late,
         v.claimed_at < now() - $4::double precision * interval '1 millisecond' AS stale,
         p.state AS post_state, p.deleted_at IS NOT NULL AS deleted
    FROM post_variants v JOIN posts p ON p.id = v.post_id
   WHERE v.id = $1`;

/**
 * The posts' states from their variants' (posts locked by the caller), audited when they change: $1
 * post ids, $2 each one's state before, $3 the reason.
 */
const RECOMPUTE_POSTS_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) AS i(post_id, before, reason)
  ),
  agg AS (
    SELECT post_id, CASE
      WHEN bool_or(state = 'publishing') THEN 'publishing'
      WHEN bool_or(state = 'scheduled') THEN
        CASE WHEN bool_or(state IN ('published', 'failed', 'missed')) THEN 'publishing' ELSE 'scheduled' END
      WHEN bool_or(state IN ('failed', 'missed')) THEN 'failed'
      WHEN bool_or(state = 'published') THEN 'published'
    END AS next
    FROM post_variants WHERE post_id IN (SELECT post_id FROM input)
    GROUP BY post_id
  ),
  u AS (
    UPDATE posts p SET state = agg.next, version = p.version + 1, updated_at = now()
      FROM agg
     WHERE p.id = agg.post_id AND agg.next IS NOT NULL AND p.state IN ('scheduled', 'publishing') AND p.state <> agg.next
    RETURNING p.id, p.workspace_id, p.state
  )
  INSERT INTO audit_log (workspace_id, actor, action, entity_type, entity_id, before, after, reason)
  SELECT u.workspace_id, 'system',
         CASE WHEN u.state = 'published' THEN 'post.publish'
              WHEN u.state = 'failed' AND i.before = 'scheduled' THEN 'post.miss'
              WHEN u.state = 'failed' THEN 'post.fail'
              WHEN u.state = 'scheduled' THEN 'post.retry'
              ELSE 'post.claim' END,
         'post', u.id::text, jsonb_build_object('state', i.before), jsonb_build_object('state', u.state), i.reason
    FROM u JOIN input i ON i.post_id = u.id`;

/** Takes the post's lock (first, as everyone does) and returns its state. */
async function lockPost(tx: PoolClient, postId: string): Promise<string | null> {
  const { rows } = await tx.query<{ state: string }>({
    name: 'gw_publish_lock_post',
    text: 'SELECT state FROM posts WHERE id = $1 FOR UPDATE',
    values: [postId],
  });
  return rows[0]?.state ?? null;
}

/** Recomputes these posts' states (see RECOMPUTE_POSTS_SQL); a post whose state before is null is left alone. */
async function recomputePosts(tx: PoolClient, posts: readonly { id: string; before: string | null; reason: string }[]): Promise<void> {
  const known = posts.filter((p) => p.before !== null);
  if (!known.length) return;
  await tx.query({
    name: 'gw_publish_recompute_posts',
    text: RECOMPUTE_POSTS_SQL,
    values: [known.map((p) => p.id), known.map((p) => p.before), known.map((p) => p.reason)],
  });
}

export interface ProcessorDeps {
  pool: Pool;
  registry: ConnectorRegistry;
  /** Where uploaded files are read from for the connectors (absent: variants with uploads fail as misconfigured). */
  mediaStorage?: MediaStorage;
  /** Where retries and deferrals are queued (the same queue the services use). */
  queue: PublishQueue;
  settings: PublishSettings;
  log?: Logger;
  random?: () => number;
  /** Runs inside the transaction that records a publish (measurement: the count, the metrics schedule). */
  afterPublish?: AfterPublish;
  /**
   * Wrap the links of each variant in tracked short links on this server (src/measure/links/) before
   * sending it; absent: variants go out as written.
   */
  trackLinks?: { publicUrl: string };
}

/** What follows publishes in the transaction that records them (src/measure/metrics/record-published.ts). */
export type AfterPublish = (tx: PoolClient, published: readonly PublishedVariant[]) => Promise<void>;

/** A publish waiting to be recorded (PublishProcessor's group commit). */
interface ToRecord {
  c: Claim;
  r: PublishResult;
  reconciled: 'found' | 'resent' | undefined;
  done: (recorded: boolean) => void;
  fail: (e: unknown) => void;
}

const MAX_RECORD_BATCH = 100;

/**
 * Publishes recorded, one statement for a batch: the posts' locks (first, in id order), the fenced
 * variant updates (state 'publishing', same token and attempt: a lost claim updates nothing), their
 * audit entries. Answers the variants recorded with their post's state before and what measurement
 * files their count under.
 */
const PUBLISHED_SQL = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::uuid[])
      AS i(id, token, attempts, remote_id, remote_url, published_at, reconciled, reason, post_id)
  ),
  post AS (SELECT id, state, strategy_id, campaign_id FROM posts WHERE id IN (SELECT post_id FROM input) ORDER BY id FOR UPDATE),
  v AS (
    UPDATE post_variants pv
       SET state = 'published', remote_id = i.remote_id, remote_url = i.remote_url, published_at = coalesce(i.published_at, now()),
           last_error = NULL, retry_at = NULL
      FROM input i, post
     WHERE pv.id = i.id AND pv.state = 'publishing' AND pv.schedule_token = i.token AND pv.attempts = i.attempts
       AND post.id = pv.post_id
    RETURNING pv.id, pv.post_id, pv.workspace_id, pv.channel_id, pv.remote_id, pv.remote_url, pv.published_at, pv.attempts,
              i.reconciled, i.reason, post.state AS before, post.strategy_id, post.campaign_id
  ),
  audited AS (
    INSERT INTO audit_log (workspace_id, actor, action, entity_type, entity_id, after, reason)
    SELECT workspace_id, 'system', 'post.variant_published', 'post', post_id::text,
           jsonb_build_object('variant', id, 'channel', channel_id, 'remoteId', remote_id, 'remoteUrl', remote_url,
                              'publishedAt', published_at, 'attempt', attempts, 'reconciled', reconciled),
           reason
      FROM v
  )
  SELECT id, post_id, workspace_id, channel_id, published_at, before, strategy_id, campaign_id FROM v`;

const errorText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class PublishProcessor {
  readonly #d: ProcessorDeps;
  readonly #log: Logger;
  readonly #random: () => number;
  /** Connections a network asked us to leave alone until then (Retry-After on a rate limit). */
  readonly #cooldown = new Map<string, number>();
  /** Publishes waiting to be recorded, and whether a batch is being recorded now. */
  readonly #toRecord: ToRecord[] = [];
  #recording = false;

  constructor(deps: ProcessorDeps) {
    this.#d = deps;
    this.#log = deps.log ?? silentLogger;
    this.#random = deps.random ?? Math.random;
  }

  /** Where each variant would be sent, for a batch of jobs (before claiming). */
  async routes(variantIds: readonly string[]): Promise<Map<string, Route>> {
    const { rows } = await this.#d.pool.query<{ id: string; connection_id: string | null; connector: ConnectorKind | null }>({
      name: 'gw_publish_routes',
      text: `SELECT v.id, cc.id AS connection_id, cc.connector
               FROM post_variants v JOIN posts p ON p.id = v.post_id
               LEFT JOIN channel_connections cc
                 ON cc.workspace_id = p.workspace_id AND cc.strategy_id = p.strategy_id AND cc.channel_id = v.channel_id
              WHERE v.id = ANY($1::uuid[])`,
      values: [variantIds],
    });
    return new Map(rows.map((r) => [r.id, { connectionId: r.connection_id, connector: r.connector }]));
  }

  /** Whether a network asked us to leave any connection alone for now (a rate limit's Retry-After). */
  pausedConnections(): boolean {
    const now = Date.now();
    for (const [id, until] of this.#cooldown) if (until <= now) this.#cooldown.delete(id);
    return this.#cooldown.size > 0;
  }

  /** Until when the network asked us to leave this route's connection alone (Retry-After on a rate limit), if it still does. */
  #coolingUntil(route: Route | undefined): number | undefined {
    if (!route?.connectionId) return undefined;
    const until = this.#cooldown.get(route.connectionId);
    if (until !== undefined && until <= Date.now()) this.#cooldown.delete(route.connectionId);
    return until !== undefined && until > Date.now() ? until : undefined;
  }

  /**
   * Claims the due variants of a batch of jobs in one statement (CLAIM_SQL); answers the claims by
   * variant id. Jobs of a connection the network asked to wait are not claimed (process() defers
   * them); one job per variant, the first.
   */
  async claim(jobs: readonly { job: PublishJobData; route?: Route }[]): Promise<Map<string, Claim>> {
    const seen = new Set<string>();
    const ready = jobs.filter(({ job, route }) => {
      if (seen.has(job.variantId) || this.#coolingUntil(route) !== undefined) return false;
      seen.add(job.variantId);
      return true;
    });
    if (!ready.length) return new Map();
    // Named: a prepared statement per connection, planned once (this is the hot path).
    const { rows } = await this.#d.pool.query<Claim>({
      name: 'gw_publish_claim',
      text: CLAIM_SQL,
      values: [ready.map((r) => r.job.variantId), ready.map((r) => r.job.scheduleToken), this.#d.settings.graceMs],
    });
    return new Map(rows.map((r) => [r.id, r]));
  }

  /**
   * Handles one job to its end. Throws only on unexpected (database) errors: the job is then retried.
   * `batch`: the job already went through claim() (with `claimed` what it gave), so it is not claimed again.
   * `networkDone`: called once the network has answered (or failed), before the outcome is recorded.
   */
  async process(job: PublishJobData, route?: Route, batch?: { claimed: Claim | undefined }, networkDone?: () => void): Promise<Outcome> {
    const { settings } = this.#d;
    if (batch?.claimed) return this.#send(batch.claimed, networkDone);
    const until = this.#coolingUntil(route);
    if (until !== undefined) return this.#defer(job, new Date(until), 'rate_limited');
    const claimed = batch ? undefined : (await this.claim([{ job, route }])).get(job.variantId);
    if (claimed) return this.#send(claimed, networkDone);

    // Nothing claimed: find out why (most often a job left over from a reschedule, edit or delete).
    const { rows } = await this.#d.pool.query<{
      state: string;
      current: boolean;
      run_at: Date | null;
      early: boolean | null;
      late: boolean | null;
      stale: boolean | null;
      post_state: string;
      deleted: boolean;
    }>(EXPLAIN_SQL, [job.variantId, job.scheduleToken, settings.graceMs, settings.claimTimeoutMs]);
    const v = rows[0];
    if (!v) return { kind: 'skipped', why: 'variant deleted' };
    if (!v.current) return { kind: 'skipped', why: 'schedule token superseded' };
    if (v.state === 'publishing') {
      if (!v.stale) return { kind: 'skipped', why: 'being published by another worker' };
      const reclaimed = await this.#d.pool.query<Claim>(RECLAIM_SQL, [job.variantId, job.scheduleToken, settings.claimTimeoutMs]);
      return reclaimed.rows[0] ? this.#send(reclaimed.rows[0], networkDone) : { kind: 'skipped', why: 'reconciled by another worker' };
    }
    if (v.state !== 'scheduled') return { kind: 'skipped', why: `variant is ${v.state}` };
    if (v.deleted || (v.post_state !== 'scheduled' && v.post_state !== 'publishing'))
      return { kind: 'skipped', why: `post is ${v.deleted ? 'deleted' : v.post_state}` };
    if (v.early && v.run_at) return this.#defer(job, v.run_at, 'early');
    if (v.late)
      return (await this.markMissed(job.variantId, job.scheduleToken)) ? { kind: 'missed' } : { kind: 'skipped', why: 'changed meanwhile' };
    return { kind: 'skipped', why: 'changed meanwhile' };
  }

  async #defer(job: PublishJobData, until: Date, why: 'early' | 'rate_limited'): Promise<Outcome> {
    await this.#d.queue.enqueue([{ variantId: job.variantId, scheduleToken: job.scheduleToken, dueAt: until }]);
    return { kind: 'deferred', until, why };
  }

  async #send(c: Claim, networkDone?: () => void): Promise<Outcome> {
    const connector = c.connector ? this.#d.registry.get(c.connector) : undefined;
    if (!c.connection_id || !c.connector) return this.#fail(c, `No account is connected to channel "${c.channel_id}".`);
    if (!connector) return this.#fail(c, `The ${c.connector} connector is not available in this build.`);
    let credentials: Credentials;
    try {
      credentials = c.credentials_enc === null ? {} : openCredentials(c.connection_id, c.credentials_enc);
    } catch (e) {
      // Only a missing or replaced key gets here (the operator's to fix); the message names the key id, never a secret.
      return this.#fail(c, `The connection's credentials could not be decrypted: ${(e as Error).message}.`);
    }
    const connection: Connection = {
      id: c.connection_id,
      workspaceId: c.workspace_id,
      channelId: c.channel_id,
      connector: c.connector,
      config: c.config ?? {},
      credentials,
    };
    // Before the lookup too: a network that recognises a post by its content (Mastodon) sees what was sent.
    // The same (variant, link) always gets the same short link, so every attempt sends the same text.
    const content = this.#d.trackLinks
      ? await wrapVariantLinks(this.#d.pool, this.#d.trackLinks.publicUrl, {
          id: c.id,
          postId: c.post_id,
          workspaceId: c.workspace_id,
          channelId: c.channel_id,
          content: c.content,
          connector: c.connector,
          limits: connector.limits.post,
        })
      : c.content;
    const variant: OutgoingVariant = {
      id: c.id,
      postId: c.post_id,
      workspaceId: c.workspace_id,
      channelId: c.channel_id,
      content,
      dueAt: c.due_at,
      attempt: c.attempts,
    };
    const signal = () => AbortSignal.timeout(connector.limits.timeoutMs);
    let looked = false;
    try {
      // Any attempt after the first may follow a send whose outcome is unknown: ask the network first.
      // With the variant: a network without lookup by key (Mastodon) recognises the post by its content.
      if (c.attempts > 1) {
        looked = true;
        const found = await connector.lookup(c.idempotency_key, { connection, variant, signal: signal() });
        if (found) {
          networkDone?.();
          return this.#published(c, found, 'found');
        }
      }
      const result = await connector.publish(variant, {
        connection,
        idempotencyKey: c.idempotency_key,
        signal: signal(),
        media: this.#d.mediaStorage ? mediaSource(this.#d.pool, this.#d.mediaStorage, c.workspace_id) : undefined,
      });
      networkDone?.();
      return this.#published(c, result, looked ? 'resent' : undefined);
    } catch (e) {
      networkDone?.();
      const err = classifyError(e);
      if (err instanceof PermanentError) return this.#fail(c, err.message);
      return this.#retry(c, err, connection.id);
    }
  }

  async #published(c: Claim, r: PublishResult, reconciled?: 'found' | 'resent'): Promise<Outcome> {
    const recorded = await new Promise<boolean>((done, fail) => {
      this.#toRecord.push({ c, r, reconciled, done, fail });
      if (!this.#recording) void this.#recordPending();
    });
    if (!recorded) {
      this.#log.warn(`variant ${c.id}: claim lost before its outcome (published as ${r.remoteId}) was recorded; the reconciler records it`);
      return { kind: 'lost_claim' };
    }
    return { kind: 'published', remoteId: r.remoteId, reconciled };
  }

  /**
   * Group commit: publishes that end while a batch is being recorded are recorded together in the
   * next one, so under load a transaction (and its commit, and its one update of the count's rollup)
   * serves many publishes, and alone a publish is recorded at once.
   */
  async #recordPending(): Promise<void> {
    this.#recording = true;
    try {
      while (this.#toRecord.length) {
        const batch = this.#toRecord.splice(0, MAX_RECORD_BATCH);
        try {
          const recorded = await this.#record(batch);
          for (const p of batch) p.done(recorded.has(p.c.id));
        } catch (e) {
          for (const p of batch) p.fail(e);
        }
      }
    } finally {
      this.#recording = false;
    }
  }

  /** Records a batch of publishes in one transaction; answers the variants recorded (the others lost their claim). */
  async #record(batch: readonly ToRecord[]): Promise<Set<string>> {
    return withTransaction(this.#d.pool, async (tx) => {
      const { rows } = await tx.query<{
        id: string;
        post_id: string;
        workspace_id: string;
        channel_id: string;
        published_at: Date;
        before: string;
        strategy_id: string;
        campaign_id: string | null;
      }>({
        name: 'gw_publish_published',
        text: PUBLISHED_SQL,
        values: [
          batch.map((p) => p.c.id),
          batch.map((p) => p.c.schedule_token),
          batch.map((p) => p.c.attempts),
          batch.map((p) => p.r.remoteId),
          batch.map((p) => p.r.remoteUrl),
          batch.map((p) => p.r.publishedAt ?? null),
          batch.map((p) => p.reconciled ?? null),
          batch.map((p) =>
            p.reconciled === 'found'
              ? `published on ${p.c.channel_id} (found on the network after an interrupted attempt)`
              : `published on ${p.c.channel_id}`,
          ),
          batch.map((p) => p.c.post_id),
        ],
      });
      if (!rows.length) return new Set<string>();
      // One entry per post (the last of its variants in the batch gives the reason).
      const posts = new Map(
        rows.map((row) => [row.post_id, { id: row.post_id, before: row.before, reason: `published on ${row.channel_id}` }]),
      );
      await recomputePosts(tx, [...posts.values()]);
      const connectors = new Map(batch.map((p) => [p.c.id, p.c.connector]));
      await this.#d.afterPublish?.(
        tx,
        rows.map((row) => ({
          variantId: row.id,
          connector: connectors.get(row.id) ?? null,
          workspaceId: row.workspace_id,
          postId: row.post_id,
          channelId: row.channel_id,
          publishedAt: row.published_at,
          strategyId: row.strategy_id,
          campaignId: row.campaign_id,
        })),
      );
      return new Set(rows.map((row) => row.id));
    });
  }

  async #fail(c: Claim, message: string): Promise<Outcome> {
    const ok = await withTransaction(this.#d.pool, async (tx) => {
      const before = await lockPost(tx, c.post_id);
      const { rowCount } = await tx.query(
        `WITH v AS (
           UPDATE post_variants SET state = 'failed', last_error = $4, retry_at = NULL
            WHERE id = $1 AND state = 'publishing' AND schedule_token = $2 AND attempts = $3
           RETURNING id, post_id, workspace_id, channel_id, attempts
         ),
         audited AS (
           INSERT INTO audit_log (workspace_id, actor, action, entity_type, entity_id, after, reason)
           SELECT workspace_id, 'system', 'post.variant_failed', 'post', post_id::text,
                  jsonb_build_object('variant', id, 'channel', channel_id, 'attempt', attempts, 'error', $4::text), $4
             FROM v
         )
         INSERT INTO notifications (workspace_id, user_id, kind, entity_type, entity_id, message)
         SELECT v.workspace_id, p.created_by, 'publish_failed', 'post', v.post_id::text,
                'Publishing to ' || v.channel_id || ' failed: ' || $4
           FROM v JOIN posts p ON p.id = v.post_id`,
        [c.id, c.schedule_token, c.attempts, message],
      );
      if (!rowCount) return false;
      await recomputePosts(tx, [{ id: c.post_id, before, reason: `failed on ${c.channel_id}: ${message}` }]);
      return true;
    });
    if (!ok) return { kind: 'lost_claim' };
    this.#log.warn(`variant ${c.id} failed on ${c.channel_id}: ${message}`);
    return { kind: 'failed', message };
  }

  #backoffMs(failures: number): number {
    const { retryBaseMs, retryMaxMs } = this.#d.settings;
    const full = Math.min(retryMaxMs, retryBaseMs * 2 ** (failures - 1));
    return full / 2 + (this.#random() * full) / 2;
  }

  async #retry(c: Claim, err: TransientError, connectionId: string): Promise<Outcome> {
    const failures = c.transient_failures + 1;
    if (failures >= this.#d.settings.maxAttempts) {
      return this.#fail(c, `Gave up after ${failures} attempts: ${err.message}`);
    }
    const delayMs = Math.max(this.#backoffMs(failures), err.retryAfterMs ?? 0);
    if (err.retryAfterMs !== undefined) this.#cooldown.set(connectionId, Date.now() + err.retryAfterMs);
    const retryAt = await withTransaction(this.#d.pool, async (tx) => {
      const before = await lockPost(tx, c.post_id);
      const { rows } = await tx.query<{ retry_at: Date }>(
        `WITH v AS (
           UPDATE post_variants SET state = 'scheduled', claimed_at = NULL, transient_failures = $4,
                  retry_at = now() + $5::double precision * interval '1 millisecond', last_error = $6
            WHERE id = $1 AND state = 'publishing' AND schedule_token = $2 AND attempts = $3
           RETURNING id, post_id, workspace_id, channel_id, attempts, retry_at
         ),
         audited AS (
           INSERT INTO audit_log (workspace_id, actor, action, entity_type, entity_id, after, reason)
           SELECT workspace_id, 'system', 'post.variant_retry', 'post', post_id::text,
                  jsonb_build_object('variant', id, 'channel', channel_id, 'attempt', attempts, 'retryAt', retry_at, 'error', $6::text), $6
             FROM v
         )
         SELECT retry_at FROM v`,
        [c.id, c.schedule_token, c.attempts, failures, delayMs, err.message],
      );
      if (!rows[0]) return null;
      await recomputePosts(tx, [{ id: c.post_id, before, reason: `retrying on ${c.channel_id}: ${err.message}` }]);
      return rows[0].retry_at;
    });
    if (!retryAt) return { kind: 'lost_claim' };
    try {
      await this.#d.queue.enqueue([{ variantId: c.id, scheduleToken: c.schedule_token, dueAt: retryAt }]);
    } catch (e) {
      // The variant is `scheduled` with its retry time: the sweeper queues it when it comes due.
      this.#log.warn(`variant ${c.id}: could not queue the retry (${errorText(e)}); the sweeper will`);
    }
    return { kind: 'retry', retryAt, message: err.message };
  }

  /**
   * Marks a variant missed (still scheduled with this token, and later than the grace period allows),
   * tells the owner, updates the post. Never silently dropped: the state, the audit entry and the
   * notification say so. Returns whether it was marked.
   */
  async markMissed(variantId: string, scheduleToken: string): Promise<boolean> {
    const graceMinutes = Math.round((this.#d.settings.graceMs / 60_000) * 10) / 10;
    return withTransaction(this.#d.pool, async (tx) => {
      const post = await tx.query<{ id: string; state: string }>(
        'SELECT p.id, p.state FROM posts p WHERE p.id = (SELECT post_id FROM post_variants WHERE id = $1) AND p.deleted_at IS NULL FOR UPDATE',
        [variantId],
      );
      const before = post.rows[0]?.state ?? null;
      if (before !== 'scheduled' && before !== 'publishing') return false;
      const { rowCount } = await tx.query(
        `WITH v AS (
           UPDATE post_variants
              SET state = 'missed', retry_at = NULL,
                  last_error = 'Not published: due ' || to_char(coalesce(retry_at, due_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') ||
                               ' UTC, and the scheduler only got to it ' || round(extract(epoch FROM now() - coalesce(retry_at, due_at)) / 60) ||
                               ' min later, beyond the ' || $4::text || '-minute grace period (was the worker down?). Reschedule it to publish.'
            WHERE id = $1 AND schedule_token = $2 AND state = 'scheduled'
              AND coalesce(retry_at, due_at) < now() - $3::double precision * interval '1 millisecond'
           RETURNING id, post_id, workspace_id, channel_id, due_at, last_error
         ),
         audited AS (
           INSERT INTO audit_log (workspace_id, actor, action, entity_type, entity_id, after, reason)
           SELECT workspace_id, 'system', 'post.variant_missed', 'post', post_id::text,
                  jsonb_build_object('variant', id, 'channel', channel_id, 'dueAt', due_at), last_error
             FROM v
         )
         INSERT INTO notifications (workspace_id, user_id, kind, entity_type, entity_id, message)
         SELECT v.workspace_id, p.created_by, 'publish_missed', 'post', v.post_id::text, v.channel_id || ': ' || v.last_error
           FROM v JOIN posts p ON p.id = v.post_id`,
        [variantId, scheduleToken, this.#d.settings.graceMs, String(graceMinutes)],
      );
      if (!rowCount) return false;
      await recomputePosts(tx, [{ id: post.rows[0]!.id, before, reason: 'missed: beyond the grace period' }]);
      this.#log.warn(`variant ${variantId} missed (beyond the ${graceMinutes}-minute grace period)`);
      return true;
    });
  }
}
