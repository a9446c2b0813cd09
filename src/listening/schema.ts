/**
 * Listening API shapes: saved queries, the sources mentions come from, the mentions themselves and
 * their import. The single source of their types (the web app imports them). Pure (zod).
 */
import { z } from 'zod';
import { idSchema } from '../plan/schema.ts';

/** A mention's sentiment: 'unscored' where the model does not cover its language (./analyze.ts). Here, not there: the web app reads it. */
export const SENTIMENTS = ['positive', 'negative', 'neutral', 'unscored'] as const;
export type SentimentLabel = (typeof SENTIMENTS)[number];

// Ids are checked by lookup, not by shape: an unknown or foreign one answers the same 404.
const ref = z.string().min(1).max(200);
export const workspaceParams = z.object({ workspaceId: ref });
export const queryParams = workspaceParams.extend({ queryId: ref });
export const sourceParams = workspaceParams.extend({ sourceId: ref });

// ——— Queries ———

export const QUERY_ROLES = ['brand', 'competitor', 'topic'] as const;
/** The longest query the language takes (src/listening/query/); longer ones are refused with its own message. */
const QUERY_TEXT_MAX = 4096;

const name = z.string().trim().min(1).max(120);
const queryText = z
  .string()
  .min(1)
  .max(QUERY_TEXT_MAX)
  .meta({
    description:
      'The boolean query: terms, "phrases", AND / OR / NOT (or -term), parentheses, NEAR/n, wildcards (brew*), #tags, @handles, ' +
      'author: lang: channel: site: has:link has:media. Does not parse → 422 `listening.query_syntax` with `details.position`.',
  });
const topic = z.string().trim().min(1).max(120).nullable();

export const createQueryBody = z.strictObject({
  name,
  query: queryText,
  topic: topic.optional().meta({ description: 'Share-of-voice group: the brand query and its competitors share one topic.' }),
  role: z.enum(QUERY_ROLES).default('topic'),
  strategy: idSchema.nullable().optional().meta({ description: "A strategy of the workspace whose KPIs count this query's hits." }),
  needsResponse: z.boolean().default(false).meta({ description: 'Hits of this query land in the inbox as items that need a response.' }),
});
export type CreateQueryBody = z.output<typeof createQueryBody>;

export const updateQueryBody = z.strictObject({
  name: name.optional(),
  query: queryText.optional(),
  topic: topic.optional(),
  role: z.enum(QUERY_ROLES).optional(),
  strategy: idSchema.nullable().optional(),
  needsResponse: z.boolean().optional(),
});
export type UpdateQueryBody = z.output<typeof updateQueryBody>;

export const listQueriesQuery = z.object({
  /** Archived queries instead of the active ones. */
  archived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
});

export const queryView = z.object({
  id: z.uuid(),
  name: z.string(),
  query: z.string(),
  topic: z.string().nullable(),
  role: z.enum(QUERY_ROLES),
  strategy: z.string().nullable(),
  needsResponse: z.boolean(),
  /** Mentions this query matched, all time. */
  matches: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  archivedAt: z.string().nullable(),
});
export type QueryView = z.infer<typeof queryView>;
export const queryResponse = z.object({ query: queryView });
export const queryListResponse = z.object({ queries: z.array(queryView) });

export const checkQueryBody = z.strictObject({
  // Longer than the language allows, so an over-long query gets the language's own message and position.
  query: z.string().max(QUERY_TEXT_MAX * 2),
});

// ——— Mentions ———

export const NETWORKS = ['bluesky', 'mastodon', 'rss', 'import'] as const;
export type Network = (typeof NETWORKS)[number];

export const mentionView = z.object({
  id: z.uuid(),
  network: z.enum(NETWORKS),
  /** The network's own id: an at:// URI, a status URL, a feed item's guid, an imported row's id. */
  externalId: z.string(),
  url: z.string().nullable(),
  author: z.string().nullable(),
  authorName: z.string().nullable(),
  text: z.string(),
  lang: z.string().nullable(),
  langDetected: z.boolean(),
  links: z.array(z.string()),
  media: z.number().int(),
  replyTo: z.string().nullable(),
  postedAt: z.string(),
  receivedAt: z.string(),
  sentiment: z.enum(SENTIMENTS),
  sentimentScore: z.number().nullable(),
  source: z.string().nullable(),
  /** The ids of the queries it matched. */
  queries: z.array(z.string()),
});
export type MentionView = z.infer<typeof mentionView>;

export const checkQueryResponse = z.object({
  ok: z.boolean(),
  /** Where and why the query does not parse (null when it does). */
  error: z.object({ position: z.number().int(), message: z.string() }).nullable(),
  preview: z.object({
    /** Up to 20 of the matching mentions, newest first. */
    mentions: z.array(mentionView),
    /** How many of the scanned mentions match. */
    total: z.number().int(),
    /** How many of the workspace's most recently stored mentions were scanned. */
    scanned: z.number().int(),
  }),
});
export type CheckQueryResponse = z.infer<typeof checkQueryResponse>;

const moment = z.iso.datetime({ offset: true }).refine((v) => {
  const t = Date.parse(v);
  return t >= Date.UTC(2000, 0, 1) && t <= Date.UTC(2100, 0, 1);
}, 'must be between the years 2000 and 2100');

