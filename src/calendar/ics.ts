/**
 * The workspace's calendar as an ICS feed at a secret URL (`/api/calendar/<token>.ics`), for Google
 * Calendar, Outlook, Apple Calendar… which poll it without signing in: the token IS the access.
 *
 * Token: 32 random bytes (base64url, 43 characters), made when an owner asks for the feed (none
 * exists before — tokens are created lazily), shown once, stored only as its sha256 hash like
 * sessions and API tokens. Asking again rotates it: the old URL stops working at once.
 *
 * Content (ical-generator):
 * - one event per post variant that is scheduled, being published or published: summary
 *   `<channel>: <first 60 characters of the text>`, start = the variant's due time, 15 minutes long,
 *   a description with its state, the post's strategy/campaign/pillar, the text, the published URL and
 *   a link to the post in the web app (`/w/<workspace>/posts/<id>`);
 * - one all-day event per campaign that is not cancelled, over its period (DTEND is the day after the
 *   end date: ICS all-day ends are exclusive).
 * Every time is a UTC instant (`DTSTART:20271004T070000Z`): no VTIMEZONE to get wrong, each calendar
 * app shows it in its user's zone. Events are TRANSPARENT (they do not make anyone "busy"), UIDs are
 * stable (variant id / campaign id) so calendar apps update events in place, and SEQUENCE follows
 * the post's version. Window: due or ending within the last year, and at most MAX_FEED_EVENTS posts.
 */
import ical, { ICalEventStatus, ICalEventTransparency } from 'ical-generator';
import { randomBytes } from 'node:crypto';
import type { Actor } from '../auth/actor.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { sha256Hex } from '../auth/secrets.ts';
import { withTransaction, type Pool, type Queryable } from '../db/pool.ts';
import { AppError } from '../errors.ts';
import { excerpt } from '../content/excerpt.ts';
import type { VariantContent } from '../content/limits.ts';
import type { VariantState } from '../publishing/schema.ts';

const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;
export const FEED_PATH_PREFIX = '/api/calendar/';
export const POST_EVENT_MINUTES = 15;
export const SUMMARY_CHARACTERS = 60;
export const MAX_FEED_EVENTS = 5000;
const WINDOW_DAYS = 365;
const DAY = 24 * 3600 * 1000;

export const feedPath = (token: string): string => `${FEED_PATH_PREFIX}${token}.ics`;

export const calendarNotFound = (): AppError =>
  new AppError(
    'calendar.not_found',
    'No calendar feed at this address: it may have been rotated or switched off. Ask a workspace owner for the current URL.',
    404,
  );

// ——— the token ———

export interface CreatedFeed {
  token: string;
  path: string;
  createdAt: string;
  /** An earlier URL existed and no longer works. */
  rotated: boolean;
}

/**
 * Creates the feed's token, or — only when `rotate` says so — replaces it (the old URL stops working,
 * and every calendar subscribed to it stops updating). Audited without the token.
 */
export async function rotateCalendarFeed(pool: Pool, actor: Actor, workspaceId: string, rotate: boolean): Promise<CreatedFeed> {
  const token = randomBytes(32).toString('base64url');
  return withTransaction(pool, async (tx) => {
    const { rows: current } = await tx.query<{ created_at: Date | null }>(
      'SELECT ics_token_created_at AS created_at FROM workspaces WHERE id = $1 FOR UPDATE',
      [workspaceId],
    );
    const since = current[0]?.created_at;
    if (since && !rotate) {
      throw new AppError(
        'calendar.feed_exists',
        `The calendar feed exists since ${since.toISOString()}; its URL was shown when it was made. Resetting it makes a new URL and every calendar subscribed to the old one stops updating: send { "rotate": true } to do that.`,
        409,
        { createdAt: since.toISOString() },
      );
    }
    const { rows } = await tx.query<{ created_at: Date }>(
      `UPDATE workspaces SET ics_token_hash = $2, ics_token_created_at = now(), ics_token_last_read_at = NULL
        WHERE id = $1 RETURNING ics_token_created_at AS created_at`,
      [workspaceId, sha256Hex(token)],
    );
    const row = { had: !!since, created_at: rows[0]!.created_at };
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: row.had ? 'workspace.calendar_feed_rotate' : 'workspace.calendar_feed_create',
      entityType: 'workspace',
      entityId: workspaceId,
      after: { calendarFeed: true, createdAt: row.created_at.toISOString() },
    });
    return { token, path: feedPath(token), createdAt: row.created_at.toISOString(), rotated: row.had };
  });
}

