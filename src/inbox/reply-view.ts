/** How a sent (or failed) reply is read and shown. */
import type { ReplyView } from './schema.ts';

export const REPLY_COLUMNS = `r.id, r.text, r.state, r.created_at, r.sent_at, r.remote_url, r.error_code, r.error_message,
  u.id AS author_id, u.name AS author_name, u.email AS author_email`;

export interface ReplyRow {
  id: string;
  text: string;
  state: ReplyView['state'];
  created_at: Date;
  sent_at: Date | null;
  remote_url: string | null;
  error_code: string | null;
  error_message: string | null;
  author_id: string | null;
  author_name: string | null;
  author_email: string | null;
}

export const replyOf = (r: ReplyRow): ReplyView => ({
  id: r.id,
  text: r.text,
  state: r.state,
  author: r.author_id ? { id: r.author_id, name: r.author_name ?? '', email: r.author_email ?? '' } : null,
  createdAt: r.created_at.toISOString(),
  sentAt: r.sent_at?.toISOString() ?? null,
  remoteUrl: r.remote_url,
  error: r.error_code ? { code: r.error_code, message: r.error_message ?? '' } : null,
});
