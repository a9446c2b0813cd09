/** The sandbox connector on any receipt store (here one in memory): it keeps nothing itself. */
import { describe, expect, it } from 'vitest';
import type { Connection, OutgoingVariant } from '../connector.ts';
import { sandboxFollowers, sandboxPostMetrics } from './metrics.ts';
import { parseLatency, SandboxConnector, type SandboxPayload, type SandboxReceiptStore, type StoredSandboxReceipt } from './sandbox.ts';

function memoryStore() {
  const receipts = new Map<string, StoredSandboxReceipt & { payload: SandboxPayload; repeats: number; deleted: boolean }>();
  const store: SandboxReceiptStore = {
    async record(_connectionId, idempotencyKey, payload) {
      const seen = receipts.get(idempotencyKey);
      if (seen) {
        seen.repeats++;
        return seen;
      }
      const r = { id: receipts.size + 1, receivedAt: new Date(), payload, repeats: 0, deleted: false };
      receipts.set(idempotencyKey, r);
      return r;
    },
    async findByKey(idempotencyKey) {
      return receipts.get(idempotencyKey) ?? null;
    },
    async markDeleted(id) {
      const r = [...receipts.values()].find((x) => String(x.id) === id);
      if (r) r.deleted = true;
      return r !== undefined;
    },
    async findLive(ids) {
      return new Map([...receipts.values()].filter((r) => ids.includes(r.id) && !r.deleted).map((r) => [r.id, r]));
    },
  };
  return { store, receipts };
}

const connection: Connection = { id: 'c1', workspaceId: 'w1', channelId: 'main', connector: 'sandbox', config: {}, credentials: {} };
const variant: OutgoingVariant = {
  id: 'v1',
  postId: 'p1',
  workspaceId: 'w1',
  channelId: 'main',
  content: { text: 'Hello', media: [], thread: [] },
  dueAt: new Date(),
  attempt: 1,
};

describe('sandbox connector', () => {
  it('records through its store: a repeated key answers the first receipt; lookup and delete go through it too', async () => {
    const { store, receipts } = memoryStore();
    const sandbox = new SandboxConnector(store);
    const first = await sandbox.publish(variant, { connection, idempotencyKey: 'k' });
    expect(first).toMatchObject({ remoteId: 'sandbox-1', remoteUrl: 'sandbox://receipts/1' });
    expect(await sandbox.publish(variant, { connection, idempotencyKey: 'k' })).toEqual(first);
    expect(receipts.get('k')).toMatchObject({
      repeats: 1,
      payload: { variantId: 'v1', postId: 'p1', channelId: 'main', content: variant.content, media: [] },
    });
    expect(await sandbox.lookup('k', { connection, variant })).toEqual(first);
    expect(await sandbox.lookup('other', { connection, variant })).toBeNull();
    await sandbox.delete(first.remoteId);
    expect(receipts.get('k')?.deleted).toBe(true);
    await expect(sandbox.delete('sandbox-2')).rejects.toThrow('The sandbox has no post sandbox-2');
  });

  it('parses latency settings', () => {
    expect(parseLatency('50')).toBe(50);
    expect(parseLatency('5-20')).toEqual([5, 20]);
    expect(() => parseLatency('20-5')).toThrow(/reversed/);
    expect(() => parseLatency('fast')).toThrow();
  });

  it('reports metrics by the formula of metrics.ts from the hours since the receipt; deleted and unknown posts are absent', async () => {
    const { store, receipts } = memoryStore();
    let now = new Date();
    const sandbox = new SandboxConnector(store, { now: () => now });
    const a = await sandbox.publish(variant, { connection, idempotencyKey: 'a' });
    const b = await sandbox.publish({ ...variant, id: 'v2' }, { connection, idempotencyKey: 'b' });
    receipts.get('a')!.receivedAt = new Date('2026-06-01T12:00:00Z');
    receipts.get('b')!.receivedAt = new Date('2026-06-01T12:00:00Z');
    now = new Date('2026-06-02T12:00:00Z');
    const read = await sandbox.fetchMetrics([a.remoteId, b.remoteId, 'sandbox-999', 'not-a-sandbox-id'], { connection });
    expect([...read.keys()].sort()).toEqual([a.remoteId, b.remoteId].sort());
    expect(read.get(a.remoteId)).toEqual(sandboxPostMetrics(a.remoteId, 24));
    await sandbox.delete(b.remoteId);
    expect([...(await sandbox.fetchMetrics([a.remoteId, b.remoteId], { connection })).keys()]).toEqual([a.remoteId]);
    expect(await sandbox.fetchFollowers({ connection })).toBe(sandboxFollowers(connection.id, now));
    // An account whose config sets its audience (the demo's, continuing its history) grows from there.
    const audience = { ...connection, config: { followers: { count: 3200, on: '2026-05-30', perDay: 2.5 } } };
    expect(await sandbox.fetchFollowers({ connection: audience })).toBe(3200 + 8); // 3.5 days × 2.5
  });
});

