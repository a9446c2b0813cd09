/**
 * Issue 9, item 2: the public lint needs no account, so a hostile body must neither stall the server
 * (parsing runs in worker threads with a time and document budget) nor be sent without limit (per-address rate limit).
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';

const yaml = { 'content-type': 'application/yaml' };
/** ~1.8 MB, under the body limit and the document budget: seconds of YAML parsing (the slowest shape measured). */
const SLOW_BODY = `kind: campaign\nx:\n${'- a\n'.repeat(450_000)}`;
/** The reproduction: 450k empty documents, 20 s of parsing in the event loop before the fix. */
const FLOOD_BODY = '---\n'.repeat(450_000);

describe('public lint under attack', () => {
  let t: TestApp;
  let url: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.close());

  it('keeps answering other requests within 100 ms while hostile bodies are read, and refuses them with 413', async () => {
    // Warm the worker pool, so the probes measure the attack and not the first worker's start.
    expect((await fetch(`${url}/api/v1/lint`, { method: 'POST', headers: yaml, body: 'kind: strategy\n' })).status).toBe(200);

    let attacksDone = false;
    const attacks = Promise.all(
      [SLOW_BODY, SLOW_BODY, FLOOD_BODY, FLOOD_BODY].map(async (body) => {
        const res = await fetch(`${url}/api/v1/lint`, { method: 'POST', headers: yaml, body });
        return { status: res.status, body: await res.json() };
      }),
    ).finally(() => {
      attacksDone = true;
    });

    // The median of sequential probes: one probe can lose a scheduling slice on a loaded 2-core
    // machine, but a blocked event loop (the bug: 19.6 s) delays every probe.
    const probes: number[] = [];
    const probedDuringAttack: boolean[] = [];
    await new Promise((resolve) => setTimeout(resolve, 100)); // the bodies are being uploaded and parsed
    for (let i = 0; i < 9; i++) {
      const t0 = performance.now();
      const res = await fetch(`${url}/api/health`);
      probes.push(performance.now() - t0);
      probedDuringAttack.push(!attacksDone);
      expect(res.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const results = await attacks;

    // Otherwise the probes measured an idle server and prove nothing.
    expect(probedDuringAttack.every(Boolean)).toBe(true);
    const median = [...probes].sort((a, b) => a - b)[Math.floor(probes.length / 2)]!;
    expect(median, `health probes took ${probes.map(Math.round).join(', ')} ms`).toBeLessThan(100);
    // Each hostile body got an answer: a lint result, or the coded refusal.
    for (const r of results) {
      if (r.status === 200) expect(r.body.summary).toBeDefined();
      else expect(r).toMatchObject({ status: 413, body: { error: { code: 'plan.too_complex' } } });
    }
    expect(results.slice(2).map((r) => r.body.error.message)).toEqual([
      expect.stringMatching(/more than 1000 documents/),
      expect.stringMatching(/more than 1000 documents/),
    ]);
  }, 60_000); // the slow bodies may each use their 5 s budget, one after another on a 2-core machine

  it('applies the document budget to the workspace lint and import too', async () => {
    const owner = (await t.signUp()).headers;
    const ws = await t.createWorkspace(owner);
    for (const action of ['lint', 'import']) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/workspaces/${ws}/${action}`,
        headers: { ...owner, ...yaml },
        payload: FLOOD_BODY,
      });
      expectStatus(res, 413);
      expect(res.json().error.code).toBe('plan.too_complex');
    }
  });

  it('keeps YAML lines in workspace lint findings (they cross from the worker as a table)', async () => {
    const owner = (await t.signUp()).headers;
    const ws = await t.createWorkspace(owner);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workspaces/${ws}/lint`,
      headers: { ...owner, ...yaml },
      payload: 'kind: strategy\nid: acme\nname: Acme\n',
    });
    expectStatus(res, 200);
    expect(res.json().findings.length).toBeGreaterThan(0);
    expect(res.json().findings.every((f: { line?: number }) => typeof f.line === 'number')).toBe(true);
  });
});

describe('public lint rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ lintRateLimit: { windowSeconds: 60, maxPerIp: 2 } });
  });
  afterAll(() => t.close());

  it('answers 429 with Retry-After once one address exceeds LINT_RATE_MAX_PER_IP', async () => {
    const lint = () => t.app.inject({ method: 'POST', url: '/api/v1/lint', headers: yaml, payload: 'kind: strategy\n' });
    expectStatus(await lint(), 200);
    expectStatus(await lint(), 200);
    const refused = await lint();
    expectStatus(refused, 429);
    expect(refused.json().error.code).toBe('auth.rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is counted apart.
    expectStatus(
      await t.app.inject({ method: 'POST', url: '/api/v1/lint', headers: yaml, payload: 'kind: strategy\n', remoteAddress: '192.0.2.7' }),
      200,
    );
  });
});
