import type { CampaignRule, RuleIssue } from './types.ts';
import { listIds } from './util.ts';

/**
 * The campaign-side twin of unknown-reference (a rule has one target, and ids are unique): the
 * campaign owner and phase task owners must be people of the strategy. Campaign channels and
 * audience are reported by the *-outside-strategy rules, not here.
 */
export const campaignUnknownReference: CampaignRule = {
  id: 'campaign-unknown-reference',
  severity: 'error',
  target: 'campaign',
  description: "The campaign owner and phase task owners must be people in the strategy's resources.people.",
  check(campaign, strategy) {
    if (!strategy) return [];
    const people = new Set(strategy.resources.people.map((p) => p.id));
    const issues: RuleIssue[] = [];
    const unknown = (who: string, id: string, path: string) =>
      issues.push({
        path,
        message: `${who} "${id}" is not a person of strategy "${strategy.id}" (people: ${listIds(people)}): add them to resources.people or fix the id.`,
      });
    if (campaign.owner !== undefined && !people.has(campaign.owner)) unknown('Campaign owner', campaign.owner, '/owner');
    campaign.phases.forEach((phase, i) => {
      phase.tasks.forEach((task, j) => {
        if (task.owner !== undefined && !people.has(task.owner)) {
          unknown(`Owner of task "${task.title}" in phase "${phase.name}"`, task.owner, `/phases/${i}/tasks/${j}/owner`);
        }
      });
    });
    return issues;
  },
};
