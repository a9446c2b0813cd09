/**
 * The daily review job: a pg-boss cron job generates every strategy's review that has come due (the
 * latest review date on or before today, UTC, as of the day before it), once — the review date is
 * unique per strategy, so the job may run again, late or in two workers at once, and store nothing
 * twice. A strategy whose review fails is logged and retried the next day; the others go on.
 */
import type { PgBoss } from 'pg-boss';
import type { Pool } from '../../db/pool.ts';
import { addDays } from '../../plan/dates.ts';
import { dueReviewDate } from '../../plan/review-dates.ts';
import { strategySchema } from '../../plan/schema.ts';
import { runReview } from './run-review.ts';

export const REVIEW_QUEUE = 'generate-reviews';
/** Every day at 04:30 UTC: after the night's metric collection, before the working day in Europe. */
export const REVIEW_CRON = '30 4 * * *';

interface Log {
  info(message: string): void;
  warn(message: string): void;
}

/** Generates the reviews due on `today` (ISO date); returns how many it stored and how many failed. */
export async function generateDueReviews(pool: Pool, today: string, log?: Log): Promise<{ created: number; failed: number }> {
  const { rows } = await pool.query<{ workspace_id: string; id: string; document: unknown; has: string[] }>(
    `SELECT s.workspace_id, s.id, s.document,
            coalesce(array_agg(r.review_date::text) FILTER (WHERE r.review_date IS NOT NULL), '{}') AS has
       FROM strategies s LEFT JOIN reviews r ON r.workspace_id = s.workspace_id AND r.strategy_id = s.id
      WHERE s.period_start < $1
      GROUP BY s.pk ORDER BY s.workspace_id, s.id`,
    [today],
  );
  let created = 0;
  let failed = 0;
  for (const row of rows) {
    const parsed = strategySchema.safeParse(row.document);
    const due = parsed.success ? dueReviewDate(parsed.data, today) : null;
    if (!due || row.has.includes(due)) continue;
    try {
      const id = await runReview(pool, { workspaceId: row.workspace_id, actor: null }, row.id, { asOf: addDays(due, -1), reviewDate: due });
      if (id) created++;
    } catch (e) {
      failed++;
      log?.warn(`review of strategy ${row.id} (workspace ${row.workspace_id}) failed: ${(e as Error).message}`);
    }
  }
  return { created, failed };
}

/** Registers the daily cron job (pg-boss keeps one schedule across processes) and its handler. */
export async function scheduleReviews(boss: PgBoss, pool: Pool, options: { log: Log; cron?: string }): Promise<void> {
  if (!(await boss.getQueue(REVIEW_QUEUE))) await boss.createQueue(REVIEW_QUEUE, { policy: 'short', retryLimit: 2, expireInSeconds: 3600 });
  await boss.schedule(REVIEW_QUEUE, options.cron ?? REVIEW_CRON, null, { tz: 'UTC', singletonKey: 'daily' });
  await boss.work(REVIEW_QUEUE, async () => {
    const r = await generateDueReviews(pool, new Date().toISOString().slice(0, 10), options.log);
    options.log.info(`reviews: ${r.created} generated, ${r.failed} failed`);
    return r;
  });
}
