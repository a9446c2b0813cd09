/** Dashboards API, as ./contract.ts defines it. Thin: parse → authorize → call → present. */
import { register, type App } from '../../http/kit.ts';
import { dashboardsContract as contract } from './contract.ts';
import { getCampaignDashboard } from './get-campaign-dashboard.ts';
import { getStrategyDashboard } from './get-strategy-dashboard.ts';
import { isoDay } from '../reports/period.ts';
import { dashboardOptions } from './range.ts';

export async function dashboardRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const options = (query: Parameters<typeof dashboardOptions>[0]) => dashboardOptions(query, isoDay(new Date()));

  register(app, contract.getStrategyDashboard, async (req) =>
    getStrategyDashboard(pool, req.authorized.workspace.id, req.params.strategyId, options(req.query)),
  );

  register(app, contract.getCampaignDashboard, async (req) =>
    getCampaignDashboard(pool, req.authorized.workspace.id, req.params.campaignId, options(req.query)),
  );
}
