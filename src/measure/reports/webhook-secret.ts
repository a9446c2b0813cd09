/**
 * A report schedule's webhook signing secret: made by Groundwork, shown once to whoever creates the
 * schedule, stored sealed (AES-256-GCM, bound to the schedule's id) like connection credentials,
 * and re-sealed by `groundwork rotate-key` with them.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/pool.ts';
import { open, seal, type Keyring } from '../../secrets/envelope.ts';
import { currentKeyring } from '../../secrets/keyring.ts';

const context = (scheduleId: string): string => `report_schedules.webhook_secret:${scheduleId}`;

/** 32 random bytes, base64url, with a prefix that says what it is. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

export const sealWebhookSecret = (scheduleId: string, secret: string, keyring: Keyring = currentKeyring()): string =>
  seal(keyring, secret, context(scheduleId));

export const openWebhookSecret = (scheduleId: string, envelope: string, keyring: Keyring = currentKeyring()): string =>
  open(keyring, envelope, context(scheduleId));

/** Re-seals every schedule's secret under `to` (`from` must open them), inside the caller's transaction. */
export async function reencryptWebhookSecrets(tx: Queryable, from: Keyring, to: Keyring): Promise<number> {
  const { rows } = await tx.query<{ id: string; webhook_secret_enc: string }>(
    'SELECT id, webhook_secret_enc FROM report_schedules WHERE webhook_secret_enc IS NOT NULL FOR UPDATE',
  );
  for (const r of rows) {
    await tx.query('UPDATE report_schedules SET webhook_secret_enc = $2 WHERE id = $1', [
      r.id,
      sealWebhookSecret(r.id, openWebhookSecret(r.id, r.webhook_secret_enc, from), to),
    ]);
  }
  return rows.length;
}
