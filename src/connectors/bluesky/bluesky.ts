/**
 * The Bluesky connector (AT Protocol, via @atproto/api), signed in with an app password.
 *
 * Connection: `config.service` (the PDS or entryway, default https://bsky.social);
 * `credentials: { identifier, appPassword }` (identifier = handle, DID or e-mail).
 *
 * Sessions: one `AtpAgent` per connection, kept in memory and reused (the agent refreshes its
 * access token with the refresh token by itself). A session the PDS refuses is dropped and the app
 * password is used once more; if that is refused too the error is permanent: "reconnect needed".
 * LATER: sessions live only in this process; persisting the refresh token (`persistSession`) so a
 * restart does not log in again — and so refresh tokens survive reconnects — is a follow-up.
 *
 * Publishing one variant:
 * - text with rich-text facets (content/facets.ts): links, hashtags, and mentions whose handle
 *   resolves to a DID (`com.atproto.identity.resolveHandle`; a handle that does not resolve stays
 *   plain text, as in the Bluesky app);
 * - up to 4 images uploaded as blobs, each with its alt text and aspect ratio — by URL or uploaded to
 *   Groundwork (read through `ctx.media`), a still image over 1 MB resized to fit (fit-image.ts); or one
 *   uploaded MP4 video (`app.bsky.embed.video`, uploaded to the PDS — the simple method of Bluesky's video
 *   docs: the video service processes it once the post is out); otherwise
 *   `content.link` as a link card (`app.bsky.embed.external`; title and description from
 *   `content.linkTitle` / `content.linkDescription`, empty when not given — the page is not fetched). A post
 *   cannot carry both: with images, the card is left out (the link still works if it is in the text);
 * - `content.thread` as replies, each to the previous part, and `content.firstComment` as a reply to
 *   the first post; every reply has strong refs (URI + CID) to the root and its parent.
 *
 * Exactly once: every record key is derived from the idempotency key (record-key.ts) and the whole
 * thread is ONE `applyWrites` commit — all parts or none — with the CIDs for the reply refs computed
 * beforehand (cid.ts). Before writing, the first post's record is looked up: if it exists the post
 * was made (by an earlier attempt) and is returned as is. A write that collides with an existing
 * record fails on the PDS (this PDS answers 500, not a specific error), so after ANY failed write the
 * record is looked up again and, when there, reported as published. `lookup(key)` is that same read.
 *
 * Metrics: counts live in the AppView, not in the account's repository — `fetchMetrics` and
 * `fetchFollowers` ask it through the PDS, as the Bluesky app does.
 */
import { AtpAgent, XRPCError } from '@atproto/api';
import { findOutboundError } from '../../outbound/errors.ts';
import { createOutbound } from '../../outbound/client.ts';
import { createHash } from 'node:crypto';
import { detectFacets, mentionedHandles, toBlueskyFacets, type BlueskyFacet } from '../../content/facets.ts';
import { PLATFORM_LIMITS, type VariantContent } from '../../content/limits.ts';
import {
  PermanentError,
  TransientError,
  type ConnectionContext,
  type Connector,
  type ConnectorLimits,
  type InboundNotification,
  type LookupContext,
  type MediaSource,
  type NotificationPage,
  type OutgoingVariant,
  type PostMetrics,
  type PublishContext,
  type PublishResult,
  type ReplyTarget,
  type VerifyResult,
} from '../connector.ts';
import { recordCid, type LexJson } from './cid.ts';
import { classifyBlueskyError, isSessionError } from './errors.ts';
import { fitImage } from './fit-image.ts';
import { loadMedia, type LoadedMedia } from './media.ts';
import { isValidTid, partRecordKey, rootRecordKey } from './record-key.ts';

export const BLUESKY_LIMITS: ConnectorLimits = {
  post: PLATFORM_LIMITS.bluesky,
  // Per worker process, across accounts. Bluesky budgets writes per account (5,000 points an hour,
  // 3 per created record), so a handful in flight is plenty.
  concurrency: 8,
  // Sign-in, up to 4 image uploads and the write.
  timeoutMs: 30_000,
};

