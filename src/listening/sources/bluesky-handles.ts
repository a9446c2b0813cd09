/**
 * Bluesky authors by handle. The firehose names a post's author by DID only; the handle is the
 * `at://` entry of the DID document's `alsoKnownAs` (from the PLC directory for did:plc, from the
 * host's /.well-known/did.json for did:web), fetched through the guarded outbound client like every
 * request to an address Groundwork does not control. Lookups are cached in `bluesky_handles` for all
 * workspaces and refreshed after a day; each ingest batch resolves its unknown DIDs (a bounded number,
 * a few at a time) before its transaction opens.
 *
 * A failed lookup never holds up or loses a mention: it is stored under the DID (its `author_id`
 * always is the DID, which `author:` also matches), and a later batch retries the lookup with a
 * growing delay; when it succeeds, the mentions still stored under the DID get the handle and are
 * matched again, so `author:handle` queries find them (match-stored.ts: no inbox items for them).
 *
 * The handle is taken as the DID document claims it, not verified back through DNS or the handle's
 * /.well-known/atproto-did: that would be another request per author, and the local test network's
 * `.test` handles cannot be resolved that way.
 */
import { withTransaction, type Pool } from '../../db/pool.ts';
import type { NormalizedMention } from '../ingest.ts';
import { insertMatches, matchRow, type StoredMentionRow } from '../match-stored.ts';
import { workspaceMatcher } from '../workspace-matcher.ts';

export const DEFAULT_PLC_URL = 'https://plc.directory';
/** Fresh lookups per batch: the rest wait for the next batch (stored under their DID meanwhile). */
const MAX_LOOKUPS = 50;
const CONCURRENCY = 8;
/** Lookups that failed before, retried per batch besides the batch's own authors. */
const RETRIES_PER_BATCH = 20;
const HANDLE = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;
const DID = /^did:(plc:[a-z2-7]{24}|web:[a-zA-Z0-9.%-]+)$/;
/** When a row's lookup is due again: a day after a success, 2^failures minutes (at most 6 h) after a failure. */
const DUE = `(CASE WHEN handle IS NULL THEN attempted_at < now() - least(interval '6 hours', interval '1 minute' * power(2, least(failures, 20)))
                   ELSE resolved_at < now() - interval '24 hours' AND attempted_at < now() - interval '1 hour' END)`;

export interface HandleResolver {
  /** The guarded outbound fetch. */
  fetch: typeof fetch;
  plcUrl: string;
}

