/**
 * Report schedules against real Postgres: the routes (who may, audit), the job (a due report stored
 * once, however often it runs) and the webhook delivery to a local server. The server is on
 * 127.0.0.1, which the outbound guard refuses by policy; the job is given a client that allows that
 * host, as OUTBOUND_ALLOW does for self-hosted receivers (the webhook connector's tests do the same).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../../test/app.ts';
import { createReportPlan, seedMeasurements } from '../../../test/report-fixtures.ts';
import { SIGNATURE_HEADER, verifySignature } from '../../connectors/webhook/signature.ts';
import { createOutbound } from '../../outbound/client.ts';
import { createRenderPool } from './render-pool.ts';
import { runReportSchedules, MAX_DELIVERY_ATTEMPTS } from './run-report-schedules.ts';

let t: TestApp;
let owner: { headers: Record<string, string>; userId: string };
let ws: string;
let server: Server;
let base: string;
/** What the local webhook received, and what it answers next. */
const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
let answer = 200;
const renderer = createRenderPool();

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp();
  ws = await t.createWorkspace(owner.headers);
  await createReportPlan(t, owner.headers, ws);
  await seedMeasurements(t.db.pool, ws);
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
  await renderer.close();
  await t.close();
});

const api = (method: 'GET' | 'POST' | 'DELETE', path: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method, url: `/api/v1/workspaces/${ws}${path}`, headers, ...(payload ? { payload } : {}) });
const allowLocal = createOutbound({ allow: ['127.0.0.1'] }).fetch;
const reportsOf = async (scheduleId: string) =>
  (
    await t.db.pool.query<{
      id: string;
      period_from: string;
      period_to: string;
      delivery_status: string;
      delivery_attempts: number;
      content: Buffer;
    }>(
      'SELECT id, period_from, period_to, delivery_status, delivery_attempts, content FROM reports WHERE schedule_id = $1 ORDER BY period_from',
      [scheduleId],
    )
  ).rows;

