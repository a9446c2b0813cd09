/**
 * The measured values of a strategy's KPIs, ready for `kpiProgressReport` (src/plan/kpi-progress.ts):
 * the one place that turns what was collected into KPI values, for the dashboards, the reviews and
 * the reports alike.
 *
 * A KPI bound to a metric (`source.metric`) gets a value every 7 days from the strategy's start and
 * one on the as-of date, each what the metric measured on that day (src/plan/metrics.ts):
 * - followers: the last reading on or before the day, summed over the channels counted;
 * - follower_growth: followers that day against followers {@link KPI_WINDOW_DAYS} days before;
 * - counts (posts, impressions, engagements, reposts, replies, link clicks, unique visitors,
 *   conversions, revenue): the sum over the {@link KPI_WINDOW_DAYS} days ending that day (daily
 *   rollups; unique visitors are daily uniques summed);
 * - engagement_rate and ctr: over the same window, by the formulas of ./formulas.ts;
 * - cost_per_acquisition: campaign costs spent up to that day / conversions up to that day, over the
 *   strategy's period (or the one campaign named).
 * - mentions: distinct mentions matched by the strategy's brand queries (`listening_queries` with
 *   its `strategy_id` and role `brand`; without any, all its non-competitor queries) over the window;
 * - share_of_voice: those / (those + distinct mentions of its competitor queries) over the window;
 * - net_sentiment: (positive − negative) / (positive + negative) of those brand mentions over the window.
 * A day with nothing to divide by has no value (not 0). The inbox's response KPIs
 * (first_response_minutes, response_rate) come from its items: {@link inboxKpiValues}.
 * Values people entered or imported (`kpi_values`) are added to any KPI's series, after the measured
 * ones, so on the same day a person's figure wins (kpiProgress takes the last of a day).
 */
import type { Queryable } from '../db/pool.ts';
import { addDays, compareDates, toEpochDay } from '../plan/dates.ts';
import type { KpiValue } from '../plan/kpi-progress.ts';
import type { Kpi, Strategy } from '../plan/schema.ts';
import type { EventMetric } from './events.ts';
import { responseMinutes, type BusinessHours } from './business-hours.ts';
import {
  clickThroughRate,
  costPerAcquisition,
  engagementRate,
  firstResponseMinutes,
  followerGrowth,
  median,
  netSentiment,
  responseRate,
  shareOfVoice,
} from './formulas.ts';

/** The window a count or rate on one day covers: the 30 days ending that day. */
export const KPI_WINDOW_DAYS = 30;
/** Days between two measured values of a KPI. */
const SAMPLE_EVERY_DAYS = 7;

const COUNT_METRICS: Partial<Record<string, EventMetric>> = {
  posts_published: 'posts_published',
  impressions: 'impressions',
  engagements: 'engagements',
  reposts: 'reposts',
  replies: 'replies',
  link_clicks: 'link_clicks',
  unique_visitors: 'unique_visitors',
  conversions: 'conversions',
  revenue: 'revenue',
};

/** The daily sums each measured metric is computed from. */
const DAILY_INPUTS: Readonly<Record<string, readonly EventMetric[]>> = {
  ...Object.fromEntries(Object.entries(COUNT_METRICS).map(([metric, event]) => [metric, [event!]])),
  engagement_rate: ['engagements', 'impressions'],
  ctr: ['link_clicks', 'impressions'],
  cost_per_acquisition: ['conversions'],
};

/**
 * Which daily sums the KPIs need, and how finely: the event metrics they are computed from, and of
 * those the ones some KPI counts on one channel or one campaign. Every other dimension is summed away
 * in the query: a strategy's rollups split by every channel and campaign are several times the rows,
 * and the rows are most of what loading the values costs.
 */
export function kpiDailyInputs(kpis: readonly Kpi[]): { metrics: EventMetric[]; byChannel: EventMetric[]; byCampaign: EventMetric[] } {
  const metrics = new Set<EventMetric>();
  const byChannel = new Set<EventMetric>();
  const byCampaign = new Set<EventMetric>();
  for (const k of kpis) {
    for (const m of DAILY_INPUTS[k.source?.metric ?? ''] ?? []) {
      metrics.add(m);
      if ((k.source?.channel ?? k.channel) !== undefined) byChannel.add(m);
      if (k.source?.campaign !== undefined) byCampaign.add(m);
    }
  }
  return { metrics: [...metrics], byChannel: [...byChannel], byCampaign: [...byCampaign] };
}

