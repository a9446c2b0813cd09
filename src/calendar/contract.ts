/**
 * The calendar feed's contract: `POST|DELETE /api/v1/workspaces/:ws/calendar-feed` (workspace.manage)
 * make, rotate or switch off its secret URL; `GET /api/calendar/<token>.ics` serves it without
 * signing in (the token is the secret). Routes in src/publishing/ics-routes.ts.
 */
import { defineRoute } from '../http/contract.ts';
import { errorResponses, noContent } from '../http/responses.ts';
import { calendarEndpoints as at } from './endpoints.ts';
import { calendarFeedBody, calendarFeedParams, calendarFeedResponse, calendarFileParams, icsBody } from './schema.ts';

const tags = ['calendar'] as const;
const errors = errorResponses(400, 401, 403, 404, 409);

export const calendarContract = {
  createFeed: defineRoute({
    ...at.createFeed,
    access: 'workspace.manage',
    tags,
    summary: "Create the workspace's ICS calendar feed URL, or reset it with { rotate: true }",
    description:
      'Answers the secret feed URL — shown once: only its hash is stored. While a feed exists this answers 409 ' +
      '`calendar.feed_exists` unless the body is `{ "rotate": true }`: that makes a new URL, and every calendar subscribed to the ' +
      'old one stops updating (`rotated: true`). Subscribe to it in any calendar app; no sign-in is needed, the URL is the secret.',
    params: calendarFeedParams,
    body: calendarFeedBody,
    responses: { 201: calendarFeedResponse, ...errors },
  }),

  deleteFeed: defineRoute({
    ...at.deleteFeed,
    access: 'workspace.manage',
    tags,
    summary: 'Switch the calendar feed off: its URL answers 404',
    params: calendarFeedParams,
    responses: { 204: noContent, ...errors },
  }),

  /** At `/api/calendar/…` (not /api/v1): the feed itself, fetched by calendar apps. */
  feedFile: defineRoute({
    ...at.feedFile,
    access: 'public',
    tags,
    summary: 'The workspace calendar as ICS: scheduled and published posts (15 minutes each, UTC) and campaign periods (all-day)',
    description:
      'Path `/api/calendar/<token>.ics`. No authentication: the token is the secret. Unknown or rotated → 404 `calendar.not_found`.',
    params: calendarFileParams,
    produces: ['text/calendar'],
    responses: { 200: icsBody, ...errorResponses(404) },
  }),
};
