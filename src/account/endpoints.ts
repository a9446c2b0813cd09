/** Where the signed-in person's own routes are: who they are, their workspaces, their API tokens (contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const accountEndpoints = {
  me: { method: 'GET', path: '/auth/me' },
  session: { method: 'GET', path: '/auth/session' },
  createToken: { method: 'POST', path: '/tokens' },
  listTokens: { method: 'GET', path: '/tokens' },
  revokeToken: { method: 'DELETE', path: '/tokens/:id' },
} as const satisfies Record<string, Endpoint>;
