/**
 * The build's connectors for this process, wired to the app's database where they need storage: the
 * sandbox network records its receipts in `sandbox_receipts`. Connectors themselves touch no
 * database (src/connectors/registry.ts takes the store); this is where the two meet.
 */
import { createBuiltInRegistry, type BuiltInConnectorOptions, type ConnectorRegistry } from '../connectors/registry.ts';
import type { Queryable } from '../db/pool.ts';
import { postgresSandboxReceiptStore } from './sandbox-receipt-store.ts';

export interface DefaultConnectorOptions extends Omit<BuiltInConnectorOptions, 'sandboxReceipts'> {
  /** Where the sandbox records what it "received". */
  db: Queryable;
}

export function createDefaultRegistry({ db, ...options }: DefaultConnectorOptions): ConnectorRegistry {
  return createBuiltInRegistry({ ...options, sandboxReceipts: postgresSandboxReceiptStore(db) });
}
