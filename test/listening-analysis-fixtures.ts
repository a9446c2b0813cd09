/** Listening queries, mentions and their matches written straight into Postgres, for the analysis tests. */
import type { Queryable } from '../src/db/pool.ts';

let serial = 0;

export async function insertQuery(
  q: Queryable,
  workspaceId: string,
  p: { name: string; topic?: string; role?: 'brand' | 'competitor' | 'topic'; strategyId?: string; archived?: boolean },
): Promise<string> {
  const { rows } = await q.query<{ id: string }>(
    `INSERT INTO listening_queries (workspace_id, name, query, topic, role, strategy_id, archived_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [workspaceId, p.name, p.name.toLowerCase(), p.topic ?? null, p.role ?? 'topic', p.strategyId ?? null, p.archived ? new Date() : null],
  );
  return rows[0]!.id;
}

export interface TestMention {
  at: string;
  queries: readonly string[];
  sentiment?: 'positive' | 'negative' | 'neutral' | 'unscored';
  author?: string | null;
  text?: string;
}

/** Inserts each mention and its matches; returns the mentions' ids. */
export async function insertMentions(q: Queryable, workspaceId: string, mentions: readonly TestMention[]): Promise<string[]> {
  const ids: string[] = [];
  for (const m of mentions) {
    const sentiment = m.sentiment ?? 'neutral';
    const { rows } = await q.query<{ id: string }>(
      `INSERT INTO mentions (workspace_id, network, external_id, author, text, posted_at, sentiment)
       VALUES ($1, 'import', $2, $3, $4, $5, $6) RETURNING id`,
      [workspaceId, `m-${++serial}`, m.author === undefined ? 'someone.example' : m.author, m.text ?? 'a post', m.at, sentiment],
    );
    const id = rows[0]!.id;
    ids.push(id);
    for (const query of m.queries)
      await q.query('INSERT INTO mention_matches (workspace_id, query_id, mention_id, posted_at, sentiment) VALUES ($1, $2, $3, $4, $5)', [
        workspaceId,
        query,
        id,
        m.at,
        sentiment,
      ]);
  }
  return ids;
}
