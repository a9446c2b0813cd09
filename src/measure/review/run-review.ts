import type { Actor } from '../../auth/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { AppError } from '../../errors.ts';
import { addDays, compareDates } from '../../plan/dates.ts';
import { reviewWindow } from '../../plan/review-dates.ts';
import { getStrategy } from '../../plan-store/store.ts';
import { composeReview } from './compose-review.ts';
import { loadReviewInputs } from './load-review-inputs.ts';

export interface RunReviewOptions {
  /** The day the review is as of; it covers the cadence step ending that day. */
  asOf: string;
  /** The scheduled review date this review is for (unique per strategy); absent for "run review now". */
  reviewDate?: string;
}

/**
 * Generates and stores a review of a strategy (./compose-review.ts over ./load-review-inputs.ts),
 * with its suggestions, audited as `review.create`. Returns the review's id; null when the scheduled
 * review of that date already exists (the daily job runs again, or two workers race: the unique key
 * decides, nothing is stored twice).
 */
export async function runReview(
  pool: Pool,
  ctx: { workspaceId: string; actor: Actor | null },
  strategyId: string,
  options: RunReviewOptions,
): Promise<string | null> {
  const stored = await getStrategy(pool, ctx.workspaceId, strategyId);
  // A review looks back over the strategy's own time: before it began there is nothing to judge,
  // and a year after its end is the last look back that still means anything.
  const { start, end } = stored.doc.period;
  if (compareDates(options.asOf, start) < 0 || compareDates(options.asOf, addDays(end, 366)) > 0) {
    throw new AppError(
      'review.out_of_period',
      `A review of ${strategyId} must be as of a day from its start (${start}) to a year after its end (${end}), not ${options.asOf}.`,
      422,
      { asOf: options.asOf, start, end },
    );
  }
  const period = reviewWindow(stored.doc, options.asOf);
  const inputs = await loadReviewInputs(pool, ctx.workspaceId, stored.doc, options.asOf, period);
  const { content, suggestions } = composeReview(inputs);
  return withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO reviews (workspace_id, strategy_id, review_date, period_start, period_end, as_of, strategy_version, content, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (workspace_id, strategy_id, review_date) DO NOTHING RETURNING id`,
      [
        ctx.workspaceId,
        strategyId,
        options.reviewDate ?? null,
        period.start,
        period.end,
        options.asOf,
        stored.version,
        JSON.stringify(content),
        ctx.actor?.userId ?? null,
      ],
    );
    const id = rows[0]?.id;
    if (!id) return null;
    if (suggestions.length > 0) {
      await tx.query(
        `INSERT INTO review_suggestions (review_id, position, rule, change, rationale)
         SELECT $1, p, r, c, t FROM unnest($2::int[], $3::text[], $4::jsonb[], $5::text[]) AS s (p, r, c, t)`,
        [
          id,
          suggestions.map((_, i) => i),
          suggestions.map((s) => s.rule),
          suggestions.map((s) => JSON.stringify(s.change)),
          suggestions.map((s) => s.rationale),
        ],
      );
    }
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'review.create',
      entityType: 'review',
      entityId: id,
      after: { strategy: strategyId, asOf: options.asOf, reviewDate: options.reviewDate ?? null, period, suggestions: suggestions.length },
    });
    return id;
  });
}
