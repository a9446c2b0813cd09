/**
 * The API is its contract: every operation of the OpenAPI document comes from exactly one contract
 * entry (src/<feature>/contract.ts, gathered in API_CONTRACT by the composition root), and every
 * entry is an operation — so the web client, typed by the entries, calls only routes that exist, as
 * they are. A route registered by hand fails at startup.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, expectStatus, type TestApp } from '../../test/app.ts';
import { readdirSync } from 'node:fs';
import { ACCESS_EXTENSION, defineRoute, fullPath, type Contract, type Endpoint, type RouteDef } from './contract.ts';
import { noContent } from './responses.ts';
import { API_CONTRACT, buildApp } from './app.ts';
import { contractGuard, register } from './kit.ts';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Doc = {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], { summary: string; tags: string[]; [ACCESS_EXTENSION]: unknown }>>>;
};

/** `POST /api/v1/workspaces/{workspaceId}/posts`, as the document names operations. */
const operationOf = (route: RouteDef) => `${route.method} ${fullPath(route).replace(/:(\w+)/g, '{$1}')}`;

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the API contract', () => {
  it('lists exactly the operations of the OpenAPI document, each as documented', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expectStatus(res, 200);
    const doc = res.json() as Doc;
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const contracted = API_CONTRACT.map(operationOf);
    expect(new Set(contracted).size).toBe(contracted.length);
    expect([...documented].sort()).toEqual([...contracted].sort());

    for (const route of API_CONTRACT) {
      const [method, path] = operationOf(route).split(' ') as [string, string];
      const operation = doc.paths[path]![method.toLowerCase() as (typeof METHODS)[number]]!;
      expect(operation[ACCESS_EXTENSION], operationOf(route)).toEqual(route.access);
      expect(operation.tags, operationOf(route)).toEqual(route.tags);
      // A workspace route's summary ends with its permission (src/http/access.ts).
      expect(operation.summary.startsWith(route.summary), operationOf(route)).toBe(true);
    }
  });

  it("takes every entry's endpoint from its feature's endpoints.ts, which lists nothing else", async () => {
    const src = new URL('..', import.meta.url);
    // Features are folders of src/ with a contract, or folders inside a domain folder (src/measure/reports/).
    const folders = readdirSync(src, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'http')
      .flatMap((d) => [
        d.name,
        ...readdirSync(new URL(`${d.name}/`, src), { withFileTypes: true })
          .filter((sub) => sub.isDirectory())
          .map((sub) => `${d.name}/${sub.name}`),
      ]);
    const features = folders.filter((name) => readdirSync(new URL(`${name}/`, src)).includes('contract.ts')).map((name) => ({ name }));
    const fromEndpoints: string[] = [];
    for (const { name } of features) {
      const contract = Object.values(await import(new URL(`${name}/contract.ts`, src).href))[0] as Contract;
      const endpoints = Object.values(await import(new URL(`${name}/endpoints.ts`, src).href))[0] as Record<string, Endpoint>;
      expect(Object.keys(endpoints), name).toEqual(Object.keys(contract));
      for (const [key, endpoint] of Object.entries(endpoints)) {
        const { method, path, base } = contract[key]!;
        expect({ method, path, base }, `${name}: ${key}`).toEqual({ method: endpoint.method, path: endpoint.path, base: endpoint.base });
        fromEndpoints.push(operationOf(contract[key]!));
      }
    }
    expect(fromEndpoints.sort()).toEqual(API_CONTRACT.map(operationOf).sort());
  });

  it('refuses, at startup, a route that does not come from a feature contract', async () => {
    const app = await buildApp({ pool: t.db.pool, config: { sessionTtlDays: 30, cookieSecure: false, logLevel: 'silent' } });
    try {
      expect(() => app.get('/api/v1/handmade', { config: { access: 'public' } }, async () => 'hello')).toThrow(
        /GET \/api\/v1\/handmade is not registered from a contract entry/,
      );
      const stray = defineRoute({
        method: 'GET',
        path: '/stray',
        access: 'public',
        tags: ['stray'],
        summary: 'Not in any contract',
        responses: { 204: noContent },
      });
      expect(() => register(app, stray, async (_req, reply) => reply.status(204).send(null))).toThrow(
        /GET \/api\/v1\/stray is not registered from a contract entry/,
      );
    } finally {
      await app.close();
    }
  });

  it('refuses an entry whose params do not name its path parameters', async () => {
    const app = await buildApp({ pool: t.db.pool, config: { sessionTtlDays: 30, cookieSecure: false, logLevel: 'silent' } });
    try {
      const route = defineRoute({
        method: 'GET',
        path: '/things/:thingId',
        access: 'signed-in',
        tags: ['x'],
        summary: 'x',
        responses: { 204: noContent },
      });
      expect(() => register(app, route, async (_req, reply) => reply.status(204).send(null))).toThrow(
        /params schema has \[\] but the path names \[thingId\]/,
      );
    } finally {
      await app.close();
    }
  });

  it('refuses to start while an entry has no route, and a second route for one entry', () => {
    const [first, second] = API_CONTRACT as [RouteDef, RouteDef];
    const guard = contractGuard([first, second]);
    const route = (contract: RouteDef) => ({
      method: contract.method,
      url: fullPath(contract),
      config: { contract },
      handler: async () => null,
    });
    guard.requireContract(route(first));
    expect(() => guard.requireAllRegistered()).toThrow(`Contract entries no route implements: ${second.method} ${fullPath(second)}.`);
    expect(() => guard.requireContract(route(first))).toThrow(/registered twice/);
    guard.requireContract(route(second));
    expect(() => guard.requireAllRegistered()).not.toThrow();
  });
});
