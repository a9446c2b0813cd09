import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignNoBudget as rule } from './campaign-no-budget.ts';

describe('campaign-no-budget', () => {
  it('passes a clean campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports a campaign without a budget, saying ROI cannot be computed', () => {
    const c = cleanCampaign();
    delete c.budget;
    const issues = checkCampaign(rule, c);
    expect(issues.map((i) => i.path)).toEqual(['/budget']);
    expect(issues[0]?.message).toContain('"summer-launch"');
    expect(issues[0]?.message).toContain('ROI cannot be computed');
  });
});
