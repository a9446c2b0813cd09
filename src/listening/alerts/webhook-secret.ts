/**
 * The spike alert webhook's signing secret: made by Groundwork (the reports' kind of secret), shown
 * once, stored sealed bound to the settings row's id — a sealed column of src/secrets/sealed-columns.ts,
 * which `groundwork rotate-key` re-seals.
 */
import { LISTENING_ALERT_WEBHOOK_SECRET, openValue, sealValue } from '../../secrets/sealed-columns.ts';

export const sealAlertSecret = (settingsId: string, secret: string): string =>
  sealValue(LISTENING_ALERT_WEBHOOK_SECRET, settingsId, secret);

export const openAlertSecret = (settingsId: string, envelope: string): string =>
  openValue(LISTENING_ALERT_WEBHOOK_SECRET, settingsId, envelope);
