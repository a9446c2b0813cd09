/**
 * The sandbox network, built into Groundwork so the whole publish flow runs without accounts.
 *
 * Every publish is recorded as a receipt in a `SandboxReceiptStore`, one per idempotency key: a
 * repeat send with the same key returns the existing receipt (and counts the repeat) instead of
 * posting twice — the contract the real networks offer. The connector touches no database: whoever
 * builds the connectors hands it the store (in the app, the `sandbox_receipts` table through
 * src/connections/sandbox-receipt-store.ts). A simulated network round trip (`latencyMs`) is split
 * around the write, so a worker killed mid-request may or may not have "posted": exactly the unknown
 * outcome the scheduler reconciles with `lookup`.
 *
 * Uploaded files are read through `ctx.media` as a real network would fetch them, and the receipt
 * records what arrived (type, size, sha256 of the bytes): proof that the file reached the network.
 *
 * Metrics: the sandbox's audience reacts to each post by a deterministic formula of its remote id and
 * the hours since the receipt, and its follower count grows slowly (metrics.ts).
 *
 * Failure injection for tests and demos: `inject` (a function called before the network records
 * anything), `transientFailureRate`, and markers in the post text — `#sandbox-reject` is refused
 * permanently, `#sandbox-flaky` fails transiently on its first attempt.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ANY_MEDIA, type MediaRef, type VariantContent } from '../../content/limits.ts';
import {
  PermanentError,
  TransientError,
  type ConnectionContext,
  type Connector,
  type ConnectorLimits,
  type LookupContext,
  type OutgoingVariant,
  type PostMetrics,
  type PublishContext,
  type PublishResult,
  type ReplyTarget,
  type VerifyResult,
  readUpload,
} from '../connector.ts';
import { type SandboxAudience, sandboxFollowers, sandboxPostMetrics } from './metrics.ts';

export interface SandboxCall {
  variant: OutgoingVariant;
  idempotencyKey: string;
  connectionId: string;
}

/** One image or video as the sandbox received it (kept in the receipt's payload). */
export type SandboxMedia =
  | { url: string; alt: string }
  | { mediaId: string; alt: string; mimeType: string; bytes: number; sha256: string; width: number | null; height: number | null };

export interface SandboxOptions {
  /** Simulated round trip: a fixed delay or a [min, max] range, in ms. */
  latencyMs?: number | readonly [number, number];
  /** Probability (0..1) that a publish fails transiently before the network records it. */
  transientFailureRate?: number;
  /** Called before each publish; return (or throw) an error to make the publish fail with it. */
  inject?: (call: SandboxCall) => Error | undefined;
  random?: () => number;
  /** The clock the audience's numbers follow (tests fix it). */
  now?: () => Date;
}

export const SANDBOX_LIMITS: ConnectorLimits = {
  post: { maxLength: 500, counting: 'graphemes', maxImages: 4, minImages: 0, threads: true, media: ANY_MEDIA },
  concurrency: 64,
  timeoutMs: 10_000,
};

/** `"50"` or `"5-20"` (ms) → the option value. */
export function parseLatency(spec: string): number | [number, number] {
  const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(spec);
  if (!m) throw new Error(`Sandbox latency must be "<ms>" or "<min>-<max>", got "${spec}"`);
  const a = Number(m[1]);
  if (m[2] === undefined) return a;
  const b = Number(m[2]);
  if (b < a) throw new Error(`Sandbox latency range "${spec}" is reversed`);
  return [a, b];
}

/** What the sandbox keeps of one publish (the receipt's payload). */
export interface SandboxPayload {
  variantId: string;
  postId: string;
  channelId: string;
  content: VariantContent;
  media: SandboxMedia[];
}

/** A recorded receipt: its number (in the remote id and URL) and when the network received it. */
export interface StoredSandboxReceipt {
  id: number;
  receivedAt: Date;
}

/** Where the sandbox network records what it received, one receipt per idempotency key. */
export interface SandboxReceiptStore {
  /**
   * Records a publish. A repeat of an idempotency key records nothing new: it counts the repeat and
   * answers the first receipt.
   */
  record(connectionId: string, idempotencyKey: string, payload: SandboxPayload): Promise<StoredSandboxReceipt>;
  /** The receipt recorded under an idempotency key, or null. */
  findByKey(idempotencyKey: string): Promise<StoredSandboxReceipt | null>;
  /** Marks receipt `id` (the digits of `sandbox-<id>`) deleted, keeping the first deletion's time; false when there is no such receipt. */
  markDeleted(id: string): Promise<boolean>;
  /** The receipts with these numbers that are not deleted, by number. */
  findLive(ids: readonly number[]): Promise<Map<number, StoredSandboxReceipt>>;
}

/** The audience a connection's config sets (checked by its schema when stored; anything else is none). */
function audienceOf(value: unknown): SandboxAudience | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { count, on, perDay } = value as Record<string, unknown>;
  return typeof count === 'number' && typeof on === 'string' && typeof perDay === 'number' ? { count, on, perDay } : undefined;
}

const resultOf = (r: StoredSandboxReceipt): PublishResult => ({
  remoteId: `sandbox-${r.id}`,
  remoteUrl: `sandbox://receipts/${r.id}`,
  publishedAt: r.receivedAt,
});

export class SandboxConnector implements Connector {
  readonly kind = 'sandbox' as const;
  readonly limits = SANDBOX_LIMITS;
  readonly #receipts: SandboxReceiptStore;
  readonly #options: SandboxOptions;
  readonly #random: () => number;

