/**
 * The demo seed on an empty database: the plans, the sandbox connections, posts in each state of the
 * workflow — and the scheduled one really publishes on the sandbox through the worker that `npm start`
 * runs (found by its sweep: seeding enqueues nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { loadConfig } from '../config.ts';
import { openCredentials } from '../connections/credentials.ts';
import { startPublishing, type PublishingRole } from '../scheduler/worker.ts';
import { DEMO_EMAIL, DEMO_PUBLISH_AFTER_MINUTES, DEMO_TIMEZONE, seedDemo } from './seed-demo.ts';

let db: TestDatabase;
let publishing: PublishingRole | undefined;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await publishing?.stop();
  await db.drop();
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

    const { rows: ws } = await db.pool.query('SELECT id, timezone FROM workspaces WHERE slug = $1', ['demo']);
    expect(ws).toEqual([{ id: expect.any(String), timezone: DEMO_TIMEZONE }]);
    const workspaceId = ws[0].id as string;

    const { rows: connections } = await db.pool.query(
      'SELECT id, channel_id, connector, config, credentials_enc, status, verified_at IS NOT NULL AS verified FROM channel_connections WHERE workspace_id = $1 ORDER BY channel_id',
      [workspaceId],
    );
    expect(connections.map(({ id, credentials_enc, ...c }) => ({ ...c, credentials: openCredentials(id, credentials_enc) }))).toEqual(
      ['bluesky', 'instagram', 'linkedin', 'mastodon', 'newsletter'].map((channel_id) => ({
        channel_id,
        connector: 'sandbox',
        config: { latencyMs: 50 },
        credentials: {},
        status: 'connected',
        verified: true,
      })),
    );

    const { rows: posts } = await db.pool.query<{ state: string; scheduled_at: Date | null; timezone: string; variants: string[] }>(
      `SELECT p.state, p.scheduled_at, p.timezone, array_agg(v.channel_id ORDER BY v.channel_id) AS variants
         FROM posts p JOIN post_variants v ON v.post_id = p.id WHERE p.workspace_id = $1 GROUP BY p.id ORDER BY p.created_at`,
      [workspaceId],
    );
    expect(posts.map((p) => p.state)).toEqual(['idea', 'draft', 'in_review', 'approved', 'scheduled']);
    expect(posts.every((p) => p.timezone === DEMO_TIMEZONE)).toBe(true);
    const approved = posts[3]!;
    expect(approved.scheduled_at!.getTime()).toBeGreaterThan(startedAt.getTime());
    const scheduled = posts[4]!;
    const dueIn = scheduled.scheduled_at!.getTime() - startedAt.getTime();
    expect(dueIn).toBeGreaterThan(DEMO_PUBLISH_AFTER_MINUTES * 60_000);
    expect(dueIn).toBeLessThanOrEqual((DEMO_PUBLISH_AFTER_MINUTES + 1) * 60_000);
    expect(scheduled.variants).toEqual(['bluesky', 'linkedin', 'mastodon']);

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
          WHERE p.scheduled_at IS NOT NULL AND v.due_at IS NOT NULL GROUP BY p.id`,
      ));
      if (rows[0]?.state === 'published') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(rows).toEqual([{ state: 'published', published: 3 }]);
  }, 30_000);
});
