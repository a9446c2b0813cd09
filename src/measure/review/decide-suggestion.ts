import type { Actor } from '../../auth/actor.ts';
import { recordAudit } from '../../audit/record-audit.ts';
import { withTransaction, type Pool } from '../../db/pool.ts';
import { AppError, notFound } from '../../errors.ts';
import { isUuid } from '../../db/uuid.ts';
import { lintDocuments } from '../../plan/lint.ts';
import { strategySchema, type Finding, type LintResult } from '../../plan/schema.ts';
import { lintStoredStrategy } from '../../plan-store/lint-stored-strategy.ts';
import { findStrategy, listCampaignsOf, writeStrategy } from '../../plan-store/store.ts';
import { applyChange } from './apply-change.ts';
import { getReview } from './review-store.ts';
import type { ReviewDetail } from './schema.ts';

export interface Decision {
  decision: 'accepted' | 'rejected';
  note?: string | undefined;
}

export interface DecisionOutcome {
  suggestion: ReviewDetail['suggestions'][number];
  review: { id: string; status: 'open' | 'closed' };
  version: number | null;
  lint: LintResult;
}

const errorKey = (f: Finding) => `${f.rule}|${f.document ?? ''}|${f.path}`;

/**
 * Records a reviewer's decision on one suggestion, once (409 `review.already_decided` after that).
 * Accepting applies the suggestion's change to the *current* strategy document and saves it as the
 * strategy's next version (reason `review`, with the review's id), in one transaction with the
 * decision and its audit entry. Refused, with nothing stored: 409 `review.suggestion_conflict` when
 * the strategy changed so that the change no longer applies (details.reason says how); 422
 * `review.change_invalid` when the result fails the plan schema or brings lint errors the strategy did
 * not have (details.findings). The review closes when its last suggestion is decided.
 */
export async function decideSuggestion(
  pool: Pool,
  ctx: { workspaceId: string; actor: Actor },
  reviewId: string,
  suggestionId: string,
  decision: Decision,
): Promise<DecisionOutcome> {
  const review = await getReview(pool, ctx.workspaceId, reviewId);
  if (!isUuid(suggestionId) || !review.suggestions.some((s) => s.id === suggestionId)) throw notFound('suggestion', suggestionId);
  const result = await withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<{ decision: string | null; change: unknown }>(
      'SELECT decision, change FROM review_suggestions WHERE id = $1 AND review_id = $2 FOR UPDATE',
      [suggestionId, reviewId],
    );
    if (rows[0]?.decision) {
      throw new AppError('review.already_decided', `This suggestion was already ${rows[0].decision}.`, 409, { decision: rows[0].decision });
    }
    const suggestion = review.suggestions.find((s) => s.id === suggestionId)!;
    let version: number | null = null;
    if (decision.decision === 'accepted') {
      const current = await findStrategy(tx, ctx.workspaceId, review.strategy, true);
      if (!current) throw notFound('strategy', review.strategy);
      const applied = applyChange(current.doc, suggestion.change);
      if (!applied.ok) {
        throw new AppError(
          'review.suggestion_conflict',
          `The strategy changed since the review: ${applied.reason}. Run a new review for suggestions that fit it.`,
          409,
          { reason: applied.reason, change: suggestion.change },
        );
      }
      const parsed = strategySchema.safeParse(applied.strategy);
      const campaigns = (await listCampaignsOf(tx, ctx.workspaceId, review.strategy)).map((c) => c.doc);
      const before = new Set(
        lintDocuments([current.doc, ...campaigns])
          .findings.filter((f) => f.severity === 'error')
          .map(errorKey),
      );
      const newErrors = parsed.success
        ? lintDocuments([parsed.data, ...campaigns]).findings.filter((f) => f.severity === 'error' && !before.has(errorKey(f)))
        : [];
      if (!parsed.success || newErrors.length > 0) {
        throw new AppError('review.change_invalid', 'Accepting this suggestion would make the strategy invalid; see details.', 422, {
          findings: newErrors,
          issues: parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('/'), message: i.message })),
        });
      }
      const written = await writeStrategy(
        tx,
        { workspaceId: ctx.workspaceId, actor: ctx.actor, expectedVersion: current.version, reason: 'review', reviewId },
        parsed.data,
        'update',
      );
      version = written.version;
    }
    await tx.query(
      `UPDATE review_suggestions SET decision = $2, decided_by = $3, decided_at = now(), note = $4, applied_version = $5 WHERE id = $1`,
      [suggestionId, decision.decision, ctx.actor.userId, decision.note || null, version],
    );
    const { rows: closed } = await tx.query<{ status: 'open' | 'closed' }>(
      `UPDATE reviews SET status = CASE WHEN EXISTS (SELECT 1 FROM review_suggestions WHERE review_id = $1 AND decision IS NULL)
                                        THEN 'open' ELSE 'closed' END,
              closed_at = CASE WHEN EXISTS (SELECT 1 FROM review_suggestions WHERE review_id = $1 AND decision IS NULL)
                               THEN NULL ELSE now() END
        WHERE id = $1 RETURNING status`,
      [reviewId],
    );
    await recordAudit(tx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: decision.decision === 'accepted' ? 'review.suggestion_accept' : 'review.suggestion_reject',
      entityType: 'review',
      entityId: reviewId,
      after: { suggestion: suggestionId, rule: suggestion.rule, change: suggestion.change, note: decision.note ?? null, version },
    });
    return { version, status: closed[0]!.status };
  });
  const fresh = await getReview(pool, ctx.workspaceId, reviewId);
  return {
    suggestion: fresh.suggestions.find((s) => s.id === suggestionId)!,
    review: { id: reviewId, status: result.status },
    version: result.version,
    lint: await lintStoredStrategy(pool, ctx.workspaceId, review.strategy),
  };
}
