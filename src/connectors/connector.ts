/**
 * The connector interface: what the scheduler needs from a network, and nothing more.
 *
 * A connector is stateless between calls; everything about the account comes in `connection`.
 * Errors it throws are classified: `TransientError` (try again later, optionally after `retryAfterMs`)
 * or `PermanentError` (the post fails with this message and the owner is told). Anything else
 * thrown is treated as transient — an unknown failure must never be reported as "rejected".
 *
 * Exactly-once rests on `idempotencyKey`: `publish` must send it so that a repeat with the same key
 * cannot create a second post (Bluesky: a record key derived from it; Mastodon: the
 * `Idempotency-Key` header; webhook: a header the receiver dedupes on; sandbox: a UNIQUE column), and
 * `lookup` must find a post made with it, so a publish whose outcome is unknown (the worker died
 * mid-request, a timeout) is reconciled before anything is sent again. `lookup` is given the variant
 * being sent as well: a network with no lookup by key (Mastodon) recognises the post by its content.
 */
import type { PlatformLimits, VariantContent } from '../content/limits.ts';

/** The networks a channel can be connected to (channel_connections.connector). */
export type ConnectorKind = 'sandbox' | 'bluesky' | 'mastodon' | 'webhook';

/** A connected account, as stored in channel_connections. */
export interface Connection {
  id: string;
  workspaceId: string;
  channelId: string;
  connector: ConnectorKind;
  /** Non-secret settings: service URL, handle, webhook URL… */
  config: Record<string, unknown>;
  /** Secrets: tokens, app passwords, the webhook signing secret. */
  credentials: Record<string, unknown>;
}

/** One channel variant of a post, as it goes out. */
export interface OutgoingVariant {
  id: string;
  postId: string;
  workspaceId: string;
  channelId: string;
  content: VariantContent;
  /** When the author wanted it out (UTC). */
  dueAt: Date;
  /** 1 for the first claim; higher after a retry or a crash. */
  attempt: number;
}

export interface ConnectionContext {
  connection: Connection;
  /** Aborted when the call has taken longer than the connector's `timeoutMs`. */
  signal?: AbortSignal;
}

/** What `lookup` is given: the variant being sent, as `publish` receives it. */
export interface LookupContext extends ConnectionContext {
  variant: OutgoingVariant;
}

/** An uploaded file as Groundwork's media storage holds it. */
export interface MediaFile {
  bytes: Uint8Array;
  /** Detected from the bytes at upload. */
  mimeType: string;
  kind: 'image' | 'video';
  width: number | null;
  height: number | null;
  sha256: string;
}

/**
 * How a connector gets the bytes of a variant's uploads (`media[].mediaId`) without knowing where
 * they are stored: the worker passes one scoped to the variant's workspace. A file that is gone
 * throws a PermanentError; storage that does not answer, a TransientError.
 */
export interface MediaSource {
  read(mediaId: string, signal?: AbortSignal): Promise<MediaFile>;
}

export interface PublishContext extends ConnectionContext {
  /** Stable for the variant across retries and crashes: the handle that makes a repeat harmless. */
  idempotencyKey: string;
  /** The variant's uploaded files; absent where nothing can be read (a variant with uploads then fails as misconfigured). */
  media?: MediaSource;
}

/** The bytes of one upload, or a PermanentError (misconfigured) where the worker gave no way to read them. */
export async function readUpload(source: MediaSource | undefined, mediaId: string, signal?: AbortSignal): Promise<MediaFile> {
  if (!source)
    throw new PermanentError(`The uploaded file ${mediaId} cannot be read here (no media storage given).`, { reason: 'misconfigured' });
  return source.read(mediaId, signal);
}

export interface PublishResult {
  /** The network's id of the post (for a thread: of its first post). */
  remoteId: string;
  remoteUrl: string | null;
  /** When the network accepted it, when the network says so. */
  publishedAt?: Date;
}

export interface VerifyResult {
  ok: boolean;
  /** Why not, in the network's words, for the "reconnect needed" alert. */
  message?: string;
}

export interface ConnectorLimits {
  /** What one post may contain (checked when a post is written, not at publish time). */
  post: PlatformLimits;
  /** Publishes in flight at once per worker process. */
  concurrency: number;
  /** A publish/lookup call taking longer is aborted and counts as a transient failure with unknown outcome. */
  timeoutMs: number;
}

/**
 * What a network reports about one published post: cumulative counts as of now. `impressions` is
 * null where the network does not tell (Bluesky, Mastodon).
 */
export interface PostMetrics {
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  impressions: number | null;
}

