import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignNoPhases as rule } from './campaign-no-phases.ts';

describe('campaign-no-phases', () => {
  it('passes a clean campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports a campaign without phases', () => {
    const issues = checkCampaign(rule, cleanCampaign({ phases: [] }));
    expect(issues.map((i) => i.path)).toEqual(['/phases']);
    expect(issues[0]?.message).toContain('"summer-launch"');
  });
});