export const DEFAULT_BLUESKY_SERVICE = 'https://bsky.social';
/** `app.bsky.embed.images` accepts blobs of at most 1,000,000 bytes. */
export const BLUESKY_MAX_IMAGE_BYTES = 1_000_000;
/** `app.bsky.embed.video` takes one MP4 of at most 100,000,000 bytes. */
export const BLUESKY_MAX_VIDEO_BYTES = 100_000_000;
/** The largest image read to be fitted to that: larger ones are refused before anything is decoded. */
const BLUESKY_FETCH_MAX_BYTES = 50_000_000;
const POST = 'app.bsky.feed.post';
/** Thread parts after the first (continuations + first comment) that `delete` looks for. */
const MAX_PARTS = 60;
/** `app.bsky.feed.getPosts` takes at most 25 URIs per call. */
const GET_POSTS_MAX = 25;
/** Notifications read per call, and pages read per poll (older ones are left: a poll is not a backfill). */
const NOTIFICATIONS_PAGE = 50;
const NOTIFICATIONS_PAGES = 5;
const INBOX_REASONS = new Set(['mention', 'reply', 'quote']);

/** The content the Bluesky connector reads (the link card's title and description are part of VariantContent). */
export type BlueskyContent = VariantContent;

export interface BlueskyConnectorOptions {
  /** Accept `file://` and absolute local paths as image URLs (tests, demo). Default false. */
  allowLocalFiles?: boolean;
  /** The fetch used by the agent and for http(s) images: the guarded outbound client (the registry's, with OUTBOUND_ALLOW); by default one that allows no private host. */
  fetch?: typeof fetch;
  /** Where `remoteUrl` points: `<webUrl>/profile/<did>/post/<rkey>`. Default https://bsky.app. */
  webUrl?: string;
  now?: () => Date;
}

interface Session {
  agent: AtpAgent;
  did: string;
  handle: string;
}

interface Settings {
  service: string;
  identifier: string;
  appPassword: string;
  /** Changes when any of the above does: a reconnect makes a new session. */
  fingerprint: string;
}

interface StrongRef {
  uri: string;
  cid: string;
}

function settings(ctx: ConnectionContext): Settings {
  const { config, credentials } = ctx.connection;
  const service = typeof config.service === 'string' && config.service.trim() !== '' ? config.service.trim() : DEFAULT_BLUESKY_SERVICE;
  try {
    const u = new URL(service);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new Error('not http(s)');
  } catch {
    throw new PermanentError(`The Bluesky service URL is invalid: ${service}`, { reason: 'misconfigured' });
  }
  const identifier = credentials.identifier;
  const appPassword = credentials.appPassword;
  if (typeof identifier !== 'string' || identifier.trim() === '' || typeof appPassword !== 'string' || appPassword === '') {
    throw new PermanentError('Bluesky: reconnect needed — the connection has no identifier or app password.', { reason: 'auth' });
  }
  const fingerprint = createHash('sha256').update(`${service}\n${identifier}\n${appPassword}`).digest('hex');
  return { service, identifier: identifier.trim(), appPassword, fingerprint };
}

const POST_URI = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)$/;

/** `at://<did>/app.bsky.feed.post/<rkey>` → its parts. */
function parsePostUri(uri: string): { did: string; rkey: string } {
  const m = POST_URI.exec(uri);
  if (!m) throw new PermanentError(`Not a Bluesky post URI: ${uri}`, { reason: 'not_found' });
  return { did: m[1]!, rkey: m[2]! };
}

const raceAbort = <T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> => {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
};

export class BlueskyConnector implements Connector {
  readonly kind = 'bluesky' as const;
  readonly limits = BLUESKY_LIMITS;
  readonly #options: BlueskyConnectorOptions;
  readonly #fetch: typeof fetch;
  readonly #sessions = new Map<string, { fingerprint: string; session: Promise<Session> }>();

  constructor(options: BlueskyConnectorOptions = {}) {
    this.#options = options;
    this.#fetch = options.fetch ?? createOutbound().fetch;
  }

  // ─── sessions ─────────────────────────────────────────────────────────────

