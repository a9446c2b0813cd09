/**
 * A real Bluesky PDS on this machine for tests (@atproto/dev-env's TestNetworkNoAppView: offline,
 * SQLite in a temp dir), and accounts on it with an app password, as a user would connect one.
 *
 * Where counts matter (likes, reposts, followers), the whole network: `startTestNetwork` adds the
 * Bluesky AppView — the service that indexes the network and answers `app.bsky.*` reads, proxied by
 * the PDS exactly as in production — on a Postgres database of its own on the tests' server.
 */
import { randomBytes } from 'node:crypto';
import { AtpAgent, type AppBskyEmbedExternal, type AppBskyEmbedImages, type AppBskyEmbedVideo, type AppBskyFeedPost } from '@atproto/api';
import type { TestNetwork, TestNetworkNoAppView } from '@atproto/dev-env';
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from '../src/db/pool.ts';

export const POST_COLLECTION = 'app.bsky.feed.post';

export interface PdsAccount {
  did: string;
  handle: string;
  appPassword: string;
}

export async function startTestPds(): Promise<TestNetworkNoAppView> {
  // Imported on demand: the module is heavy (~3.6 s), and only these tests need it.
  const { TestNetworkNoAppView } = await import('@atproto/dev-env');
  return TestNetworkNoAppView.create({});
}

export interface FullTestNetwork {
  network: TestNetwork;
  /** Stops the services and drops the AppView's database. */
  close(): Promise<void>;
}

/**
 * PLC, PDS, AppView (and Ozone, which dev-env always starts with it) — ~4 s after the import. The
 * AppView's database is made on the tests' Postgres server (named like the run's databases, so the
 * global teardown drops it if this run dies) and used by a superuser: it is Bluesky's server, not
 * Groundwork, and its migrations create the pg_trgm extension. dev-env asserts REDIS_HOST is set;
 * this version of the AppView never connects to it.
 */
export async function startTestNetwork(): Promise<FullTestNetwork> {
  const serverUrl = inject('pgServerUrl');
  const name = `gw_test_${inject('pgTemplate').replace('gw_template_', '')}_appview_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  const { TestNetwork } = await import('@atproto/dev-env');
  process.env.REDIS_HOST ??= 'unused.invalid:6379';
  let network: TestNetwork;
  try {
    network = await TestNetwork.create({ dbPostgresUrl: withDatabase(serverUrl, name), dbPostgresSchema: 'groundwork_test' });
  } catch (e) {
    await admin(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    throw e;
  }
  return {
    network,
    close: async () => {
      await network.close();
      await admin(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    },
  };
}

/** An account `<name>.test`; with `appPassword: false` it gets none (someone only mentioned or read). */
export async function createPdsAccount(network: TestNetworkNoAppView, name: string, { appPassword = true } = {}): Promise<PdsAccount> {
  const agent = new AtpAgent({ service: network.pds.url });
  const handle = `${name}.test`;
  const { data } = await agent.createAccount({ handle, email: `${name}@example.test`, password: `${name}-main-pass` });
  if (!appPassword) return { did: data.did, handle, appPassword: '' };
  const { data: ap } = await agent.com.atproto.server.createAppPassword({ name: 'groundwork' });
  return { did: data.did, handle, appPassword: ap.password };
}

/** The UTF-8 byte range of the first occurrence of `needle` in `text`, as a facet's index gives it. */
export function byteRange(text: string, needle: string): { byteStart: number; byteEnd: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in "${text}"`);
  return { byteStart: Buffer.byteLength(text.slice(0, i)), byteEnd: Buffer.byteLength(text.slice(0, i + needle.length)) };
}

/** A post record as the PDS stored it. */
export interface StoredPost {
  uri: string;
  cid?: string;
  value: AppBskyFeedPost.Record;
}

/** Reads a post record back from the PDS (getRecord is public: `reader` needs no session). */
export async function readPost(reader: AtpAgent, did: string, rkey: string): Promise<StoredPost> {
  const { data } = await reader.com.atproto.repo.getRecord({ repo: did, collection: POST_COLLECTION, rkey });
  return { uri: data.uri, cid: data.cid, value: data.value as AppBskyFeedPost.Record };
}

interface Embeds {
  'app.bsky.embed.images': AppBskyEmbedImages.Main;
  'app.bsky.embed.video': AppBskyEmbedVideo.Main;
  'app.bsky.embed.external': AppBskyEmbedExternal.Main;
}

/** The post's embed, which must be of `type` (the lexicon's open union is not narrowed by `$type` alone). */
export function embedOf<T extends keyof Embeds>(post: AppBskyFeedPost.Record, type: T): Embeds[T] {
  const embed = post.embed;
  if (embed?.$type !== type) throw new Error(`expected an ${type} embed, got ${embed?.$type ?? 'none'}`);
  return embed as Embeds[T];
}