describe('report schedules API', () => {
  it('is set up by plan.write (owners, strategists), read by analytics.read, and audited', async () => {
    const analyst = await t.signUp();
    await t.addMember(owner.headers, ws, analyst, 'analyst');
    const body = { subject: 'strategy', id: 'acme-2027', format: 'pdf', cadence: 'monthly' };
    expectStatus(await api('POST', '/report-schedules', analyst.headers, body), 403);

    const created = await api('POST', '/report-schedules', owner.headers, body);
    expectStatus(created, 201);
    const { schedule, webhookSecret } = created.json();
    expect(webhookSecret).toBeNull();
    expect(schedule).toMatchObject({
      subject: 'strategy',
      subjectId: 'acme-2027',
      subjectName: 'Acme Bakery social media strategy 2027',
      webhookHost: null,
      reports: [],
    });

    const listed = await api('GET', '/report-schedules?strategy=acme-2027', analyst.headers);
    expectStatus(listed, 200);
    expect(listed.json().schedules.map((s: { id: string }) => s.id)).toEqual([schedule.id]);
    expect((await api('GET', '/report-schedules?campaign=summer-launch', analyst.headers)).json().schedules).toEqual([]);

    expectStatus(await api('DELETE', `/report-schedules/${schedule.id}`, analyst.headers), 403);
    expectStatus(await api('DELETE', `/report-schedules/${schedule.id}`, owner.headers), 204);
    expectStatus(await api('DELETE', `/report-schedules/${schedule.id}`, owner.headers), 404);
    const audit = await t.db.pool.query('SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id', [schedule.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(['report_schedule.create', 'report_schedule.delete']);
  });

  it('answers 404 for an unknown subject and a bad body with 400', async () => {
    const res = await api('POST', '/report-schedules', owner.headers, {
      subject: 'campaign',
      id: 'nope',
      format: 'csv',
      cadence: 'weekly',
    });
    expectStatus(res, 404);
    const bad = await api('POST', '/report-schedules', owner.headers, {
      subject: 'strategy',
      id: 'acme-2027',
      format: 'csv',
      cadence: 'weekly',
      webhookUrl: 'ftp://x',
    });
    expectStatus(bad, 400);
  });
});

describe('the scheduled-reports job', () => {
  it('stores a due report once, even when run twice or twice at once, and serves it for download', async () => {
    const created = await api('POST', '/report-schedules', owner.headers, {
      subject: 'strategy',
      id: 'acme-2027',
      format: 'csv',
      cadence: 'weekly',
    });
    const id = created.json().schedule.id as string;
    // Wednesday 10 March 2027: the week just ended is Monday 1 – Sunday 7 March.
    const now = new Date('2027-03-10T06:00:00Z');
    const first = await runReportSchedules(t.db.pool, { fetch: allowLocal, renderer, now });
    expect(first).toMatchObject({ generated: 1, errors: 0 });
    expect(await runReportSchedules(t.db.pool, { fetch: allowLocal, renderer, now })).toMatchObject({ generated: 0 });
    const [a, b] = await Promise.all([
      runReportSchedules(t.db.pool, { fetch: allowLocal, renderer, now: new Date('2027-03-17T06:00:00Z') }),
      runReportSchedules(t.db.pool, { fetch: allowLocal, renderer, now: new Date('2027-03-17T06:00:00Z') }),
    ]);
    expect(a.generated + b.generated).toBe(1);
    const stored = await reportsOf(id);
    expect(stored.map((r) => [r.period_from, r.period_to, r.delivery_status])).toEqual([
      ['2027-03-01', '2027-03-07', 'none'],
      ['2027-03-08', '2027-03-14', 'none'],
    ]);
    // The first week's 3 clicks (2 March) are in its file.
    expect(stored[0]!.content.toString('utf8')).toContain('total,link_clicks,Link clicks,2027-03-01,2027-03-07,,3,count');

    const listed = (await api('GET', '/report-schedules?strategy=acme-2027', owner.headers))
      .json()
      .schedules.find((s: { id: string }) => s.id === id);
    expect(listed.reports.map((r: { from: string }) => r.from)).toEqual(['2027-03-08', '2027-03-01']);
    const file = await api('GET', `/reports/${listed.reports[1].id}/file`, owner.headers);
    expectStatus(file, 200);
    expect(file.headers['content-disposition']).toBe('attachment; filename="acme-2027-report-2027-03-01-to-2027-03-07.csv"');
    expect(file.rawPayload.equals(stored[0]!.content)).toBe(true);
    const audit = await t.db.pool.query(`SELECT actor FROM audit_log WHERE action = 'report.generate' AND entity_id = $1`, [stored[0]!.id]);
    expect(audit.rows).toEqual([{ actor: 'system' }]);

    // Another workspace's member cannot download it; a viewer of this one may not either.
    const other = await t.signUp();
    await t.createWorkspace(other.headers);
    expectStatus(await api('GET', `/reports/${listed.reports[1].id}/file`, other.headers), 404);
    const viewer = await t.signUp();
    await t.addMember(owner.headers, ws, viewer, 'viewer');
    expectStatus(await api('GET', `/reports/${listed.reports[1].id}/file`, viewer.headers), 403);
    expectStatus(await api('GET', '/reports/00000000-0000-4000-8000-000000000000/file', owner.headers), 404);
    await api('DELETE', `/report-schedules/${id}`, owner.headers);
  });

  it('POSTs the report to the webhook, signed, and tries again after a failure (the report stays stored)', async () => {
    const created = await api('POST', '/report-schedules', owner.headers, {
      subject: 'campaign',
      id: 'summer-launch',
      format: 'pdf',
      cadence: 'monthly',
      webhookUrl: `${base}/hooks/reports?token=abc`,
    });
    expectStatus(created, 201);
    const { schedule, webhookSecret } = created.json();
    expect(schedule.webhookHost).toBe(base.replace('http://', ''));
    expect(webhookSecret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    received.length = 0;
    answer = 503;
    const now = new Date('2027-08-02T00:05:00Z');
    expect(await runReportSchedules(t.db.pool, { fetch: allowLocal, renderer, now })).toMatchObject({
      generated: 1,
      delivered: 0,
      retrying: 1,
    });
    let [report] = await reportsOf(schedule.id);
    expect(report).toMatchObject({ period_from: '2027-07-01', period_to: '2027-07-31', delivery_status: 'pending', delivery_attempts: 1 });
    const failed = await t.db.pool.query('SELECT delivery_error FROM reports WHERE id = $1', [report!.id]);
    expect(failed.rows[0].delivery_error).toBe('The webhook answered HTTP 503.');

    // Before the retry is due nothing is sent; 15 minutes on, it goes again and is taken.
    answer = 200;
    expect(await runReportSchedules(t.db.pool, { fetch: allowLocal, renderer, now: new Date('2027-08-02T00:10:00Z') })).toMatchObject({
      delivered: 0,
      retrying: 0,
    });
    expect(await runReportSchedules(t.db.pool, { fetch: allowLocal, renderer, now: new Date('2027-08-02T00:21:00Z') })).toMatchObject({
      delivered: 1,
    });
    [report] = await reportsOf(schedule.id);
    expect(report).toMatchObject({ delivery_status: 'delivered', delivery_attempts: 2 });

    expect(received).toHaveLength(2);
    const last = received[1]!;
    expect(last.headers['idempotency-key']).toBe(report!.id);
    expect(
      verifySignature(webhookSecret, last.headers[SIGNATURE_HEADER.toLowerCase()] as string, last.body, {
        nowSeconds: Math.floor(Date.now() / 1000),
      }),
    ).toBe(true);
    const payload = JSON.parse(last.body);
    expect(payload).toMatchObject({
      event: 'report.created',
      id: report!.id,
      data: {
        subject: 'campaign',
        id: 'summer-launch',
        name: 'Summer rye launch',
        period: { from: '2027-07-01', to: '2027-07-31' },
        contentType: 'application/pdf',
      },
    });
    expect(Buffer.from(payload.data.base64, 'base64').equals(report!.content)).toBe(true);
    // Delivered once: later runs send nothing more.
    expect(await runReportSchedules(t.db.pool, { fetch: allowLocal, renderer, now: new Date('2027-08-03T00:00:00Z') })).toMatchObject({
      generated: 0,
      delivered: 0,
    });
    expect(received).toHaveLength(2);
    await api('DELETE', `/report-schedules/${schedule.id}`, owner.headers);
  });

  it('never reaches a local address through the default guard; gives up after the last attempt and tells the schedule’s creator', async () => {
    const created = await api('POST', '/report-schedules', owner.headers, {
      subject: 'strategy',
      id: 'acme-2027',
      format: 'csv',
      cadence: 'monthly',
      webhookUrl: `${base}/internal`,
    });
    const id = created.json().schedule.id as string;
    received.length = 0;
    const guarded = createOutbound().fetch;
    let now = new Date('2027-05-03T00:00:00Z');
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      const r = await runReportSchedules(t.db.pool, { fetch: guarded, renderer, now });
      expect(r, `attempt ${attempt}`).toMatchObject(attempt < MAX_DELIVERY_ATTEMPTS ? { retrying: 1 } : { failed: 1 });
      now = new Date(now.getTime() + 24 * 3600_000);
    }
    expect(received).toHaveLength(0);
    const [report] = await reportsOf(id);
    expect(report).toMatchObject({ period_from: '2027-04-01', delivery_status: 'failed', delivery_attempts: MAX_DELIVERY_ATTEMPTS });
    const notes = await t.db.pool.query(
      `SELECT user_id, kind, entity_type, entity_id, message FROM notifications WHERE kind = 'report_delivery_failed'`,
    );
    expect(notes.rows).toEqual([
      {
        user_id: owner.userId,
        kind: 'report_delivery_failed',
        entity_type: 'report_schedule',
        entity_id: id,
        message: expect.stringMatching(
          /^The monthly report of Acme Bakery .* for 2027-04-01 – 2027-04-30 could not be delivered .*private or local network address/,
        ),
      },
    ]);
    const view = await t.app.inject({ method: 'GET', url: `/api/v1/workspaces/${ws}/notifications`, headers: owner.headers });
    expect(view.json().notifications[0]).toMatchObject({
      kind: 'report_delivery_failed',
      post: null,
      report: { schedule: id, subject: 'strategy', strategy: 'acme-2027', campaign: null },
    });
    // No more attempts after giving up.
    expect(await runReportSchedules(t.db.pool, { fetch: guarded, renderer, now })).toMatchObject({ retrying: 0, failed: 0 });
  });
});
