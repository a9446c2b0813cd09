/** Numbers and words as a report shows them to people (the CSV keeps them unrounded). */
import type { KpiStatus } from '../../plan/kpi-progress.ts';
import type { MetricUnit } from '../../plan/metrics.ts';

export const STATUS_LABELS: Readonly<Record<KpiStatus, string>> = {
  achieved: 'Achieved',
  ahead: 'Ahead',
  on_track: 'On track',
  at_risk: 'At risk',
  behind: 'Behind',
  overdue: 'Overdue',
  no_data: 'No data',
};

const NONE = '—';
const grouped = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const money = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 0.0423 → "4.2%". */
export const percent = (v: number | null): string => (v === null ? NONE : `${(Math.round(v * 1000) / 10).toLocaleString('en-GB')}%`);

/** A figure in its unit: counts grouped, ratios as percentages, money with its currency, minutes. */
export function formatValue(v: number | null, unit: MetricUnit | null, currency: string | null): string {
  if (v === null) return NONE;
  switch (unit) {
    case 'ratio':
      return percent(v);
    case 'money':
      return currency ? `${money.format(v)} ${currency}` : money.format(v);
    case 'minutes':
      return `${grouped.format(v)} min`;
    default:
      return grouped.format(v);
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** 2027-03-14 → "14 Mar 2027". */
export const longDate = (iso: string): string => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
