import type { CampaignRule } from './types.ts';
import { fmt, pct } from './util.ts';

/**
 * expectedRevenue is a plain number, read in the campaign budget's currency, so there is no
 * currency to mismatch. A zero budget has no ROI (division by zero) and is skipped.
 */
export const campaignNegativeRoi: CampaignRule = {
  id: 'campaign-negative-roi',
  severity: 'warning',
  target: 'campaign',
  description: 'Projected ROI, (expectedRevenue − budget) / budget, should not be negative.',
  check(campaign) {
    const { budget, expectedRevenue } = campaign;
    if (!budget || expectedRevenue === undefined || budget.amount <= 0) return [];
    if (expectedRevenue >= budget.amount) return [];
    const roi = (expectedRevenue - budget.amount) / budget.amount;
    return [
      {
        path: '/expectedRevenue',
        message: `Campaign "${campaign.id}" projects a ROI of ${pct(roi)}: expected revenue ${fmt(expectedRevenue)} ${budget.currency} is below its budget of ${fmt(budget.amount)} ${budget.currency}. Cut costs, raise the response target, or justify the loss.`,
      },
    ];
  },
};
