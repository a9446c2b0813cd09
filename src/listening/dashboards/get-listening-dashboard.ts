/**
 * The listening dashboard of a workspace over whole UTC days: distinct mentions per bucket (hours
 * for 3 days or fewer, else days) by sentiment, the top authors and terms, and share of voice per
 * topic. Read from `mention_matches` (posted_at and sentiment are copied there, so the series is an
 * index range scan) and `mentions` for authors and texts. Six queries, whatever the period.
 */
import type { Queryable } from '../../db/pool.ts';
import { AppError } from '../../errors.ts';
import { netSentiment, shareOfVoice } from '../../measure/formulas.ts';
import { checkedDays } from '../../measure/period.ts';
import { addDays, isIsoDate } from '../../plan/dates.ts';
import type { Bucket, Grain, ListeningDashboard, ListeningDashboardQuery, ShareOfVoice } from './schema.ts';
import { topTerms } from './top-terms.ts';

/** Without a `from`, the 30 days up to `to`. */
const DEFAULT_DAYS = 30;
/** Up to this many days the series is hourly (72 points); beyond, daily. */
const HOURLY_UP_TO_DAYS = 3;
const TOP_AUTHORS = 10;
const TOP_TERMS = 20;
/** Top terms come from the latest mentions of the period, at most this many: bounded work on any period. */
const TERM_SAMPLE = 2000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOUR_MS = 3_600_000;

export interface ListeningPeriod {
  from: string;
  to: string;
  days: number;
  grain: Grain;
  start: Date;
  /** The day after `to` at 00:00 UTC (exclusive). */
  end: Date;
}

/** The period asked for, checked: 400 `listening.invalid_period` for a bad, reversed or too long one. */
export function listeningPeriod(query: { from?: string | undefined; to?: string | undefined }, today: string): ListeningPeriod {
  const to = query.to ?? today;
  const from = query.from ?? (isIsoDate(to) ? addDays(to, 1 - DEFAULT_DAYS) : to);
  const days = checkedDays(
    from,
    to,
    { noun: 'period', covers: 'a listening dashboard shows' },
    (message) => new AppError('listening.invalid_period', message, 400, { from, to }),
  );
  return {
    from,
    to,
    days,
    grain: days <= HOURLY_UP_TO_DAYS ? 'hour' : 'day',
    start: new Date(`${from}T00:00:00Z`),
    end: new Date(`${addDays(to, 1)}T00:00:00Z`),
  };
}

const queryNotFound = (id: string) =>
  new AppError('listening.query_not_found', `No listening query with id "${id}" in this workspace.`, 404, { id });

export async function getListeningDashboard(
  q: Queryable,
  workspaceId: string,
  query: ListeningDashboardQuery,
  today: string,
): Promise<ListeningDashboard> {
  const period = listeningPeriod(query, today);
  const queryId = query.queryId ?? null;
  const topic = query.topic ?? null;
  if (queryId !== null) {
    const { rowCount } = UUID.test(queryId)
      ? await q.query('SELECT 1 FROM listening_queries WHERE workspace_id = $1 AND id = $2', [workspaceId, queryId])
      : { rowCount: 0 };
    if (!rowCount) throw queryNotFound(queryId);
  }
  // The distinct mentions of the period the filter selects: posted_at and sentiment are the same on every match of a mention.
  const hits = `
    SELECT mm.mention_id, min(mm.posted_at) AS posted_at, min(mm.sentiment) AS sentiment
      FROM mention_matches mm
     WHERE mm.workspace_id = $1 AND mm.posted_at >= $2 AND mm.posted_at < $3
       AND ($4::uuid IS NULL OR mm.query_id = $4)
       AND ($5::text IS NULL OR mm.query_id IN (SELECT id FROM listening_queries WHERE workspace_id = $1 AND topic = $5))
     GROUP BY mm.mention_id`;
  const args = [workspaceId, period.start, period.end, queryId, topic];
  const [series, authors, texts, voice, queries] = await Promise.all([
    q.query<{ at: Date; sentiment: string; n: string }>(
      `SELECT date_trunc('${period.grain}', h.posted_at, 'UTC') AS at, h.sentiment, count(*) AS n FROM (${hits}) h GROUP BY 1, 2`,
      args,
    ),
    q.query<{ author: string; n: string }>(
      `SELECT m.author, count(*) AS n FROM (${hits}) h JOIN mentions m ON m.id = h.mention_id
        WHERE m.author IS NOT NULL GROUP BY m.author ORDER BY n DESC, m.author LIMIT ${TOP_AUTHORS}`,
      args,
    ),
    q.query<{ text: string }>(
      `SELECT m.text FROM (${hits}) h JOIN mentions m ON m.id = h.mention_id ORDER BY h.posted_at DESC LIMIT ${TERM_SAMPLE}`,
      args,
    ),
    shareOfVoiceRows(q, workspaceId, period, topic),
    q.query<{ id: string; name: string; topic: string | null; role: 'brand' | 'competitor' | 'topic' }>(
      'SELECT id, name, topic, role FROM listening_queries WHERE workspace_id = $1 AND archived_at IS NULL ORDER BY lower(name), id',
      [workspaceId],
    ),
  ]);

  const buckets = new Map<number, Bucket>();
  const step = period.grain === 'hour' ? HOUR_MS : 24 * HOUR_MS;
  for (let t = period.start.getTime(); t < period.end.getTime(); t += step)
    buckets.set(t, { at: new Date(t).toISOString(), mentions: 0, positive: 0, negative: 0, neutral: 0, unscored: 0, net: null });
  const totals = { mentions: 0, positive: 0, negative: 0, neutral: 0, unscored: 0, net: null as number | null };
  for (const row of series.rows) {
    const b = buckets.get(row.at.getTime());
    const n = Number(row.n);
    const key = row.sentiment as 'positive' | 'negative' | 'neutral' | 'unscored';
    if (b) {
      b[key] += n;
      b.mentions += n;
    }
    totals[key] += n;
    totals.mentions += n;
  }
  for (const b of buckets.values()) b.net = netSentiment(b);
  totals.net = netSentiment(totals);

  return {
    period: { from: period.from, to: period.to, days: period.days, grain: period.grain },
    filter: { queryId, topic },
    totals,
    series: [...buckets.values()],
    topAuthors: authors.rows.map((r) => ({ author: r.author, mentions: Number(r.n) })),
    topTerms: topTerms(
      texts.rows.map((r) => r.text),
      TOP_TERMS,
    ),
    queries: queries.rows,
    shareOfVoice: voice,
  };
}

