import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignRequiresStrategy as rule } from './campaign-requires-strategy.ts';

describe('campaign-requires-strategy', () => {
  it('passes a clean campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports a campaign naming no strategy', () => {
    const c = cleanCampaign();
    delete c.strategy;
    const issues = checkCampaign(rule, c);
    expect(issues.map((i) => i.path)).toEqual(['/strategy']);
    expect(issues[0]?.message).toContain('"summer-launch"');
    expect(issues[0]?.message).toContain('names no strategy');
  });
  it('reports a campaign naming an unknown strategy, listing the known ones', () => {
    const issues = checkCampaign(rule, cleanCampaign({ strategy: 'acme-2026' }));
    expect(issues.map((i) => i.path)).toEqual(['/strategy']);
    expect(issues[0]?.message).toContain('"acme-2026"');
    expect(issues[0]?.message).toContain('"acme-2027"');
  });
  it('reports every campaign when no strategy is loaded', () => {
    expect(checkCampaign(rule, cleanCampaign(), []).map((i) => i.path)).toEqual(['/strategy']);
  });
});
