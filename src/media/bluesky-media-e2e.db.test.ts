/**
 * Uploads to Bluesky end to end, against a REAL local PDS (@atproto/dev-env) and a real Postgres:
 * two images go up through the media API (a small PNG, and a 1.5 MB photo — over Bluesky's 1 MB blob
 * limit), a post refers to them by id, the real worker publishes it through the scheduler with the
 * BlueskyConnector reading the uploads from the media storage, and the blobs are read back from the
 * PDS: the PNG byte for byte, the photo recompressed below 1 MB with its aspect ratio; then an MP4
 * upload goes out as a video embed, read back byte for byte.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedPost, ownerOnBluesky, publishSoon, startBlueskyE2e, type BlueskyE2e, type BlueskyOwner } from '../../test/bluesky-e2e.ts';
import { multipartFile } from '../../test/multipart.ts';
import { createPdsAccount, embedOf, readPost, type PdsAccount } from '../../test/pds.ts';
import { png } from '../../test/png.ts';
import { expectStatus } from '../../test/posts-app.ts';
import { rootRecordKey } from '../connectors/bluesky/record-key.ts';
import { LocalDiskStorage } from './storage.ts';

let e2e: BlueskyE2e;
let mira: PdsAccount;
let mediaDir: string;

beforeAll(async () => {
  mediaDir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-bsky-media-'));
  e2e = await startBlueskyE2e({ mediaStorage: new LocalDiskStorage(mediaDir) });
  mira = await createPdsAccount(e2e.network, 'mira');
});

afterAll(async () => {
  await e2e?.close();
  if (mediaDir) rmSync(mediaDir, { recursive: true, force: true });
});

/** Uploads a file through the media API; answers its id. */
async function upload({ ws, owner }: BlueskyOwner, bytes: Buffer, name: string): Promise<string> {
  const { payload, headers } = multipartFile(bytes, name);
  const res = await e2e.app.inject({ method: 'POST', url: `/api/v1/workspaces/${ws}/media`, headers: { ...owner, ...headers }, payload });
  expectStatus(res, 201);
  return res.json().media.id as string;
}

describe('uploaded images to Bluesky', () => {
  it('publishes uploads through the scheduler; the PDS has the PNG as uploaded, the large photo shrunk below 1 MB, and the video', async () => {
    const owner = await ownerOnBluesky(e2e, mira, 'Mira', 'Harbour on Bluesky');

    // Two uploads through the media API.
    const small = png(6, 4, [20, 90, 160]);
    const photo = await sharp({
      create: { width: 1600, height: 1200, channels: 3, background: '#7a6a50', noise: { type: 'gaussian', mean: 120, sigma: 45 } },
    })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(photo.length).toBeGreaterThan(1_000_000);
    const mark = await upload(owner, small, 'mark.png');
    const harbour = await upload(owner, photo, 'harbour.jpg');

    // A still photo over 1 MB is no problem for Bluesky (no warning): it is resized at publish time.
    const postId = await approvedPost(e2e, owner, {
      strategy: owner.strategy.id,
      variants: {
        bluesky: {
          text: 'The harbour this morning, and our new mark.',
          media: [
            { mediaId: mark, alt: 'A blue rectangle: the bakery mark' },
            { mediaId: harbour, alt: 'Grainy morning light over the harbour' },
          ],
        },
      },
    });

    const worker = e2e.startWorker();
    const blob = async (ref: { toString(): string }) =>
      Buffer.from((await e2e.reader.com.atproto.sync.getBlob({ did: mira.did, cid: ref.toString() })).data);
    /** Publishes the post two seconds ahead through the worker; returns the root record. */
    const publish = async (id: string) => {
      const { variant } = await publishSoon(e2e, owner, id);
      return (await readPost(e2e.reader, mira.did, rootRecordKey(variant.idempotency_key))).value;
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
      const videoPost = await approvedPost(e2e, owner, {
        strategy: owner.strategy.id,
        variants: {
          bluesky: {
            text: 'The oven door, opening.',
            media: [{ mediaId: await upload(owner, clip, 'oven.mp4'), alt: 'The oven door opening on a tray of rolls' }],
          },
        },
      });
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
