/**
 * The publish worker: pulls due jobs from pg-boss as fast as it has free slots, runs each through
 * the PublishProcessor (claim → send → record) under per-connector concurrency limits, settles the
 * jobs in batches, and runs the sweeper on an interval. Round trips are per batch, not per publish:
 * a fetched batch is claimed in one statement (while the next fetch runs) and publishes are recorded
 * in group commits (worker-publish.ts); what is left per publish is the network's own request.
 *
 * The fetch loop is ours rather than `boss.work()`: `work()` hands a batch to a handler and fetches
 * the next only when the whole batch is done, so one slow network call holds up the others; here a
 * slot freed by any job is refilled at once. Lateness stays low without hard polling: in-process
 * enqueues and the sweeper's look-ahead set wake-up timers at due times; the idle poll is a backstop.
 *
 * `startPublishing` wires the role: pg-boss on the app's database, the queue every role needs, and
 * (for the worker role) the worker itself, with network metrics collection (src/measure/metrics/).
 */
import type { Job, PgBoss } from 'pg-boss';
import type { Config } from '../config.ts';
import type { Pool } from '../db/pool.ts';
import type { ConnectorKind } from '../connectors/connector.ts';
import { createDefaultRegistry } from '../connections/default-registry.ts';
import type { ConnectorRegistry } from '../connectors/registry.ts';
import { parseLatency } from '../connectors/sandbox/sandbox.ts';
import type { MediaStorage } from '../media/storage.ts';
import { PgBossPublishQueue, PUBLISH_QUEUE, startBoss, type PublishJobData } from './jobs.ts';
import { sweep } from './scheduler-sweep.ts';
import { scheduleVerification } from './scheduler-verify.ts';
import { scheduleReportJob } from '../measure/reports/job.ts';
import { scheduleSpikeJob } from '../listening/alerts/job.ts';
import { scheduleReviews } from '../measure/review/review-job.ts';
import { scheduleInboxPolling } from '../inbox/poll-job.ts';
import { startListeningJobs } from '../listening/sources/listening-jobs.ts';
import { silentLogger } from '../logger.ts';
import { reachableFromOutside } from '../measure/links/wrap.ts';
import { startMetricsCollection } from '../measure/metrics/start-collection.ts';
import {
  PublishProcessor,
  type AfterPublish,
  type Claim,
  type Logger,
  type Outcome,
  type PublishSettings,
  type Route,
} from './worker-publish.ts';

export interface WorkerSettings extends PublishSettings {
  /** Jobs in flight at once in this process: from their fetch to the network's answer (recording it is batched apart). */
  concurrency: number;
  pollIntervalMs: number;
  sweepIntervalMs: number;
}

export function workerSettings(c: Config['publish']): WorkerSettings {
  return {
    graceMs: c.graceMinutes * 60_000,
    claimTimeoutMs: c.claimTimeoutSeconds * 1000,
    maxAttempts: c.maxAttempts,
    retryBaseMs: c.retryBaseSeconds * 1000,
    retryMaxMs: c.retryMaxSeconds * 1000,
    concurrency: c.concurrency,
    pollIntervalMs: c.pollIntervalMs,
    sweepIntervalMs: c.sweepIntervalSeconds * 1000,
  };
}

/** Counts of outcomes since start (for logs, tests and the benchmark). */
export type WorkerStats = Record<Outcome['kind'] | 'errors', number>;

