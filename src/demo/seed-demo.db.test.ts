/**
 * The demo seed on an empty database: the plans, the sandbox connections, posts in each state of the
 * workflow — and the scheduled one really publishes on the sandbox through the worker that `npm start`
 * runs (found by its sweep: seeding enqueues nothing). And its year of history, seeded on a second
 * database at a fixed clock: rows in every measurement table, rollups that equal the events' sums, and
 * KPI progress with the statuses the demo's story intends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getListeningDashboard } from '../listening/dashboards/get-listening-dashboard.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { loadConfig } from '../config.ts';
import { openCredentials } from '../connections/credentials.ts';
import { postgresSandboxReceiptStore } from '../connections/sandbox-receipt-store.ts';
import { SandboxConnector } from '../connectors/sandbox/sandbox.ts';
import { loadKpiValues } from '../measure/kpi-values.ts';
import { campaignRoi } from '../measure/roi.ts';
import { kpiProgressReport } from '../plan/kpi-progress.ts';
import { getCampaign, getStrategy } from '../plan-store/store.ts';
import { startPublishing, type PublishingRole } from '../scheduler/worker.ts';
import { DEMO_EMAIL, DEMO_PUBLISH_AFTER_MINUTES, DEMO_STRATEGY, DEMO_TIMEZONE, seedDemo } from './seed-demo.ts';

let db: TestDatabase;
/** The history at a fixed clock, on a database of its own. */
let fixed: TestDatabase;
let publishing: PublishingRole | undefined;
let scheduledPost: string;
beforeAll(async () => {
  [db, fixed] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
afterAll(async () => {
  await publishing?.stop();
  await Promise.all([db.drop(), fixed.drop()]);
});

describe('the demo', () => {
  // Seeded as if the server had started four minutes ago: the "few minutes after start" post is due now.
  const startedAt = new Date(Date.now() - (DEMO_PUBLISH_AFTER_MINUTES + 1) * 60_000);
  const lines: string[] = [];

  it('seeds plans, sandbox connections and posts in every state of the workflow', async () => {
    expect(await seedDemo(db.pool, (l) => lines.push(l), { now: startedAt })).toBe(true);
    const output = lines.join('\n');
    expect(output).toContain(DEMO_EMAIL);
    expect(output).toMatch(/Sandbox network connected to instagram, bluesky, mastodon, linkedin, newsletter/);
    expect(output).toMatch(/publishes there at \d{4}-\d\d-\d\d \d\d:\d\d/);
    expect(output).toMatch(/with the year of history up to then: \d+ posts, \d+ conversions, \d+ events,/);
    expect(output).toMatch(/\d+ mentions of 4 listening queries and \d+ spike alerts \(\d+\.\d s\)/);

    const { rows: ws } = await db.pool.query('SELECT id, timezone FROM workspaces WHERE slug = $1', ['demo']);
    expect(ws).toEqual([{ id: expect.any(String), timezone: DEMO_TIMEZONE }]);
    const workspaceId = ws[0].id as string;

    // The inbox: six messages on the sandbox accounts, two of them overdue, one answered and closed; two saved replies.
    const { rows: inbox } = await db.pool.query<{ external_id: string; status: string; overdue: boolean; answered: boolean }>(
      `SELECT external_id, status, status = 'open' AND first_response_at IS NULL AND due_at < now() AS overdue, first_response_at IS NOT NULL AS answered
         FROM inbox_items WHERE workspace_id = $1 ORDER BY external_id`,
      [workspaceId],
    );
    expect(inbox).toHaveLength(6);
    expect(inbox.filter((i) => i.overdue).map((i) => i.external_id)).toEqual(['demo-bsky-1', 'demo-bsky-2']);
    expect(inbox.filter((i) => i.answered)).toMatchObject([{ external_id: 'demo-masto-2', status: 'closed' }]);
    expect((await db.pool.query('SELECT name FROM inbox_saved_replies WHERE workspace_id = $1', [workspaceId])).rowCount).toBe(2);

    const { rows: connections } = await db.pool.query(
      'SELECT id, channel_id, connector, config, credentials_enc, status, verified_at IS NOT NULL AS verified FROM channel_connections WHERE workspace_id = $1 ORDER BY channel_id',
      [workspaceId],
    );
    expect(connections.map(({ id, credentials_enc, ...c }) => ({ ...c, credentials: openCredentials(id, credentials_enc) }))).toEqual(
      ['bluesky', 'instagram', 'linkedin', 'mastodon', 'newsletter'].map((channel_id) => ({
        channel_id,
        connector: 'sandbox',
        // The account goes on from the history's last follower reading (today's).
        config: {
          latencyMs: 50,
          followers: { count: expect.any(Number), on: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), perDay: expect.any(Number) },
        },
        credentials: {},
        status: 'connected',
        verified: true,
      })),
    );

    const { rows: posts } = await db.pool.query<{
      id: string;
      state: string;
      scheduled_at: Date | null;
      timezone: string;
      variants: string[];
    }>(
      `SELECT p.id, p.state, p.scheduled_at, p.timezone, array_agg(v.channel_id ORDER BY v.channel_id) AS variants
         FROM posts p JOIN post_variants v ON v.post_id = p.id WHERE p.workspace_id = $1 GROUP BY p.id ORDER BY p.created_at`,
      [workspaceId],
    );
    // Beside the year's published posts, one in each state of the workflow.
    const workflow = posts.filter((p) => p.state !== 'published');
    expect(workflow.map((p) => p.state)).toEqual(['idea', 'draft', 'in_review', 'approved', 'scheduled']);
    expect(posts.length - workflow.length).toBeGreaterThan(500);
    expect(posts.every((p) => p.timezone === DEMO_TIMEZONE)).toBe(true);
    const approved = workflow[3]!;
    expect(approved.scheduled_at!.getTime()).toBeGreaterThan(startedAt.getTime());
    const scheduled = workflow[4]!;
    const dueIn = scheduled.scheduled_at!.getTime() - startedAt.getTime();
    expect(dueIn).toBeGreaterThan(DEMO_PUBLISH_AFTER_MINUTES * 60_000);
    expect(dueIn).toBeLessThanOrEqual((DEMO_PUBLISH_AFTER_MINUTES + 1) * 60_000);
    expect(scheduled.variants).toEqual(['bluesky', 'linkedin', 'mastodon']);
    scheduledPost = scheduled.id;

    // Through the services: every step is in the audit log.
    const { rows: actions } = await db.pool.query<{ action: string }>(
      `SELECT DISTINCT action FROM audit_log WHERE workspace_id = $1 ORDER BY action`,
      [workspaceId],
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'connection.create',
        'post.create',
        'post.submit',
        'post.approve',
        'post.schedule',
        'workspace.settings_change',
        'demo.history_generate',
      ]),
    );
    // A second start seeds nothing.
    expect(await seedDemo(db.pool, () => {})).toBe(false);
  });

  it('publishes the scheduled post on the sandbox network when the worker runs', async () => {
    publishing = await startPublishing({
      url: db.url,
      pool: db.pool,
      worker: true,
      log: { info: () => {}, warn: () => {}, error: () => {} },
      // Defaults for everything else, whatever the worker's settings grow to.
      config: loadConfig({ PUBLISH_SWEEP_INTERVAL_SECONDS: '0.2', PUBLISH_POLL_INTERVAL_MS: '100', SANDBOX_LATENCY_MS: '50' }),
    });
    const deadline = Date.now() + 15_000;
    let rows: { state: string; published: number }[] = [];
    while (Date.now() < deadline) {
      ({ rows } = await db.pool.query(
        `SELECT p.state, count(r.id)::int AS published FROM posts p JOIN post_variants v ON v.post_id = p.id
           LEFT JOIN sandbox_receipts r ON r.idempotency_key = v.idempotency_key
          WHERE p.id = $1 GROUP BY p.id`,
        [scheduledPost],
      ));
      if (rows[0]?.state === 'published') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows).toEqual([{ state: 'published', published: 3 }]);
  }, 30_000);
});