/** Switches the feed off: its URL answers 404 until a new one is created. False when there was none. */
export async function disableCalendarFeed(pool: Pool, actor: Actor, workspaceId: string): Promise<boolean> {
  return withTransaction(pool, async (tx) => {
    const { rowCount } = await tx.query(
      'UPDATE workspaces SET ics_token_hash = NULL, ics_token_created_at = NULL, ics_token_last_read_at = NULL WHERE id = $1 AND ics_token_hash IS NOT NULL',
      [workspaceId],
    );
    if (!rowCount) return false;
    await recordAudit(tx, {
      workspaceId,
      actor,
      action: 'workspace.calendar_feed_disable',
      entityType: 'workspace',
      entityId: workspaceId,
      after: { calendarFeed: false },
    });
    return true;
  });
}

export interface FeedWorkspace {
  id: string;
  slug: string;
  name: string;
}

/** The workspace whose feed token this is, or null (any malformed token included). */
export async function findFeedWorkspace(q: Queryable, token: string): Promise<FeedWorkspace | null> {
  if (!TOKEN_RE.test(token)) return null;
  // Reading is also what tells the owner the feed is in use (`lastReadAt` on the calendar screen).
  const { rows } = await q.query<FeedWorkspace>(
    'UPDATE workspaces SET ics_token_last_read_at = now() WHERE ics_token_hash = $1 RETURNING id, slug, name',
    [sha256Hex(token)],
  );
  return rows[0] ?? null;
}

// ——— the content ———

export interface FeedVariant {
  variant_id: string;
  post_id: string;
  channel_id: string;
  content: VariantContent;
  state: VariantState;
  due_at: Date;
  published_at: Date | null;
  remote_url: string | null;
  last_error: string | null;
  post_version: number;
  post_updated_at: Date;
  strategy_id: string;
  campaign_id: string | null;
  pillar_id: string | null;
}

export interface FeedCampaign {
  strategy_id: string;
  id: string;
  name: string;
  type: string;
  status: string;
  start_date: string;
  end_date: string;
  version: number;
  updated_at: Date;
}

export interface FeedItems {
  variants: FeedVariant[];
  campaigns: FeedCampaign[];
}

export const FEED_VARIANT_STATES: readonly VariantState[] = ['scheduled', 'publishing', 'published'];

export async function loadFeedItems(q: Queryable, workspaceId: string, now: Date = new Date()): Promise<FeedItems> {
  const from = new Date(now.getTime() - WINDOW_DAYS * DAY);
  const { rows: variants } = await q.query<FeedVariant>(
    `SELECT v.id AS variant_id, v.post_id, v.channel_id, v.content, v.state, v.due_at, v.published_at, v.remote_url, v.last_error,
            p.version AS post_version, p.updated_at AS post_updated_at, p.strategy_id, p.campaign_id, p.pillar_id
       FROM post_variants v JOIN posts p ON p.id = v.post_id
      WHERE p.workspace_id = $1 AND p.deleted_at IS NULL AND v.workspace_id = $1
        AND v.state = ANY($2::text[]) AND v.due_at IS NOT NULL AND v.due_at >= $3
      ORDER BY v.due_at, v.channel_id LIMIT $4`,
    [workspaceId, FEED_VARIANT_STATES, from, MAX_FEED_EVENTS],
  );
  const { rows: campaigns } = await q.query<FeedCampaign>(
    `SELECT strategy_id, id, name, type, status, start_date, end_date, version, updated_at FROM campaigns
      WHERE workspace_id = $1 AND status <> 'cancelled' AND end_date >= $2::date
      ORDER BY start_date, id`,
    [workspaceId, from.toISOString().slice(0, 10)],
  );
  return { variants, campaigns };
}

