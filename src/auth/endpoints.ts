/** Where the routes of /auth (sign up and its confirmation, in, out, me) and /tokens are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const authEndpoints = {
  signUp: { method: 'POST', path: '/auth/signup' },
  confirmSignUp: { method: 'POST', path: '/auth/signup/confirm' },
  signIn: { method: 'POST', path: '/auth/signin' },
  signOut: { method: 'POST', path: '/auth/signout' },
  me: { method: 'GET', path: '/auth/me' },
  session: { method: 'GET', path: '/auth/session' },
  changePassword: { method: 'POST', path: '/auth/password' },
  createToken: { method: 'POST', path: '/tokens' },
  listTokens: { method: 'GET', path: '/tokens' },
  revokeToken: { method: 'DELETE', path: '/tokens/:id' },
} as const satisfies Record<string, Endpoint>;
