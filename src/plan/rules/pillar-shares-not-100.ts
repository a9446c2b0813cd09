import type { StrategyRule } from './types.ts';
import { pct } from './util.ts';

export const PILLAR_SHARE_TOLERANCE = 0.005;

export const pillarSharesNot100: StrategyRule = {
  id: 'pillar-shares-not-100',
  severity: 'warning',
  target: 'strategy',
  description: 'Content pillar shares should add up to 100% (±0.5%); no pillars, no finding.',
  check(strategy) {
    if (strategy.pillars.length === 0) return [];
    let sum = 0;
    for (const pillar of strategy.pillars) sum += pillar.share;
    if (Math.abs(sum - 1) <= PILLAR_SHARE_TOLERANCE) return [];
    return [
      {
        path: '/pillars',
        message: `Pillar shares add up to ${pct(sum)}, not 100%: adjust the share values (fractions such as 0.4) so that together they make 1.`,
      },
    ];
  },
};
