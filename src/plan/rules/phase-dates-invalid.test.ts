import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { phaseDatesInvalid as rule } from './phase-dates-invalid.ts';

describe('phase-dates-invalid', () => {
  it('passes a clean campaign, and a one-day phase', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
    const c = cleanCampaign();
    c.phases[0]!.end = c.phases[0]!.start;
    expect(checkCampaign(rule, c)).toEqual([]);
  });
  it('reports a phase ending before it starts', () => {
    const c = cleanCampaign();
    c.phases[1]!.end = '2027-07-10';
    const issues = checkCampaign(rule, c);
    expect(issues.map((i) => i.path)).toEqual(['/phases/1/end']);
    expect(issues[0]?.message).toContain('"Launch"');
    expect(issues[0]?.message).toContain('"summer-launch"');
  });
});
