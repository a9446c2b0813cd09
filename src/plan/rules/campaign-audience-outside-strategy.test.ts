import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignAudienceOutsideStrategy as rule } from './campaign-audience-outside-strategy.ts';

describe('campaign-audience-outside-strategy', () => {
  it('passes a clean campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports each persona the strategy does not define', () => {
    const issues = checkCampaign(rule, cleanCampaign({ audience: ['home-baker', 'students', 'cafe-owner', 'tourists'] }));
    expect(issues.map((i) => i.path)).toEqual(['/audience/1', '/audience/3']);
    expect(issues[0]?.message).toContain('"students"');
    expect(issues[0]?.message).toContain('"acme-2027"');
    expect(issues[1]?.message).toContain('"tourists"');
  });
  it('skips a campaign whose strategy is unknown', () => {
    expect(checkCampaign(rule, cleanCampaign({ strategy: 'nope', audience: ['students'] }))).toEqual([]);
  });
});
