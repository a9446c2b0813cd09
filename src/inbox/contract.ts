/** The inbox API's contract: /workspaces/:ws/inbox — items, replies, notes, saved replies, the SLA and its figures. Routes in ./routes.ts. */
import { defineRoute } from '../http/contract.ts';
import { errorResponses } from '../http/responses.ts';
import { inboxEndpoints as at } from './endpoints.ts';
import {
  bulkBody,
  bulkResponse,
  deletedResponse,
  itemDetailResponse,
  itemListResponse,
  itemParams,
  itemResponse,
  listItemsQuery,
  noteBody,
  noteResponse,
  replyBody,
  replyResponse,
  savedReplyBody,
  savedReplyListResponse,
  savedReplyParams,
  savedReplyResponse,
  slaSettingsResponse,
  slaSettingsSchema,
  statsQuery,
  statsResponse,
  updateItemBody,
  workspaceParams,
} from './schema.ts';

const tags = ['inbox'] as const;
const errors = errorResponses(400, 401, 403, 404, 409, 422);

export const inboxContract = {
  listItems: defineRoute({
    ...at.listItems,
    access: 'inbox.read',
    tags,
    summary: 'Inbox items, newest first, filtered, with the counts per status',
    description:
      'Filters: `status` (default open; `all`), `assignee` (`me`, `unassigned` or a member id), `tag`, `kind`, `overdue=true`, `q` (text, author). ' +
      'Pages: pass the previous answer’s `nextCursor` as `cursor`.',
    params: workspaceParams,
    query: listItemsQuery,
    responses: { 200: itemListResponse, ...errors },
  }),

  getItem: defineRoute({
    ...at.getItem,
    access: 'inbox.read',
    tags,
    summary: 'One item with its conversation, replies and notes; records that you are viewing it',
    description:
      '`viewers`: other members with the item open in the last minute. `repliedSinceOpened`: replies others sent since you opened it. ' +
      'Call again every ~20 s while the item is shown (a heartbeat).',
    params: itemParams,
    responses: { 200: itemDetailResponse, ...errors },
  }),

  updateItem: defineRoute({
    ...at.updateItem,
    access: 'inbox.respond',
    tags,
    summary: 'Change the status, the assignee (a member, or null) or the tags of an item',
    description: 'Assigning to someone who is not a member → 422 `inbox.not_a_member`. Audited.',
    params: itemParams,
    body: updateItemBody,
    responses: { 200: itemResponse, ...errors },
  }),

  bulkUpdate: defineRoute({
    ...at.bulkUpdate,
    access: 'inbox.respond',
    tags,
    summary: 'Assign, set the status or add/remove tags of up to 100 items at once, all or none',
    description: 'An id that is not an item of the workspace → 404 naming it, and nothing changes.',
    params: workspaceParams,
    body: bulkBody,
    responses: { 200: bulkResponse, ...errors },
  }),

  addNote: defineRoute({
    ...at.addNote,
    access: 'inbox.respond',
    tags,
    summary: 'Add an internal note to an item (never sent)',
    params: itemParams,
    body: noteBody,
    responses: { 201: noteResponse, ...errors },
  }),

  sendReply: defineRoute({
    ...at.sendReply,
    access: 'inbox.respond',
    tags,
    summary: 'Reply to an item on its network, through the account it came to',
    description:
      'Threaded under the item (Bluesky: root and parent strong refs; Mastodon: in_reply_to_id). The first reply sets the first response time. ' +
      'Send the same `idempotencyKey` to repeat a request safely. Refusals: 422 `inbox.no_account`, `inbox.reply_unsupported`, ' +
      '`inbox.reconnect_needed`, `inbox.reply_rejected`, `inbox.reply_target_gone`; 503 `inbox.network_unavailable` (try again). Audited.',
    params: itemParams,
    body: replyBody,
    responses: { 201: replyResponse, ...errorResponses(400, 401, 403, 404, 409, 422, 503) },
  }),

  listSavedReplies: defineRoute({
    ...at.listSavedReplies,
    access: 'inbox.read',
    tags,
    summary: 'The saved replies of the workspace',
    params: workspaceParams,
    responses: { 200: savedReplyListResponse, ...errors },
  }),

  createSavedReply: defineRoute({
    ...at.createSavedReply,
    access: 'inbox.respond',
    tags,
    summary: 'Save a reply for reuse (its name unique in the workspace)',
    params: workspaceParams,
    body: savedReplyBody,
    responses: { 201: savedReplyResponse, ...errors },
  }),

  updateSavedReply: defineRoute({
    ...at.updateSavedReply,
    access: 'inbox.respond',
    tags,
    summary: 'Rename or rewrite a saved reply',
    params: savedReplyParams,
    body: savedReplyBody,
    responses: { 200: savedReplyResponse, ...errors },
  }),

  deleteSavedReply: defineRoute({
    ...at.deleteSavedReply,
    access: 'inbox.respond',
    tags,
    summary: 'Delete a saved reply',
    params: savedReplyParams,
    responses: { 200: deletedResponse, ...errors },
  }),

  getSettings: defineRoute({
    ...at.getSettings,
    access: 'inbox.read',
    tags,
    summary: 'The SLA: the first-response target and business hours',
    params: workspaceParams,
    responses: { 200: slaSettingsResponse, ...errors },
  }),

  updateSettings: defineRoute({
    ...at.updateSettings,
    access: 'workspace.manage',
    tags,
    summary: 'Set the SLA: minutes to a first response, and business hours (or null: every hour counts)',
    description: 'Items still waiting for a first response get their due time again under the new rules. Audited.',
    params: workspaceParams,
    body: slaSettingsSchema,
    responses: { 200: slaSettingsResponse, ...errors },
  }),

  getStats: defineRoute({
    ...at.getStats,
    access: 'inbox.read',
    tags,
    summary: 'Response rate and first response time (median, mean) of the items received in a period',
    description: 'Default: the last 30 days; at most 366. Minutes are business minutes where business hours are set.',
    params: workspaceParams,
    query: statsQuery,
    responses: { 200: statsResponse, ...errors },
  }),
};
