import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from './unavailable.ts';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    withCode('terminating connection due to administrator command', '57P01'),
    withCode('the database system is starting up', '57P03'),
    withCode('connection failure', '08006'),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
  ])('knows %s', (e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
  });
  it.each([withCode('duplicate key value violates unique constraint', '23505'), new Error('boom'), 'a string'])(
    'leaves %s to the 500 path',
    (e) => {
      expect(isDatabaseUnavailable(e)).toBe(false);
    },
  );
});
