/** Every suggestion rule, in the order their suggestions are listed. */
import { channelUnderCadence } from './channel-under-cadence.ts';
import { kpiAchievedEarly } from './kpi-achieved-early.ts';
import { kpiBehindTwice } from './kpi-behind-twice.ts';
import { pillarLowEngagement } from './pillar-low-engagement.ts';
import type { SuggestionRuleDef } from './types.ts';

export const SUGGESTION_RULE_DEFS: readonly SuggestionRuleDef[] = [
  kpiBehindTwice,
  kpiAchievedEarly,
  pillarLowEngagement,
  channelUnderCadence,
];
