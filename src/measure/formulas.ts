/**
 * Metric formulas — pure arithmetic over counts the connectors, the redirector, the inbox and
 * listening collect. Each returns null where its denominator is 0 (a rate of nothing is unknown, not
 * 0) and throws DomainError `measure.invalid_input` on a negative or non-finite count or a time that
 * is not an ISO 8601 date-time (bad input, not a measurement).
 * Ratios are shares: 0.042 is 4.2 %. Money is in one currency (no conversion happens here).
 *
 * {@link FORMULAS} lists them for the README's table (test/readme.test.ts checks it).
 */
import { DomainError } from '../errors.ts';
import { roi } from '../plan/roi.ts';

export type FormulaUnit = 'ratio' | 'money' | 'minutes';

export interface FormulaDoc {
  /** The exported function computing it. */
  fn: string;
  name: string;
  formula: string;
  unit: FormulaUnit;
}

export const FORMULAS: readonly FormulaDoc[] = [
  {
    fn: 'engagementRate',
    name: 'Engagement rate',
    formula:
      'engagements / impressions; engagements / posts / followers where there are no impressions (the method is returned with the value)',
    unit: 'ratio',
  },
  { fn: 'amplificationRate', name: 'Amplification rate', formula: 'reposts / posts / followers', unit: 'ratio' },
  { fn: 'conversationRate', name: 'Conversation rate', formula: 'replies / posts / followers', unit: 'ratio' },
  { fn: 'clickThroughRate', name: 'Click-through rate (CTR)', formula: 'link clicks / impressions', unit: 'ratio' },
  { fn: 'costPerClick', name: 'Cost per click', formula: 'cost / link clicks', unit: 'money' },
  { fn: 'costPerEngagement', name: 'Cost per engagement', formula: 'cost / engagements', unit: 'money' },
  { fn: 'costPerAcquisition', name: 'Cost per acquisition', formula: 'cost / conversions', unit: 'money' },
  { fn: 'shareOfVoice', name: 'Share of voice', formula: 'own mentions / (own mentions + competitors’ mentions)', unit: 'ratio' },
  {
    fn: 'netSentiment',
    name: 'Net sentiment',
    formula: '(positive − negative mentions) / (positive + negative mentions), from −1 to 1',
    unit: 'ratio',
  },
  {
    fn: 'followerGrowth',
    name: 'Follower growth',
    formula: '(followers at the end − followers at the start) / followers at the start',
    unit: 'ratio',
  },
  {
    fn: 'firstResponseMinutes',
    name: 'First response time',
    formula: 'median of (first reply − received) over answered messages, in minutes',
    unit: 'minutes',
  },
  { fn: 'responseRate', name: 'Response rate', formula: 'answered messages / received messages', unit: 'ratio' },
  { fn: 'returnOnInvestment', name: 'ROI', formula: '(attributed revenue − cost) / cost', unit: 'ratio' },
];

const invalid = (message: string): DomainError => new DomainError('measure.invalid_input', message);

function check(name: string, n: number): number {
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw invalid(`${name} must be a finite number ≥ 0: ${n}`);
  return n;
}

