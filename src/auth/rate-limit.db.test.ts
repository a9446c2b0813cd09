import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, expectStatus, TEST_CONFIG, type TestApp } from '../../test/app.ts';
import { buildApp, type App } from '../http/app.ts';
import { countHit } from './rate-limit.ts';

// Small numbers, so a test reaches the limits in a few requests.
const LIMITS = { windowSeconds: 600, maxPerIp: 6, maxPerAccount: 3 };
const PASSWORD = 'correct horse battery staple';

let t: TestApp;
let second: App;
beforeAll(async () => {
  t = await createTestApp({ authRateLimits: LIMITS });
  // Another web process on the same database.
  second = await buildApp({ pool: t.db.pool, config: { ...TEST_CONFIG, authRateLimits: LIMITS } });
  await second.ready();
});
afterAll(async () => {
  await second.close();
  await t.close();
});

let n = 0;
/** Each test gets its own addresses and accounts: the counters live in the database the tests share. */
const fresh = () => {
  n++;
  return { ip: `10.${n}.0.1`, otherIp: `10.${n}.0.2`, email: `victim${n}@example.com`, otherEmail: `other${n}@example.com` };
};

const signIn = (app: App, email: string, ip: string, password = 'wrong password!', headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/signin', remoteAddress: ip, headers, payload: { email, password } });

function expectRateLimited(res: LightMyRequestResponse): void {
  expectStatus(res, 429);
  expect(res.json().error).toMatchObject({ code: 'auth.rate_limited', message: expect.stringMatching(/try again in \d+ s/) });
  const retryAfter = Number(res.headers['retry-after']);
  expect(retryAfter).toBeGreaterThan(0);
  expect(retryAfter).toBeLessThanOrEqual(LIMITS.windowSeconds);
}

describe('brute-force protection', () => {
  it('answers 429 with Retry-After after N wrong passwords on one account, even to the right password', async () => {
    const { ip } = fresh();
    const { email } = await t.signUp(`limit-${Date.now()}@example.com`);
    // The sign-up was the first attempt on the account (without mail, a sign-up counts as a sign-in on it).
    for (let i = 1; i < LIMITS.maxPerAccount; i++) expectStatus(await signIn(t.app, email, ip), 401);
    expectRateLimited(await signIn(t.app, email, ip));
    // Locked for the window: a guess that happens to be right gets no answer about it.
    expectRateLimited(await signIn(t.app, email, ip, PASSWORD));
  });

  it('counts an account across addresses and an address across accounts', async () => {
    const { ip, otherIp, email, otherEmail } = fresh();
    for (let i = 0; i < LIMITS.maxPerAccount; i++) expectStatus(await signIn(t.app, email, ip), 401);
    // The same account from another address: limited (guesses spread over a botnet meet one count).
    expectRateLimited(await signIn(t.app, email, otherIp));
    // Other accounts from the first address: allowed up to the address's own limit (3 + 3 = 6)…
    expectStatus(await signIn(t.app, otherEmail, ip), 401);
    expectStatus(await signIn(t.app, otherEmail, ip), 401);
    expectStatus(await signIn(t.app, `third${n}@example.com`, ip), 401);
    // …then the address is limited whatever the account.
    expectRateLimited(await signIn(t.app, `fifth${n}@example.com`, ip));
    // Another account from another address is untouched by both.
    expectStatus(await signIn(t.app, `fourth${n}@example.com`, otherIp), 401);
  });

  it('shares the counters between app instances on the same database', async () => {
    const { ip, email } = fresh();
    for (let i = 0; i < LIMITS.maxPerAccount; i++) expectStatus(await signIn(i % 2 ? second : t.app, email, ip), 401);
    expectRateLimited(await signIn(second, email, ip));
    expectRateLimited(await signIn(t.app, email, ip));
  });

  it('ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    const { ip } = fresh();
    // Without a trusted proxy, a client naming a new address per request is still one address.
    for (let i = 0; i < LIMITS.maxPerIp; i++) {
      expectStatus(await signIn(t.app, `xff${i}-${n}@example.com`, ip, undefined, { 'x-forwarded-for': `192.0.2.${i}` }), 401);
    }
    expectRateLimited(await signIn(t.app, `xff-last-${n}@example.com`, ip, undefined, { 'x-forwarded-for': '192.0.2.200' }));

    // Behind a trusted proxy, the forwarded address is the client: the proxy itself is not limited.
    const proxied = await buildApp({ pool: t.db.pool, config: { ...TEST_CONFIG, authRateLimits: LIMITS, trustProxy: '127.0.0.1' } });
    try {
      const proxy = '127.0.0.1';
      for (let i = 0; i <= LIMITS.maxPerIp; i++) {
        expectStatus(
          await signIn(proxied, `proxied${i}-${n}@example.com`, proxy, undefined, { 'x-forwarded-for': `198.51.${n}.${i}` }),
          401,
        );
      }
      for (let i = 0; i < LIMITS.maxPerIp; i++) {
        expectStatus(
          await signIn(proxied, `one-client${i}-${n}@example.com`, proxy, undefined, { 'x-forwarded-for': `203.0.${n}.1` }),
          401,
        );
      }
      expectRateLimited(await signIn(proxied, `one-client-last-${n}@example.com`, proxy, undefined, { 'x-forwarded-for': `203.0.${n}.1` }));
    } finally {
      await proxied.close();
    }
  });

  it('limits sign-ups per address and per email', async () => {
    const { ip, otherIp, email } = fresh();
    const signUp = (address: string, mail: string, password = PASSWORD) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: address, payload: { email: mail, password, name: 'N' } });
    expectStatus(await signUp(ip, email), 201);
    // Probing one email for registration: the account counter.
    expectStatus(await signUp(otherIp, email, 'a guessed password'), 401);
    expectStatus(await signUp(`${otherIp}0`, email, 'a guessed password'), 401);
    expectRateLimited(await signUp(`${otherIp}1`, email));
    // Mass sign-up from one address: the address counter (1 so far).
    for (let i = 1; i < LIMITS.maxPerIp; i++) expectStatus(await signUp(ip, `mass${i}-${n}@example.com`), 201);
    expectRateLimited(await signUp(ip, `mass-last-${n}@example.com`));
  });

  it('counts a sign-up on an email with an account against its sign-in limit (without mail it checks the password)', async () => {
    const { ip, otherIp } = fresh();
    // Every sign-up counts (its own included), so the count says nothing about whether the email has an account.
    const { email } = await t.signUp(`guessed-${n}@example.com`);
    const signUp = (password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', remoteAddress: otherIp, payload: { email, password, name: 'N' } });
    expectStatus(await signUp('first guess at it'), 401);
    expectStatus(await signUp('second guess at it'), 401);
    // The fourth attempt on the account, whichever door it came through: sign-in is locked too.
    expectRateLimited(await signIn(t.app, email, ip, PASSWORD));
  });

  it('limits API-token creation per user', async () => {
    const { ip, otherIp } = fresh();
    const { headers } = await t.signUp();
    const workspace = await t.createWorkspace(headers);
    const create = (address: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/tokens', remoteAddress: address, headers, payload: { name: 'CI', workspace } });
    for (let i = 0; i < LIMITS.maxPerAccount; i++) expectStatus(await create(ip), 201);
    expectRateLimited(await create(otherIp));
  });

  it('limits guesses of the current password when changing it, per user', async () => {
    const { ip, otherIp } = fresh();
    const { headers } = await t.signUp();
    const change = (address: string, currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        remoteAddress: address,
        headers,
        payload: { currentPassword, newPassword: 'another long passphrase' },
      });
    for (let i = 0; i < LIMITS.maxPerAccount; i++) expectStatus(await change(ip, `guess number ${i}`), 403);
    expectRateLimited(await change(otherIp, PASSWORD));
  });
});

describe('countHit', () => {
  it('opens a new window once the last one has ended', async () => {
    const key = `test:window:${Date.now()}`;
    expect(await countHit(t.db.pool, key, 300)).toMatchObject({ current: 1, ttl: expect.any(Number) });
    const second = await countHit(t.db.pool, key, 300);
    expect(second.current).toBe(2);
    expect(second.ttl).toBeLessThanOrEqual(300);
    await new Promise((r) => setTimeout(r, 350));
    expect((await countHit(t.db.pool, key, 300)).current).toBe(1);
  });

  it('loses no hit when many arrive at once', async () => {
    const key = `test:concurrent:${Date.now()}`;
    const results = await Promise.all(Array.from({ length: 40 }, () => countHit(t.db.pool, key, 60_000)));
    expect(results.map((r) => r.current).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});
