/** How review figures read on screen: statuses, rules, changes, numbers. */
import type { Review, Suggestion } from '../../api/reviews.ts';
import { formatDate, formatNumber, formatPercent } from '../publishing/time.ts';

type Status = Review['content']['kpis'][number]['status'];

export const STATUS: Record<Status, { label: string; tone: 'ok' | 'warning' | 'error' | 'neutral' }> = {
  achieved: { label: 'Achieved', tone: 'ok' },
  ahead: { label: 'Ahead', tone: 'ok' },
  on_track: { label: 'On track', tone: 'ok' },
  at_risk: { label: 'At risk', tone: 'warning' },
  behind: { label: 'Behind', tone: 'error' },
  overdue: { label: 'Overdue', tone: 'error' },
  no_data: { label: 'No data', tone: 'neutral' },
};

export const RULE_TITLES: Record<Suggestion['rule'], string> = {
  'kpi-behind-twice': 'KPI behind two reviews running',
  'kpi-achieved-early': 'KPI achieved early',
  'pillar-low-engagement': 'Pillar with low engagement',
  'channel-under-cadence': 'Channel under its cadence',
};

export const num = (n: number | null): string => (n === null ? '—' : formatNumber(Number(n.toFixed(2))));
export const share = (n: number | null): string => (n === null ? '—' : formatPercent(n));

/** The change a suggestion proposes, in words. */
export function describeChange(c: Suggestion['change']): string {
  switch (c.op) {
    case 'set-kpi-target':
      return `KPI ${c.kpi}: target ${num(c.from)} → ${num(c.to)}`;
    case 'set-kpi-due':
      return `KPI ${c.kpi}: due ${formatDate(c.from)} → ${formatDate(c.to)}`;
    case 'move-pillar-share':
      return `Pillar ${c.pillar}: share ${share(c.from)} → ${share(c.from - c.amount)}; ${share(c.amount)} to pillar ${c.toPillar}`;
    case 'set-channel-cadence':
      return `Channel ${c.channel}: ${num(c.from)} → ${num(c.to)} posts a week`;
  }
}
