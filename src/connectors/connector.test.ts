import { describe, expect, it } from 'vitest';
import { classifyError, httpError, parseRetryAfter, PermanentError, TransientError } from './connector.ts';

describe('parseRetryAfter', () => {
  it('reads delay-seconds and HTTP dates, ignores garbage, caps at a day', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
    expect(parseRetryAfter('Mon, 23 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 23 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('999999', now)).toBe(24 * 3600 * 1000);
  });
});

describe('error classification', () => {
  it('maps HTTP statuses: 429/5xx/408 transient, 401/403 auth, other 4xx rejected', () => {
    const limited = httpError(429, 'slow down', '7');
    expect(limited).toBeInstanceOf(TransientError);
    expect((limited as TransientError).retryAfterMs).toBe(7000);
    expect(httpError(503, 'x')).toBeInstanceOf(TransientError);
    expect(httpError(408, 'x')).toBeInstanceOf(TransientError);
    expect(httpError(401, 'x')).toMatchObject({ reason: 'auth' });
    expect(httpError(422, 'too long')).toMatchObject({ reason: 'rejected', message: 'too long' });
    expect(httpError(422, 'x')).toBeInstanceOf(PermanentError);
  });

  it('treats unknown errors and timeouts as transient, never as a rejection', () => {
    expect(classifyError(new Error('ECONNRESET'))).toBeInstanceOf(TransientError);
    expect(classifyError('weird')).toBeInstanceOf(TransientError);
    const timeout = new DOMException('The operation timed out.', 'TimeoutError');
    expect(classifyError(timeout).message).toMatch(/outcome unknown/);
    const p = new PermanentError('no');
    expect(classifyError(p)).toBe(p);
  });
});
