/**
 * The calendar feed, as src/calendar/contract.ts defines it: making, rotating and switching off its
 * secret URL, and the feed itself (unknown, rotated or malformed token → 404 JSON `calendar.not_found`).
 */
import { requireActor } from '../auth/actor.ts';
import { calendarContract as contract } from './contract.ts';
import { register, type App } from '../http/kit.ts';
import { calendarNotFound, disableCalendarFeed, findFeedWorkspace, loadFeedItems, renderCalendar, rotateCalendarFeed } from './ics.ts';

export async function calendarRoutes(app: App): Promise<void> {
  // The feed's URL and its links are on PUBLIC_URL, never the request's Host header: a forged Host
  // would otherwise hand a manager a feed URL pointing at someone else's server.
  const { pool, config } = app.deps;

  register(app, contract.createFeed, async (req, reply) => {
    const { workspace } = req.authorized;
    const { token: _secret, ...feed } = await rotateCalendarFeed(pool, requireActor(req.actor), workspace.id, req.body?.rotate === true);
    return reply
      .status(201)
      .header('cache-control', 'no-store')
      .send({ url: `${config.publicUrl}${feed.path}`, ...feed });
  });

  register(app, contract.deleteFeed, async (req, reply) => {
    const { workspace } = req.authorized;
    await disableCalendarFeed(pool, requireActor(req.actor), workspace.id);
    return reply.status(204).send(null);
  });

  register(app, contract.feedFile, async (req, reply) => {
    const m = /^(.+)\.ics$/.exec(req.params.file);
    const workspace = m ? await findFeedWorkspace(pool, m[1]!) : null;
    if (!workspace) throw calendarNotFound();
    const now = new Date();
    const body = renderCalendar(workspace, await loadFeedItems(pool, workspace.id, now), { appOrigin: config.publicUrl, now });
    return (
      reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('content-disposition', `inline; filename="groundwork-${workspace.slug}.ics"`)
        // Personal and secret: no shared caches, no search engines, no leaking the URL onwards.
        .header('cache-control', 'private, max-age=300')
        .header('x-robots-tag', 'noindex, nofollow')
        .header('referrer-policy', 'no-referrer')
        .send(body)
    );
  });
}