/** The DID document's first `at://` alias that is a valid handle, lower-cased. */
async function lookUp(resolver: HandleResolver, did: string): Promise<string> {
  const url = did.startsWith('did:plc:')
    ? `${resolver.plcUrl.replace(/\/+$/, '')}/${did}`
    : `https://${decodeURIComponent(did.slice('did:web:'.length))}/.well-known/did.json`;
  const res = await resolver.fetch(url, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  const doc = (await res.json()) as { id?: unknown; alsoKnownAs?: unknown };
  if (doc.id !== did) throw new Error(`${url} is not the document of ${did}`);
  const aliases = Array.isArray(doc.alsoKnownAs) ? doc.alsoKnownAs : [];
  for (const a of aliases) {
    const handle = typeof a === 'string' && a.startsWith('at://') ? a.slice(5).toLowerCase() : '';
    if (HANDLE.test(handle)) return handle;
  }
  throw new Error(`${did} names no handle`);
}

/**
 * The batch's Bluesky mentions with `author` = the handle where known and `authorId` = the DID; also
 * retries earlier failed lookups and gives their stored mentions the handle.
 */
export async function resolveBlueskyHandles(
  pool: Pool,
  resolver: HandleResolver,
  mentions: readonly NormalizedMention[],
): Promise<NormalizedMention[]> {
  const dids = [...new Set(mentions.map((m) => m.author).filter((a): a is string => !!a && DID.test(a)))];
  if (dids.length === 0) return [...mentions];
  const { rows: known } = await pool.query<{ did: string; handle: string | null; due: boolean }>(
    `SELECT did, handle, ${DUE} AS due FROM bluesky_handles WHERE did = ANY($1::text[])`,
    [dids],
  );
  const handles = new Map(known.filter((r) => r.handle !== null).map((r) => [r.did, r.handle!]));
  const seen = new Set(known.map((r) => r.did));
  const due = [...dids.filter((d) => !seen.has(d)), ...known.filter((r) => r.due).map((r) => r.did)];
  const { rows: retries } = await pool.query<{ did: string }>(
    `SELECT did FROM bluesky_handles WHERE handle IS NULL AND ${DUE} AND NOT did = ANY($1::text[]) ORDER BY attempted_at LIMIT $2`,
    [dids, RETRIES_PER_BATCH],
  );
  const lookups = [...due.slice(0, MAX_LOOKUPS), ...retries.map((r) => r.did)];
  // Beyond the cap: remembered as failed long ago, so the next batch tries them first.
  const deferred = due.slice(MAX_LOOKUPS).filter((d) => !seen.has(d));

  const resolved = new Map<string, string>();
  const failed: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < lookups.length) {
      const did = lookups[next++]!;
      try {
        resolved.set(did, await lookUp(resolver, did));
      } catch {
        failed.push(did);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, lookups.length) }, worker));

  await pool.query(
    `INSERT INTO bluesky_handles (did, handle, resolved_at, attempted_at, failures)
     SELECT d, h, now(), now(), 0 FROM unnest($1::text[], $2::text[]) AS x(d, h)
     ON CONFLICT (did) DO UPDATE SET handle = EXCLUDED.handle, resolved_at = now(), attempted_at = now(), failures = 0`,
    [[...resolved.keys()], [...resolved.values()]],
  );
  await pool.query(
    `INSERT INTO bluesky_handles (did, attempted_at, failures)
     SELECT d, CASE WHEN f THEN now() ELSE '-infinity' END, CASE WHEN f THEN 1 ELSE 0 END
       FROM unnest($1::text[], $2::boolean[]) AS x(d, f)
     ON CONFLICT (did) DO UPDATE SET attempted_at = now(), failures = bluesky_handles.failures + 1`,
    [
      [...failed, ...deferred],
      [...failed.map(() => true), ...deferred.map(() => false)],
    ],
  );
  if (resolved.size > 0) await giveStoredMentionsTheirHandles(pool, resolved);

  for (const [did, handle] of resolved) handles.set(did, handle);
  return mentions.map((m) =>
    m.author && DID.test(m.author) ? { ...m, author: handles.get(m.author) ?? m.author, authorId: m.author } : m,
  );
}

/** Mentions stored under a DID now resolved: the handle as their author, and matched again for `author:` queries. */
async function giveStoredMentionsTheirHandles(pool: Pool, resolved: ReadonlyMap<string, string>): Promise<void> {
  await withTransaction(pool, async (tx) => {
    const { rows } = await tx.query<StoredMentionRow & { workspace_id: string }>(
      `UPDATE mentions m SET author = x.h FROM unnest($1::text[], $2::text[]) AS x(d, h)
        WHERE m.author_id = x.d AND m.author = x.d
        RETURNING m.workspace_id, m.id, m.text, m.author, m.author_id, m.lang, m.network, m.links, m.media, m.posted_at, m.sentiment`,
      [[...resolved.keys()], [...resolved.values()]],
    );
    const byWorkspace = new Map<string, StoredMentionRow[]>();
    for (const r of rows) {
      const list = byWorkspace.get(r.workspace_id);
      if (list) list.push(r);
      else byWorkspace.set(r.workspace_id, [r]);
    }
    for (const [workspaceId, stored] of byWorkspace) {
      const matcher = await workspaceMatcher(tx, workspaceId);
      const hits = stored.flatMap((row) => matchRow(matcher, row).map((queryId) => ({ queryId, row })));
      await insertMatches(tx, workspaceId, hits);
    }
  });
}
