/**
 * The sandbox network's receipts in the app's database (`sandbox_receipts`): the store the sandbox
 * connector records into (src/connectors/sandbox/sandbox.ts defines what it needs; connectors touch
 * no database, so the process builds this store and hands it over). `idempotency_key` is UNIQUE: a
 * repeat send with the same key counts a repeat on the first receipt instead of adding a second one.
 * Reading a receipt back for the web app is sandbox-receipts.ts.
 */
import type { SandboxPayload, SandboxReceiptStore, StoredSandboxReceipt } from '../connectors/sandbox/sandbox.ts';
import type { Queryable } from '../db/pool.ts';

interface ReceiptRow {
  id: number;
  received_at: Date;
}

const stored = (r: ReceiptRow): StoredSandboxReceipt => ({ id: r.id, receivedAt: r.received_at });

export function postgresSandboxReceiptStore(db: Queryable): SandboxReceiptStore {
  return {
    async record(connectionId: string, idempotencyKey: string, payload: SandboxPayload): Promise<StoredSandboxReceipt> {
      const { rows } = await db.query<ReceiptRow>({
        name: 'gw_sandbox_publish',
        // Committed without waiting for the WAL flush (synchronous_commit off for this statement's own
        // transaction): a network's receipt needs no fsync of its own. The worker's durable record of
        // the publish comes later in the WAL and flushes it too; lost in a server crash, it is lost
        // together with that record, and the variant's reconciliation finds no receipt and sends
        // again — as if the request had never arrived. Under a burst the flushes were the wait.
        text: `WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
               INSERT INTO sandbox_receipts (connection_id, idempotency_key, payload)
               SELECT $1::uuid, $2::text, $3::jsonb FROM async
               ON CONFLICT (idempotency_key) DO UPDATE SET repeats = sandbox_receipts.repeats + 1
               RETURNING id, received_at`,
        values: [connectionId, idempotencyKey, JSON.stringify(payload)],
      });
      return stored(rows[0]!);
    },

    async findByKey(idempotencyKey: string): Promise<StoredSandboxReceipt | null> {
      const { rows } = await db.query<ReceiptRow>({
        name: 'gw_sandbox_lookup',
        text: 'SELECT id, received_at FROM sandbox_receipts WHERE idempotency_key = $1',
        values: [idempotencyKey],
      });
      return rows[0] ? stored(rows[0]) : null;
    },

    async findLive(ids: readonly number[]): Promise<Map<number, StoredSandboxReceipt>> {
      if (ids.length === 0) return new Map();
      const { rows } = await db.query<ReceiptRow>(
        'SELECT id, received_at FROM sandbox_receipts WHERE id = ANY($1::bigint[]) AND deleted_at IS NULL',
        [ids],
      );
      return new Map(rows.map((r) => [Number(r.id), stored(r)]));
    },

    async markDeleted(id: string): Promise<boolean> {
      const { rowCount } = await db.query('UPDATE sandbox_receipts SET deleted_at = coalesce(deleted_at, now()) WHERE id = $1', [id]);
      return Boolean(rowCount);
    },
  };
}
