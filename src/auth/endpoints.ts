/** Where the routes of /auth (sign up and its confirmation, in, out, password) are (their contract entries: ./contract.ts). Free of schemas: the web app holds it at run time. */
import type { Endpoint } from '../http/contract.ts';

export const authEndpoints = {
  signUp: { method: 'POST', path: '/auth/signup' },
  confirmSignUp: { method: 'POST', path: '/auth/signup/confirm' },
  signIn: { method: 'POST', path: '/auth/signin' },
  signOut: { method: 'POST', path: '/auth/signout' },
  changePassword: { method: 'POST', path: '/auth/password' },
} as const satisfies Record<string, Endpoint>;
