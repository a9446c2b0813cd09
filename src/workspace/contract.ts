/** The API contract of /workspaces, their members and invitations: routes in ./routes.ts. */
import { defineRoute } from '../http/contract.ts';
import { errorResponses, noContent } from '../http/responses.ts';
import { workspaceEndpoints as at } from './endpoints.ts';
import {
  changeRoleBodySchema,
  createdInvitationResponseSchema,
  createInvitationBodySchema,
  createWorkspaceBodySchema,
  INVITATION_TTL_DAYS,
  invitationListResponseSchema,
  invitationParamsSchema,
  invitationPreviewResponseSchema,
  invitationTokenParamsSchema,
  memberListResponseSchema,
  memberParamsSchema,
  memberResponseSchema,
  updateWorkspaceBodySchema,
  workspaceListResponseSchema,
  workspaceParamsSchema,
  workspaceResponseSchema,
} from './schema.ts';

export const workspaceContract = {
  createWorkspace: defineRoute({
    ...at.createWorkspace,
    access: 'session',
    tags: ['workspaces'],
    summary: 'Create a workspace; you become its owner',
    body: createWorkspaceBodySchema,
    responses: { 201: workspaceResponseSchema, ...errorResponses(400, 401, 403, 409, 413, 415) },
  }),

  listWorkspaces: defineRoute({
    ...at.listWorkspaces,
    access: 'signed-in',
    tags: ['workspaces'],
    summary: 'The workspaces you are a member of, with your role',
    responses: { 200: workspaceListResponseSchema, ...errorResponses(401) },
  }),

  getWorkspace: defineRoute({
    ...at.getWorkspace,
    access: 'workspace.read',
    tags: ['workspaces'],
    summary: 'One workspace, by id or slug, with its publishing settings',
    params: workspaceParamsSchema,
    responses: { 200: workspaceResponseSchema, ...errorResponses(401, 403, 404) },
  }),

  updateWorkspace: defineRoute({
    ...at.updateWorkspace,
    access: 'workspace.manage',
    tags: ['workspaces'],
    summary: 'Rename a workspace or change its publishing settings; the slug stays',
    description:
      'Any of `name`, `timezone` (IANA; unknown → 400 `workspace.invalid_timezone`), `requireApproval`, ' +
      '`postingTimes` (1–12 `HH:mm`, stored sorted and unique). Changing the time zone never moves a planned or ' +
      'scheduled post: they keep their UTC instant. Each real change is audited.',
    params: workspaceParamsSchema,
    body: updateWorkspaceBodySchema,
    responses: { 200: workspaceResponseSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
  }),

  listMembers: defineRoute({
    ...at.listMembers,
    access: 'workspace.read',
    tags: ['members'],
    summary: "The workspace's members",
    params: workspaceParamsSchema,
    responses: { 200: memberListResponseSchema, ...errorResponses(401, 403, 404) },
  }),

  changeMemberRole: defineRoute({
    ...at.changeMemberRole,
    access: 'members.manage',
    tags: ['members'],
    summary: "Change a member's role",
    description: 'The only owner cannot be demoted: 409 `member.last_owner`.',
    params: memberParamsSchema,
    body: changeRoleBodySchema,
    responses: { 200: memberResponseSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
  }),

  removeMember: defineRoute({
    ...at.removeMember,
    access: 'members.manage',
    tags: ['members'],
    summary: 'Remove a member',
    description: 'The only owner cannot be removed: 409 `member.last_owner`.',
    params: memberParamsSchema,
    responses: { 204: noContent, ...errorResponses(401, 403, 404, 409) },
  }),

  createInvitation: defineRoute({
    ...at.createInvitation,
    access: 'members.manage',
    tags: ['invitations'],
    summary: 'Invite someone by email with a role, account or not',
    description:
      `Returns the single-use link (\`path\`, valid ${INVITATION_TTL_DAYS} days) once: no mail is sent, the inviter passes it on; ` +
      'only a hash of its secret is stored. A new invitation to the same address replaces a pending one. ' +
      'An address that is already a member answers 409 `member.exists`.',
    params: workspaceParamsSchema,
    body: createInvitationBodySchema,
    responses: { 201: createdInvitationResponseSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
  }),

  listInvitations: defineRoute({
    ...at.listInvitations,
    access: 'members.manage',
    tags: ['invitations'],
    summary: 'Pending invitations: not yet accepted, revoked or expired',
    params: workspaceParamsSchema,
    responses: { 200: invitationListResponseSchema, ...errorResponses(401, 403, 404) },
  }),

  revokeInvitation: defineRoute({
    ...at.revokeInvitation,
    access: 'members.manage',
    tags: ['invitations'],
    summary: 'Revoke an invitation: its link stops working',
    description: "Another workspace's invitation answers 404 `invitation.not_found`; an accepted one 410 `invitation.used`.",
    params: invitationParamsSchema,
    responses: { 204: noContent, ...errorResponses(401, 403, 404, 410) },
  }),

  previewInvitation: defineRoute({
    ...at.previewInvitation,
    access: 'public',
    tags: ['invitations'],
    summary: 'What an invitation link offers: workspace, role, invited address (no sign-in needed)',
    description: 'Unknown link: 404 `invitation.not_found`; used, revoked or expired: 410 `invitation.used|revoked|expired`.',
    params: invitationTokenParamsSchema,
    responses: { 200: invitationPreviewResponseSchema, ...errorResponses(404, 410) },
  }),

  acceptInvitation: defineRoute({
    ...at.acceptInvitation,
    access: 'session',
    tags: ['invitations'],
    summary: 'Accept an invitation: join its workspace with its role (signed in as the invited address)',
    description:
      'Single use. Signed in as another address: 403 `invitation.email_mismatch`; already a member: 409 `member.exists`; ' +
      'used, revoked or expired: 410.',
    params: invitationTokenParamsSchema,
    responses: { 200: workspaceResponseSchema, ...errorResponses(401, 403, 404, 409, 410) },
  }),
};
