/** /workspaces, their members and invitations: parse → authorize → call → present. */
import { requireActor } from '../auth/actor.ts';
import { errorResponses, noContent } from '../auth/route-responses.ts';
import type { App } from '../http/app.ts';
import { acceptInvitation, previewInvitation } from './accept-invitation.ts';
import { changeMemberRole } from './change-member-role.ts';
import { createInvitation } from './create-invitation.ts';
import { createWorkspace } from './create-workspace.ts';
import { listInvitations } from './list-invitations.ts';
import { listMembers } from './list-members.ts';
import { listWorkspaces } from './list-workspaces.ts';
import { removeMember } from './remove-member.ts';
import { revokeInvitation } from './revoke-invitation.ts';
import { getWorkspace, updateWorkspace } from './update-workspace.ts';
import {
  changeRoleBodySchema,
  createdInvitationResponseSchema,
  createInvitationBodySchema,
  createWorkspaceBodySchema,
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
  INVITATION_TTL_DAYS,
} from './schema.ts';

export async function workspaceRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const workspaces = ['workspaces'];
  const members = ['members'];

  app.post(
    '/workspaces',
    {
      config: { access: 'session' },
      schema: {
        tags: workspaces,
        summary: 'Create a workspace; you become its owner',
        body: createWorkspaceBodySchema,
        response: { 201: workspaceResponseSchema, ...errorResponses(400, 401, 403, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const workspace = await createWorkspace(pool, requireActor(request.actor), request.body);
      return reply.status(201).send({ workspace });
    },
  );

  app.get(
    '/workspaces',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: workspaces,
        summary: 'The workspaces you are a member of, with your role',
        response: { 200: workspaceListResponseSchema, ...errorResponses(401) },
      },
    },
    async (request) => ({ workspaces: await listWorkspaces(pool, requireActor(request.actor)) }),
  );

  app.get(
    '/workspaces/:workspaceId',
    {
      config: { access: 'workspace.read' },
      schema: {
        tags: workspaces,
        summary: 'One workspace, by id or slug, with its publishing settings',
        params: workspaceParamsSchema,
        response: { 200: workspaceResponseSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { workspace, role } = request.authorized;
      return { workspace: await getWorkspace(pool, workspace.id, role) };
    },
  );

  app.patch(
    '/workspaces/:workspaceId',
    {
      config: { access: 'workspace.manage' },
      schema: {
        tags: workspaces,
        summary: 'Rename a workspace or change its publishing settings; the slug stays',
        description:
          'Any of `name`, `timezone` (IANA; unknown → 400 `workspace.invalid_timezone`), `requireApproval`, ' +
          '`postingTimes` (1–12 `HH:mm`, stored sorted and unique). Changing the time zone never moves a planned or ' +
          'scheduled post: they keep their UTC instant. Each real change is audited.',
        params: workspaceParamsSchema,
        body: updateWorkspaceBodySchema,
        response: { 200: workspaceResponseSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
      },
    },
    async (request) => {
      return { workspace: await updateWorkspace(pool, requireActor(request.actor), request.authorized, request.body) };
    },
  );

  app.get(
    '/workspaces/:workspaceId/members',
    {
      config: { access: 'workspace.read' },
      schema: {
        tags: members,
        summary: "The workspace's members",
        params: workspaceParamsSchema,
        response: { 200: memberListResponseSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { workspace } = request.authorized;
      return { members: await listMembers(pool, workspace.id) };
    },
  );

  app.patch(
    '/workspaces/:workspaceId/members/:userId',
    {
      config: { access: 'members.manage' },
      schema: {
        tags: members,
        summary: "Change a member's role",
        description: 'The only owner cannot be demoted: 409 `member.last_owner`.',
        params: memberParamsSchema,
        body: changeRoleBodySchema,
        response: { 200: memberResponseSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { workspace } = request.authorized;
      const member = await changeMemberRole(pool, requireActor(request.actor), workspace.id, request.params.userId, request.body.role);
      return { member };
    },
  );

  app.delete(
    '/workspaces/:workspaceId/members/:userId',
    {
      config: { access: 'members.manage' },
      schema: {
        tags: members,
        summary: 'Remove a member',
        description: 'The only owner cannot be removed: 409 `member.last_owner`.',
        params: memberParamsSchema,
        response: { 204: noContent, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { workspace } = request.authorized;
      await removeMember(pool, requireActor(request.actor), workspace.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );

  const invitations = ['invitations'];

  app.post(
    '/workspaces/:workspaceId/invitations',
    {
      config: { access: 'members.manage' },
      schema: {
        tags: invitations,
        summary: 'Invite someone by email with a role, account or not',
        description:
          `Returns the single-use link (\`path\`, valid ${INVITATION_TTL_DAYS} days) once: no mail is sent, the inviter passes it on; ` +
          'only a hash of its secret is stored. A new invitation to the same address replaces a pending one. ' +
          'An address that is already a member answers 409 `member.exists`.',
        params: workspaceParamsSchema,
        body: createInvitationBodySchema,
        response: { 201: createdInvitationResponseSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { workspace } = request.authorized;
      const { invitation, token } = await createInvitation(pool, requireActor(request.actor), workspace.id, request.body);
      return reply.status(201).send({ invitation, token, path: `/invite/${token}` });
    },
  );

  app.get(
    '/workspaces/:workspaceId/invitations',
    {
      config: { access: 'members.manage' },
      schema: {
        tags: invitations,
        summary: 'Pending invitations: not yet accepted, revoked or expired',
        params: workspaceParamsSchema,
        response: { 200: invitationListResponseSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { workspace } = request.authorized;
      return { invitations: await listInvitations(pool, workspace.id) };
    },
  );

  app.delete(
    '/workspaces/:workspaceId/invitations/:invitationId',
    {
      config: { access: 'members.manage' },
      schema: {
        tags: invitations,
        summary: 'Revoke an invitation: its link stops working',
        description: 'Another workspace\'s invitation answers 404 `invitation.not_found`; an accepted one 410 `invitation.used`.',
        params: invitationParamsSchema,
        response: { 204: noContent, ...errorResponses(401, 403, 404, 410) },
      },
    },
    async (request, reply) => {
      const { workspace } = request.authorized;
      await revokeInvitation(pool, requireActor(request.actor), workspace.id, request.params.invitationId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/invitations/:token',
    {
      config: { access: 'public' },
      schema: {
        tags: invitations,
        summary: 'What an invitation link offers: workspace, role, invited address (no sign-in needed)',
        description: 'Unknown link: 404 `invitation.not_found`; used, revoked or expired: 410 `invitation.used|revoked|expired`.',
        params: invitationTokenParamsSchema,
        response: { 200: invitationPreviewResponseSchema, ...errorResponses(404, 410) },
      },
    },
    async (request) => ({ invitation: await previewInvitation(pool, request.params.token) }),
  );

  app.post(
    '/invitations/:token/accept',
    {
      config: { access: 'session' },
      schema: {
        tags: invitations,
        summary: 'Accept an invitation: join its workspace with its role (signed in as the invited address)',
        description:
          'Single use. Signed in as another address: 403 `invitation.email_mismatch`; already a member: 409 `member.exists`; ' +
          'used, revoked or expired: 410.',
        params: invitationTokenParamsSchema,
        response: { 200: workspaceResponseSchema, ...errorResponses(401, 403, 404, 409, 410) },
      },
    },
    async (request) => ({ workspace: await acceptInvitation(pool, requireActor(request.actor), request.params.token) }),
  );
}
