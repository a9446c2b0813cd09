/**
 * The calendar feed: `POST|DELETE /api/v1/workspaces/:ws/calendar-feed` (workspace.manage) make,
 * rotate or switch off its secret URL; `GET /api/calendar/<token>.ics` serves it without signing in
 * (the token is the secret; unknown, rotated or malformed → 404 JSON `calendar.not_found`).
 */
import { z } from 'zod';
import { requireActor } from '../auth/actor.ts';
import type { App } from '../http/app.ts';
import { errorBodySchema } from '../http/errors.ts';
import { calendarNotFound, disableCalendarFeed, findFeedWorkspace, loadFeedItems, renderCalendar, rotateCalendarFeed } from './ics.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };
const tags = ['calendar'];

/** Under /api/v1: making and rotating the feed's URL. */
export async function calendarFeedRoutes(app: App): Promise<void> {
  // The feed's URL and its links are on PUBLIC_URL, never the request's Host header: a forged Host
  // would otherwise hand a manager a feed URL pointing at someone else's server.
  const { pool, config } = app.deps;
  const params = z.object({ workspaceId: z.string().min(1).max(200) });

  app.post('/workspaces/:workspaceId/calendar-feed', {
    config: { access: 'workspace.manage' },
    schema: {
      tags,
      summary: "Create the workspace's ICS calendar feed URL, or reset it with { rotate: true }",
      description:
        'Answers the secret feed URL — shown once: only its hash is stored. While a feed exists this answers 409 ' +
        '`calendar.feed_exists` unless the body is `{ "rotate": true }`: that makes a new URL, and every calendar subscribed to the ' +
        'old one stops updating (`rotated: true`). Subscribe to it in any calendar app; no sign-in is needed, the URL is the secret.',
      params,
      body: z.strictObject({ rotate: z.literal(true).optional() }).nullish(),
      response: {
        201: z.object({
          url: z.string().meta({ description: 'Absolute URL on the configured PUBLIC_URL.' }),
          path: z.string().meta({ description: '`/api/calendar/<token>.ics`' }),
          createdAt: z.string(),
          rotated: z.boolean(),
        }),
        ...errors,
      },
    },
  }, async (req, reply) => {
    const { workspace } = req.authorized;
    const { token: _secret, ...feed } = await rotateCalendarFeed(pool, requireActor(req.actor), workspace.id, req.body?.rotate === true);
    return reply.status(201).header('cache-control', 'no-store').send({ url: `${config.publicUrl}${feed.path}`, ...feed });
  });

  app.delete('/workspaces/:workspaceId/calendar-feed', {
    config: { access: 'workspace.manage' },
    schema: {
      tags,
      summary: 'Switch the calendar feed off: its URL answers 404',
      params,
      response: { 204: z.null(), ...errors },
    },
  }, async (req, reply) => {
    const { workspace } = req.authorized;
    await disableCalendarFeed(pool, requireActor(req.actor), workspace.id);
    return reply.status(204).send(null);
  });
}

const icsBody = z.custom<string>((v) => typeof v === 'string').describe('A VCALENDAR (RFC 5545)');

/** At the root (no /api/v1, no session): the feed itself, fetched by calendar apps. */
export async function calendarFileRoutes(app: App): Promise<void> {
  const { pool, config } = app.deps;
  app.get('/api/calendar/:file', {
    config: { access: 'public' },
    schema: {
      tags,
      summary: 'The workspace calendar as ICS: scheduled and published posts (15 minutes each, UTC) and campaign periods (all-day)',
      description: 'Path `/api/calendar/<token>.ics`. No authentication: the token is the secret. Unknown or rotated → 404 `calendar.not_found`.',
      params: z.object({ file: z.string().max(300).meta({ description: '`<token>.ics`' }) }),
      produces: ['text/calendar'],
      response: { 200: icsBody, 404: errorBodySchema },
    },
  }, async (req, reply) => {
    const m = /^(.+)\.ics$/.exec(req.params.file);
    const workspace = m ? await findFeedWorkspace(pool, m[1]!) : null;
    if (!workspace) throw calendarNotFound();
    const now = new Date();
    const body = renderCalendar(workspace, await loadFeedItems(pool, workspace.id, now), { appOrigin: config.publicUrl, now });
    return reply
      .header('content-type', 'text/calendar; charset=utf-8')
      .header('content-disposition', `inline; filename="groundwork-${workspace.slug}.ics"`)
      // Personal and secret: no shared caches, no search engines, no leaking the URL onwards.
      .header('cache-control', 'private, max-age=300')
      .header('x-robots-tag', 'noindex, nofollow')
      .header('referrer-policy', 'no-referrer')
      .send(body);
  });
}
