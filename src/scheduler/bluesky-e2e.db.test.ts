/**
 * Bluesky end to end through the scheduler, against a REAL local PDS (@atproto/dev-env's
 * TestNetworkNoAppView) and a real Postgres: sign up, create a workspace and a strategy with a
 * Bluesky channel, connect the channel through the connections API (app password, config.service =
 * the PDS), write a post through the post API (a 2-part thread with an image, a mention and a
 * hashtag), submit, approve and schedule it two seconds ahead, let the real worker (pg-boss queue,
 * PublishProcessor, BlueskyConnector) publish it, and read the records back from the PDS.
 */
import { BlobRef } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedPost, ownerOnBluesky, publishSoon, startBlueskyE2e, type BlueskyE2e } from '../../test/bluesky-e2e.ts';
import { byteRange as range, createPdsAccount, embedOf, POST_COLLECTION as POST, readPost, type PdsAccount } from '../../test/pds.ts';
import { png } from '../../test/png.ts';
import { expectStatus } from '../../test/posts-app.ts';
import { partRecordKey, rootRecordKey } from '../connectors/bluesky/record-key.ts';

let e2e: BlueskyE2e;
let alice: PdsAccount;
let bobDid: string;

beforeAll(async () => {
  e2e = await startBlueskyE2e();
  alice = await createPdsAccount(e2e.network, 'alice');
  bobDid = (await createPdsAccount(e2e.network, 'bob', { appPassword: false })).did;
});

afterAll(async () => {
  await e2e?.close();
});

describe('Bluesky end to end through the scheduler', () => {
  it('connects an account, schedules a thread with an image, publishes it on time, and the PDS has it', async () => {
    const started = Date.now();
    const { reader, db } = e2e;
    // A user, a workspace, a strategy with a Bluesky channel, connected: verified against the PDS with the app password.
    const ana = await ownerOnBluesky(e2e, alice, 'Ana', 'Bakery on Bluesky');
    expect(ana.connected).toMatchObject({
      connection: { status: 'connected', connector: 'bluesky' },
      verification: { outcome: 'verified' },
    });

    // The post: a 2-part thread, an image with alt text, a mention and hashtags.
    const image = png(4, 3, [200, 150, 60]);
    const text = 'New rye 🍞 with @bob.test, out of the oven now #bread';
    const part2 = 'Part two: the crumb shot. #sourdough';
    const postId = await approvedPost(e2e, ana, {
      strategy: ana.strategy.id,
      pillar: 'how-to',
      variants: {
        bluesky: {
          text,
          thread: [part2],
          media: [{ url: `data:image/png;base64,${image.toString('base64')}`, alt: 'A rye loaf on a rack' }],
        },
      },
    });

    // Worker first, so it is listening when the job is queued.
    const worker = e2e.startWorker();
    try {
      const { dueAt, variant } = await publishSoon(e2e, ana, postId);
      // On time: not before it was due, and not long after.
      expect(variant.published_at!.getTime()).toBeGreaterThanOrEqual(dueAt.getTime());
      expect(variant.published_at!.getTime() - dueAt.getTime()).toBeLessThan(5000);
      expect(worker.stats).toMatchObject({ published: 1, failed: 0, retry: 0 });

      // The remote id and URL were stored, and the API shows them.
      const rootRkey = rootRecordKey(variant.idempotency_key);
      expect(variant.remote_id).toBe(`at://${alice.did}/${POST}/${rootRkey}`);
      expect(variant.remote_url).toBe(`https://bsky.app/profile/${alice.did}/post/${rootRkey}`);
      const got = await e2e.inject('GET', `/workspaces/${ana.ws}/posts/${postId}`, ana.owner);
      expectStatus(got, 200);
      expect(got.json().post).toMatchObject({
        state: 'published',
        variants: [{ channel: 'bluesky', state: 'published', remoteUrl: variant.remote_url }],
      });

      // Read back from the PDS: both parts, nothing else.
      const { data: list } = await reader.com.atproto.repo.listRecords({ repo: alice.did, collection: POST, limit: 100 });
      expect(list.records.map((r) => r.uri).sort()).toEqual(
        [variant.remote_id, `at://${alice.did}/${POST}/${partRecordKey(rootRkey, 1)}`].sort(),
      );

      const root = await readPost(reader, alice.did, rootRkey);
      const rootValue = root.value;
      expect(rootValue.text).toBe(text);
      expect(rootValue.facets).toEqual([
        { index: range(text, '@bob.test'), features: [{ $type: 'app.bsky.richtext.facet#mention', did: bobDid }] },
        { index: range(text, '#bread'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'bread' }] },
      ]);
      const { images } = embedOf(rootValue, 'app.bsky.embed.images');
      expect(images).toHaveLength(1);
      const img = images[0]!;
      expect(img.alt).toBe('A rye loaf on a rack');
      expect(img.aspectRatio).toEqual({ width: 4, height: 3 });
      expect(img.image).toBeInstanceOf(BlobRef);
      expect(img.image.mimeType).toBe('image/png');
      const blob = await reader.com.atproto.sync.getBlob({ did: alice.did, cid: img.image.ref.toString() });
      expect(Buffer.from(blob.data).equals(image)).toBe(true);
      expect(rootValue.reply).toBeUndefined();

      const secondValue = (await readPost(reader, alice.did, partRecordKey(rootRkey, 1))).value;
      expect(secondValue.text).toBe(part2);
      expect(secondValue.facets).toEqual([
        { index: range(part2, '#sourdough'), features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'sourdough' }] },
      ]);
      expect(secondValue.reply).toEqual({ root: { uri: root.uri, cid: root.cid }, parent: { uri: root.uri, cid: root.cid } });
      expect(secondValue.embed).toBeUndefined();

      // Audited as published by the system.
      const { rows: audit } = await db.pool.query<{ action: string }>(
        `SELECT action FROM audit_log WHERE entity_type = 'post' AND entity_id = $1 ORDER BY id`,
        [postId],
      );
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['post.schedule', 'post.claim', 'post.variant_published']));
    } finally {
      await worker.stop();
    }
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 30_000);
});