describe('the sandbox audience (metrics.ts)', () => {
  const HOURS = [0, 1, 6, 24, 72, 168, 720];

  it('is deterministic: same post and age, same numbers (pinned, so a change of formula is seen)', () => {
    expect(sandboxPostMetrics('sandbox-1', 24)).toEqual(sandboxPostMetrics('sandbox-1', 24));
    expect(sandboxPostMetrics('sandbox-1', 24)).toMatchInlineSnapshot(`
      {
        "impressions": 8273,
        "likes": 177,
        "quotes": 2,
        "replies": 6,
        "reposts": 28,
      }
    `);
    expect(sandboxFollowers('c1', new Date('2026-07-01T00:00:00Z'))).toMatchInlineSnapshot(`1956`);
  });

  it('starts at zero, grows and flattens: never decreasing, most of it in the first day, little after three', () => {
    for (const id of Array.from({ length: 200 }, (_, i) => `sandbox-${i + 1}`)) {
      const series = HOURS.map((h) => sandboxPostMetrics(id, h));
      expect(series[0]).toEqual({ likes: 0, reposts: 0, replies: 0, quotes: 0, impressions: 0 });
      for (let i = 1; i < series.length; i++) {
        for (const k of ['likes', 'reposts', 'replies', 'quotes', 'impressions'] as const) {
          expect(series[i]![k]).toBeGreaterThanOrEqual(series[i - 1]![k]!);
        }
      }
      const [, , , day, threeDays, , month] = series.map((m) => m.likes);
      expect(day!).toBeGreaterThanOrEqual(0.9 * month! - 1);
      expect(month! - threeDays!).toBeLessThanOrEqual(1);
    }
  });

  it('is plausible: likes from a handful to ~300, reposts and replies fewer than likes, an engagement rate of a few per cent', () => {
    const month = Array.from({ length: 500 }, (_, i) => sandboxPostMetrics(`sandbox-${i + 1}`, 720));
    const likes = month.map((m) => m.likes);
    expect(Math.min(...likes)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...likes)).toBeLessThanOrEqual(305);
    expect(likes.filter((l) => l < 100).length).toBeGreaterThan(250);
    for (const m of month) {
      expect(m.reposts).toBeLessThan(m.likes + 1);
      expect(m.replies).toBeLessThan(m.likes + 1);
      expect(m.quotes).toBeLessThanOrEqual(m.reposts);
      const rate = (m.likes + m.reposts + m.replies + m.quotes) / m.impressions!;
      expect(rate).toBeGreaterThan(0.015);
      expect(rate).toBeLessThan(0.06);
    }
  });

  it('grows followers slowly and steadily per connection', () => {
    const at = (d: string) => sandboxFollowers('conn-x', new Date(d));
    expect(at('2025-06-01T00:00:00Z')).toBe(at('2026-01-01T00:00:00Z'));
    const jan = at('2026-01-01T00:00:00Z');
    const feb = at('2026-02-01T00:00:00Z');
    expect(feb).toBeGreaterThanOrEqual(jan + 15);
    expect(feb).toBeLessThanOrEqual(jan + 140);
    expect(sandboxFollowers('conn-y', new Date('2026-02-01T00:00:00Z'))).not.toBe(feb);
  });
});
