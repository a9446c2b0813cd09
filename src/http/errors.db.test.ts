import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('error responses', () => {
  it.each([
    ['an unknown route', '/api/v1/nothing-here', 404, 'route.not_found'],
    ['a malformed URL', '/api/v1/workspaces/%E0%A4%A', 400, 'request.bad_url'],
    ['an over-long path segment', `/api/v1/workspaces/${'x'.repeat(400)}`, 414, 'request.url_too_long'],
  ])('answers %s with a coded JSON error', async (_what, url, status, code) => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.code).toBe(code);
  });

  it('refuses a body over 5 MB with 413 and a code', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lint',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ documents: [{ kind: 'strategy', name: 'x'.repeat(6 * 1024 * 1024) }] }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('request.too_large');
  });

  it('refuses an unsupported media type with 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/lint',
      headers: { 'content-type': 'application/xml' },
      payload: '<x/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe('request.unsupported_media_type');
  });
});
