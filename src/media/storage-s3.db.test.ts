/**
 * Media on S3-compatible storage, against a real local S3 server (s3rver): the configuration picks S3
 * when a bucket is set, an upload through the API lands in the bucket (original and thumbnail) under
 * the prefix, the API and the worker's MediaSource read it back, and a refused upload leaves nothing.
 */
import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipartFile } from '../../test/multipart.ts';
import { png } from '../../test/png.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { createPostsTestApp, expectError, expectStatus, type Headers, type PostsTestApp } from '../../test/posts-app.ts';
import { mediaSource } from '../scheduler/media-source.ts';
import { S3Storage, storageFromConfig } from './storage.ts';

const BUCKET = 'groundwork-media';
let s3rver: S3rver;
let dir: string;
let endpoint: string;
let client: S3Client;
let t: PostsTestApp;
let owner: Headers;
let ws: string;

const env = () => ({
  MEDIA_S3_BUCKET: BUCKET,
  MEDIA_S3_ENDPOINT: endpoint,
  MEDIA_S3_ACCESS_KEY_ID: 'S3RVER',
  MEDIA_S3_SECRET_ACCESS_KEY: 'S3RVER',
  MEDIA_S3_PREFIX: 'gw/',
});

const keys = async () => ((await client.send(new ListObjectsV2Command({ Bucket: BUCKET }))).Contents ?? []).map((o) => o.Key!).sort();

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'groundwork-s3rver-'));
  s3rver = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: dir, configureBuckets: [{ name: BUCKET }] });
  const { port } = await s3rver.run();
  endpoint = `http://127.0.0.1:${port}`;
  client = new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const storage = storageFromConfig(loadConfig(env()).media);
  t = await createPostsTestApp({ mediaStorage: storage });
  owner = (await t.signUp()).headers;
  ws = await t.createWorkspace(owner);
});

afterAll(async () => {
  await t?.close();
  client?.destroy();
  await s3rver?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('media on S3-compatible storage', () => {
  it('is chosen by MEDIA_S3_BUCKET, and half an S3 configuration is refused at start', () => {
    expect(storageFromConfig(loadConfig(env()).media)).toBeInstanceOf(S3Storage);
    expect(storageFromConfig(loadConfig({}).media)).not.toBeInstanceOf(S3Storage);
    expect(() => loadConfig({ MEDIA_S3_ENDPOINT: endpoint })).toThrow(ConfigError);
    expect(() => loadConfig({ MEDIA_S3_BUCKET: BUCKET, MEDIA_S3_ACCESS_KEY_ID: 'only-half' })).toThrow(/MEDIA_S3_ACCESS_KEY_ID/);
  });

  it('stores an upload and its thumbnail in the bucket and reads them back through the API and the worker', async () => {
    const image = png(300, 200, [200, 60, 60]);
    const { payload, headers } = multipartFile(image, 'red.png', 'image/png');
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/workspaces/${ws}/media`, headers: { ...owner, ...headers }, payload });
    expectStatus(res, 201);
    const media = res.json().media as { id: string; contentUrl: string; thumbnailUrl: string };
    const wsId = media.contentUrl.split('/')[4]!;
    expect(await keys()).toEqual([`gw/${wsId}/${media.id}.png`, `gw/${wsId}/${media.id}.thumb.webp`]);

    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `gw/${wsId}/${media.id}.png` }));
    expect(object.ContentType).toBe('image/png');
    expect(Buffer.from(await object.Body!.transformToByteArray()).equals(image)).toBe(true);

    const content = await t.inject('GET', media.contentUrl, owner);
    expectStatus(content, 200);
    expect(content.rawPayload.equals(image)).toBe(true);
    expectStatus(await t.inject('GET', media.thumbnailUrl, owner), 200);

    const read = await mediaSource(t.db.pool, storageFromConfig(loadConfig(env()).media), wsId).read(media.id);
    expect(Buffer.from(read.bytes).equals(image)).toBe(true);
  });

  it('leaves nothing in the bucket when an upload is refused', async () => {
    const before = await keys();
    const { payload, headers } = multipartFile(Buffer.concat([png(50, 50).subarray(0, 60), Buffer.alloc(40)]), 'broken.png');
    expectError(
      await t.app.inject({ method: 'POST', url: `/api/v1/workspaces/${ws}/media`, headers: { ...owner, ...headers }, payload }),
      422,
      'media.broken_image',
    );
    expect(await keys()).toEqual(before);
  });
});
