/** The registry of every rule, in the order findings are reported: strategy rules, then campaign rules. */
import type { Rule } from './types.ts';

import { strategyPeriodInvalid } from './strategy-period-invalid.ts';
import { strategyTooShort } from './strategy-too-short.ts';
import { duplicateId } from './duplicate-id.ts';
import { unknownReference } from './unknown-reference.ts';
import { strategyNoAudience } from './strategy-no-audience.ts';
import { personaNoPainPoints } from './persona-no-pain-points.ts';
import { channelUnused } from './channel-unused.ts';
import { channelNoPurpose } from './channel-no-purpose.ts';
import { channelNoOwner } from './channel-no-owner.ts';
import { channelNoCadence } from './channel-no-cadence.ts';
import { channelNoBaseline } from './channel-no-baseline.ts';
import { contentTooPromotional } from './content-too-promotional.ts';
import { pillarSharesNot100 } from './pillar-shares-not-100.ts';
import { strategyNoObjectives } from './strategy-no-objectives.ts';
import { objectiveNoKpi } from './objective-no-kpi.ts';
import { objectiveNoTactics } from './objective-no-tactics.ts';
import { kpiIncomplete } from './kpi-incomplete.ts';
import { kpiDueOutsidePeriod } from './kpi-due-outside-period.ts';
import { kpiTargetNotImprovement } from './kpi-target-not-improvement.ts';
import { kpiUnknownMetric } from './kpi-unknown-metric.ts';
import { kpiMetricNeedsChannel } from './kpi-metric-needs-channel.ts';
import { kpiSourceChannelConflict } from './kpi-source-channel-conflict.ts';
import { objectiveBrandKpisManual } from './objective-brand-kpis-manual.ts';
import { strategyNoBrandKpi } from './strategy-no-brand-kpi.ts';
import { resourcesOverCapacity } from './resources-over-capacity.ts';
import { strategyNoIntegration } from './strategy-no-integration.ts';

import { campaignRequiresStrategy } from './campaign-requires-strategy.ts';
import { campaignDatesInvalid } from './campaign-dates-invalid.ts';
import { campaignOutsideStrategyPeriod } from './campaign-outside-strategy-period.ts';
import { campaignTooEarly } from './campaign-too-early.ts';
import { campaignTooLong } from './campaign-too-long.ts';
import { campaignTooShort } from './campaign-too-short.ts';
import { campaignNoAudience } from './campaign-no-audience.ts';
import { campaignAudienceOutsideStrategy } from './campaign-audience-outside-strategy.ts';
import { campaignNoChannels } from './campaign-no-channels.ts';
import { campaignChannelOutsideStrategy } from './campaign-channel-outside-strategy.ts';
import { campaignBaseNotReady } from './campaign-base-not-ready.ts';
import { campaignNoResponseGoal } from './campaign-no-response-goal.ts';
import { campaignNoOwner } from './campaign-no-owner.ts';
import { campaignUnknownReference } from './campaign-unknown-reference.ts';
import { campaignNoBudget } from './campaign-no-budget.ts';
import { campaignNegativeRoi } from './campaign-negative-roi.ts';
import { campaignNoSupport } from './campaign-no-support.ts';
import { campaignNoPhases } from './campaign-no-phases.ts';
import { campaignPhasesGap } from './campaign-phases-gap.ts';
import { campaignPhaseNoTasks } from './campaign-phase-no-tasks.ts';
import { phaseDatesInvalid } from './phase-dates-invalid.ts';
import { phaseOutsideCampaign } from './phase-outside-campaign.ts';

export const allRules: readonly Rule[] = [
  // — strategy rules —
  strategyPeriodInvalid,
  strategyTooShort,
  duplicateId,
  unknownReference,
  strategyNoAudience,
  personaNoPainPoints,
  channelUnused,
  channelNoPurpose,
  channelNoOwner,
  channelNoCadence,
  channelNoBaseline,
  contentTooPromotional,
  pillarSharesNot100,
  strategyNoObjectives,
  objectiveNoKpi,
  objectiveNoTactics,
  kpiIncomplete,
  kpiDueOutsidePeriod,
  kpiTargetNotImprovement,
  kpiUnknownMetric,
  kpiMetricNeedsChannel,
  kpiSourceChannelConflict,
  strategyNoBrandKpi,
  objectiveBrandKpisManual,
  resourcesOverCapacity,
  strategyNoIntegration,
  // — campaign rules —
  campaignRequiresStrategy,
  campaignDatesInvalid,
  campaignOutsideStrategyPeriod,
  campaignTooEarly,
  campaignTooLong,
  campaignTooShort,
  campaignNoAudience,
  campaignAudienceOutsideStrategy,
  campaignNoChannels,
  campaignChannelOutsideStrategy,
  campaignBaseNotReady,
  campaignNoResponseGoal,
  campaignNoOwner,
  campaignUnknownReference,
  campaignNoBudget,
  campaignNegativeRoi,
  campaignNoSupport,
  campaignNoPhases,
  campaignPhasesGap,
  campaignPhaseNoTasks,
  phaseDatesInvalid,
  phaseOutsideCampaign,
];
