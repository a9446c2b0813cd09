/**
 * The live check under the query box: whether the query parses (where and why not), and which of
 * the workspace's most recent mentions it would match — evaluated here, nothing stored.
 */
import type { Queryable } from '../db/pool.ts';
import { evaluateQuery, checkQuery, parseQuery } from './query/index.ts';
import { presentMention, SELECT_MENTION, type MentionRow } from './mention-store.ts';
import type { CheckQueryResponse } from './schema.ts';

/** The most recently stored mentions a preview scans: enough to show what a query catches, bounded in time. */
export const PREVIEW_SCAN = 5000;
const PREVIEW_SHOWN = 20;

export async function previewQuery(q: Queryable, workspaceId: string, source: string): Promise<CheckQueryResponse> {
  const checked = checkQuery(source);
  if (!checked.ok) {
    return { ok: false, error: { position: checked.position, message: checked.message }, preview: { mentions: [], total: 0, scanned: 0 } };
  }
  const node = parseQuery(source);
  const { rows } = await q.query<Omit<MentionRow, 'queries'>>(
    `SELECT m.id, m.text, m.author, m.lang, m.network, m.links, m.media
       FROM mentions m WHERE m.workspace_id = $1 ORDER BY m.received_at DESC, m.id DESC LIMIT $2`,
    [workspaceId, PREVIEW_SCAN],
  );
  const matching = rows.filter((r) =>
    evaluateQuery(node, { text: r.text, author: r.author, lang: r.lang, channel: r.network, links: r.links, media: r.media }),
  );
  const shown = matching.slice(0, PREVIEW_SHOWN).map((r) => r.id);
  const { rows: full } =
    shown.length === 0
      ? { rows: [] as MentionRow[] }
      : await q.query<MentionRow>(
          `${SELECT_MENTION} WHERE m.workspace_id = $1 AND m.id = ANY($2::uuid[]) ORDER BY m.posted_at DESC, m.id DESC`,
          [workspaceId, shown],
        );
  return { ok: true, error: null, preview: { mentions: full.map(presentMention), total: matching.length, scanned: rows.length } };
}
