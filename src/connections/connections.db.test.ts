/**
 * The connections API against a real Postgres: the sandbox connector, the webhook connector talking
 * to a real local HTTP server, and a scripted stand-in for a network whose answers we choose.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { joinByInvitation } from '../../test/app.ts';
import {
  PermanentError,
  TransientError,
  type Connection,
  type ConnectionContext,
  type Connector,
  type PublishResult,
  type VerifyResult,
} from '../connectors/connector.ts';
import { ConnectorRegistry } from '../connectors/registry.ts';
import { SandboxConnector } from '../connectors/sandbox/sandbox.ts';
import { WebhookConnector } from '../connectors/webhook/webhook.ts';
import { createOutbound } from '../outbound/client.ts';
import { buildApp, type App } from '../http/app.ts';
import { openCredentials } from './credentials.ts';
import { postgresSandboxReceiptStore } from './sandbox-receipt-store.ts';
import { PLATFORM_LIMITS } from '../content/limits.ts';
import { RecordingQueue, expectError, expectStatus, postingStrategy, type Headers } from '../../test/posts-app.ts';
import { PublishProcessor, type Logger } from '../scheduler/worker-publish.ts';

/** A network whose verify answer the test sets: ok, refused, a permanent error, or down. */
class ScriptedNetwork implements Connector {
  readonly kind = 'bluesky' as const;
  readonly limits = { post: PLATFORM_LIMITS.bluesky, concurrency: 4, timeoutMs: 5000 };
  answer: 'ok' | 'refuse' | 'auth' | 'down' = 'ok';
  seen: Connection[] = [];
  async verify(ctx: ConnectionContext): Promise<VerifyResult> {
    this.seen.push(ctx.connection);
    if (this.answer === 'refuse') return { ok: false, message: 'Bluesky: the app password was revoked.' };
    if (this.answer === 'auth') throw new PermanentError('Invalid identifier or password', { reason: 'auth' });
    if (this.answer === 'down') throw new TransientError('connect ECONNREFUSED 10.0.0.1:443');
    return { ok: true };
  }
  async publish(): Promise<PublishResult> {
    throw new Error('not in these tests');
  }
  async delete(): Promise<void> {}
  async lookup(): Promise<PublishResult | null> {
    return null;
  }
}

/** A webhook receiver: records deliveries, answers with `status`. */
let hook: Server;
let hookUrl: string;
let hookStatus = 200;
/** An internal service with something to hide: no webhook may reach it, nothing of it may come back. */
let internal: Server;
let internalPort: number;
let internalHits = 0;
const INTERNAL_SECRET = 'internal-admin-token-5d1e0b';
const deliveries: { headers: IncomingMessage['headers']; body: { event: string } }[] = [];

let db: TestDatabase;
let app: App;
const network = new ScriptedNetwork();
const queue = new RecordingQueue();
let owner: Headers;
let ws: string;
const strategy = postingStrategy();
let seq = 0;

const inject = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: unknown) =>
  app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

async function signUp(): Promise<{ headers: Headers; userId: string; email: string }> {
  const email = `conn${++seq}-${Date.now()}@example.com`;
  const res = await inject('POST', '/auth/signup', {}, { email, password: 'correct horse battery staple', name: `User ${seq}` });
  expectStatus(res, 201);
  return {
    headers: { cookie: `gw_session=${res.cookies.find((c) => c.name === 'gw_session')!.value}` },
    userId: res.json().user.id,
    email,
  };
}

async function workspaceWithStrategy(headers: Headers): Promise<string> {
  const res = await inject('POST', '/workspaces', headers, { name: `Connections ${++seq}` });
  expectStatus(res, 201);
  const id = res.json().workspace.id as string;
  expectStatus(await inject('POST', `/workspaces/${id}/strategies`, headers, strategy), 201);
  return id;
}

async function member(role: string): Promise<Headers> {
  const u = await signUp();
  await joinByInvitation(app, owner, ws, u, role);
  return u.headers;
}

const connections = (workspace = ws) => `/workspaces/${workspace}/connections`;

