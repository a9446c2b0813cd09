/**
 * Secrets stored sealed in a column of their own, besides connection credentials: each value is
 * sealed with the context `<table>.<column>:<row id>` (bound to its row). Listed here, in one place
 * the features and `groundwork rotate-key` both read, so a key rotation re-seals every one of them.
 */
import { open, seal, type Keyring } from './envelope.ts';
import { currentKeyring } from './keyring.ts';

export interface SealedColumn {
  table: string;
  column: string;
}

/** A report schedule's webhook signing secret (src/measure/reports/). */
export const REPORT_WEBHOOK_SECRET: SealedColumn = { table: 'report_schedules', column: 'webhook_secret_enc' };

/** A workspace's listening spike alert webhook signing secret (src/listening/alerts/). */
export const LISTENING_ALERT_WEBHOOK_SECRET: SealedColumn = { table: 'listening_alert_settings', column: 'webhook_secret_enc' };

/** Every sealed column `groundwork rotate-key` re-seals (connection credentials have their own code). */
export const SEALED_COLUMNS: readonly SealedColumn[] = [REPORT_WEBHOOK_SECRET, LISTENING_ALERT_WEBHOOK_SECRET];

/** What re-sealing needs of a transaction (a pg client is one); secrets/ imports nothing of db/, which imports it. */
interface Transaction {
  query(text: string, values?: unknown[]): Promise<{ rows: { id: string; value: string }[] }>;
}

const context = (c: SealedColumn, id: string): string => `${c.table}.${c.column}:${id}`;

export const sealValue = (c: SealedColumn, id: string, value: string, keyring: Keyring = currentKeyring()): string =>
  seal(keyring, value, context(c, id));

export const openValue = (c: SealedColumn, id: string, envelope: string, keyring: Keyring = currentKeyring()): string =>
  open(keyring, envelope, context(c, id));

/** Re-seals every value of the column under `to` (`from` must open them), inside the caller's transaction; the table must be locked. */
export async function reencryptColumn(tx: Transaction, c: SealedColumn, from: Keyring, to: Keyring): Promise<number> {
  // Table and column names come from the list above, never from input.
  const { rows } = await tx.query(`SELECT id, ${c.column} AS value FROM ${c.table} WHERE ${c.column} IS NOT NULL`);
  for (const r of rows) {
    await tx.query(`UPDATE ${c.table} SET ${c.column} = $2 WHERE id = $1`, [
      r.id,
      sealValue(c, r.id, openValue(c, r.id, r.value, from), to),
    ]);
  }
  return rows.length;
}
