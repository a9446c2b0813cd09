import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { phaseOutsideCampaign as rule } from './phase-outside-campaign.ts';

describe('phase-outside-campaign', () => {
  it('passes a clean campaign (phases on the campaign bounds)', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports phase dates before the start and after the end', () => {
    const c = cleanCampaign();
    c.phases[0]!.start = '2027-06-15';
    c.phases[1]!.end = '2027-09-15';
    const issues = checkCampaign(rule, c);
    expect(issues.map((i) => i.path)).toEqual(['/phases/0/start', '/phases/1/end']);
    expect(issues[0]?.message).toContain('"Teaser"');
    expect(issues[0]?.message).toContain('2027-06-15');
    expect(issues[1]?.message).toContain('"Launch"');
    expect(issues[1]?.message).toContain('"summer-launch"');
  });
  it('leaves campaigns with inverted dates to campaign-dates-invalid', () => {
    expect(checkCampaign(rule, cleanCampaign({ start: '2027-09-01', end: '2027-06-01' }))).toEqual([]);
  });
});