async function connect(payload: Record<string, unknown>, headers = owner, workspace = ws) {
  const res = await inject('POST', connections(workspace), headers, { strategy: strategy.id, ...payload });
  expectStatus(res, 201);
  return res.json() as { connection: Record<string, unknown> & { id: string }; verification: { outcome: string; message: string | null } };
}

async function auditOf(id: string) {
  const { rows } = await db.pool.query<{ action: string; actor: string; before: unknown; after: unknown; reason: string | null }>(
    `SELECT action, actor, before, after, reason FROM audit_log WHERE entity_type = 'connection' AND entity_id = $1 ORDER BY id`,
    [id],
  );
  return rows;
}

beforeAll(async () => {
  hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      deliveries.push({ headers: req.headers, body: JSON.parse(body) });
      res.writeHead(hookStatus, { 'content-type': 'text/plain' }).end(hookStatus === 200 ? '' : 'signature rejected');
    });
  });
  await new Promise<void>((r) => hook.listen(0, '::', r));
  // The receiver is reached by name, and only that name is allowed (as OUTBOUND_ALLOW would): every
  // literal spelling of this machine stays forbidden for the SSRF tests below.
  hookUrl = `http://localhost:${(hook.address() as AddressInfo).port}/hook`;
  internal = createServer((_req, res) => {
    internalHits++;
    res.writeHead(500, { 'content-type': 'text/plain' }).end(INTERNAL_SECRET);
  });
  // '::' takes IPv4 and IPv6: [::1] and the mapped forms would reach it if they were let through.
  await new Promise<void>((r) => internal.listen(0, '::', r));
  internalPort = (internal.address() as AddressInfo).port;

  db = await createTestDatabase();
  // No mastodon connector in this registry: it stands for a connector the server lacks.
  const registry = new ConnectorRegistry([
    new SandboxConnector(postgresSandboxReceiptStore(db.pool)),
    new WebhookConnector({ fetch: createOutbound({ allow: ['localhost'] }).fetch }),
    network,
  ]);
  app = await buildApp({
    pool: db.pool,
    config: { sessionTtlDays: 30, cookieSecure: false, logLevel: 'silent' },
    queue,
    connectors: registry,
  });
  await app.ready();
  owner = (await signUp()).headers;
  ws = await workspaceWithStrategy(owner);
});
afterAll(async () => {
  await app.close();
  await db.drop();
  await new Promise((r) => hook.close(r));
  await new Promise((r) => internal.close(r));
});

