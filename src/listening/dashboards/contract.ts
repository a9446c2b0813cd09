/** The listening dashboard's contract: volume, sentiment, authors, terms and share of voice over a period. Route in ./routes.ts. */
import { defineRoute } from '../../http/contract.ts';
import { errorResponses } from '../../http/responses.ts';
import { listeningDashboardEndpoints as at } from './endpoints.ts';
import { listeningDashboardParams, listeningDashboardQuery, listeningDashboardResponse } from './schema.ts';

export const listeningDashboardContract = {
  getListeningDashboard: defineRoute({
    ...at.getListeningDashboard,
    access: 'listening.read',
    tags: ['listening'],
    summary: 'Listening dashboard: volume over time, sentiment trend, top authors and terms, share of voice per topic',
    description:
      'The period is whole UTC days `from`–`to` (default: the 30 days up to today), at most 732 days; a bad or reversed one → 400 ' +
      '`listening.invalid_period`. Buckets are hours for 3 days or fewer, else days. Counts are distinct mentions matched by the ' +
      "workspace's queries (archived ones included: their hits stay), or by one query (`queryId`) or one topic's queries (`topic`).",
    params: listeningDashboardParams,
    query: listeningDashboardQuery,
    responses: { 200: listeningDashboardResponse, ...errorResponses(400, 401, 403, 404) },
  }),
};
