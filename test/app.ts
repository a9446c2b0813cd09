/** Test helper: the real app on an isolated database, driven in-process with `inject`. */
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App, type AppDeps } from '../src/http/app.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: App;
  db: TestDatabase;
  close(): Promise<void>;
  /** Signs up a new user and returns headers that authenticate as them. */
  signUp(email?: string, name?: string): Promise<{ headers: Record<string, string>; userId: string; email: string }>;
  /** Creates a workspace as the given user; returns its id. */
  createWorkspace(headers: Record<string, string>, name?: string): Promise<string>;
  /** Brings `user` into the workspace with `role` the only way there is: the owner invites, the user accepts. */
  addMember(ownerHeaders: Record<string, string>, workspace: string, user: Invitee, role: string): Promise<void>;
}

/** Someone signed up, who can be invited by address and accept as themselves. */
export interface Invitee {
  email: string;
  headers: Record<string, string>;
}

/** Invites `user` with `role` as the owner and accepts the link as `user`: members never join without accepting. */
export async function joinByInvitation(
  app: App,
  ownerHeaders: Record<string, string>,
  workspace: string,
  user: Invitee,
  role: string,
): Promise<void> {
  const invited = await app.inject({
    method: 'POST',
    url: `/api/v1/workspaces/${workspace}/invitations`,
    headers: ownerHeaders,
    payload: { email: user.email, role },
  });
  expectStatus(invited, 201);
  const accepted = await app.inject({ method: 'POST', url: `/api/v1/invitations/${invited.json().token}/accept`, headers: user.headers });
  expectStatus(accepted, 200);
}

let counter = 0;

/**
 * The settings of test apps. Every injected request comes from 127.0.0.1: the auth and lint rate limits are set far above what a test
 * suite signs up and in, unless a test passes its own (auth/rate-limit.db.test.ts).
 */
export const TEST_CONFIG: AppDeps['config'] = {
  sessionTtlDays: 30,
  cookieSecure: false,
  logLevel: 'silent',
  // Not the default: a test can tell a link built from configuration from one built from the request.
  publicUrl: 'https://groundwork.test',
  authRateLimits: { windowSeconds: 900, maxPerIp: 100_000, maxPerAccount: 100_000 },
  lintRateLimit: { windowSeconds: 60, maxPerIp: 100_000 },
};

/** `deps`: a mailer for the sign-up by mail (auth/signup-mail.db.test.ts); without one, sign-up is one step. */
export async function createTestApp(config: Partial<AppDeps['config']> = {}, deps: Pick<AppDeps, 'mailer'> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const app = await buildApp({ pool: db.pool, config: { ...TEST_CONFIG, ...config }, ...deps });
  await app.ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.drop();
    },
    async signUp(email = `user${++counter}-${Date.now()}@example.com`, name = 'Test User') {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email, password: 'correct horse battery staple', name },
      });
      expectStatus(res, 201);
      const cookie = res.cookies.find((c) => c.name === 'gw_session');
      if (!cookie) throw new Error('signup set no gw_session cookie');
      return { headers: { cookie: `gw_session=${cookie.value}` }, userId: res.json().user.id, email };
    },
    async createWorkspace(headers, name = `Workspace ${++counter}`) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/workspaces', headers, payload: { name } });
      expectStatus(res, 201);
      return res.json().workspace.id as string;
    },
    addMember: (ownerHeaders, workspace, user, role) => joinByInvitation(app, ownerHeaders, workspace, user, role),
  };
}

export function expectStatus(res: LightMyRequestResponse, status: number): void {
  if (res.statusCode !== status) {
    throw new Error(`expected HTTP ${status}, got ${res.statusCode}: ${res.body.slice(0, 500)}`);
  }
}