class Semaphore {
  #free: number;
  readonly #waiting: (() => void)[] = [];
  constructor(n: number) {
    this.#free = n;
  }
  async acquire(): Promise<() => void> {
    if (this.#free > 0) this.#free--;
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    return this.#releaser();
  }
  get free(): number {
    return this.#free;
  }
  /** A slot if one is free now, without waiting. */
  tryAcquire(): (() => void) | undefined {
    if (this.#free <= 0) return undefined;
    this.#free--;
    return this.#releaser();
  }
  #releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next) next();
      else this.#free++;
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const wellFormed = (job: Job<PublishJobData>) => UUID.test(String(job.data?.variantId)) && UUID.test(String(job.data?.scheduleToken));

const WAKE_BUCKET_MS = 20;
const MAX_TIMER_MS = 10 * 60_000;
const MAX_FETCH = 100;

export interface PublishWorkerOptions {
  boss: PgBoss;
  pool: Pool;
  queue: PgBossPublishQueue;
  registry: ConnectorRegistry;
  settings: WorkerSettings;
  /** Where the connectors read uploaded files from. */
  mediaStorage?: MediaStorage;
  log?: Logger;
  random?: () => number;
  /** Runs inside the transaction that records each publish. */
  afterPublish?: AfterPublish;
  /** Wrap links in tracked short links on this server before sending (PublishProcessor). */
  trackLinks?: { publicUrl: string };
}

export class PublishWorker {
  readonly processor: PublishProcessor;
  readonly stats: WorkerStats = { published: 0, retry: 0, failed: 0, missed: 0, deferred: 0, skipped: 0, lost_claim: 0, errors: 0 };
  readonly #o: PublishWorkerOptions;
  readonly #log: Logger;
  readonly #kinds = new Map<ConnectorKind | 'none', Semaphore>();
  readonly #timers = new Map<number, NodeJS.Timeout>();
  /** Jobs holding a slot: fetched, and not yet answered by the network (or settled without it). */
  #inFlight = 0;
  /** Jobs dispatched and not yet settled (their outcome may still be being recorded). */
  #unsettled = 0;
  #running = false;
  #loop: Promise<void> | undefined;
  #wakeResolver: (() => void) | undefined;
  #wakePending = false;
  #flushTimer: NodeJS.Timeout | undefined;
  #slotFreed: (() => void) | undefined;
  #drained: (() => void) | undefined;
  #toComplete: Job<PublishJobData>[] = [];
  #flushing: Promise<void> | undefined;
  #sweepTimer: NodeJS.Timeout | undefined;
  #sweeping: Promise<void> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(options: PublishWorkerOptions) {
    this.#o = options;
    this.#log = options.log ?? silentLogger;
    this.processor = new PublishProcessor({
      pool: options.pool,
      registry: options.registry,
      mediaStorage: options.mediaStorage,
      queue: options.queue,
      settings: options.settings,
      log: this.#log,
      random: options.random,
      afterPublish: options.afterPublish,
      trackLinks: options.trackLinks,
    });
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe = this.#o.queue.onEnqueue((jobs) => {
      for (const j of jobs) this.#wakeAt(j.dueAt.getTime());
    });
    this.#loop = this.#run();
    // Start-up sweep at once (posts that came due while no worker ran), then on the interval.
    this.#sweepSoon(0);
  }

