import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignOutsideStrategyPeriod as rule } from './campaign-outside-strategy-period.ts';

describe('campaign-outside-strategy-period', () => {
  it('passes a clean campaign, and one ending on the last day of the strategy', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
    expect(checkCampaign(rule, cleanCampaign({ start: '2027-10-01', end: '2027-12-31' }))).toEqual([]);
  });
  it('reports an end after the strategy period', () => {
    const issues = checkCampaign(rule, cleanCampaign({ start: '2027-11-15', end: '2028-01-15' }));
    expect(issues.map((i) => i.path)).toEqual(['/end']);
    expect(issues[0]?.message).toContain('"summer-launch"');
    expect(issues[0]?.message).toContain('2028-01-15');
    expect(issues[0]?.message).toContain('"acme-2027"');
  });
  it('reports a start before the period, and both dates when entirely outside', () => {
    expect(checkCampaign(rule, cleanCampaign({ start: '2026-12-01', end: '2027-01-31' })).map((i) => i.path)).toEqual(['/start']);
    expect(checkCampaign(rule, cleanCampaign({ start: '2028-02-01', end: '2028-03-31' })).map((i) => i.path)).toEqual(['/start', '/end']);
  });
  it('skips a campaign whose strategy is unknown', () => {
    expect(checkCampaign(rule, cleanCampaign({ strategy: 'nope', start: '2020-01-01', end: '2020-02-01' }))).toEqual([]);
  });
});
