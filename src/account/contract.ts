/** The API contract of the signed-in person's own things: /auth/me, /auth/session and /tokens (API tokens); routes in ./routes.ts. */
import { defineRoute } from '../http/contract.ts';
import { errorResponses, noContent } from '../http/responses.ts';
import { accountEndpoints as at } from './endpoints.ts';
import {
  createdTokenResponseSchema,
  createTokenBodySchema,
  meResponseSchema,
  sessionResponseSchema,
  tokenListResponseSchema,
  tokenParamsSchema,
} from './schema.ts';

export const accountContract = {
  me: defineRoute({
    ...at.me,
    access: 'signed-in',
    tags: ['auth'],
    summary: 'The signed-in user and their workspaces, with role and permissions',
    responses: { 200: meResponseSchema, ...errorResponses(401) },
  }),

  // The web app asks this on every load: signed out is a normal answer there, not an error (a 401
  // would show up as a console error in every browser that opens the sign-in page).
  session: defineRoute({
    ...at.session,
    access: 'public',
    tags: ['auth'],
    summary: 'Like /auth/me, but answers 200 with `user: null` when nobody is signed in',
    responses: { 200: sessionResponseSchema },
  }),

  createToken: defineRoute({
    ...at.createToken,
    access: 'session',
    tags: ['tokens'],
    summary: 'Create an API token acting as you in one workspace, read or write; its secret is shown once',
    body: createTokenBodySchema,
    responses: { 201: createdTokenResponseSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 429) },
  }),

  listTokens: defineRoute({
    ...at.listTokens,
    access: 'session',
    tags: ['tokens'],
    summary: 'Your active API tokens (never their secrets)',
    responses: { 200: tokenListResponseSchema, ...errorResponses(401, 403) },
  }),

  revokeToken: defineRoute({
    ...at.revokeToken,
    access: 'session',
    tags: ['tokens'],
    summary: 'Revoke one of your API tokens; it stops working at once',
    params: tokenParamsSchema,
    responses: { 204: noContent, ...errorResponses(401, 403, 404) },
  }),
};
