/**
 * The Bluesky sources kept running in the worker process: one firehose subscription per enabled
 * source, started and stopped as sources are added, disabled, reconfigured or deleted (checked every
 * few seconds), restarted with a growing delay after a failure, each resuming from its stored cursor.
 */
import { withTransaction, type Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { createOutbound, guardSocket } from '../../outbound/client.ts';
import { ingestMentions } from '../ingest.ts';
import { BlueskyStream } from './bluesky.ts';
import { DEFAULT_PLC_URL, type HandleResolver, resolveBlueskyHandles } from './bluesky-handles.ts';
import { describeSourceError } from './source-error.ts';

interface Running {
  url: string;
  stream: BlueskyStream;
  failures: number;
  retryAt: number;
}

export interface BlueskyStreamsOptions {
  pool: Pool;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Hosts exempt from the private-address refusal (OUTBOUND_ALLOW): relays are user-given URLs too. */
  outboundAllow?: readonly string[] | undefined;
  /** How often the sources table is checked. */
  checkMs?: number;
  /** First delay after a failure; doubled each time, at most 5 minutes. */
  backoffMs?: number;
  /** Posts' longest wait before they are stored (BlueskyStream). */
  flushMs?: number;
  /** The PLC directory authors' handles are looked up in (bluesky-handles.ts). */
  plcUrl?: string;
}

const MAX_BACKOFF_MS = 5 * 60_000;

export class BlueskyStreams {
  readonly #o: BlueskyStreamsOptions;
  readonly #running = new Map<string, Running>();
  /** Sources whose URL the address policy refuses, with that URL: not tried again until it changes. */
  readonly #refused = new Map<string, string>();
  readonly #guard: ReturnType<typeof guardSocket>;
  readonly #handles: HandleResolver;
  #timer: NodeJS.Timeout | undefined;
  #checking: Promise<void> = Promise.resolve();
  #stopped = true;

  constructor(options: BlueskyStreamsOptions) {
    this.#o = options;
    this.#guard = guardSocket(options.outboundAllow ?? []);
    // A DID document is small; a slow directory delays a batch, never more than this.
    const outbound = createOutbound({ allow: options.outboundAllow ?? [], timeoutMs: 5_000, maxBytes: 256_000 });
    this.#handles = { fetch: outbound.fetch, plcUrl: options.plcUrl ?? DEFAULT_PLC_URL };
  }

  start(): void {
    this.#stopped = false;
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#checking;
    await Promise.all([...this.#running.keys()].map((id) => this.#stopOne(id, 'idle')));
  }

  /** Brings the running streams in line with the table now (tests; the timer does it too). */
  check(): Promise<void> {
    this.#checking = this.#checking
      .then(() => this.#check())
      .catch((e: unknown) => this.#o.log.error(`bluesky streams: ${(e as Error).message}`));
    return this.#checking;
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      void this.check().finally(() => this.#schedule(this.#o.checkMs ?? 10_000));
    }, delay);
    this.#timer.unref();
  }

  async #check(): Promise<void> {
    if (this.#stopped) return;
    const { rows } = await this.#o.pool.query<{ id: string; url: string }>(
      `SELECT id, config->>'url' AS url FROM listening_sources WHERE kind = 'bluesky' AND enabled AND config->>'url' IS NOT NULL`,
    );
    const wanted = new Map(rows.map((r) => [r.id, r.url]));
    for (const [id, run] of this.#running) {
      if (wanted.get(id) !== run.url) await this.#stopOne(id, 'idle');
      else if (run.stream.failed && Date.now() >= run.retryAt) {
        await run.stream.stop().catch(() => undefined);
        this.#running.set(id, { ...run, stream: this.#open(id, run.url) });
      }
    }
    for (const [id, url] of wanted) {
      if (this.#running.has(id) || this.#refused.get(id) === url) continue;
      try {
        this.#guard.check(url);
      } catch (e) {
        this.#refused.set(id, url);
        await this.#o.pool.query(`UPDATE listening_sources SET status = 'error', last_error = $2 WHERE id = $1`, [
          id,
          describeSourceError(e),
        ]);
        continue;
      }
      this.#running.set(id, { url, stream: this.#open(id, url), failures: 0, retryAt: 0 });
      await this.#o.pool.query(`UPDATE listening_sources SET status = 'running', last_error = NULL WHERE id = $1`, [id]);
    }
  }

  #open(id: string, url: string): BlueskyStream {
    const { pool } = this.#o;
    const stream = new BlueskyStream({
      url,
      flushMs: this.#o.flushMs,
      reconnectDelayMs: this.#o.backoffMs,
      lookup: this.#guard.lookup,
      getCursor: async () => {
        const { rows } = await pool.query<{ cursor: string | null }>(`SELECT cursor FROM listening_sources WHERE id = $1`, [id]);
        const n = Number(rows[0]?.cursor);
        return rows[0]?.cursor && Number.isSafeInteger(n) ? n : undefined;
      },
      onBatch: async (batch, cursor) => {
        // Network lookups before the transaction opens: it holds no connection while they run.
        const mentions = await resolveBlueskyHandles(pool, this.#handles, batch);
        await withTransaction(pool, async (tx) => {
          const { rows } = await tx.query<{ workspace_id: string }>(
            `UPDATE listening_sources SET status = 'running', last_error = NULL WHERE id = $1 RETURNING workspace_id`,
            [id],
          );
          if (!rows[0]) return; // deleted meanwhile: the next check stops the stream
          await ingestMentions(tx, rows[0].workspace_id, id, mentions, { cursor: String(cursor) });
        });
        const run = this.#running.get(id);
        if (run) run.failures = 0;
      },
      onError: (e) => {
        const run = this.#running.get(id);
        if (run) {
          run.failures++;
          run.retryAt = Date.now() + Math.min(MAX_BACKOFF_MS, (this.#o.backoffMs ?? 3000) * 2 ** (run.failures - 1));
        }
        this.#o.log.warn(`bluesky source ${id}: ${describeSourceError(e)}`);
        void pool
          .query(`UPDATE listening_sources SET status = 'error', last_error = $2 WHERE id = $1`, [id, describeSourceError(e)])
          .catch(() => undefined);
      },
    });
    stream.start();
    return stream;
  }

  async #stopOne(id: string, status: 'idle'): Promise<void> {
    const run = this.#running.get(id);
    this.#running.delete(id);
    await run?.stream.stop().catch(() => undefined);
    await this.#o.pool.query(`UPDATE listening_sources SET status = $2 WHERE id = $1 AND status = 'running'`, [id, status]);
  }
}
