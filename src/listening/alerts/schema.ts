/** Spike alerts' shapes: the settings, their update, and the alerts raised. Pure (zod). */
import { z } from 'zod';

const ref = z.string().min(1).max(200);
export const alertsParams = z.object({ workspaceId: ref });

export const listAlertsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Alerts of hours before this instant (the previous page's `nextBefore`). */
  before: z.iso
    .datetime({ offset: true })
    // Postgres has no year 0 (it goes from 1 BC to AD 1).
    .refine((v) => !v.startsWith('0000-'), { message: 'must be in year 0001 or later' })
    .optional(),
});
export type ListAlertsQuery = z.output<typeof listAlertsQuery>;

export const WEBHOOK_STATUSES = ['none', 'pending', 'delivered', 'failed'] as const;

export const alertSchema = z.object({
  id: z.uuid(),
  query: z.object({ id: z.uuid(), name: z.string(), archived: z.boolean() }),
  /** The start of the UTC hour that spiked. */
  hour: z.string(),
  mentions: z.number().int(),
  /** The same hour's mean and σ over the previous 7 days, and mean + k·σ, which the hour was above. */
  mean: z.number(),
  stddev: z.number(),
  threshold: z.number(),
  k: z.number(),
  webhook: z.object({ status: z.enum(WEBHOOK_STATUSES), error: z.string().nullable() }),
  createdAt: z.string(),
});
export type AlertView = z.infer<typeof alertSchema>;

export const listAlertsResponse = z.object({
  alerts: z.array(alertSchema),
  /** `before` for the next page; null on the last. */
  nextBefore: z.string().nullable(),
});

export const alertSettingsSchema = z.object({
  k: z.number(),
  minCount: z.number().int(),
  /** The webhook's host only: the full URL may carry a token. Null without a webhook. */
  webhookHost: z.string().nullable(),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const updateAlertSettingsBody = z.strictObject({
  k: z
    .number()
    .min(0.5)
    .max(10)
    .optional()
    .meta({ description: 'Baseline = mean + k·σ of the same hour over the previous 7 days (default 3).' }),
  minCount: z
    .number()
    .int()
    .min(1)
    .max(1_000_000)
    .optional()
    .meta({ description: 'An hour with fewer mentions never alerts (default 10).' }),
  webhookUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(2048)
    .nullable()
    .optional()
    .meta({
      description:
        'Each alert is also POSTed here (signed JSON), through the outbound guard; null removes it. A new URL gets a new secret.',
    }),
});
export type UpdateAlertSettingsBody = z.infer<typeof updateAlertSettingsBody>;

export const updateAlertSettingsResponse = z.object({
  settings: alertSettingsSchema,
  /** The secret the webhook's deliveries are signed with (`X-Groundwork-Signature`). Shown once, when a URL is set; else null. */
  webhookSecret: z.string().nullable(),
});