  /** Stops fetching, lets jobs in flight finish (up to `timeoutMs`), settles them. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    this.#unsubscribe?.();
    clearTimeout(this.#sweepTimer);
    for (const t of this.#timers.values()) clearTimeout(t);
    this.#timers.clear();
    this.#wakeUp();
    this.#slotFreed?.();
    await this.#loop;
    if (this.#inFlight > 0 || this.#unsettled > 0) {
      await Promise.race([new Promise<void>((r) => (this.#drained = r)), new Promise((r) => setTimeout(r, timeoutMs).unref())]);
    }
    await this.#sweeping;
    await this.#flush();
  }

  /** Runs one sweep now (tests; the interval runs it too). */
  async sweepNow(): Promise<void> {
    const s = this.#o.settings;
    const r = await sweep(this.#o.pool, this.processor, this.#o.queue, {
      graceMs: s.graceMs,
      claimTimeoutMs: s.claimTimeoutMs,
      lookaheadMs: Math.max(60_000, 2 * s.sweepIntervalMs),
    });
    for (const at of r.wakeAt) this.#wakeAt(at);
    if (r.missed || r.requeued || r.reconciling) {
      this.#log.info(`sweep: ${r.missed} missed, ${r.requeued} re-queued, ${r.reconciling} dead claims to reconcile`);
    }
    if (r.requeued || r.reconciling) this.#wakeUp();
  }

  #sweepSoon(delayMs: number): void {
    if (!this.#running) return;
    this.#sweepTimer = setTimeout(() => {
      this.#sweeping = this.sweepNow()
        .catch((e) => this.#log.error(`sweep failed: ${(e as Error).message}`))
        .finally(() => {
          this.#sweeping = undefined;
          // ±10% jitter keeps several workers from sweeping in lockstep.
          this.#sweepSoon(this.#o.settings.sweepIntervalMs * (0.9 + Math.random() * 0.2));
        });
    }, delayMs);
    this.#sweepTimer.unref();
  }

  #wakeAt(at: number): void {
    if (!this.#running) return;
    const delay = at - Date.now();
    if (delay <= 0) {
      this.#wakeUp();
      return;
    }
    if (delay > MAX_TIMER_MS) return; // the sweeper's look-ahead sets it when it comes near
    const bucket = Math.ceil(at / WAKE_BUCKET_MS) * WAKE_BUCKET_MS;
    if (this.#timers.has(bucket)) return;
    const timer = setTimeout(
      () => {
        this.#timers.delete(bucket);
        this.#wakeUp();
      },
      bucket - Date.now() + 2,
    );
    timer.unref();
    this.#timers.set(bucket, timer);
  }

  /** Ends the fetch loop's idle wait now, or makes the next one return at once. */
  #wakeUp(): void {
    this.#wakePending = true;
    this.#wakeResolver?.();
  }

  #sleep(ms: number): Promise<void> {
    if (this.#wakePending) {
      this.#wakePending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(t);
        this.#wakeResolver = undefined;
        this.#wakePending = false;
        resolve();
      };
      const t = setTimeout(done, ms);
      this.#wakeResolver = done;
    });
  }

  #semaphore(kind: ConnectorKind | null): Semaphore {
    const key = kind ?? 'none';
    let s = this.#kinds.get(key);
    if (!s) {
      const declared = kind ? this.#o.registry.get(kind)?.limits.concurrency : undefined;
      s = new Semaphore(Math.max(1, Math.min(declared ?? this.#o.settings.concurrency, this.#o.settings.concurrency)));
      this.#kinds.set(key, s);
    }
    return s;
  }

  async #run(): Promise<void> {
    const { boss, settings } = this.#o;
    // Under a backlog, fetch in batches of a few freed slots rather than one job per freed slot.
    const minFetch = Math.max(1, Math.min(16, Math.floor(settings.concurrency / 4)));
    while (this.#running) {
      const free = settings.concurrency - this.#inFlight;
      if (free <= 0 || (free < minFetch && this.#inFlight > 0)) {
        await new Promise<void>((r) => (this.#slotFreed = r));
        continue;
      }
      const want = Math.min(free, MAX_FETCH);
      let jobs: Job<PublishJobData>[];
      // This fetch sees everything due so far: wake-ups before it are spent.
      this.#wakePending = false;
      try {
        jobs = await boss.fetch<PublishJobData>(PUBLISH_QUEUE, { batchSize: want });
      } catch (e) {
        this.stats.errors++;
        this.#log.error(`fetch failed: ${(e as Error).message}`);
        await this.#sleep(Math.max(1000, settings.pollIntervalMs));
        continue;
      }
      const fetched = jobs.length;
      // A malformed job (not ours) must not poison the batch: settled at once, never sent.
      const malformed = jobs.filter((j) => !wellFormed(j));
      if (malformed.length) {
        this.#log.warn(`settling ${malformed.length} malformed publish job(s) without sending`);
        this.stats.skipped += malformed.length;
        this.#toComplete.push(...malformed);
        jobs = jobs.filter(wellFormed);
      }
      // The slots are taken now, and the batch is routed, claimed and sent while the next fetch runs.
      this.#inFlight += jobs.length;
      if (jobs.length) void this.#start(jobs);
      // A short batch means the queue has nothing more due: wait for a wake-up or the poll.
      if (fetched < want && this.#running) await this.#sleep(settings.pollIntervalMs);
    }
  }

  async #start(fetched: Job<PublishJobData>[]): Promise<void> {
    let jobs = fetched;
    // The usual case: every connector has a slot free for the whole batch and no network asked us to
    // wait. The batch is then claimed at once, and each claim says where its job goes (no routing query).
    if (!this.processor.pausedConnections() && this.#roomForAll(jobs.length)) {
      let claims: Map<string, Claim> | undefined;
      try {
        claims = await this.processor.claim(jobs.map((j) => ({ job: j.data })));
      } catch (e) {
        // Routed and claimed job by job below (each failed back to pg-boss if that fails too).
        this.stats.errors++;
        this.#log.error(`claiming ${jobs.length} jobs failed: ${(e as Error).message}`);
      }
      if (claims) {
        const unclaimed: Job<PublishJobData>[] = [];
        for (const job of jobs) {
          const claim = claims.get(job.data.variantId);
          // One job per variant gets its claim; a second job for it is explained (and skipped).
          claims.delete(job.data.variantId);
          if (!claim) {
            unclaimed.push(job);
            continue;
          }
          const route = { connectionId: claim.connection_id, connector: claim.connector };
          const release = this.#semaphore(route.connector).tryAcquire();
          this.#dispatch(job, route, { release, batch: { claimed: claim } });
        }
        if (!unclaimed.length) return;
        jobs = unclaimed;
      }
    }
    let routes: Map<string, Route>;
    try {
      routes = await this.processor.routes(jobs.map((j) => j.data.variantId));
    } catch (e) {
      // Left active in pg-boss: the sweeper re-queues their variants (as for a worker that died after fetching).
      this.stats.errors++;
      this.#log.error(`routing ${jobs.length} jobs failed: ${(e as Error).message}`);
      for (const _ of jobs) this.#slotDone();
      return;
    }
    if (jobs === fetched) await this.#claimAndDispatch(jobs, routes);
    // Already through the batch claim: explained, not claimed again.
    else for (const job of jobs) this.#dispatch(job, routes.get(job.data.variantId), { batch: { claimed: undefined } });
  }

  /** Whether every connector (and "none") has a slot free for `n` more jobs now. */
  #roomForAll(n: number): boolean {
    return [...this.#o.registry.kinds(), null].every((kind) => this.#semaphore(kind).free >= n);
  }

  /** A job's slot is free again. */
  #slotDone(): void {
    this.#inFlight--;
    const freed = this.#slotFreed;
    this.#slotFreed = undefined;
    freed?.();
    this.#drainedIfIdle();
  }

  #drainedIfIdle(): void {
    if (this.#inFlight === 0 && this.#unsettled === 0) this.#drained?.();
  }

  /**
   * The jobs whose connector has a slot free now are claimed together, in one statement; the others
   * wait for a slot and claim on their own. One job per variant joins the batch (a second job for the
   * same variant finds it claimed and is skipped).
   */
  async #claimAndDispatch(jobs: readonly Job<PublishJobData>[], routes: Map<string, Route>): Promise<void> {
    const ready: { job: Job<PublishJobData>; route: Route | undefined; release: () => void }[] = [];
    const waiting: Job<PublishJobData>[] = [];
    const variants = new Set<string>();
    for (const job of jobs) {
      const route = routes.get(job.data.variantId);
      const release = variants.has(job.data.variantId) ? undefined : this.#semaphore(route?.connector ?? null).tryAcquire();
      variants.add(job.data.variantId);
      if (release) ready.push({ job, route, release });
      else waiting.push(job);
    }
    let claims: Map<string, Claim> | undefined;
    try {
      claims = ready.length ? await this.processor.claim(ready.map((r) => ({ job: r.job.data, route: r.route }))) : undefined;
    } catch (e) {
      // Each job then claims on its own (and is failed back to pg-boss if that fails too).
      this.stats.errors++;
      this.#log.error(`claiming ${ready.length} jobs failed: ${(e as Error).message}`);
    }
    for (const r of ready) {
      this.#dispatch(r.job, r.route, { release: r.release, batch: claims && { claimed: claims.get(r.job.data.variantId) } });
    }
    for (const job of waiting) this.#dispatch(job, routes.get(job.data.variantId));
  }

  #dispatch(
    job: Job<PublishJobData>,
    route: Route | undefined,
    /** `release`: the connector's slot, already taken; `batch`: what the batch claim gave (see process()). */
    given: { release?: () => void; batch?: { claimed: Claim | undefined } } = {},
  ): void {
    this.#unsettled++;
    void (async () => {
      const release = given.release ?? (await this.#semaphore(route?.connector ?? null).acquire());
      let slotHeld = true;
      // The slots are the network's: freed as soon as it has answered, while the outcome is recorded
      // (the variant stays claimed until then, so nothing else sends it).
      const freeSlot = () => {
        if (!slotHeld) return;
        slotHeld = false;
        release();
        this.#slotDone();
      };
      try {
        const outcome = await this.processor.process(job.data, route, given.batch, freeSlot);
        this.stats[outcome.kind]++;
        this.#toComplete.push(job);
        if (this.#toComplete.length >= 50) void this.#flush();
        else if (!this.#flushTimer) {
          this.#flushTimer = setTimeout(() => {
            this.#flushTimer = undefined;
            void this.#flush();
          }, 20);
          this.#flushTimer.unref();
        }
      } catch (e) {
        // Unexpected (database) trouble: let pg-boss retry the job with its backoff.
        this.stats.errors++;
        this.#log.error(`job ${job.id} (variant ${job.data.variantId}) failed: ${(e as Error).message}`);
        await this.#o.boss.fail(PUBLISH_QUEUE, job, { message: (e as Error).message }).catch(() => undefined);
      } finally {
        freeSlot();
        this.#unsettled--;
        this.#drainedIfIdle();
      }
    })();
  }

  async #flush(): Promise<void> {
    if (this.#flushing !== undefined) await this.#flushing;
    if (!this.#toComplete.length) return;
    const batch = this.#toComplete;
    this.#toComplete = [];
    this.#flushing = this.#o.boss
      .complete(PUBLISH_QUEUE, batch)
      .then(() => undefined)
      .catch((e) => {
        // Not fatal: a job left active is re-checked by the sweeper, and its variant already says what happened.
        this.#log.warn(`could not settle ${batch.length} jobs: ${(e as Error).message}`);
      })
      .finally(() => (this.#flushing = undefined));
    await this.#flushing;
  }
}

export interface PublishingRole {
  queue: PgBossPublishQueue;
  worker: PublishWorker | undefined;
  boss: PgBoss;
  stop(): Promise<void>;
}

export interface StartPublishingOptions {
  /** The app's database (pg-boss installs itself in schema `pgboss` there). */
  url: string;
  /** Pool for the worker's queries (a dedicated one keeps web requests clear of publishing bursts). */
  pool: Pool;
  /** With `publicUrl`, links in posts are wrapped in tracked short links on it (where the workspace tracks links). */
  config: Pick<Config, 'publish'> & Partial<Pick<Config, 'outboundAllow' | 'publicUrl' | 'blueskyPlcUrl'>>;
  /** Start the worker in this process (SERVICES includes `worker`). */
  worker: boolean;
  registry?: ConnectorRegistry;
  mediaStorage?: MediaStorage;
  log?: Logger;
}

/** The process's connectors, the sandbox set up from the configuration (latency, failure rate), outbound requests limited by OUTBOUND_ALLOW. */
export function registryFromConfig(config: Pick<Config, 'publish'> & Partial<Pick<Config, 'outboundAllow'>>, db: Pool): ConnectorRegistry {
  return createDefaultRegistry({
    db,
    outboundAllow: config.outboundAllow,
    sandbox: { latencyMs: parseLatency(config.publish.sandboxLatencyMs), transientFailureRate: config.publish.sandboxFailureRate },
  });
}

/** Starts pg-boss, the queue the post services use, and — for the worker role — the worker. */
export async function startPublishing(options: StartPublishingOptions): Promise<PublishingRole> {
  const log = options.log ?? silentLogger;
  const settings = workerSettings(options.config.publish);
  const boss = await startBoss(options.url, { supervise: options.worker, onError: (e) => log.error(`pg-boss: ${e.message}`) });
  const queue = new PgBossPublishQueue(boss);
  let worker: PublishWorker | undefined;
  let listening: { stop(): Promise<void> } | undefined;
  try {
    if (options.worker) {
      const registry = options.registry ?? registryFromConfig(options.config, options.pool);
      const slowest = Math.max(0, ...registry.kinds().map((k) => registry.get(k)?.limits.timeoutMs ?? 0));
      if (settings.claimTimeoutMs <= slowest) {
        // Safe (the resend carries the same idempotency key) but wasteful: a slow publish still in flight would be reconciled.
        log.warn(
          `PUBLISH_CLAIM_TIMEOUT_SECONDS (${settings.claimTimeoutMs / 1000} s) is not above the slowest connector's timeout (${slowest / 1000} s)`,
        );
      }
      // Network metrics run where publishing does; their queues exist before the first publish schedules into them.
      const metrics = await startMetricsCollection({ boss, pool: options.pool, registry, log });
      const { publicUrl } = options.config;
      if (publicUrl !== undefined && !reachableFromOutside(publicUrl)) {
        log.warn(
          `PUBLIC_URL is ${publicUrl}: links in posts go out as written (not as tracked short links) to real networks until it is the address people reach this server at`,
        );
      }
      worker = new PublishWorker({
        boss,
        pool: options.pool,
        queue,
        registry,
        settings,
        mediaStorage: options.mediaStorage,
        log,
        afterPublish: metrics.afterPublish,
        trackLinks: publicUrl === undefined ? undefined : { publicUrl },
      });
      worker.start();
      await scheduleVerification(boss, options.pool, registry, { cron: options.config.publish.verifyCron, log });
      await scheduleReportJob(boss, options.pool, { outboundAllow: options.config.outboundAllow, log });
      await scheduleReviews(boss, options.pool, { log });
      await scheduleSpikeJob(boss, options.pool, { outboundAllow: options.config.outboundAllow, log });
      await scheduleInboxPolling(boss, options.pool, registry, { log });
      listening = await startListeningJobs({
        boss,
        pool: options.pool,
        outboundAllow: options.config.outboundAllow,
        plcUrl: options.config.blueskyPlcUrl,
        log,
      });
    }
  } catch (e) {
    await listening?.stop();
    await worker?.stop();
    await boss.stop({ graceful: false, close: true });
    throw e;
  }
  return {
    queue,
    worker,
    boss,
    stop: async () => {
      await listening?.stop();
      await worker?.stop();
      await boss.stop({ graceful: false, close: true });
    },
  };
}
