/**
 * Each campaign's response against its goal: everything attributed to the campaign up to the as-of
 * date, counted in the event metric its goal maps to (./response-metric.ts), from the daily rollups.
 */
import type { Queryable } from '../../db/pool.ts';
import type { Campaign } from '../../plan/schema.ts';
import { type EventMetric, readDailySums } from '../events.ts';
import { addDays } from '../../plan/dates.ts';
import { responseMeasure } from './response-metric.ts';
import type { CampaignResponse } from './schema.ts';

/** Attribution, not the calendar, decides what counts: a late conversion still counts for its campaign. */
const BEGINNING = new Date('1970-01-01T00:00:00Z');

export async function readCampaignResponses(
  q: Queryable,
  workspaceId: string,
  strategyId: string,
  campaigns: readonly Campaign[],
  asOf: string,
): Promise<CampaignResponse[]> {
  const measures = [...new Set(campaigns.map(responseMeasure).filter((m): m is EventMetric => m !== null))];
  const rows =
    measures.length === 0
      ? []
      : await readDailySums(
          q,
          {
            workspaceId,
            metrics: measures,
            from: BEGINNING,
            to: new Date(`${addDays(asOf, 1)}T00:00:00Z`),
            strategyId,
            ...(campaigns.length === 1 ? { campaignId: campaigns[0]!.id } : {}),
          },
          'campaign_id',
          false,
        );
  const sums = new Map(rows.map((r) => [`${r.metric}\u0000${r.key}`, r.value]));
  return campaigns.map((c) => {
    const measuredAs = responseMeasure(c);
    const target = c.response?.target ?? null;
    const actual = measuredAs === null ? null : (sums.get(`${measuredAs}\u0000${c.id}`) ?? 0);
    return {
      id: c.id,
      name: c.name,
      start: c.start,
      end: c.end,
      goal: c.response?.metric ?? null,
      measuredAs: measuredAs === 'conversions' || measuredAs === 'link_clicks' ? measuredAs : null,
      target,
      unit: c.response?.unit ?? null,
      actual,
      progress: actual === null || target === null || target <= 0 ? null : actual / target,
    };
  });
}