/** What was collected for a strategy, by day: the inputs of {@link measuredKpiValues}. */
export interface MeasuredInputs {
  /** Daily sums: one row per metric, campaign ('' none), channel ('' none) and day. */
  daily: readonly { metric: string; campaignId: string; channelId: string; day: string; value: number }[];
  /** Follower readings per channel and day. */
  followers: readonly { channelId: string; day: string; followers: number }[];
  /** Campaign costs per campaign and day (in the budget's currency). */
  costs: readonly { campaignId: string; day: string; amount: number }[];
  /** Distinct mentions per day of the strategy's listening queries: its own (brand) side, by sentiment, and its competitors'. */
  listening: readonly { day: string; own: number; positive: number; negative: number; competitors: number }[];
}

const LISTENING_METRICS = new Set(['mentions', 'share_of_voice', 'net_sentiment']);

/** The days a measured KPI gets a value: every 7 days from the start, and the as-of day itself. */
export function sampleDays(start: string, asOf: string): string[] {
  const days: string[] = [];
  for (let day = start; compareDates(day, asOf) < 0; day = addDays(day, SAMPLE_EVERY_DAYS)) days.push(day);
  if (compareDates(start, asOf) <= 0) days.push(asOf);
  return days;
}

/** A running lookup of a daily series: the sum over (from, to] in O(log n). */
function prefixSums(points: readonly { day: string; value: number }[]) {
  const sorted = [...points].sort((a, b) => compareDates(a.day, b.day));
  const days = sorted.map((p) => toEpochDay(p.day));
  const sums = [0];
  for (const p of sorted) sums.push(sums[sums.length - 1]! + p.value);
  /** Index of the first day after `epochDay`. */
  const after = (epochDay: number) => {
    let lo = 0;
    let hi = days.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (days[mid]! <= epochDay) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (fromExclusive: number, toInclusive: number) => sums[after(toInclusive)]! - sums[after(fromExclusive)]!;
}

/** Pure: the measured values of one KPI on each sample day, from what was collected. */
export function measuredKpiValues(
  kpi: Kpi,
  strategy: Pick<Strategy, 'period' | 'channels'>,
  inputs: MeasuredInputs,
  asOf: string,
): KpiValue[] {
  const metric = kpi.source?.metric;
  if (!metric) return [];
  const channel = kpi.source?.channel ?? kpi.channel;
  const campaign = kpi.source?.campaign;
  const days = sampleDays(strategy.period.start, asOf);
  const matches = (row: { campaignId: string; channelId: string }) =>
    (channel === undefined || row.channelId === channel) && (campaign === undefined || row.campaignId === campaign);
  const windowSum = (eventMetric: EventMetric) => {
    const sum = prefixSums(inputs.daily.filter((r) => r.metric === eventMetric && matches(r)));
    return (day: string) => sum(toEpochDay(day) - KPI_WINDOW_DAYS, toEpochDay(day));
  };
  const followersOn = followersLookup(inputs.followers, channel, strategy.channels);
  const values: KpiValue[] = [];
  const push = (day: string, value: number | null) => {
    if (value !== null && Number.isFinite(value)) values.push({ date: day, value });
  };

  const count = COUNT_METRICS[metric];
  if (count) {
    const sum = windowSum(count);
    for (const day of days) push(day, sum(day));
  } else if (metric === 'followers') {
    for (const day of days) push(day, followersOn(day));
  } else if (metric === 'follower_growth') {
    for (const day of days) {
      const [start, end] = [followersOn(addDays(day, -KPI_WINDOW_DAYS)), followersOn(day)];
      push(day, start === null || end === null ? null : followerGrowth({ start, end }));
    }
  } else if (metric === 'engagement_rate') {
    const [engagements, posts, impressions] = [windowSum('engagements'), windowSum('posts_published'), windowSum('impressions')];
    for (const day of days)
      push(
        day,
        engagementRate({ engagements: engagements(day), posts: posts(day), impressions: impressions(day), followers: followersOn(day) })
          ?.value ?? null,
      );
  } else if (metric === 'ctr') {
    const [clicks, impressions] = [windowSum('link_clicks'), windowSum('impressions')];
    for (const day of days) push(day, clickThroughRate({ clicks: clicks(day), impressions: impressions(day) }));
  } else if (metric === 'cost_per_acquisition') {
    const cost = prefixSums(
      inputs.costs.filter((c) => campaign === undefined || c.campaignId === campaign).map((c) => ({ day: c.day, value: c.amount })),
    );
    const conversions = prefixSums(inputs.daily.filter((r) => r.metric === 'conversions' && matches(r)));
    const before = toEpochDay(strategy.period.start) - 1;
    for (const day of days)
      push(day, costPerAcquisition({ cost: cost(before, toEpochDay(day)), conversions: conversions(before, toEpochDay(day)) }));
  } else if (LISTENING_METRICS.has(metric)) {
    const window = (field: 'own' | 'positive' | 'negative' | 'competitors') => {
      const sum = prefixSums(inputs.listening.map((r) => ({ day: r.day, value: r[field] })));
      return (day: string) => sum(toEpochDay(day) - KPI_WINDOW_DAYS, toEpochDay(day));
    };
    const [own, positive, negative, competitors] = [window('own'), window('positive'), window('negative'), window('competitors')];
    for (const day of days) {
      if (metric === 'mentions') push(day, own(day));
      else if (metric === 'share_of_voice') push(day, shareOfVoice({ own: own(day), competitors: [competitors(day)] }));
      else push(day, netSentiment({ positive: positive(day), negative: negative(day) }));
    }
  }
  return values;
}

/** Followers on a day: each counted channel's last reading on or before it, summed; null before any. */
function followersLookup(readings: MeasuredInputs['followers'], channel: string | undefined, channels: Strategy['channels']) {
  const counted = channel === undefined ? new Set(channels.map((c) => c.id)) : new Set([channel]);
  const byChannel = new Map<string, { day: number; followers: number }[]>();
  for (const r of readings) {
    if (!counted.has(r.channelId)) continue;
    const list = byChannel.get(r.channelId) ?? [];
    list.push({ day: toEpochDay(r.day), followers: r.followers });
    byChannel.set(r.channelId, list);
  }
  for (const list of byChannel.values()) list.sort((a, b) => a.day - b.day);
  return (day: string): number | null => {
    const at = toEpochDay(day);
    let total: number | null = null;
    for (const list of byChannel.values()) {
      let last: number | null = null;
      for (const r of list) {
        if (r.day > at) break;
        last = r.followers;
      }
      if (last !== null) total = (total ?? 0) + last;
    }
    return total;
  };
}

/**
 * Every KPI's values on `asOf` (ISO date), by KPI id: measured ones (rollups, follower snapshots,
 * costs, listening hits) and those entered or imported. Five queries at most, whatever the number of KPIs.
 */
export async function loadKpiValues(
  q: Queryable,
  workspaceId: string,
  strategy: Pick<Strategy, 'id' | 'period' | 'channels' | 'objectives'>,
  asOf: string,
): Promise<Map<string, KpiValue[]>> {
  const kpis = strategy.objectives.flatMap((o) => o.kpis);
  const from = addDays(strategy.period.start, -KPI_WINDOW_DAYS);
  const measured = kpis.some((k) => k.source && k.source.metric !== 'manual');
  const needed = kpiDailyInputs(kpis);
  const listening = kpis.some((k) => LISTENING_METRICS.has(k.source?.metric ?? ''));
  const [daily, followers, costs, entered, hits] = await Promise.all([
    needed.metrics.length
      ? q.query<{ metric: string; campaign_id: string; channel_id: string; day: string; value: number }>(
          // '' where no KPI counts the metric by campaign or channel: the rows of every one summed.
          `SELECT metric, CASE WHEN metric = ANY($6) THEN campaign_id ELSE '' END AS campaign_id,
                  CASE WHEN metric = ANY($7) THEN channel_id ELSE '' END AS channel_id,
                  (bucket AT TIME ZONE 'UTC')::date::text AS day, sum(value) AS value
             FROM metric_rollups
            WHERE workspace_id = $1 AND grain = 'day' AND strategy_id = $2 AND bucket >= $3::date::timestamp AT TIME ZONE 'UTC'
              AND bucket < ($4::date + 1)::timestamp AT TIME ZONE 'UTC' AND metric = ANY($5)
            GROUP BY 1, 2, 3, 4`,
          [workspaceId, strategy.id, from, asOf, needed.metrics, needed.byCampaign, needed.byChannel],
        )
      : { rows: [] },
    measured
      ? q.query<{ channel_id: string; day: string; followers: number }>(
          `SELECT channel_id, day, followers FROM follower_snapshots
            WHERE workspace_id = $1 AND strategy_id = $2 AND day >= $3 AND day <= $4`,
          [workspaceId, strategy.id, from, asOf],
        )
      : { rows: [] },
    measured
      ? q.query<{ campaign_id: string; day: string; amount: string }>(
          `SELECT c.campaign_id, c.spent_on AS day, sum(c.amount) AS amount
             FROM campaign_costs c JOIN campaigns k ON k.workspace_id = c.workspace_id AND k.id = c.campaign_id
            WHERE c.workspace_id = $1 AND k.strategy_id = $2 AND c.spent_on <= $3
            GROUP BY 1, 2`,
          [workspaceId, strategy.id, asOf],
        )
      : { rows: [] },
    q.query<{ kpi_id: string; day: string; value: number }>(
      'SELECT kpi_id, day, value FROM kpi_values WHERE workspace_id = $1 AND strategy_id = $2 AND day <= $3 ORDER BY day, entered_at',
      [workspaceId, strategy.id, asOf],
    ),
    listening
      ? q.query<{ day: string; own: string; positive: string; negative: string; competitors: string }>(
          // A mention counts once per side and day however many of the side's queries it matched; a
          // mention on both sides (it names the brand and a competitor) counts on both.
          `WITH qs AS (
             SELECT id, role FROM listening_queries WHERE workspace_id = $1 AND strategy_id = $2
           ), own AS (
             SELECT id FROM qs WHERE role = 'brand' OR (role = 'topic' AND NOT EXISTS (SELECT 1 FROM qs WHERE role = 'brand'))
           ), hits AS (
             SELECT mm.mention_id, (mm.posted_at AT TIME ZONE 'UTC')::date AS day, mm.sentiment,
                    bool_or(mm.query_id IN (SELECT id FROM own)) AS own,
                    bool_or(mm.query_id IN (SELECT id FROM qs WHERE role = 'competitor')) AS competitor
               FROM mention_matches mm
              WHERE mm.workspace_id = $1 AND mm.query_id IN (SELECT id FROM qs)
                AND mm.posted_at >= $3::date::timestamp AT TIME ZONE 'UTC' AND mm.posted_at < ($4::date + 1)::timestamp AT TIME ZONE 'UTC'
              GROUP BY mm.mention_id, 2, 3
           )
           SELECT day::text, count(*) FILTER (WHERE own) AS own, count(*) FILTER (WHERE own AND sentiment = 'positive') AS positive,
                  count(*) FILTER (WHERE own AND sentiment = 'negative') AS negative, count(*) FILTER (WHERE competitor) AS competitors
             FROM hits GROUP BY day`,
          [workspaceId, strategy.id, from, asOf],
        )
      : { rows: [] },
  ]);
  const inputs: MeasuredInputs = {
    daily: daily.rows.map((r) => ({
      metric: r.metric,
      campaignId: r.campaign_id,
      channelId: r.channel_id,
      day: r.day,
      value: Number(r.value),
    })),
    followers: followers.rows.map((r) => ({ channelId: r.channel_id, day: r.day, followers: r.followers })),
    costs: costs.rows.map((r) => ({ campaignId: r.campaign_id, day: r.day, amount: Number(r.amount) })),
    listening: hits.rows.map((r) => ({
      day: r.day,
      own: Number(r.own),
      positive: Number(r.positive),
      negative: Number(r.negative),
      competitors: Number(r.competitors),
    })),
  };
  const values = new Map<string, KpiValue[]>(kpis.map((k) => [k.id, measuredKpiValues(k, strategy, inputs, asOf)]));
  for (const [id, inbox] of await loadInboxKpiValues(q, workspaceId, strategy, asOf)) values.set(id, inbox);
  for (const row of entered.rows) values.get(row.kpi_id)?.push({ date: row.day, value: Number(row.value) });
  return values;
}

// ─── The inbox's response KPIs: first_response_minutes and response_rate ─────────────────────────

const INBOX_METRICS: ReadonlySet<string> = new Set(['first_response_minutes', 'response_rate']);
/** Items read for a strategy's response KPIs at most (the most recent ones). */
const INBOX_MAX_ITEMS = 100_000;

/** What the response KPIs are computed from: each inbox item's arrival and first response, and the business hours. */
export interface InboxInputs {
  items: readonly { receivedAt: Date; firstResponseAt: Date | null; channelId: string | null }[];
  businessHours: BusinessHours | null;
}

/**
 * Pure: the values of a response KPI on each sample day, over the items received in the
 * {@link KPI_WINDOW_DAYS} days ending that day (on the KPI's channel when it names one):
 * first_response_minutes = median minutes to the first reply over the answered ones (business minutes
 * where business hours are set), response_rate = answered / received. No value for a window with nothing
 * to measure.
 */
export function inboxKpiValues(kpi: Kpi, strategy: Pick<Strategy, 'period'>, inputs: InboxInputs, asOf: string): KpiValue[] {
  const metric = kpi.source?.metric ?? '';
  if (!INBOX_METRICS.has(metric)) return [];
  const channel = kpi.source?.channel ?? kpi.channel;
  const items = inputs.items.filter((i) => channel === undefined || i.channelId === channel);
  const values: KpiValue[] = [];
  for (const day of sampleDays(strategy.period.start, asOf)) {
    const end = (toEpochDay(day) + 1) * 86_400_000;
    const start = end - KPI_WINDOW_DAYS * 86_400_000;
    const window = items.filter((i) => i.receivedAt.getTime() >= start && i.receivedAt.getTime() < end);
    // An answer given after the day is not known on that day.
    const messages = window.map((i) => ({
      receivedAt: i.receivedAt.toISOString(),
      firstReplyAt: i.firstResponseAt !== null && i.firstResponseAt.getTime() < end ? i.firstResponseAt.toISOString() : null,
    }));
    let value: number | null;
    if (metric === 'response_rate') value = responseRate(messages);
    else if (inputs.businessHours === null) value = firstResponseMinutes(messages);
    else
      value = median(
        messages
          .filter((m) => m.firstReplyAt !== null)
          .map((m) => responseMinutes(new Date(m.receivedAt), new Date(m.firstReplyAt!), inputs.businessHours)),
      );
    if (value !== null && Number.isFinite(value)) values.push({ date: day, value });
  }
  return values;
}

/** The response KPIs' values by KPI id, in one bounded query (none when no KPI asks for them). */
async function loadInboxKpiValues(
  q: Queryable,
  workspaceId: string,
  strategy: Pick<Strategy, 'period' | 'objectives'>,
  asOf: string,
): Promise<Map<string, KpiValue[]>> {
  const kpis = strategy.objectives.flatMap((o) => o.kpis).filter((k) => INBOX_METRICS.has(k.source?.metric ?? ''));
  if (kpis.length === 0) return new Map();
  const { rows } = await q.query<{
    hours: BusinessHours | null;
    items: { received_at: string; first_response_at: string | null; channel_id: string | null }[];
  }>(
    `SELECT (SELECT business_hours FROM inbox_settings WHERE workspace_id = $1) AS hours,
            coalesce((SELECT json_agg(x) FROM (
              SELECT received_at, first_response_at, channel_id FROM inbox_items
               WHERE workspace_id = $1 AND received_at >= $2::date::timestamp AT TIME ZONE 'UTC'
                 AND received_at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'
               ORDER BY received_at DESC LIMIT ${INBOX_MAX_ITEMS}) x), '[]') AS items`,
    [workspaceId, addDays(strategy.period.start, -KPI_WINDOW_DAYS), asOf],
  );
  const inputs: InboxInputs = {
    businessHours: rows[0]?.hours ?? null,
    items: (rows[0]?.items ?? []).map((i) => ({
      receivedAt: new Date(i.received_at),
      firstResponseAt: i.first_response_at === null ? null : new Date(i.first_response_at),
      channelId: i.channel_id,
    })),
  };
  return new Map(kpis.map((k) => [k.id, inboxKpiValues(k, strategy, inputs, asOf)]));
}
