/**
 * Tracked links, as ./contract.ts defines them: the redirector `/l/<code>` and the links list.
 *
 * The redirector answers from the link's row alone; counting the click is best effort in the same
 * request: a failure to count is logged (without the visitor's address: it is not in the error) and
 * the visitor is still sent on. Past days' visitor salts are deleted here too, every few minutes,
 * so a day's salt outlives its day by minutes even when nobody clicks.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from '../../errors.ts';
import { errorHandler } from '../../http/errors.ts';
import { register, type App } from '../../http/kit.ts';
import { countClick } from './count-click.ts';
import { linksContract as contract } from './contract.ts';
import { findLink } from './find-link.ts';
import { listLinks } from './list-links.ts';
import { sendUnknownLink } from './unknown-link.ts';
import { deletePastSalts, utcDay } from './visitor-salt.ts';

const SALT_SWEEP_MS = 10 * 60_000;

/** The target as a Location header can carry it: host in punycode, the rest percent-encoded. */
const locationOf = (target: string): string => {
  try {
    return new URL(target).href;
  } catch {
    return target;
  }
};

/** A code the request could not even carry (NUL, not text): the same page as an unknown one; anything else as usual. */
function redirectorErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const malformed = hasZodFastifySchemaValidationErrors(error) || (error instanceof AppError && error.code === 'request.invalid_text');
  return malformed ? sendUnknownLink(reply) : errorHandler(error, request, reply);
}

export async function linkRoutes(app: App): Promise<void> {
  const { pool, config } = app.deps;

  register(
    app,
    contract.followLink,
    async (req, reply) => {
      const link = await findLink(pool, req.params.code);
      if (!link) return sendUnknownLink(reply);
      if (req.method === 'GET') {
        try {
          await countClick(pool, link, { ip: req.ip, userAgent: req.headers['user-agent'], referrer: req.headers.referer }, new Date());
        } catch (e) {
          req.log.warn({ link: link.id, error: (e as Error).message }, 'click not counted');
        }
      }
      // Not cached: each click is counted. The target learns nothing of the short link (its UTM parameters say where the visit came from).
      return reply
        .header('cache-control', 'no-store')
        .header('x-robots-tag', 'noindex')
        .header('referrer-policy', 'no-referrer')
        .redirect(locationOf(link.targetUrl), 302);
    },
    { errorHandler: redirectorErrors },
  );

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
