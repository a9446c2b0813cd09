/**
 * Response shapes, inferred from the server's zod schemas (type-only imports: nothing of the
 * server is bundled). Plan documents come from the pure plan model, which the web app also runs.
 */
import type { z } from 'zod';
import type * as plan from '../../../src/plan-store/schema.ts';
import type * as ws from '../../../src/workspace/schema.ts';
import type * as auth from '../../../src/auth/schema.ts';
import type * as audit from '../../../src/audit/schema.ts';

export type { Campaign, CampaignInput, Finding, LintResult, Strategy, StrategyInput } from '../../../src/plan/schema.ts';
export type Session = z.infer<typeof auth.sessionResponseSchema>;
/** POST /auth/signup: signed in at once (no mail configured), or a message went to the address. */
export type SignUpAnswer = z.infer<typeof auth.userResponseSchema> | z.infer<typeof auth.checkEmailResponseSchema>;
export type Workspace = z.infer<typeof ws.workspaceWithRoleSchema>;
export type Member = z.infer<typeof ws.memberSchema>;
export type Invitation = z.infer<typeof ws.invitationSchema>;
export type CreatedInvitation = z.infer<typeof ws.createdInvitationResponseSchema>;
export type InvitationPreview = z.infer<typeof ws.invitationPreviewResponseSchema>['invitation'];
export type StrategySummary = z.infer<typeof plan.strategySummarySchema>;
export type CampaignSummary = z.infer<typeof plan.campaignSummarySchema>;
export type StrategyDetail = z.infer<typeof plan.strategyDetailResponse>;
export type CampaignDetail = z.infer<typeof plan.campaignDetailResponse>;
export type SavedStrategy = z.infer<typeof plan.savedStrategyResponse>;
export type SavedCampaign = z.infer<typeof plan.savedCampaignResponse>;
export type ImportResult = z.infer<typeof plan.importResponse>;

// ——— publishing: posts, review, schedule (src/publishing/schema.ts) ———
import type * as posts from '../../../src/publishing/schema.ts';
export type { PostAction, PostState } from '../../../src/content/state-machine.ts';
export type { VariantState } from '../../../src/publishing/schema.ts';
export type Post = z.infer<typeof posts.postSchema>;
export type PostVariant = z.infer<typeof posts.variantSchema>;
export type PostWarning = z.infer<typeof posts.warningSchema>;
export type PostComment = z.infer<typeof posts.commentSchema>;
export type PostDetail = z.infer<typeof posts.postDetailResponse>;
export type PostSaved = z.infer<typeof posts.postResponse>;
export type PostScheduled = z.infer<typeof posts.scheduleResponse>;
export type CreatePostInput = z.input<typeof posts.createPostBody>;
export type UpdatePostInput = z.input<typeof posts.updatePostBody>;
export type ScheduleInput = z.input<typeof posts.scheduleBody>;
export type VariantContentInput = z.input<typeof posts.variantContentSchema>;
export type BulkPostsInput = z.input<typeof posts.bulkPostsBody>;
export type BulkPostsResult = z.infer<typeof posts.bulkPostsResponse>;
export type BulkAction = BulkPostsInput['action'];
export type QueueView = z.infer<typeof posts.queueResponse>;
/** One entry of the workspace audit log (GET …/audit). */
export type AuditEntry = z.infer<typeof audit.auditEntrySchema>;

// ——— notifications (src/notifications/schema.ts) ———
import type * as notifications from '../../../src/notifications/schema.ts';
export type NotificationItem = z.infer<typeof notifications.notificationSchema>;
export type NotificationList = z.infer<typeof notifications.notificationListResponse>;

// ——— connected accounts (src/connections/schema.ts) ———
import type * as connections from '../../../src/connections/schema.ts';
export type ConnectionView = z.infer<typeof connections.connectionSchema>;
export type ConnectionList = z.infer<typeof connections.connectionListResponse>;
export type ConnectionSaved = z.infer<typeof connections.connectionResponse>;
export type ConnectionDeleted = z.infer<typeof connections.deleteConnectionResponse>;
export type ChannelSlot = ConnectionList['channels'][number];
export type ConnectorKind = ConnectionView['connector'];
