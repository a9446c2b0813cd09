/** Request and response shapes of the posts API: the single source of their types (the web app imports them). */
import { z } from 'zod';
import { idSchema, PLATFORMS } from '../plan/schema.ts';
import { POST_ACTIONS, POST_STATES } from '../content/state-machine.ts';

export const VARIANT_STATES = ['pending', 'scheduled', 'publishing', 'published', 'failed', 'cancelled', 'missed'] as const;
export type VariantState = (typeof VARIANT_STATES)[number];

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;
const realDate = (s: string) => {
  const [y, m, d] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};

export const localTimeSchema = z
  .string()
  .regex(LOCAL_RE, 'must be a local date and time written YYYY-MM-DDTHH:mm, e.g. 2027-05-04T09:30')
  .refine(realDate, 'must be a date that exists')
  .meta({ description: 'Wall-clock time in `timezone`, without offset: `YYYY-MM-DDTHH:mm`.' });

export const timezoneSchema = z
  .string()
  .min(1)
  .max(100)
  .meta({ description: 'IANA time zone, e.g. Europe/Berlin. Default: the workspace time zone. Unknown → 422 `post.invalid_timezone`.' });

const postText = z.string().max(100_000);

const IMAGE_URL_RE = /^(https?:\/\/\S+|data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+)$/i;

const altText = z.string({ error: 'alt text is required for every image' }).trim().min(1, 'alt text is required for every image').max(2000);

/** An image (or video) of a variant: by URL, or a file uploaded to the workspace (POST …/media). */
export const mediaSchema = z.union(
  [
    z.strictObject({
      url: z.string().max(1_500_000).regex(IMAGE_URL_RE, 'must be an http(s) URL or a data:image/…;base64 URL'),
      alt: altText,
    }),
    z.strictObject({
      mediaId: z
        .uuid('must be the id of a file uploaded to this workspace')
        .meta({ description: 'An upload of this workspace (POST …/media).' }),
      alt: altText,
    }),
  ],
  { error: 'give either url or mediaId (an uploaded file), with alt text' },
);

export const variantContentSchema = z
  .strictObject({
    text: postText.default(''),
    media: z.array(mediaSchema).max(20).default([]),
    /** A link shown as a card (Bluesky, LinkedIn…). */
    link: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2000)
      .optional(),
    /** The link card's title (Bluesky's external embed…); the page is not fetched, so the card shows what is written here. */
    linkTitle: z.string().trim().min(1).max(300).optional(),
    /** The link card's description. */
    linkDescription: z.string().trim().min(1).max(1000).optional(),
    /** Continuation posts, published as replies to the first (Bluesky, Mastodon, X, Threads). */
    thread: z.array(postText).max(50).default([]),
    /** Published as the first comment/reply right after the post. */
    firstComment: postText.optional(),
  })
  .refine((c) => c.link !== undefined || c.linkTitle === undefined, { message: 'a link card title needs a link', path: ['linkTitle'] })
  .refine((c) => c.link !== undefined || c.linkDescription === undefined, {
    message: 'a link card description needs a link',
    path: ['linkDescription'],
  });
export type VariantContentInput = z.input<typeof variantContentSchema>;

const utmValue = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]*$/u, 'must not contain control characters');

/** A post's link tracking (src/measure/links/): whether its links are wrapped at publish, and its own UTM values. */
export const postTrackingSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .optional()
      .meta({ description: "false: this post's links go out as written. Where the workspace tracks no links, none are wrapped." }),
    utmCampaign: utmValue.optional().meta({ description: '`utm_campaign` of its links; default the campaign id, else the strategy id.' }),
    utmContent: utmValue.optional().meta({ description: '`utm_content` of its links; default the variant id.' }),
  })
  .meta({ description: 'Link tracking of the post; `{}`: the defaults. A UTM parameter already in a link wins over both.' });
export type PostTracking = z.infer<typeof postTrackingSchema>;

