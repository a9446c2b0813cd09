/** /auth (sign up, in, out, me) and /tokens (API tokens): parse → authorize → call → present. */
import type { FastifyReply } from 'fastify';
import type { App, AppDeps } from '../http/app.ts';
import { listWorkspaces } from '../workspace/list-workspaces.ts';
import { requireActor } from './actor.ts';
import { changePassword } from './change-password.ts';
import { createApiToken } from './create-api-token.ts';
import { deleteSession } from './delete-session.ts';
import { listApiTokens } from './list-api-tokens.ts';
import { authRateLimit } from './rate-limit.ts';
import { revokeApiToken } from './revoke-api-token.ts';
import { errorResponses, noContent } from './route-responses.ts';
import {
  changePasswordBodySchema,
  createdTokenResponseSchema,
  passwordChangedSchema,
  createTokenBodySchema,
  meResponseSchema,
  sessionResponseSchema,
  signInBodySchema,
  signUpBodySchema,
  tokenListResponseSchema,
  tokenParamsSchema,
  userResponseSchema,
} from './schema.ts';
import { SESSION_COOKIE } from './secrets.ts';
import { signIn } from './sign-in.ts';
import { signUp, type SignedIn } from './sign-up.ts';

function cookieOptions(config: AppDeps['config']) {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: config.cookieSecure } as const;
}

function startSession(reply: FastifyReply, config: AppDeps['config'], { session }: SignedIn): void {
  reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions(config), maxAge: session.maxAgeSeconds });
}

export async function authRoutes(app: App): Promise<void> {
  const { pool, config } = app.deps;
  const auth = ['auth'];
  const tokens = ['tokens'];
  // Emails arrive lowercased by the body schemas; the account counter is per lowercase email.
  const limits = config.authRateLimits;
  const signUpLimit = authRateLimit(app, limits, 'signup', (req) => (req.body as { email: string }).email.toLowerCase());
  const signInLimit = authRateLimit(app, limits, 'signin', (req) => (req.body as { email: string }).email.toLowerCase());
  // Without a user the route answers 401 anyway: only the address counts then.
  const tokenLimit = authRateLimit(app, limits, 'token', (req) => req.actor?.userId ?? null);
  // Checks the current password: a stolen session must not become a way to guess it.
  const passwordLimit = authRateLimit(app, limits, 'password', (req) => req.actor?.userId ?? null);

  app.post(
    '/auth/signup',
    {
      config: { access: 'public' },
      schema: {
        tags: auth,
        summary: 'Create an account and sign in (sets the gw_session cookie)',
        description: 'Passwords are 10–200 characters (`auth.weak_password`). An email in use, in any case, answers 409 `auth.email_taken`.',
        body: signUpBodySchema,
        response: { 201: userResponseSchema, ...errorResponses(400, 401, 409, 413, 415, 429, 503) },
      },
      preHandler: signUpLimit,
    },
    async (request, reply) => {
      const signedIn = await signUp(pool, request.body, config.sessionTtlDays);
      startSession(reply, config, signedIn);
      return reply.status(201).send({ user: signedIn.user });
    },
  );

  app.post(
    '/auth/signin',
    {
      config: { access: 'public' },
      schema: {
        tags: auth,
        summary: 'Sign in with email and password (sets the gw_session cookie)',
        description:
          'A wrong email or password answers 401 `auth.invalid_credentials`, the same for both. Too many attempts from one ' +
          'address or on one email answer 429 `auth.rate_limited` with `Retry-After` (AUTH_RATE_*).',
        body: signInBodySchema,
        response: { 200: userResponseSchema, ...errorResponses(400, 401, 413, 415, 429, 503) },
      },
      preHandler: signInLimit,
    },
    async (request, reply) => {
      const signedIn = await signIn(pool, request.body, config.sessionTtlDays);
      startSession(reply, config, signedIn);
      return { user: signedIn.user };
    },
  );

  app.post(
    '/auth/signout',
    {
      config: { access: 'public' },
      schema: {
        tags: auth,
        summary: 'End the session and clear its cookie (always 204)',
        response: { 204: noContent, ...errorResponses(401) },
      },
    },
    async (request, reply) => {
      await deleteSession(pool, request.cookies[SESSION_COOKIE]);
      reply.clearCookie(SESSION_COOKIE, cookieOptions(config));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: auth,
        summary: 'The signed-in user and their workspaces, with role and permissions',
        response: { 200: meResponseSchema, ...errorResponses(401) },
      },
    },
    async (request) => {
      const actor = requireActor(request.actor);
      return {
        user: { id: actor.userId, email: actor.email, name: actor.name },
        workspaces: await listWorkspaces(pool, actor),
      };
    },
  );

  // The web app asks this on every load: signed out is a normal answer there, not an error (a 401
  // would show up as a console error in every browser that opens the sign-in page).
  app.get(
    '/auth/session',
    {
      config: { access: 'public' },
      schema: {
        tags: auth,
        summary: 'Like /auth/me, but answers 200 with `user: null` when nobody is signed in',
        response: { 200: sessionResponseSchema },
      },
    },
    async (request) => {
      const actor = request.actor;
      if (!actor) return { user: null, workspaces: [] };
      return { user: { id: actor.userId, email: actor.email, name: actor.name }, workspaces: await listWorkspaces(pool, actor) };
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: 'session' },
      schema: {
        tags: auth,
        summary: 'Change your password: your other sessions end; your API tokens are revoked too with revokeTokens',
        body: changePasswordBodySchema,
        response: { 200: passwordChangedSchema, ...errorResponses(400, 401, 403, 413, 415, 429, 503) },
      },
      preHandler: passwordLimit,
    },
    async (request) => changePassword(pool, requireActor(request.actor), request.cookies?.[SESSION_COOKIE], request.body),
  );

  app.post(
    '/tokens',
    {
      config: { access: 'session' },
      schema: {
        tags: tokens,
        summary: 'Create an API token acting as you in one workspace, read or write; its secret is shown once',
        body: createTokenBodySchema,
        response: { 201: createdTokenResponseSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 429) },
      },
      preHandler: tokenLimit,
    },
    async (request, reply) => {
      const created = await createApiToken(pool, requireActor(request.actor), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/tokens',
    {
      config: { access: 'session' },
      schema: {
        tags: tokens,
        summary: 'Your active API tokens (never their secrets)',
        response: { 200: tokenListResponseSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => ({ tokens: await listApiTokens(pool, requireActor(request.actor).userId) }),
  );

  app.delete(
    '/tokens/:id',
    {
      config: { access: 'session' },
      schema: {
        tags: tokens,
        summary: 'Revoke one of your API tokens; it stops working at once',
        params: tokenParamsSchema,
        response: { 204: noContent, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await revokeApiToken(pool, requireActor(request.actor), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
