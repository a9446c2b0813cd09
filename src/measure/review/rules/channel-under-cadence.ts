import { round, type SuggestionRuleDef } from './types.ts';

/** A weekly cadence is judged over at least this many days of the strategy's period. */
export const MIN_JUDGED_DAYS = 7;

/**
 * Posts per week on a channel under half its planned cadence → lower the cadence to what was
 * achieved (two decimals). Only when the strategy published anything in the period at all (with
 * nothing published through Groundwork, posting happens elsewhere and nothing can be judged), over
 * at least a week of the strategy's period.
 */
export const channelUnderCadence: SuggestionRuleDef = {
  id: 'channel-under-cadence',
  description:
    'A channel posting under half its planned posts per week in the period (when the strategy published anything at all, over a week or more of its period): lower its cadence to what was achieved.',
  suggest({ channels, publishedPosts, periodDays }) {
    if (publishedPosts === 0 || periodDays < MIN_JUDGED_DAYS) return [];
    return channels
      .filter((c) => c.plannedPerWeek !== null && c.plannedPerWeek > 0 && c.postsPerWeek < c.plannedPerWeek / 2)
      .map((c) => {
        const to = round(c.postsPerWeek, 2);
        return {
          rule: 'channel-under-cadence' as const,
          change: { op: 'set-channel-cadence' as const, channel: c.channel, from: c.plannedPerWeek!, to },
          rationale:
            c.posts === 0
              ? `Channel “${c.channel}” published nothing in the period against ${c.plannedPerWeek} posts a week planned. Set its cadence to 0 ` +
                `so the plan and its capacity check show it resting — or reject this and get the channel going (is its account connected?).`
              : `Channel “${c.channel}” published ${c.posts} post${c.posts === 1 ? '' : 's'} in the period, ${to} a week against ${c.plannedPerWeek} planned ` +
                `(under half). Lower the cadence to ${to} a week so the plan and its capacity check match what the team delivers — or reject this and staff the channel.`,
        };
      });
  },
};