describe('connecting accounts', () => {
  it('connects a channel to the sandbox, verifies it, lists it without secrets, audits it', async () => {
    const { connection, verification } = await connect({ channel: 'linkedin', connector: 'sandbox', config: { latencyMs: 50 } });
    expect(verification).toEqual({ outcome: 'verified', message: null });
    expect(connection).toEqual({
      id: expect.any(String),
      strategy: strategy.id,
      strategyName: strategy.name,
      channel: 'linkedin',
      platform: 'linkedin',
      connector: 'sandbox',
      config: { latencyMs: 50 },
      timezone: null,
      status: 'connected',
      statusMessage: null,
      verifiedAt: expect.any(String),
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const list = await inject('GET', connections(), owner);
    expectStatus(list, 200);
    const body = list.json();
    expect(body.connections.map((c: { id: string }) => c.id)).toContain(connection.id);
    expect(body.availableConnectors).toEqual(['sandbox', 'bluesky', 'webhook']);
    const linkedin = body.channels.find((c: { channel: string }) => c.channel === 'linkedin');
    expect(linkedin).toEqual({
      strategy: strategy.id,
      strategyName: strategy.name,
      channel: 'linkedin',
      platform: 'linkedin',
      handle: 'acme-bakery',
      connectionId: connection.id,
    });
    expect(body.channels.map((c: { channel: string }) => c.channel)).toEqual(strategy.channels.map((c) => c.id));
    expect(JSON.stringify(body)).not.toContain('credentials');

    expect(await auditOf(connection.id)).toEqual([
      {
        action: 'connection.create',
        actor: expect.any(String),
        before: null,
        after: {
          strategy: strategy.id,
          channel: 'linkedin',
          connector: 'sandbox',
          config: { latencyMs: 50 },
          timezone: null,
          status: 'connected',
          credentialFields: [],
          verification: 'verified',
        },
        reason: null,
      },
    ]);
  });

  it('keeps a refused account as reconnect_needed with the network’s message', async () => {
    const { connection, verification } = await connect({ channel: 'instagram', connector: 'sandbox', config: { revoked: true } });
    expect(verification).toEqual({ outcome: 'refused', message: expect.stringContaining('revoked') });
    expect(connection).toMatchObject({ status: 'reconnect_needed', statusMessage: expect.stringContaining('revoked'), verifiedAt: null });
  });

  it('refuses channels outside the strategy, unknown strategies, a second connection, a missing connector, bad settings and zones', async () => {
    const other = await workspaceWithStrategy(owner);
    const post = (payload: Record<string, unknown>) =>
      inject('POST', connections(other), owner, { strategy: strategy.id, connector: 'sandbox', ...payload });

    const unknown = await post({ channel: 'tiktok' });
    expectError(unknown, 422, 'connection.unknown_channel');
    expect(unknown.json().error.details.channels).toEqual(strategy.channels.map((c) => c.id));
    expectError(await post({ channel: 'linkedin', strategy: 'no-such-strategy' }), 422, 'connection.unknown_strategy');
    expectError(
      await post({ channel: 'mastodon', connector: 'mastodon', config: { url: 'https://m.example' }, credentials: { accessToken: 'x' } }),
      422,
      'connection.connector_unavailable',
    );
    expectError(
      await post({ channel: 'bluesky', connector: 'bluesky', credentials: { identifier: 'me.bsky.social' } }),
      400,
      'connection.invalid_credentials',
    );
    expectError(
      await post({
        channel: 'bluesky',
        connector: 'webhook',
        config: { url: 'mailto:x@example.com' },
        credentials: { secret: 'x'.repeat(20) },
      }),
      400,
      'connection.invalid_config',
    );
    expectError(await post({ channel: 'linkedin', connector: 'twitter' }), 400, 'request.invalid');
    expectError(await post({ channel: 'linkedin', timezone: 'Mars/Olympus_Mons' }), 400, 'connection.invalid_timezone');

    const first = await connect({ channel: 'linkedin', connector: 'sandbox', timezone: 'america/new_york' }, owner, other);
    expect(first.connection.timezone).toBe('America/New_York');
    const again = await post({ channel: 'linkedin' });
    expectError(again, 409, 'connection.exists');
    expect(again.json().error.details.id).toBe(first.connection.id);
    // Two at once: one wins, the other is told which connection exists.
    const race = await Promise.all([post({ channel: 'newsletter' }), post({ channel: 'newsletter' })]);
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('verifies against a real webhook receiver, and marks reconnect_needed when it refuses', async () => {
    const secret = 'webhook-signing-secret-0123456789';
    deliveries.length = 0;
    hookStatus = 200;
    const { connection, verification } = await connect({
      channel: 'mastodon',
      connector: 'webhook',
      config: { url: hookUrl },
      credentials: { secret },
    });
    expect(verification.outcome).toBe('verified');
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.body.event).toBe('ping');
    expect(deliveries[0]!.headers['x-groundwork-signature']).toBeTruthy();

    hookStatus = 401;
    const check = await inject('POST', `${connections()}/${connection.id}/verify`, owner);
    expectStatus(check, 200);
    expect(check.json().verification).toEqual({ outcome: 'refused', message: expect.stringContaining('401') });
    expect(check.json().connection).toMatchObject({
      id: connection.id,
      status: 'reconnect_needed',
      statusMessage: 'The webhook answered 401',
    });
    // The receiver's body ('signature rejected') is never shown: the URL is user-given.
    expect(check.body).not.toContain('signature rejected');

    hookStatus = 200;
    const fixed = await inject('POST', `${connections()}/${connection.id}/verify`, owner);
    expect(fixed.json().connection).toMatchObject({ status: 'connected', statusMessage: null });

    const audit = await auditOf(connection.id);
    expect(audit.map((a) => [a.action, a.after])).toEqual([
      ['connection.create', expect.objectContaining({ status: 'connected', credentialFields: ['secret'] })],
      ['connection.verify', { status: 'reconnect_needed', verification: 'refused' }],
      ['connection.verify', { status: 'connected', verification: 'verified' }],
    ]);
    expect(JSON.stringify(audit)).not.toContain(secret);
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n FROM audit_log WHERE before::text LIKE $1 OR after::text LIKE $1 OR reason LIKE $1',
      [`%${secret}%`],
    );
    expect(rows[0].n).toBe(0);
  });

  it('reconnects by replacing credentials: the id stays, the account is verified again, secrets stay out', async () => {
    network.answer = 'refuse';
    const { connection } = await connect({
      channel: 'bluesky',
      connector: 'bluesky',
      credentials: { identifier: 'acme.bsky.social', appPassword: 'old-app-password' },
    });
    expect(connection.status).toBe('reconnect_needed');
    expect(network.seen.at(-1)).toMatchObject({
      id: connection.id,
      channelId: 'bluesky',
      credentials: { identifier: 'acme.bsky.social', appPassword: 'old-app-password' },
    });

    network.answer = 'ok';
    const res = await inject('PATCH', `${connections()}/${connection.id}`, owner, {
      credentials: { identifier: 'acme.bsky.social', appPassword: 'new-app-password' },
    });
    expectStatus(res, 200);
    expect(res.json()).toEqual({
      connection: expect.objectContaining({ id: connection.id, status: 'connected', statusMessage: null, verifiedAt: expect.any(String) }),
      verification: { outcome: 'verified', message: null },
    });
    expect(network.seen.at(-1)?.credentials).toEqual({ identifier: 'acme.bsky.social', appPassword: 'new-app-password' });
    const { rows } = await db.pool.query('SELECT id, credentials_enc FROM channel_connections WHERE id = $1', [connection.id]);
    expect(rows[0].credentials_enc).not.toContain('new-app-password');
    expect(openCredentials(connection.id, rows[0].credentials_enc)).toEqual({
      identifier: 'acme.bsky.social',
      appPassword: 'new-app-password',
    });

    // Only the time zone: no new verification.
    const seen = network.seen.length;
    const tz = await inject('PATCH', `${connections()}/${connection.id}`, owner, { timezone: 'Europe/Berlin' });
    expect(tz.json()).toMatchObject({ connection: { timezone: 'Europe/Berlin' }, verification: null });
    expect(network.seen).toHaveLength(seen);
    expect((await inject('PATCH', `${connections()}/${connection.id}`, owner, { timezone: null })).json().connection.timezone).toBeNull();
    expectError(await inject('PATCH', `${connections()}/${connection.id}`, owner, {}), 400, 'request.invalid');
    expectError(
      await inject('PATCH', `${connections()}/${connection.id}`, owner, { credentials: { identifier: 'x' } }),
      400,
      'connection.invalid_credentials',
    );

    const audit = await auditOf(connection.id);
    expect(audit.map((a) => a.action)).toEqual(['connection.create', 'connection.reconnect', 'connection.update', 'connection.update']);
    expect(audit[1]!.after).toMatchObject({ credentialsReplaced: true, status: 'connected', verification: 'verified' });
    expect(audit[1]!.before).toMatchObject({ status: 'reconnect_needed', credentialFields: ['appPassword', 'identifier'] });
    expect(JSON.stringify(audit)).not.toMatch(/app-password/);
  });

  it.each(['127.0.0.1', '[::1]', '2130706433', '0x7f000001', '127.1', '0.0.0.0', '[::ffff:127.0.0.1]'])(
    'refuses a webhook at http://%s:<port> with connection.forbidden_address, stores nothing, reads nothing',
    async (host) => {
      const other = await workspaceWithStrategy(owner);
      const url = `http://${host}:${internalPort}/admin`;
      const created = await inject('POST', connections(other), owner, {
        strategy: strategy.id,
        channel: 'mastodon',
        connector: 'webhook',
        config: { url },
        credentials: { secret: 'webhook-signing-secret-0123456789' },
      });
      expectError(created, 422, 'connection.forbidden_address');
      expect(created.json().error.message).toMatch(/private or local network address/);
      expect((await inject('GET', connections(other), owner)).json().connections).toEqual([]);

      // Changing an existing connection's URL to it is refused the same way, and the old URL stays.
      const { connection } = await connect(
        {
          channel: 'mastodon',
          connector: 'webhook',
          config: { url: hookUrl },
          credentials: { secret: 'webhook-signing-secret-0123456789' },
        },
        owner,
        other,
      );
      const changed = await inject('PATCH', `${connections(other)}/${connection.id}`, owner, { config: { url } });
      expectError(changed, 422, 'connection.forbidden_address');
      const listed = await inject('GET', connections(other), owner);
      expect(listed.json().connections[0].config).toEqual({ url: hookUrl });

      for (const res of [created, changed, listed]) expect(res.body).not.toContain(INTERNAL_SECRET);
      expect(internalHits).toBe(0);
    },
  );

  it('a network that does not answer is not the account’s fault: the status stays, the message says why', async () => {
    network.answer = 'down';
    const other = await workspaceWithStrategy(owner);
    const { connection, verification } = await connect(
      { channel: 'bluesky', connector: 'bluesky', credentials: { identifier: 'a.bsky.social', appPassword: 'pw' } },
      owner,
      other,
    );
    expect(verification).toEqual({ outcome: 'unreachable', message: expect.stringContaining('ECONNREFUSED') });
    expect(connection).toMatchObject({ status: 'connected', verifiedAt: null, statusMessage: expect.stringContaining('Could not verify') });

    network.answer = 'auth';
    const refused = await inject('POST', `${connections(other)}/${connection.id}/verify`, owner);
    expect(refused.json().connection).toMatchObject({ status: 'reconnect_needed', statusMessage: 'Invalid identifier or password' });
    network.answer = 'down';
    const still = await inject('POST', `${connections(other)}/${connection.id}/verify`, owner);
    expect(still.json()).toMatchObject({ connection: { status: 'reconnect_needed' }, verification: { outcome: 'unreachable' } });
    network.answer = 'ok';
  });
});

describe('who may do what', () => {
  it('every member lists; only plan.write (owner, strategist) connects, verifies, reconnects and deletes', async () => {
    const { connection } = await connect({ channel: 'newsletter', connector: 'sandbox' });
    for (const role of ['viewer', 'editor', 'approver', 'analyst']) {
      const h = await member(role);
      expectStatus(await inject('GET', connections(), h), 200);
      const writes = [
        await inject('POST', connections(), h, { strategy: strategy.id, channel: 'newsletter', connector: 'sandbox' }),
        await inject('PATCH', `${connections()}/${connection.id}`, h, { timezone: 'UTC' }),
        await inject('POST', `${connections()}/${connection.id}/verify`, h),
        await inject('DELETE', `${connections()}/${connection.id}`, h),
      ];
      for (const res of writes) {
        expectError(res, 403, 'auth.forbidden');
        expect(res.json().error.details).toEqual({ permission: 'plan.write', role });
      }
    }
    const strategist = await member('strategist');
    expectStatus(await inject('POST', `${connections()}/${connection.id}/verify`, strategist), 200);
  });

  it("another workspace's connection ids are 404, as are malformed ones; outsiders do not see the workspace", async () => {
    const { connection } = await connect({ channel: 'instagram', connector: 'sandbox' }, owner, await workspaceWithStrategy(owner));
    const stranger = await signUp();
    const own = await workspaceWithStrategy(stranger.headers);
    for (const id of [connection.id, 'not-a-uuid', '00000000-0000-0000-0000-000000000000']) {
      for (const [method, suffix, payload] of [
        ['PATCH', '', { timezone: 'UTC' }],
        ['POST', '/verify', undefined],
        ['DELETE', '', undefined],
      ] as const) {
        const res = await inject(method, `${connections(own)}/${id}${suffix}`, stranger.headers, payload);
        expect([id, method, suffix, res.statusCode, res.json().error.code]).toEqual([id, method, suffix, 404, 'connection.not_found']);
      }
    }
    expectError(await inject('GET', connections(), stranger.headers), 404, 'workspace.not_found');
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM channel_connections WHERE id = $1', [connection.id]);
    expect(rows[0].n).toBe(1);
  });
});

describe('disconnecting', () => {
  it('keeps scheduled posts, warns about them, and the worker then fails them with a clear message', async () => {
    const other = await workspaceWithStrategy(owner);
    const { connection } = await connect({ channel: 'linkedin', connector: 'sandbox' }, owner, other);
    // A scheduled post on that channel (a one-person team: the owner may approve their own post).
    expectStatus(await inject('PATCH', `/workspaces/${other}`, owner, { allowSelfApproval: true }), 200);
    const created = await inject('POST', `/workspaces/${other}/posts`, owner, {
      strategy: strategy.id,
      variants: { linkedin: { text: 'Wholesale prices for 2027 are out.' } },
    });
    expectStatus(created, 201);
    const postId = created.json().post.id as string;
    for (const action of ['submit', 'approve'])
      expectStatus(await inject('POST', `/workspaces/${other}/posts/${postId}/${action}`, owner), 200);
    const scheduled = await inject('POST', `/workspaces/${other}/posts/${postId}/schedule`, owner, {
      localTime: '2030-01-07T09:00',
      timezone: 'UTC',
    });
    expectStatus(scheduled, 200);

    const res = await inject('DELETE', `${connections(other)}/${connection.id}?reason=${encodeURIComponent('account closed')}`, owner);
    expectStatus(res, 200);
    expect(res.json()).toEqual({
      deleted: connection.id,
      warnings: [
        {
          code: 'connection.scheduled_posts_unconnected',
          message: expect.stringContaining('will fail at their time'),
          details: { channel: 'linkedin', strategy: strategy.id, count: 1, posts: [postId], firstDueAt: '2030-01-07T09:00:00.000Z' },
        },
      ],
    });
    expectError(await inject('DELETE', `${connections(other)}/${connection.id}`, owner), 404, 'connection.not_found');
    const audit = await auditOf(connection.id);
    expect(audit.at(-1)).toMatchObject({ action: 'connection.delete', reason: 'account closed', after: { scheduledVariantsLeft: 1 } });
    const post = await inject('GET', `/workspaces/${other}/posts/${postId}`, owner);
    expect(post.json().post).toMatchObject({ state: 'scheduled', variants: [{ channel: 'linkedin', state: 'scheduled' }] });

    // Time passes; the worker picks the variant up and finds no account for the channel.
    const { rows } = await db.pool.query<{ id: string; schedule_token: string }>(
      `UPDATE post_variants SET due_at = now() - interval '1 second' WHERE post_id = $1 RETURNING id, schedule_token`,
      [postId],
    );
    const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };
    const processor = new PublishProcessor({
      pool: db.pool,
      registry: new ConnectorRegistry([new SandboxConnector(postgresSandboxReceiptStore(db.pool))]),
      queue,
      settings: { graceMs: 60_000, claimTimeoutMs: 60_000, maxAttempts: 3, retryBaseMs: 10, retryMaxMs: 10 },
      log: quiet,
    });
    const outcome = await processor.process({ variantId: rows[0]!.id, scheduleToken: rows[0]!.schedule_token });
    expect(outcome).toEqual({ kind: 'failed', message: 'No account is connected to channel "linkedin".' });
    const after = await inject('GET', `/workspaces/${other}/posts/${postId}`, owner);
    expect(after.json().post).toMatchObject({
      state: 'failed',
      variants: [{ state: 'failed', lastError: 'No account is connected to channel "linkedin".' }],
    });
  });
});
