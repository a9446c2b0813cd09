/**
 * Money as measurement stores it: amounts in `numeric(14, 2)` columns (conversions, campaign costs)
 * with an ISO 4217 currency. Pure. An amount with more than two decimals would be rounded by
 * Postgres, and a retried conversion would then no longer equal what was stored: refused instead.
 */
import { z } from 'zod';
import { moneySchema } from '../plan/schema.ts';

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
