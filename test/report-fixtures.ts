/**
 * A workspace with the example strategy (test/plan-fixtures.ts) and hand-countable measurements, for
 * the reports' tests. Strategy acme-2027 over March 2027 and campaign summer-launch over July 2027:
 * the numbers each report must show are worked out in src/measure/reports/reports.db.test.ts.
 */
import { recordEvents } from '../src/measure/events.ts';
import type { Queryable } from '../src/db/pool.ts';
import type { StrategyInput } from '../src/plan/schema.ts';
import { CLEAN_CAMPAIGN_ID, CLEAN_STRATEGY_ID, cleanCampaign, cleanStrategy } from './plan-fixtures.ts';
import { expectStatus, type TestApp } from './app.ts';

/** The example strategy with two more KPIs bound to metrics: link clicks, and conversions of the campaign. */
export function reportStrategy() {
  const base = cleanStrategy();
  const objectives = base.objectives.map((o) =>
    o.id === 'wholesale-leads'
      ? {
          ...o,
          kpis: [
            ...o.kpis,
            {
              id: 'clicks',
              metric: 'Link clicks (30 days)',
              source: { metric: 'link_clicks' },
              baseline: 0,
              target: 1000,
              due: '2027-12-31',
              kind: 'traffic',
            },
            {
              id: 'summer-sales',
              metric: 'Summer rye sales',
              source: { metric: 'conversions', campaign: CLEAN_CAMPAIGN_ID },
              baseline: 0,
              target: 300,
              due: '2027-08-31',
              kind: 'financial',
            },
          ],
        }
      : o,
  );
  return { ...base, objectives } as StrategyInput;
}

/** Creates the strategy, its campaign and a second campaign without costs (planned cost) through the API. */
export async function createReportPlan(t: TestApp, headers: Record<string, string>, ws: string): Promise<void> {
  const post = async (url: string, payload: object) => expectStatus(await t.app.inject({ method: 'POST', url, headers, payload }), 201);
  await post(`/api/v1/workspaces/${ws}/strategies`, reportStrategy());
  await post(`/api/v1/workspaces/${ws}/campaigns`, cleanCampaign());
  await post(
    `/api/v1/workspaces/${ws}/campaigns`,
    cleanCampaign({ id: 'autumn', name: 'Autumn bake-off', start: '2027-09-01', end: '2027-10-31', phases: [] }),
  );
}

const at = (iso: string) => new Date(`${iso}Z`);
const S = CLEAN_STRATEGY_ID;
const C = CLEAN_CAMPAIGN_ID;

/** The measurements the reports count (events, follower readings, an entered KPI value, conversions, costs). */
export async function seedMeasurements(q: Queryable, workspaceId: string): Promise<void> {
  const ev = (iso: string, metric: Parameters<typeof recordEvents>[1][number]['metric'], value: number, extra: object = {}) => ({
    workspaceId,
    occurredAt: at(iso),
    metric,
    value,
    source: 'demo' as const,
    strategyId: S,
    ...extra,
  });
  const ig = { channelId: 'instagram' };
  const summer = { campaignId: C, channelId: 'instagram' };
  await recordEvents(q, [
    // Strategy, March 2027: 5 clicks inside (3 + 2), 5 just before the period.
    ev('2027-02-27T10:00:00', 'link_clicks', 5, ig),
    ev('2027-03-02T09:00:00', 'link_clicks', 1, ig),
    ev('2027-03-02T09:30:00', 'link_clicks', 1, ig),
    ev('2027-03-02T23:59:59', 'link_clicks', 1, ig),
    ev('2027-03-20T12:00:00', 'link_clicks', 2, ig),
    ev('2027-03-10T12:00:00', 'impressions', 1000, ig),
    ev('2027-03-10T12:00:00', 'engagements', 40, ig),
    ev('2027-03-20T12:00:00', 'conversions', 2),
    ev('2027-03-20T12:00:00', 'revenue', 50),
    ev('2027-04-01T00:00:00', 'link_clicks', 7, ig),
    // Campaign, July 2027: 10 clicks on the 5th, 4 conversions with 100 of revenue on the 6th.
    ev('2027-07-05T08:00:00', 'link_clicks', 10, summer),
    ev('2027-07-06T08:00:00', 'conversions', 4, summer),
    ev('2027-07-06T08:00:00', 'revenue', 100, summer),
    ev('2027-08-03T08:00:00', 'conversions', 9, summer),
  ]);
  await q.query(
    `INSERT INTO follower_snapshots (workspace_id, strategy_id, channel_id, day, followers)
     VALUES ($1, $2, 'instagram', '2027-02-25', 900), ($1, $2, 'instagram', '2027-03-05', 950), ($1, $2, 'instagram', '2027-03-31', 1050)`,
    [workspaceId, S],
  );
  await q.query(
    `INSERT INTO kpi_values (workspace_id, strategy_id, kpi_id, day, value, source) VALUES ($1, $2, 'wholesale-leads', '2027-03-15', 5, 'manual')`,
    [workspaceId, S],
  );
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO tracked_links (workspace_id, code, target_url, strategy_id, campaign_id) VALUES ($1, $2, 'https://acme.example/rye', $3, $4) RETURNING id`,
    [workspaceId, `rye${workspaceId.slice(0, 8)}`, S, C],
  );
  await q.query(
    `INSERT INTO conversions (workspace_id, external_id, strategy_id, campaign_id, link_id, value, currency, occurred_at, source) VALUES
       ($1, 'o-1', $2, $3, NULL, 60, 'EUR', '2027-07-06T08:00:00Z', 'demo'),
       ($1, 'o-2', $2, NULL, $4, 40, 'EUR', '2027-07-07T08:00:00Z', 'demo'),
       ($1, 'o-3', $2, $3, NULL, 500, 'USD', '2027-07-07T08:00:00Z', 'demo'),
       ($1, 'o-4', $2, $3, NULL, 1000, 'EUR', '2027-08-10T08:00:00Z', 'demo')`,
    [workspaceId, S, C, rows[0]!.id],
  );
  await q.query(
    `INSERT INTO campaign_costs (workspace_id, campaign_id, amount, currency, category, spent_on) VALUES
       ($1, $2, 50, 'EUR', 'ads', '2027-07-01'), ($1, $2, 200, 'EUR', 'production', '2027-08-05')`,
    [workspaceId, C],
  );
}
