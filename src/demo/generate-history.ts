/**
 * A year of history for the demo strategy, generated: the 365 days ending "now", as the sandbox
 * network, the redirector, the shop and the team would have recorded them. Pure and deterministic
 * (seeded generators, ./random.ts): the same strategy and clock give the same numbers everywhere.
 *
 * What it makes, and how the numbers are chosen so a dashboard tells a story:
 * - posts: each channel publishes at its planned cadence (times a per-network factor: LinkedIn falls
 *   behind its plan, Bluesky posts a little more), on weekdays more than weekends, at the workspace's
 *   posting times; pillars drawn by their planned shares; during a campaign almost half the posts of
 *   its channels belong to it and lean promotional (so the promotional share runs over its limit);
 *   before the strategy's start, the team posted less. One variant per post, published on the
 *   channel's sandbox connection.
 * - followers: one reading per channel per day, from the channel's baseline at the strategy's start,
 *   growing faster while a campaign runs on the channel; the total is ahead of its KPI's plan.
 * - post metrics: each post's final reach follows its channel's followers that day (times a spread
 *   of luck); engagements are a rate of impressions, the bound channel's engagement rate climbing
 *   towards its KPI's target but too slowly (at risk). Snapshots at 1 h, 6 h, 24 h, 3 d, 7 d and 30 d
 *   after publishing, as the collector takes them, on the sandbox's saturating curve; the events are
 *   the differences between snapshots.
 * - links: posts with links get a tracked link (UTM parameters as the wrapper adds them) whose clicks
 *   come in over the week after publishing; each channel's profile link takes the rest of the day's
 *   visitors, whose number follows the unique-visitors KPI's plan (on track). Referrers by network.
 * - conversions: the strategy's own subscriptions through its links, growing; each campaign's
 *   response (tickets, bags) over its phases. The event campaign fills its tickets but mostly free
 *   ones and overspends: negative ROI; the product launch sells well on its budget: positive ROI.
 * - costs: entries per campaign by type (creators and filming before a launch, weekly ads, a venue).
 * - entered KPI values, for KPIs nothing collects (manual ones, and mentions and reply times until
 *   listening and the inbox feed them): month-end (or quarter-end) figures on a pace per KPI.
 * Nothing is dated after "now": the last day is as far as it got.
 */
import { IANAZone } from 'luxon';
import type { VariantContent } from '../content/limits.ts';
import type { MetricEvent } from '../measure/events.ts';
import { KPI_WINDOW_DAYS } from '../measure/kpi-values.ts';
import { addMonths, fromEpochDay, toEpochDay } from '../plan/dates.ts';
import { kpiSourceChannel, MANUAL_METRIC } from '../plan/metrics.ts';
import type { Campaign, Channel, Kpi, Platform, Strategy } from '../plan/schema.ts';
import { writePost } from './post-texts.ts';
import { DemoRandom } from './random.ts';

/** Days of history, ending on the clock's day. */
export const HISTORY_DAYS = 365;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** When the collector snapshots a post's metrics, in hours after publishing. */
const SNAPSHOT_HOURS = [1, 6, 24, 72, 168, 720] as const;
/** The sandbox's reaction curve: the share of a post's final counts reached after t hours (time constant). */
const REACTION_HOURS = 8;
/** A post's link is clicked over this many days, most on the first. */
const CLICK_DAYS = 7;

// ——— the story's knobs ———

/** How each network behaves. `cadence`: posts published per planned post; `growth`: share of the year's follower growth. */
interface NetworkStory {
  cadence: number;
  growth: number;
  /** Impressions of a post per follower. */
  reach: number;
  /** Engagements per impression, unless a KPI sets the channel's course. */
  engagement: number;
  /** Share of ordinary posts that carry a link. */
  linkShare: number;
  /** Clicks per impression on a post's link. */
  ctr: number;
  /** Weight of a profile's own link among the channels (visitors who come without a post's link). */
  profile: number;
  /** Posting weight Monday … Sunday (sums to 7). */
  week: readonly number[];
  /** Referring domains, the main one first. */
  referrers: readonly string[];
  /** Shares of likes, reposts, replies, quotes in the engagements. */
  split: readonly [number, number, number, number];
}

