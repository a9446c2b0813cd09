/**
 * The hourly spike check (../alerts/job.ts runs it): for every query not archived, the hour just
 * ended against the same hour of each of the 7 days before (./spike.ts), with the workspace's k and
 * minimum count. A spike is stored once per query and hour (UNIQUE (query_id, hour): a re-run, a
 * retry or a second worker inserts nothing), and in the same transaction the workspace's owners,
 * strategists and analysts — those who manage listening (`listening.write`) — are notified in-app.
 * Then every alert still waiting for the webhook is POSTed, signed, through the guarded outbound
 * client; an alert whose delivery was cut short by a crash goes out on the next run.
 * Hours are UTC hours: in a zone with daylight saving the comparison shifts by one hour for a week
 * twice a year, which a 7-day baseline absorbs.
 */
import { postSignedEvent } from '../../connectors/webhook/signed-event.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import type { Logger } from '../../logger.ts';
import { notify } from '../../notifications/notify.ts';
import { BASELINE_DAYS, DEFAULT_K, DEFAULT_MIN_COUNT, spikeDecision } from './spike.ts';
import { openAlertSecret } from './webhook-secret.ts';

const HOUR_MS = 3_600_000;
/** The roles told in-app: those with listening.write (src/workspace/policy.ts). */
const TOLD_ROLES = ['owner', 'strategist', 'analyst'];

export interface SpikeRun {
  hour: string;
  evaluated: number;
  alerts: number;
  delivered: number;
  failed: number;
}

/** Checks the hour that ended at or before `now` (the start of `now`'s hour). */
export async function runSpikeAlerts(
  pool: Pool,
  options: { now: Date; fetch: typeof globalThis.fetch; log: Pick<Logger, 'warn'> },
): Promise<SpikeRun> {
  const hour = new Date(Math.floor(options.now.getTime() / HOUR_MS) * HOUR_MS - HOUR_MS);
  // Day 0 is the hour evaluated, days 1–7 its baseline: one index range scan per query and day.
  const { rows } = await pool.query<{
    workspace_id: string;
    query_id: string;
    name: string;
    k: number | null;
    min_count: number | null;
    counts: string[];
  }>(
    `SELECT q.workspace_id, q.id AS query_id, q.name, s.k, s.min_count,
            array(SELECT count(mm.mention_id) FROM generate_series(0, $2::int) d
                    LEFT JOIN mention_matches mm ON mm.workspace_id = q.workspace_id AND mm.query_id = q.id
                          AND mm.posted_at >= $1::timestamptz - make_interval(days => d)
                          AND mm.posted_at < $1::timestamptz - make_interval(days => d) + interval '1 hour'
                   GROUP BY d ORDER BY d) AS counts
       FROM listening_queries q LEFT JOIN listening_alert_settings s ON s.workspace_id = q.workspace_id
      WHERE q.archived_at IS NULL AND q.created_at < $1::timestamptz + interval '1 hour'
        AND EXISTS (SELECT 1 FROM mention_matches x WHERE x.workspace_id = q.workspace_id AND x.query_id = q.id
                       AND x.posted_at >= $1 AND x.posted_at < $1::timestamptz + interval '1 hour')`,
    [hour, BASELINE_DAYS],
  );
  let alerts = 0;
  for (const r of rows) {
    const [count, ...previous] = r.counts.map(Number);
    const k = r.k ?? DEFAULT_K;
    const d = spikeDecision({ count: count!, previous, k, minCount: r.min_count ?? DEFAULT_MIN_COUNT });
    if (!d.spike) continue;
    const raised = await withTransaction(pool, async (tx) => {
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO listening_alerts (workspace_id, query_id, hour, mentions, mean, stddev, threshold, k, webhook_status)
         SELECT $1, $2, $3, $4, $5, $6, $7, $8,
                CASE WHEN EXISTS (SELECT 1 FROM listening_alert_settings WHERE workspace_id = $1 AND webhook_url IS NOT NULL)
                     THEN 'pending' ELSE 'none' END
         ON CONFLICT (query_id, hour) DO NOTHING RETURNING id`,
        [r.workspace_id, r.query_id, hour, count, d.mean, d.stddev, d.threshold, k],
      );
      if (!inserted.rowCount) return false;
      const { rows: members } = await tx.query<{ user_id: string }>(
        'SELECT user_id FROM memberships WHERE workspace_id = $1 AND role = ANY($2) ORDER BY user_id',
        [r.workspace_id, TOLD_ROLES],
      );
      const message = `Spike on "${r.name}": ${count} mentions in the hour from ${hour.toISOString().slice(11, 16)} UTC on ${hour.toISOString().slice(0, 10)}, against ${d.mean.toFixed(1)} usually at that hour.`;
      await notify(
        tx,
        r.workspace_id,
        members.map((m) => ({ userId: m.user_id, kind: 'listening_spike', entityType: 'listening_query', entityId: r.query_id, message })),
      );
      return true;
    });
    if (raised) alerts++;
  }
  const { delivered, failed } = await deliverPending(pool, options);
  return { hour: hour.toISOString(), evaluated: rows.length, alerts, delivered, failed };
}

interface PendingRow {
  id: string;
  workspace_id: string;
  query_id: string;
  name: string;
  hour: Date;
  mentions: number;
  mean: number;
  stddev: number;
  threshold: number;
  k: number;
  settings_id: string | null;
  webhook_url: string | null;
  webhook_secret_enc: string | null;
}

/** POSTs every alert waiting for its webhook; each ends delivered or failed (with Groundwork's words for why). */
async function deliverPending(
  pool: Pool,
  options: { fetch: typeof globalThis.fetch; log: Pick<Logger, 'warn'> },
): Promise<{ delivered: number; failed: number }> {
  const { rows } = await pool.query<PendingRow>(
    `SELECT a.id, a.workspace_id, a.query_id, q.name, a.hour, a.mentions, a.mean, a.stddev, a.threshold, a.k,
            s.id AS settings_id, s.webhook_url, s.webhook_secret_enc
       FROM listening_alerts a JOIN listening_queries q ON q.id = a.query_id
       LEFT JOIN listening_alert_settings s ON s.workspace_id = a.workspace_id
      WHERE a.webhook_status = 'pending' ORDER BY a.hour, a.id LIMIT 500`,
  );
  let delivered = 0;
  let failed = 0;
  for (const a of rows) {
    // The webhook was removed since the alert was raised: nothing to send.
    const error =
      a.webhook_url === null || a.webhook_secret_enc === null || a.settings_id === null
        ? 'The webhook was removed before the alert was sent.'
        : await post(options.fetch, a.webhook_url, openAlertSecret(a.settings_id, a.webhook_secret_enc), a);
    if (error === null) delivered++;
    else {
      failed++;
      options.log.warn(`listening alert ${a.id}: ${error}`);
    }
    await pool.query("UPDATE listening_alerts SET webhook_status = $2, webhook_error = $3 WHERE id = $1 AND webhook_status = 'pending'", [
      a.id,
      error === null ? 'delivered' : 'failed',
      error,
    ]);
  }
  return { delivered, failed };
}

/** Null when the receiver took it (2xx); else why not (never the receiver's body). */
function post(fetch: typeof globalThis.fetch, url: string, secret: string, a: PendingRow): Promise<string | null> {
  return postSignedEvent(fetch, url, secret, {
    event: 'listening.spike',
    id: a.id,
    data: {
      query: { id: a.query_id, name: a.name },
      hour: a.hour.toISOString(),
      mentions: a.mentions,
      baseline: { mean: a.mean, stddev: a.stddev, k: a.k, threshold: a.threshold },
    },
  });
}
