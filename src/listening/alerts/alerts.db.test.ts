/**
 * Spike alerts against real Postgres: mentions written directly, the hourly check run with a fixed
 * "now", in-app notifications read back through the API, and the webhook received by a local HTTP
 * server (the outbound guard refuses 127.0.0.1 by policy; the run is given a client that allows it).
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../../test/app.ts';
import { insertMentions, insertQuery, type TestMention } from '../../../test/listening-analysis-fixtures.ts';
import { quiet } from '../../../test/worker-fixtures.ts';
import { SIGNATURE_HEADER, verifySignature } from '../../connectors/webhook/signature.ts';
import { createOutbound } from '../../outbound/client.ts';
import { runSpikeAlerts } from './run-spike-alerts.ts';

let t: TestApp;
let owner: Awaited<ReturnType<TestApp['signUp']>>;
let analyst: Awaited<ReturnType<TestApp['signUp']>>;
let editor: Awaited<ReturnType<TestApp['signUp']>>;
let ws: string;
let other: string;
let server: Server;
let base: string;
let answer = 200;
let secret = '';
const received: { headers: IncomingHttpHeaders; body: string }[] = [];
const allowLocal = createOutbound({ allow: ['127.0.0.1'] }).fetch;
const q: Record<string, string> = {};

/** `n` mentions of `query` in the hour starting at `hour`, spread over it. */
const burst = (query: string, hour: string, n: number): TestMention[] =>
  Array.from({ length: n }, (_, i) => ({ at: new Date(Date.parse(hour) + i * 1000).toISOString(), queries: [query] }));