const WORKWEEK = [1.2, 1.2, 1.2, 1.2, 1.2, 0.6, 0.4];
const DEFAULT_SPLIT = [0.74, 0.12, 0.09, 0.05] as const;
const NETWORKS: Partial<Record<Platform, NetworkStory>> = {
  instagram: {
    cadence: 1,
    growth: 0.42,
    reach: 0.55,
    engagement: 0.035,
    linkShare: 0, // links are not clickable in Instagram posts: the profile's link takes the visitors
    ctr: 0,
    profile: 0.5,
    week: WORKWEEK,
    referrers: ['l.instagram.com', 'www.instagram.com'],
    split: [0.86, 0.04, 0.1, 0],
  },
  bluesky: {
    cadence: 1.1,
    growth: 0.25,
    reach: 0.7,
    engagement: 0.05,
    linkShare: 0.6,
    ctr: 0.015,
    profile: 0.2,
    week: WORKWEEK,
    referrers: ['bsky.app', 'deck.blue'],
    split: DEFAULT_SPLIT,
  },
  mastodon: {
    cadence: 1,
    growth: 0.07,
    reach: 0.6,
    engagement: 0.06,
    linkShare: 0.5,
    ctr: 0.02,
    profile: 0.15,
    week: WORKWEEK,
    referrers: ['social.coop', 'mastodon.social'],
    split: DEFAULT_SPLIT,
  },
  linkedin: {
    cadence: 0.75,
    growth: 0.08,
    reach: 0.5,
    engagement: 0.025,
    linkShare: 0.8,
    ctr: 0.02,
    profile: 0.15,
    week: [1.4, 1.4, 1.4, 1.4, 1.4, 0, 0],
    referrers: ['www.linkedin.com', 'lnkd.in'],
    split: DEFAULT_SPLIT,
  },
  newsletter: {
    cadence: 1,
    growth: 0.18,
    reach: 0.45, // opens
    engagement: 0.04,
    linkShare: 1,
    ctr: 0.08,
    profile: 0,
    week: [0, 0, 0, 7, 0, 0, 0], // Thursdays
    referrers: ['buttondown.email', 'mail.google.com'],
    split: [0.6, 0.1, 0.3, 0],
  },
};
const DEFAULT_NETWORK: NetworkStory = {
  cadence: 1,
  growth: 0.1,
  reach: 0.5,
  engagement: 0.04,
  linkShare: 0.5,
  ctr: 0.015,
  profile: 0.1,
  week: WORKWEEK,
  referrers: [],
  split: DEFAULT_SPLIT,
};

/** Progress as a multiple of the time elapsed: 1 keeps to the plan exactly. */
const PACE = {
  /** Followers across channels: ahead. */
  followers: 1.15,
  /** A channel's engagement rate bound to a KPI: at risk. */
  engagementRate: 0.88,
  /** Unique visitors from social: on track. */
  visitors: 1.1,
  /** The strategy's own conversions (campaign conversions come on top). */
  conversions: 0.55,
};
/** Posting before the strategy started, as a share of the planned cadence. */
const BEFORE_START_CADENCE = 0.7;
/** Share of the year's follower growth rate the channels already had before the start. */
const BEFORE_START_GROWTH = 0.12;
/** Chance that a post on a campaign's channel during the campaign belongs to it. */
const CAMPAIGN_POST_SHARE = 0.45;

/** KPIs that people enter (manual ones, and those no collector feeds yet): how far along, and how often a value (months). */
const ENTERED: Readonly<Record<string, { pace: number; everyMonths: number }>> = {
  'reply-time': { pace: 1.12, everyMonths: 1 }, // achieved by its due date
  'office-leads': { pace: 0.4, everyMonths: 3 }, // behind
};
const ENTERED_DEFAULT = { pace: 1, everyMonths: 1 };

