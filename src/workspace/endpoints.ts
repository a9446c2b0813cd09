/** Where the routes of /workspaces, their members and invitations are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const workspaceEndpoints = {
  createWorkspace: { method: 'POST', path: '/workspaces' },
  listWorkspaces: { method: 'GET', path: '/workspaces' },
  getWorkspace: { method: 'GET', path: '/workspaces/:workspaceId' },
  updateWorkspace: { method: 'PATCH', path: '/workspaces/:workspaceId' },
  listMembers: { method: 'GET', path: '/workspaces/:workspaceId/members' },
  changeMemberRole: { method: 'PATCH', path: '/workspaces/:workspaceId/members/:userId' },
  removeMember: { method: 'DELETE', path: '/workspaces/:workspaceId/members/:userId' },
  createInvitation: { method: 'POST', path: '/workspaces/:workspaceId/invitations' },
  listInvitations: { method: 'GET', path: '/workspaces/:workspaceId/invitations' },
  revokeInvitation: { method: 'DELETE', path: '/workspaces/:workspaceId/invitations/:invitationId' },
  previewInvitation: { method: 'GET', path: '/invitations/:token' },
  acceptInvitation: { method: 'POST', path: '/invitations/:token/accept' },
} as const satisfies Record<string, Endpoint>;