describe('the demo’s year of history', () => {
  // Any end will do: the plans move so that it falls in the strategy's 11th month (2026-05 … 2027-04);
  // the demo posts keep the real clock.
  const historyEnd = new Date('2027-03-05T12:00:00Z');
  const asOf = '2027-03-05';
  let workspaceId: string;
  let output = '';

  it('is seeded on a new database, in a few seconds', async () => {
    const started = performance.now();
    expect(await seedDemo(fixed.pool, (l) => (output += l), { historyEnd })).toBe(true);
    const seconds = (performance.now() - started) / 1000;
    const history =
      /with the year of history up to then: (\d+) posts, (\d+) conversions, (\d+) events,\s+(\d+) mentions of 4 listening queries and (\d+) spike alerts \((\d+\.\d) s\)/.exec(
        output,
      );
    expect(history).not.toBeNull();
    console.log(
      `demo seed with its history ending ${historyEnd.toISOString()}: ${seconds.toFixed(1)} s in all, of which the history ${history![6]} s (${history![3]} events, ${history![4]} mentions)`,
    );
    expect(output).toContain('(2026-05-01 – 2027-04-30)');
    ({ id: workspaceId } = (await fixed.pool.query('SELECT id FROM workspaces WHERE slug = $1', ['demo'])).rows[0]);
  });

  it('fills every measurement table, the posts published on the sandbox with their receipts', async () => {
    const count = async (sql: string) => Number((await fixed.pool.query(sql, [workspaceId])).rows[0].n);
    expect(await count('SELECT count(*) AS n FROM metric_events WHERE workspace_id = $1 AND source <> $$demo$$')).toBe(0);
    expect(await count('SELECT count(*) AS n FROM metric_events WHERE workspace_id = $1')).toBeGreaterThan(10_000);
    expect(await count('SELECT count(*) AS n FROM follower_snapshots WHERE workspace_id = $1')).toBe(365 * 5);
    expect(await count('SELECT count(*) AS n FROM post_metric_snapshots WHERE workspace_id = $1')).toBeGreaterThan(3000);
    expect(await count('SELECT count(*) AS n FROM tracked_links WHERE workspace_id = $1')).toBeGreaterThan(100);
    expect(
      await count('SELECT count(*) AS n FROM link_referrers r JOIN tracked_links l ON l.id = r.link_id WHERE l.workspace_id = $1'),
    ).toBeGreaterThan(1000);
    expect(await count("SELECT count(*) AS n FROM conversions WHERE workspace_id = $1 AND source = 'demo'")).toBeGreaterThan(500);
    expect(await count('SELECT count(DISTINCT campaign_id) AS n FROM campaign_costs WHERE workspace_id = $1')).toBe(2);
    expect(await count("SELECT count(*) AS n FROM kpi_values WHERE workspace_id = $1 AND source = 'demo'")).toBeGreaterThan(10);
    // Every published variant has a remote id that is a sandbox receipt of its idempotency key.
    const { rows } = await fixed.pool.query(
      `SELECT count(*)::int AS published, count(r.id)::int AS receipts,
              count(*) FILTER (WHERE v.remote_id = 'sandbox-' || r.id)::int AS matching
         FROM post_variants v LEFT JOIN sandbox_receipts r ON r.idempotency_key = v.idempotency_key
        WHERE v.workspace_id = $1 AND v.state = 'published'`,
      [workspaceId],
    );
    expect(rows[0].published).toBeGreaterThan(500);
    expect(rows[0]).toEqual({ published: rows[0].published, receipts: rows[0].published, matching: rows[0].published });
    // Conversions and their events agree, revenue included.
    const { rows: money } = await fixed.pool.query(
      `SELECT (SELECT count(*) FROM conversions WHERE workspace_id = $1)::int AS conversions,
              (SELECT sum(value) FROM conversions WHERE workspace_id = $1)::float8 AS value,
              (SELECT sum(value) FROM metric_events WHERE workspace_id = $1 AND metric = 'conversions')::int AS counted,
              (SELECT sum(value) FROM metric_events WHERE workspace_id = $1 AND metric = 'revenue')::float8 AS revenue`,
      [workspaceId],
    );
    expect(money[0].counted).toBe(money[0].conversions);
    expect(money[0].revenue).toBeCloseTo(money[0].value, 6);
  });

  it('keeps rollups that equal the sums of the raw events, hour by hour and day by day', async () => {
    for (const grain of ['hour', 'day']) {
      const { rows } = await fixed.pool.query(
        `WITH raw AS (
           SELECT metric, coalesce(strategy_id, '') AS s, coalesce(campaign_id, '') AS c, coalesce(channel_id, '') AS ch,
                  date_trunc($2, occurred_at, 'UTC') AS bucket, sum(value) AS value, count(*) AS events
             FROM metric_events WHERE workspace_id = $1 GROUP BY 1, 2, 3, 4, 5),
         rolled AS (
           SELECT metric, strategy_id AS s, campaign_id AS c, channel_id AS ch, bucket, value, events
             FROM metric_rollups WHERE workspace_id = $1 AND grain = $2)
         SELECT (SELECT count(*) FROM raw)::int AS buckets,
                (SELECT count(*) FROM raw FULL JOIN rolled USING (metric, s, c, ch, bucket)
                  WHERE raw.value IS DISTINCT FROM rolled.value OR raw.events IS DISTINCT FROM rolled.events)::int AS different`,
        [workspaceId, grain],
      );
      expect(rows[0].buckets, grain).toBeGreaterThan(1000);
      expect(rows[0].different, grain).toBe(0);
    }
  });

  it('loads a value for every KPI, with the story’s statuses', async () => {
    const { doc: strategy } = await getStrategy(fixed.pool, workspaceId, DEMO_STRATEGY);
    const values = await loadKpiValues(fixed.pool, workspaceId, strategy, asOf);
    const report = kpiProgressReport(strategy, values, asOf);
    expect(Object.fromEntries(report.kpis.map((k) => [k.id, k.status]))).toEqual({
      'total-followers': 'ahead',
      'brand-mentions': 'on_track',
      'engagement-rate': 'at_risk',
      'reply-time': 'achieved',
      // Every conversion of the strategy counts here, the launch's sales too.
      'subscription-signups': 'achieved',
      'office-leads': 'behind',
      'social-visits': 'on_track',
    });
    // Measured ones have a value every week of the strategy, not only at the end.
    expect(values.get('total-followers')!.length).toBeGreaterThan(40);
    expect(values.get('engagement-rate')!.length).toBeGreaterThan(40);
  });

  it('has a year of listening: every mention matched, share of voice and spike alerts on the dashboard', async () => {
    const count = async (sql: string) => Number((await fixed.pool.query(sql, [workspaceId])).rows[0].n);
    const mentions = await count('SELECT count(*) AS n FROM mentions WHERE workspace_id = $1');
    expect(mentions).toBeGreaterThan(4000);
    expect(await count('SELECT count(DISTINCT mention_id) AS n FROM mention_matches WHERE workspace_id = $1')).toBe(mentions);
    expect(await count('SELECT count(*) AS n FROM listening_alerts WHERE workspace_id = $1')).toBeGreaterThanOrEqual(2);
    const d = await getListeningDashboard(fixed.pool, workspaceId, { from: '2027-02-04', to: asOf }, asOf);
    expect(d.series).toHaveLength(30);
    expect(d.shareOfVoice.map((t) => [t.topic, t.entries.length])).toEqual([['Coffee roasters', 3]]);
    expect(d.shareOfVoice[0]!.share).toBeGreaterThan(0.2);
    expect(d.topAuthors).toHaveLength(10);
    expect(d.topTerms.map((t) => t.term)).toContain('northwind');
  });

  it('sets each sandbox account to go on from its last follower reading', async () => {
    // The worker's reading that evening (20:00 UTC) continues the history.
    const sandbox = new SandboxConnector(postgresSandboxReceiptStore(fixed.pool), { now: () => new Date('2027-03-05T20:00:00Z') });
    const { rows } = await fixed.pool.query<{ id: string; channel_id: string; config: Record<string, unknown>; last: number }>(
      `SELECT c.id, c.channel_id, c.config,
              (SELECT followers FROM follower_snapshots s WHERE s.workspace_id = c.workspace_id AND s.channel_id = c.channel_id
                ORDER BY day DESC LIMIT 1) AS last
         FROM channel_connections c WHERE c.workspace_id = $1`,
      [workspaceId],
    );
    expect(rows).toHaveLength(5);
    for (const r of rows) {
      const connection = {
        id: r.id,
        workspaceId,
        channelId: r.channel_id,
        connector: 'sandbox' as const,
        config: r.config,
        credentials: {},
      };
      const followers = await sandbox.fetchFollowers({ connection });
      expect(followers, r.channel_id).toBeGreaterThanOrEqual(r.last);
      expect(followers, r.channel_id).toBeLessThan(r.last * 1.01 + 5);
    }
  });

  it('gives one campaign a negative return on its actual costs and the other a positive one', async () => {
    const roi = async (id: string) => campaignRoi(fixed.pool, workspaceId, (await getCampaign(fixed.pool, workspaceId, id)).doc);
    const [event, launch] = await Promise.all([roi('roastery-open-day'), roi('winter-blend-launch')]);
    expect(event).toMatchObject({ costBasis: 'actual', currency: 'EUR', otherCurrencies: [] });
    expect(event.roi).toBeLessThan(0);
    expect(event.conversions).toBeGreaterThan(400); // its tickets: the response goal of 400 is met
    expect(launch).toMatchObject({ costBasis: 'actual', currency: 'EUR', otherCurrencies: [] });
    expect(launch.roi).toBeGreaterThan(0);
  });
});
