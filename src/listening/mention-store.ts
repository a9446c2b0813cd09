/** Reading stored mentions as the API shows them, each with the queries it matched. */
import type { SentimentLabel } from './analyze.ts';
import type { MentionView, Network } from './schema.ts';

export interface MentionRow {
  id: string;
  network: Network;
  external_id: string;
  url: string | null;
  author: string | null;
  author_name: string | null;
  text: string;
  lang: string | null;
  lang_detected: boolean;
  links: string[];
  media: number;
  reply_to: string | null;
  posted_at: Date;
  received_at: Date;
  sentiment: SentimentLabel;
  sentiment_score: number | null;
  source_id: string | null;
  queries: string[];
}

/** `m` is the mentions table's alias. */
export const SELECT_MENTION = `SELECT m.id, m.network, m.external_id, m.url, m.author, m.author_name, m.text, m.lang, m.lang_detected,
       m.links, m.media, m.reply_to, m.posted_at, m.received_at, m.sentiment, m.sentiment_score, m.source_id,
       ARRAY(SELECT mm.query_id::text FROM mention_matches mm WHERE mm.mention_id = m.id ORDER BY 1) AS queries
  FROM mentions m`;

export const presentMention = (r: MentionRow): MentionView => ({
  id: r.id,
  network: r.network,
  externalId: r.external_id,
  url: r.url,
  author: r.author,
  authorName: r.author_name,
  text: r.text,
  lang: r.lang,
  langDetected: r.lang_detected,
  links: r.links,
  media: r.media,
  replyTo: r.reply_to,
  postedAt: r.posted_at.toISOString(),
  receivedAt: r.received_at.toISOString(),
  sentiment: r.sentiment,
  sentimentScore: r.sentiment_score,
  source: r.source_id,
  queries: r.queries,
});