/** a / b, or null when b is 0. */
function per(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

export type EngagementRateMethod = 'per_impression' | 'per_follower';
export interface EngagementRate {
  value: number;
  /** Which denominator was used: rates of the two methods are not comparable. */
  method: EngagementRateMethod;
}

/**
 * Engagements per impression where impressions exist (reported and above 0), else per post per
 * follower — what one post earns among the followers, so a busy month does not read as 200 %; null
 * when neither exists (no impressions, and no posts or no followers).
 */
export function engagementRate(m: {
  engagements: number;
  /** Posts the engagements were earned by. */
  posts: number;
  impressions?: number | null | undefined;
  followers?: number | null | undefined;
}): EngagementRate | null {
  const engagements = check('engagements', m.engagements);
  const posts = check('posts', m.posts);
  if (m.impressions != null && check('impressions', m.impressions) > 0)
    return { value: engagements / m.impressions, method: 'per_impression' };
  if (m.followers != null && check('followers', m.followers) > 0 && posts > 0)
    return { value: engagements / posts / m.followers, method: 'per_follower' };
  return null;
}

/** Reposts per post, per follower: how far followers carry a post (Kaushik's amplification rate). */
export function amplificationRate(m: { reposts: number; posts: number; followers: number }): number | null {
  const perPost = per(check('reposts', m.reposts), check('posts', m.posts));
  return perPost === null ? null : per(perPost, check('followers', m.followers));
}

/** Replies per post, per follower: how much conversation a post starts. */
export function conversationRate(m: { replies: number; posts: number; followers: number }): number | null {
  const perPost = per(check('replies', m.replies), check('posts', m.posts));
  return perPost === null ? null : per(perPost, check('followers', m.followers));
}

export function clickThroughRate(m: { clicks: number; impressions: number }): number | null {
  return per(check('clicks', m.clicks), check('impressions', m.impressions));
}

export function costPerClick(m: { cost: number; clicks: number }): number | null {
  return per(check('cost', m.cost), check('clicks', m.clicks));
}

export function costPerEngagement(m: { cost: number; engagements: number }): number | null {
  return per(check('cost', m.cost), check('engagements', m.engagements));
}

export function costPerAcquisition(m: { cost: number; conversions: number }): number | null {
  return per(check('cost', m.cost), check('conversions', m.conversions));
}

/** The organisation's share of the mentions of it and its competitors. */
export function shareOfVoice(m: { own: number; competitors: readonly number[] }): number | null {
  const own = check('own mentions', m.own);
  const all = m.competitors.reduce((sum, n, i) => sum + check(`competitor ${i + 1} mentions`, n), own);
  return per(own, all);
}

/** (positive − negative) / (positive + negative): neutral mentions do not dilute it. −1 to 1. */
export function netSentiment(m: { positive: number; negative: number }): number | null {
  const positive = check('positive mentions', m.positive);
  const negative = check('negative mentions', m.negative);
  return per(positive - negative, positive + negative);
}

export function followerGrowth(m: { start: number; end: number }): number | null {
  const start = check('followers at the start', m.start);
  return per(check('followers at the end', m.end) - start, start);
}

/** A message that came in, and when it was first answered (absent or null: not yet). */
export interface IncomingMessage {
  /** ISO 8601 date-time with a zone: `2027-03-01T09:30:00Z`, `2027-03-01T10:30:00+01:00`. */
  receivedAt: string;
  firstReplyAt?: string | null | undefined;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

function instant(name: string, value: string): number {
  const ms = typeof value === 'string' && DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms))
    throw invalid(`${name} must be an ISO 8601 date-time with a zone (2027-03-01T09:30:00Z): ${JSON.stringify(value)}`);
  return ms;
}

/** Median minutes from receipt to first reply over the answered messages; null when none was answered. */
export function firstResponseMinutes(messages: readonly IncomingMessage[]): number | null {
  const minutes: number[] = [];
  for (const m of messages) {
    const received = instant('receivedAt', m.receivedAt);
    if (m.firstReplyAt == null) continue;
    const replied = instant('firstReplyAt', m.firstReplyAt);
    if (replied < received) throw invalid(`a reply (${m.firstReplyAt}) cannot come before its message (${m.receivedAt})`);
    minutes.push((replied - received) / 60_000);
  }
  return median(minutes);
}

/** Answered / received; null when nothing was received. */
export function responseRate(messages: readonly IncomingMessage[]): number | null {
  let answered = 0;
  for (const m of messages) {
    instant('receivedAt', m.receivedAt);
    if (m.firstReplyAt != null) {
      instant('firstReplyAt', m.firstReplyAt);
      answered++;
    }
  }
  return per(answered, messages.length);
}

/** Measured ROI, (attributed revenue − cost) / cost: the same formula as the projected ROI of src/plan/roi.ts. */
export function returnOnInvestment(m: { attributedRevenue: number; cost: number }): number | null {
  return roi(check('attributed revenue', m.attributedRevenue), check('cost', m.cost));
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
