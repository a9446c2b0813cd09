/** A strategy's reviews: the list, one review, running one now, and decisions on its suggestions. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BodyOf, ResponseOf } from '../../../src/http/contract.ts';
import type { reviewContract } from '../../../src/measure/review/contract.ts';
import { reviewEndpoints } from '../../../src/measure/review/endpoints.ts';
import { bind, call } from './client.ts';
import { keys } from './keys.ts';

const api = bind<typeof reviewContract>(reviewEndpoints);

export type Review = ResponseOf<typeof reviewContract.getReview>['review'];
export type Suggestion = Review['suggestions'][number];
export type Decision = BodyOf<typeof reviewContract.decideSuggestion>;

const reviewKeys = {
  list: (ws: string, sid: string) => ['ws', ws, 'reviews', sid] as const,
  one: (ws: string, rid: string) => ['ws', ws, 'review', rid] as const,
};

export const useReviews = (ws: string, sid: string) =>
  useQuery({ queryKey: reviewKeys.list(ws, sid), queryFn: () => call(api.listReviews, { params: { workspaceId: ws, strategyId: sid } }) });

export const useReview = (ws: string, rid: string) =>
  useQuery({
    queryKey: reviewKeys.one(ws, rid),
    queryFn: async () => (await call(api.getReview, { params: { workspaceId: ws, reviewId: rid } })).review,
  });

/** "Run review now" (as of today, or the day given). */
export function useRunReview(ws: string, sid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (asOf?: string) =>
      (await call(api.runReview, { params: { workspaceId: ws, strategyId: sid }, body: asOf ? { asOf } : {} })).review,
    onSuccess: () => qc.invalidateQueries({ queryKey: reviewKeys.list(ws, sid) }),
  });
}

/** Accept or reject one suggestion; an accepted one is a new strategy version, so the strategy is refreshed too. */
export function useDecideSuggestion(ws: string, sid: string, rid: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ suggestionId, ...body }: Decision & { suggestionId: string }) =>
      call(api.decideSuggestion, { params: { workspaceId: ws, reviewId: rid, suggestionId }, body }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: reviewKeys.one(ws, rid) });
      void qc.invalidateQueries({ queryKey: reviewKeys.list(ws, sid) });
      void qc.invalidateQueries({ queryKey: keys.strategy(ws, sid) });
    },
  });
}
