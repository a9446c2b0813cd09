import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignNoAudience as rule } from './campaign-no-audience.ts';

describe('campaign-no-audience', () => {
  it('passes a clean campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports a campaign targeting no persona', () => {
    const issues = checkCampaign(rule, cleanCampaign({ audience: [] }));
    expect(issues.map((i) => i.path)).toEqual(['/audience']);
    expect(issues[0]?.message).toContain('"summer-launch"');
  });
});
