import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignNegativeRoi as rule } from './campaign-negative-roi.ts';

describe('campaign-negative-roi', () => {
  it('passes a clean campaign, and break-even', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
    expect(checkCampaign(rule, cleanCampaign({ expectedRevenue: 3000 }))).toEqual([]);
  });
  it('reports expected revenue below the budget with the projected ROI', () => {
    const issues = checkCampaign(rule, cleanCampaign({ expectedRevenue: 1800 }));
    expect(issues.map((i) => i.path)).toEqual(['/expectedRevenue']);
    expect(issues[0]?.message).toContain('"summer-launch"');
    expect(issues[0]?.message).toContain('-40%');
    expect(issues[0]?.message).toContain('1800 EUR');
    expect(issues[0]?.message).toContain('3000 EUR');
  });
  it('skips when revenue or budget is missing, or the budget is zero', () => {
    const noRevenue = cleanCampaign();
    delete noRevenue.expectedRevenue;
    expect(checkCampaign(rule, noRevenue)).toEqual([]);
    const noBudget = cleanCampaign({ expectedRevenue: 10 });
    delete noBudget.budget;
    expect(checkCampaign(rule, noBudget)).toEqual([]);
    expect(checkCampaign(rule, cleanCampaign({ expectedRevenue: 0, budget: { amount: 0, currency: 'EUR' } }))).toEqual([]);
  });
});
