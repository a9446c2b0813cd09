/**
 * Where uploaded files live. One small interface, two implementations: a directory on local disk
 * (DATA_DIR/media, the default) and an S3-compatible bucket (AWS S3, MinIO, R2… when MEDIA_S3_BUCKET
 * is set). Keys are made by Groundwork (`<workspace id>/<media id>.<ext>`), never from user input.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MediaConfig, S3Config } from '../config.ts';

export interface MediaStorage {
  /** What the storage is, for logs: "local disk /data/media" or "S3 bucket …". */
  readonly description: string;
  /** Stores the file at `file` (a temporary file, which may be moved away) under `key`. */
  putFile(key: string, file: string, contentType: string): Promise<void>;
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** The stored bytes as a stream; `MediaMissingError` when nothing is stored under `key`. */
  open(key: string): Promise<Readable>;
  delete(key: string): Promise<void>;
}

export class MediaMissingError extends Error {
  override readonly name = 'MediaMissingError';
  constructor(key: string) {
    super(`No stored file under "${key}".`);
  }
}

const KEY_RE = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;
function checkKey(key: string): string {
  if (!KEY_RE.test(key) || key.split('/').some((s) => s === '.' || s === '..')) throw new Error(`Invalid media storage key: ${key}`);
  return key;
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export class LocalDiskStorage implements MediaStorage {
  readonly description: string;
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = path.resolve(dir);
    this.description = `local disk ${this.#dir}`;
  }

  #path(key: string): string {
    return path.join(this.#dir, checkKey(key));
  }

  async putFile(key: string, file: string): Promise<void> {
    const target = this.#path(key);
    await mkdir(path.dirname(target), { recursive: true });
    try {
      await rename(file, target);
    } catch (e) {
      // Another file system (the temporary directory is elsewhere): copy instead.
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      await pipeline(createReadStream(file), createWriteStream(target));
    }
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const target = this.#path(key);
    await mkdir(path.dirname(target), { recursive: true });
    await pipeline(Readable.from([bytes]), createWriteStream(target));
  }

  async open(key: string): Promise<Readable> {
    const file = this.#path(key);
    try {
      await stat(file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new MediaMissingError(key);
      throw e;
    }
    return createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await rm(this.#path(key), { force: true });
  }
}

export class S3Storage implements MediaStorage {
  readonly description: string;
  readonly #config: S3Config;
  /** The SDK is loaded on the first request, not at start (it is ~0.2 s of CPU to load). */
  #sdk?: Promise<{ sdk: typeof import('@aws-sdk/client-s3'); client: S3Client }>;
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(config: S3Config) {
    this.#config = config;
    this.#bucket = config.bucket;
    this.#prefix = config.prefix;
    this.description = `S3 bucket ${config.bucket}${config.endpoint ? ` at ${config.endpoint}` : ''}`;
  }

  #client() {
    this.#sdk ??= import('@aws-sdk/client-s3').then((sdk) => ({ sdk, client: this.#makeClient(sdk) }));
    return this.#sdk;
  }

  #makeClient({ S3Client }: typeof import('@aws-sdk/client-s3')): S3Client {
    const config = this.#config;
    return new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      // Self-hosted S3 (MinIO, s3rver…) is addressed by path, not by bucket subdomain.
      forcePathStyle: config.endpoint !== undefined,
      credentials: config.credentials,
      // Checksums only where the API requires them: the SDK's default sends streamed bodies as
      // aws-chunked with a trailing checksum, which S3-compatible servers (s3rver, older MinIO…) store
      // verbatim, framing and all.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  #key(key: string): string {
    return `${this.#prefix}${checkKey(key)}`;
  }

  async putFile(key: string, file: string, contentType: string): Promise<void> {
    const { size } = await stat(file);
    const { sdk, client } = await this.#client();
    await client.send(
      new sdk.PutObjectCommand({
        Bucket: this.#bucket,
        Key: this.#key(key),
        Body: createReadStream(file),
        ContentLength: size,
        ContentType: contentType,
      }),
    );
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    const { sdk, client } = await this.#client();
    await client.send(new sdk.PutObjectCommand({ Bucket: this.#bucket, Key: this.#key(key), Body: bytes, ContentType: contentType }));
  }

  async open(key: string): Promise<Readable> {
    const { sdk, client } = await this.#client();
    try {
      const res = await client.send(new sdk.GetObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }));
      return res.Body as Readable;
    } catch (e) {
      if (e instanceof sdk.NoSuchKey || (e as { name?: string }).name === 'NoSuchKey') throw new MediaMissingError(key);
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    const { sdk, client } = await this.#client();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#key(key) }));
  }
}

/** S3 when a bucket is configured, else DATA_DIR/media. */
export function storageFromConfig(media: Pick<MediaConfig, 'dir' | 's3'>): MediaStorage {
  return media.s3 ? new S3Storage(media.s3) : new LocalDiskStorage(media.dir);
}