/**
 * Share of voice per topic: each brand and competitor query's distinct mentions over the period, and
 * per topic the distinct mentions of its brand side and of its competitor side.
 */
async function shareOfVoiceRows(q: Queryable, workspaceId: string, period: ListeningPeriod, topic: string | null): Promise<ShareOfVoice[]> {
  const { rows } = await q.query<{
    kind: 'query' | 'side';
    topic: string;
    id: string | null;
    name: string | null;
    role: string;
    n: string;
  }>(
    `WITH qs AS (
       SELECT id, name, topic, role, archived_at FROM listening_queries
        WHERE workspace_id = $1 AND topic IS NOT NULL AND role IN ('brand', 'competitor') AND ($4::text IS NULL OR topic = $4)
     ), hits AS (
       SELECT qs.topic, qs.role, mm.query_id, mm.mention_id FROM qs
         JOIN mention_matches mm ON mm.workspace_id = $1 AND mm.query_id = qs.id AND mm.posted_at >= $2 AND mm.posted_at < $3
     )
     SELECT 'query' AS kind, qs.topic, qs.id::text AS id, qs.name, qs.role, count(h.mention_id) AS n
       FROM qs LEFT JOIN hits h ON h.query_id = qs.id
      GROUP BY qs.id, qs.topic, qs.name, qs.role, qs.archived_at
     HAVING qs.archived_at IS NULL OR count(h.mention_id) > 0
     UNION ALL
     SELECT 'side', topic, NULL, NULL, role, count(DISTINCT mention_id) FROM hits GROUP BY topic, role`,
    [workspaceId, period.start, period.end, topic],
  );
  const topics = new Map<string, ShareOfVoice>();
  const entry = (name: string) => {
    let t = topics.get(name);
    if (!t) topics.set(name, (t = { topic: name, brand: 0, competitors: 0, share: null, entries: [] }));
    return t;
  };
  for (const r of rows) {
    const t = entry(r.topic);
    if (r.kind === 'side') {
      if (r.role === 'brand') t.brand = Number(r.n);
      else t.competitors = Number(r.n);
    } else t.entries.push({ queryId: r.id!, name: r.name!, role: r.role as 'brand' | 'competitor', mentions: Number(r.n), share: null });
  }
  for (const t of topics.values()) {
    const all = t.entries.map((e) => e.mentions);
    t.share = shareOfVoice({ own: t.brand, competitors: t.entries.filter((e) => e.role === 'competitor').map((e) => e.mentions) });
    for (const e of t.entries) e.share = per(e.mentions, sum(all));
    t.entries.sort((a, b) => (a.role === b.role ? b.mentions - a.mentions || a.name.localeCompare(b.name) : a.role === 'brand' ? -1 : 1));
  }
  return [...topics.values()].sort((a, b) => a.topic.localeCompare(b.topic));
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
const per = (a: number, b: number): number | null => (b === 0 ? null : a / b);
