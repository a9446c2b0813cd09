/**
 * The composer's working copy of a post, and its translation to the posts API: a create body, or
 * the smallest PATCH that says what changed (sending an unchanged planned time of a scheduled post
 * would be refused; sending unchanged content is harmless but noisy in the audit log).
 */
import { validateVariant, type MediaLookup, type VariantContent, type VariantIssue } from '../../../../src/content/limits.ts';
import { ApiError } from '../../api/client.ts';
import type { CreatePostInput, Post, UpdatePostInput } from '../../api/posts.ts';
import type { StrategyDetail } from '../../api/strategies.ts';
import { TIMED_STATES } from './labels.ts';

/** An image or video of a variant: uploaded to the workspace (`mediaId`), or by URL ('' while it is typed). */
export type MediaDraft = { mediaId: string; alt: string; url?: undefined } | { url: string; alt: string; mediaId?: undefined };

export interface VariantDraft {
  /** False: the variant uses the post's shared text; true: its own `text` (a per-channel override). */
  custom: boolean;
  /** The channel's own text (meaningful when `custom`). */
  text: string;
  media: MediaDraft[];
  link: string;
  /** The link card's title and description ('' for none). */
  linkTitle: string;
  linkDescription: string;
  thread: string[];
  firstComment: string;
}

/** The post's link tracking as the form edits it ('' for "the default"). */
export interface TrackingDraft {
  enabled: boolean;
  utmCampaign: string;
  utmContent: string;
}

export interface PostDraft {
  /** The text every channel uses unless it has its own (a channel ticked later starts from it). */
  text: string;
  strategy: string;
  campaign: string;
  pillar: string;
  /** Ticked channels, in the strategy's order. */
  channels: string[];
  /** Content per channel; kept for unticked channels too, so unticking by mistake loses nothing. */
  variants: Record<string, VariantDraft>;
  /** `YYYY-MM-DDTHH:mm` (or with seconds) in `timezone`; '' for no planned time. */
  localTime: string;
  timezone: string;
  tracking: TrackingDraft;
}

const defaultTracking = (): TrackingDraft => ({ enabled: true, utmCampaign: '', utmContent: '' });

const trackingDraftOf = (t: Post['tracking']): TrackingDraft => ({
  enabled: t.enabled !== false,
  utmCampaign: t.utmCampaign ?? '',
  utmContent: t.utmContent ?? '',
});

/** What the API stores for the form's tracking: only what differs from the defaults (`{}`: none). */
export const trackingOf = (t: TrackingDraft): Post['tracking'] => ({
  ...(t.enabled ? {} : { enabled: false }),
  ...(t.utmCampaign.trim() ? { utmCampaign: t.utmCampaign.trim() } : {}),
  ...(t.utmContent.trim() ? { utmContent: t.utmContent.trim() } : {}),
});

export const emptyVariant = (): VariantDraft => ({
  custom: false,
  text: '',
  media: [],
  link: '',
  linkTitle: '',
  linkDescription: '',
  thread: [],
  firstComment: '',
});

/** Anything written into a draft's variants (text, link, images, thread, first comment). */
export const hasContent = (draft: PostDraft): boolean =>
  draft.text.trim() !== '' ||
  Object.values(draft.variants).some(
    (v) =>
      v.text.trim() !== '' ||
      v.link.trim() !== '' ||
      v.media.length > 0 ||
      v.thread.some((t) => t.trim() !== '') ||
      v.firstComment.trim() !== '',
  );

export function newDraft(strategy: StrategyDetail | undefined, timezone: string): PostDraft {
  const channels = strategy?.strategy.channels.map((c) => c.id) ?? [];
  return {
    text: '',
    strategy: strategy?.strategy.id ?? '',
    campaign: '',
    pillar: '',
    channels: channels.slice(0, 1),
    variants: Object.fromEntries(channels.map((c) => [c, emptyVariant()])),
    localTime: '',
    timezone,
    tracking: defaultTracking(),
  };
}

const fromContent = (c: VariantContent, shared: string): VariantDraft => ({
  custom: c.text !== shared,
  text: c.text,
  media: c.media.map((m) => ({ ...m })),
  link: c.link ?? '',
  linkTitle: c.linkTitle ?? '',
  linkDescription: c.linkDescription ?? '',
  thread: [...c.thread],
  firstComment: c.firstComment ?? '',
});

/** The text most variants share (the first one's on a tie): the composer's shared text for a stored post. */
export function sharedTextOf(texts: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  let best = texts[0] ?? '';
  for (const t of texts) if ((counts.get(t) ?? 0) > (counts.get(best) ?? 0)) best = t;
  return best;
}

export function draftOf(post: Post): PostDraft {
  const text = sharedTextOf(post.variants.map((v) => v.content.text));
  return {
    text,
    strategy: post.strategy,
    campaign: post.campaign ?? '',
    pillar: post.pillar ?? '',
    channels: post.variants.map((v) => v.channel),
    variants: Object.fromEntries(post.variants.map((v) => [v.channel, fromContent(v.content, text)])),
    localTime: post.localTime ?? '',
    timezone: post.timezone,
    tracking: trackingDraftOf(post.tracking),
  };
}

