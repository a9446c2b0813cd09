/** Where a finding is fixed: a field of the builder, or (for a campaign's finding) its campaign planner. */
import { allRules } from '../../../../src/plan/rules/index.ts';
import { uiMessage } from '../../../../src/plan/ui-messages.ts';
import type { Campaign, Finding, Strategy } from '../../api/types.ts';
import { formatDate } from '../publishing/time.ts';

const campaignRules = new Set(allRules.filter((r) => r.target === 'campaign').map((r) => r.id));

/** A finding about one of the strategy's campaigns (say, on a channel the strategy no longer has). */
export const isCampaignFinding = (f: Finding): boolean => campaignRules.has(f.rule) && f.document !== undefined;

/** Navigation state a link may carry: the JSON pointer of the field to focus on arrival. */
export interface FocusState {
  focus?: string;
}

export const campaignUrl = (ws: string, strategyId: string, campaignId: string): string =>
  `/w/${ws}/strategies/${encodeURIComponent(strategyId)}/campaigns/${encodeURIComponent(campaignId)}`;

/** Rules that point at a whole item, and the field of it that fixes them. */
const FIXED_BY: Readonly<Record<string, string>> = {
  'channel-no-purpose': '/purpose',
  'channel-no-owner': '/owner',
  'channel-no-cadence': '/cadence/postsPerWeek',
  'channel-no-baseline': '/baseline/followers',
  'persona-no-pain-points': '/painPoints',
  'objective-no-kpi': '/kpis',
  'objective-no-tactics': '/strategies',
};

/** The pointer of the field to focus for a finding: the one that fixes it, where the rule says which. */
export const fieldToFix = (f: Finding): string => f.path + (FIXED_BY[f.rule] ?? '');

/**
 * A strategy screen's finding in the app's words (not the YAML wording of the CLI), dates in the
 * locale; a finding about one of its campaigns says which campaign.
 */
export function describeFinding(f: Finding, strategy: Strategy | undefined, campaigns: readonly Campaign[]): string {
  if (!isCampaignFinding(f)) return uiMessage(f, { strategy, formatDate });
  const campaign = campaigns.find((c) => c.id === f.document);
  return `Campaign “${campaign?.name ?? f.document}”: ${uiMessage(f, { strategy, campaign, formatDate })}`;
}
