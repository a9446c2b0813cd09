/** The sandbox connector on any receipt store (here one in memory): it keeps nothing itself. */
import { describe, expect, it } from 'vitest';
import type { Connection, OutgoingVariant } from '../connector.ts';
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
});
