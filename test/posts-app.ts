/**
 * Test helpers for the posts API: the real app on an isolated database, with an in-memory stand-in
 * for the PublishQueue seam that records what was enqueued (the pg-boss queue is the worker's).
 */
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { joinByInvitation, TEST_CONFIG } from './app.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';
import { buildApp, type App, type AppDeps } from '../src/http/app.ts';
import { cleanStrategy } from './plan-fixtures.ts';
import type { Strategy } from '../src/plan/schema.ts';
import type { PublishJob, PublishQueue } from '../src/scheduler/queue.ts';

export class RecordingQueue implements PublishQueue {
  jobs: PublishJob[] = [];
  /** When set, `enqueue` throws this (the queue is down). */
  failWith: Error | null = null;
  async enqueue(jobs: readonly PublishJob[]): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.jobs.push(...jobs);
  }
}

export type Headers = Record<string, string>;

export interface PostsTestApp {
  app: App;
  db: TestDatabase;
  queue: RecordingQueue;
  close(): Promise<void>;
  signUp(): Promise<{ headers: Headers; userId: string; email: string }>;
  createWorkspace(headers: Headers): Promise<string>;
  /** Signs up a user and adds them to the workspace with `role`. */
  member(ws: string, owner: Headers, role: string): Promise<{ headers: Headers; userId: string }>;
  inject(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, headers: Headers, payload?: unknown): Promise<LightMyRequestResponse>;
  /** Stores the strategy and connects every one of its channels to the sandbox network (posts can be scheduled there). */
  createStrategy(ws: string, headers: Headers, strategy: Strategy): Promise<void>;
  /** Connects one channel of a stored strategy to the sandbox network; answers the connection id. */
  connect(ws: string, headers: Headers, strategy: string, channel: string): Promise<string>;
}

let counter = 0;

/** `deps`: more of the app's dependencies (media storage, connectors…). */
export async function createPostsTestApp(deps: Partial<Omit<AppDeps, 'pool' | 'config' | 'queue'>> = {}): Promise<PostsTestApp> {
  const db = await createTestDatabase();
  const queue = new RecordingQueue();
  const app = await buildApp({ ...deps, pool: db.pool, config: TEST_CONFIG, queue });
  await app.ready();
  const inject: PostsTestApp['inject'] = (method, url, headers, payload) =>
    app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const t: PostsTestApp = {
    app,
    db,
    queue,
    inject,
    close: async () => {
      await app.close();
      await db.drop();
    },
    async signUp() {
      const email = `poster${++counter}-${Date.now()}@example.com`;
      const res = await inject(
        'POST',
        '/api/v1/auth/signup',
        {},
        { email, password: 'correct horse battery staple', name: `User ${counter}` },
      );
      expectStatus(res, 201);
      const cookie = res.cookies.find((c) => c.name === 'gw_session')!;
      return { headers: { cookie: `gw_session=${cookie.value}` }, userId: res.json().user.id, email };
    },
    async createWorkspace(headers) {
      const res = await inject('POST', '/api/v1/workspaces', headers, { name: `Posts ${++counter}` });
      expectStatus(res, 201);
      return res.json().workspace.id;
    },
    async createStrategy(ws, headers, strategy) {
      expectStatus(await inject('POST', `/api/v1/workspaces/${ws}/strategies`, headers, strategy), 201);
      for (const c of strategy.channels) await t.connect(ws, headers, strategy.id, c.id);
    },
    async connect(ws, headers, strategy, channel) {
      const res = await inject('POST', `/api/v1/workspaces/${ws}/connections`, headers, {
        strategy,
        channel,
        connector: 'sandbox',
        config: { latencyMs: 0 },
      });
      expectStatus(res, 201);
      return res.json().connection.id;
    },
    async member(ws, owner, role) {
      const user = await t.signUp();
      await joinByInvitation(app, owner, ws, user, role);
      return user;
    },
  };
  return t;
}

export function expectStatus(res: LightMyRequestResponse, status: number): void {
  if (res.statusCode !== status) throw new Error(`expected HTTP ${status}, got ${res.statusCode}: ${res.body.slice(0, 800)}`);
}

export function expectError(res: LightMyRequestResponse, status: number, code: string): void {
  expectStatus(res, status);
  expect(res.json().error.code).toBe(code);
}

/** The clean strategy plus Bluesky (2 a week) and Mastodon (3 a week) channels. */
export function postingStrategy(overrides: Partial<Strategy> = {}): Strategy {
  const s = cleanStrategy();
  s.channels.push(
    {
      id: 'bluesky',
      platform: 'bluesky',
      handle: '@acme.bsky.social',
      purpose: 'Bakers talk',
      cadence: { postsPerWeek: 2 },
      owner: 'ana',
      baseline: { followers: 150 },
    },
    {
      id: 'mastodon',
      platform: 'mastodon',
      handle: '@acme@bakers.social',
      purpose: 'Bakers talk',
      cadence: { postsPerWeek: 3 },
      owner: 'ana',
      baseline: { followers: 120 },
    },
  );
  s.audience.personas[0]!.channels.push('bluesky', 'mastodon');
  return { ...s, ...overrides };
}
