/** Sign-up with mail configured (SMTP_URL): one answer for every address, the account made from the mailed link. */
import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';
import { startSmtpCapture, type SmtpCapture } from '../../test/smtp.ts';
import { loadConfig } from '../config.ts';
import { freePort } from '../db/embedded.ts';
import { silentLogger } from '../logger.ts';
import { createMailer, type Mailer } from '../mail/mailer.ts';

const PASSWORD = 'correct horse battery staple';
const LINK = /https:\/\/groundwork\.test\/signup\/confirm\/([A-Za-z0-9_-]{43})/;

let smtp: SmtpCapture;
let mailer: Mailer;
let t: TestApp;
beforeAll(async () => {
  smtp = await startSmtpCapture();
  const config = loadConfig({ SMTP_URL: smtp.url, PUBLIC_URL: 'https://groundwork.test' });
  mailer = createMailer(config.mail!, silentLogger);
  t = await createTestApp({}, { mailer });
});
afterAll(async () => {
  await t.close();
  await mailer.close();
  await smtp.close();
});

const signup = (email: string, password = PASSWORD, name = 'Newcomer', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/signup', headers, payload: { email, password, name } });
const confirm = (token: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/signup/confirm', payload: { token } });
const signin = (email: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/signin', payload: { email, password } });

/** Signs up and returns the mail that answered it (the messages before are not looked at). */
async function signupMail(email: string, password = PASSWORD, name = 'Newcomer', headers: Record<string, string> = {}) {
  const since = smtp.messages.length;
  const res = await signup(email, password, name, headers);
  expectStatus(res, 202);
  return { res, mail: await smtp.waitFor(email, { since }) };
}

const tokenIn = (text: string): string => {
  const token = LINK.exec(text)?.[1];
  if (!token) throw new Error(`no confirmation link in:\n${text}`);
  return token;
};

/** An account made the mailed way: the address then "has an account". */
async function account(email: string, name = 'Owner'): Promise<void> {
  const { mail } = await signupMail(email, PASSWORD, name);
  expectStatus(await confirm(tokenIn(mail.text)), 201);
}

/** What a client sees of an answer, but the Date header and the email it echoes. */
function seen(res: LightMyRequestResponse, email: string) {
  const { date: _date, ...headers } = res.headers;
  return { status: res.statusCode, headers, body: res.body.replaceAll(email, '<email>') };
}

describe('sign-up with mail configured', () => {
  it('answers a new and a registered address alike: 202 check_email, no session', async () => {
    // The same length, so even Content-Length cannot differ.
    await account('known-1@example.com');
    const known = await signup('known-1@example.com', 'another long password', 'Intruder');
    const fresh = await signup('fresh-1@example.com', 'another long password', 'Intruder');
    expectStatus(fresh, 202);
    expect(fresh.json()).toEqual({ status: 'check_email', email: 'fresh-1@example.com' });
    expect(fresh.headers['set-cookie']).toBeUndefined();
    expect(seen(known, 'known-1@example.com')).toEqual(seen(fresh, 'fresh-1@example.com'));
    expect(known.body).not.toMatch(/already|taken|exist/i);
  });

  it('mails a new address a link that creates the account and signs in, once', async () => {
    const { mail } = await signupMail('Ada@Example.com', PASSWORD, 'Ada Lovelace');
    expect(mail.from).toBe('Groundwork <no-reply@groundwork.test>');
    expect(mail.to).toEqual(['ada@example.com']);
    const token = tokenIn(mail.text);
    expect(mail.html).toContain(`href="https://groundwork.test/signup/confirm/${token}"`);
    expect(mail.text).toMatch(/24 hours/);
    // Nothing exists before the link is opened; only the link's hash is stored.
    expect((await t.db.pool.query("SELECT 1 FROM users WHERE email = 'ada@example.com'")).rowCount).toBe(0);
    const { rows: pending } = await t.db.pool.query(
      "SELECT token_hash, password_hash FROM pending_signups WHERE email = 'ada@example.com'",
    );
    expect(pending).toHaveLength(1);
    expect(pending[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(pending[0].password_hash).toMatch(/^\$argon2id\$/);
    expectStatus(await signin('ada@example.com', PASSWORD), 401);

    const res = await confirm(token);
    expectStatus(res, 201);
    expect(res.json()).toEqual({ user: { id: expect.any(String), email: 'ada@example.com', name: 'Ada Lovelace' } });
    const cookie = res.cookies.find((c) => c.name === 'gw_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: `gw_session=${cookie.value}` } });
    expectStatus(me, 200);
    expect(me.json().user).toEqual(res.json().user);
    const { rows: audit } = await t.db.pool.query("SELECT actor_id, after FROM audit_log WHERE action = 'user.signup' AND entity_id = $1", [
      res.json().user.id,
    ]);
    expect(audit).toEqual([
      { actor_id: res.json().user.id, after: { id: res.json().user.id, email: 'ada@example.com', name: 'Ada Lovelace' } },
    ]);
    // A used link keeps no password hash.
    const { rows: used } = await t.db.pool.query("SELECT password_hash FROM pending_signups WHERE email = 'ada@example.com'");
    expect(used).toEqual([{ password_hash: null }]);

    const again = await confirm(token);
    expectStatus(again, 410);
    expect(again.json().error.code).toBe('signup.used');
    expectStatus(await signin('ada@example.com', PASSWORD), 200);
  });

  it('mails the owner of a registered address that someone tried, and changes nothing', async () => {
    await account('owner@example.com', 'The Owner');
    const { rows: before } = await t.db.pool.query("SELECT id, name, password_hash FROM users WHERE email = 'owner@example.com'");
    const { mail } = await signupMail('Owner@example.com', 'an attacker password', 'Intruder');
    expect(mail.subject).toMatch(/someone tried/i);
    expect(mail.text).toContain('https://groundwork.test/signin');
    expect(mail.html).toContain('href="https://groundwork.test/signin"');
    expect(mail.text).not.toMatch(LINK);
    expect(mail.text).not.toContain('Intruder');

    const { rows: after } = await t.db.pool.query("SELECT id, name, password_hash FROM users WHERE email = 'owner@example.com'");
    expect(after).toEqual(before);
    expect(
      (await t.db.pool.query("SELECT 1 FROM pending_signups WHERE email = 'owner@example.com' AND confirmed_at IS NULL")).rowCount,
    ).toBe(0);
    expectStatus(await signin('owner@example.com', 'an attacker password'), 401);
    expectStatus(await signin('owner@example.com', PASSWORD), 200);
  });

  it('refuses an expired link (410) and an unknown one (404), creating nothing', async () => {
    const { mail } = await signupMail('late@example.com');
    await t.db.pool.query("UPDATE pending_signups SET expires_at = now() - interval '1 second' WHERE email = 'late@example.com'");
    const expired = await confirm(tokenIn(mail.text));
    expectStatus(expired, 410);
    expect(expired.json().error).toMatchObject({ code: 'signup.expired', message: expect.stringMatching(/sign up again/i) });
    expect((await t.db.pool.query("SELECT 1 FROM users WHERE email = 'late@example.com'")).rowCount).toBe(0);

    for (const token of ['A'.repeat(43), 'not-a-token']) {
      const unknown = await confirm(token);
      expectStatus(unknown, 404);
      expect(unknown.json().error.code).toBe('signup.not_found');
    }
  });

  it('replaces an open request for the same address: only the newest link works', async () => {
    const first = await signupMail('twice@example.com', PASSWORD, 'First Try');
    const second = await signupMail('twice@example.com', 'a newer long password', 'Second Try');
    expectStatus(await confirm(tokenIn(first.mail.text)), 404);
    const res = await confirm(tokenIn(second.mail.text));
    expectStatus(res, 201);
    expect(res.json().user.name).toBe('Second Try');
    expectStatus(await signin('twice@example.com', 'a newer long password'), 200);
  });

  it('builds links from PUBLIC_URL, never from the Host header', async () => {
    const { mail } = await signupMail('host@example.com', PASSWORD, 'Host', { host: 'evil.example', 'x-forwarded-host': 'evil.example' });
    expect(mail.text).not.toContain('evil.example');
    expect(mail.html).not.toContain('evil.example');
    tokenIn(mail.text);
  });

  it('still refuses a weak password with 400, for any address', async () => {
    await account('weak-owner@example.com');
    for (const email of ['weak-owner@example.com', 'weak-new@example.com']) {
      const res = await signup(email, 'short');
      expectStatus(res, 400);
      expect(res.json().error.code).toBe('auth.weak_password');
    }
  });
});

describe('a mail that cannot be sent', () => {
  it('does not change the answer, and is logged', async () => {
    const logged: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void logged.push(line) });
    // A port nothing listens on: the connection is refused.
    const broken = createMailer({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, from: 'Groundwork <no-reply@groundwork.test>' }, log);
    const app = await createTestApp({}, { mailer: broken });
    try {
      const res = await app.app.inject({
        method: 'POST',
        url: '/api/v1/auth/signup',
        payload: { email: 'lost-1@example.com', password: PASSWORD, name: 'Lost' },
      });
      const ok = await signup('sent-1@example.com');
      expect(seen(res, 'lost-1@example.com')).toEqual(seen(ok, 'sent-1@example.com'));
      await broken.close();
      expect(logged.map((line) => JSON.parse(line))).toEqual([
        expect.objectContaining({
          level: 50,
          msg: 'mail not sent',
          to: 'lost-1@example.com',
          err: expect.objectContaining({ message: expect.stringMatching(/ECONNREFUSED/) }),
        }),
      ]);
    } finally {
      await app.close();
    }
  });
});
