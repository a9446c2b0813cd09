import type { StrategyRule } from './types.ts';
import { EPSILON, listIds, pct } from './util.ts';

export const contentTooPromotional: StrategyRule = {
  id: 'content-too-promotional',
  severity: 'warning',
  target: 'strategy',
  description: 'Promotional pillars together must not exceed contentMix.maxPromotionalShare of the content.',
  check(strategy) {
    let share = 0;
    const ids: string[] = [];
    for (const pillar of strategy.pillars) {
      if (pillar.promotional) {
        share += pillar.share;
        ids.push(pillar.id);
      }
    }
    const max = strategy.contentMix.maxPromotionalShare;
    if (share <= max + EPSILON) return [];
    return [
      {
        path: '/pillars',
        message: `Promotional pillars (${listIds(ids)}) make up ${pct(share)} of the content, above the ${pct(max)} maximum (contentMix.maxPromotionalShare): a strategy provides value first, so move share to non-promotional pillars.`,
      },
    ];
  },
};
