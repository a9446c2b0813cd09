import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignChannelOutsideStrategy as rule } from './campaign-channel-outside-strategy.ts';

describe('campaign-channel-outside-strategy', () => {
  it('passes a clean campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports each channel the strategy does not define, at its index', () => {
    const issues = checkCampaign(rule, cleanCampaign({ channels: ['instagram', 'newsletter', 'tiktok'] }));
    expect(issues.map((i) => i.path)).toEqual(['/channels/2']);
    expect(issues[0]?.message).toContain('"tiktok"');
    expect(issues[0]?.message).toContain('"acme-2027"');
    expect(issues[0]?.message).toContain('"instagram", "linkedin", "newsletter"');
  });
  it('skips a campaign whose strategy is unknown', () => {
    expect(checkCampaign(rule, cleanCampaign({ strategy: 'nope', channels: ['tiktok'] }))).toEqual([]);
  });
});
