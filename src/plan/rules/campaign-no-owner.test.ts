import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignNoOwner as rule } from './campaign-no-owner.ts';

describe('campaign-no-owner', () => {
  it('passes a clean campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports a campaign without an owner', () => {
    const c = cleanCampaign();
    delete c.owner;
    const issues = checkCampaign(rule, c);
    expect(issues.map((i) => i.path)).toEqual(['/owner']);
    expect(issues[0]?.message).toContain('"summer-launch"');
  });
});
