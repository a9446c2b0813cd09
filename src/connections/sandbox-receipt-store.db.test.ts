/** The sandbox network on the app's database: receipts in `sandbox_receipts`, one per idempotency key. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { PermanentError, TransientError, type Connection, type OutgoingVariant } from '../connectors/connector.ts';
import { SandboxConnector } from '../connectors/sandbox/sandbox.ts';
import { connectChannel, seedWorkspace } from '../../test/worker-fixtures.ts';
import { postgresSandboxReceiptStore } from './sandbox-receipt-store.ts';

let db: TestDatabase;
let connection: Connection;
beforeAll(async () => {
  db = await createTestDatabase();
  const f = await seedWorkspace(db.pool);
  const id = await connectChannel(db.pool, f, 'main');
  connection = { id, workspaceId: f.workspaceId, channelId: 'main', connector: 'sandbox', config: {}, credentials: {} };
});
afterAll(() => db.drop());

const variant = (text = 'Hello'): OutgoingVariant => ({
  id: crypto.randomUUID(),
  postId: crypto.randomUUID(),
  workspaceId: connection.workspaceId,
  channelId: 'main',
  content: { text, media: [], thread: [] },
  dueAt: new Date(),
  attempt: 1,
});

describe('sandbox network', () => {
  it('records a publish; a repeat with the same idempotency key returns the same receipt, never a second post', async () => {
    const sandbox = new SandboxConnector(postgresSandboxReceiptStore(db.pool));
    const v = variant();
    const first = await sandbox.publish(v, { connection, idempotencyKey: 'key-1' });
    const again = await sandbox.publish(v, { connection, idempotencyKey: 'key-1' });
    expect(again.remoteId).toBe(first.remoteId);
    const { rows } = await db.pool.query(
      `SELECT repeats, payload->>'variantId' AS variant FROM sandbox_receipts WHERE idempotency_key = 'key-1'`,
    );
    expect(rows).toEqual([{ repeats: 1, variant: v.id }]);
    expect(await sandbox.lookup('key-1', { connection, variant: { ...v, attempt: 2 } })).toMatchObject({ remoteId: first.remoteId });
    expect(await sandbox.lookup('never-sent', { connection, variant: variant() })).toBeNull();
  });

  it('simulates latency and injected failures before recording anything', async () => {
    const sandbox = new SandboxConnector(postgresSandboxReceiptStore(db.pool), {
      latencyMs: [40, 60],
      inject: ({ idempotencyKey }) => (idempotencyKey === 'bad' ? new TransientError('injected') : undefined),
    });
    const t0 = performance.now();
    await sandbox.publish(variant(), { connection, idempotencyKey: 'slow' });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(38);
    await expect(sandbox.publish(variant(), { connection, idempotencyKey: 'bad' })).rejects.toThrow('injected');
    expect(await sandbox.lookup('bad', { connection, variant: variant() })).toBeNull();
  });

  it('text markers: #sandbox-reject fails permanently, #sandbox-flaky transiently on the first attempt', async () => {
    const sandbox = new SandboxConnector(postgresSandboxReceiptStore(db.pool));
    await expect(sandbox.publish(variant('no #sandbox-reject'), { connection, idempotencyKey: 'r' })).rejects.toBeInstanceOf(
      PermanentError,
    );
    const flaky = variant('meh #sandbox-flaky');
    await expect(sandbox.publish(flaky, { connection, idempotencyKey: 'f' })).rejects.toBeInstanceOf(TransientError);
    await expect(sandbox.publish({ ...flaky, attempt: 2 }, { connection, idempotencyKey: 'f' })).resolves.toMatchObject({
      remoteId: expect.stringMatching(/^sandbox-/),
    });
  });

  it('deletes and verifies', async () => {
    const sandbox = new SandboxConnector(postgresSandboxReceiptStore(db.pool));
    const r = await sandbox.publish(variant(), { connection, idempotencyKey: 'del' });
    await sandbox.delete(r.remoteId);
    const { rows } = await db.pool.query(`SELECT deleted_at IS NOT NULL AS deleted FROM sandbox_receipts WHERE idempotency_key = 'del'`);
    expect(rows[0].deleted).toBe(true);
    await expect(sandbox.delete('sandbox-999999999')).rejects.toBeInstanceOf(PermanentError);
    expect(await sandbox.verify({ connection })).toEqual({ ok: true });
    expect((await sandbox.verify({ connection: { ...connection, config: { revoked: true } } })).ok).toBe(false);
  });
});