const variantsInput = <T extends z.ZodType>(value: T) =>
  z
    .record(idSchema, value)
    .refine((r) => Object.keys(r).length <= 50, 'at most 50 channels')
    .meta({ description: 'Per-channel content, keyed by the strategy channel id.' });

export const createPostBody = z.strictObject({
  strategy: idSchema,
  campaign: idSchema.optional(),
  pillar: idSchema.optional(),
  state: z.enum(['idea', 'draft']).default('draft'),
  /** The planned time (not yet scheduled): where the post shows on the calendar. */
  localTime: localTimeSchema.optional(),
  timezone: timezoneSchema.optional(),
  tracking: postTrackingSchema.optional(),
  variants: variantsInput(variantContentSchema).refine((r) => Object.keys(r).length >= 1, 'at least one channel variant is required'),
});
export type CreatePostBody = z.output<typeof createPostBody>;

export const updatePostBody = z
  .strictObject({
    campaign: idSchema.nullable().optional(),
    pillar: idSchema.nullable().optional(),
    /** Change the planned time of a post that is not scheduled (null: no planned time); scheduled posts use reschedule. */
    localTime: localTimeSchema.nullable().optional(),
    timezone: timezoneSchema.optional(),
    /** The post's link tracking; `null`: back to the defaults. Not content: never sends the post back to review. */
    tracking: postTrackingSchema.nullable().optional(),
    /** Channels to add or replace; `null` removes a channel's variant. Channels not named stay as they are. */
    variants: variantsInput(variantContentSchema.nullable()).optional(),
    /** Why (recorded in the audit log). */
    reason: z.string().trim().min(1).max(1000).optional(),
  })
  .refine((b) => Object.keys(b).some((k) => k !== 'reason'), 'nothing to change');
export type UpdatePostBody = z.output<typeof updatePostBody>;

export const scheduleBody = z
  .strictObject({
    localTime: localTimeSchema.optional(),
    timezone: timezoneSchema.optional(),
    /** Put each channel's variant in the channel's next free queue slot (from the strategy's cadence). */
    queue: z.literal(true).optional(),
    reason: z.string().trim().min(1).max(1000).optional(),
    /** Schedule although a channel has no working account: its variant fails when due unless one is connected first. */
    allowUnconnected: z.literal(true).optional(),
  })
  .refine(
    (b) => !(b.queue && (b.localTime !== undefined || b.timezone !== undefined)),
    'give either queue: true or localTime (+ timezone), not both',
  )
  .refine((b) => b.timezone === undefined || b.localTime !== undefined, 'timezone needs a localTime')
  .meta({ description: '`{ localTime, timezone? }`, or `{ queue: true }`, or `{}` for the planned time the post already has.' });
export type ScheduleBody = z.output<typeof scheduleBody>;

/** Optional note on a transition (submit, approve, cancel…): recorded in the audit log and, for reviews, in the thread. */
export const transitionBody = z.strictObject({ comment: z.string().trim().min(1).max(5000).optional() }).nullish();
export const rejectBody = z.strictObject({ comment: z.string().trim().min(1, 'say what should change').max(5000) });
export const commentBody = z.strictObject({ body: z.string().trim().min(1).max(5000) });

const ref = z.string().min(1).max(200);
export const workspaceParams = z.object({ workspaceId: ref });
export const postParams = workspaceParams.extend({ postId: ref });

export const ifMatchHeaders = z.object({
  'if-match': z
    .string()
    .regex(/^(W\/)?"?\d+"?$/, 'must be the version number you last read, e.g. "3"')
    .optional()
    .describe('Optimistic concurrency: refuse the write (409 post.version_conflict) unless the post is at this version.'),
});

export const deletePostQuery = z.object({ reason: z.string().trim().min(1).max(1000).optional() });

