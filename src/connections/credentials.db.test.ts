/**
 * Invariant 7: credentials are stored encrypted. Accounts are connected, reconnected and verified
 * through the API with known secrets, then every row of every table (audit_log and the queue's
 * included) is read back as text and searched for them. Also: rows stored in plain text before the
 * migration are encrypted by the migration path and still work.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import type { Connection, ConnectionContext, Connector, ConnectorKind, PublishResult, VerifyResult } from '../connectors/connector.ts';
import { ConnectorRegistry } from '../connectors/registry.ts';
import { migrate } from '../db/migrate.ts';
import { buildApp, type App } from '../http/app.ts';
import { PLATFORM_LIMITS } from '../content/limits.ts';
import { RecordingQueue, expectStatus, postingStrategy, type Headers } from '../../test/posts-app.ts';
import { connectChannel, seedWorkspace } from '../../test/worker-fixtures.ts';
import { generateKey, makeKeyring } from '../secrets/envelope.ts';
import { credentialsOf, openCredentials, sealCredentials, sealPlaintextCredentials, startCredentials } from './credentials.ts';
import { loadConnection } from './connection-store.ts';

/** Accepts any account and remembers what it was handed: the test is about storage, not the network. */
class AcceptingNetwork implements Connector {
  readonly limits = { post: PLATFORM_LIMITS.bluesky, concurrency: 4, timeoutMs: 5000 };
  seen: Connection[] = [];
  constructor(readonly kind: ConnectorKind) {}
  async verify(ctx: ConnectionContext): Promise<VerifyResult> {
    this.seen.push(ctx.connection);
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

/** Every row of every table outside the system schemas, as JSON text: what a dump would hold. */
async function dumpEverything(db: TestDatabase): Promise<{ table: string; text: string }[]> {
  const { rows: tables } = await db.pool.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
      WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  const out: { table: string; text: string }[] = [];
  for (const t of tables) {
    const qualified = `"${t.schema}"."${t.name}"`;
    const { rows } = await db.pool.query<{ text: string }>(`SELECT to_jsonb(r)::text AS text FROM ${qualified} r`);
    for (const r of rows) out.push({ table: qualified, text: r.text });
  }
  return out;
}

let db: TestDatabase;
let app: App;
const networks = {
  webhook: new AcceptingNetwork('webhook'),
  bluesky: new AcceptingNetwork('bluesky'),
  mastodon: new AcceptingNetwork('mastodon'),
};

beforeAll(async () => {
  db = await createTestDatabase();
  const registry = new ConnectorRegistry(Object.values(networks));
  app = await buildApp({
    pool: db.pool,
    config: { sessionTtlDays: 30, cookieSecure: false, logLevel: 'silent' },
    queue: new RecordingQueue(),
    connectors: registry,
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.drop();
});

describe('credentials at rest', () => {
  it('no table holds a plaintext secret after connecting, reconnecting and verifying accounts', async () => {
    const secrets = {
      webhook: 'whsec-known-plaintext-4f1c9a7e',
      appPassword: 'abcd-efgh-ijkl-mnop',
      newAppPassword: 'qrst-uvwx-yzab-cdef',
      accessToken: 'mastodon-token-Zq81xLp0Tt3e',
    };
    const inject = (method: 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) =>
      app.inject({ method, url: `/api/v1${url}`, headers, payload });
    const signup = await inject(
      'POST',
      '/auth/signup',
      {},
      { email: `secrets-${Date.now()}@example.com`, password: 'correct horse battery staple', name: 'Owner' },
    );
    expectStatus(signup, 201);
    const owner = { cookie: `gw_session=${signup.cookies.find((c) => c.name === 'gw_session')!.value}` };
    const created = await inject('POST', '/workspaces', owner, { name: 'Secrets' });
    const ws = created.json().workspace.id as string;
    const strategy = postingStrategy();
    expectStatus(await inject('POST', `/workspaces/${ws}/strategies`, owner, strategy), 201);

    const connect = async (payload: object) => {
      const res = await inject('POST', `/workspaces/${ws}/connections`, owner, { strategy: strategy.id, ...payload });
      expectStatus(res, 201);
      return res.json().connection.id as string;
    };
    await connect({
      channel: 'newsletter',
      connector: 'webhook',
      config: { url: 'https://hooks.example.com/in' },
      credentials: { secret: secrets.webhook },
    });
    const bluesky = await connect({
      channel: 'bluesky',
      connector: 'bluesky',
      credentials: { identifier: 'acme.bsky.social', appPassword: secrets.appPassword },
    });
    const mastodon = await connect({
      channel: 'mastodon',
      connector: 'mastodon',
      config: { url: 'https://bakers.social' },
      credentials: { accessToken: secrets.accessToken },
    });
    const reconnect = await inject('PATCH', `/workspaces/${ws}/connections/${bluesky}`, owner, {
      credentials: { identifier: 'acme.bsky.social', appPassword: secrets.newAppPassword },
    });
    expectStatus(reconnect, 200);
    expectStatus(await inject('POST', `/workspaces/${ws}/connections/${mastodon}/verify`, owner), 200);

    // The connectors were handed the plaintext: decryption works where they need it.
    expect(networks.webhook.seen.map((c) => c.credentials)).toEqual([{ secret: secrets.webhook }]);
    expect(networks.bluesky.seen.map((c) => c.credentials.appPassword)).toEqual([secrets.appPassword, secrets.newAppPassword]);
    expect(networks.mastodon.seen.map((c) => c.credentials.accessToken)).toEqual([secrets.accessToken, secrets.accessToken]);

    const dump = await dumpEverything(db);
    // The dump reached the tables that matter (a query gone wrong must not pass by finding nothing).
    expect(dump.filter((d) => d.table === '"public"."channel_connections"')).toHaveLength(3);
    expect(dump.filter((d) => d.table === '"public"."audit_log"' && d.text.includes('connection.')).length).toBeGreaterThanOrEqual(5);
    for (const secret of Object.values(secrets)) {
      expect(
        dump.filter((d) => d.text.includes(secret)).map((d) => d.table),
        secret,
      ).toEqual([]);
    }
  });

  it('a connection whose key was lost answers 409 until reconnected, and the start counts it', async () => {
    const inject = (method: 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) =>
      app.inject({ method, url: `/api/v1${url}`, headers, payload });
    const signup = await inject(
      'POST',
      '/auth/signup',
      {},
      { email: `lost-key-${Date.now()}@example.com`, password: 'correct horse battery staple', name: 'Owner' },
    );
    const owner = { cookie: `gw_session=${signup.cookies.find((c) => c.name === 'gw_session')!.value}` };
    const ws = (await inject('POST', '/workspaces', owner, { name: 'Lost key' })).json().workspace.id as string;
    const strategy = postingStrategy();
    expectStatus(await inject('POST', `/workspaces/${ws}/strategies`, owner, strategy), 201);
    const created = await inject('POST', `/workspaces/${ws}/connections`, owner, {
      strategy: strategy.id,
      channel: 'bluesky',
      connector: 'bluesky',
      credentials: { identifier: 'lost.bsky.social', appPassword: 'sealed-under-a-lost-key' },
    });
    expectStatus(created, 201);
    const id = created.json().connection.id as string;
    // As if DATA_DIR/secrets.key had been lost and a new one generated: the row is under a key nobody has.
    await db.pool.query('UPDATE channel_connections SET credentials_enc = $2 WHERE id = $1', [
      id,
      sealCredentials(id, { appPassword: 'x' }, makeKeyring([generateKey()])),
    ]);

    const source = { secretsKey: process.env.SECRETS_KEY, databaseUrl: db.url, dataDir: '/nonexistent' };
    expect(await startCredentials(source, db.pool)).toMatchObject({ unreadable: 1 });
    const verify = await inject('POST', `/workspaces/${ws}/connections/${id}/verify`, owner);
    expect([verify.statusCode, verify.json().error.code]).toEqual([409, 'connection.credentials_unreadable']);
    expect(verify.json().error.message).toContain('reconnect the account');
    // Changing only the time zone never opens them; a reconnect replaces them unread.
    expectStatus(await inject('PATCH', `/workspaces/${ws}/connections/${id}`, owner, { timezone: 'Europe/Berlin' }), 200);
    const reconnect = await inject('PATCH', `/workspaces/${ws}/connections/${id}`, owner, {
      credentials: { identifier: 'lost.bsky.social', appPassword: 'a-fresh-app-password' },
    });
    expectStatus(reconnect, 200);
    expectStatus(await inject('POST', `/workspaces/${ws}/connections/${id}/verify`, owner), 200);
    expect(networks.bluesky.seen.at(-1)?.credentials.appPassword).toBe('a-fresh-app-password');
    expect(await startCredentials(source, db.pool)).toMatchObject({ unreadable: 0 });
  });

  it('encrypts connections stored in plain text before the migration, and they still open', async () => {
    const f = await seedWorkspace(db.pool);
    const keep = await connectChannel(db.pool, f, 'main', 'sandbox');
    // Back to the state before migration 20261201180500: the plaintext column, the migration not applied.
    await db.pool.query(`
      ALTER TABLE channel_connections DROP CONSTRAINT channel_connections_credentials_once;
      DELETE FROM channel_connections;
      ALTER TABLE channel_connections DROP COLUMN credentials_enc;
      ALTER TABLE channel_connections RENAME COLUMN legacy_plaintext_credentials TO credentials;
      ALTER TABLE channel_connections ALTER COLUMN credentials SET DEFAULT '{}', ALTER COLUMN credentials SET NOT NULL;
      DELETE FROM schema_migrations WHERE version = '20261201180500';`);
    const { rows } = await db.pool.query<{ id: string }>(
      `INSERT INTO channel_connections (id, workspace_id, strategy_id, channel_id, connector, config, credentials)
       VALUES ($1, $2, $3, 'main', 'bluesky', '{}', $4) RETURNING id`,
      [keep, f.workspaceId, f.strategyId, JSON.stringify({ identifier: 'old.bsky.social', appPassword: 'legacy-app-password' })],
    );

    expect(await migrate(db.pool)).toEqual(['20261201180500']);
    expect(await sealPlaintextCredentials(db.pool)).toBe(1);
    expect(await sealPlaintextCredentials(db.pool)).toBe(0);

    const stored = await db.pool.query('SELECT legacy_plaintext_credentials, credentials_enc FROM channel_connections WHERE id = $1', [
      rows[0]!.id,
    ]);
    expect(stored.rows[0].legacy_plaintext_credentials).toBeNull();
    expect(stored.rows[0].credentials_enc).not.toContain('legacy-app-password');
    expect(openCredentials(keep, stored.rows[0].credentials_enc)).toEqual({
      identifier: 'old.bsky.social',
      appPassword: 'legacy-app-password',
    });
    expect(credentialsOf(await loadConnection(db.pool, f.workspaceId, keep, { secrets: true })).appPassword).toBe('legacy-app-password');
  });
});
