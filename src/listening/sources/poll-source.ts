/**
 * One poll of a feed or a Mastodon timeline: read what is new since the source's cursor, store it
 * through the ingest pipeline with the new cursor in the same transaction, and record the outcome on
 * the source (`idle`, or `error` with the reason). A crash between reading and committing stores
 * nothing and keeps the cursor, so the next poll reads the same items again.
 */
import { withTransaction, type Pool } from '../../db/pool.ts';
import type { Outbound } from '../../outbound/client.ts';
import { ingestMentions, type IngestResult } from '../ingest.ts';
import { SOURCE_CONFIG } from '../schema.ts';
import { pollMastodon } from './mastodon.ts';
import { pollFeed } from './rss.ts';
import { describeSourceError } from './source-error.ts';

export async function pollSource(pool: Pool, outbound: Outbound, sourceId: string): Promise<IngestResult | null> {
  const { rows } = await pool.query<{ workspace_id: string; kind: 'rss' | 'mastodon'; config: unknown; cursor: string | null }>(
    `SELECT workspace_id, kind, config, cursor FROM listening_sources WHERE id = $1 AND enabled AND kind IN ('rss', 'mastodon')`,
    [sourceId],
  );
  const source = rows[0];
  if (!source) return null;
  try {
    const polled =
      source.kind === 'rss'
        ? await pollFeed(outbound, SOURCE_CONFIG.rss.parse(source.config), source.cursor)
        : await pollMastodon(outbound, SOURCE_CONFIG.mastodon.parse(source.config), source.cursor);
    return await withTransaction(pool, async (tx) => {
      const result = await ingestMentions(
        tx,
        source.workspace_id,
        sourceId,
        polled.mentions,
        polled.cursor === null ? {} : { cursor: polled.cursor },
      );
      await tx.query(`UPDATE listening_sources SET status = 'idle', last_error = NULL, last_run_at = now() WHERE id = $1`, [sourceId]);
      return result;
    });
  } catch (e) {
    await pool.query(`UPDATE listening_sources SET status = 'error', last_error = $2, last_run_at = now() WHERE id = $1`, [
      sourceId,
      describeSourceError(e),
    ]);
    return null;
  }
}
