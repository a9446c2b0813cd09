/**
 * Campaign ROI = (revenue − cost) / cost; projected: (expected revenue − budget) / budget.
 *
 * `expectedRevenue` is a plain number read in the budget's currency (see the campaign-negative-roi
 * rule), so no currency conversion happens here.
 */
import type { Campaign } from './schema.ts';

/**
 * The projected ROI as a ratio: 1.5 means +150 %, −0.25 means −25 %. `null` when it cannot be
 * computed: no budget, a zero budget, or no expected revenue.
 */
export function projectedRoi(campaign: Pick<Campaign, 'budget' | 'expectedRevenue'>): number | null {
  const cost = campaign.budget?.amount;
  const revenue = campaign.expectedRevenue;
  if (cost === undefined || revenue === undefined) return null;
  return roi(revenue, cost);
}

/**
 * ROI = (revenue − cost) / cost, the one formula for projected ROI (expected revenue, budget) and
 * measured ROI (attributed revenue, spend; src/measure/formulas.ts). Null when the cost is not
 * above 0 or a figure is not finite.
 */
export function roi(revenue: number, cost: number): number | null {
  if (!Number.isFinite(cost) || !Number.isFinite(revenue) || cost <= 0) return null;
  return (revenue - cost) / cost;
}

/** A ratio from {@link projectedRoi} as a percentage for people: 1.5 → "+150%", −0.2 → "−20%", null → "n/a". */
export function formatRoi(roi: number | null): string {
  if (roi === null || !Number.isFinite(roi)) return 'n/a';
  const pctValue = Number((roi * 100).toFixed(1));
  if (pctValue === 0) return '0%';
  return `${pctValue > 0 ? '+' : '−'}${Math.abs(pctValue)}%`;
}
