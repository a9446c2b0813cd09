/** What the suggestion rules look at: the findings of one review, and the one before. Pure. */
import type { Strategy } from '../../../plan/schema.ts';
import type { ChannelRow, KpiRow, PillarRow, SuggestionDraft, SuggestionRule } from '../schema.ts';

export interface ReviewFacts {
  strategy: Strategy;
  asOf: string;
  kpis: readonly KpiRow[];
  /** KPI statuses of the strategy's previous review (as of an earlier day); null when this is the first. */
  previousKpis: readonly Pick<KpiRow, 'id' | 'status'>[] | null;
  pillars: readonly PillarRow[];
  channels: readonly ChannelRow[];
  /** Posts of the strategy published in the period (any pillar, any channel). */
  publishedPosts: number;
  /** Days of the review period inside the strategy's period (posts per week are counted over these). */
  periodDays: number;
}

export interface SuggestionRuleDef {
  id: SuggestionRule;
  /** The stated rule, one sentence (README). */
  description: string;
  suggest(facts: ReviewFacts): SuggestionDraft[];
}

/** A share as a percentage for rationales: 0.35 → "35%". */
export const pct = (share: number): string => `${Number((share * 100).toFixed(1))}%`;

/** Rounded to `digits` decimals, without floating-point dust (0.35 + 0.15 = 0.5, not 0.49999…). */
export const round = (x: number, digits: number): number => Number(x.toFixed(digits));

/** A proposed KPI figure written as precisely as the plan writes it: whole when baseline and target are, else 2 decimals. */
export function likeTarget(value: number, kpi: { baseline?: number | undefined; target?: number | undefined }): number {
  const whole = Number.isInteger(kpi.baseline ?? 0) && Number.isInteger(kpi.target ?? 0);
  return whole ? Math.round(value) : round(value, 2);
}
