/** Where the routes of the review cycle are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../../http/contract.ts';

export const reviewEndpoints = {
  listReviews: { method: 'GET', path: '/workspaces/:workspaceId/strategies/:strategyId/reviews' },
  runReview: { method: 'POST', path: '/workspaces/:workspaceId/strategies/:strategyId/reviews' },
  getReview: { method: 'GET', path: '/workspaces/:workspaceId/reviews/:reviewId' },
  decideSuggestion: { method: 'POST', path: '/workspaces/:workspaceId/reviews/:reviewId/suggestions/:suggestionId/decision' },
} as const satisfies Record<string, Endpoint>;
