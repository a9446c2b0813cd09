/**
 * Pure: whether an hour's volume of a query is a spike. The baseline is the same hour of day over the
 * previous 7 days (a Monday 09:00 is compared with the 09:00s before it, so a daily rhythm is not a
 * spike): the hour spikes when its count is above mean + k·σ (population σ) of those 7 counts and at
 * least `minCount`, so a stream of a few mentions an hour never alerts on noise.
 */
import { DomainError } from '../../errors.ts';

export const BASELINE_DAYS = 7;
export const DEFAULT_K = 3;
export const DEFAULT_MIN_COUNT = 10;

export interface SpikeInput {
  /** Mentions in the hour evaluated. */
  count: number;
  /** Mentions in the same hour on each of the previous days, up to 7; days missing count as 0. */
  previous: readonly number[];
  k: number;
  minCount: number;
}

export interface SpikeDecision {
  spike: boolean;
  mean: number;
  stddev: number;
  /** mean + k·σ: the count must be above it. */
  threshold: number;
}

export function spikeDecision(input: SpikeInput): SpikeDecision {
  const { count, previous, k, minCount } = input;
  if (previous.length > BASELINE_DAYS)
    throw new DomainError('listening.invalid_baseline', `At most ${BASELINE_DAYS} previous hours, not ${previous.length}.`);
  for (const n of [count, ...previous])
    if (!Number.isInteger(n) || n < 0) throw new DomainError('listening.invalid_baseline', `Counts are whole numbers from 0, not ${n}.`);
  const days = [...previous, ...Array<number>(BASELINE_DAYS - previous.length).fill(0)];
  const mean = days.reduce((a, b) => a + b, 0) / BASELINE_DAYS;
  const stddev = Math.sqrt(days.reduce((a, b) => a + (b - mean) ** 2, 0) / BASELINE_DAYS);
  const threshold = mean + k * stddev;
  return { spike: count >= minCount && count > threshold, mean, stddev, threshold };
}