  constructor(receipts: SandboxReceiptStore, options: SandboxOptions = {}) {
    this.#receipts = receipts;
    this.#options = options;
    this.#random = options.random ?? Math.random;
  }

  #now(): Date {
    return this.#options.now?.() ?? new Date();
  }

  #latency(): number {
    const l = this.#options.latencyMs ?? 0;
    if (typeof l === 'number') return l;
    return l[0] + this.#random() * (l[1] - l[0]);
  }

  async publish(variant: OutgoingVariant, ctx: PublishContext): Promise<PublishResult> {
    const latency = this.#latency();
    // The request travels…
    await sleep(latency / 2, undefined, { signal: ctx.signal });
    const injected = this.#options.inject?.({ variant, idempotencyKey: ctx.idempotencyKey, connectionId: ctx.connection.id });
    if (injected) throw injected;
    const text = variant.content.text;
    if (text.includes('#sandbox-reject')) throw new PermanentError('Sandbox rejected the post: it contains #sandbox-reject.');
    if (text.includes('#sandbox-flaky') && variant.attempt === 1)
      throw new TransientError('Sandbox is flaky today (#sandbox-flaky): try again.', { retryAfterMs: 1000 });
    const rate = this.#options.transientFailureRate ?? 0;
    if (rate > 0 && this.#random() < rate) throw new TransientError('Sandbox: simulated outage (503).');
    const media = await Promise.all(variant.content.media.map((m) => this.#receive(m, ctx)));
    // …the network records it (a repeat of a key returns the first receipt)…
    const receipt = await this.#receipts.record(ctx.connection.id, ctx.idempotencyKey, {
      variantId: variant.id,
      postId: variant.postId,
      channelId: variant.channelId,
      content: variant.content,
      media,
    });
    // …and the answer travels back.
    await sleep(latency / 2, undefined, { signal: ctx.signal });
    return resultOf(receipt);
  }

  /** What the network received of one media item: an upload's bytes (hashed), or the URL as given. */
  async #receive(m: MediaRef, ctx: PublishContext): Promise<SandboxMedia> {
    if (m.mediaId === undefined) return { url: m.url.length > 200 ? `${m.url.slice(0, 200)}…` : m.url, alt: m.alt };
    const file = await readUpload(ctx.media, m.mediaId, ctx.signal);
    return {
      mediaId: m.mediaId,
      alt: m.alt,
      mimeType: file.mimeType,
      bytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
      width: file.width,
      height: file.height,
    };
  }

  /** The receipt is found by its key alone: the variant is not needed. */
  async lookup(idempotencyKey: string, _ctx: LookupContext): Promise<PublishResult | null> {
    const receipt = await this.#receipts.findByKey(idempotencyKey);
    return receipt ? resultOf(receipt) : null;
  }

  async delete(remoteId: string): Promise<void> {
    const id = /^sandbox-(\d+)$/.exec(remoteId)?.[1];
    if (!id) throw new PermanentError(`Not a sandbox post id: ${remoteId}`, { reason: 'not_found' });
    if (!(await this.#receipts.markDeleted(id))) throw new PermanentError(`The sandbox has no post ${remoteId}`, { reason: 'not_found' });
  }

  /** The audience's reaction so far (metrics.ts), from the hours since the receipt; deleted or unknown posts are absent. */
  async fetchMetrics(remoteIds: readonly string[], ctx: ConnectionContext): Promise<Map<string, PostMetrics>> {
    await sleep(this.#latency(), undefined, { signal: ctx.signal });
    const ids = new Map<number, string>();
    for (const remoteId of remoteIds) {
      const id = /^sandbox-(\d+)$/.exec(remoteId)?.[1];
      if (id) ids.set(Number(id), remoteId);
    }
    const receipts = await this.#receipts.findLive([...ids.keys()]);
    const now = this.#now().getTime();
    const metrics = new Map<string, PostMetrics>();
    for (const [id, receipt] of receipts) {
      const remoteId = ids.get(id);
      if (remoteId) metrics.set(remoteId, sandboxPostMetrics(remoteId, (now - receipt.receivedAt.getTime()) / 3_600_000));
    }
    return metrics;
  }

  async fetchFollowers(ctx: ConnectionContext): Promise<number> {
    await sleep(this.#latency(), undefined, { signal: ctx.signal });
    return sandboxFollowers(ctx.connection.id, this.#now(), audienceOf(ctx.connection.config.followers));
  }

  /**
   * Accepts a reply (the sandbox's audience reads no replies): its id derives from the idempotency key,
   * so a repeat answers the same reply. `#sandbox-reject` in the text is refused, as for posts.
   */
  async reply(ctx: ConnectionContext, target: ReplyTarget, text: string, idempotencyKey: string): Promise<PublishResult> {
    await sleep(this.#latency(), undefined, { signal: ctx.signal });
    if (text.includes('#sandbox-reject')) throw new PermanentError('Sandbox rejected the reply: it contains #sandbox-reject.');
    const id = createHash('sha256').update(`${target.externalId}\n${idempotencyKey}`).digest('hex').slice(0, 16);
    return { remoteId: `sandbox-reply-${id}`, remoteUrl: `sandbox://replies/${id}`, publishedAt: this.#now() };
  }

  async verify(ctx: ConnectionContext): Promise<VerifyResult> {
    // A sandbox account can be "revoked" to demo the reconnect alert.
    if (ctx.connection.config.revoked === true) return { ok: false, message: 'The sandbox account was revoked (config.revoked).' };
    return { ok: true };
  }
}