const daysBefore = (hour: string, d: number) => new Date(Date.parse(hour) - d * 86_400_000).toISOString();

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp();
  analyst = await t.signUp();
  editor = await t.signUp();
  ws = await t.createWorkspace(owner.headers);
  other = await t.createWorkspace(owner.headers, 'Other');
  await t.addMember(owner.headers, ws, analyst, 'analyst');
  await t.addMember(owner.headers, ws, editor, 'editor');
  const pool = t.db.pool;
  const created = '2027-03-01T00:00:00Z';
  for (const [key, workspace, name] of [
    ['busy', ws, 'Northwind'],
    ['tiny', ws, 'Tiny'],
    ['late', ws, 'Late'],
    ['foreign', other, 'Foreign'],
  ] as const) {
    q[key] = await insertQuery(pool, workspace, { name });
    await pool.query('UPDATE listening_queries SET created_at = $2 WHERE id = $1', [q[key], created]);
  }
  const hour = '2027-03-10T10:00:00Z';
  await insertMentions(pool, ws, [
    // Busy: 5 mentions at 10:00 on each of the 7 days before, except 3 days ago (8): mean 38/7, then 30.
    ...[1, 2, 4, 5, 6, 7].flatMap((d) => burst(q.busy!, daysBefore(hour, d), 5)),
    ...burst(q.busy!, daysBefore(hour, 3), 8),
    ...burst(q.busy!, hour, 30),
    // Tiny: nothing before, 4 now: far above its baseline, below the minimum count.
    ...burst(q.tiny!, hour, 4),
    // Late: a spike in the next hour.
    ...burst(q.late!, '2027-03-10T11:00:00Z', 12),
  ]);
  await insertMentions(pool, other, burst(q.foreign!, hour, 50));
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(answer).end('{"internal":"never echoed"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

const api = (method: 'GET' | 'PUT', path: string, headers: Record<string, string>, payload?: object, workspace = ws) =>
  t.app.inject({ method, url: `/api/v1/workspaces/${workspace}${path}`, headers, ...(payload ? { payload } : {}) });
const run = (now: string) => runSpikeAlerts(t.db.pool, { now: new Date(now), fetch: allowLocal, log: quiet });
const spikesOf = async (headers: Record<string, string>, workspace = ws) => {
  const res = await api('GET', '/notifications', headers, undefined, workspace);
  expectStatus(res, 200);
  return (res.json().notifications as { kind: string; message: string }[]).filter((n) => n.kind === 'listening_spike');
};

describe('spike alert settings', () => {
  it('default to k = 3 and 10 mentions; a webhook URL answers its secret once and shows only its host', async () => {
    expect((await api('GET', '/listening/alert-settings', editor.headers)).json()).toEqual({ k: 3, minCount: 10, webhookHost: null });
    const set = await api('PUT', '/listening/alert-settings', owner.headers, { webhookUrl: `${base}/hook?token=x` });
    expectStatus(set, 200);
    expect(set.json().settings).toEqual({ k: 3, minCount: 10, webhookHost: new URL(base).host });
    expect(set.json().webhookSecret).toMatch(/^whsec_/);
    // The same URL again keeps the secret (none shown); other fields change alone.
    const again = await api('PUT', '/listening/alert-settings', analyst.headers, { webhookUrl: `${base}/hook?token=x`, minCount: 10 });
    expect(again.json().webhookSecret).toBeNull();
    secret = set.json().webhookSecret;
    const { rows } = await t.db.pool.query(
      "SELECT action, after FROM audit_log WHERE action = 'listening_alert_settings.update' ORDER BY id",
    );
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows)).not.toContain('token=x');
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('refuses bad values with a coded 400 and writers without listening.write with 403', async () => {
    for (const body of [{ k: 0 }, { k: 11 }, { minCount: 0 }, { minCount: 1.5 }, { webhookUrl: 'ftp://example.com' }, { other: 1 }]) {
      const res = await api('PUT', '/listening/alert-settings', owner.headers, body);
      expectStatus(res, 400);
      expect(res.json().error.code).toBeTypeOf('string');
    }
    expectStatus(await api('PUT', '/listening/alert-settings', editor.headers, { k: 2 }), 403);
  });
});

describe('the hourly spike check', () => {
  it('alerts once per query and hour, tells owners and analysts, and POSTs the signed alert', async () => {
    const first = await run('2027-03-10T11:05:00Z');
    expect(first).toMatchObject({ hour: '2027-03-10T10:00:00.000Z', evaluated: 3, alerts: 2, delivered: 1, failed: 0 });
    // Busy, tiny and the other workspace's query had mentions in the hour; tiny stays under the minimum count.
    const list = await api('GET', '/listening/alerts', editor.headers);
    expectStatus(list, 200);
    const alerts = list.json().alerts;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      query: { id: q.busy, name: 'Northwind', archived: false },
      hour: '2027-03-10T10:00:00.000Z',
      mentions: 30,
      k: 3,
      webhook: { status: 'delivered', error: null },
    });
    expect(alerts[0].mean).toBeCloseTo(38 / 7, 5);
    const sd = Math.sqrt((6 * (5 - 38 / 7) ** 2 + (8 - 38 / 7) ** 2) / 7);
    expect(alerts[0].stddev).toBeCloseTo(sd, 5);
    expect(alerts[0].threshold).toBeCloseTo(38 / 7 + 3 * sd, 4);

    expect(await spikesOf(owner.headers)).toHaveLength(1);
    expect((await spikesOf(analyst.headers))[0]!.message).toContain('Spike on "Northwind": 30 mentions');
    expect(await spikesOf(editor.headers)).toHaveLength(0);

    const hooks = received.filter((r) => r.body.includes('listening.spike'));
    expect(hooks).toHaveLength(1);
    const hook = hooks[0]!;
    expect(verifySignature(secret, hook.headers[SIGNATURE_HEADER.toLowerCase()] as string, hook.body)).toBe(true);
    expect(hook.headers['idempotency-key']).toBe(alerts[0].id);
    expect(JSON.parse(hook.body).data).toMatchObject({ query: { id: q.busy, name: 'Northwind' }, mentions: 30 });

    // Again for the same hour (a retry, a second worker): nothing new anywhere.
    const [a, b] = await Promise.all([run('2027-03-10T11:30:00Z'), run('2027-03-10T11:59:59Z')]);
    expect(a.alerts + b.alerts).toBe(0);
    expect((await api('GET', '/listening/alerts', owner.headers)).json().alerts).toHaveLength(1);
    expect(await spikesOf(owner.headers)).toHaveLength(1);
    expect(received.filter((r) => r.body.includes('listening.spike'))).toHaveLength(1);
  });

  it('keeps workspaces apart: the other workspace has its own alert, with the defaults and no webhook', async () => {
    const res = await api('GET', '/listening/alerts', owner.headers, undefined, other);
    expect(res.json().alerts).toEqual([
      expect.objectContaining({
        query: expect.objectContaining({ id: q.foreign }),
        mentions: 50,
        webhook: { status: 'none', error: null },
      }),
    ]);
  });

  it('records a refused webhook as failed, in its own words, and a higher minimum count silences a spike', async () => {
    answer = 500;
    const r = await run('2027-03-10T12:05:00Z');
    expect(r).toMatchObject({ alerts: 1, delivered: 0, failed: 1 });
    const alerts = (await api('GET', '/listening/alerts?limit=1', owner.headers)).json();
    expect(alerts.alerts[0]).toMatchObject({
      query: { name: 'Late' },
      webhook: { status: 'failed', error: 'The webhook answered HTTP 500.' },
    });
    expect(alerts.nextBefore).toBe('2027-03-10T11:00:00.000Z');
    const next = (await api('GET', `/listening/alerts?limit=1&before=${encodeURIComponent(alerts.nextBefore)}`, owner.headers)).json();
    expect(next.alerts[0].query.name).toBe('Northwind');
    expect(next.nextBefore).toBeNull();
    for (const bad of ['yesterday', '0000-01-01T00:00:00Z', '2027-13-01T00:00:00Z'])
      expectStatus(await api('GET', `/listening/alerts?before=${encodeURIComponent(bad)}`, owner.headers), 400);
    expectStatus(await api('GET', '/listening/alerts?limit=0', owner.headers), 400);

    await t.db.pool.query('DELETE FROM listening_alerts WHERE query_id = $1', [q.late]);
    expectStatus(await api('PUT', '/listening/alert-settings', owner.headers, { minCount: 13, webhookUrl: null }), 200);
    expect(await run('2027-03-10T12:05:00Z')).toMatchObject({ evaluated: 1, alerts: 0 });
    expect((await api('GET', '/listening/alert-settings', owner.headers)).json()).toEqual({ k: 3, minCount: 13, webhookHost: null });
  });
});
