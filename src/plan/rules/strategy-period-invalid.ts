import { compareDates } from '../dates.ts';
import type { StrategyRule } from './types.ts';

export const strategyPeriodInvalid: StrategyRule = {
  id: 'strategy-period-invalid',
  severity: 'error',
  target: 'strategy',
  description: 'The strategy period must end after it starts.',
  check(strategy) {
    const { start, end } = strategy.period;
    if (compareDates(end, start) > 0) return [];
    return [
      {
        path: '/period/end',
        message: `Strategy "${strategy.id}" ends on ${end}, which is not after its start ${start}: set period.end to a later date (a strategy should cover at least 12 months).`,
      },
    ];
  },
};