interface CostEntry {
  category: DemoCost['category'];
  /** Share of the budget. */
  share: number;
  /** Days from the campaign's start, 'event' for the event day, 'weekly' for equal entries every week until the event (or the end). */
  at: number | 'event' | 'weekly';
  note: string;
}
interface CampaignStory {
  /** Conversions by the end, × the response target. */
  response: number;
  /** Relative conversion rate in each phase (the last repeats). */
  phases: readonly number[];
  /** Conversions stop on the event day (an event's registrations). */
  untilEvent: boolean;
  /** Chance that a conversion has a value; the value (null: expected revenue / target, ±10 %). */
  paid: number;
  values: readonly number[] | null;
  costs: readonly CostEntry[];
}
const CAMPAIGNS: Partial<Record<Campaign['type'], CampaignStory>> = {
  // Registrations climb towards the day; most tickets are free, a fifth add a tasting box; it runs over budget.
  event: {
    response: 1.07,
    phases: [0.6, 1.6],
    untilEvent: true,
    paid: 0.2,
    values: [19, 29],
    costs: [
      { category: 'other', share: 0.15, at: 3, note: 'Printed invitations and flyers' },
      { category: 'ads', share: 0.4, at: 'weekly', note: 'Local social ads' },
      { category: 'other', share: 0.48, at: 'event', note: 'Venue, coffee and pastries for the day' },
      { category: 'production', share: 0.32, at: 'event', note: 'Photographer and video of the day' },
    ],
  },
};
// A launch: creators and filming up front, weekly ads; sales slow in the teaser, strong after launch.
const DEFAULT_CAMPAIGN: CampaignStory = {
  response: 1.05,
  phases: [0.4, 1.4, 1.2],
  untilEvent: false,
  paid: 1,
  values: null,
  costs: [
    { category: 'influencers', share: 0.27, at: -7, note: 'Sample bags and fees for the creators' },
    { category: 'production', share: 0.14, at: 4, note: 'Filming the first roast' },
    { category: 'ads', share: 0.59, at: 'weekly', note: 'Social ads' },
  ],
};

// ——— what it makes ———

export interface HistoryInput {
  workspaceId: string;
  strategy: Strategy;
  campaigns: readonly Campaign[];
  /** The sandbox connection of each channel (by channel id). */
  connections: ReadonlyMap<string, string>;
  /** The workspace's time zone and posting times (HH:mm, local). */
  timezone: string;
  postingTimes: readonly string[];
  /** The organisation's website, where links lead (no trailing slash). */
  site: string;
  now: Date;
}

/** A published post with its one variant. */
export interface DemoPost {
  id: string;
  variantId: string;
  channelId: string;
  connectionId: string | null;
  campaignId: string | null;
  pillarId: string | null;
  content: VariantContent;
  idempotencyKey: string;
  scheduleToken: string;
  createdAt: Date;
  scheduledAt: Date;
  publishedAt: Date;
}
export interface DemoSnapshot {
  variantId: string;
  takenAt: Date;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  impressions: number;
}
export interface DemoFollowers {
  channelId: string;
  connectionId: string | null;
  day: string;
  followers: number;
  takenAt: Date;
}
export interface DemoLink {
  id: string;
  code: string;
  targetUrl: string;
  campaignId: string | null;
  channelId: string;
  postId: string | null;
  variantId: string | null;
  createdAt: Date;
}
export interface DemoReferrer {
  linkId: string;
  day: string;
  domain: string;
  clicks: number;
}
export interface DemoConversion {
  externalId: string;
  campaignId: string | null;
  linkId: string | null;
  value: number;
  currency: string;
  occurredAt: Date;
}
export interface DemoCost {
  campaignId: string;
  amount: number;
  currency: string;
  category: 'ads' | 'production' | 'influencers' | 'tools' | 'other';
  spentOn: string;
  note: string;
}
export interface DemoKpiValue {
  kpiId: string;
  day: string;
  value: number;
}
export interface DemoHistory {
  posts: DemoPost[];
  snapshots: DemoSnapshot[];
  followers: DemoFollowers[];
  links: DemoLink[];
  referrers: DemoReferrer[];
  conversions: DemoConversion[];
  costs: DemoCost[];
  kpiValues: DemoKpiValue[];
  /** Every counted fact, in metric_events' terms (source 'demo'). */
  events: MetricEvent[];
}

// ——— helpers ———

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const dayStartMs = (epochDay: number) => epochDay * DAY_MS;
const epochDayOf = (ms: number) => Math.floor(ms / DAY_MS);
/** Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
const weekday = (epochDay: number) => (((epochDay + 3) % 7) + 7) % 7;
const networkOf = (channel: Channel): NetworkStory => NETWORKS[channel.platform] ?? DEFAULT_NETWORK;
const allKpis = (strategy: Strategy): Kpi[] => strategy.objectives.flatMap((o) => o.kpis);

/** The elapsed share of a KPI's window [strategy start, due] on a day (negative before the start, not clamped). */
function windowShare(strategy: Strategy, due: string | undefined, epochDay: number): number {
  const start = toEpochDay(strategy.period.start);
  const end = toEpochDay(due ?? strategy.period.end);
  return end <= start ? 1 : (epochDay - start) / (end - start);
}

