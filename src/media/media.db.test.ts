/**
 * Uploads through the real API on local disk: type detection from the bytes, size limits, broken
 * images, thumbnails, workspace scoping, per-network media checks on posts, and the worker's
 * MediaSource reading the stored bytes back.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../../test/multipart.ts';
import { png } from '../../test/png.ts';
import { createPostsTestApp, expectError, expectStatus, postingStrategy, type Headers, type PostsTestApp } from '../../test/posts-app.ts';
import { mediaSource } from '../scheduler/media-source.ts';
import { LocalDiskStorage } from './storage.ts';

const MAX_IMAGE = 200_000;
const MAX_VIDEO = 3_000_000;
let t: PostsTestApp;
let dir: string;
let storage: LocalDiskStorage;
let ws: string;
let owner: Headers;
const strategy = postingStrategy();

const upload = (headers: Headers, bytes: Buffer, fileName: string, type?: string, workspace = ws) => {
  const { payload, headers: h } = multipartFile(bytes, fileName, type);
  return t.app.inject({ method: 'POST', url: `/api/v1/workspaces/${workspace}/media`, headers: { ...headers, ...h }, payload });
};

/** An MP4's first bytes (the `ftyp` box) followed by filler: what the type detection reads. */
const mp4 = (size: number) =>
  Buffer.concat([Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex'), Buffer.alloc(size - 24, 7)]);

/** The warnings about images and video (the channels have no connected account: that warning is not this test's). */
const mediaWarnings = (warnings: { code: string; path?: string }[]) =>
  warnings
    .filter((w) => w.path?.includes('/media'))
    .map((w) => `${w.code} ${w.path}`)
    .sort();

const storedFiles = () => (existsSync(path.join(dir, ws)) ? readdirSync(path.join(dir, ws)).sort() : []);

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-media-test-'));
  storage = new LocalDiskStorage(dir);
  t = await createPostsTestApp({ mediaStorage: storage, mediaLimits: { maxImageBytes: MAX_IMAGE, maxVideoBytes: MAX_VIDEO } });
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
  expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/strategies`, owner, strategy), 201);
});

afterAll(async () => {
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('uploading media', () => {
  it('stores an image on local disk with its facts, a thumbnail and an audit entry, and serves it back', async () => {
    const image = png(640, 480, [30, 120, 200]);
    const res = await upload(owner, image, 'harbour.png', 'image/png');
    expectStatus(res, 201);
    const media = res.json().media;
    expect(media).toMatchObject({
      kind: 'image',
      mimeType: 'image/png',
      sizeBytes: image.length,
      width: 640,
      height: 480,
      sha256: createHash('sha256').update(image).digest('hex'),
      fileName: 'harbour.png',
      contentUrl: `/api/v1/workspaces/${res.json().media.contentUrl.split('/')[4]}/media/${media.id}/content`,
    });
    expect(storedFiles()).toEqual([`${media.id}.png`, `${media.id}.thumb.webp`].sort());

    const content = await t.inject('GET', media.contentUrl, owner);
    expectStatus(content, 200);
    expect(content.headers['content-type']).toBe('image/png');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    expect(content.rawPayload.equals(image)).toBe(true);

    const thumb = await t.inject('GET', media.thumbnailUrl, owner);
    expectStatus(thumb, 200);
    const meta = await sharp(thumb.rawPayload).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 320, height: 240 });

    const audit = await t.inject('GET', `/api/v1/workspaces/${ws}/audit?entityType=media&entityId=${media.id}`, owner);
    expect(audit.json().entries).toMatchObject([{ action: 'media.upload', after: { sha256: media.sha256, sizeBytes: image.length } }]);

    // The worker's view: the same bytes, through the storage.
    const read = await mediaSource(t.db.pool, storage, media.contentUrl.split('/')[4]).read(media.id);
    expect(Buffer.from(read.bytes).equals(image)).toBe(true);
    expect(read).toMatchObject({ mimeType: 'image/png', kind: 'image', width: 640, height: 480 });
  });

  it('detects the type from the bytes, not the name or the declared type', async () => {
    const jpeg = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#a33' } })
      .jpeg()
      .toBuffer();
    const res = await upload(owner, jpeg, 'looks-like.png', 'image/png');
    expectStatus(res, 201);
    expect(res.json().media).toMatchObject({ mimeType: 'image/jpeg', width: 20, height: 10 });

    const before = storedFiles();
    const text = await upload(owner, Buffer.from('#!/bin/sh\necho not an image\n'), 'photo.png', 'image/png');
    expectError(text, 415, 'media.unsupported_type');
    expect(storedFiles()).toEqual(before);
  });

  it('measures an animated GIF by its frame, not the strip of frames', async () => {
    const frame = (c: string) =>
      sharp({ create: { width: 40, height: 30, channels: 3, background: c } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame('#f00'), await frame('#0f0'), await frame('#00f')], { join: { animated: true } })
      .gif()
      .toBuffer();
    const res = await upload(owner, gif, 'blink.gif');
    expectStatus(res, 201);
    expect(res.json().media).toMatchObject({ mimeType: 'image/gif', width: 40, height: 30 });
  });

  it('refuses a file over the limit of its kind with 413, and a broken image with 422', async () => {
    const before = storedFiles();
    const big = await sharp({
      create: { width: 330, height: 330, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } },
    })
      .png()
      .toBuffer();
    expect(big.length).toBeGreaterThan(MAX_IMAGE);
    expect(big.length).toBeLessThan(MAX_VIDEO);
    const tooBig = await upload(owner, big, 'noise.png');
    expectError(tooBig, 413, 'media.too_large');
    expect(tooBig.json().error.details).toMatchObject({ limitBytes: MAX_IMAGE, sizeBytes: big.length });
    expect(tooBig.json().error.message).toMatch(/^The image is 0\.\d MB; the limit is 0\.2 MB\.$/);
    // A video may be larger than an image (and than the 2 MB limit of JSON bodies), up to its own limit…
    expectStatus(await upload(owner, mp4(2_500_000), 'clip.mp4'), 201);
    // …and beyond that the stream is cut off: 413 without reading the rest.
    const long = await upload(owner, mp4(MAX_VIDEO + 50_000), 'long.mp4');
    expectError(long, 413, 'media.too_large');
    expect(long.json().error.message).toBe('The video is larger than the limit of 3 MB.');

    const whole = png(64, 64, [10, 200, 10]);
    const broken = Buffer.concat([whole.subarray(0, 40), Buffer.alloc(60, 0xee)]);
    const res = await upload(owner, broken, 'broken.png');
    expectError(res, 422, 'media.broken_image');
    expect(storedFiles().filter((f) => !before.includes(f))).toHaveLength(1); // only the clip
  });

  it('needs a multipart body with a file, and content.write', async () => {
    expectError(
      await t.inject('POST', `/api/v1/workspaces/${ws}/media`, owner, { url: 'https://example.com/a.png' }),
      415,
      'media.multipart_required',
    );
    const viewer = await t.member(ws, owner, 'viewer');
    expectError(await upload(viewer.headers, png(2, 2), 'a.png'), 403, 'auth.forbidden');
  });

  it("answers 404 for another workspace's upload, and refuses it in a post", async () => {
    const mine = (await upload(owner, png(8, 8), 'mine.png')).json().media;
    const other = (await t.signUp()).headers;
    const otherWs = await t.createWorkspace(other);
    expectStatus(await t.inject('POST', `/api/v1/workspaces/${otherWs}/strategies`, other, strategy), 201);
    for (const suffix of ['', '/content', '/thumbnail']) {
      expectError(await t.inject('GET', `/api/v1/workspaces/${otherWs}/media/${mine.id}${suffix}`, other), 404, 'media.not_found');
    }
    expectError(await t.inject('GET', `/api/v1/workspaces/${ws}/media/not-a-uuid`, owner), 404, 'media.not_found');
    const post = await t.inject('POST', `/api/v1/workspaces/${otherWs}/posts`, other, {
      strategy: strategy.id,
      variants: { bluesky: { text: 'Borrowed photo', media: [{ mediaId: mine.id, alt: 'Not ours' }] } },
    });
    expectError(post, 422, 'post.unknown_media');
    expect(post.json().error.details).toMatchObject({ path: '/variants/bluesky/media/0' });
  });
});

describe('per-network media checks', () => {
  it('refuses a video beside images on Bluesky and any video in a newsletter when the post is submitted', async () => {
    const clip = (await upload(owner, mp4(5000), 'clip.mp4')).json().media;
    const photo = (await upload(owner, png(30, 20), 'photo.png')).json().media;
    expect(clip).toMatchObject({ kind: 'video', mimeType: 'video/mp4', width: null, thumbnailUrl: null });
    const created = await t.inject('POST', `/api/v1/workspaces/${ws}/posts`, owner, {
      strategy: strategy.id,
      variants: {
        bluesky: {
          text: 'Behind the counter',
          media: [
            { mediaId: photo.id, alt: 'Loaves' },
            { mediaId: clip.id, alt: 'The counter at dawn' },
          ],
        },
        newsletter: { text: 'Behind the counter', media: [{ mediaId: clip.id, alt: 'The counter at dawn' }] },
      },
    });
    expectStatus(created, 201);
    // A draft may break the rules: they are warnings until it is submitted.
    expect(mediaWarnings(created.json().warnings)).toEqual([
      'post.video_not_alone /variants/bluesky/media',
      'post.video_unsupported /variants/newsletter/media/0',
    ]);
    const submitted = await t.inject('POST', `/api/v1/workspaces/${ws}/posts/${created.json().post.id}/submit`, owner);
    expectError(submitted, 422, 'post.content_invalid');
    expect(submitted.json().error.details.issues.map((i: { message: string }) => i.message)).toEqual([
      'A Bluesky post with a video can have no other images or videos.',
      'Video 1 (MP4, 5 kB) cannot go to newsletter: it takes no video.',
    ]);

    // The video alone on Bluesky, the photo in the newsletter: fine.
    const fixed = await t.inject('PATCH', `/api/v1/workspaces/${ws}/posts/${created.json().post.id}`, owner, {
      variants: {
        bluesky: { text: 'Behind the counter', media: [{ mediaId: clip.id, alt: 'The counter at dawn' }] },
        newsletter: { text: 'Behind the counter', media: [{ mediaId: photo.id, alt: 'Loaves' }] },
      },
    });
    expectStatus(fixed, 200);
    expect(mediaWarnings(fixed.json().warnings)).toEqual([]);
    expectStatus(await t.inject('POST', `/api/v1/workspaces/${ws}/posts/${created.json().post.id}/submit`, owner), 200);
  });
});
