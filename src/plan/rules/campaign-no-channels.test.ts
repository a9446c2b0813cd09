import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignNoChannels as rule } from './campaign-no-channels.ts';

describe('campaign-no-channels', () => {
  it('passes a clean campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports a campaign on no channel', () => {
    const issues = checkCampaign(rule, cleanCampaign({ channels: [] }));
    expect(issues.map((i) => i.path)).toEqual(['/channels']);
    expect(issues[0]?.message).toContain('"summer-launch"');
  });
});
