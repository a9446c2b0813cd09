/**
 * What a report says, before it is laid out as PDF or CSV: one shape for both formats, so the two
 * never disagree. Built by ./strategy-report.ts and ./campaign-report.ts from the measurement core
 * (KPI values and progress, daily rollups, follower snapshots, costs and conversions).
 */
import type { KpiProgressRow, KpiValue } from '../../plan/kpi-progress.ts';
import type { MetricUnit } from '../../plan/metrics.ts';
import type { ReportPeriod } from './period.ts';

/** The period totals a report shows, from the daily rollups (unique visitors: daily uniques summed). */
export const REPORT_TOTAL_METRICS = ['impressions', 'engagements', 'link_clicks', 'unique_visitors', 'conversions', 'revenue'] as const;
export type ReportTotalMetric = (typeof REPORT_TOTAL_METRICS)[number];

export const TOTAL_LABELS: Readonly<Record<ReportTotalMetric, string>> = {
  impressions: 'Impressions',
  engagements: 'Engagements',
  link_clicks: 'Link clicks',
  unique_visitors: 'Unique visitors',
  conversions: 'Conversions',
  revenue: 'Revenue',
};

export interface DatedValue {
  date: string;
  value: number;
}

/** One KPI's progress on the as-of date (kpiProgressReport), with its unit and its values inside the period. */
export interface ReportKpi extends KpiProgressRow {
  /** The catalogue unit of `source.metric`; null for manual and unbound KPIs. */
  unit: MetricUnit | null;
  /** The KPI's values dated inside the period (measured and entered), oldest first. */
  series: KpiValue[];
}

export interface ReportTotal {
  metric: ReportTotalMetric;
  value: number;
}

/** A metric's sum per day, every day of the period (0 on a day without events). */
export interface DailySeries {
  metric: ReportTotalMetric;
  points: DatedValue[];
}

/** A channel's followers: the readings inside the period, and the levels at its ends. */
export interface ChannelFollowers {
  id: string;
  platform: string;
  /** The latest reading on or before the first day (else the first inside the period). */
  start: number | null;
  /** The latest reading on or before the last day. */
  end: number | null;
  /** (end − start) / start; null without both or when start is 0. */
  growth: number | null;
  points: DatedValue[];
}

interface ReportBase {
  period: ReportPeriod;
  /** The day KPI progress is evaluated on: the period's last day, or today when that is still to come. */
  asOf: string;
  /** When the report was made (ISO instant). */
  generatedAt: string;
  organisation: string;
  /** The budget's currency for money figures; null when no budget names one. */
  currency: string | null;
  kpis: ReportKpi[];
  totals: ReportTotal[];
  daily: DailySeries[];
}

export interface StrategyReport extends ReportBase {
  kind: 'strategy';
  strategy: { id: string; name: string; start: string; end: string };
  channels: ChannelFollowers[];
}

/** How a campaign's ROI was computed: from its cost entries, from its budget (none entered yet), or not at all. */
export type CostBasis = 'costs' | 'planned' | 'none';

export interface CampaignReport extends ReportBase {
  kind: 'campaign';
  campaign: { id: string; name: string; start: string; end: string };
  strategy: { id: string; name: string };
  response: {
    /** The plan's `response.metric` (sales, sign-ups…); null when it sets none. */
    goal: string | null;
    /** The event it is counted in; null when it is not counted automatically. */
    measuredAs: 'conversions' | 'link_clicks' | null;
    target: number | null;
    unit: string | null;
    /** Counted inside the period; null when not measured. */
    actual: number | null;
    /** actual / target; null without both. */
    progress: number | null;
  };
  /** Campaign to date (up to the period's last day): what it cost, earned and returned. */
  roi: {
    /** Attributed revenue (conversions of the campaign, directly or through its links). */
    revenue: number;
    /** Cost entries, or the budget standing in for them (`costBasis`). */
    cost: number | null;
    costBasis: CostBasis;
    /** (revenue − cost) / cost. */
    real: number | null;
    /** (expected revenue − budget) / budget, from the plan. */
    projected: number | null;
  };
}

export type ReportContent = StrategyReport | CampaignReport;

/** The report's subject in people's words: the strategy's or the campaign's name. */
export const subjectName = (r: ReportContent): string => (r.kind === 'strategy' ? r.strategy.name : r.campaign.name);
