import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign, cleanStrategy } from '../../../test/plan-fixtures.ts';
import { campaignTooEarly as rule } from './campaign-too-early.ts';

describe('campaign-too-early', () => {
  it('passes a clean campaign (starting exactly 6 months in)', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports a campaign starting before the lead time, with the earliest date', () => {
    const issues = checkCampaign(rule, cleanCampaign({ start: '2027-03-15', end: '2027-04-30' }));
    expect(issues.map((i) => i.path)).toEqual(['/start']);
    expect(issues[0]?.message).toContain('"summer-launch"');
    expect(issues[0]?.message).toContain('2 full months');
    expect(issues[0]?.message).toContain('2027-07-01');
  });
  it('reports the day before the earliest start', () => {
    expect(checkCampaign(rule, cleanCampaign({ start: '2027-06-30' })).map((i) => i.path)).toEqual(['/start']);
  });
  it('honours settings.campaignLeadMonths', () => {
    const s = cleanStrategy({ settings: { campaignLeadMonths: 2 } });
    expect(checkCampaign(rule, cleanCampaign({ start: '2027-03-15', end: '2027-04-30' }), [s])).toEqual([]);
    const strict = cleanStrategy({ settings: { campaignLeadMonths: 9 } });
    expect(checkCampaign(rule, cleanCampaign(), [strict])[0]?.message).toContain('2027-10-01');
  });
  it('leaves campaigns before the strategy start to campaign-outside-strategy-period, and skips unknown strategies', () => {
    expect(checkCampaign(rule, cleanCampaign({ start: '2026-12-01' }))).toEqual([]);
    expect(checkCampaign(rule, cleanCampaign({ strategy: 'nope', start: '2027-01-02' }))).toEqual([]);
  });
});