/** What a variant sends: its own text when it has one, else the post's shared text. */
export function contentOf(v: VariantDraft, shared: string): VariantContent {
  return {
    text: v.custom ? v.text : shared,
    media: v.media.map((m) => (m.mediaId !== undefined ? { mediaId: m.mediaId, alt: m.alt } : { url: m.url.trim(), alt: m.alt })),
    ...(v.link.trim() ? { link: v.link.trim() } : {}),
    // A card's title and description only go with a link (the server refuses them alone).
    ...(v.link.trim() && v.linkTitle.trim() ? { linkTitle: v.linkTitle.trim() } : {}),
    ...(v.link.trim() && v.linkDescription.trim() ? { linkDescription: v.linkDescription.trim() } : {}),
    thread: v.thread,
    ...(v.firstComment.trim() ? { firstComment: v.firstComment } : {}),
  };
}

export function createBody(d: PostDraft, state: 'idea' | 'draft'): CreatePostInput {
  return {
    strategy: d.strategy,
    ...(d.campaign ? { campaign: d.campaign } : {}),
    ...(d.pillar ? { pillar: d.pillar } : {}),
    state,
    ...(d.localTime ? { localTime: d.localTime } : {}),
    timezone: d.timezone,
    ...(Object.keys(trackingOf(d.tracking)).length ? { tracking: trackingOf(d.tracking) } : {}),
    variants: Object.fromEntries(d.channels.map((c) => [c, contentOf(d.variants[c] ?? emptyVariant(), d.text)])),
  };
}

/** JSON with sorted keys (content from JSONB has no key order). */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

/** The PATCH body for what changed between the stored post and the draft; null when nothing did. */
export function updateBody(post: Post, d: PostDraft): UpdatePostInput | null {
  const body: UpdatePostInput = {};
  if ((post.campaign ?? '') !== d.campaign) body.campaign = d.campaign || null;
  if ((post.pillar ?? '') !== d.pillar) body.pillar = d.pillar || null;
  const tracking = trackingOf(d.tracking);
  if (canonical(trackingOf(trackingDraftOf(post.tracking))) !== canonical(tracking))
    body.tracking = Object.keys(tracking).length ? tracking : null;
  // The time of a scheduled post moves only by reschedule (the "When" card says so).
  if (!TIMED_STATES.includes(post.state)) {
    if ((post.localTime ?? '') !== d.localTime) body.localTime = d.localTime || null;
    if (post.timezone !== d.timezone && d.localTime) {
      body.timezone = d.timezone;
      body.localTime = d.localTime;
    }
  }
  const variants: Record<string, VariantContent | null> = {};
  for (const v of post.variants) if (!d.channels.includes(v.channel)) variants[v.channel] = null;
  for (const c of d.channels) {
    const content = contentOf(d.variants[c] ?? emptyVariant(), d.text);
    const stored = post.variants.find((v) => v.channel === c);
    if (!stored || canonical(contentOf(fromContent(stored.content, ''), '')) !== canonical(content)) variants[c] = content;
  }
  if (Object.keys(variants).length) body.variants = variants;
  return Object.keys(body).length ? body : null;
}

/** Every network limit the ticked variants break, as the server would report it on submit (`media`: what the uploads are). */
export function liveIssues(d: PostDraft, strategy: StrategyDetail | undefined, media?: MediaLookup): VariantIssue[] {
  if (!strategy) return [];
  return d.channels.flatMap((c) => {
    const channel = strategy.strategy.channels.find((ch) => ch.id === c);
    return channel ? validateVariant(channel.platform, contentOf(d.variants[c] ?? emptyVariant(), d.text), c, media) : [];
  });
}

/** The ids of the uploads the ticked channels use. */
export const uploadsOf = (d: PostDraft): string[] => [
  ...new Set(d.channels.flatMap((c) => (d.variants[c]?.media ?? []).flatMap((m) => (m.mediaId !== undefined ? [m.mediaId] : [])))),
];

/** Images without alt text: refused by the server, so caught here first (with the field to focus). */
export function missingAlt(d: PostDraft): string | null {
  for (const c of d.channels) {
    const media = d.variants[c]?.media ?? [];
    const i = media.findIndex((m) => (m.mediaId !== undefined || m.url.trim() !== '') && m.alt.trim() === '');
    if (i >= 0) return `/variants/${c}/media/${i}/alt`;
    const j = media.findIndex((m) => m.mediaId === undefined && m.url.trim() === '');
    if (j >= 0) return `/variants/${c}/media/${j}/url`;
  }
  return null;
}

/**
 * The JSON pointer an API error is about: `details.path`, the first of `details.issues` (content
 * limits, or request validation as `body/…`). Null when it names no field.
 */
export function pointerOf(error: unknown): string | null {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return null;
  const details = error.details as { path?: unknown; issues?: { path?: unknown }[] };
  const raw =
    typeof details.path === 'string' ? details.path : typeof details.issues?.[0]?.path === 'string' ? details.issues[0].path : null;
  if (raw === null) return null;
  const pointer = raw.replace(/^(body|querystring|params|headers)/, '');
  return pointer.startsWith('/') ? pointer : `/${pointer}`;
}

/** The nearest valid times the server offers for a local time in a DST gap. */
export function dstAlternatives(error: unknown): { before: string; after: string } | null {
  if (!(error instanceof ApiError) || error.code !== 'post.nonexistent_local_time') return null;
  const d = error.details as { nearestBefore?: string; nearestAfter?: string } | undefined;
  return d?.nearestBefore && d.nearestAfter ? { before: d.nearestBefore, after: d.nearestAfter } : null;
}
