import type { StrategyRule } from './types.ts';
import { EPSILON, fmt } from './util.ts';

export const resourcesOverCapacity: StrategyRule = {
  id: 'resources-over-capacity',
  severity: 'warning',
  target: 'strategy',
  description: "The channels' posting cadence (× settings.minutesPerPost) must fit in the people's hours per week.",
  check(strategy) {
    let posts = 0;
    for (const channel of strategy.channels) posts += channel.cadence?.postsPerWeek ?? 0;
    const minutes = strategy.settings.minutesPerPost;
    const needed = (posts * minutes) / 60;
    let available = 0;
    for (const person of strategy.resources.people) available += person.hoursPerWeek;
    if (needed <= available + EPSILON) return [];
    return [
      {
        path: '/resources',
        message: `Posting needs ${fmt(needed, 1)} h/week (${fmt(posts)} posts × ${fmt(minutes)} min) but resources.people provide ${fmt(available, 1)} h/week: add people or hours, or lower channel cadence.`,
      },
    ];
  },
};
