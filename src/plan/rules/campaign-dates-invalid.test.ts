import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignDatesInvalid as rule } from './campaign-dates-invalid.ts';

describe('campaign-dates-invalid', () => {
  it('passes a clean campaign, and a one-day campaign', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
    expect(checkCampaign(rule, cleanCampaign({ start: '2027-07-01', end: '2027-07-01' }))).toEqual([]);
  });
  it('reports an end before the start', () => {
    const issues = checkCampaign(rule, cleanCampaign({ start: '2027-08-01', end: '2027-07-31' }));
    expect(issues.map((i) => i.path)).toEqual(['/end']);
    expect(issues[0]?.message).toContain('"summer-launch"');
    expect(issues[0]?.message).toContain('2027-07-31');
  });
});
