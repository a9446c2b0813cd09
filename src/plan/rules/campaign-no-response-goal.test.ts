import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignNoResponseGoal as rule } from './campaign-no-response-goal.ts';

describe('campaign-no-response-goal', () => {
  it('passes a clean campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports a campaign with no response at all', () => {
    const c = cleanCampaign();
    delete c.response;
    const issues = checkCampaign(rule, c);
    expect(issues.map((i) => i.path)).toEqual(['/response']);
    expect(issues[0]?.message).toContain('"summer-launch"');
  });
  it('reports a missing metric and a missing target separately', () => {
    const issues = checkCampaign(rule, cleanCampaign({ response: { unit: 'loaves' } }));
    expect(issues.map((i) => i.path)).toEqual(['/response/metric', '/response/target']);
  });
  it('reports a target that is not positive', () => {
    const issues = checkCampaign(rule, cleanCampaign({ response: { metric: 'sales', target: 0 } }));
    expect(issues.map((i) => i.path)).toEqual(['/response/target']);
    expect(issues[0]?.message).toContain('target 0');
  });
});
