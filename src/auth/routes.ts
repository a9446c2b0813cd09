/** /auth (sign up and its mailed confirmation, in, out, password), as ./contract.ts defines them: parse → authorize → call → present. */
import type { FastifyReply } from 'fastify';
import { register, type App, type AppDeps } from '../http/kit.ts';
import type { Mailer } from '../mail/mailer.ts';
import { requireActor } from './actor.ts';
import { changePassword } from './change-password.ts';
import { confirmSignUp } from './confirm-sign-up.ts';
import { authContract as contract } from './contract.ts';
import { deleteSession } from './delete-session.ts';
import { authRateLimit } from './rate-limit.ts';
import { requestSignUp } from './request-sign-up.ts';
import { SESSION_COOKIE } from './secrets.ts';
import { signIn } from './sign-in.ts';
import { signUp, type SignedIn } from './sign-up.ts';

declare module '../http/kit.ts' {
  interface AppDeps {
    /** Outgoing mail (SMTP_URL). Absent: no mail is sent, and sign-up is one step (auth/sign-up.ts). */
    mailer?: Mailer;
  }
}

function cookieOptions(config: AppDeps['config']) {
  return { httpOnly: true, sameSite: 'lax', path: '/', secure: config.cookieSecure } as const;
}

function startSession(reply: FastifyReply, config: AppDeps['config'], { session }: SignedIn): void {
  reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOptions(config), maxAge: session.maxAgeSeconds });
}

export async function authRoutes(app: App): Promise<void> {
  const { pool, config, mailer } = app.deps;
  // Emails arrive lowercased by the body schemas; the account counter is per lowercase email.
  const limits = config.authRateLimits;
  const signUpLimit = authRateLimit(app, limits, 'signup', (req) => (req.body as { email: string }).email.toLowerCase());
  const signInLimit = authRateLimit(app, limits, 'signin', (req) => (req.body as { email: string }).email.toLowerCase());
  const signInAccountLimit = authRateLimit(app, limits, 'signin', (req) => (req.body as { email: string }).email.toLowerCase(), {
    accountOnly: true,
  });
  // Checks the current password: a stolen session must not become a way to guess it.
  const passwordLimit = authRateLimit(app, limits, 'password', (req) => req.actor?.userId ?? null);

  register(
    app,
    contract.signUp,
    async (request, reply) => {
      if (mailer) return reply.status(202).send(await requestSignUp(pool, mailer, request.body, config.publicUrl));
      const signedIn = await signUp(pool, request.body, config.sessionTtlDays);
      startSession(reply, config, signedIn);
      return reply.status(201).send({ user: signedIn.user });
    },
    // Without mail a sign-up checks the password of an existing account: it is a sign-in attempt on it too.
    { preHandler: mailer ? signUpLimit : [signUpLimit, signInAccountLimit] },
  );

  register(app, contract.confirmSignUp, async (request, reply) => {
    const signedIn = await confirmSignUp(pool, request.body.token, config.sessionTtlDays);
    startSession(reply, config, signedIn);
    return reply.status(201).send({ user: signedIn.user });
  });

  register(
    app,
    contract.signIn,
    async (request, reply) => {
      const signedIn = await signIn(pool, request.body, config.sessionTtlDays);
      startSession(reply, config, signedIn);
      return { user: signedIn.user };
    },
    { preHandler: signInLimit },
  );

  register(app, contract.signOut, async (request, reply) => {
    await deleteSession(pool, request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, cookieOptions(config));
    return reply.status(204).send(null);
  });

  register(
    app,
    contract.changePassword,
    async (request) => changePassword(pool, requireActor(request.actor), request.cookies?.[SESSION_COOKIE], request.body),
    { preHandler: passwordLimit },
  );
}
