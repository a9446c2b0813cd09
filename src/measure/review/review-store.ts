/** Reading stored reviews and their suggestions (the shapes ./schema.ts gives the API). */
import type { Queryable } from '../../db/pool.ts';
import { isUuid } from '../../db/uuid.ts';
import { notFound } from '../../errors.ts';
import { reviewContentSchema, strategyChangeSchema, type ReviewDetail, type SuggestionRule } from './schema.ts';

export interface ReviewRow {
  id: string;
  strategy_id: string;
  review_date: string | null;
  period_start: string;
  period_end: string;
  as_of: string;
  strategy_version: number;
  status: 'open' | 'closed';
  created_at: Date;
  created_by: string | null;
  created_by_name: string | null;
}

export const REVIEW_COLUMNS = `r.id, r.strategy_id, r.review_date::text, r.period_start::text, r.period_end::text, r.as_of::text,
  r.strategy_version, r.status, r.created_at, r.created_by, cu.name AS created_by_name`;

const person = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

export const reviewFields = (r: ReviewRow) => ({
  id: r.id,
  strategy: r.strategy_id,
  reviewDate: r.review_date,
  period: { start: r.period_start, end: r.period_end },
  asOf: r.as_of,
  strategyVersion: r.strategy_version,
  status: r.status,
  createdAt: r.created_at.toISOString(),
  createdBy: person(r.created_by, r.created_by_name),
});

interface SuggestionRow {
  id: string;
  rule: SuggestionRule;
  change: unknown;
  rationale: string;
  decision: 'accepted' | 'rejected' | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  note: string | null;
  applied_version: number | null;
}

const SUGGESTION_COLUMNS = `s.id, s.rule, s.change, s.rationale, s.decision, s.decided_by, du.name AS decided_by_name, s.decided_at,
  s.note, s.applied_version`;

const suggestionOf = (s: SuggestionRow): ReviewDetail['suggestions'][number] => ({
  id: s.id,
  rule: s.rule,
  change: strategyChangeSchema.parse(s.change),
  rationale: s.rationale,
  decision: s.decision,
  decidedBy: person(s.decided_by, s.decided_by_name),
  decidedAt: s.decided_at?.toISOString() ?? null,
  note: s.note,
  appliedVersion: s.applied_version,
});

/** One review of the workspace with everything it found and its suggestions; 404 `review.not_found` otherwise. */
export async function getReview(q: Queryable, workspaceId: string, reviewId: string): Promise<ReviewDetail> {
  if (!isUuid(reviewId)) throw notFound('review', reviewId);
  const { rows } = await q.query<ReviewRow & { content: unknown }>(
    `SELECT ${REVIEW_COLUMNS}, r.content FROM reviews r LEFT JOIN users cu ON cu.id = r.created_by
      WHERE r.workspace_id = $1 AND r.id = $2`,
    [workspaceId, reviewId],
  );
  const row = rows[0];
  if (!row) throw notFound('review', reviewId);
  const { rows: suggestions } = await q.query<SuggestionRow>(
    `SELECT ${SUGGESTION_COLUMNS} FROM review_suggestions s LEFT JOIN users du ON du.id = s.decided_by
      WHERE s.review_id = $1 ORDER BY s.position`,
    [reviewId],
  );
  return { ...reviewFields(row), content: reviewContentSchema.parse(row.content), suggestions: suggestions.map(suggestionOf) };
}
