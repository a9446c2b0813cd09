/** A campaign's cost entries, newest spending first, with their totals by category in the campaign's currency. */
import type { Queryable } from '../../db/pool.ts';
import { campaignCurrency, listCostRows } from './cost-store.ts';
import { COST_CATEGORIES, type CostCategory, type CostView } from './schema.ts';

/** Cents, so a sum of amounts with two decimals shows none of a double's noise. */
const cents = (n: number) => Math.round(n * 100) / 100;

export async function listCosts(
  q: Queryable,
  workspaceId: string,
  campaignId: string,
): Promise<{ costs: CostView[]; totals: { currency: string | null; total: number; byCategory: Record<CostCategory, number> } }> {
  const expected = await campaignCurrency(q, workspaceId, campaignId);
  const costs = await listCostRows(q, workspaceId, campaignId);
  const currency = expected?.code ?? costs[0]?.currency ?? null;
  const byCategory = Object.fromEntries(COST_CATEGORIES.map((c) => [c, 0])) as Record<CostCategory, number>;
  for (const cost of costs) if (cost.currency === currency) byCategory[cost.category] = cents(byCategory[cost.category] + cost.amount);
  return { costs, totals: { currency, total: cents(Object.values(byCategory).reduce((a, b) => a + b, 0)), byCategory } };
}
