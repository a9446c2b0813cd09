/** The listening API's contract: saved queries with their live check, mentions, sources and imports. Routes in ./routes.ts. */
import { defineRoute } from '../http/contract.ts';
import { errorResponses, noContent } from '../http/responses.ts';
import { listeningEndpoints as at } from './endpoints.ts';
import {
  checkQueryBody,
  checkQueryResponse,
  createQueryBody,
  createSourceBody,
  importBody,
  importHeaders,
  importMentionsQuery,
  importMentionsResponse,
  IMPORT_CONTENT_TYPES,
  listMentionsQuery,
  listQueriesQuery,
  mentionListResponse,
  queryListResponse,
  queryParams,
  queryResponse,
  sourceListResponse,
  sourceParams,
  sourceResponse,
  updateQueryBody,
  updateSourceBody,
  workspaceParams,
} from './schema.ts';

const tags = ['listening'] as const;

export const listeningContract = {
  listQueries: defineRoute({
    ...at.listQueries,
    access: 'listening.read',
    tags,
    summary: "The workspace's listening queries (active, or archived with `archived=true`), by name, with their match counts",
    params: workspaceParams,
    query: listQueriesQuery,
    responses: { 200: queryListResponse, ...errorResponses(400, 401, 403, 404) },
  }),

  createQuery: defineRoute({
    ...at.createQuery,
    access: 'listening.write',
    tags,
    summary: 'Save a listening query: it matches the mentions of the last 30 days at once, and every mention stored from now on',
    description:
      'A query that does not parse → 422 `listening.query_syntax` with the message and `details.position` (0-based). ' +
      'An unknown strategy → 404 `strategy.not_found`; a name in use → 409 `listening.query_name_taken`.',
    params: workspaceParams,
    body: createQueryBody,
    responses: { 201: queryResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
  }),

  checkQuery: defineRoute({
    ...at.checkQuery,
    access: 'listening.read',
    tags,
    summary: "Check a query as it is typed: where it does not parse, and which of the workspace's recent mentions it matches",
    description:
      'Always 200: `ok`, `error` ({ position, message } when it does not parse) and `preview`: up to 20 matching mentions among ' +
      "the workspace's 5,000 most recent, with how many of those match. Nothing is stored.",
    params: workspaceParams,
    body: checkQueryBody,
    responses: { 200: checkQueryResponse, ...errorResponses(400, 401, 403, 404) },
  }),

  updateQuery: defineRoute({
    ...at.updateQuery,
    access: 'listening.write',
    tags,
    summary: "Change a query's name, text, topic, role, strategy or needs-response flag",
    description:
      'The same checks as creating; an archived query → 409 `listening.query_archived`. A changed text is matched again against the last 30 days (matches that no longer hold are removed).',
    params: queryParams,
    body: updateQueryBody,
    responses: { 200: queryResponse, ...errorResponses(400, 401, 403, 404, 409, 422) },
  }),

  archiveQuery: defineRoute({
    ...at.archiveQuery,
    access: 'listening.write',
    tags,
    summary: 'Archive a query: it stops matching; its hits stay (idempotent)',
    params: queryParams,
    responses: { 200: queryResponse, ...errorResponses(400, 401, 403, 404) },
  }),

  listMentions: defineRoute({
    ...at.listMentions,
    access: 'listening.read',
    tags,
    summary: "The workspace's mentions, newest first, by query, sentiment, network, period and words, each with the queries it matched",
    description: 'Keyset-paginated: pass `nextBefore` as `before` for the next page.',
    params: workspaceParams,
    query: listMentionsQuery,
    responses: { 200: mentionListResponse, ...errorResponses(400, 401, 403, 404) },
  }),

  listSources: defineRoute({
    ...at.listSources,
    access: 'listening.read',
    tags,
    summary: 'Where mentions come from: Bluesky streams, Mastodon timelines, RSS/Atom feeds, with status, last error and last run',
    params: workspaceParams,
    responses: { 200: sourceListResponse, ...errorResponses(400, 401, 403, 404) },
  }),

  createSource: defineRoute({
    ...at.createSource,
    access: 'listening.write',
    tags,
    summary: 'Add a source of mentions',
    description:
      'bluesky: `{ url }` — a relay or PDS (`wss://…`) serving com.atproto.sync.subscribeRepos; mastodon: `{ url, stream }` — the ' +
      'instance and `public`, `public:local` or `hashtag:<tag>`; rss: `{ url }` — an RSS, Atom or JSON feed. Streams are read by the ' +
      'worker as they come, timelines and feeds every few minutes; each resumes from its cursor after a restart.',
    params: workspaceParams,
    body: createSourceBody,
    responses: { 201: sourceResponse, ...errorResponses(400, 401, 403, 404) },
  }),

  updateSource: defineRoute({
    ...at.updateSource,
    access: 'listening.write',
    tags,
    summary: 'Rename, enable or disable a source, or replace its config (which starts it afresh)',
    params: sourceParams,
    body: updateSourceBody,
    responses: { 200: sourceResponse, ...errorResponses(400, 401, 403, 404) },
  }),

  deleteSource: defineRoute({
    ...at.deleteSource,
    access: 'listening.write',
    tags,
    summary: 'Remove a source; the mentions it brought stay',
    params: sourceParams,
    responses: { 204: noContent, ...errorResponses(400, 401, 403, 404) },
  }),

  importMentions: defineRoute({
    ...at.importMentions,
    access: 'listening.write',
    tags,
    summary: 'Import mentions from CSV or JSONL (id, text, author, lang, url, posted_at, links, media), with a dry run',
    description:
      'Send `text/csv` (a header naming the columns) or `application/x-ndjson` (one object per line), at most 5 MB and 10,000 rows ' +
      '(413 `import.too_large` / `import.too_many_rows`). Required: `id` (the same id is stored once), `text`, `posted_at` (ISO 8601 ' +
      'with a zone). Optional: `author`, `lang`, `url`, `links` (CSV: URLs separated by spaces; JSONL: an array), `media` (a count). ' +
      'Any row in error → 422 `listening.import_invalid` with `details.errors` (line, column, message) and nothing stored. ' +
      'With `dryRun=true` nothing is stored either way.',
    params: workspaceParams,
    query: importMentionsQuery,
    headers: importHeaders,
    body: importBody,
    consumes: [IMPORT_CONTENT_TYPES.csv, IMPORT_CONTENT_TYPES.jsonl],
    responses: { 200: importMentionsResponse, ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
  }),
};
