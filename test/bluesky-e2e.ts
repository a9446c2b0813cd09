/**
 * Bluesky end to end, shared by the scheduler's and the media's tests: a REAL local PDS
 * (@atproto/dev-env) and a real Postgres, the pg-boss queue, the app with the real BlueskyConnector
 * (allowed to reach the PDS on this machine, as OUTBOUND_ALLOW would), the real publish worker, and
 * the steps a user takes from signing up to a post the worker has published.
 */
import { AtpAgent } from '@atproto/api';
import type { TestNetworkNoAppView } from '@atproto/dev-env';
import type { LightMyRequestResponse } from 'fastify';
import type { PgBoss } from 'pg-boss';
import { expect } from 'vitest';
import { BlueskyConnector } from '../src/connectors/bluesky/bluesky.ts';
import { ConnectorRegistry } from '../src/connectors/registry.ts';
import { buildApp, type App } from '../src/http/app.ts';
import type { MediaStorage } from '../src/media/storage.ts';
import { createOutbound } from '../src/outbound/client.ts';
import type { Strategy } from '../src/plan/schema.ts';
import { PgBossPublishQueue, startBoss } from '../src/scheduler/jobs.ts';
import { PublishWorker } from '../src/scheduler/worker.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { startTestPds, type PdsAccount } from './pds.ts';
import { expectStatus, postingStrategy, type Headers } from './posts-app.ts';
import { quiet, workerSettings } from './worker-fixtures.ts';

export interface BlueskyE2e {
  network: TestNetworkNoAppView;
  db: TestDatabase;
  app: App;
  /** Signed in as nobody: getRecord, listRecords and getBlob are public. */
  reader: AtpAgent;
  /** A request to the API (`url` below /api/v1). */
  inject(method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: unknown): Promise<LightMyRequestResponse>;
  /** The real worker on the app's queue, connectors and media storage, started (stop it when done). */
  startWorker(): PublishWorker;
  close(): Promise<void>;
}

export async function startBlueskyE2e({ mediaStorage }: { mediaStorage?: MediaStorage } = {}): Promise<BlueskyE2e> {
  const [network, db] = await Promise.all([startTestPds(), createTestDatabase()]);
  let boss: PgBoss | undefined;
  let app: App | undefined;
  const close = async () => {
    await app?.close();
    await boss?.stop({ graceful: false, close: true });
    await db.drop();
    await network.close();
  };
  try {
    boss = await startBoss(db.url);
    const queue = new PgBossPublishQueue(boss);
    const registry = new ConnectorRegistry([new BlueskyConnector({ fetch: createOutbound({ allow: ['localhost', '127.0.0.1'] }).fetch })]);
    const config = { sessionTtlDays: 30, cookieSecure: false, logLevel: 'silent' } as const;
    const built = await buildApp({ pool: db.pool, config, queue, connectors: registry, ...(mediaStorage ? { mediaStorage } : {}) });
    app = built;
    await built.ready();
    const running = boss;
    return {
      network,
      db,
      app: built,
      reader: new AtpAgent({ service: network.pds.url }),
      inject: (method, url, headers, payload) =>
        built.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) }),
      startWorker() {
        const worker = new PublishWorker({
          boss: running,
          pool: db.pool,
          queue,
          registry,
          settings: workerSettings,
          mediaStorage,
          log: quiet,
        });
        worker.start();
        return worker;
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
}

export interface BlueskyOwner {
  owner: Headers;
  ws: string;
  strategy: Strategy;
  /** The connections API's answer to connecting the channel. */
  connected: unknown;
}

/**
 * `name` signs up, makes a workspace in which they approve their own posts (a one-person team),
 * stores the posting strategy and connects its Bluesky channel to `account` with its app password,
 * through the connections API (verified against the PDS).
 */
export async function ownerOnBluesky(e2e: BlueskyE2e, account: PdsAccount, name: string, workspace: string): Promise<BlueskyOwner> {
  const signup = await e2e.inject(
    'POST',
    '/auth/signup',
    {},
    { email: `${name.toLowerCase()}-${Date.now()}@example.com`, password: 'correct horse battery staple', name },
  );
  expectStatus(signup, 201);
  const owner: Headers = { cookie: `gw_session=${signup.cookies.find((c) => c.name === 'gw_session')!.value}` };
  const wsRes = await e2e.inject('POST', '/workspaces', owner, { name: workspace });
  expectStatus(wsRes, 201);
  const ws = wsRes.json().workspace.id as string;
  expectStatus(await e2e.inject('PATCH', `/workspaces/${ws}`, owner, { allowSelfApproval: true }), 200);
  const strategy = postingStrategy();
  expectStatus(await e2e.inject('POST', `/workspaces/${ws}/strategies`, owner, strategy), 201);
  const conn = await e2e.inject('POST', `/workspaces/${ws}/connections`, owner, {
    strategy: strategy.id,
    channel: 'bluesky',
    connector: 'bluesky',
    config: { service: e2e.network.pds.url },
    credentials: { identifier: account.handle, appPassword: account.appPassword },
  });
  expectStatus(conn, 201);
  return { owner, ws, strategy, connected: conn.json() };
}

/** Creates a post through the API (it must bring no warnings), submits and approves it; answers its id. */
export async function approvedPost(e2e: BlueskyE2e, { owner, ws }: BlueskyOwner, body: object): Promise<string> {
  const created = await e2e.inject('POST', `/workspaces/${ws}/posts`, owner, body);
  expectStatus(created, 201);
  expect(created.json().warnings).toEqual([]);
  const id = created.json().post.id as string;
  expectStatus(await e2e.inject('POST', `/workspaces/${ws}/posts/${id}/submit`, owner), 200);
  expectStatus(await e2e.inject('POST', `/workspaces/${ws}/posts/${id}/approve`, owner), 200);
  return id;
}

export interface PublishedVariant {
  state: string;
  remote_id: string | null;
  remote_url: string | null;
  published_at: Date | null;
  last_error: string | null;
  idempotency_key: string;
}

/**
 * Schedules the approved post for the first whole second at least two seconds ahead (UTC) and waits,
 * 20 s at most, until the worker has published it — or failed it: then the test says why.
 */
export async function publishSoon(
  e2e: BlueskyE2e,
  { owner, ws }: BlueskyOwner,
  postId: string,
): Promise<{ dueAt: Date; variant: PublishedVariant }> {
  const dueAt = new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000);
  const scheduled = await e2e.inject('POST', `/workspaces/${ws}/posts/${postId}/schedule`, owner, {
    localTime: dueAt.toISOString().slice(0, 19),
    timezone: 'UTC',
  });
  expectStatus(scheduled, 200);
  expect(scheduled.json().post).toMatchObject({ state: 'scheduled', scheduledAt: dueAt.toISOString() });

  const deadline = Date.now() + 20_000;
  for (;;) {
    const { rows } = await e2e.db.pool.query<PublishedVariant>(
      'SELECT state, remote_id, remote_url, published_at, last_error, idempotency_key FROM post_variants WHERE post_id = $1',
      [postId],
    );
    const variant = rows[0]!;
    if (variant.state === 'published' || variant.state === 'failed' || variant.state === 'missed') {
      expect(variant.last_error).toBeNull();
      expect(variant.state).toBe('published');
      return { dueAt, variant };
    }
    if (Date.now() > deadline) throw new Error(`not published in time: ${JSON.stringify(variant)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
