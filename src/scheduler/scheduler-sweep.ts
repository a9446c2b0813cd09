/**
 * The sweeper: the scheduler never relies on jobs alone. Run at worker start and every few seconds,
 * it looks at the variants themselves:
 *
 * 1. `scheduled` but later than the grace period (the worker was down): marked `missed`, audited,
 *    the owner notified — never silently dropped, never sent hours late.
 * 2. `scheduled`, due (or due within the look-ahead) and no live job for their schedule: the enqueue
 *    after commit failed, the job was lost, or the worker that fetched it died. Queued now, for its time.
 * 3. `publishing` with a claim older than the claim timeout (the worker died mid-publish, outcome
 *    unknown): queued, and the job re-claims and reconciles it against the network before any resend.
 * 4. Due times in the next interval: returned so the worker sets wake-up timers (lateness in tens
 *    of ms without polling hard).
 *
 * "Live job" = a pg-boss job for the schedule's key that is queued (`created`/`retry`), or active and
 * started less than the claim timeout ago. An active job older than that belongs to a dead worker.
 */
import type { Pool } from '../db/pool.ts';
import { pgBossProbes } from './jobs.ts';
import type { PublishQueue } from './queue.ts';
import type { PublishProcessor } from './worker-publish.ts';

export interface SweepSettings {
  graceMs: number;
  claimTimeoutMs: number;
  /** How far ahead to queue jobless variants and to set wake-ups (≥ the sweep interval). */
  lookaheadMs: number;
  /** Most rows handled per pass (the next pass continues). */
  limit?: number;
}

export interface SweepResult {
  missed: number;
  requeued: number;
  reconciling: number;
  /** Upcoming due times (ms since epoch), for wake-up timers. */
  wakeAt: number[];
}

const ms = (n: number) => `$${n}::double precision * interval '1 millisecond'`;

export async function sweep(pool: Pool, processor: PublishProcessor, queue: PublishQueue, settings: SweepSettings): Promise<SweepResult> {
  const limit = settings.limit ?? 1000;
  const result: SweepResult = { missed: 0, requeued: 0, reconciling: 0, wakeAt: [] };

  // 1. Too late to publish.
  const late = await pool.query<{ id: string; schedule_token: string }>(
    `SELECT v.id, v.schedule_token FROM post_variants v JOIN posts p ON p.id = v.post_id
      WHERE v.state = 'scheduled' AND v.schedule_token IS NOT NULL
        AND v.due_at < now() - ${ms(1)} AND coalesce(v.retry_at, v.due_at) < now() - ${ms(1)}
        AND p.deleted_at IS NULL AND p.state IN ('scheduled', 'publishing')
      ORDER BY v.due_at LIMIT $2`,
    [settings.graceMs, Math.min(limit, 200)],
  );
  for (const r of late.rows) if (await processor.markMissed(r.id, r.schedule_token)) result.missed++;

  // 2 + 3. Due (or soon due) without a live job; claims whose worker died. Written so that every
  // check of a candidate is an index probe (job_i17: queued jobs by key) or a scan of the few active
  // jobs: with stale statistics during a burst, an anti-join planned as a nested loop over a
  // sequential scan of the job table would be quadratic in the backlog.
  const orphans = await pool.query<{ id: string; schedule_token: string; run_at: Date; state: string }>(
    `WITH candidates AS MATERIALIZED (
        (SELECT v.id, v.schedule_token, coalesce(v.retry_at, v.due_at) AS run_at, v.state
           FROM post_variants v
          WHERE v.state = 'scheduled' AND v.schedule_token IS NOT NULL
            AND v.due_at <= now() + ${ms(2)}
            AND coalesce(v.retry_at, v.due_at) <= now() + ${ms(2)}
            AND coalesce(v.retry_at, v.due_at) >= now() - ${ms(1)}
          ORDER BY v.due_at LIMIT $5)
        UNION ALL
        (SELECT v.id, v.schedule_token, now(), v.state
           FROM post_variants v
          WHERE v.state = 'publishing' AND v.schedule_token IS NOT NULL AND v.claimed_at < now() - ${ms(3)}
          LIMIT $5)
      ),
      active AS MATERIALIZED (${pgBossProbes.activeKeys(ms(3))})
      SELECT c.id, c.schedule_token, c.run_at, c.state FROM candidates c
       WHERE NOT EXISTS (${pgBossProbes.queued("c.id::text || ':' || c.schedule_token::text")})
         AND NOT EXISTS (SELECT 1 FROM active a WHERE a.singleton_key = c.id::text || ':' || c.schedule_token::text)
       ORDER BY c.run_at LIMIT $4`,
    [settings.graceMs, settings.lookaheadMs, settings.claimTimeoutMs, limit, limit * 5],
  );
  if (orphans.rows.length) {
    await queue.enqueue(orphans.rows.map((r) => ({ variantId: r.id, scheduleToken: r.schedule_token, dueAt: r.run_at })));
    for (const r of orphans.rows) r.state === 'publishing' ? result.reconciling++ : result.requeued++;
  }

  // 4. Wake-ups for what comes due before the next pass.
  const upcoming = await pool.query<{ at: Date }>(
    `SELECT DISTINCT coalesce(v.retry_at, v.due_at) AS at FROM post_variants v
      WHERE v.state = 'scheduled' AND v.due_at <= now() + ${ms(1)}
        AND coalesce(v.retry_at, v.due_at) > now() AND coalesce(v.retry_at, v.due_at) <= now() + ${ms(1)}
      ORDER BY 1 LIMIT 500`,
    [settings.lookaheadMs],
  );
  result.wakeAt = upcoming.rows.map((r) => r.at.getTime());
  return result;
}
