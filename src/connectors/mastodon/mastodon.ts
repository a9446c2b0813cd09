/**
 * The Mastodon connector, via masto (`createRestAPIClient({ url, accessToken })`).
 *
 * Connection: `config.url` (the server, e.g. https://mastodon.social; `config.instance` also read),
 * optional `config.visibility` (default `public`); `credentials: { accessToken }` (an OAuth token
 * with the `write:statuses write:media read:accounts read:statuses` scopes).
 *
 * Publishing one variant: images (and a video) uploaded first (`POST /api/v2/media` with `description` = alt
 * text; a 202 without `url` is polled at `GET /api/v1/media/:id` until processed), then the status
 * (`POST /api/v1/statuses`, visibility public), then each `content.thread` part as a reply to the
 * previous one (`in_reply_to_id`) and `content.firstComment` as a reply to the first. A
 * `content.link` that is not already in the text is appended to it (Mastodon makes the card from
 * the first link in the text; a link counts as 23 characters).
 *
 * Exactly once — two layers:
 * 1. Every status is created with an `Idempotency-Key` header (part 0: the variant's key; part i:
 *    `<key>#<i>`), set per call through masto's `requestInit`. Mastodon remembers a key for ONE
 *    HOUR per account and answers a repeat with the status it made the first time.
 * 2. Beyond that hour the header is forgotten, so a retry (`variant.attempt > 1`) first looks for
 *    what an earlier attempt made — see `lookup` — and sends only the missing parts.
 *
 * `lookup`: Mastodon has no lookup by idempotency key, so the connector lists the account's recent
 * statuses (`GET /api/v1/accounts/:id/statuses`, up to 5 pages of 40, back to the variant's due
 * time minus 5 minutes — no attempt can have posted before its due time) and recognises the post
 * by its exact text (rendered HTML turned back into text, text.ts) and image count, then its
 * thread parts among the replies (`GET /api/v1/statuses/:id/context`). It is found only when every
 * part is there; a partial thread counts as not found, and publish then completes it. Limits of
 * this matching, by design:
 * - the same text posted by hand after the due time is taken for ours (no second post is made);
 * - a status edited after publishing, or older than 200 statuses back, is not recognised;
 * - the comparison is of normalised text (whitespace, remote mentions shortened as displayed).
 *
 * Metrics: each status's counts and the account's followers (`read:statuses`, `read:accounts`).
 */
import { createRestAPIClient, type mastodon } from 'masto';
import { findOutboundError } from '../../outbound/errors.ts';
import { createOutbound, type Outbound } from '../../outbound/client.ts';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { PLATFORM_LIMITS, type VariantContent } from '../../content/limits.ts';
import {
  PermanentError,
  type ConnectionContext,
  type Connector,
  type ConnectorLimits,
  type InboundNotification,
  type LookupContext,
  type NotificationPage,
  type OutgoingVariant,
  type PostMetrics,
  type PublishContext,
  type PublishResult,
  type ReplyTarget,
  type VerifyResult,
} from '../connector.ts';
import { loadMedia } from '../bluesky/media.ts';
import { classifyMastodonError } from './errors.ts';
import { contentMatches, htmlToText } from './text.ts';

export const MASTODON_LIMITS: ConnectorLimits = {
  post: PLATFORM_LIMITS.mastodon,
  // Mastodon allows 300 API calls per 5 minutes per account, and 30 media uploads per 30 minutes.
  concurrency: 8,
  // Media upload and processing included.
  timeoutMs: 60_000,
};

/** Mastodon's default image limit (instances may configure less; they answer 422/413 then). */
export const MASTODON_MAX_IMAGE_BYTES = 16 * 1024 * 1024;
/** Mastodon's default video limit (99 MB since 4.2). */
export const MASTODON_MAX_VIDEO_BYTES = 99 * 1024 * 1024;
const MEDIA_EXT: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
};
const LOOKUP_PAGES = 5;
const LOOKUP_PAGE_SIZE = 40;
const CLOCK_SKEW_MS = 5 * 60_000;
/** Notifications per call (Mastodon's maximum) and calls per poll. */
const NOTIFICATIONS_PAGE = 40;
const NOTIFICATIONS_PAGES = 5;

/** Mastodon ids are decimal strings of growing numbers: compare as numbers, not as text. */
const newerId = (a: string, b: string): boolean => (a.length !== b.length ? a.length > b.length : a > b);

type Visibility = 'public' | 'unlisted' | 'private' | 'direct';

