/**
 * A report schedule's webhook signing secret: made by Groundwork, shown once to whoever creates the
 * schedule, stored sealed (AES-256-GCM, bound to the schedule's id) like connection credentials —
 * a sealed column of src/secrets/sealed-columns.ts, which `groundwork rotate-key` re-seals.
 */
import { randomBytes } from 'node:crypto';
import { openValue, REPORT_WEBHOOK_SECRET, sealValue } from '../../secrets/sealed-columns.ts';

/** 32 random bytes, base64url, with a prefix that says what it is. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

export const sealWebhookSecret = (scheduleId: string, secret: string): string => sealValue(REPORT_WEBHOOK_SECRET, scheduleId, secret);

export const openWebhookSecret = (scheduleId: string, envelope: string): string => openValue(REPORT_WEBHOOK_SECRET, scheduleId, envelope);
