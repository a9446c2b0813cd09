import { addDays, addMonths, compareDates, monthsBetween } from '../dates.ts';
import type { StrategyRule } from './types.ts';

/** Months a strategy should cover at least: it is the long-term foundation ("around 1 year +"). */
export const MIN_STRATEGY_MONTHS = 12;

export const strategyTooShort: StrategyRule = {
  id: 'strategy-too-short',
  severity: 'warning',
  target: 'strategy',
  description: 'A strategy is the long-term foundation and should cover at least 12 months (end date inclusive).',
  check(strategy) {
    const { start, end } = strategy.period;
    if (compareDates(end, start) <= 0) return []; // strategy-period-invalid reports it
    // The end date is inclusive: 2027-01-01 … 2027-12-31 is exactly 12 months.
    const required = addMonths(start, MIN_STRATEGY_MONTHS);
    const after = addDays(end, 1);
    if (compareDates(after, required) >= 0) return [];
    const months = monthsBetween(start, after);
    return [
      {
        path: '/period',
        message: `Strategy "${strategy.id}" covers only ${months} full month${months === 1 ? '' : 's'} (${start} to ${end}); a strategy should cover at least ${MIN_STRATEGY_MONTHS} months: set period.end to ${addDays(required, -1)} or later.`,
      },
    ];
  },
};
