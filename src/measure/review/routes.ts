/** Review cycle API, as ./contract.ts defines it. Thin: parse → authorize → call → present. */
import { requireActor } from '../../auth/actor.ts';
import { register, type App } from '../../http/kit.ts';
import { reviewContract as contract } from './contract.ts';
import { decideSuggestion } from './decide-suggestion.ts';
import { listReviews } from './list-reviews.ts';
import { getReview } from './review-store.ts';
import { runReview } from './run-review.ts';

const todayUtc = () => new Date().toISOString().slice(0, 10);

export async function reviewRoutes(app: App): Promise<void> {
  const { pool } = app.deps;

  register(app, contract.listReviews, async (req) => {
    const { workspace } = req.authorized;
    return listReviews(pool, workspace.id, req.params.strategyId, todayUtc());
  });

  register(app, contract.runReview, async (req, reply) => {
    const { workspace } = req.authorized;
    const id = await runReview(pool, { workspaceId: workspace.id, actor: req.actor }, req.params.strategyId, {
      asOf: req.body.asOf ?? todayUtc(),
    });
    // A review run by hand has no review date, so nothing can conflict with it: there is always an id.
    return reply.status(201).send({ review: await getReview(pool, workspace.id, id!) });
  });

  register(app, contract.getReview, async (req) => {
    const { workspace } = req.authorized;
    return { review: await getReview(pool, workspace.id, req.params.reviewId) };
  });

  register(app, contract.decideSuggestion, async (req) => {
    const { workspace } = req.authorized;
    const actor = requireActor(req.actor);
    const { lint, ...outcome } = await decideSuggestion(
      pool,
      { workspaceId: workspace.id, actor },
      req.params.reviewId,
      req.params.suggestionId,
      req.body,
    );
    return { ...outcome, ...lint };
  });
}