  #login(s: Settings): Promise<Session> {
    const agent = new AtpAgent({ service: s.service, fetch: this.#fetch });
    return agent
      .login({ identifier: s.identifier, password: s.appPassword })
      .then((res) => ({ agent, did: res.data.did, handle: res.data.handle }));
  }

  /** The connection's session (signing in once for concurrent callers); each caller's signal only ends its own wait. */
  #session(ctx: ConnectionContext, s: Settings): Promise<Session> {
    return raceAbort(this.#sharedSession(ctx, s), ctx.signal);
  }

  #sharedSession(ctx: ConnectionContext, s: Settings): Promise<Session> {
    const id = ctx.connection.id;
    const cached = this.#sessions.get(id);
    if (cached && cached.fingerprint === s.fingerprint) return cached.session;
    const session = this.#login(s);
    const entry = { fingerprint: s.fingerprint, session };
    this.#sessions.set(id, entry);
    // A failed sign-in is not cached: the next call tries again.
    session.catch(() => {
      if (this.#sessions.get(id) === entry) this.#sessions.delete(id);
    });
    return session;
  }

  /** Forgets the in-memory session of a connection (after a disconnect, or in tests). */
  forget(connectionId: string): void {
    this.#sessions.delete(connectionId);
  }

  /**
   * Runs `fn` with a signed-in agent. When the PDS refuses a cached session, signs in once more
   * with the app password and runs `fn` again (an auth failure means nothing was written).
   */
  async #withSession<T>(ctx: ConnectionContext, what: string, fn: (s: Session) => Promise<T>): Promise<T> {
    const s = settings(ctx);
    const cached = this.#sessions.get(ctx.connection.id);
    const wasCached = cached !== undefined && cached.fingerprint === s.fingerprint;
    let session: Session;
    try {
      session = await this.#session(ctx, s);
    } catch (e) {
      throw classifyBlueskyError(e, 'sign-in');
    }
    try {
      return await fn(session);
    } catch (e) {
      if (!wasCached || !isSessionError(e)) throw classifyBlueskyError(e, what);
      this.forget(ctx.connection.id);
      try {
        session = await this.#session(ctx, s);
      } catch (e2) {
        throw classifyBlueskyError(e2, 'sign-in');
      }
      try {
        return await fn(session);
      } catch (e2) {
        throw classifyBlueskyError(e2, what);
      }
    }
  }

  // ─── reading records ──────────────────────────────────────────────────────

