import { describe, expect, it } from 'vitest';
import { checkCampaign, cleanCampaign } from '../../../test/plan-fixtures.ts';
import { campaignPhaseNoTasks as rule } from './campaign-phase-no-tasks.ts';

describe('campaign-phase-no-tasks', () => {
  it('passes phases that all have tasks', () => {
    expect(checkCampaign(rule, cleanCampaign())).toEqual([]);
  });
  it('reports each phase without tasks at its tasks', () => {
    const issues = checkCampaign(
      rule,
      cleanCampaign({
        phases: [
          { name: 'Teaser', start: '2027-07-01', end: '2027-07-14', tasks: [] },
          { name: 'Launch', start: '2027-07-15', end: '2027-08-31', tasks: [{ title: 'Post' }] },
        ],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['/phases/0/tasks']);
    expect(issues[0]?.message).toContain('"Teaser"');
  });
});
