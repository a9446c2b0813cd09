import type { CampaignRule } from './types.ts';

/** Tasks are the campaign's content plan: a phase without one has nothing planned to publish. */
export const campaignPhaseNoTasks: CampaignRule = {
  id: 'campaign-phase-no-tasks',
  severity: 'warning',
  target: 'campaign',
  description: 'Every campaign phase should have at least one task (its content plan).',
  check(campaign) {
    return campaign.phases.flatMap((phase, i) =>
      phase.tasks.length > 0
        ? []
        : [
            {
              path: `/phases/${i}/tasks`,
              message: `Phase "${phase.name}" has no tasks: plan at least one task (what is published, by whom, when).`,
            },
          ],
    );
  },
};