/** The KPI bound to `metric` without a channel or campaign (the strategy-wide one). */
const strategyKpi = (strategy: Strategy, metric: string) =>
  allKpis(strategy).find((k) => k.source?.metric === metric && kpiSourceChannel(k) === undefined && k.source.campaign === undefined);

/** The point a KPI's plan reaches at share `t` of its window, walked at `pace`. */
const planned = (kpi: Kpi, t: number, pace: number) => kpi.baseline! + (kpi.target! - kpi.baseline!) * pace * t;
const hasTargets = (kpi: Kpi | undefined): kpi is Kpi => kpi?.baseline !== undefined && kpi.target !== undefined;

export function generateHistory(input: HistoryInput): DemoHistory {
  const { strategy, workspaceId } = input;
  const nowMs = input.now.getTime();
  const today = epochDayOf(nowMs);
  const first = today - (HISTORY_DAYS - 1);
  const start = toEpochDay(strategy.period.start);
  const channels = strategy.channels;
  const currency = strategy.resources.budget?.currency ?? 'EUR';
  const out: DemoHistory = {
    posts: [],
    snapshots: [],
    followers: [],
    links: [],
    referrers: [],
    conversions: [],
    costs: [],
    kpiValues: [],
    events: [],
  };
  const event = (e: Omit<MetricEvent, 'workspaceId' | 'source' | 'strategyId'>) => {
    if (e.occurredAt.getTime() <= nowMs && e.value !== 0) out.events.push({ ...e, workspaceId, source: 'demo', strategyId: strategy.id });
  };
  const campaignsOn = (channelId: string, epochDay: number) =>
    input.campaigns.filter((c) => c.channels.includes(channelId) && toEpochDay(c.start) <= epochDay && epochDay <= toEpochDay(c.end));

  // ——— followers: a reading per channel and day ———
  const followersKpi = strategyKpi(strategy, 'followers');
  const baseTotal = channels.reduce((sum, c) => sum + (c.baseline?.followers ?? 0), 0);
  const yearGrowth = hasTargets(followersKpi) ? followersKpi.target! - followersKpi.baseline! : baseTotal * 0.3;
  const tToday = windowShare(strategy, followersKpi?.due, today);
  const growthWeights = channels.map((c) => networkOf(c).growth);
  const growthTotal = growthWeights.reduce((a, b) => a + b, 0) || 1;
  const followers = new Map<string, number[]>();
  {
    const rnd = new DemoRandom('demo/followers');
    channels.forEach((channel, i) => {
      const base = channel.baseline?.followers ?? 500;
      const growth = (yearGrowth * growthWeights[i]!) / growthTotal;
      // Daily increments from the start to today, faster during the channel's campaigns, scaled so
      // that today's reading lands where the story wants it.
      const steps: number[] = [];
      for (let d = Math.max(start, first); d <= today; d++)
        steps.push(Math.max(0, 0.75 + 0.5 * rnd.next() + (campaignsOn(channel.id, d).length ? 1.5 : 0)));
      const stepTotal = steps.reduce((a, b) => a + b, 0) || 1;
      const reached = growth * PACE.followers * Math.max(0, tToday);
      const series: number[] = [];
      let cumulative = 0;
      for (let d = first; d <= today; d++) {
        let value: number;
        if (d < start) value = base * (1 + BEFORE_START_GROWTH * windowShare(strategy, followersKpi?.due, d)) + rnd.normal() * 2;
        else {
          cumulative += steps[d - Math.max(start, first)]!;
          value = base + (reached * cumulative) / stepTotal;
        }
        series.push(Math.max(0, Math.round(value)));
        const takenAt = new Date(dayStartMs(d) + 5 * 60_000);
        if (takenAt.getTime() <= nowMs)
          out.followers.push({
            channelId: channel.id,
            connectionId: input.connections.get(channel.id) ?? null,
            day: fromEpochDay(d),
            followers: series[series.length - 1]!,
            takenAt,
          });
      }
      followers.set(channel.id, series);
    });
  }
  const followersOn = (channelId: string, epochDay: number) =>
    followers.get(channelId)?.[clamp(epochDay - first, 0, HISTORY_DAYS - 1)] ?? 0;

  // Each channel's engagement rate on a day: a KPI bound to it sets the course.
  const rateKpis = new Map(
    allKpis(strategy)
      .filter((k) => k.source?.metric === 'engagement_rate' && hasTargets(k))
      .map((k) => [kpiSourceChannel(k), k] as const),
  );
  const engagementRate = (channel: Channel, epochDay: number) => {
    const kpi = rateKpis.get(channel.id);
    const t = Math.max(0, windowShare(strategy, kpi?.due, epochDay));
    return kpi ? planned(kpi, t, PACE.engagementRate) : networkOf(channel).engagement * (1 + 0.15 * t);
  };

  // ——— posts, their metrics and links ———
  const postRnd = new DemoRandom('demo/posts');
  const textRnd = new DemoRandom('demo/texts');
  const idRnd = new DemoRandom('demo/ids');
  const linkRnd = new DemoRandom('demo/links');
  const promotional = strategy.pillars.filter((p) => p.promotional);
  /** A pillar by the planned shares (a campaign's posts: of the pillars that are not promotional, if any). */
  const pickPillar = (r: DemoRandom, campaign: boolean) => {
    const pool =
      campaign && promotional.length < strategy.pillars.length ? strategy.pillars.filter((p) => !p.promotional) : strategy.pillars;
    return pool.length ? r.weighted(pool.map((p) => [p, p.share] as const)) : null;
  };
  /** Post links' unique visitors per day: [link, uniques] by day index. */
  const postVisitors: { link: DemoLink; uniques: number }[][] = Array.from({ length: HISTORY_DAYS }, () => []);
  const times = input.postingTimes.length ? input.postingTimes : ['09:00'];
  // The zone's offset (minutes) on a day, taken at noon UTC: daytime posting hours are past any DST switch.
  const zone = IANAZone.create(input.timezone);
  const offsets = new Map<number, number>();
  const offsetOn = (d: number) => {
    let o = offsets.get(d);
    if (o === undefined) offsets.set(d, (o = zone.offset(dayStartMs(d) + 12 * HOUR_MS)));
    return o;
  };

  for (const channel of channels) {
    const net = networkOf(channel);
    const cadence = channel.cadence?.postsPerWeek ?? 0;
    let due = postRnd.next();
    for (let d = first; d <= today; d++) {
      const perDay = ((cadence * net.cadence * (d < start ? BEFORE_START_CADENCE : 1)) / 7) * (net.week[weekday(d)] ?? 1);
      due += perDay * (0.6 + 0.8 * postRnd.next());
      const firstSlot = postRnd.int(0, times.length - 1);
      for (let k = 0; due >= 1; k++, due -= 1) {
        const time = times[(firstSlot + k) % times.length]!;
        const [hh, mm] = time.split(':').map(Number) as [number, number];
        const scheduled = new Date(dayStartMs(d) + ((hh - offsetOn(d) / 60) * 60 + mm + postRnd.int(0, 5) * 5) * 60_000);
        const publishedAt = new Date(scheduled.getTime() + postRnd.int(300, 2500));
        if (publishedAt.getTime() > nowMs) continue;
        const campaign = postRnd.chance(CAMPAIGN_POST_SHARE) ? (campaignsOn(channel.id, d)[0] ?? null) : null;
        const pillar =
          campaign && promotional.length && postRnd.chance(0.6) ? postRnd.pick(promotional) : pickPillar(postRnd, campaign !== null);
        const post: DemoPost = {
          id: idRnd.uuid(),
          variantId: idRnd.uuid(),
          channelId: channel.id,
          connectionId: input.connections.get(channel.id) ?? null,
          campaignId: campaign?.id ?? null,
          pillarId: pillar?.id ?? null,
          content: { text: '', media: [], thread: [] },
          idempotencyKey: idRnd.uuid(),
          scheduleToken: idRnd.uuid(),
          createdAt: new Date(scheduled.getTime() - postRnd.between(1, 6) * DAY_MS),
          scheduledAt: scheduled,
          publishedAt,
        };
        const withLink = net.linkShare > 0 && (campaign !== null || pillar?.promotional === true || postRnd.chance(net.linkShare));
        const written = writePost(textRnd, {
          pillar: pillar?.id ?? 'news',
          pillarName: pillar?.name ?? 'News',
          channel,
          campaign,
          campaignShare: campaign
            ? (d - toEpochDay(campaign.start)) / Math.max(1, toEpochDay(campaign.end) - toEpochDay(campaign.start))
            : 0,
          site: input.site,
        });
        post.content = {
          text: written.text,
          media: channel.platform === 'instagram' ? [{ url: `${input.site}/media/demo/${written.slug}.jpg`, alt: written.alt }] : [],
          ...(withLink ? { link: written.url } : {}),
          thread: [],
        };
        out.posts.push(post);
        event({ occurredAt: publishedAt, metric: 'posts_published', value: 1, ...dims(post) });
        const impressions = postMetrics(postRnd, post, channel, followersOn(channel.id, d), engagementRate(channel, d), nowMs, out, event);
        if (withLink) {
          const link: DemoLink = {
            id: idRnd.uuid(),
            code: linkRnd.code(10),
            targetUrl: withUtm(written.url, channel.platform, campaign?.id ?? strategy.id, post.variantId),
            campaignId: post.campaignId,
            channelId: channel.id,
            postId: post.id,
            variantId: post.variantId,
            createdAt: publishedAt,
          };
          out.links.push(link);
          // Its clicks over the following week, most on the day itself.
          const uniques = impressions * net.ctr * linkRnd.between(0.7, 1.3) * 0.85;
          const weights = Array.from({ length: CLICK_DAYS }, (_, a) => Math.exp(-a / 1.2));
          const weightTotal = weights.reduce((a, b) => a + b, 0);
          weights.forEach((w, a) => {
            const day = d + a - first;
            const n = Math.round((uniques * w) / weightTotal + linkRnd.next() - 0.5);
            if (day < HISTORY_DAYS && n > 0) postVisitors[day]!.push({ link, uniques: n });
          });
        }
      }
    }
  }

  // ——— visitors: post links' clicks, and the profile links take the rest of each day's plan ———
  const visitorsKpi = strategyKpi(strategy, 'unique_visitors');
  const profileChannels = channels.filter((c) => networkOf(c).profile > 0);
  const profileLinks = new Map(
    profileChannels.map((c) => {
      const link: DemoLink = {
        id: idRnd.uuid(),
        code: linkRnd.code(10),
        targetUrl: withUtm(`${input.site}/`, c.platform, strategy.id, 'profile'),
        campaignId: null,
        channelId: c.id,
        postId: null,
        variantId: null,
        createdAt: new Date(dayStartMs(first) - 30 * DAY_MS),
      };
      out.links.push(link);
      return [c.id, link] as const;
    }),
  );
  const visitorsOn: { link: DemoLink; uniques: number }[][] = [];
  const clickRnd = new DemoRandom('demo/clicks');
  for (let d = first; d <= today; d++) {
    const i = d - first;
    const monthly = hasTargets(visitorsKpi)
      ? planned(visitorsKpi, windowShare(strategy, visitorsKpi.due, d), PACE.visitors)
      : 1200 * (1 + 0.5 * windowShare(strategy, undefined, d));
    const wanted = Math.max(0, (monthly / KPI_WINDOW_DAYS) * (weekday(d) >= 5 ? 0.8 : 1.08) * clickRnd.between(0.85, 1.15));
    const fromPosts = postVisitors[i]!.reduce((sum, v) => sum + v.uniques, 0);
    const rest = Math.max(0, wanted - fromPosts);
    const profileTotal = profileChannels.reduce((sum, c) => sum + networkOf(c).profile, 0) || 1;
    const day = [...postVisitors[i]!];
    for (const c of profileChannels) {
      const n = Math.round((rest * networkOf(c).profile) / profileTotal + clickRnd.next() - 0.5);
      if (n > 0) day.push({ link: profileLinks.get(c.id)!, uniques: n });
    }
    visitorsOn.push(day);
    for (const { link, uniques } of day) {
      const at = new Date(Math.max(dayStartMs(d) + clickRnd.between(6, 22) * HOUR_MS, link.createdAt.getTime() + 60_000));
      if (epochDayOf(at.getTime()) !== d || at.getTime() > nowMs) continue;
      const clicks = Math.round(uniques * clickRnd.between(1.1, 1.4));
      const linkDims = {
        campaignId: link.campaignId,
        channelId: link.channelId,
        postId: link.postId,
        variantId: link.variantId,
        linkId: link.id,
      };
      event({ occurredAt: at, metric: 'link_clicks', value: clicks, ...linkDims });
      event({ occurredAt: at, metric: 'unique_visitors', value: uniques, ...linkDims });
      const domains = networkOf(channels.find((c) => c.id === link.channelId)!).referrers;
      // Most clicks name the network, some another client; the rest send no referrer at all.
      const main = Math.round(clicks * 0.8);
      const second = Math.round(clicks * 0.12);
      if (domains[0] && main > 0) out.referrers.push({ linkId: link.id, day: fromEpochDay(d), domain: domains[0], clicks: main });
      if (domains[1] && second > 0) out.referrers.push({ linkId: link.id, day: fromEpochDay(d), domain: domains[1], clicks: second });
    }
  }

  // ——— conversions: the strategy's own, and each campaign's ———
  const convRnd = new DemoRandom('demo/conversions');
  let serial = 0;
  const convert = (at: Date, value: number, campaignId: string | null, link: DemoLink | null) => {
    if (at.getTime() > nowMs) return;
    serial++;
    out.conversions.push({
      externalId: `demo-${String(serial).padStart(5, '0')}`,
      campaignId,
      linkId: link?.id ?? null,
      value,
      currency,
      occurredAt: at,
    });
    const convDims = {
      campaignId,
      channelId: link?.channelId ?? null,
      postId: link?.postId ?? null,
      variantId: link?.variantId ?? null,
      linkId: link?.id ?? null,
    };
    event({ occurredAt: at, metric: 'conversions', value: 1, ...convDims });
    event({ occurredAt: at, metric: 'revenue', value, ...convDims });
  };
  const atOn = (d: number) => new Date(dayStartMs(d) + convRnd.between(7, 23) * HOUR_MS);

  const conversionsKpi = strategyKpi(strategy, 'conversions');
  let pending = 0;
  for (let d = first; d <= today; d++) {
    const monthly = hasTargets(conversionsKpi)
      ? planned(conversionsKpi, Math.max(windowShare(strategy, conversionsKpi.due, d), -0.2), PACE.conversions)
      : 20;
    pending += (monthly / KPI_WINDOW_DAYS) * convRnd.between(0.5, 1.5);
    const visits = visitorsOn[d - first]!.filter((v) => v.link.campaignId === null);
    for (; pending >= 1; pending--) {
      const link = visits.length ? convRnd.weighted(visits.map((v) => [v.link, v.uniques] as const)) : null;
      convert(atOn(d), convRnd.pick([19, 24, 24, 42]), null, link);
    }
  }

  for (const campaign of input.campaigns) {
    const story = CAMPAIGNS[campaign.type] ?? DEFAULT_CAMPAIGN;
    const cStart = toEpochDay(campaign.start);
    const cEnd = toEpochDay(campaign.end);
    const phases = campaign.phases.map((p) => [toEpochDay(p.start), toEpochDay(p.end)] as const);
    // An event happens on the last day before its follow-up phase (or its last day).
    const eventDay = phases.length >= 2 ? phases[phases.length - 2]![1] : cEnd;
    const lastDay = story.untilEvent ? eventDay : cEnd;
    const rateOn = (d: number) => {
      const phase = phases.findIndex(([s, e]) => s <= d && d <= e);
      return story.phases[clamp(phase, 0, story.phases.length - 1)]!;
    };
    let weightTotal = 0;
    for (let d = cStart; d <= lastDay; d++) weightTotal += rateOn(d);
    const target = (campaign.response?.target ?? 0) * story.response;
    const unit =
      campaign.expectedRevenue !== undefined && campaign.response?.target ? campaign.expectedRevenue / campaign.response.target : 15;
    const campaignLinks = out.links.filter((l) => l.campaignId === campaign.id);
    let owed = 0;
    for (let d = cStart; d <= Math.min(lastDay, today); d++) {
      owed += (target * rateOn(d) * convRnd.between(0.7, 1.3)) / (weightTotal || 1);
      const live = campaignLinks.filter((l) => epochDayOf(l.createdAt.getTime()) <= d).slice(-6);
      for (; owed >= 1; owed--) {
        const value = !convRnd.chance(story.paid)
          ? 0
          : story.values
            ? convRnd.pick(story.values)
            : Math.round(unit * convRnd.between(0.9, 1.1));
        convert(atOn(d), value, campaign.id, live.length && convRnd.chance(0.6) ? convRnd.pick(live) : null);
      }
    }
    // Costs: what was spent up to today.
    const budget = campaign.budget?.amount ?? 0;
    const weeklyUntil = story.untilEvent ? eventDay : cEnd;
    for (const entry of story.costs) {
      const days =
        entry.at === 'weekly'
          ? Array.from({ length: Math.ceil((weeklyUntil - cStart + 1) / 7) }, (_, w) => cStart + 7 * w)
          : [entry.at === 'event' ? eventDay : cStart + entry.at];
      for (const d of days) {
        if (d > today) continue;
        const amount = Math.round(((budget * entry.share) / days.length) * (days.length > 1 ? convRnd.between(0.85, 1.15) : 1));
        out.costs.push({
          campaignId: campaign.id,
          amount,
          currency: campaign.budget?.currency ?? currency,
          category: entry.category,
          spentOn: fromEpochDay(d),
          note: entry.note,
        });
      }
    }
  }

  // ——— values people entered ———
  const kpiRnd = new DemoRandom('demo/kpi-values');
  for (const kpi of allKpis(strategy)) {
    const known = ENTERED[kpi.id];
    if (!hasTargets(kpi) || (kpi.source?.metric !== MANUAL_METRIC && !known)) continue;
    const { pace, everyMonths } = known ?? ENTERED_DEFAULT;
    const whole = Number.isInteger(kpi.baseline) && Number.isInteger(kpi.target);
    // The last day of each period since the start, once the period is over.
    for (let k = everyMonths; ; k += everyMonths) {
      const d = toEpochDay(addMonths(strategy.period.start, k)) - 1;
      if (d >= today) break;
      const t = clamp(windowShare(strategy, kpi.due, d), 0, 1);
      const noise = kpiRnd.normal() * 0.03 * Math.abs(kpi.target! - kpi.baseline!);
      const value = planned(kpi, t, pace) + noise;
      out.kpiValues.push({ kpiId: kpi.id, day: fromEpochDay(d), value: whole ? Math.round(value) : Number(value.toFixed(4)) });
    }
  }
  return out;
}

