import type { PgBoss } from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { ConnectorRegistry } from '../connectors/registry.ts';
import { postgresSandboxReceiptStore } from '../connections/sandbox-receipt-store.ts';
import { SandboxConnector } from '../connectors/sandbox/sandbox.ts';
import { startBoss } from './jobs.ts';
import { scheduleVerification, verifyAllConnections, VERIFY_QUEUE } from './scheduler-verify.ts';
import { connectChannel, seedScheduled, seedWorkspace } from '../../test/worker-fixtures.ts';

let db: TestDatabase;
let boss: PgBoss;
beforeAll(async () => {
  db = await createTestDatabase();
  boss = await startBoss(db.url, { supervise: true });
});
afterAll(async () => {
  await boss.stop({ graceful: false, close: true });
  await db.drop();
});

describe('daily token check', () => {
  it('marks a refused account reconnect_needed and tells the authors of posts that would fail, once', async () => {
    const f = await seedWorkspace(db.pool);
    const ok = await connectChannel(db.pool, f, 'fine');
    const revoked = await connectChannel(db.pool, f, 'revoked', 'sandbox', { revoked: true });
    await seedScheduled(db.pool, f, { count: 2, dueAt: () => Date.now() + 3 * 24 * 3600_000, channels: ['revoked'] });
    const registry = new ConnectorRegistry([new SandboxConnector(postgresSandboxReceiptStore(db.pool))]);

    const first = await verifyAllConnections(db.pool, registry);
    expect(first).toEqual({ checked: 2, reconnectNeeded: 1, notified: 1, errors: 0 });
    const { rows } = await db.pool.query(
      'SELECT id, status, status_message, verified_at IS NOT NULL AS verified FROM channel_connections ORDER BY channel_id',
    );
    expect(rows).toEqual([
      { id: ok, status: 'connected', status_message: null, verified: true },
      { id: revoked, status: 'reconnect_needed', status_message: expect.stringMatching(/revoked/), verified: false },
    ]);
    const notes = await db.pool.query('SELECT user_id, kind, entity_id, message FROM notifications');
    expect(notes.rows).toEqual([
      {
        user_id: f.userId,
        kind: 'reconnect_needed',
        entity_id: revoked,
        message: expect.stringMatching(
          /^Reconnect the sandbox account of channel revoked: .*2 scheduled post\(s\) in the next 14 days would fail\.$/,
        ),
      },
    ]);
    const audit = await db.pool.query(`SELECT actor, action FROM audit_log WHERE entity_id = $1`, [revoked]);
    expect(audit.rows).toEqual([{ actor: 'system', action: 'connection.verify' }]);

    // The next day: still refused, already known — no second notification.
    expect(await verifyAllConnections(db.pool, registry)).toMatchObject({ reconnectNeeded: 1, notified: 0 });
  });

  it('is registered as a daily pg-boss cron job', async () => {
    const quiet = { info: () => {}, warn: () => {}, error: () => {} };
    await scheduleVerification(boss, db.pool, new ConnectorRegistry([]), { cron: '0 5 * * *', log: quiet });
    expect((await boss.getSchedules(VERIFY_QUEUE)).map((s) => s.cron)).toEqual(['0 5 * * *']);
  });
});
