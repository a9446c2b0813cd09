/** /workspaces and their members: parse → authorize → call → present. */
import { requireActor } from '../auth/actor.ts';
import { errorResponses, noContent } from '../auth/route-responses.ts';
import type { App } from '../http/app.ts';
import { addMember } from './add-member.ts';
import { authorize } from './authorize.ts';
import { changeMemberRole } from './change-member-role.ts';
import { createWorkspace } from './create-workspace.ts';
import { listMembers } from './list-members.ts';
import { listWorkspaces } from './list-workspaces.ts';
import { removeMember } from './remove-member.ts';
import { getWorkspace, updateWorkspace } from './update-workspace.ts';
import {
  addMemberBodySchema,
  changeRoleBodySchema,
  createWorkspaceBodySchema,
  memberListResponseSchema,
  memberParamsSchema,
  memberResponseSchema,
  updateWorkspaceBodySchema,
  workspaceListResponseSchema,
  workspaceParamsSchema,
  workspaceResponseSchema,
} from './schema.ts';

export async function workspaceRoutes(app: App): Promise<void> {
  const { pool } = app.deps;
  const workspaces = ['workspaces'];
  const members = ['members'];

  app.post(
    '/workspaces',
    {
      schema: {
        tags: workspaces,
        summary: 'Create a workspace; you become its owner',
        body: createWorkspaceBodySchema,
        response: { 201: workspaceResponseSchema, ...errorResponses(400, 401, 409, 413, 415) },
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
      schema: {
        tags: workspaces,
        summary: 'The workspaces you are a member of, with your role',
        response: { 200: workspaceListResponseSchema, ...errorResponses(401) },
      },
    },
    async (request) => ({ workspaces: await listWorkspaces(pool, requireActor(request.actor).userId) }),
  );

  app.get(
    '/workspaces/:workspaceId',
    {
      schema: {
        tags: workspaces,
        summary: 'One workspace, by id or slug, with its publishing settings (workspace.read)',
        params: workspaceParamsSchema,
        response: { 200: workspaceResponseSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { workspace, role } = await authorize(pool, request.actor, request.params.workspaceId, 'workspace.read');
      return { workspace: await getWorkspace(pool, workspace.id, role) };
    },
  );

  app.patch(
    '/workspaces/:workspaceId',
    {
      schema: {
        tags: workspaces,
        summary: 'Rename a workspace or change its publishing settings (workspace.manage); the slug stays',
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
      const target = await authorize(pool, request.actor, request.params.workspaceId, 'workspace.manage');
      return { workspace: await updateWorkspace(pool, requireActor(request.actor), target, request.body) };
    },
  );

  app.get(
    '/workspaces/:workspaceId/members',
    {
      schema: {
        tags: members,
        summary: "The workspace's members (workspace.read)",
        params: workspaceParamsSchema,
        response: { 200: memberListResponseSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { workspace } = await authorize(pool, request.actor, request.params.workspaceId, 'workspace.read');
      return { members: await listMembers(pool, workspace.id) };
    },
  );

  app.post(
    '/workspaces/:workspaceId/members',
    {
      schema: {
        tags: members,
        summary: 'Add an existing user, by email, with a role (members.manage)',
        description: 'The user must have signed up already: an unknown email answers 404 `member.user_not_found`.',
        params: workspaceParamsSchema,
        body: addMemberBodySchema,
        response: { 201: memberResponseSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request, reply) => {
      const { workspace } = await authorize(pool, request.actor, request.params.workspaceId, 'members.manage');
      const member = await addMember(pool, requireActor(request.actor), workspace.id, request.body);
      return reply.status(201).send({ member });
    },
  );

  app.patch(
    '/workspaces/:workspaceId/members/:userId',
    {
      schema: {
        tags: members,
        summary: "Change a member's role (members.manage)",
        description: 'The only owner cannot be demoted: 409 `member.last_owner`.',
        params: memberParamsSchema,
        body: changeRoleBodySchema,
        response: { 200: memberResponseSchema, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (request) => {
      const { workspace } = await authorize(pool, request.actor, request.params.workspaceId, 'members.manage');
      const member = await changeMemberRole(pool, requireActor(request.actor), workspace.id, request.params.userId, request.body.role);
      return { member };
    },
  );

  app.delete(
    '/workspaces/:workspaceId/members/:userId',
    {
      schema: {
        tags: members,
        summary: 'Remove a member (members.manage)',
        description: 'The only owner cannot be removed: 409 `member.last_owner`.',
        params: memberParamsSchema,
        response: { 204: noContent, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { workspace } = await authorize(pool, request.actor, request.params.workspaceId, 'members.manage');
      await removeMember(pool, requireActor(request.actor), workspace.id, request.params.userId);
      return reply.status(204).send(null);
    },
  );
}
