/** How the dashboards' figures read: values by their metric's unit, changes, KPI statuses, range presets. */
import type { KpiStatus } from '../../../../src/plan/kpi-progress.ts';
import type { MetricUnit } from '../../../../src/plan/metrics.ts';
import { addDays, addMonths } from '../../../../src/plan/dates.ts';
import { LOCALE } from '../publishing/time.ts';

const count = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const signedPercent = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const dayMonth = new Intl.DateTimeFormat(LOCALE, { day: 'numeric', month: 'short', timeZone: 'UTC' });

export const formatCount = (n: number): string => count.format(n);
export const formatShare = (ratio: number): string => percent.format(ratio);

export function formatMoney(n: number, currency: string | null): string {
  if (!currency) return count.format(n);
  // Whole amounts without cents: "€624", not "€624.00".
  const digits = n >= 1000 || Number.isInteger(n) ? 0 : 2;
  return new Intl.NumberFormat(LOCALE, {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
}

/** A value as its metric's unit says: a count, a share in %, money, or minutes. Unknown unit: a plain number. */
export function formatValue(value: number | null, unit: MetricUnit | null, currency: string | null): string {
  if (value === null) return '–';
  switch (unit) {
    case 'ratio':
      return formatShare(value);
    case 'money':
      return formatMoney(value, currency);
    case 'minutes':
      return `${count.format(value)} min`;
    default:
      return count.format(value);
  }
}

/** A change against the previous period, signed: "+25%", "−10%"; without one, "no previous figure". */
export const formatChange = (change: number | null): string => (change === null ? 'no previous figure' : signedPercent.format(change));

/** "5 Jul": an axis label. */
export const shortDate = (iso: string): string => dayMonth.format(new Date(`${iso}T00:00:00Z`));

export const TOTAL_LABELS = {
  impressions: 'Impressions',
  engagements: 'Engagements',
  link_clicks: 'Link clicks',
  unique_visitors: 'Unique visitors',
  conversions: 'Conversions',
  revenue: 'Revenue',
} as const;

/** Every status in words (never colour alone) and the badge tone that goes with it. */
export const STATUS: Record<KpiStatus, { label: string; tone: 'ok' | 'warning' | 'error' | 'neutral' }> = {
  achieved: { label: 'Achieved', tone: 'ok' },
  ahead: { label: 'Ahead', tone: 'ok' },
  on_track: { label: 'On track', tone: 'ok' },
  at_risk: { label: 'At risk', tone: 'warning' },
  behind: { label: 'Behind', tone: 'error' },
  overdue: { label: 'Overdue', tone: 'error' },
  no_data: { label: 'No data', tone: 'neutral' },
};

export const RANGE_PRESETS = [
  { id: '30d', label: '30 days' },
  { id: '90d', label: '90 days' },
  { id: '12m', label: '12 months' },
] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number]['id'];

/** The days a preset covers, ending `today` (UTC, as the server's days). */
export function presetRange(preset: RangePreset, today: string): { from: string; to: string } {
  const from = preset === '30d' ? addDays(today, -29) : preset === '90d' ? addDays(today, -89) : addDays(addMonths(today, -12), 1);
  return { from, to: today };
}

export const todayUtc = (): string => new Date().toISOString().slice(0, 10);
