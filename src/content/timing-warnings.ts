/**
 * Warnings about when a post is planned — pure, so the composer shows them live and the API returns
 * the same ones: a planned time already past (while the post has not gone out), and a day outside
 * its strategy's period or its campaign's (dates are compared as days in the post's own time zone).
 */
import { compareDates } from '../plan/dates.ts';

export interface TimingInput {
  /** The planned day, `YYYY-MM-DD` in the post's time zone; null without a planned time. */
  localDate: string | null;
  /** The planned instant; null without a planned time. */
  at: Date | null;
  now: Date;
  /** Only posts still being prepared are warned about a past time: later ones are the worker's. */
  preparing: boolean;
  strategy: { name: string; period: { start: string; end: string } };
  campaign: { name: string; start: string; end: string } | null;
}

export interface TimingWarning {
  code: 'post.time_in_past' | 'post.outside_strategy_period' | 'post.outside_campaign_period';
  message: string;
  path: '/localTime';
}

const outside = (day: string, start: string, end: string) => compareDates(day, start) < 0 || compareDates(day, end) > 0;

export function timingWarnings(input: TimingInput): TimingWarning[] {
  const { localDate, at } = input;
  if (localDate === null || at === null) return [];
  const warnings: TimingWarning[] = [];
  if (input.preparing && at.getTime() <= input.now.getTime()) {
    warnings.push({
      code: 'post.time_in_past',
      message: 'The planned time is in the past: pick a later time before scheduling the post.',
      path: '/localTime',
    });
  }
  const { strategy, campaign } = input;
  if (outside(localDate, strategy.period.start, strategy.period.end)) {
    warnings.push({
      code: 'post.outside_strategy_period',
      message: `${localDate} is outside the strategy “${strategy.name}” (${strategy.period.start} – ${strategy.period.end}).`,
      path: '/localTime',
    });
  }
  if (campaign && outside(localDate, campaign.start, campaign.end)) {
    warnings.push({
      code: 'post.outside_campaign_period',
      message: `${localDate} is outside the campaign “${campaign.name}” (${campaign.start} – ${campaign.end}).`,
      path: '/localTime',
    });
  }
  return warnings;
}