const STATE_LABEL: Record<string, string> = { scheduled: 'Scheduled', publishing: 'Publishing now', published: 'Published' };

const nextDay = (date: string): Date => new Date(Date.parse(`${date}T00:00:00Z`) + DAY);

export interface RenderOptions {
  /** Where the web app lives (`https://groundwork.example.com`): links to posts and campaigns. */
  appOrigin?: string;
  now?: Date;
}

/** The VCALENDAR text. */
export function renderCalendar(workspace: FeedWorkspace, items: FeedItems, options: RenderOptions = {}): string {
  const now = options.now ?? new Date();
  const app = options.appOrigin?.replace(/\/+$/, '');
  const ws = encodeURIComponent(workspace.slug);
  const calendar = ical({
    name: `Groundwork · ${workspace.name}`,
    description: `Scheduled and published posts and the campaigns of the Groundwork workspace "${workspace.name}".`,
    prodId: { company: 'Groundwork', product: 'Groundwork', language: 'EN' },
    // A hint to calendar apps: look again every 15 minutes.
    ttl: 15 * 60,
    ...(app ? { url: `${app}/w/${ws}` } : {}),
  });

  for (const v of items.variants) {
    const text = v.content.text ?? '';
    const images = v.content.media?.length ?? 0;
    const postUrl = app ? `${app}/w/${ws}/posts/${v.post_id}` : undefined;
    const lines = [
      `State: ${STATE_LABEL[v.state] ?? v.state}${v.state === 'published' && v.published_at ? ` (${v.published_at.toISOString()})` : ''}`,
      `Channel: ${v.channel_id}`,
      `Strategy: ${v.strategy_id}${v.campaign_id ? ` · Campaign: ${v.campaign_id}` : ''}${v.pillar_id ? ` · Pillar: ${v.pillar_id}` : ''}`,
      ...(v.remote_url ? [`On the network: ${v.remote_url}`] : []),
      ...(v.last_error ? [`Last error: ${v.last_error}`] : []),
      '',
      text || '(no text)',
      ...(v.content.thread?.length ? ['', `+ ${v.content.thread.length} more post(s) in the thread`] : []),
      ...(images ? [`${images} image(s)`] : []),
      ...(postUrl ? ['', `Open in Groundwork: ${postUrl}`] : []),
    ];
    calendar.createEvent({
      id: `${v.variant_id}@groundwork`,
      sequence: v.post_version,
      stamp: now,
      lastModified: v.post_updated_at,
      start: v.due_at,
      end: new Date(v.due_at.getTime() + POST_EVENT_MINUTES * 60_000),
      summary: `${v.channel_id}: ${text.trim() ? excerpt(text, SUMMARY_CHARACTERS) : images ? `(${images} image(s))` : '(no text)'}`,
      description: lines.join('\n'),
      status: ICalEventStatus.CONFIRMED,
      transparency: ICalEventTransparency.TRANSPARENT,
      ...(postUrl ? { url: postUrl } : {}),
    });
  }

  for (const c of items.campaigns) {
    const url = app ? `${app}/w/${ws}/strategies/${encodeURIComponent(c.strategy_id)}/campaigns/${encodeURIComponent(c.id)}` : undefined;
    calendar.createEvent({
      id: `campaign-${workspace.id}-${c.id}@groundwork`,
      sequence: c.version,
      stamp: now,
      lastModified: c.updated_at,
      allDay: true,
      start: new Date(`${c.start_date}T00:00:00Z`),
      end: nextDay(c.end_date),
      summary: `Campaign: ${c.name}`,
      description: [
        `Campaign ${c.id} (${c.type}, ${c.status}) of strategy ${c.strategy_id}`,
        `${c.start_date} – ${c.end_date}`,
        ...(url ? ['', url] : []),
      ].join('\n'),
      transparency: ICalEventTransparency.TRANSPARENT,
      ...(url ? { url } : {}),
    });
  }
  return calendar.toString();
}
