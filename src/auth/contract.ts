/** The API contract of /auth (sign up and its mailed confirmation, in, out, password): routes in ./routes.ts. */
import { defineRoute } from '../http/contract.ts';
import { errorResponses, noContent } from '../http/responses.ts';
import { authEndpoints as at } from './endpoints.ts';
import {
  changePasswordBodySchema,
  checkEmailResponseSchema,
  confirmSignUpBodySchema,
  passwordChangedSchema,
  signInBodySchema,
  SIGNUP_LINK_TTL_HOURS,
  signUpBodySchema,
  userResponseSchema,
} from './schema.ts';

export const authContract = {
  signUp: defineRoute({
    ...at.signUp,
    access: 'public',
    tags: ['auth'],
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
    responses: { 201: userResponseSchema, 202: checkEmailResponseSchema, ...errorResponses(400, 401, 413, 415, 429, 503) },
  }),

  confirmSignUp: defineRoute({
    ...at.confirmSignUp,
    access: 'public',
    tags: ['auth'],
    summary: 'Finish a sign-up from its mailed link: creates the account and signs in (sets the gw_session cookie)',
    description: 'Each link works once. Unknown link: 404 `signup.not_found`; used or expired: 410 `signup.used|expired`.',
    body: confirmSignUpBodySchema,
    responses: { 201: userResponseSchema, ...errorResponses(400, 404, 410, 413, 415) },
  }),

  signIn: defineRoute({
    ...at.signIn,
    access: 'public',
    tags: ['auth'],
    summary: 'Sign in with email and password (sets the gw_session cookie)',
    description:
      'A wrong email or password answers 401 `auth.invalid_credentials`, the same for both. Too many attempts from one ' +
      'address or on one email answer 429 `auth.rate_limited` with `Retry-After` (AUTH_RATE_*).',
    body: signInBodySchema,
    responses: { 200: userResponseSchema, ...errorResponses(400, 401, 413, 415, 429, 503) },
  }),

  signOut: defineRoute({
    ...at.signOut,
    access: 'public',
    tags: ['auth'],
    summary: 'End the session and clear its cookie (always 204)',
    responses: { 204: noContent, ...errorResponses(401) },
  }),

  changePassword: defineRoute({
    ...at.changePassword,
    access: 'session',
    tags: ['auth'],
    summary: 'Change your password: your other sessions end; your API tokens are revoked too with revokeTokens',
    body: changePasswordBodySchema,
    responses: { 200: passwordChangedSchema, ...errorResponses(400, 401, 403, 413, 415, 429, 503) },
  }),
};
