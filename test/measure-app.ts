/**
 * Test helpers for conversions, imports and costs: the real app on its own database, a workspace with
 * the clean strategy (budget in EUR) and its campaign (budget 3,000 EUR, expected revenue 7,500 EUR),
 * and the sums the measurement log holds.
 */
import type { Queryable } from '../src/db/pool.ts';
import { createPostsTestApp, expectStatus, type Headers, type PostsTestApp } from './posts-app.ts';
import { cleanCampaign, cleanStrategy } from './plan-fixtures.ts';

export interface MeasureFixture {
  t: PostsTestApp;
  ws: string;
  owner: { headers: Headers; userId: string };
  /** `Authorization: Bearer …` of a write token of the owner, scoped to the workspace. */
  token: Headers;
  strategy: string;
  campaign: string;
}

export async function createMeasureFixture(): Promise<MeasureFixture> {
  const t = await createPostsTestApp();
  const owner = await t.signUp();
  const ws = await t.createWorkspace(owner.headers);
  const strategy = cleanStrategy();
  expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/strategies`, owner.headers, strategy), 201);
  const campaign = cleanCampaign();
  expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/campaigns`, owner.headers, campaign), 201);
  const created = await t.inject('POST', '/api/v1/tokens', owner.headers, { name: 'shop', workspace: ws, access: 'write' });
  expectStatus(created, 201);
  return {
    t,
    ws,
    owner,
    token: { authorization: `Bearer ${created.json().token}` },
    strategy: strategy.id,
    campaign: campaign.id,
  };
}

/** The workspace's event totals per metric (straight from metric_events) and its rollups' daily totals. */
export async function measured(q: Queryable, ws: string): Promise<{ events: Record<string, number>; rollups: Record<string, number> }> {
  const { rows } = await q.query<{ kind: string; metric: string; value: number }>(
    `SELECT 'events' AS kind, metric, sum(value) AS value FROM metric_events WHERE workspace_id = $1 GROUP BY metric
     UNION ALL
     SELECT 'rollups', metric, sum(value) FROM metric_rollups WHERE workspace_id = $1 AND grain = 'day' GROUP BY metric`,
    [ws],
  );
  const pick = (kind: string) => Object.fromEntries(rows.filter((r) => r.kind === kind).map((r) => [r.metric, Number(r.value)]));
  return { events: pick('events'), rollups: pick('rollups') };
}

/** A tracked link of the workspace, as the publisher makes them (the redirector's table). */
export async function insertLink(
  q: Queryable,
  ws: string,
  code: string,
  fields: { strategy?: string; campaign?: string; channel?: string } = {},
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO tracked_links (workspace_id, code, target_url, strategy_id, campaign_id, channel_id)
     VALUES ($1, $2, 'https://shop.example/?utm_source=bluesky', $3, $4, $5) RETURNING id`,
    [ws, code, fields.strategy ?? null, fields.campaign ?? null, fields.channel ?? null],
  );
  return rows[0]!.id;
}
