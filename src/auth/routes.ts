/** /auth (sign up and its mailed confirmation, in, out, me) and /tokens (API tokens): parse → authorize → call → present. */
import type { FastifyReply } from 'fastify';
import type { App, AppDeps } from '../http/app.ts';
import { listWorkspaces } from '../workspace/list-workspaces.ts';
import { requireActor } from './actor.ts';
import { changePassword } from './change-password.ts';
import { confirmSignUp } from './confirm-sign-up.ts';
import { createApiToken } from './create-api-token.ts';
import { deleteSession } from './delete-session.ts';
import { listApiTokens } from './list-api-tokens.ts';
import { authRateLimit } from './rate-limit.ts';
import { requestSignUp } from './request-sign-up.ts';
import { revokeApiToken } from './revoke-api-token.ts';
import { errorResponses, noContent } from './route-responses.ts';
import {
  changePasswordBodySchema,
  checkEmailResponseSchema,
  confirmSignUpBodySchema,
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
import { SIGNUP_LINK_TTL_HOURS } from './sign-up-link.ts';
import { signUp, type SignedIn } from './sign-up.ts';

function cookieOptions(config: AppDeps['config']) {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: config.cookieSecure } as const;
}

function startSession(reply: FastifyReply, config: AppDeps['config'], { session }: SignedIn): void {
  reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions(config), maxAge: session.maxAgeSeconds });
}

export async function authRoutes(app: App): Promise<void> {
  const { pool, config, mailer } = app.deps;
  const auth = ['auth'];
  const tokens = ['tokens'];
  // Emails arrive lowercased by the body schemas; the account counter is per lowercase email.
  const limits = config.authRateLimits;
  const signUpLimit = authRateLimit(app, limits, 'signup', (req) => (req.body as { email: string }).email.toLowerCase());
  const signInLimit = authRateLimit(app, limits, 'signin', (req) => (req.body as { email: string }).email.toLowerCase());
  const signInAccountLimit = authRateLimit(app, limits, 'signin', (req) => (req.body as { email: string }).email.toLowerCase(), { accountOnly: true });
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
        summary: 'Create an account: by a mailed link when mail is configured, else at once (sets the gw_session cookie)',
        description:
          'Passwords are 10–200 characters (`auth.weak_password`). The answer never says whether the email has an account. ' +
          '**With mail configured (SMTP_URL)**, every address gets the same 202 `{ status: "check_email", email }`, no cookie: a new ' +
          `address is mailed a link \`/signup/confirm/<token>\`, valid ${SIGNUP_LINK_TTL_HOURS} h, that creates the account (POST ` +
          '/auth/signup/confirm); an address with an account is mailed that someone tried, with a link to sign in, and nothing changes. ' +
          '**Without mail**, a new address gets its account and a session (201). For an address with an account, its own password ' +
          'signs in (201, the same answer) and any other answers 401 `auth.invalid_credentials`, exactly like sign-in. That 401 still ' +
          'tells the requester the address cannot be used, which is why sign-ups are limited per client address and per email and ' +
          "count against that email's sign-in limit (429 `auth.rate_limited`, AUTH_RATE_*); configure SMTP_URL to close it completely.",
        body: signUpBodySchema,
        response: { 201: userResponseSchema, 202: checkEmailResponseSchema, ...errorResponses(400, 401, 413, 415, 429, 503) },
      },
      // Without mail a sign-up checks the password of an existing account: it is a sign-in attempt on it too.
      preHandler: mailer ? signUpLimit : [signUpLimit, signInAccountLimit],
    },
    async (request, reply) => {
      if (mailer) return reply.status(202).send(await requestSignUp(pool, mailer, request.body, config.publicUrl));
      const signedIn = await signUp(pool, request.body, config.sessionTtlDays);
      startSession(reply, config, signedIn);
      return reply.status(201).send({ user: signedIn.user });
    },
  );

  app.post(
    '/auth/signup/confirm',
    {
      config: { access: 'public' },
      schema: {
        tags: auth,
        summary: 'Finish a sign-up from its mailed link: creates the account and signs in (sets the gw_session cookie)',
        description: 'Each link works once. Unknown link: 404 `signup.not_found`; used or expired: 410 `signup.used|expired`.',
        body: confirmSignUpBodySchema,
        response: { 201: userResponseSchema, ...errorResponses(400, 404, 410, 413, 415) },
      },
    },
    async (request, reply) => {
      const signedIn = await confirmSignUp(pool, request.body.token, config.sessionTtlDays);
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
