import { describe, expect, it } from 'vitest';
import { createGate } from './gate.ts';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('createGate', () => {
  it('runs at most `concurrency` tasks at once, the waiting ones in order, and refuses beyond the queue', async () => {
    const gate = createGate(2, 3);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      order.push(i);
      running--;
      return i;
    };
    const runs = Array.from({ length: 7 }, (_, i) => gate.run(task(i)));
    const settled = await Promise.allSettled(runs);
    expect(peak).toBe(2);
    expect(settled.slice(0, 5).map((s) => (s.status === 'fulfilled' ? s.value : null))).toEqual([0, 1, 2, 3, 4]);
    // 2 running + 3 waiting: the 6th and 7th are refused at once with 503.
    for (const s of settled.slice(5))
      expect(s).toMatchObject({ status: 'rejected', reason: { code: 'server.busy', status: 503, details: { retryAfterSeconds: 1 } } });
    expect(order.slice(2)).toEqual([2, 3, 4]);
  });

  it('frees the slot when a task fails', async () => {
    const gate = createGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });
});
