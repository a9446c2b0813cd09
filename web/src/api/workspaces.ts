/** Workspaces, their settings, members and invitations. */
import { useQuery } from '@tanstack/react-query';
import type { BodyOf, ResponseOf } from '../../../src/http/contract.ts';
import type { workspaceContract } from '../../../src/workspace/contract.ts';
import { workspaceEndpoints } from '../../../src/workspace/endpoints.ts';
import { bind, call } from './client.ts';
import { keys } from './keys.ts';

const api = bind<typeof workspaceContract>(workspaceEndpoints);

export type Workspace = ResponseOf<typeof workspaceContract.getWorkspace>['workspace'];
export type Member = ResponseOf<typeof workspaceContract.listMembers>['members'][number];
export type Role = Member['role'];
export type CreatedInvitation = ResponseOf<typeof workspaceContract.createInvitation>;
export type WorkspaceChanges = BodyOf<typeof workspaceContract.updateWorkspace>;

export const useWorkspace = (ws: string) =>
  useQuery({
    queryKey: keys.workspace(ws),
    queryFn: async () => (await call(api.getWorkspace, { params: { workspaceId: ws } })).workspace,
  });

/** The workspace's time zone: posts are planned and shown in it (the server's default is UTC). */
export function useWorkspaceTimezone(ws: string): { timezone: string; isPending: boolean } {
  const workspace = useWorkspace(ws);
  const zone: unknown = workspace.data?.timezone;
  return { timezone: typeof zone === 'string' && zone ? zone : 'UTC', isPending: workspace.isPending };
}

export const createWorkspace = async (body: BodyOf<typeof workspaceContract.createWorkspace>) =>
  (await call(api.createWorkspace, { body })).workspace;

export const updateWorkspace = async (ws: string, body: WorkspaceChanges) =>
  (await call(api.updateWorkspace, { params: { workspaceId: ws }, body })).workspace;

export const useMembers = (ws: string) =>
  useQuery({ queryKey: keys.members(ws), queryFn: async () => (await call(api.listMembers, { params: { workspaceId: ws } })).members });

export const changeMemberRole = (ws: string, userId: string, role: Role) =>
  call(api.changeMemberRole, { params: { workspaceId: ws, userId }, body: { role } });

export const removeMember = (ws: string, userId: string) => call(api.removeMember, { params: { workspaceId: ws, userId } });

/** Pending invitations (members.manage only: `enabled` says whether the caller may ask). */
export const useInvitations = (ws: string, enabled: boolean) =>
  useQuery({
    queryKey: keys.invitations(ws),
    queryFn: async () => (await call(api.listInvitations, { params: { workspaceId: ws } })).invitations,
    enabled,
  });

export const createInvitation = (ws: string, body: BodyOf<typeof workspaceContract.createInvitation>) =>
  call(api.createInvitation, { params: { workspaceId: ws }, body });

export const revokeInvitation = (ws: string, invitationId: string) =>
  call(api.revokeInvitation, { params: { workspaceId: ws, invitationId } });

/** What an invitation link offers; no sign-in needed. */
export const previewInvitation = async (token: string) => (await call(api.previewInvitation, { params: { token } })).invitation;

/** Joins the invitation's workspace, signed in as the invited address. */
export const acceptInvitation = async (token: string) => (await call(api.acceptInvitation, { params: { token } })).workspace;
