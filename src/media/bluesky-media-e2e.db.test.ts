/**
 * Uploads to Bluesky end to end, against a REAL local PDS (@atproto/dev-env) and a real Postgres:
 * two images go up through the media API (a small PNG, and a 1.5 MB photo — over Bluesky's 1 MB blob
 * limit), a post refers to them by id, the real worker publishes it through the scheduler with the
 * BlueskyConnector reading the uploads from the media storage, and the blobs are read back from the
 * PDS: the PNG byte for byte, the photo recompressed below 1 MB with its aspect ratio; then an MP4
 * upload goes out as a video embed, read back byte for byte.
 */
import { AtpAgent } from '@atproto/api';
import type { TestNetworkNoAppView } from '@atproto/dev-env';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PgBoss } from 'pg-boss';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPdsAccount, embedOf, readPost, startTestPds, type PdsAccount } from '../../test/pds.ts';
import { createTestDatabase, type TestDatabase } from '../../test/db.ts';
import { multipartFile } from '../../test/multipart.ts';
import { png } from '../../test/png.ts';
import { BlueskyConnector } from '../connectors/bluesky/bluesky.ts';
import { createOutbound } from '../outbound/client.ts';
import { rootRecordKey } from '../connectors/bluesky/record-key.ts';
import { ConnectorRegistry } from '../connectors/registry.ts';
import { buildApp, type App } from '../http/app.ts';
import { PgBossPublishQueue, startBoss } from '../scheduler/jobs.ts';
import { expectStatus, postingStrategy, type Headers } from '../../test/posts-app.ts';
import { PublishWorker } from '../scheduler/worker.ts';
import { LocalDiskStorage } from './storage.ts';
import { quiet, workerSettings as settings } from '../../test/worker-fixtures.ts';

let network: TestNetworkNoAppView;
let alice: PdsAccount;
let db: TestDatabase;
let boss: PgBoss;
let queue: PgBossPublishQueue;
let registry: ConnectorRegistry;
let storage: LocalDiskStorage;
let mediaDir: string;
let app: App;

const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: unknown) =>
  app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });

beforeAll(async () => {
  const [net, database] = await Promise.all([startTestPds(), createTestDatabase()]);
  network = net;
  db = database;
  alice = await createPdsAccount(network, 'mira');

  mediaDir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-bsky-media-'));
  storage = new LocalDiskStorage(mediaDir);
  boss = await startBoss(db.url);
  queue = new PgBossPublishQueue(boss);
  // The PDS is on this machine: its host is allowed, as OUTBOUND_ALLOW would.
  registry = new ConnectorRegistry([new BlueskyConnector({ fetch: createOutbound({ allow: ['localhost', '127.0.0.1'] }).fetch })]);
  app = await buildApp({
    pool: db.pool,
    config: { sessionTtlDays: 30, cookieSecure: false, logLevel: 'silent' },
    queue,
    connectors: registry,
    mediaStorage: storage,
  });
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await boss?.stop({ graceful: false, close: true });
  await db?.drop();
  await network?.close();
  if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
});

