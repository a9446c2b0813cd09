/**
 * Tracked links' contract: the redirector `GET /l/<code>` (public, outside the API: the short links in
 * published posts) and `GET /api/v1/workspaces/:ws/links` (analytics.read), the links with their
 * clicks, unique visitors and referring domains. Routes in ./routes.ts.
 */
import { defineRoute } from '../../http/contract.ts';
import { errorResponses } from '../../http/responses.ts';
import { linksEndpoints as at } from './endpoints.ts';
import { htmlPage, linkCodeParams, linkListResponse, linksParams, listLinksQuery, redirectBody } from './schema.ts';

const tags = ['links'] as const;

export const linksContract = {
  /** At `/l/…` (not /api): what the short links in published posts point to. */
  followLink: defineRoute({
    ...at.followLink,
    access: 'public',
    tags,
    summary: 'A tracked short link: 302 to its target, the click counted',
    description:
      'Path `/l/<code>`. Answers 302 with `Location` = the target (the original URL with its UTM parameters) and counts the click, ' +
      'unless the user agent is a known bot (or absent) or the request is a HEAD. A visitor is recognised within one UTC day by a ' +
      'hash of address and user agent salted with that day’s random salt; no address is stored. Only the referrer’s domain is kept. ' +
      'An unknown or malformed code answers a 404 HTML page.',
    params: linkCodeParams,
    produces: ['text/html'],
    responses: { 302: redirectBody, 404: htmlPage },
  }),

  listLinks: defineRoute({
    ...at.listLinks,
    access: 'analytics.read',
    tags,
    summary: "The workspace's tracked links with their clicks, unique visitors and top referring domains",
    description: 'Most clicked first. `from`/`to` (UTC days, inclusive) limit what is counted, not which links are listed.',
    params: linksParams,
    query: listLinksQuery,
    responses: { 200: linkListResponse, ...errorResponses(400, 401, 403, 404) },
  }),
};
