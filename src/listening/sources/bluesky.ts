/**
 * Bluesky: the repo event stream (`com.atproto.sync.subscribeRepos`) of a relay or PDS, read with
 * `@atproto/sync`'s Firehose. Each `app.bsky.feed.post` create becomes one mention; the cursor is the
 * stream's `seq`, read from the database at every (re)connect, so the stream resumes after the last
 * stored batch — nothing lost, and what is replayed is deduplicated by its at:// URI.
 *
 * Commits are taken unauthenticated (their signatures are not checked against the author's DID
 * document): the relay configured by the workspace is trusted, as with any listening provider, and
 * no PLC lookups leave the server per commit. The author is the DID (the stream carries no handles):
 * bluesky-handles.ts turns it into the handle before the batch is stored.
 */
import { Firehose, type FirehoseOptions, type Event } from '@atproto/sync';
import type { LookupFunction } from 'node:net';
import type { NormalizedMention } from '../ingest.ts';

export const POST_COLLECTION = 'app.bsky.feed.post';

interface PostRecord {
  text?: unknown;
  langs?: unknown;
  createdAt?: unknown;
  facets?: { features?: { $type?: string; uri?: unknown }[] }[];
  embed?: { $type?: string; images?: unknown[]; external?: { uri?: unknown }; media?: PostRecord['embed'] };
  reply?: { parent?: { uri?: unknown } };
}

const DAY_MS = 24 * 60 * 60 * 1000;

function mediaCount(embed: PostRecord['embed']): number {
  if (!embed) return 0;
  if (embed.$type === 'app.bsky.embed.images') return Array.isArray(embed.images) ? embed.images.length : 0;
  if (embed.$type === 'app.bsky.embed.video') return 1;
  if (embed.$type === 'app.bsky.embed.recordWithMedia') return mediaCount(embed.media);
  return 0;
}

/** One post record as a mention; `time` is the event's, used when the post's own date is missing or absurd. */
export function blueskyMention(
  uri: string,
  did: string,
  rkey: string,
  record: PostRecord,
  time: string,
  now = Date.now(),
): NormalizedMention {
  const links = new Set<string>();
  for (const facet of record.facets ?? [])
    for (const f of facet.features ?? []) if (f.$type === 'app.bsky.richtext.facet#link' && typeof f.uri === 'string') links.add(f.uri);
  const external = record.embed?.external?.uri ?? record.embed?.media?.external?.uri;
  if (typeof external === 'string') links.add(external);
  const created = typeof record.createdAt === 'string' ? Date.parse(record.createdAt) : Number.NaN;
  const postedAt = Number.isFinite(created) && created > Date.UTC(2000, 0, 1) && created < now + DAY_MS ? created : Date.parse(time) || now;
  const langs = Array.isArray(record.langs) ? record.langs.filter((l): l is string => typeof l === 'string') : [];
  const parent = record.reply?.parent?.uri;
  return {
    network: 'bluesky',
    externalId: uri,
    url: `https://bsky.app/profile/${did}/post/${rkey}`,
    author: did,
    text: typeof record.text === 'string' ? record.text : '',
    lang: langs[0] ?? null,
    links: [...links].filter((l) => /^https?:\/\//i.test(l)),
    media: mediaCount(record.embed),
    replyTo: typeof parent === 'string' ? parent : null,
    postedAt: new Date(postedAt),
  };
}

export interface BlueskyStreamOptions {
  /** `wss://…` of the relay or PDS. */
  url: string;
  /** The stored cursor (the last seq stored), read at every (re)connect. */
  getCursor(): Promise<number | undefined>;
  /** Stores a batch and its cursor in one transaction; the stream waits for it (back-pressure). */
  onBatch(mentions: NormalizedMention[], cursor: number): Promise<void>;
  onError(error: Error): void;
  /** Posts gathered before a batch is stored, and the longest a post waits. */
  batchSize?: number;
  flushMs?: number;
  /** Delay before reconnecting after the stream fails. */
  reconnectDelayMs?: number;
  /** Resolves the relay's host for the socket: the outbound address policy (guardSocket). */
  lookup?: LookupFunction;
}

/**
 * A running subscription; `stop` stores what is pending and closes it. When a batch cannot be stored
 * the stream marks itself `failed` and drops what follows (storing later batches would move the
 * cursor past the lost one): its owner restarts it, from the stored cursor.
 */
export class BlueskyStream {
  failed = false;
  readonly #o: BlueskyStreamOptions;
  readonly #firehose: Firehose;
  #pending: NormalizedMention[] = [];
  #seq: number | undefined;
  #timer: NodeJS.Timeout | undefined;
  #flushing: Promise<void> = Promise.resolve();
  #queue: Promise<void> = Promise.resolve();

  constructor(options: BlueskyStreamOptions) {
    this.#o = options;
    this.#firehose = new Firehose({
      service: options.url,
      // ws hands its options to http(s).request, which resolves the host with this.
      ...(options.lookup ? { lookup: options.lookup } : {}),
      // Never used: commits are unauthenticated and identity events excluded (see the module comment).
      idResolver: undefined as unknown as FirehoseOptions['idResolver'],
      unauthenticatedCommits: true,
      excludeIdentity: true,
      excludeAccount: true,
      excludeSync: true,
      filterCollections: [POST_COLLECTION],
      subscriptionReconnectDelay: options.reconnectDelayMs ?? 3000,
      // A runner rather than `getCursor`: in 0.1.40 the Firehose sends the getCursor function itself
      // as the cursor. The runner also runs the handlers one after another, in stream order.
      runner: {
        // What is pending is stored first, so the stored cursor is where the stream really is.
        getCursor: (async () => {
          await this.#flush();
          return options.getCursor();
        }) as unknown as () => number | undefined,
        trackEvent: (_did: string, _seq: number, handler: () => Promise<void>) => {
          this.#queue = this.#queue.then(handler);
          return this.#queue;
        },
      },
      handleEvent: (evt: Event) => this.#handle(evt),
      onError: (e: Error) => options.onError(e),
    });
  }

  start(): void {
    void this.#firehose.start();
  }

  async stop(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#firehose.destroy();
    await this.#queue;
    await this.#flush();
  }

  async #handle(evt: Event): Promise<void> {
    if (this.failed || evt.event !== 'create' || evt.collection !== POST_COLLECTION) return;
    this.#pending.push(blueskyMention(evt.uri.toString(), evt.did, evt.rkey, evt.record as PostRecord, evt.time));
    this.#seq = evt.seq;
    if (this.#pending.length >= (this.#o.batchSize ?? 100)) await this.#flush();
    else if (this.#timer === undefined) this.#timer = setTimeout(() => void this.#flush(), this.#o.flushMs ?? 500);
  }

  #flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const batch = this.#pending;
    const seq = this.#seq;
    this.#pending = [];
    if (batch.length === 0 || seq === undefined) return this.#flushing;
    this.#flushing = this.#flushing.then(async () => {
      if (this.failed) return;
      try {
        await this.#o.onBatch(batch, seq);
      } catch (e) {
        this.failed = true;
        this.#o.onError(e as Error);
      }
    });
    return this.#flushing;
  }
}
