import type { CampaignRule, RuleIssue } from './types.ts';
import { listIds } from './util.ts';

export const campaignAudienceOutsideStrategy: CampaignRule = {
  id: 'campaign-audience-outside-strategy',
  severity: 'error',
  target: 'campaign',
  description: "A campaign's audience must be personas defined in its strategy.",
  check(campaign, strategy) {
    if (!strategy) return [];
    const personaIds = new Set(strategy.audience.personas.map((p) => p.id));
    const issues: RuleIssue[] = [];
    campaign.audience.forEach((id, i) => {
      if (personaIds.has(id)) return;
      issues.push({
        path: `/audience/${i}`,
        message: `Persona "${id}" is not a persona of strategy "${strategy.id}" (personas: ${listIds(personaIds)}): campaigns reuse the strategy's audience research, so add the persona to the strategy first or use one of its personas.`,
      });
    });
    return issues;
  },
};
