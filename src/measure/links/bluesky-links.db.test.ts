/**
 * A wrapped link on Bluesky, against a real local PDS: the record's text carries the short link, and
 * its link facet points at the short link (the connector computes facets from the text it is given);
 * with PUBLIC_URL on localhost the link goes out as written.
 */
import { AtpAgent } from '@atproto/api';
import type { TestNetworkNoAppView } from '@atproto/dev-env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.ts';
import { createPdsAccount, startTestPds, type PdsAccount } from '../../../test/pds.ts';
import { connectChannel, seedScheduled, seedWorkspace } from '../../../test/worker-fixtures.ts';
import { BlueskyConnector } from '../../connectors/bluesky/bluesky.ts';
import { rootRecordKey } from '../../connectors/bluesky/record-key.ts';
import { ConnectorRegistry } from '../../connectors/registry.ts';
import { createOutbound } from '../../outbound/client.ts';
import { PublishProcessor, type ProcessorDeps } from '../../scheduler/worker-publish.ts';

let network: TestNetworkNoAppView;
let alice: PdsAccount;
let db: TestDatabase;

beforeAll(async () => {
  [network, db] = await Promise.all([startTestPds(), createTestDatabase()]);
  alice = await createPdsAccount(network, 'alice');
});
afterAll(async () => {
  await db?.drop();
  await network?.close();
});

describe('tracked links on Bluesky', () => {
  it('publishes the short link in the text, with a link facet pointing at it', async () => {
    const f = await seedWorkspace(db.pool);
    await connectChannel(
      db.pool,
      f,
      'main',
      'bluesky',
      { service: network.pds.url },
      { identifier: 'alice.test', appPassword: alice.appPassword },
    );
    const text = '🍞 Rye is back: https://bäckerei.example/rye?size=l — today only #bread';
    const [variant] = await seedScheduled(db.pool, f, { count: 1, dueAt: () => Date.now() - 1000, text: () => text });
    const options: ProcessorDeps = {
      pool: db.pool,
      // The PDS is on this machine: its host is allowed, as OUTBOUND_ALLOW would.
      registry: new ConnectorRegistry([new BlueskyConnector({ fetch: createOutbound({ allow: ['localhost', '127.0.0.1'] }).fetch })]),
      queue: { enqueue: async () => {} },
      settings: { graceMs: 60_000, claimTimeoutMs: 60_000, maxAttempts: 3, retryBaseMs: 100, retryMaxMs: 1000 },
    };
    const processor = new PublishProcessor({ ...options, trackLinks: { publicUrl: 'https://groundwork.test' } });
    expect(await processor.process({ variantId: variant!.variantId, scheduleToken: variant!.scheduleToken })).toMatchObject({
      kind: 'published',
    });

    const { rows } = await db.pool.query<{ code: string; target_url: string }>(
      'SELECT code, target_url FROM tracked_links WHERE variant_id = $1',
      [variant!.variantId],
    );
    expect(rows).toHaveLength(1);
    // The strategy names no channel "main" here: the source is the connector's network.
    expect(rows[0]!.target_url).toBe(
      `https://bäckerei.example/rye?size=l&utm_source=bluesky&utm_medium=social&utm_campaign=strategy&utm_content=${variant!.variantId}`,
    );
    const short = `https://groundwork.test/l/${rows[0]!.code}`;

    const reader = new AtpAgent({ service: network.pds.url });
    const { data } = await reader.com.atproto.repo.getRecord({
      repo: alice.did,
      collection: 'app.bsky.feed.post',
      rkey: rootRecordKey(variant!.idempotencyKey),
    });
    const record = data.value as { text: string; facets: { index: { byteStart: number; byteEnd: number }; features: unknown[] }[] };
    expect(record.text).toBe(`🍞 Rye is back: ${short} — today only #bread`);
    const linkFacet = record.facets.find((f) => (f.features[0] as { $type: string }).$type === 'app.bsky.richtext.facet#link')!;
    expect(linkFacet.features).toEqual([{ $type: 'app.bsky.richtext.facet#link', uri: short }]);
    const bytes = Buffer.from(record.text);
    expect(bytes.subarray(linkFacet.index.byteStart, linkFacet.index.byteEnd).toString()).toBe(short);

    // While PUBLIC_URL is a localhost address a short link would be dead on the network: the link goes out as written.
    const local = new PublishProcessor({ ...options, trackLinks: { publicUrl: 'http://localhost:3000' } });
    const [second] = await seedScheduled(db.pool, f, { count: 1, dueAt: () => Date.now() - 1000, text: () => text });
    expect(await local.process({ variantId: second!.variantId, scheduleToken: second!.scheduleToken })).toMatchObject({
      kind: 'published',
    });
    const { data: plain } = await reader.com.atproto.repo.getRecord({
      repo: alice.did,
      collection: 'app.bsky.feed.post',
      rkey: rootRecordKey(second!.idempotencyKey),
    });
    expect((plain.value as { text: string }).text).toBe(text);
    expect((await db.pool.query('SELECT 1 FROM tracked_links WHERE variant_id = $1', [second!.variantId])).rowCount).toBe(0);
  }, 60_000);
});
