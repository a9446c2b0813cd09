/** Inbox API shapes: the single source of their types (the web app imports them). */
import { z } from 'zod';
import { BULK_MAX } from './limits.ts';

export const INBOX_KINDS = ['mention', 'reply', 'quote', 'listening'] as const;
export const INBOX_STATUSES = ['open', 'pending', 'closed'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];
export type InboxStatus = (typeof INBOX_STATUSES)[number];

const ref = z.string().min(1).max(200);
const uuid = z.uuid();
export const workspaceParams = z.object({ workspaceId: ref });
export const itemParams = workspaceParams.extend({ itemId: uuid });
export const savedReplyParams = workspaceParams.extend({ savedReplyId: uuid });

/** A tag: lower-case words, digits and dashes, as people type them on an item. */
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(40)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}_-]*$/u, 'letters, digits, - and _ only');

const flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const listItemsQuery = z.object({
  /** Default: open. */
  status: z.enum([...INBOX_STATUSES, 'all']).default('open'),
  /** `me`, `unassigned`, or a member's id. */
  assignee: z.union([z.enum(['me', 'unassigned']), uuid]).optional(),
  tag: tagSchema.optional(),
  kind: z.enum(INBOX_KINDS).optional(),
  /** Only open items past their first-response target. */
  overdue: flag,
  /** Words in the text or the author's handle or name. */
  q: z.string().trim().min(1).max(200).optional(),
  /** The last item of the previous page (`nextCursor`). */
  cursor: uuid.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type ListItemsQuery = z.output<typeof listItemsQuery>;

const member = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

export const inboxItemSchema = z.object({
  id: z.uuid(),
  kind: z.enum(INBOX_KINDS),
  network: z.string(),
  /** The plan channel of the account it came to; null for listening hits on no account. */
  channel: z.string().nullable(),
  /** Whether the inbox can answer it (an account with a connector that replies). */
  canReply: z.boolean(),
  url: z.string().nullable(),
  author: z.string().nullable(),
  authorName: z.string().nullable(),
  text: z.string(),
  postedAt: z.string(),
  receivedAt: z.string(),
  status: z.enum(INBOX_STATUSES),
  assignee: member.nullable(),
  tags: z.array(z.string()),
  firstResponseAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** When the first response is due by the SLA. */
  dueAt: z.string(),
  overdue: z.boolean(),
  conversationId: z.uuid(),
});
export type InboxItemView = z.infer<typeof inboxItemSchema>;

export const itemListResponse = z.object({
  items: z.array(inboxItemSchema),
  nextCursor: z.uuid().nullable(),
  /** How many items the filters select, over all pages. */
  total: z.number().int(),
  /** The whole workspace's counts, whatever the filters. */
  counts: z.object({
    open: z.number().int(),
    pending: z.number().int(),
    closed: z.number().int(),
    overdue: z.number().int(),
    unassigned: z.number().int(),
    mine: z.number().int(),
  }),
});

export const replySchema = z.object({
  id: z.uuid(),
  text: z.string(),
  state: z.enum(['sending', 'sent', 'failed']),
  author: member.nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  remoteUrl: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ReplyView = z.infer<typeof replySchema>;

export const noteSchema = z.object({ id: z.uuid(), body: z.string(), author: member.nullable(), createdAt: z.string() });

export const itemDetailResponse = z.object({
  item: inboxItemSchema,
  /** Every item of its thread, oldest first (this one included). */
  conversation: z.array(
    inboxItemSchema.pick({ id: true, kind: true, author: true, authorName: true, text: true, postedAt: true, url: true }),
  ),
  replies: z.array(replySchema),
  notes: z.array(noteSchema),
  /** Other members with this item open in the last minute. */
  viewers: z.array(member.extend({ since: z.string() })),
  /** Replies others sent since you opened the item: answer twice only on purpose. */
  repliedSinceOpened: z.array(z.object({ by: z.string(), at: z.string() })),
});

export const updateItemBody = z
  .object({
    status: z.enum(INBOX_STATUSES).optional(),
    /** A member's id, or null to unassign. */
    assignee: uuid.nullable().optional(),
    tags: z.array(tagSchema).max(20).optional(),
  })
  .refine((b) => b.status !== undefined || b.assignee !== undefined || b.tags !== undefined, 'Give status, assignee or tags.');
export type UpdateItemBody = z.output<typeof updateItemBody>;

export const itemResponse = z.object({ item: inboxItemSchema });

export const bulkBody = z
  .object({
    ids: z.array(uuid).min(1).max(BULK_MAX),
    status: z.enum(INBOX_STATUSES).optional(),
    assignee: uuid.nullable().optional(),
    addTags: z.array(tagSchema).max(20).optional(),
    removeTags: z.array(tagSchema).max(20).optional(),
  })
  .refine(
    (b) => b.status !== undefined || b.assignee !== undefined || (b.addTags?.length ?? 0) + (b.removeTags?.length ?? 0) > 0,
    'Give status, assignee, addTags or removeTags.',
  );
export type BulkBody = z.output<typeof bulkBody>;
export const bulkResponse = z.object({ updated: z.number().int() });

export const noteBody = z.object({ body: z.string().trim().min(1).max(5000) });
export const noteResponse = z.object({ note: noteSchema });

export const replyBody = z.object({
  text: z.string().trim().min(1).max(5000),
  /** The same key for a repeat of the same reply (a retried request): never a second reply on the network. */
  idempotencyKey: z.uuid().optional(),
});
export const replyResponse = z.object({ reply: replySchema, item: inboxItemSchema });

export const savedReplySchema = z.object({ id: z.uuid(), name: z.string(), body: z.string(), updatedAt: z.string() });
export const savedReplyBody = z.object({ name: z.string().trim().min(1).max(120), body: z.string().trim().min(1).max(5000) });
export const savedReplyListResponse = z.object({ savedReplies: z.array(savedReplySchema) });
export const savedReplyResponse = z.object({ savedReply: savedReplySchema });
export const deletedResponse = z.object({ deleted: z.literal(true) });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour clock');
export const businessHoursSchema = z
  .object({
    timezone: z.string().min(1).max(100),
    start: hhmm,
    end: hhmm,
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'each day once'),
  })
  .refine((h) => h.end > h.start, { message: 'end must be after start', path: ['end'] });

export const slaSettingsSchema = z.object({
  /** Minutes to a first response (business minutes when business hours are set). */
  firstResponseMinutes: z.number().int().min(1).max(43200),
  /** null: every hour counts. */
  businessHours: businessHoursSchema.nullable(),
});
export const slaSettingsResponse = z.object({ settings: slaSettingsSchema });

export const statsQuery = z.object({
  /** ISO dates, inclusive; default the last 30 days. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const statsResponse = z.object({
  from: z.string(),
  to: z.string(),
  received: z.number().int(),
  answered: z.number().int(),
  /** answered / received; null when nothing came in. */
  responseRate: z.number().nullable(),
  /** Over the answered items, in (business) minutes; null when none was answered. */
  firstResponseMinutes: z.object({ median: z.number().nullable(), mean: z.number().nullable() }),
  /** Open, unanswered and past the target now. */
  overdue: z.number().int(),
});
