import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('defaults to the embedded database with the demo workspace on port 3000', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, demo: true, services: ['web', 'worker'] });
    expect(c.pgDataDir.endsWith('/data/pg')).toBe(true);
  });

  it('uses DATABASE_URL and then creates no demo user unless asked', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/gw' })).toMatchObject({
      databaseUrl: 'postgres://u:p@db:5432/gw',
      demo: false,
    });
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/gw', DEMO: 'true' }).demo).toBe(true);
  });

  it('reads when the demo history ends: a day (at noon UTC) or a moment; none by default', () => {
    expect(loadConfig({}).demoHistoryEnd).toBeUndefined();
    expect(loadConfig({ DEMO_HISTORY_END: '2027-11-15' }).demoHistoryEnd).toEqual(new Date('2027-11-15T12:00:00Z'));
    expect(loadConfig({ DEMO_HISTORY_END: '2027-11-15T08:30:00+01:00' }).demoHistoryEnd).toEqual(new Date('2027-11-15T07:30:00Z'));
    expect(() => loadConfig({ DEMO_HISTORY_END: '15.11.2027' })).toThrow(/DEMO_HISTORY_END/);
  });

  it('names every invalid variable at once', () => {
    expect(() => loadConfig({ PORT: 'abc', SERVICES: 'web,mail', DATABASE_URL: 'http://x' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', SERVICES: 'web,mail', DATABASE_URL: 'http://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT/);
      expect((e as Error).message).toMatch(/SERVICES/);
      expect((e as Error).message).toMatch(/DATABASE_URL/);
    }
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it('reads OUTBOUND_ALLOW as a list of hosts, empty by default', () => {
    expect(loadConfig({}).outboundAllow).toEqual([]);
    expect(loadConfig({ OUTBOUND_ALLOW: ' mastodon.internal, 10.0.0.5 ,' }).outboundAllow).toEqual(['mastodon.internal', '10.0.0.5']);
  });

  it('builds PUBLIC_URL from HOST and PORT unless set, never with a trailing slash', () => {
    expect(loadConfig({}).publicUrl).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ HOST: '0.0.0.0', PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(loadConfig({ HOST: '::1' }).publicUrl).toBe('http://[::1]:3000');
    expect(loadConfig({ PUBLIC_URL: 'https://plan.example.com/' }).publicUrl).toBe('https://plan.example.com');
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(/PUBLIC_URL/);
  });

  it('trusts no proxy unless told, and reads the auth rate limits', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy).toBe('10.0.0.0/8,127.0.0.1');
    expect(loadConfig({}).authRateLimits).toEqual({ windowSeconds: 900, maxPerIp: 50, maxPerAccount: 10 });
    expect(loadConfig({ AUTH_RATE_MAX_PER_ACCOUNT: '3', AUTH_RATE_WINDOW_SECONDS: '60' }).authRateLimits).toMatchObject({
      maxPerAccount: 3,
      windowSeconds: 60,
    });
    expect(() => loadConfig({ AUTH_RATE_MAX_PER_IP: '0' })).toThrow(/AUTH_RATE_MAX_PER_IP/);
  });

  it('sends no mail unless SMTP_URL is set; MAIL_FROM defaults to no-reply at the PUBLIC_URL host', () => {
    expect(loadConfig({}).mail).toBeUndefined();
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.com:465', PUBLIC_URL: 'https://plan.example.com/' }).mail).toEqual({
      smtpUrl: 'smtps://u:p@mail.example.com:465',
      from: 'Groundwork <no-reply@plan.example.com>',
    });
    expect(loadConfig({ SMTP_URL: 'smtp://mail:587', MAIL_FROM: 'Plans <plans@example.org>' }).mail?.from).toBe(
      'Plans <plans@example.org>',
    );
    expect(loadConfig({ SMTP_URL: 'smtp://mail:587', MAIL_FROM: 'plans@example.org' }).mail?.from).toBe('plans@example.org');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow(/SMTP_URL/);
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail:587', MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ MAIL_FROM: 'plans@example.org' })).toThrow(/MAIL_FROM.*SMTP_URL|SMTP_URL/);
  });
});
