import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignNoSupport as rule } from './campaign-no-support.ts';

describe('campaign-no-support', () => {
  it('passes a clean campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports an empty support plan', () => {
    const issues = checkCampaign(rule, cleanCampaign({ support: [] }));
    expect(issues.map((i) => i.path)).toEqual(['/support']);
    expect(issues[0]?.message).toContain('"summer-launch"');
  });
});
