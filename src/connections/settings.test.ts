import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { parseSettings } from './settings.ts';

function failure(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('connector settings', () => {
  it('accepts each connector’s documented shape', () => {
    expect(parseSettings('sandbox', { config: { latencyMs: 50 }, credentials: {} })).toEqual({
      config: { latencyMs: 50 },
      credentials: {},
    });
    expect(
      parseSettings('bluesky', { config: {}, credentials: { identifier: ' me.bsky.social ', appPassword: 'abcd-efgh-ijkl-mnop' } }),
    ).toEqual({
      config: {},
      credentials: { identifier: 'me.bsky.social', appPassword: 'abcd-efgh-ijkl-mnop' },
    });
    expect(
      parseSettings('bluesky', { config: { service: 'http://localhost:2583' }, credentials: { identifier: 'a', appPassword: 'b' } }).config,
    ).toEqual({
      service: 'http://localhost:2583',
    });
    expect(parseSettings('mastodon', { config: { url: 'https://mastodon.social' }, credentials: { accessToken: 't0k3n' } }).config).toEqual(
      {
        url: 'https://mastodon.social',
      },
    );
    expect(
      parseSettings('webhook', { config: { url: 'https://hooks.example.com/x' }, credentials: { secret: 's'.repeat(16) } }).credentials,
    ).toEqual({
      secret: 's'.repeat(16),
    });
  });

  it('tells config from credentials errors, names the field, never echoes a secret', () => {
    const cases: Array<[Parameters<typeof parseSettings>[0], unknown, unknown, string, string]> = [
      ['sandbox', { latencyMs: -1 }, {}, 'connection.invalid_config', '/config/latencyMs'],
      ['sandbox', { latency: 50 }, {}, 'connection.invalid_config', '/config'],
      ['sandbox', {}, { token: 'x' }, 'connection.invalid_credentials', '/credentials'],
      ['bluesky', {}, { identifier: 'me.bsky.social' }, 'connection.invalid_credentials', '/credentials/appPassword'],
      ['bluesky', { service: 'ftp://pds.example' }, { identifier: 'a', appPassword: 'b' }, 'connection.invalid_config', '/config/service'],
      ['mastodon', {}, { accessToken: 'x' }, 'connection.invalid_config', '/config/url'],
      ['mastodon', { url: 'https://m.example' }, {}, 'connection.invalid_credentials', '/credentials/accessToken'],
      ['webhook', { url: 'not a url' }, { secret: 's'.repeat(16) }, 'connection.invalid_config', '/config/url'],
      [
        'webhook',
        { url: 'https://h.example' },
        { secret: 'short-secret-123'.slice(0, 15) },
        'connection.invalid_credentials',
        '/credentials/secret',
      ],
    ];
    for (const [kind, config, credentials, code, path] of cases) {
      const e = failure(() => parseSettings(kind, { config, credentials }));
      expect([kind, e.code, e.status, (e.details as { issues: { path: string }[] }).issues[0]!.path]).toEqual([kind, code, 400, path]);
      expect(e.message).not.toContain('short-secret');
    }
    expect(failure(() => parseSettings('sandbox', { config: { latency: 1 }, credentials: {} })).message).toContain(
      'unknown field(s) "latency"',
    );
  });
});
