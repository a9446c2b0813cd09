/**
 * A strategy with a year of measured history for the dashboard journey, dated relative to today:
 * the plan through the API (as a user would), the numbers straight into the server's database
 * (events through recordEvents, follower readings, posts, snapshots, costs, conversions), since no
 * API writes them. Deterministic: the same day always gets the same figures.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { APIRequestContext } from 'playwright-core';
import { addDays } from '../src/plan/dates.ts';
import { openDatabase } from '../src/db/database.ts';
import { type MetricEvent, recordEvents } from '../src/measure/events.ts';
import type { CampaignInput, StrategyInput } from '../src/plan/schema.ts';

export const STRATEGY_ID = 'bakery-dash';
export const CAMPAIGN_ID = 'rye-launch';

const today = () => new Date().toISOString().slice(0, 10);

function plan(t: string): { strategy: StrategyInput; campaign: CampaignInput } {
  const end = addDays(t, 184);
  const strategy: StrategyInput = {
    id: STRATEGY_ID,
    name: 'Acme Bakery social media',
    organisation: 'Acme Bakery',
    period: { start: addDays(t, -180), end },
    channels: [
      { id: 'instagram', platform: 'instagram', handle: '@acmebakery', cadence: { postsPerWeek: 4 } },
      { id: 'bluesky', platform: 'bluesky', handle: '@acme.bakery', cadence: { postsPerWeek: 5 } },
      { id: 'linkedin', platform: 'linkedin', handle: 'acme-bakery', cadence: { postsPerWeek: 2 } },
    ],
    pillars: [
      { id: 'how-to', name: 'Baking how-tos', share: 0.5 },
      { id: 'behind', name: 'Behind the scenes', share: 0.3 },
      { id: 'offers', name: 'Offers and launches', share: 0.2, promotional: true },
    ],
    contentMix: { maxPromotionalShare: 0.2 },
    objectives: [
      {
        id: 'reach',
        area: 'awareness',
        statement: 'Be the bakery home bakers follow',
        kpis: [
          {
            id: 'followers',
            metric: 'Followers on all channels',
            source: { metric: 'followers' },
            baseline: 1500,
            target: 4000,
            due: end,
            kind: 'reach',
          },
          {
            id: 'ig-engagement',
            metric: 'Instagram engagement rate',
            source: { metric: 'engagement_rate', channel: 'instagram' },
            baseline: 0.03,
            target: 0.05,
            due: end,
            kind: 'engagement',
          },
        ],
      },
      {
        id: 'sales',
        area: 'sales',
        statement: 'Sell more bread online',
        kpis: [
          {
            id: 'visits',
            metric: 'Monthly shop visits from social',
            source: { metric: 'link_clicks' },
            baseline: 200,
            target: 900,
            due: end,
            kind: 'traffic',
          },
          {
            id: 'orders',
            metric: 'Monthly online orders from social',
            source: { metric: 'conversions' },
            baseline: 10,
            target: 80,
            due: end,
            kind: 'financial',
          },
          {
            id: 'wholesale',
            metric: 'Wholesale enquiries',
            source: { metric: 'manual' },
            baseline: 2,
            target: 20,
            due: end,
            kind: 'financial',
          },
        ],
      },
    ],
    resources: { budget: { amount: 12000, currency: 'EUR' } },
  };
  const campaign: CampaignInput = {
    id: CAMPAIGN_ID,
    strategy: STRATEGY_ID,
    name: 'Summer rye launch',
    type: 'product-launch',
    start: addDays(t, -60),
    end: addDays(t, 30),
    channels: ['instagram', 'bluesky'],
    response: { metric: 'sales', target: 200, unit: 'loaves' },
    budget: { amount: 2000, currency: 'EUR' },
    expectedRevenue: 6000,
  };
  return { strategy, campaign };
}

/** Creates the plan in workspace `ws` (slug) through the API and its history in the database; returns the day it was seeded for. */
export async function seedDashboard(request: APIRequestContext, ws: string, dataDir: string): Promise<string> {
  const t = today();
  const { strategy, campaign } = plan(t);
  for (const [url, data] of [
    [`/api/v1/workspaces/${ws}/strategies`, strategy],
    [`/api/v1/workspaces/${ws}/campaigns`, campaign],
    [`/api/v1/workspaces/${ws}/connections`, { strategy: STRATEGY_ID, channel: 'instagram', connector: 'sandbox' }],
    [`/api/v1/workspaces/${ws}/connections`, { strategy: STRATEGY_ID, channel: 'bluesky', connector: 'sandbox' }],
  ] as const) {
    const res = await request.post(url, { data });
    if (res.status() !== 201) throw new Error(`${url}: HTTP ${res.status()} ${await res.text()}`);
  }

  const db = await openDatabase({ databaseUrl: undefined, pgDataDir: path.join(dataDir, 'pg') }, { migrate: false });
  try {
    const { rows } = await db.pool.query<{ id: string }>('SELECT id FROM workspaces WHERE slug = $1', [ws]);
    const workspaceId = rows[0]!.id;
    const at = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
    const events: MetricEvent[] = [];
    const add = (day: string, metric: MetricEvent['metric'], value: number, extra: Partial<MetricEvent> = {}) =>
      value > 0 && events.push({ workspaceId, occurredAt: at(day), metric, value, source: 'demo', strategyId: STRATEGY_ID, ...extra });
    const followers: [string, string, number][] = [];
    for (let d = 0; d < 365; d++) {
      const day = addDays(t, -d);
      // Busier lately: the last weeks count more than the months before, so every range differs.
      const lift = d < 30 ? 1.6 : d < 90 ? 1.25 : 1;
      const weekday = d % 7;
      if ([0, 2, 4, 5].includes(weekday)) add(day, 'posts_published', 1, { channelId: 'instagram' });
      if (weekday !== 6 && weekday !== 3) add(day, 'posts_published', 1, { channelId: 'bluesky' });
      if (weekday === 1) add(day, 'posts_published', 1, { channelId: 'linkedin' });
      const impressions = Math.round((400 + ((d * 37) % 120)) * lift);
      add(day, 'impressions', impressions, { channelId: 'instagram' });
      add(day, 'engagements', Math.round(impressions * (0.035 + (d % 5) * 0.002)), { channelId: 'instagram' });
      add(day, 'engagements', Math.round((12 + (d % 9)) * lift), { channelId: 'bluesky' });
      const inCampaign = d <= 60;
      const campaignDims = inCampaign ? { campaignId: CAMPAIGN_ID } : {};
      add(day, 'link_clicks', Math.round((18 + ((d * 13) % 15)) * lift), { channelId: 'instagram', ...campaignDims });
      add(day, 'link_clicks', Math.round((9 + (d % 6)) * lift), { channelId: 'bluesky' });
      add(day, 'unique_visitors', Math.round((20 + ((d * 7) % 12)) * lift), { channelId: 'instagram', ...campaignDims });
      const orders = (d * 5) % 7 < 2 ? 2 : (d * 5) % 7 < 4 ? 1 : 0;
      add(day, 'conversions', orders, campaignDims);
      add(day, 'revenue', orders * 24, campaignDims);
      followers.push(['instagram', day, 2600 - Math.round(d * 2.4)], ['bluesky', day, 900 - Math.round(d * 1.1)]);
    }
    await recordEvents(db.pool, events);
    await db.pool.query(
      `INSERT INTO follower_snapshots (workspace_id, strategy_id, channel_id, day, followers)
       SELECT $1, $2, c, d::date, f FROM unnest($3::text[], $4::text[], $5::int[]) AS x(c, d, f)`,
      [workspaceId, STRATEGY_ID, followers.map((f) => f[0]), followers.map((f) => f[1]), followers.map((f) => f[2])],
    );
    await db.pool.query(
      `INSERT INTO kpi_values (workspace_id, strategy_id, kpi_id, day, value, source)
       SELECT $1, $2, 'wholesale', d::date, v, 'manual' FROM unnest($3::text[], $4::float8[]) AS x(d, v)`,
      [workspaceId, STRATEGY_ID, [-150, -120, -90, -60, -30, -2].map((d) => addDays(t, d)), [3, 4, 4, 6, 8, 9]],
    );

    // Published posts of the last 90 days, by pillar; the campaign's with the networks' snapshots.
    const pillars = ['how-to', 'behind', 'how-to', 'offers', 'how-to', 'behind', 'offers', 'how-to', null];
    for (let i = 0; i < 27; i++) {
      const published = at(addDays(t, -3 * i - 1), 9);
      const inCampaign = i < 5;
      const postId = randomUUID();
      await db.pool.query(
        'INSERT INTO posts (id, workspace_id, strategy_id, campaign_id, pillar_id, state, created_by) VALUES ($1, $2, $3, $4, $5, $6, NULL)',
        [
          postId,
          workspaceId,
          STRATEGY_ID,
          inCampaign ? CAMPAIGN_ID : null,
          inCampaign ? 'offers' : pillars[i % pillars.length],
          'published',
        ],
      );
      const { rows: variant } = await db.pool.query<{ id: string }>(
        `INSERT INTO post_variants (post_id, workspace_id, channel_id, content, state, published_at)
         VALUES ($1, $2, $3, $4, 'published', $5) RETURNING id`,
        [postId, workspaceId, i % 2 ? 'bluesky' : 'instagram', JSON.stringify({ text: TEXTS[i % TEXTS.length] }), published],
      );
      if (inCampaign)
        await db.pool.query(
          `INSERT INTO post_metric_snapshots (workspace_id, variant_id, taken_at, likes, reposts, replies, quotes)
           VALUES ($1, $2, $3, $4, $5, $6, 0), ($1, $2, $7, $8, $9, $10, 1)`,
          [
            workspaceId,
            variant[0]!.id,
            new Date(published.getTime() + 3_600_000),
            5 + i,
            1,
            0,
            new Date(published.getTime() + 86_400_000),
            40 - i * 6,
            6,
            3,
          ],
        );
    }
    await db.pool.query(
      `INSERT INTO campaign_costs (workspace_id, campaign_id, amount, currency, category, spent_on) VALUES
         ($1, $2, 600, 'EUR', 'ads', $3), ($1, $2, 350, 'EUR', 'production', $4), ($1, $2, 250, 'EUR', 'influencers', $5), ($1, $2, 180, 'EUR', 'ads', $6)`,
      [workspaceId, CAMPAIGN_ID, addDays(t, -58), addDays(t, -55), addDays(t, -40), addDays(t, -12)],
    );
    await db.pool.query(
      `INSERT INTO conversions (workspace_id, external_id, strategy_id, campaign_id, value, currency, occurred_at, source)
       SELECT $1, 'e2e-' || n, $2, $3, 24, 'EUR', $4::timestamptz - n * interval '14 hours', 'demo' FROM generate_series(1, 60) AS n`,
      [workspaceId, STRATEGY_ID, CAMPAIGN_ID, at(t, 20)],
    );
  } finally {
    await db.close();
  }
  return t;
}

const TEXTS = [
  'Summer rye is here: a loaf with a dark crust and a soft, tangy crumb.',
  'Why your sourdough spreads flat — and three fixes to try this weekend.',
  'Meet Jonas, who starts the ovens at four every morning.',
  'Rye starter, step by step: day one to a bubbling jar.',
  'Our flour comes from two farms within 40 km. Here is what we pay them.',
];
