/**
 * What the redirector answers for a code it does not know — and for anything under `/l/` that is not
 * a code at all (a malformed path, a NUL, an over-long segment): a small HTML page with 404, never the
 * API's JSON. Someone who followed a broken short link reads it in a browser.
 */
import type { FastifyReply } from 'fastify';
import { fullPath } from '../../http/contract.ts';
import { linksEndpoints } from './endpoints.ts';

/** `/l/`: the redirector's paths. */
const PREFIX = fullPath(linksEndpoints.followLink).split(':')[0]!;

export const isRedirectorPath = (url: string): boolean => url.startsWith(PREFIX) || url === PREFIX.slice(0, -1);

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>Link not found</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
<h1>This link does not exist</h1>
<p>The short link you followed is not known here. It may have been mistyped or cut off when it was copied.</p>
</body></html>
`;

export const sendUnknownLink = (reply: FastifyReply): FastifyReply =>
  reply.status(404).header('cache-control', 'no-store').header('x-robots-tag', 'noindex').type('text/html; charset=utf-8').send(PAGE);
