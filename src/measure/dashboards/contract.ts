/** The dashboards API's contract: a strategy's and a campaign's figures over a date range. Routes in ./routes.ts. */
import { defineRoute } from '../../http/contract.ts';
import { errorResponses } from '../../http/responses.ts';
import { dashboardsEndpoints as at } from './endpoints.ts';
import {
  campaignDashboardParams,
  campaignDashboardResponse,
  dashboardQuery,
  strategyDashboardParams,
  strategyDashboardResponse,
} from './schema.ts';

const tags = ['dashboards'] as const;
const errors = errorResponses(400, 401, 403, 404);
const RANGE =
  'The range is whole UTC days `from`–`to` (default: the 90 days up to today), at most 732 days; a bad or reversed one → 400 ' +
  '`dashboard.invalid_range`. `compare=true` adds the period of the same length just before. KPIs are evaluated on `to` ' +
  '(today when `to` is later). Read from the hourly/daily rollups, never the raw events.';

export const dashboardsContract = {
  getStrategyDashboard: defineRoute({
    ...at.getStrategyDashboard,
    access: 'analytics.read',
    tags,
    summary: "A strategy's dashboard: KPI progress, totals, channel growth and plan vs actual over a date range",
    description: RANGE,
    params: strategyDashboardParams,
    query: dashboardQuery,
    responses: { 200: strategyDashboardResponse, ...errors },
  }),

  getCampaignDashboard: defineRoute({
    ...at.getCampaignDashboard,
    access: 'analytics.read',
    tags,
    summary: "A campaign's dashboard: response against its goal, spend, real vs projected ROI, clicks, conversions and top posts",
    description: RANGE,
    params: campaignDashboardParams,
    query: dashboardQuery,
    responses: { 200: campaignDashboardResponse, ...errors },
  }),
};