describe('uploaded images to Bluesky', () => {
  it('publishes uploads through the scheduler; the PDS has the PNG as uploaded, the large photo shrunk below 1 MB, and the video', async () => {
    const signup = await inject(
      'POST',
      '/auth/signup',
      {},
      { email: `bsky-media-${Date.now()}@example.com`, password: 'correct horse battery staple', name: 'Mira' },
    );
    expectStatus(signup, 201);
    const owner: Headers = { cookie: `gw_session=${signup.cookies.find((c) => c.name === 'gw_session')!.value}` };
    const wsRes = await inject('POST', '/workspaces', owner, { name: 'Harbour on Bluesky' });
    expectStatus(wsRes, 201);
    const ws = wsRes.json().workspace.id as string;
    // A one-person team: Mira approves her own posts.
    expectStatus(await inject('PATCH', `/workspaces/${ws}`, owner, { allowSelfApproval: true }), 200);
    const strategy = postingStrategy();
    expectStatus(await inject('POST', `/workspaces/${ws}/strategies`, owner, strategy), 201);
    expectStatus(
      await inject('POST', `/workspaces/${ws}/connections`, owner, {
        strategy: strategy.id,
        channel: 'bluesky',
        connector: 'bluesky',
        config: { service: network.pds.url },
        credentials: { identifier: 'mira.test', appPassword: alice.appPassword },
      }),
      201,
    );

    // Two uploads through the media API.
    const small = png(6, 4, [20, 90, 160]);
    const photo = await sharp({
      create: { width: 1600, height: 1200, channels: 3, background: '#7a6a50', noise: { type: 'gaussian', mean: 120, sigma: 45 } },
    })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(photo.length).toBeGreaterThan(1_000_000);
    const uploaded = [];
    for (const [bytes, name] of [
      [small, 'mark.png'],
      [photo, 'harbour.jpg'],
    ] as const) {
      const { payload, headers } = multipartFile(bytes, name);
      const res = await app.inject({ method: 'POST', url: `/api/v1/workspaces/${ws}/media`, headers: { ...owner, ...headers }, payload });
      expectStatus(res, 201);
      uploaded.push(res.json().media as { id: string });
    }

    const created = await inject('POST', `/workspaces/${ws}/posts`, owner, {
      strategy: strategy.id,
      variants: {
        bluesky: {
          text: 'The harbour this morning, and our new mark.',
          media: [
            { mediaId: uploaded[0]!.id, alt: 'A blue rectangle: the bakery mark' },
            { mediaId: uploaded[1]!.id, alt: 'Grainy morning light over the harbour' },
          ],
        },
      },
    });
    expectStatus(created, 201);
    // A still photo over 1 MB is no problem for Bluesky: it is resized at publish time.
    expect(created.json().warnings).toEqual([]);
    const postId = created.json().post.id as string;
    expectStatus(await inject('POST', `/workspaces/${ws}/posts/${postId}/submit`, owner), 200);
    expectStatus(await inject('POST', `/workspaces/${ws}/posts/${postId}/approve`, owner), 200);

    const worker = new PublishWorker({ boss, pool: db.pool, queue, registry, settings, mediaStorage: storage, log: quiet });
    worker.start();
    const reader = new AtpAgent({ service: network.pds.url });
    const blob = async (ref: { toString(): string }) =>
      Buffer.from((await reader.com.atproto.sync.getBlob({ did: alice.did, cid: ref.toString() })).data);
    /** Schedules the post two seconds ahead and waits for the worker; returns the root record. */
    const publish = async (id: string) => {
      const dueAt = new Date(Math.ceil((Date.now() + 2000) / 1000) * 1000);
      expectStatus(
        await inject('POST', `/workspaces/${ws}/posts/${id}/schedule`, owner, {
          localTime: dueAt.toISOString().slice(0, 19),
          timezone: 'UTC',
        }),
        200,
      );
      const deadline = Date.now() + 20_000;
      let variant: { state: string; last_error: string | null; idempotency_key: string };
      for (;;) {
        const { rows } = await db.pool.query('SELECT state, last_error, idempotency_key FROM post_variants WHERE post_id = $1', [id]);
        variant = rows[0];
        if (variant.state === 'published' || variant.state === 'failed' || variant.state === 'missed') break;
        if (Date.now() > deadline) throw new Error(`not published in time: ${JSON.stringify(variant)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(variant.last_error).toBeNull();
      expect(variant.state).toBe('published');
      return (await readPost(reader, alice.did, rootRecordKey(variant.idempotency_key))).value;
    };
    try {
      const embed = embedOf(await publish(postId), 'app.bsky.embed.images');
      expect(embed.images.map((i) => i.alt)).toEqual(['A blue rectangle: the bakery mark', 'Grainy morning light over the harbour']);

      // The PNG as uploaded, byte for byte.
      expect(embed.images[0]).toMatchObject({ aspectRatio: { width: 6, height: 4 }, image: { mimeType: 'image/png' } });
      expect((await blob(embed.images[0]!.image.ref)).equals(small)).toBe(true);

      // The photo: recompressed as JPEG below Bluesky's limit, same proportions, still a real image.
      const shrunk = await blob(embed.images[1]!.image.ref);
      expect(embed.images[1]!.image.mimeType).toBe('image/jpeg');
      expect(shrunk.length).toBeLessThanOrEqual(1_000_000);
      expect(shrunk.length).toBeLessThan(photo.length);
      const meta = await sharp(shrunk).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.width! / meta.height!).toBeCloseTo(4 / 3, 2);
      expect(embed.images[1]!.aspectRatio).toEqual({ width: meta.width, height: meta.height });

      // A video: one MP4 on its own, as an `app.bsky.embed.video` with its alt text, the bytes as uploaded.
      const clip = Buffer.concat([
        Buffer.from('000000206674797069736f6d0000020069736f6d69736f32617663316d703431', 'hex'),
        Buffer.alloc(4000, 3),
      ]);
      const { payload, headers } = multipartFile(clip, 'oven.mp4');
      const up = await app.inject({ method: 'POST', url: `/api/v1/workspaces/${ws}/media`, headers: { ...owner, ...headers }, payload });
      expectStatus(up, 201);
      const withVideo = await inject('POST', `/workspaces/${ws}/posts`, owner, {
        strategy: strategy.id,
        variants: {
          bluesky: {
            text: 'The oven door, opening.',
            media: [{ mediaId: up.json().media.id, alt: 'The oven door opening on a tray of rolls' }],
          },
        },
      });
      expectStatus(withVideo, 201);
      expect(withVideo.json().warnings).toEqual([]);
      const videoPost = withVideo.json().post.id as string;
      expectStatus(await inject('POST', `/workspaces/${ws}/posts/${videoPost}/submit`, owner), 200);
      expectStatus(await inject('POST', `/workspaces/${ws}/posts/${videoPost}/approve`, owner), 200);
      const videoEmbed = embedOf(await publish(videoPost), 'app.bsky.embed.video');
      expect(videoEmbed).toMatchObject({
        $type: 'app.bsky.embed.video',
        alt: 'The oven door opening on a tray of rolls',
        video: { mimeType: 'video/mp4' },
      });
      expect((await blob(videoEmbed.video.ref)).equals(clip)).toBe(true);
    } finally {
      await worker.stop();
    }
  }, 45_000);
});
