import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignTooShort as rule } from './campaign-too-short.ts';

describe('campaign-too-short', () => {
  it('passes a clean campaign, and one of exactly 14 days (end inclusive)', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
    expect(checkCampaign(rule, cleanCampaign({ start: '2027-07-01', end: '2027-07-14' }))).toEqual([]);
  });
  it('reports 13 days, with the earliest acceptable end', () => {
    const issues = checkCampaign(rule, cleanCampaign({ start: '2027-07-01', end: '2027-07-13' }));
    expect(issues.map((i) => i.path)).toEqual(['/end']);
    expect(issues[0]?.message).toContain('"summer-launch"');
    expect(issues[0]?.message).toContain('13 days');
    expect(issues[0]?.message).toContain('2027-07-14');
  });
  it('reports a one-day campaign', () => {
    expect(checkCampaign(rule, cleanCampaign({ start: '2027-07-01', end: '2027-07-01' }))[0]?.message).toContain('1 day ');
  });
  it('leaves inverted dates to campaign-dates-invalid', () => {
    expect(checkCampaign(rule, cleanCampaign({ start: '2027-07-10', end: '2027-07-01' }))).toEqual([]);
  });
});
