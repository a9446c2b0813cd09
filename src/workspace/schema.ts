/** Request and response shapes of /workspaces and their members: the single source of their types. */
import { z } from 'zod';
import { emailSchema } from '../auth/email.ts';
import { PERMISSIONS, ROLES, type Permission } from './policy.ts';

export const SLUG_RE = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const roleSchema = z.enum(ROLES);
export const permissionSchema = z.enum(Object.keys(PERMISSIONS) as [Permission, ...Permission[]]);

/** `HH:mm`, 00:00–23:59. */
export const POSTING_TIME_RE = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
export const MAX_POSTING_TIMES = 12;

export const workspaceWithRoleSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  role: roleSchema.meta({ description: "The caller's role in this workspace." }),
  permissions: z.array(permissionSchema).meta({ description: 'What that role may do here.' }),
  timezone: z.string().meta({ description: 'IANA time zone posts are planned in (a connection may override it per channel).' }),
  requireApproval: z.boolean().meta({ description: 'Only approved posts can be scheduled.' }),
  allowSelfApproval: z.boolean().meta({
    description: "Where approval is required, whether a post's author may approve it (a one-person team); off: someone else must.",
  }),
  postingTimes: z.array(z.string()).meta({ description: '"Add to queue" slots, local `HH:mm`, sorted.' }),
  trackLinks: z.boolean().meta({
    description:
      'Links in posts are replaced by tracked short links (/l/<code>, with UTM parameters) when published; off: sent as written.',
  }),
  calendarFeed: z
    .object({
      active: z.boolean(),
      createdAt: z.string().nullable(),
      lastReadAt: z.string().nullable().meta({ description: 'When a calendar app last fetched the feed (null: never).' }),
    })
    .meta({ description: 'Whether the ICS feed exists (its URL is shown once, by POST …/calendar-feed).' }),
});
export type WorkspaceWithRole = z.infer<typeof workspaceWithRoleSchema>;

export const workspaceResponseSchema = z.object({ workspace: workspaceWithRoleSchema });
export const workspaceListResponseSchema = z.object({ workspaces: z.array(workspaceWithRoleSchema) });

const nameSchema = z.string().trim().min(1).max(200);

export const timezoneNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .meta({ description: 'IANA time zone such as Europe/Berlin; an unknown zone answers 400 `workspace.invalid_timezone`.' });

export const createWorkspaceBodySchema = z.object({
  name: nameSchema,
  slug: z
    .string()
    .regex(SLUG_RE, 'must be 1–63 lowercase letters, digits or "-", starting with a letter or digit')
    .optional()
    .meta({ description: 'Derived from the name when absent (made unique with -2, -3…).' }),
  timezone: timezoneNameSchema.optional().meta({ description: 'The IANA time zone posts are planned in; UTC when absent.' }),
});
export type CreateWorkspaceBody = z.infer<typeof createWorkspaceBodySchema>;

export const postingTimesSchema = z
  .array(z.string().regex(POSTING_TIME_RE, 'must be a local time written HH:mm, e.g. 09:30'))
  .min(1, 'at least one posting time is needed')
  .max(MAX_POSTING_TIMES, `at most ${MAX_POSTING_TIMES} posting times`)
  .transform((times) => [...new Set(times)].sort())
  .meta({ description: `1–${MAX_POSTING_TIMES} local times \`HH:mm\`; stored sorted, duplicates dropped.` });

/** PATCH /workspaces/:ws — any of the fields; at least one. */
export const updateWorkspaceBodySchema = z
  .strictObject({
    name: nameSchema.optional(),
    timezone: timezoneNameSchema.optional(),
    requireApproval: z.boolean().optional(),
    allowSelfApproval: z.boolean().optional(),
    postingTimes: postingTimesSchema.optional(),
    trackLinks: z.boolean().optional(),
  })
  .refine(
    (b) => Object.values(b).some((v) => v !== undefined),
    'nothing to change: send name, timezone, requireApproval, allowSelfApproval, postingTimes or trackLinks',
  );
export type UpdateWorkspaceBody = z.output<typeof updateWorkspaceBodySchema>;

export const workspaceParamsSchema = z.object({
  workspaceId: z.string().max(200).meta({ description: 'The workspace id (uuid) or its slug.' }),
});
export const memberParamsSchema = workspaceParamsSchema.extend({ userId: z.string().max(100) });

export const memberSchema = z.object({
  userId: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: z.string(),
});
export type Member = z.infer<typeof memberSchema>;

export const memberResponseSchema = z.object({ member: memberSchema });
export const memberListResponseSchema = z.object({ members: z.array(memberSchema) });

export const changeRoleBodySchema = z.object({ role: roleSchema });

// ——— invitations ———

/** How long an invitation link stays valid. */
export const INVITATION_TTL_DAYS = 7;

export const createInvitationBodySchema = z.object({
  email: emailSchema.meta({ description: 'Who is invited; they accept signed in with this address (or sign up with it).' }),
  role: roleSchema,
});
export type CreateInvitationBody = z.infer<typeof createInvitationBodySchema>;

export const invitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: roleSchema,
  invitedBy: z.string().nullable().meta({ description: "The inviter's name; null when they have left." }),
  createdAt: z.string(),
  expiresAt: z.string(),
});
export type Invitation = z.infer<typeof invitationSchema>;

export const createdInvitationResponseSchema = z.object({
  invitation: invitationSchema,
  token: z.string().meta({ description: 'The secret of the link: shown this once, stored only as a hash.' }),
  path: z.string().meta({ description: 'The link to give the invitee, relative to this server: `/invite/<token>`.' }),
});
export const invitationListResponseSchema = z.object({ invitations: z.array(invitationSchema) });
export const invitationParamsSchema = workspaceParamsSchema.extend({ invitationId: z.string().max(100) });
export const invitationTokenParamsSchema = z.object({ token: z.string().max(100) });

/** What the link shows before it is accepted: which workspace, as what, for whom. */
export const invitationPreviewResponseSchema = z.object({
  invitation: z.object({
    workspace: z.object({ name: z.string(), slug: z.string() }),
    email: z.string(),
    role: roleSchema,
    invitedBy: z.string().nullable(),
    expiresAt: z.string(),
  }),
});
export type InvitationPreview = z.infer<typeof invitationPreviewResponseSchema>['invitation'];