/** The dimensions of a post's events. */
const dims = (post: DemoPost) => ({ campaignId: post.campaignId, channelId: post.channelId, postId: post.id, variantId: post.variantId });

/**
 * A post's snapshots and the events between them; returns its final impressions. Final counts come
 * from the followers reached and the engagement rate; each snapshot has the share the sandbox's
 * curve reaches by then (1 − e^(−t/8), scaled to reach 1 at 30 days).
 */
function postMetrics(
  rnd: DemoRandom,
  post: DemoPost,
  channel: Channel,
  followers: number,
  rate: number,
  nowMs: number,
  out: DemoHistory,
  event: (e: Omit<MetricEvent, 'workspaceId' | 'source' | 'strategyId'>) => void,
): number {
  const net = networkOf(channel);
  const luck = Math.exp(0.35 * rnd.normal());
  const impressions = Math.round(followers * net.reach * luck * (post.campaignId ? 1.25 : 1));
  const engagements = impressions * rate * rnd.between(0.9, 1.1);
  const finals = net.split.map((share) => Math.round(engagements * share)) as [number, number, number, number];
  const full = 1 - Math.exp(-SNAPSHOT_HOURS[SNAPSHOT_HOURS.length - 1]! / REACTION_HOURS);
  let previous = { likes: 0, reposts: 0, replies: 0, quotes: 0, impressions: 0 };
  for (const hours of SNAPSHOT_HOURS) {
    const takenAt = new Date(post.publishedAt.getTime() + hours * HOUR_MS + rnd.int(0, 120) * 1000);
    if (takenAt.getTime() > nowMs) break;
    const f = (1 - Math.exp(-hours / REACTION_HOURS)) / full;
    const at = (n: number) => Math.floor(n * f + 1e-9);
    const snap = {
      likes: at(finals[0]),
      reposts: at(finals[1]),
      replies: at(finals[2]),
      quotes: at(finals[3]),
      impressions: at(impressions),
    };
    out.snapshots.push({ variantId: post.variantId, takenAt, ...snap });
    const diff = (k: keyof typeof snap) => snap[k] - previous[k];
    for (const metric of ['likes', 'reposts', 'replies', 'quotes', 'impressions'] as const)
      event({ occurredAt: takenAt, metric, value: diff(metric), ...dims(post) });
    event({
      occurredAt: takenAt,
      metric: 'engagements',
      value: diff('likes') + diff('reposts') + diff('replies') + diff('quotes'),
      ...dims(post),
    });
    previous = snap;
  }
  return impressions;
}

/** `url` with the UTM parameters the link wrapper adds at publish time. */
function withUtm(url: string, network: string, campaign: string, content: string): string {
  const params = new URLSearchParams({ utm_source: network, utm_medium: 'social', utm_campaign: campaign, utm_content: content });
  return `${url}${url.includes('?') ? '&' : '?'}${params.toString()}`;
}