export interface Connector {
  readonly kind: ConnectorKind;
  readonly limits: ConnectorLimits;
  publish(variant: OutgoingVariant, ctx: PublishContext): Promise<PublishResult>;
  delete(remoteId: string, ctx: ConnectionContext): Promise<void>;
  verify(ctx: ConnectionContext): Promise<VerifyResult>;
  /** The post made earlier with this key (for `ctx.variant`), or null when the network has none. */
  lookup(idempotencyKey: string, ctx: LookupContext): Promise<PublishResult | null>;
  /**
   * The counts of these posts (remote ids as `publish` returned them), in as few calls as the network
   * allows. A post the network no longer has (deleted there) is absent from the map; a failure of the
   * whole read throws, classified like `publish`'s. Absent on networks that report nothing (webhook).
   */
  fetchMetrics?(remoteIds: readonly string[], ctx: ConnectionContext): Promise<Map<string, PostMetrics>>;
  /** The connected account's follower count now. Absent on networks without one. */
  fetchFollowers?(ctx: ConnectionContext): Promise<number>;
  /**
   * What people wrote to the account since `cursor` (null: the first poll — the latest page only):
   * mentions, replies and quotes, oldest first, and the cursor to resume from. A repeat with the same
   * cursor may return some of the same notifications again (the inbox dedupes by `externalId`).
   * Absent on networks the inbox cannot read.
   */
  listNotifications?(ctx: ConnectionContext, cursor: string | null): Promise<NotificationPage>;
  /**
   * Replies to `target` as the account: threaded under it (Bluesky: root and parent strong refs;
   * Mastodon: in_reply_to_id). A repeat with the same `idempotencyKey` makes no second reply.
   */
  reply?(ctx: ConnectionContext, target: ReplyTarget, text: string, idempotencyKey: string): Promise<PublishResult>;
}

/** One post that came to the account, normalized. */
export interface InboundNotification {
  kind: 'mention' | 'reply' | 'quote';
  /** The network's id of the post: an at:// URI, a status id. */
  externalId: string;
  /** Bluesky: the post's CID (for the strong ref a reply needs). */
  cid?: string;
  url: string | null;
  /** Handle or acct. */
  author: string | null;
  authorName: string | null;
  text: string;
  postedAt: Date;
  /** The post it answers, and the first post of its thread, when the network says. */
  parentId?: string;
  rootId?: string;
  rootCid?: string;
}

export interface NotificationPage {
  notifications: InboundNotification[];
  /** Where the next poll resumes (unchanged when nothing new came). */
  cursor: string | null;
}

/** The post a reply answers, with what its network needs to thread the reply. */
export interface ReplyTarget {
  externalId: string;
  cid?: string | null;
  /** The thread's first post; absent when the target starts the thread. */
  rootId?: string | null;
  rootCid?: string | null;
  /** Who wrote it (a Mastodon reply names them so they are notified). */
  author?: string | null;
}

/** Try again later; `retryAfterMs` when the network said how long to wait (HTTP Retry-After). */
export class TransientError extends Error {
  override readonly name = 'TransientError';
  readonly retryAfterMs: number | undefined;
  constructor(message: string, options: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.retryAfterMs = options.retryAfterMs;
  }
}

export type PermanentReason = 'auth' | 'rejected' | 'not_found' | 'misconfigured';

/** Do not retry: the post fails with this message (auth revoked, content rejected…). */
export class PermanentError extends Error {
  override readonly name = 'PermanentError';
  readonly reason: PermanentReason;
  constructor(message: string, options: { reason?: PermanentReason; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.reason = options.reason ?? 'rejected';
  }
}

/** Any thrown value as one of the two kinds; unknown errors are transient. */
export function classifyError(e: unknown): TransientError | PermanentError {
  if (e instanceof TransientError || e instanceof PermanentError) return e;
  if (e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError')) {
    return new TransientError('The network did not answer in time (outcome unknown).', { cause: e });
  }
  const message = e instanceof Error ? e.message : String(e);
  return new TransientError(message || 'Unknown error', { cause: e });
}

/**
 * HTTP `Retry-After` (delay-seconds or an HTTP date) in milliseconds, or undefined when absent or
 * unreadable. Capped at one day: a network asking for more is better treated as an outage.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const v = value.trim();
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(v)) ms = Number(v) * 1000;
  else {
    const at = Date.parse(v);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(0, Math.round(ms)), 24 * 3600 * 1000);
}

/** HTTP status → error kind, for connectors that talk HTTP. */
export function httpError(status: number, message: string, retryAfter?: string | null): TransientError | PermanentError {
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    return new TransientError(message, { retryAfterMs: parseRetryAfter(retryAfter) });
  }
  if (status === 401 || status === 403) return new PermanentError(message, { reason: 'auth' });
  if (status === 404 || status === 410) return new PermanentError(message, { reason: 'not_found' });
  return new PermanentError(message, { reason: 'rejected' });
}
