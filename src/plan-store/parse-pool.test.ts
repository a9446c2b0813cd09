import { afterAll, describe, expect, it } from 'vitest';
import { generatePlan } from '../../bench/generate-plan.ts';
import { exportPlanYaml } from '../plan/export/yaml.ts';
import { lintText } from '../plan/lint.ts';
import { loadPlanText } from '../plan/load.ts';
import { createParsePool, MAX_WAITING_PER_THREAD } from './parse-pool.ts';

const PLAN = `kind: strategy
id: acme
name: Acme
---
kind: campaign
id: spring
strategy: acme
name: Spring
`;

describe('parse pool', () => {
  // Every body to a thread: these cases are about the threads (small plain YAML is read inline, below).
  const pool = createParsePool({ inlineMaxChars: 0 });
  afterAll(() => pool.close());

  it('lints in a worker exactly as in-process', async () => {
    expect(await pool.lint(PLAN)).toEqual(lintText(PLAN));
  });

  it('loads documents whose lines survive the trip between threads', async () => {
    const here = loadPlanText(PLAN);
    const there = await pool.load(PLAN);
    expect(there.findings).toEqual(here.findings);
    expect(there.documents.map((d) => d.doc)).toEqual(here.documents.map((d) => d.doc));
    for (const pointer of ['', '/id', '/name', '/objectives', '/no/such/field']) {
      expect(there.documents.map((d) => d.lineOf(pointer))).toEqual(here.documents.map((d) => d.lineOf(pointer)));
    }
  });

  // Found by fuzzing: copying the body to a worker thread overflowed the stack, and the lint answered 500.
  it("refuses JSON bodies nested thousands deep with the loader's finding, as for YAML", async () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 20_000; i++) deep = [deep];
    for (const body of [deep as unknown[], { documents: [deep] }, { kind: 'strategy', id: 'acme', notes: deep }]) {
      expect((await pool.lint(body)).findings).toEqual([
        expect.objectContaining({ rule: 'schema', message: 'collections are nested more than 100 levels deep' }),
      ]);
      expect((await pool.load(body)).documents).toEqual([]);
    }
  });

  it('reads the benchmark large plan (1,000 objectives, 200 campaigns: 201 documents) within the document and memory budgets', async () => {
    const plan = generatePlan({ objectives: 1000, campaigns: 200, channels: 10, personas: 6, people: 8 });
    const yaml = exportPlanYaml(plan.strategy, plan.campaigns);
    // Its time against the 5 s budget is bench:lint's to measure: on a loaded test machine a wall-clock budget would flake.
    const patient = createParsePool({ timeLimitMs: 120_000 });
    try {
      expect((await patient.load(yaml)).documents).toHaveLength(201);
    } finally {
      await patient.close();
    }
  });

  it('refuses more documents than the budget with 413 plan.too_complex', async () => {
    await expect(pool.lint('---\n'.repeat(450_000))).rejects.toMatchObject({ code: 'plan.too_complex', status: 413 });
    await expect(pool.load(Array(1001).fill({}))).rejects.toMatchObject({ code: 'plan.too_complex', status: 413 });
  });

  it('stops a parse that runs over its time budget', async () => {
    // The budget covers starting a worker (tsx loads the plan model in it: a few hundred ms), so not less than a second.
    const strict = createParsePool({ timeLimitMs: 1000 });
    try {
      // A 2.4 MB sequence of flow sequences (yaml's full parser, not the plain reader): seconds of parsing, over the 1 s budget.
      const text = `kind: campaign\nx:\n${'- !!str a\n'.repeat(400_000)}`;
      // Refused for its time (a finished parse would resolve): no wall-clock bound here, which a loaded machine would break.
      await expect(strict.lint(text)).rejects.toMatchObject({
        code: 'plan.too_complex',
        status: 413,
        message: expect.stringMatching(/took more than 1 s/),
      });
      // The pool still works afterwards (the terminated worker was replaced).
      await expect(strict.lint('kind: strategy\n')).resolves.toMatchObject({ summary: expect.any(Object) });
    } finally {
      await strict.close();
    }
  });

  it('stops a parse that runs over its memory budget', async () => {
    const small = createParsePool({ memoryLimitMb: 16 });
    try {
      const text = `kind: campaign\nx:\n${'- a\n'.repeat(450_000)}`;
      await expect(small.lint(text)).rejects.toMatchObject({
        code: 'plan.too_complex',
        status: 413,
        message: expect.stringMatching(/more than 16 MB/),
      });
    } finally {
      await small.close();
    }
  });

  it('answers 503 server.busy beyond the waiting bodies per thread, and serves the ones that waited', async () => {
    const one = createParsePool({ threads: 1, inlineMaxChars: 0 });
    try {
      // Submitted in one tick: one runs, MAX_WAITING_PER_THREAD wait, the next is turned away.
      const results = await Promise.allSettled(Array.from({ length: MAX_WAITING_PER_THREAD + 2 }, () => one.lint('kind: strategy\n')));
      expect(results.slice(0, -1).every((r) => r.status === 'fulfilled')).toBe(true);
      expect(results.at(-1)).toMatchObject({ status: 'rejected', reason: { code: 'server.busy', status: 503 } });
    } finally {
      await one.close();
    }
  });

  it('reads a small plain YAML body in the event loop, with the same result, even while every thread is taken', async () => {
    const one = createParsePool({ threads: 1, timeLimitMs: 60_000 });
    try {
      // Keep the only thread busy and its queue full with bodies that need yaml's full path.
      const slow = Promise.allSettled(
        Array.from({ length: MAX_WAITING_PER_THREAD + 1 }, () => one.lint(`kind: campaign\nx:\n${'- !!str a\n'.repeat(20_000)}`)),
      );
      await expect(one.lint(PLAN)).resolves.toEqual(lintText(PLAN));
      const loaded = await one.load(PLAN);
      expect(loaded.findings).toEqual(loadPlanText(PLAN).findings);
      expect(loaded.documents.map((d) => d.lineOf('/name'))).toEqual(loadPlanText(PLAN).documents.map((d) => d.lineOf('/name')));
      // A body that is not plain block YAML still queues, and is turned away while the queue is full.
      await expect(one.lint('kind: strategy\nid: !!str x\n')).rejects.toMatchObject({ code: 'server.busy' });
      await slow;
    } finally {
      await one.close();
    }
  });
});
