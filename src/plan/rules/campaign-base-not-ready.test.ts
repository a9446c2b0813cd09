import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { campaignBaseNotReady as rule } from './campaign-base-not-ready.ts';

describe('campaign-base-not-ready', () => {
  it('passes a clean campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('passes a channel exactly at the minimum', () => {
    const s = cleanStrategy();
    s.channels[0]!.baseline = { followers: 100 };
    expect(checkCampaign(rule, cleanCampaign(), [s])).toEqual([]);
  });
  it('reports channels below settings.minBaseFollowers, and missing baselines as 0', () => {
    const s = cleanStrategy();
    s.channels[0]!.baseline = { followers: 40 };
    delete s.channels[2]!.baseline;
    const issues = checkCampaign(rule, cleanCampaign({ channels: ['linkedin', 'instagram', 'newsletter'] }), [s]);
    expect(issues.map((i) => i.path)).toEqual(['/channels/1', '/channels/2']);
    expect(issues[0]?.message).toContain('"instagram" has 40 followers');
    expect(issues[0]?.message).toContain('100');
    expect(issues[1]?.message).toContain('"newsletter" has no recorded follower baseline');
  });
  it('honours settings.minBaseFollowers', () => {
    const s = cleanStrategy({ settings: { minBaseFollowers: 1000 } });
    expect(checkCampaign(rule, cleanCampaign(), [s]).map((i) => i.path)).toEqual(['/channels/0']);
  });
  it('ignores channels outside the strategy and unknown strategies', () => {
    expect(checkCampaign(rule, cleanCampaign({ channels: ['tiktok'] }))).toEqual([]);
    expect(checkCampaign(rule, cleanCampaign({ strategy: 'nope' }))).toEqual([]);
  });
});