/** `<posted_at ISO>_<mention id>` of the last mention of the previous page. */
const MENTION_CURSOR = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const listMentionsQuery = z.object({
  query: ref.optional().meta({ description: 'Only mentions this query matched.' }),
  sentiment: z.enum(SENTIMENTS).optional(),
  network: z.enum(NETWORKS).optional(),
  from: moment.optional().meta({ description: 'Posted at or after (ISO 8601 with a zone).' }),
  to: moment.optional().meta({ description: 'Posted before (ISO 8601 with a zone).' }),
  search: z.string().trim().min(1).max(200).optional().meta({ description: 'Words the text contains (case-insensitive).' }),
  before: z.string().regex(MENTION_CURSOR, 'must be the nextBefore of the previous page').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListMentionsQuery = z.output<typeof listMentionsQuery>;

export const mentionListResponse = z.object({
  mentions: z.array(mentionView),
  /** Pass as `before` for the next page; null on the last. */
  nextBefore: z.string().nullable(),
});

// ——— Sources ———

export const SOURCE_KINDS = ['bluesky', 'mastodon', 'rss'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_STATUSES = ['idle', 'running', 'error'] as const;

const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);
const wsUrl = z.url({ protocol: /^wss?$/, error: 'must be a wss:// URL' }).max(2000);
/** A Mastodon stream: the whole federated timeline, the instance's own, or one hashtag. */
const MASTODON_STREAM = /^(public|public:local|hashtag:[\p{L}\p{N}_]{1,100})$/u;

export const SOURCE_CONFIG = {
  bluesky: z.strictObject({
    url: wsUrl.meta({
      description: 'A relay or PDS serving com.atproto.sync.subscribeRepos, e.g. wss://bsky.network (the whole network) or your PDS.',
    }),
  }),
  mastodon: z.strictObject({
    url: httpUrl.meta({ description: 'The instance, e.g. https://mastodon.social' }),
    stream: z
      .string()
      .regex(MASTODON_STREAM, 'must be public, public:local or hashtag:<tag>')
      .meta({ description: 'public (federated), public:local (this instance only) or hashtag:<tag>.' }),
  }),
  rss: z.strictObject({ url: httpUrl.meta({ description: 'An RSS, Atom or JSON Feed URL.' }) }),
} satisfies Record<SourceKind, z.ZodType>;
export type SourceConfig<K extends SourceKind = SourceKind> = z.infer<(typeof SOURCE_CONFIG)[K]>;

const sourceName = name.meta({ description: 'What the source is called in the list.' });

export const createSourceBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('bluesky'), name: sourceName, config: SOURCE_CONFIG.bluesky, enabled: z.boolean().default(true) }),
  z.strictObject({ kind: z.literal('mastodon'), name: sourceName, config: SOURCE_CONFIG.mastodon, enabled: z.boolean().default(true) }),
  z.strictObject({ kind: z.literal('rss'), name: sourceName, config: SOURCE_CONFIG.rss, enabled: z.boolean().default(true) }),
]);
export type CreateSourceBody = z.output<typeof createSourceBody>;

export const updateSourceBody = z.strictObject({
  name: sourceName.optional(),
  enabled: z.boolean().optional(),
  config: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: "Replaces the whole config; checked against the source's kind (400 `listening.invalid_source_config`)." }),
});
export type UpdateSourceBody = z.output<typeof updateSourceBody>;

export const sourceView = z.object({
  id: z.uuid(),
  kind: z.enum(SOURCE_KINDS),
  name: z.string(),
  config: z.record(z.string(), z.unknown()),
  enabled: z.boolean(),
  status: z.enum(SOURCE_STATUSES),
  lastError: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  /** Where the adapter resumes: the firehose seq, the newest status id, the feed's newest item. */
  cursor: z.string().nullable(),
  /** Mentions stored from this source. */
  mentions: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SourceView = z.infer<typeof sourceView>;
export const sourceResponse = z.object({ source: sourceView });
export const sourceListResponse = z.object({ sources: z.array(sourceView) });

// ——— Import ———

export const IMPORT_CONTENT_TYPES = { csv: 'text/csv', jsonl: 'application/x-ndjson' } as const;
export const MENTION_IMPORT_LIMITS = { bytes: 5 * 1024 * 1024, rows: 10_000 } as const;

export const importBody = z.string().describe('The CSV (text/csv) or JSONL (application/x-ndjson) file, UTF-8');
export const importHeaders = z.object({
  'content-type': z
    .string()
    .regex(/^(text\/csv|application\/x-ndjson|application\/jsonl)(;|\s|$)/i, 'send the file as text/csv or application/x-ndjson')
    .describe('text/csv or application/x-ndjson (charset utf-8)'),
});
export const importMentionsQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false)
    .meta({ description: 'Check and preview only: nothing is stored.' }),
});

export const importProblem = z.object({ line: z.number().int(), column: z.string().optional(), message: z.string() });
export type ImportProblem = z.infer<typeof importProblem>;

export const importMentionsResponse = z.object({
  dryRun: z.boolean(),
  summary: z.object({
    rows: z.number().int(),
    /** New mentions stored (or that would be, in a dry run). */
    imported: z.number().int(),
    /** Rows whose id is stored already (or repeated in the file): stored once. */
    duplicates: z.number().int(),
    /** New mentions that matched at least one query. */
    matched: z.number().int(),
  }),
});
