/** /workspaces, their members and invitations, as ./contract.ts defines them: parse → authorize → call → present. */
import { requireActor } from '../auth/actor.ts';
import { register, type App } from '../http/kit.ts';
import { acceptInvitation, previewInvitation } from './accept-invitation.ts';
import { changeMemberRole } from './change-member-role.ts';
import { workspaceContract as contract } from './contract.ts';
import { createInvitation } from './create-invitation.ts';
import { createWorkspace } from './create-workspace.ts';
import { listInvitations } from './list-invitations.ts';
import { listMembers } from './list-members.ts';
import { listWorkspaces } from './list-workspaces.ts';
import { removeMember } from './remove-member.ts';
import { revokeInvitation } from './revoke-invitation.ts';
import { getWorkspace, updateWorkspace } from './update-workspace.ts';

export async function workspaceRoutes(app: App): Promise<void> {
  const { pool } = app.deps;

  register(app, contract.createWorkspace, async (request, reply) => {
    const workspace = await createWorkspace(pool, requireActor(request.actor), request.body);
    return reply.status(201).send({ workspace });
  });

  register(app, contract.listWorkspaces, async (request) => ({ workspaces: await listWorkspaces(pool, requireActor(request.actor)) }));

  register(app, contract.getWorkspace, async (request) => {
    const { workspace, role } = request.authorized;
    return { workspace: await getWorkspace(pool, workspace.id, role) };
  });

  register(app, contract.updateWorkspace, async (request) => {
    return { workspace: await updateWorkspace(pool, requireActor(request.actor), request.authorized, request.body) };
  });

  register(app, contract.listMembers, async (request) => {
    const { workspace } = request.authorized;
    return { members: await listMembers(pool, workspace.id) };
  });

  register(app, contract.changeMemberRole, async (request) => {
    const { workspace } = request.authorized;
    const member = await changeMemberRole(pool, requireActor(request.actor), workspace.id, request.params.userId, request.body.role);
    return { member };
  });

  register(app, contract.removeMember, async (request, reply) => {
    const { workspace } = request.authorized;
    await removeMember(pool, requireActor(request.actor), workspace.id, request.params.userId);
    return reply.status(204).send(null);
  });

  register(app, contract.createInvitation, async (request, reply) => {
    const { workspace } = request.authorized;
    const { invitation, token } = await createInvitation(pool, requireActor(request.actor), workspace.id, request.body);
    return reply.status(201).send({ invitation, token, path: `/invite/${token}` });
  });

  register(app, contract.listInvitations, async (request) => {
    const { workspace } = request.authorized;
    return { invitations: await listInvitations(pool, workspace.id) };
  });

  register(app, contract.revokeInvitation, async (request, reply) => {
    const { workspace } = request.authorized;
    await revokeInvitation(pool, requireActor(request.actor), workspace.id, request.params.invitationId);
    return reply.status(204).send(null);
  });

  register(app, contract.previewInvitation, async (request) => ({ invitation: await previewInvitation(pool, request.params.token) }));

  register(app, contract.acceptInvitation, async (request) => ({
    workspace: await acceptInvitation(pool, requireActor(request.actor), request.params.token),
  }));
}
