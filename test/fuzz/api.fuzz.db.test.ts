/**
 * Fuzzing every operation of the API (issue 9). The operations come from the app's own OpenAPI
 * document, so a new route is fuzzed without a change here. For each, requests are generated from
 * its parameters and body schema (./openapi.ts) and sent as the owner of a fixture workspace
 * (./api-fixture.ts); every answer must hold:
 * - no status ≥ 500 (but 503 `server.busy`, the parse pool's and password hashing's back-pressure);
 * - every error is JSON `{ error: { code, message } }`;
 * - no request takes longer than the hang limit;
 * - a refused request (≥ 400) wrote nothing: the database's fingerprint (./db-fingerprint.ts) is
 *   the same before and after.
 * Bounded: RUNS_PER_OPERATION requests per operation from a fixed seed (FUZZ_RUNS, FUZZ_SEED: ./settings.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LocalDiskStorage } from '../../src/media/storage.ts';
import { createPostsTestApp } from '../posts-app.ts';
import { createFixture, createUsers, warmUp } from './api-fixture.ts';
import { fingerprinter, type Fingerprint } from './db-fingerprint.ts';
import { operationsOf, requestFor, type GeneratedRequest, type Known } from './openapi.ts';
import { FUZZ_TEST_TIMEOUT_MS, fuzzParameters, HANG_LIMIT_MS } from './settings.ts';

/**
 * Operations not fuzzed, and why; everything else the document lists is. Destructive operations
 * stay in when they cannot hurt the run: the password change needs the owner's password, which is
 * never generated; the requests authenticate with the owner's session, so revoking API tokens is
 * harmless; whatever an operation deletes or rewrites, the next one gets a new fixture.
 */
const SKIPPED: Record<string, string> = {
  'POST /api/v1/auth/signout': 'would end the session every request is sent with',
};

const RUNS_PER_OPERATION = 40;

/**
 * Operations whose answers are not JSON by contract: their refusals are checked for the type they
 * declare instead of the JSON error body (still no 5xx, no hang, nothing written).
 */
const NOT_JSON: Record<string, RegExp> = {
  'GET /l/{code}': /^text\/html/, // the redirector answers people following a link: an HTML page
};

/**
 * Operations that do real work per request, with fewer runs and a longer bound: a PDF report renders
 * its charts (about 0.3 s each) in a worker thread, so a strategy's takes seconds on a loaded machine;
 * the export renders the strategy's master document when asked for a PDF (or DOCX).
 */
const SLOW: Record<string, { runs: number; hangLimitMs: number }> = {
  'GET /api/v1/workspaces/{workspaceId}/strategies/{strategyId}/report.pdf': { runs: 6, hangLimitMs: 20_000 },
  'GET /api/v1/workspaces/{workspaceId}/campaigns/{campaignId}/report.pdf': { runs: 6, hangLimitMs: 20_000 },
  'GET /api/v1/workspaces/{workspaceId}/strategies/{strategyId}/export': { runs: 10, hangLimitMs: 20_000 },
};

const mediaDir = await mkdtemp(path.join(os.tmpdir(), 'groundwork-fuzz-media-'));
const t = await createPostsTestApp({ mediaStorage: new LocalDiskStorage(mediaDir) });
const operations = operationsOf((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json());
const users = await createUsers(t);
let known: Known = await createFixture(t, users);
const fingerprint = await fingerprinter(t.db.pool);
/** The database as the last refused request left it; null after a request that wrote. */
let unchanged: Fingerprint | null = null;

afterAll(async () => {
  await t.close();
  await rm(mediaDir, { recursive: true, force: true });
});

const describeRequest = (r: GeneratedRequest, status: number, body: string): string =>
  `${r.method} ${r.url.slice(0, 300)} headers=${JSON.stringify(r.headers).slice(0, 300)} body=${(r.payload ?? '').slice(0, 300)} → ${status} ${body.slice(0, 500)}`;

/** Sends one request and checks every property; true when it wrote (a 2xx that is not a GET). */
async function check(r: GeneratedRequest, operation: string): Promise<boolean> {
  const before = unchanged ?? (await fingerprint());
  const started = performance.now();
  const res = await t.app.inject({
    method: r.method as 'GET',
    url: r.url,
    headers: r.headers,
    ...(r.payload === undefined ? {} : { payload: r.payload }),
  });
  const ms = performance.now() - started;
  const what = describeRequest(r, res.statusCode, res.body);
  expect(ms, `took ${Math.round(ms)} ms: ${what}`).toBeLessThan(SLOW[operation]?.hangLimitMs ?? HANG_LIMIT_MS);
  if (res.statusCode < 400) {
    unchanged = null;
    return r.method !== 'GET' && r.method !== 'HEAD';
  }

  const declared = NOT_JSON[operation];
  if (declared) {
    expect(res.statusCode, what).toBeLessThan(500);
    expect(res.headers['content-type'], what).toMatch(declared);
    unchanged = await fingerprint();
    expect(unchanged, `a refused request wrote: ${what}`).toEqual(before);
    return false;
  }
  expect(res.headers['content-type'], what).toMatch(/^application\/json/);
  const error = (res.json() as { error?: { code?: unknown; message?: unknown } }).error;
  expect(typeof error?.code === 'string' && typeof error.message === 'string', `error body: ${what}`).toBe(true);
  if (res.statusCode >= 500) expect(`${res.statusCode} ${String(error?.code)}`, what).toBe('503 server.busy');
  unchanged = await fingerprint();
  expect(unchanged, `a refused request wrote: ${what}`).toEqual(before);
  return false;
}

describe('API fuzz', { timeout: FUZZ_TEST_TIMEOUT_MS }, () => {
  it('skips only operations the document lists', () => {
    const listed = new Set(operations.map((op) => `${op.method} ${op.path}`));
    for (const skipped of Object.keys(SKIPPED)) expect(listed, skipped).toContain(skipped);
  });

  for (const op of operations.filter((o) => !(`${o.method} ${o.path}` in SKIPPED))) {
    const operation = `${op.method} ${op.path}`;
    it(operation, async () => {
      let wrote = false;
      await warmUp(t);
      await fc.assert(
        fc.asyncProperty(requestFor(op, known), async (r) => {
          if (await check(r, operation)) wrote = true;
        }),
        fuzzParameters(SLOW[operation]?.runs ?? RUNS_PER_OPERATION),
      );
      // The next operation starts from an untouched fixture: this one may have deleted or rewritten it.
      if (wrote) {
        known = await createFixture(t, users);
        unchanged = null;
      }
    });
  }
});