  /** The record at `rkey`, or null when the repo has none. */
  async #getPost(
    s: Session,
    rkey: string,
    signal: AbortSignal | undefined,
  ): Promise<{ uri: string; cid: string; value: Record<string, unknown> } | null> {
    try {
      const { data } = await s.agent.com.atproto.repo.getRecord({ repo: s.did, collection: POST, rkey }, { signal });
      if (!data.cid) throw new TransientError(`Bluesky returned the record ${data.uri} without its CID.`);
      return { uri: data.uri, cid: data.cid, value: data.value as Record<string, unknown> };
    } catch (e) {
      if (e instanceof XRPCError && (e.error === 'RecordNotFound' || /could not locate record/i.test(e.message))) return null;
      throw e;
    }
  }

  #result(s: Session, uri: string, createdAt: unknown): PublishResult {
    const { rkey } = parsePostUri(uri);
    const web = (this.#options.webUrl ?? 'https://bsky.app').replace(/\/+$/, '');
    const at = typeof createdAt === 'string' ? new Date(createdAt) : undefined;
    return {
      remoteId: uri,
      remoteUrl: `${web}/profile/${s.did}/post/${rkey}`,
      publishedAt: at && !Number.isNaN(at.getTime()) ? at : undefined,
    };
  }

  // ─── building the records ─────────────────────────────────────────────────

  async #resolveHandles(s: Session, handles: string[], signal: AbortSignal | undefined): Promise<Map<string, string>> {
    const dids = new Map<string, string>();
    await Promise.all(
      handles.map(async (handle) => {
        try {
          const { data } = await s.agent.com.atproto.identity.resolveHandle({ handle }, { signal });
          dids.set(handle, data.did);
        } catch (e) {
          // "Unable to resolve handle" (400): the mention stays plain text. Anything else is a failure.
          if (e instanceof XRPCError && e.status === 400) return;
          throw e;
        }
      }),
    );
    return dids;
  }

  /** Uploads the images (or the one video) as blobs and returns the post's embed. */
  async #uploadMedia(
    s: Session,
    content: VariantContent,
    source: MediaSource | undefined,
    signal: AbortSignal | undefined,
  ): Promise<LexJson | undefined> {
    if (content.media.length === 0) return undefined;
    if (content.media.length > BLUESKY_LIMITS.post.maxImages) {
      throw new PermanentError(`A Bluesky post has at most ${BLUESKY_LIMITS.post.maxImages} images; this one has ${content.media.length}.`);
    }
    const loaded: LoadedMedia[] = await Promise.all(
      content.media.map((m) =>
        loadMedia(m, {
          allowLocalFiles: this.#options.allowLocalFiles,
          // Read up to the fetch cap: a larger still image is made to fit below (fit-image.ts).
          maxBytes: BLUESKY_FETCH_MAX_BYTES,
          maxVideoBytes: BLUESKY_MAX_VIDEO_BYTES,
          source,
          network: 'Bluesky',
          fetch: this.#fetch,
          signal,
        }).then((item) => (item.kind === 'image' ? fitImage(item, BLUESKY_MAX_IMAGE_BYTES, 'Bluesky') : item)),
      ),
    );
    const blobOf = async (item: LoadedMedia): Promise<LexJson> => {
      const { data } = await s.agent.com.atproto.repo.uploadBlob(item.bytes, { encoding: item.mimeType, signal });
      return { $type: 'blob', ref: { $link: data.blob.ref.toString() }, mimeType: data.blob.mimeType, size: data.blob.size };
    };
    const aspectRatio = (item: LoadedMedia) =>
      item.size && item.size.width > 0 && item.size.height > 0 ? { aspectRatio: { width: item.size.width, height: item.size.height } } : {};

    // A post embeds images or one video (uploaded to the PDS; Bluesky's video service processes it from there).
    const video = loaded.find((m) => m.kind === 'video');
    if (video) {
      if (loaded.length > 1) throw new PermanentError('A Bluesky post with a video can have no other images or videos.');
      if (video.mimeType !== 'video/mp4') throw new PermanentError(`Bluesky takes video as MP4; this one is ${video.mimeType}.`);
      return { $type: 'app.bsky.embed.video', video: await blobOf(video), alt: video.alt, ...aspectRatio(video) };
    }
    const images: LexJson[] = [];
    for (const img of loaded) images.push({ alt: img.alt, image: await blobOf(img), ...aspectRatio(img) });
    return { $type: 'app.bsky.embed.images', images };
  }

  #linkCard(content: BlueskyContent): LexJson | undefined {
    if (!content.link) return undefined;
    return {
      $type: 'app.bsky.embed.external',
      external: { uri: content.link, title: content.linkTitle ?? '', description: content.linkDescription ?? '' },
    };
  }

  // ─── the connector ────────────────────────────────────────────────────────

  async publish(variant: OutgoingVariant, ctx: PublishContext): Promise<PublishResult> {
    const content = variant.content as BlueskyContent;
    const rootRkey = rootRecordKey(ctx.idempotencyKey);
    return this.#withSession(ctx, 'publish', async (s) => {
      // Made by an earlier attempt? Then that is the post (and nothing is uploaded again).
      const existing = await this.#getPost(s, rootRkey, ctx.signal);
      if (existing) return this.#result(s, existing.uri, existing.value.createdAt);

      // Parts: the post, its continuations (each replying to the previous), the first comment (replying to the post).
      const texts = [content.text, ...content.thread];
      const parentOf = texts.map((_, i) => i - 1);
      if (content.firstComment !== undefined && content.firstComment.trim() !== '') {
        texts.push(content.firstComment);
        parentOf.push(0);
      }
      const detected = texts.map((t) => detectFacets(t));
      const dids = await this.#resolveHandles(s, [...new Set(detected.flatMap((d) => mentionedHandles(d)))], ctx.signal);
      const embed = (await this.#uploadMedia(s, content, ctx.media, ctx.signal)) ?? this.#linkCard(content);

      const now = (this.#options.now ?? (() => new Date()))().getTime();
      const rkeys = texts.map((_, i) => (i === 0 ? rootRkey : partRecordKey(rootRkey, i)));
      const records: Record<string, LexJson>[] = [];
      const refs: StrongRef[] = [];
      texts.forEach((text, i) => {
        const facets: BlueskyFacet[] = toBlueskyFacets(detected[i]!, dids);
        const record: Record<string, LexJson> = {
          $type: POST,
          text,
          // A millisecond apart, so the parts keep their order wherever posts are sorted by time.
          createdAt: new Date(now + i).toISOString(),
        };
        if (facets.length > 0) record.facets = facets as unknown as LexJson;
        if (i === 0 && embed) record.embed = embed;
        if (i > 0) record.reply = { root: { ...refs[0]! }, parent: { ...refs[parentOf[i]!]! } };
        records.push(record);
        refs.push({ uri: `at://${s.did}/${POST}/${rkeys[i]}`, cid: recordCid(record) });
      });

      try {
        const { data } = await s.agent.com.atproto.repo.applyWrites(
          {
            repo: s.did,
            validate: true,
            writes: records.map((value, i) => ({
              $type: 'com.atproto.repo.applyWrites#create' as const,
              collection: POST,
              rkey: rkeys[i]!,
              value,
            })),
          },
          { signal: ctx.signal },
        );
        await this.#repairRefs(s, data.results, records, rkeys, refs, parentOf, ctx.signal);
      } catch (e) {
        // A repeat that collided with the first attempt's record, or an answer lost on the way back:
        // if the post is there, it is published. (Auth and validation failures wrote nothing.)
        const status: number = e instanceof XRPCError ? e.status : 0;
        const rejected =
          e instanceof XRPCError && (isSessionError(e) || (status >= 400 && status < 500 && status !== 408 && status !== 429));
        if (!rejected && !ctx.signal?.aborted) {
          const found = await this.#getPost(s, rootRkey, ctx.signal).catch(() => null);
          if (found) return this.#result(s, found.uri, found.value.createdAt);
        }
        throw e;
      }
      return this.#result(s, refs[0]!.uri, records[0]!.createdAt);
    });
  }

  /**
   * Safety net: the reply refs carry CIDs computed here; should the PDS ever store a record under a
   * different CID (a data-model change), the replies are rewritten with the real ones, in order.
   */
  async #repairRefs(
    s: Session,
    results: readonly unknown[] | undefined,
    records: Record<string, LexJson>[],
    rkeys: string[],
    refs: StrongRef[],
    parentOf: number[],
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const actual = refs.map((r, i) => {
      const res = results?.[i] as { cid?: unknown } | undefined;
      return typeof res?.cid === 'string' ? res.cid : r.cid;
    });
    if (actual.every((cid, i) => cid === refs[i]!.cid)) return;
    for (let i = 1; i < records.length; i++) {
      const reply = { root: { uri: refs[0]!.uri, cid: actual[0]! }, parent: { uri: refs[parentOf[i]!]!.uri, cid: actual[parentOf[i]!]! } };
      if (JSON.stringify(records[i]!.reply) === JSON.stringify(reply)) continue;
      const record = { ...records[i]!, reply };
      const { data } = await s.agent.com.atproto.repo.putRecord(
        { repo: s.did, collection: POST, rkey: rkeys[i]!, record, swapRecord: actual[i] },
        { signal },
      );
      actual[i] = data.cid;
    }
  }

  /** The record key derives from the idempotency key alone: the variant is not needed. */
  async lookup(idempotencyKey: string, ctx: LookupContext): Promise<PublishResult | null> {
    const rkey = rootRecordKey(idempotencyKey);
    return this.#withSession(ctx, 'lookup', async (s) => {
      const found = await this.#getPost(s, rkey, ctx.signal);
      return found ? this.#result(s, found.uri, found.value.createdAt) : null;
    });
  }

  /** Deletes the post and every part of its thread; parts already gone are skipped (idempotent). */
  async delete(remoteId: string, ctx: ConnectionContext): Promise<void> {
    const { did, rkey } = parsePostUri(remoteId);
    if (!isValidTid(rkey)) throw new PermanentError(`Not a post made by Groundwork: ${remoteId}`, { reason: 'not_found' });
    await this.#withSession(ctx, 'delete', async (s) => {
      if (did !== s.did)
        throw new PermanentError(`The post ${remoteId} belongs to another account than the connected one (${s.did}).`, {
          reason: 'misconfigured',
        });
      const present: string[] = [];
      if (await this.#getPost(s, rkey, ctx.signal)) present.push(rkey);
      for (let i = 1; i <= MAX_PARTS; i++) {
        const partKey = partRecordKey(rkey, i);
        if (!(await this.#getPost(s, partKey, ctx.signal))) break;
        present.push(partKey);
      }
      if (present.length === 0) return;
      await s.agent.com.atproto.repo.applyWrites(
        { repo: s.did, writes: present.map((k) => ({ $type: 'com.atproto.repo.applyWrites#delete' as const, collection: POST, rkey: k })) },
        { signal: ctx.signal },
      );
    });
  }

  /**
   * Counts from the AppView (`app.bsky.feed.getPosts`, 25 posts a call, proxied by the account's PDS
   * as the Bluesky app's own reads are): likes, reposts, replies and quotes; Bluesky reports no
   * impressions. A post the AppView does not return (deleted) is absent. The AppView indexes a like a
   * moment after it is made, so counts may trail the network by seconds.
   */
  async fetchMetrics(remoteIds: readonly string[], ctx: ConnectionContext): Promise<Map<string, PostMetrics>> {
    const metrics = new Map<string, PostMetrics>();
    const uris = [...new Set(remoteIds)].filter((id) => POST_URI.test(id));
    if (uris.length === 0) return metrics;
    return this.#withSession(ctx, 'metrics', async (s) => {
      for (let i = 0; i < uris.length; i += GET_POSTS_MAX) {
        const { data } = await s.agent.app.bsky.feed.getPosts({ uris: uris.slice(i, i + GET_POSTS_MAX) }, { signal: ctx.signal });
        for (const p of data.posts) {
          metrics.set(p.uri, {
            likes: p.likeCount ?? 0,
            reposts: p.repostCount ?? 0,
            replies: p.replyCount ?? 0,
            quotes: p.quoteCount ?? 0,
            impressions: null,
          });
        }
      }
      return metrics;
    });
  }

  /** The account's `followersCount` from its profile (`app.bsky.actor.getProfile`, from the AppView). */
  async fetchFollowers(ctx: ConnectionContext): Promise<number> {
    return this.#withSession(ctx, 'followers', async (s) => {
      const { data } = await s.agent.app.bsky.actor.getProfile({ actor: s.did }, { signal: ctx.signal });
      return data.followersCount ?? 0;
    });
  }

  /**
   * Mentions, replies and quotes from `app.bsky.notification.listNotifications` (the AppView, through
   * the PDS). The cursor is the `indexedAt` of the newest notification seen: the API pages backwards
   * from the newest, so a poll reads pages until it reaches what it saw (at most 5 pages of 50; the
   * first poll reads one page).
   */
  async listNotifications(ctx: ConnectionContext, cursor: string | null): Promise<NotificationPage> {
    return this.#withSession(ctx, 'notifications', async (s) => {
      const seen: InboundNotification[] = [];
      let newest = cursor;
      let page: string | undefined;
      for (let i = 0; i < (cursor === null ? 1 : NOTIFICATIONS_PAGES); i++) {
        const { data } = await s.agent.app.bsky.notification.listNotifications(
          { limit: NOTIFICATIONS_PAGE, ...(page ? { cursor: page } : {}) },
          { signal: ctx.signal },
        );
        let reachedSeen = false;
        for (const n of data.notifications) {
          if (cursor !== null && n.indexedAt <= cursor) {
            reachedSeen = true;
            continue;
          }
          if (newest === null || n.indexedAt > newest) newest = n.indexedAt;
          if (!INBOX_REASONS.has(n.reason) || n.author.did === s.did) continue;
          seen.push(this.#inbound(n));
        }
        page = data.cursor;
        if (reachedSeen || !page || data.notifications.length === 0) break;
      }
      seen.sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
      return { notifications: seen, cursor: newest };
    });
  }

  #inbound(n: {
    uri: string;
    cid: string;
    reason: string;
    author: { handle: string; displayName?: string };
    record: Record<string, unknown>;
    indexedAt: string;
  }): InboundNotification {
    const record = n.record as { text?: unknown; createdAt?: unknown; reply?: { root?: StrongRef; parent?: StrongRef } };
    const created = typeof record.createdAt === 'string' ? new Date(record.createdAt) : new Date(n.indexedAt);
    const web = (this.#options.webUrl ?? 'https://bsky.app').replace(/\/+$/, '');
    const rkey = POST_URI.exec(n.uri)?.[2];
    const reply = record.reply;
    return {
      kind: n.reason as InboundNotification['kind'],
      externalId: n.uri,
      cid: n.cid,
      url: rkey ? `${web}/profile/${n.author.handle}/post/${rkey}` : null,
      author: n.author.handle,
      authorName: n.author.displayName ?? null,
      text: typeof record.text === 'string' ? record.text : '',
      postedAt: Number.isNaN(created.getTime()) ? new Date(n.indexedAt) : created,
      ...(reply?.parent ? { parentId: reply.parent.uri } : {}),
      ...(reply?.root ? { rootId: reply.root.uri, rootCid: reply.root.cid } : {}),
    };
  }

  /**
   * A reply under `target`: its parent is the target, its root the target's thread root (or the target
   * when it starts the thread), both strong refs. The record key derives from the idempotency key, as
   * for posts: a repeat finds the reply made and writes nothing.
   */
  async reply(ctx: ConnectionContext, target: ReplyTarget, text: string, idempotencyKey: string): Promise<PublishResult> {
    const rkey = rootRecordKey(idempotencyKey);
    const { did: targetDid, rkey: targetRkey } = parsePostUri(target.externalId);
    return this.#withSession(ctx, 'reply', async (s) => {
      const existing = await this.#getPost(s, rkey, ctx.signal);
      if (existing) return this.#result(s, existing.uri, existing.value.createdAt);
      let parent: StrongRef = { uri: target.externalId, cid: target.cid ?? '' };
      let root: StrongRef | null = target.rootId && target.rootCid ? { uri: target.rootId, cid: target.rootCid } : null;
      if (!target.cid) {
        // A post seen by listening comes without its CID or thread: read them from its record.
        const { data } = await s.agent.com.atproto.repo.getRecord(
          { repo: targetDid, collection: POST, rkey: targetRkey },
          { signal: ctx.signal },
        );
        if (!data.cid) throw new PermanentError(`The Bluesky post ${target.externalId} has no CID to reply to.`, { reason: 'not_found' });
        parent = { uri: data.uri, cid: data.cid };
        root ??= (data.value as { reply?: { root?: StrongRef } }).reply?.root ?? null;
      }
      root ??= parent;
      const detected = detectFacets(text);
      const dids = await this.#resolveHandles(s, mentionedHandles(detected), ctx.signal);
      const facets = toBlueskyFacets(detected, dids);
      const createdAt = (this.#options.now ?? (() => new Date()))().toISOString();
      const record: Record<string, LexJson> = { $type: POST, text, createdAt, reply: { root: { ...root }, parent: { ...parent } } };
      if (facets.length > 0) record.facets = facets as unknown as LexJson;
      try {
        const { data } = await s.agent.com.atproto.repo.createRecord(
          { repo: s.did, collection: POST, rkey, record, validate: true },
          { signal: ctx.signal },
        );
        return this.#result(s, data.uri, createdAt);
      } catch (e) {
        // As for publish: a collision with an earlier attempt, or a lost answer, left the reply there.
        const status: number = e instanceof XRPCError ? e.status : 0;
        const rejected =
          e instanceof XRPCError && (isSessionError(e) || (status >= 400 && status < 500 && status !== 408 && status !== 429));
        if (!rejected && !ctx.signal?.aborted) {
          const found = await this.#getPost(s, rkey, ctx.signal).catch(() => null);
          if (found) return this.#result(s, found.uri, found.value.createdAt);
        }
        throw e;
      }
    });
  }

  /**
   * Signs in (or reuses the session) and asks the PDS about it. Not ok — with the reason for the
   * "reconnect needed" alert — when the app password or session is refused or the account is not
   * active. A network outage is not the account's fault: it throws a TransientError instead.
   */
  async verify(ctx: ConnectionContext): Promise<VerifyResult> {
    try {
      return await this.#withSession(ctx, 'verify', async (s) => {
        const { data } = await s.agent.com.atproto.server.getSession(undefined, { signal: ctx.signal });
        if (data.active === false)
          return { ok: false, message: `The Bluesky account ${data.handle} is not active (${data.status ?? 'deactivated'}).` };
        if (data.handle === 'handle.invalid')
          return { ok: false, message: `The Bluesky account ${data.did} has no valid handle: its domain no longer points to it.` };
        return { ok: true };
      });
    } catch (e) {
      // A server address Groundwork will not call stays an error: connections/ answers it with a code instead of storing the connection.
      if (findOutboundError(e)) throw e;
      if (e instanceof PermanentError && (e.reason === 'auth' || e.reason === 'misconfigured')) return { ok: false, message: e.message };
      throw e;
    }
  }
}