export interface MastodonConnectorOptions {
  /** Accept `file://` and absolute local paths as image URLs (tests, demo). Default false. */
  allowLocalFiles?: boolean;
  /** Interval between polls of a media attachment that is still processing. Default 1000 ms. */
  mediaPollMs?: number;
  /**
   * The guarded outbound client (the registry's, with OUTBOUND_ALLOW); by default one that allows no
   * private host. Images are fetched with its `fetch`; masto calls the global fetch itself, so its
   * requests get the guarded `dispatcher`, which checks every connection — redirect hops included.
   */
  outbound?: Outbound;
  now?: () => Date;
}

interface Settings {
  url: string;
  accessToken: string;
  visibility: Visibility;
  fingerprint: string;
}

interface Part {
  text: string;
  /** Index of the part it replies to; -1 for the first. */
  parent: number;
  /** The Idempotency-Key of this part. */
  key: string;
}

function settings(ctx: ConnectionContext): Settings {
  const { config, credentials } = ctx.connection;
  const raw = config.url ?? config.instance;
  let url: string;
  try {
    const u = new URL(String(raw));
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('not http(s)');
    url = u.origin;
  } catch {
    throw new PermanentError(`The Mastodon server URL is missing or invalid: ${String(raw)}`, { reason: 'misconfigured' });
  }
  const accessToken = credentials.accessToken;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new PermanentError('Mastodon: reconnect needed — the connection has no access token.', { reason: 'auth' });
  }
  const v = config.visibility;
  const visibility: Visibility = v === 'unlisted' || v === 'private' || v === 'direct' ? v : 'public';
  return { url, accessToken, visibility, fingerprint: createHash('sha256').update(`${url}\n${accessToken}`).digest('hex') };
}

/** The statuses one variant makes, in order, each with its Idempotency-Key. */
export function partsOf(content: VariantContent, idempotencyKey: string): Part[] {
  let first = content.text;
  if (content.link && !first.includes(content.link)) first = first.trim() === '' ? content.link : `${first}\n\n${content.link}`;
  const texts = [first, ...content.thread];
  const parts: Part[] = texts.map((text, i) => ({ text, parent: i - 1, key: i === 0 ? idempotencyKey : `${idempotencyKey}#${i}` }));
  if (content.firstComment !== undefined && content.firstComment.trim() !== '') {
    parts.push({ text: content.firstComment, parent: 0, key: `${idempotencyKey}#${parts.length}` });
  }
  return parts;
}

const resultOf = (s: mastodon.v1.Status): PublishResult => ({
  remoteId: s.id,
  remoteUrl: s.url ?? s.uri ?? null,
  publishedAt: Number.isNaN(Date.parse(s.createdAt)) ? undefined : new Date(s.createdAt),
});

export class MastodonConnector implements Connector {
  readonly kind = 'mastodon' as const;
  readonly limits = MASTODON_LIMITS;
  readonly #options: MastodonConnectorOptions;
  readonly #outbound: Outbound;
  readonly #clients = new Map<string, { fingerprint: string; client: mastodon.rest.Client; accountId?: string }>();

  constructor(options: MastodonConnectorOptions = {}) {
    this.#options = options;
    this.#outbound = options.outbound ?? createOutbound();
  }

  #now(): number {
    return (this.#options.now ?? (() => new Date()))().getTime();
  }

  #client(ctx: ConnectionContext): { s: Settings; entry: { client: mastodon.rest.Client; accountId?: string } } {
    const s = settings(ctx);
    let entry = this.#clients.get(ctx.connection.id);
    if (!entry || entry.fingerprint !== s.fingerprint) {
      entry = {
        fingerprint: s.fingerprint,
        client: createRestAPIClient({
          url: s.url,
          accessToken: s.accessToken,
          // `dispatcher` is undici's extension to fetch's init (absent from the DOM type).
          requestInit: { dispatcher: this.#outbound.dispatcher } as RequestInit,
        }),
      };
      this.#clients.set(ctx.connection.id, entry);
    }
    return { s, entry };
  }

