import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignPhasesGap as rule } from './campaign-phases-gap.ts';

const phase = (name: string, start: string, end: string) => ({ name, start, end, tasks: [{ title: 't' }] });

describe('campaign-phases-gap', () => {
  it('passes phases that cover every day', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports the uncovered days between, before and after phases', () => {
    const issues = checkCampaign(
      rule,
      cleanCampaign({ phases: [phase('Teaser', '2027-07-02', '2027-07-10'), phase('Launch', '2027-07-15', '2027-08-30')] }),
    );
    expect(issues).toEqual([
      { path: '/phases', message: '6 days not covered by any phase: 2027-07-01, 2027-07-11 – 2027-07-14, 2027-08-31.' },
    ]);
  });
  it('leaves a campaign without phases to campaign-no-phases', () => {
    expect(checkCampaign(rule, cleanCampaign({ phases: [] }))).toEqual([]);
  });
  it('counts overlapping phases once and ignores a phase ending before it starts', () => {
    const issues = checkCampaign(
      rule,
      cleanCampaign({
        phases: [phase('A', '2027-07-01', '2027-08-10'), phase('B', '2027-07-20', '2027-08-31'), phase('C', '2027-08-05', '2027-08-01')],
      }),
    );
    expect(issues).toEqual([]);
  });
});
