import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, DUMMY_HASH, hashPassword, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('hash with argon2id and verify', async () => {
    const h = await hashPassword('correct horse battery staple');
    expect(h).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(h, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(h, 'correct horse battery stapler')).toBe(false);
  });

  it('keep a real dummy hash with the default parameters, so unknown emails cost a real verification', async () => {
    expect(await verifyPassword(DUMMY_HASH, 'groundwork-timing-dummy')).toBe(true);
    const real = await hashPassword('anything at all here');
    expect(DUMMY_HASH.split('$').slice(0, 4)).toEqual(real.split('$').slice(0, 4));
  });

  it('treat an unreadable hash as a mismatch, not an error', async () => {
    expect(await verifyPassword('not-a-hash', 'whatever password')).toBe(false);
  });

  it('accept 10–200 characters, counted as characters not bytes', () => {
    expect(() => checkPasswordPolicy('a'.repeat(10))).not.toThrow();
    expect(() => checkPasswordPolicy('a'.repeat(200))).not.toThrow();
    expect(() => checkPasswordPolicy('😀'.repeat(10))).not.toThrow();
    expect(() => checkPasswordPolicy('a'.repeat(9))).toThrow(expect.objectContaining({ code: 'auth.weak_password' }));
    expect(() => checkPasswordPolicy('a'.repeat(201))).toThrow(expect.objectContaining({ code: 'auth.weak_password' }));
  });
});

describe('argon2 under a flood', () => {
  it('runs a bounded number of verifications and refuses the rest with server.busy, not queueing without end', async () => {
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => verifyPassword(DUMMY_HASH, 'a wrong guess')));
    const refused = results.filter((r) => r.status === 'rejected');
    const answered = results.filter((r) => r.status === 'fulfilled');
    // 2 running + 64 waiting get an answer; the other 134 are refused at once.
    expect(answered).toHaveLength(66);
    expect(refused).toHaveLength(134);
    expect(refused[0]).toMatchObject({ reason: { code: 'server.busy', status: 503 } });
  });
});