  async #call<T>(what: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      throw classifyMastodonError(e, what, this.#now());
    }
  }

  async #accountId(ctx: ConnectionContext): Promise<string> {
    const { entry } = this.#client(ctx);
    if (entry.accountId) return entry.accountId;
    const me = await this.#call('verify credentials', () =>
      entry.client.v1.accounts.verifyCredentials(undefined, { requestInit: { signal: ctx.signal } }),
    );
    entry.accountId = me.id;
    return me.id;
  }

  async #uploadMedia(ctx: PublishContext, content: VariantContent): Promise<string[]> {
    if (content.media.length > MASTODON_LIMITS.post.maxImages) {
      throw new PermanentError(
        `A Mastodon post has at most ${MASTODON_LIMITS.post.maxImages} images; this one has ${content.media.length}.`,
      );
    }
    const { client } = this.#client(ctx).entry;
    const ids: string[] = [];
    for (const item of content.media) {
      const img = await loadMedia(item, {
        allowLocalFiles: this.#options.allowLocalFiles,
        maxBytes: MASTODON_MAX_IMAGE_BYTES,
        maxVideoBytes: MASTODON_MAX_VIDEO_BYTES,
        source: ctx.media,
        network: 'Mastodon',
        fetch: this.#outbound.fetch,
        signal: ctx.signal,
      });
      const ext = MEDIA_EXT[img.mimeType] ?? 'bin';
      const file = new File([new Uint8Array(img.bytes)], `${img.kind}-${ids.length + 1}.${ext}`, { type: img.mimeType });
      let media = await this.#call('media upload', () =>
        client.v2.media.create({ file, description: img.alt, skipPolling: true }, { requestInit: { signal: ctx.signal } }),
      );
      // 202 Accepted: still processing; a status cannot attach it until it has a URL.
      while (!media.url) {
        await sleep(this.#options.mediaPollMs ?? 1000, undefined, { signal: ctx.signal });
        const id = media.id;
        media = await this.#call('media processing', () =>
          client.v1.media.$select(id).fetch(undefined, { requestInit: { signal: ctx.signal } }),
        );
      }
      ids.push(media.id);
    }
    return ids;
  }

  /**
   * What earlier attempts of this variant made: the statuses of its parts, by index (undefined where
   * a part is missing). See the module comment for how they are recognised.
   */
  async #existing(ctx: ConnectionContext, variant: OutgoingVariant, parts: Part[]): Promise<(mastodon.v1.Status | undefined)[]> {
    const { client } = this.#client(ctx).entry;
    const accountId = await this.#accountId(ctx);
    const since = variant.dueAt.getTime() - CLOCK_SKEW_MS;
    const found: (mastodon.v1.Status | undefined)[] = parts.map(() => undefined);
    const first = parts[0]!;
    let maxId: string | undefined;
    for (let page = 0; page < LOOKUP_PAGES && !found[0]; page++) {
      const params = { limit: LOOKUP_PAGE_SIZE, excludeReblogs: true, ...(maxId ? { maxId } : {}) };
      const statuses: mastodon.v1.Status[] = await this.#call('lookup', async () =>
        client.v1.accounts.$select(accountId).statuses.list(params, { requestInit: { signal: ctx.signal } }),
      );
      // Newest first: the oldest match at or after `since` is the first attempt's.
      for (const st of statuses) {
        if (Date.parse(st.createdAt) < since) continue;
        if (st.inReplyToId) continue;
        if (st.mediaAttachments.length !== variant.content.media.length) continue;
        if (contentMatches(st.content, first.text)) found[0] = st;
      }
      const last = statuses[statuses.length - 1];
      if (!last || statuses.length < LOOKUP_PAGE_SIZE || Date.parse(last.createdAt) < since) break;
      maxId = last.id;
    }
    const root = found[0];
    if (!root || parts.length === 1) return found;
    const context = await this.#call('lookup thread', () =>
      client.v1.statuses.$select(root.id).context.fetch(undefined, { requestInit: { signal: ctx.signal } }),
    );
    for (let i = 1; i < parts.length; i++) {
      const parent = found[parts[i]!.parent];
      if (!parent) break;
      found[i] = context.descendants.find(
        (st) =>
          st.account.id === accountId && st.inReplyToId === parent.id && !found.includes(st) && contentMatches(st.content, parts[i]!.text),
      );
    }
    return found;
  }

  async publish(variant: OutgoingVariant, ctx: PublishContext): Promise<PublishResult> {
    const { s, entry } = this.#client(ctx);
    const parts = partsOf(variant.content, ctx.idempotencyKey);
    // A retry may follow an attempt that made some (or all) of the parts more than an hour ago,
    // when the Idempotency-Key no longer protects: send only what is missing.
    const made: (mastodon.v1.Status | undefined)[] =
      variant.attempt > 1 ? await this.#existing(ctx, variant, parts) : parts.map(() => undefined);
    const mediaIds = !made[0] && variant.content.media.length > 0 ? await this.#uploadMedia(ctx, variant.content) : [];
    for (let i = 0; i < parts.length; i++) {
      if (made[i]) continue;
      const part = parts[i]!;
      const inReplyToId = part.parent >= 0 ? made[part.parent]!.id : undefined;
      const params = {
        status: part.text,
        visibility: s.visibility,
        ...(i === 0 && mediaIds.length > 0 ? { mediaIds } : {}),
        ...(inReplyToId ? { inReplyToId } : {}),
      };
      made[i] = await this.#call(i === 0 ? 'publish' : `publish thread part ${i + 1}`, () =>
        entry.client.v1.statuses.create(params as mastodon.rest.v1.CreateStatusParams, {
          requestInit: { headers: { 'Idempotency-Key': part.key }, signal: ctx.signal },
        }),
      );
    }
    return resultOf(made[0]!);
  }

  /** The post `ctx.variant` made with this key, recognised by its text as described in the module comment. */
  async lookup(idempotencyKey: string, ctx: LookupContext): Promise<PublishResult | null> {
    const found = await this.#existing(ctx, ctx.variant, partsOf(ctx.variant.content, idempotencyKey));
    return found.every((st) => st !== undefined) ? resultOf(found[0]!) : null;
  }

  /**
   * Deletes the status and the thread the account made under it (its own replies, reply by reply);
   * already deleted statuses are skipped, so a repeat is harmless.
   */
  async delete(remoteId: string, ctx: ConnectionContext): Promise<void> {
    const { client } = this.#client(ctx).entry;
    const accountId = await this.#accountId(ctx);
    let descendants: mastodon.v1.Status[];
    try {
      descendants = (await client.v1.statuses.$select(remoteId).context.fetch(undefined, { requestInit: { signal: ctx.signal } }))
        .descendants;
    } catch (e) {
      const err = classifyMastodonError(e, 'delete', this.#now());
      if (err instanceof PermanentError && err.reason === 'not_found') return; // gone already
      throw err;
    }
    const chain = new Set([remoteId]);
    const own: string[] = [];
    for (const st of descendants) {
      if (st.account.id === accountId && st.inReplyToId && chain.has(st.inReplyToId)) {
        chain.add(st.id);
        own.push(st.id);
      }
    }
    for (const id of [...own.reverse(), remoteId]) {
      try {
        await client.v1.statuses.$select(id).remove(undefined, { requestInit: { signal: ctx.signal } });
      } catch (e) {
        const err = classifyMastodonError(e, 'delete', this.#now());
        if (err instanceof PermanentError && err.reason === 'not_found') continue;
        throw err;
      }
    }
  }

  /**
   * Each status's counts (`GET /api/v1/statuses/:id`, one call per post — the API has no batch read
   * before Mastodon 4.3): favourites, reblogs, replies, and quotes where the server counts them (4.5+;
   * 0 otherwise). A status that is gone (404/410) is absent.
   */
  async fetchMetrics(remoteIds: readonly string[], ctx: ConnectionContext): Promise<Map<string, PostMetrics>> {
    const { client } = this.#client(ctx).entry;
    const metrics = new Map<string, PostMetrics>();
    for (const id of new Set(remoteIds)) {
      let st: mastodon.v1.Status;
      try {
        st = await client.v1.statuses.$select(id).fetch(undefined, { requestInit: { signal: ctx.signal } });
      } catch (e) {
        const err = classifyMastodonError(e, 'metrics', this.#now());
        if (err instanceof PermanentError && err.reason === 'not_found') continue;
        throw err;
      }
      metrics.set(id, {
        likes: st.favouritesCount,
        reposts: st.reblogsCount,
        replies: st.repliesCount,
        // Typed as always present; servers before 4.5 leave it out.
        quotes: st.quotesCount ?? 0,
        impressions: null,
      });
    }
    return metrics;
  }

  /** `followers_count` of the connected account (`GET /api/v1/accounts/verify_credentials`). */
  async fetchFollowers(ctx: ConnectionContext): Promise<number> {
    const { entry } = this.#client(ctx);
    const me = await this.#call('followers', () =>
      entry.client.v1.accounts.verifyCredentials(undefined, { requestInit: { signal: ctx.signal } }),
    );
    entry.accountId = me.id;
    return me.followersCount;
  }

  /**
   * Mentions of the account (`GET /api/v1/notifications?types[]=mention&types[]=quote`; mentions include
   * replies to it): a mention whose status answers one of the account's is a `reply`; a quote of one of
   * its statuses (Mastodon 4.5+; older servers ignore the type) is a `quote`. The cursor is the newest
   * notification id seen; a poll reads forward from it with `min_id` (at most 5 pages of 40), the first
   * poll reads the latest page.
   */
  async listNotifications(ctx: ConnectionContext, cursor: string | null): Promise<NotificationPage> {
    const { client } = this.#client(ctx).entry;
    const accountId = await this.#accountId(ctx);
    const found: InboundNotification[] = [];
    let newest = cursor;
    for (let i = 0; i < (cursor === null ? 1 : NOTIFICATIONS_PAGES); i++) {
      const params = {
        types: ['mention' as const, 'quote' as const],
        limit: NOTIFICATIONS_PAGE,
        ...(newest !== null ? { minId: newest } : {}),
      };
      const page: mastodon.v1.Notification[] = await this.#call('notifications', async () =>
        client.v1.notifications.list(params, { requestInit: { signal: ctx.signal } }),
      );
      for (const n of page) {
        if (newest === null || newerId(n.id, newest)) newest = n.id;
        if ((n.type !== 'mention' && n.type !== 'quote') || !n.status) continue;
        const st = n.status;
        found.push({
          kind: n.type === 'quote' ? 'quote' : st.inReplyToAccountId === accountId ? 'reply' : 'mention',
          externalId: st.id,
          url: st.url ?? st.uri ?? null,
          author: st.account.acct,
          authorName: st.account.displayName || null,
          text: htmlToText(st.content),
          postedAt: new Date(st.createdAt),
          ...(st.inReplyToId ? { parentId: st.inReplyToId } : {}),
        });
      }
      if (cursor === null || page.length < NOTIFICATIONS_PAGE) break;
    }
    // A status may be notified twice (edited): keep one, oldest first.
    const unique = [...new Map(found.map((n) => [n.externalId, n])).values()];
    unique.sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
    return { notifications: unique, cursor: newest };
  }

  /**
   * `POST /api/v1/statuses` with `in_reply_to_id` and the `Idempotency-Key` header (Mastodon keeps a key
   * for an hour). The reply starts by naming the author when the text does not, as Mastodon's own
   * client does, so they are notified.
   */
  async reply(ctx: ConnectionContext, target: ReplyTarget, text: string, idempotencyKey: string): Promise<PublishResult> {
    const { s, entry } = this.#client(ctx);
    const handle = target.author ? `@${target.author.replace(/^@/, '')}` : null;
    const status = handle && !text.toLowerCase().includes(handle.toLowerCase()) ? `${handle} ${text}` : text;
    const params = { status, visibility: s.visibility, inReplyToId: await this.#localStatusId(ctx, target.externalId) };
    const made = await this.#call('reply', () =>
      entry.client.v1.statuses.create(params as mastodon.rest.v1.CreateStatusParams, {
        requestInit: { headers: { 'Idempotency-Key': idempotencyKey }, signal: ctx.signal },
      }),
    );
    return resultOf(made);
  }

  /**
   * The id this server knows a status by: a notification's status id as is; a status seen elsewhere
   * (listening keeps its URI) looked up with `GET /api/v2/search?resolve=true`, which fetches it from
   * its server when this one has not seen it yet.
   */
  async #localStatusId(ctx: ConnectionContext, externalId: string): Promise<string> {
    if (/^\d+$/.test(externalId)) return externalId;
    const { client } = this.#client(ctx).entry;
    const found = await this.#call('reply lookup', async () =>
      client.v2.search.list({ q: externalId, type: 'statuses', resolve: true, limit: 1 }, { requestInit: { signal: ctx.signal } }),
    );
    const id = found.statuses[0]?.id;
    if (!id) throw new PermanentError(`Mastodon cannot find the status ${externalId} to reply to.`, { reason: 'not_found' });
    return id;
  }

  /**
   * `GET /api/v1/accounts/verify_credentials`. Not ok — with the reason for the "reconnect needed"
   * alert — when the token is refused (401/403); an outage throws a TransientError instead.
   */
  async verify(ctx: ConnectionContext): Promise<VerifyResult> {
    try {
      const { entry } = this.#client(ctx);
      const me = await this.#call('verify credentials', () =>
        entry.client.v1.accounts.verifyCredentials(undefined, { requestInit: { signal: ctx.signal } }),
      );
      entry.accountId = me.id;
      return { ok: true };
    } catch (e) {
      // A server address Groundwork will not call stays an error: connections/ answers it with a code instead of storing the connection.
      if (findOutboundError(e)) throw e;
      if (e instanceof PermanentError && (e.reason === 'auth' || e.reason === 'misconfigured')) return { ok: false, message: e.message };
      throw e;
    }
  }
}
