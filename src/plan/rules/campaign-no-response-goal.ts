import type { CampaignRule, RuleIssue } from './types.ts';

export const campaignNoResponseGoal: CampaignRule = {
  id: 'campaign-no-response-goal',
  severity: 'error',
  target: 'campaign',
  description: 'A campaign must drive a specific response: a response metric and a positive target.',
  check(campaign) {
    const { response } = campaign;
    if (!response) {
      return [
        {
          path: '/response',
          message: `Campaign "${campaign.id}" has no response goal: say which response it drives and how much (response.metric such as sales or signups, and response.target > 0).`,
        },
      ];
    }
    const issues: RuleIssue[] = [];
    if (response.metric === undefined) {
      issues.push({
        path: '/response/metric',
        message: `Campaign "${campaign.id}" has no response metric: set response.metric (page_views, sales, signups, leads, downloads, registrations or other).`,
      });
    }
    if (response.target === undefined || !(response.target > 0)) {
      issues.push({
        path: '/response/target',
        message:
          response.target === undefined
            ? `Campaign "${campaign.id}" has no response target: set response.target to the number you aim for.`
            : `Campaign "${campaign.id}" has response target ${response.target}: set a positive number to aim for.`,
      });
    }
    return issues;
  },
};
