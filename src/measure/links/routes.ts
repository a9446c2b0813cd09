/**
 * Tracked links, as ./contract.ts defines them: the redirector `/l/<code>` and the links list.
 *
 * The redirector answers from the link's row alone; counting the click is best effort in the same
 * request: a failure to count is logged (without the visitor's address: it is not in the error) and
 * the visitor is still sent on. Past days' visitor salts are deleted here too, every few minutes,
 * so a day's salt outlives its day by minutes even when nobody clicks.
 */
import { register, type App } from '../../http/kit.ts';
import { countClick } from './count-click.ts';
import { linksContract as contract } from './contract.ts';
import { findLink } from './find-link.ts';
import { listLinks } from './list-links.ts';
import { deletePastSalts, utcDay } from './visitor-salt.ts';

const SALT_SWEEP_MS = 10 * 60_000;

const NOT_FOUND_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Link not found</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>This link does not exist</h1>
<p>The short link you followed is not known here. It may have been mistyped or cut off when it was copied.</p>
</body></html>
`;

/** The target as a Location header can carry it: host in punycode, the rest percent-encoded. */
const locationOf = (target: string): string => {
  try {
    return new URL(target).href;
  } catch {
    return target;
  }
};

export async function linkRoutes(app: App): Promise<void> {
  const { pool, config } = app.deps;

  register(app, contract.followLink, async (req, reply) => {
    const link = await findLink(pool, req.params.code);
    // Nothing here may be cached: each click is counted, and the page of an unknown code is not an API error.
    reply.header('cache-control', 'no-store').header('x-robots-tag', 'noindex');
    if (!link) return reply.status(404).type('text/html; charset=utf-8').send(NOT_FOUND_PAGE);
    if (req.method === 'GET') {
      try {
        await countClick(pool, link, { ip: req.ip, userAgent: req.headers['user-agent'], referrer: req.headers.referer }, new Date());
      } catch (e) {
        req.log.warn({ link: link.id, error: (e as Error).message }, 'click not counted');
      }
    }
    // The target learns nothing of the short link (its UTM parameters say where the visit came from).
    return reply.header('referrer-policy', 'no-referrer').redirect(locationOf(link.targetUrl), 302);
  });

  register(app, contract.listLinks, async (req) => {
    const { workspace } = req.authorized;
    return { links: await listLinks(pool, workspace.id, config.publicUrl, req.query) };
  });

  let sweep: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    sweep = setInterval(() => {
      deletePastSalts(pool, utcDay(new Date())).catch((e: Error) => app.log.warn({ error: e.message }, 'past visitor salts not deleted'));
    }, SALT_SWEEP_MS);
    sweep.unref();
  });
  app.addHook('onClose', async () => clearInterval(sweep));
}
