/**
 * How a campaign's response goal (`response.metric` of the plan) is measured: the one mapping from
 * the plan's words to counted events, used by both dashboards (and listed in the README).
 */
import type { Campaign } from '../../plan/schema.ts';
import type { EventMetric } from '../events.ts';

type ResponseMetric = NonNullable<NonNullable<Campaign['response']>['metric']>;

/**
 * Sales, sign-ups, leads, registrations and downloads are conversions reported to Groundwork (API or
 * CSV); page views are the clicks on the campaign's tracked links (each click lands one view of the
 * page). `other` is not counted automatically.
 */
export const RESPONSE_MEASURES: Readonly<Record<ResponseMetric, EventMetric | null>> = {
  sales: 'conversions',
  signups: 'conversions',
  leads: 'conversions',
  registrations: 'conversions',
  downloads: 'conversions',
  page_views: 'link_clicks',
  other: null,
};

/** The event metric a campaign's response is counted in, or null when it is not counted automatically. */
export function responseMeasure(campaign: Pick<Campaign, 'response'>): EventMetric | null {
  const metric = campaign.response?.metric;
  return metric === undefined ? null : RESPONSE_MEASURES[metric];
}
