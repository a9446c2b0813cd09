import type { Queryable } from '../../db/pool.ts';
import { cadenceOf, nextReviewDate } from '../../plan/review-dates.ts';
import { getStrategy } from '../../plan-store/store.ts';
import { REVIEW_COLUMNS, reviewFields, type ReviewRow } from './review-store.ts';

/** A strategy's reviews, newest first, with their suggestions counted; its cadence and next review date (on `today`). */
export async function listReviews(q: Queryable, workspaceId: string, strategyId: string, today: string) {
  const stored = await getStrategy(q, workspaceId, strategyId);
  const { rows } = await q.query<ReviewRow & { open: number; accepted: number; rejected: number }>(
    `SELECT ${REVIEW_COLUMNS},
            count(s.id) FILTER (WHERE s.decision IS NULL)::int AS open,
            count(s.id) FILTER (WHERE s.decision = 'accepted')::int AS accepted,
            count(s.id) FILTER (WHERE s.decision = 'rejected')::int AS rejected
       FROM reviews r LEFT JOIN users cu ON cu.id = r.created_by LEFT JOIN review_suggestions s ON s.review_id = r.id
      WHERE r.workspace_id = $1 AND r.strategy_id = $2
      GROUP BY r.id, cu.name
      ORDER BY r.as_of DESC, r.created_at DESC`,
    [workspaceId, strategyId],
  );
  return {
    reviews: rows.map((r) => ({ ...reviewFields(r), suggestions: { open: r.open, accepted: r.accepted, rejected: r.rejected } })),
    cadence: cadenceOf(stored.doc),
    nextReviewDate: nextReviewDate(stored.doc, today),
  };
}
