/**
 * Campaign costs and campaign ROI: request and response shapes (the web app imports them). Pure (zod).
 */
import { z } from 'zod';
import { isoDateSchema, moneySchema } from '../../plan/schema.ts';

// ——— money, as measurement stores it (conversions too): `numeric(14, 2)` columns with an ISO 4217
// currency. An amount with more than two decimals would be rounded by Postgres, and a retried
// conversion would then no longer equal what was stored: refused instead.

/** Exclusive: `numeric(14, 2)` holds 12 digits before the point. */
const AMOUNT_LIMIT = 1e12;

/** What is wrong with an amount, or null: at least 0, at most two decimals, below 10^12. */
export function amountProblem(n: number): string | null {
  if (!Number.isFinite(n)) return 'must be a number';
  if (n < 0) return 'must be 0 or more';
  if (n >= AMOUNT_LIMIT) return 'must be below 1,000,000,000,000';
  if (Number(n.toFixed(2)) !== n) return 'must have at most two decimals';
  return null;
}

export const amountSchema = z.number().superRefine((n, ctx) => {
  const problem = amountProblem(n);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
});

/** ISO 4217, upper case: the plan's budget currency has the same form. */
export const currencySchema = moneySchema.shape.currency;

// Ids in URLs are checked by lookup, not by shape: an unknown or foreign id answers the same 404.
const ref = z.string().min(1).max(200);
export const campaignParams = z.object({ workspaceId: ref, campaignId: ref });
export const costParams = campaignParams.extend({ costId: ref });

export const COST_CATEGORIES = ['ads', 'production', 'influencers', 'tools', 'other'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

const note = z.string().trim().max(500);

export const createCostBody = z.strictObject({
  amount: amountSchema.meta({ description: 'What was spent; at most two decimals.' }),
  currency: currencySchema.meta({
    description:
      "ISO 4217; the campaign's budget currency (else its strategy's) when it has one, and the same for all of a campaign's costs.",
  }),
  category: z.enum(COST_CATEGORIES),
  spentOn: isoDateSchema.meta({ description: 'The day the money was spent (YYYY-MM-DD).' }),
  note: note.optional(),
});
export type CreateCostBody = z.output<typeof createCostBody>;

export const updateCostBody = z.strictObject({
  amount: amountSchema.optional(),
  currency: currencySchema.optional(),
  category: z.enum(COST_CATEGORIES).optional(),
  spentOn: isoDateSchema.optional(),
  note: note.nullable().optional().meta({ description: 'null or "" removes the note.' }),
});
export type UpdateCostBody = z.output<typeof updateCostBody>;

export const costSchema = z.object({
  id: z.uuid(),
  campaign: z.string(),
  amount: z.number(),
  currency: z.string(),
  category: z.enum(COST_CATEGORIES),
  spentOn: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type CostView = z.infer<typeof costSchema>;

export const costResponse = z.object({ cost: costSchema });

export const costListResponse = z.object({
  /** Newest spending first. */
  costs: z.array(costSchema),
  /** Sums of the entries in `currency` (the campaign's budget currency, else its costs'); null currency: no entries and no budget. */
  totals: z.object({
    currency: z.string().nullable(),
    total: z.number(),
    byCategory: z.record(z.enum(COST_CATEGORIES), z.number()),
  }),
});

export const COST_BASES = ['actual', 'planned', 'none'] as const;

/** A campaign's real ROI beside its projected one (src/measure/roi.ts). */
export const campaignRoiSchema = z.object({
  /** Revenue of the conversions attributed to the campaign, in `currency`. */
  revenue: z.number(),
  /** How many conversions are attributed to it (in any currency). */
  conversions: z.number().int(),
  /** The sum of its cost entries (`actual`), else its budget (`planned`); null with neither (`none`). */
  cost: z.number().nullable(),
  costBasis: z.enum(COST_BASES),
  /** (revenue − cost) / cost; null without a cost above 0. */
  roi: z.number().nullable(),
  /** (expected revenue − budget) / budget, from the plan. */
  projectedRoi: z.number().nullable(),
  currency: z.string().nullable(),
  /** Currencies of costs or conversions left out of the sums because they are not in `currency` (normally none). */
  otherCurrencies: z.array(z.string()),
});
export type CampaignRoi = z.infer<typeof campaignRoiSchema>;

export const campaignRoiResponse = campaignRoiSchema.extend({ campaign: z.string() });