const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(500)
    .transform((s, ctx) => {
      const parts = s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      for (const p of parts) {
        if (!(values as readonly string[]).includes(p)) {
          ctx.addIssue({ code: 'custom', message: `unknown value "${p}"; expected ${values.join(', ')}` });
          return z.NEVER;
        }
      }
      return parts as T[number][];
    });

/** ISO 8601 with offset. ISO has a year 0000 but Postgres does not (1 BC is followed by AD 1): querying with it fails. */
const instantSchema = z.iso
  .datetime({ offset: true })
  .refine((s) => !s.startsWith('0000-'), { message: 'must be an instant in year 0001 or later' });

export const listPostsQuery = z.object({
  state: csvOf(POST_STATES).optional().meta({ description: 'One state or several, comma-separated.' }),
  strategy: idSchema.optional(),
  channel: idSchema.optional(),
  campaign: idSchema.optional(),
  pillar: idSchema.optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .meta({ description: 'Text search: posts with a variant whose text contains this (case-insensitive).' }),
  author: z.uuid().optional().meta({ description: 'Posts created by this user (id).' }),
  from: instantSchema.optional().meta({ description: 'Posts planned at or after this instant.' }),
  to: instantSchema.optional().meta({ description: 'Posts planned before this instant.' }),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
export type ListPostsQuery = z.output<typeof listPostsQuery>;

export const BULK_ACTIONS = ['submit', 'approve', 'reschedule', 'cancel', 'delete'] as const;

export const bulkPostsBody = z
  .strictObject({
    action: z.enum(BULK_ACTIONS),
    /** Each post with the version the caller last saw (If-Match per item); without one, the post as it is. */
    posts: z
      .array(z.strictObject({ id: ref, version: z.number().int().min(1).optional() }))
      .min(1)
      .max(200)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'each post at most once'),
    /** reschedule: move each post's time by this many minutes of wall-clock time (a day is 1440, whatever the DST). */
    shiftMinutes: z
      .number()
      .int()
      .min(-527_040)
      .max(527_040)
      .refine((n) => n !== 0, 'a shift of 0 changes nothing')
      .optional(),
    /** reschedule: one local time for every post (in `timezone`, default each post's own zone). */
    localTime: localTimeSchema.optional(),
    timezone: timezoneSchema.optional(),
    /** reschedule: schedule although a channel has no working account (as for a single post). */
    allowUnconnected: z.literal(true).optional(),
    /** Recorded with each change (audit log; the review thread for submit and approve). */
    comment: z.string().trim().min(1).max(5000).optional(),
  })
  .refine(
    (b) =>
      b.action === 'reschedule' ||
      (b.shiftMinutes === undefined && b.localTime === undefined && b.timezone === undefined && !b.allowUnconnected),
    {
      message: 'shiftMinutes, localTime, timezone and allowUnconnected belong to reschedule',
    },
  )
  .refine((b) => b.action !== 'reschedule' || (b.shiftMinutes === undefined) !== (b.localTime === undefined), {
    message: 'reschedule needs either shiftMinutes or localTime',
  })
  .refine((b) => b.timezone === undefined || b.localTime !== undefined, { message: 'timezone needs a localTime', path: ['timezone'] })
  .meta({
    description:
      'One action on several posts. `reschedule` schedules each post at the new time (a scheduled post is moved; an approved one, or a ' +
      'draft where approval is not required, is scheduled): `{ shiftMinutes }` moves each from its own time, `{ localTime, timezone? }` sets one.',
  });
export type BulkPostsBody = z.output<typeof bulkPostsBody>;

// ——— responses ———

export const variantSchema = z.object({
  id: z.uuid(),
  channel: z.string(),
  /** The channel's platform in the strategy; null when the strategy no longer has the channel. */
  platform: z.enum(PLATFORMS).nullable(),
  content: variantContentSchema,
  state: z.enum(VARIANT_STATES),
  dueAt: z.string().nullable(),
  publishedAt: z.string().nullable(),
  remoteUrl: z.string().nullable(),
  lastError: z.string().nullable(),
});

export const postSchema = z.object({
  id: z.uuid(),
  strategy: z.string(),
  campaign: z.string().nullable(),
  pillar: z.string().nullable(),
  state: z.enum(POST_STATES),
  /** When the post is (or is planned to be) published, UTC; per-variant times are `variants[].dueAt`. */
  scheduledAt: z.string().nullable(),
  timezone: z.string(),
  /** `scheduledAt` as wall-clock time in `timezone`. */
  localTime: z.string().nullable(),
  version: z.number().int(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  tracking: postTrackingSchema,
  variants: z.array(variantSchema),
  /** What the caller may do next (buttons). */
  actions: z.array(z.enum(POST_ACTIONS)),
});
export type PostView = z.infer<typeof postSchema>;

export const warningSchema = z.object({
  code: z.string(),
  message: z.string(),
  channel: z.string().optional(),
  /** JSON pointer into the post body, when the warning is about one field. */
  path: z.string().optional(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type PostWarning = z.infer<typeof warningSchema>;

export const commentSchema = z.object({
  id: z.number().int(),
  kind: z.enum(['comment', 'approval', 'rejection']),
  body: z.string(),
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  createdAt: z.string(),
});
export type PostComment = z.infer<typeof commentSchema>;

export const postResponse = z.object({ post: postSchema, warnings: z.array(warningSchema) });
export const postDetailResponse = z.object({ post: postSchema, comments: z.array(commentSchema) });
export const postListResponse = z.object({ posts: z.array(postSchema) });
export const commentResponse = z.object({ comment: commentSchema });
export const scheduleResponse = postResponse.extend({
  schedule: z.object({
    /** The local time happened twice (DST overlap); the earlier instant was taken. */
    ambiguous: z.boolean(),
    alternatives: z.array(z.string()).optional(),
    /** Each channel's due time. */
    slots: z.array(z.object({ channel: z.string(), dueAt: z.string(), localTime: z.string(), timezone: z.string() })),
  }),
});

export const bulkItemResult = z.discriminatedUnion('ok', [
  /** `post` is absent for a deleted post. */
  z.object({ id: z.string(), ok: z.literal(true), post: postSchema.optional() }),
  z.object({ id: z.string(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string(), status: z.number().int() }) }),
]);
export type BulkItemResult = z.infer<typeof bulkItemResult>;
export const bulkPostsResponse = z.object({
  action: z.enum(BULK_ACTIONS),
  results: z.array(bulkItemResult),
  summary: z.object({ succeeded: z.number().int(), failed: z.number().int() }),
});
export type BulkPostsResult = z.infer<typeof bulkPostsResponse>;

// ——— the queue view ———

export const queueQuery = z.object({
  strategy: idSchema.optional(),
  free: z.coerce
    .number()
    .int()
    .min(1)
    .max(20)
    .default(5)
    .meta({ description: 'How many free slots to show per channel (the slots before them are filled).' }),
});
export type QueueQuery = z.output<typeof queueQuery>;

export const queueChannelSchema = z.object({
  strategy: z.string(),
  strategyName: z.string(),
  channel: z.string(),
  platform: z.enum(PLATFORMS),
  /** The zone the channel's slots are in (its connection's, else the workspace's). */
  timezone: z.string(),
  postsPerWeek: z.number().nullable(),
  /** The coming slots up to the `free`-th free one; a filled slot names the post going out then. */
  slots: z.array(
    z.object({
      at: z.string(),
      localTime: z.string(),
      post: z.object({ id: z.uuid(), state: z.enum(POST_STATES), text: z.string() }).nullable(),
    }),
  ),
});
export const queueResponse = z.object({ postingTimes: z.array(z.string()), channels: z.array(queueChannelSchema) });
export type QueueView = z.infer<typeof queueResponse>;
