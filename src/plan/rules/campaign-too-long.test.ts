import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignTooLong as rule } from './campaign-too-long.ts';

describe('campaign-too-long', () => {
  it('passes a clean campaign, and one ending exactly 3 calendar months after its start', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
    expect(checkCampaign(rule, cleanCampaign({ start: '2027-07-01', end: '2027-10-01' }))).toEqual([]);
    expect(checkCampaign(rule, cleanCampaign({ start: '2027-08-31', end: '2027-11-30' }))).toEqual([]);
  });
  it('reports one day more than 3 months', () => {
    const issues = checkCampaign(rule, cleanCampaign({ start: '2027-07-01', end: '2027-10-02' }));
    expect(issues.map((i) => i.path)).toEqual(['/end']);
    expect(issues[0]?.message).toContain('"summer-launch"');
    expect(issues[0]?.message).toContain('2027-10-01');
  });
  it('reports a 5-month campaign', () => {
    const issues = checkCampaign(rule, cleanCampaign({ start: '2027-07-01', end: '2027-12-15' }));
    expect(issues[0]?.message).toContain('5 full months');
    expect(checkCampaign(rule, cleanCampaign({ start: '2027-04-01', end: '2028-01-31' }))[0]?.message).toContain('10 full months');
  });
  it('leaves inverted dates to campaign-dates-invalid', () => {
    expect(checkCampaign(rule, cleanCampaign({ start: '2027-12-01', end: '2027-07-01' }))).toEqual([]);
  });
});
